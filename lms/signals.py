"""Signals that let feature packages react to core events without core importing them."""
from blinker import Namespace

_signals = Namespace()

# Sent with the user id when every session of a user must end (logout, deactivation,
# password or role change). The live classroom disconnects that user's sockets.
user_sessions_revoked = _signals.signal("user-sessions-revoked")
