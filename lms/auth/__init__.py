"""Sign in, sign out, password change and language choice."""
