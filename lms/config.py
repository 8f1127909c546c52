"""Configuration from environment variables, with safe defaults for local use."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"


class ConfigError(RuntimeError):
    """The environment does not allow the app to start safely."""


def _bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _local_secret_key(instance: Path) -> str:
    """Return the secret key kept in ``instance/``, creating it once for local use."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def load_config(overrides: dict | None = None) -> dict:
    """Build the configuration mapping from the environment, then apply ``overrides``."""
    overrides = dict(overrides or {})
    env = overrides.get("APP_ENV") or os.environ.get("APP_ENV", "development")
    instance = Path(overrides.get("INSTANCE_PATH") or os.environ.get("INSTANCE_PATH", DEFAULT_INSTANCE))
    is_production = env == "production"
    secret = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if not secret:
        if is_production:
            raise ConfigError("SECRET_KEY must be set when APP_ENV=production")
        secret = _local_secret_key(instance)
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'lms.sqlite3'}"
    database_url = _postgres_driver(database_url)
    redis_url = os.environ.get("REDIS_URL") or None
    config = {
        "APP_ENV": env,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SQLITE_SYNCHRONOUS": os.environ.get("SQLITE_SYNCHRONOUS", "FULL"),
        "REDIS_URL": redis_url,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": is_production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": is_production,
        # Tests use a fast hash; everything else keeps werkzeug's scrypt default.
        "PASSWORD_HASH_METHOD": os.environ.get("PASSWORD_HASH_METHOD", "scrypt"),
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 12,
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "MAX_CONTENT_LENGTH": 25 * 1024 * 1024,
        # Static URLs carry a content hash (lms/assets.py), so they can be cached for a year.
        "SEND_FILE_MAX_AGE_DEFAULT": 365 * 24 * 3600,
        "UPLOAD_FOLDER": str(instance / "uploads"),
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Ho_Chi_Minh",
        "LANGUAGES": ("vi", "en"),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour"),
        "SOCKETIO_CORS_ORIGINS": _origins(os.environ.get("SOCKETIO_CORS_ORIGINS")),
        "CONTENT_DIR": os.environ.get("CONTENT_DIR", str(PROJECT_ROOT / "content")),
        "BACKGROUND_JOBS": _bool("BACKGROUND_JOBS", True),
    }
    config.update(overrides)
    return config


def _postgres_driver(url: str) -> str:
    """Point plain PostgreSQL URLs (including Heroku-style postgres://) at psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _origins(value: str | None):
    """Parse a comma-separated origin allow-list; None keeps Socket.IO same-origin only."""
    if not value:
        return None
    return [origin.strip() for origin in value.split(",") if origin.strip()]
