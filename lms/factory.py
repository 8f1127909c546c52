"""The app factory: a short list of ``configure_*`` steps, one concern each."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask import Flask

import courses
import quizzes

from lms import assets, home, i18n, labels, live, security
from lms.accounts.cli import units_cli, users_cli
from lms.admin.unit_views import bp as admin_units_bp
from lms.admin.views import bp as admin_bp
from lms.auth.views import bp as auth_bp
from lms.config import PROJECT_ROOT, load_config
from lms.demo import demo_cli
from lms.errors import register_error_handlers
from lms.extensions import babel, csrf, db, limiter, login_manager, migrate, socketio
from lms.health import bp as health_bp
from lms.home import bp as home_bp
from lms.models import User
from lms.timeutil import render_migration_item


def create_app(config: dict | None = None) -> Flask:
    """Create and configure the application; ``config`` overrides environment settings."""
    settings = load_config(config)
    app = Flask(
        "lms",
        root_path=str(PROJECT_ROOT / "lms"),
        instance_path=settings["INSTANCE_PATH"],
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(settings)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    configure_database(app)
    configure_login(app)
    configure_extensions(app)
    register_error_handlers(app)
    configure_templates(app)
    configure_blueprints(app)
    configure_cli(app)
    return app


def configure_database(app: Flask) -> None:
    """Bind SQLAlchemy and Flask-Migrate; SQLite connections get WAL, timeouts, FKs."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"),
                     render_as_batch=True, compare_type=True,
                     render_item=render_migration_item, include_name=include_in_migrations)
    synchronous = app.config["SQLITE_SYNCHRONOUS"]
    if synchronous not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise ValueError("SQLITE_SYNCHRONOUS must be OFF, NORMAL, FULL or EXTRA")
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas(synchronous))


def include_in_migrations(name, type_, _parent_names) -> bool:
    """Keep full-text index tables (``*_fts`` and their shadow tables) out of autogenerate.

    They are virtual tables the ORM does not model; migrations create them by hand.
    """
    return not (type_ == "table" and name and (name.endswith("_fts") or "_fts_" in name))


def _sqlite_pragmas(synchronous: str):
    """Return a connect hook giving each SQLite connection WAL, a busy timeout and FKs."""
    def on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()
    return on_connect


def configure_login(app: Flask) -> None:
    """Load users from the session; a changed session token ends old sessions."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = i18n.lazy("Please sign in to open this page.")
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(identity: str) -> User | None:
        user_id, _, token = identity.partition(":")
        if not user_id.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not token or user.session_token != token:
            return None
        return user


def configure_extensions(app: Flask) -> None:
    """Bind CSRF, Babel, the rate limiter, security headers and Socket.IO."""
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale,
                   timezone_selector=lambda: app.config["BABEL_DEFAULT_TIMEZONE"])
    limiter.init_app(app)
    security.init_app(app)
    assets.init_app(app)
    i18n.init_app(app)
    socketio.init_app(
        app,
        async_mode="gevent",
        message_queue=app.config["REDIS_URL"],
        cors_allowed_origins=app.config["SOCKETIO_CORS_ORIGINS"],
        manage_session=False,
        # Live payloads are small; a bigger one is a client bug or an attack.
        max_http_buffer_size=64 * 1024,
    )


def configure_templates(app: Flask) -> None:
    """Expose the code-to-label tables to every template."""
    app.jinja_env.globals.update(
        ROLE_LABELS=labels.ROLE_LABELS, POSITION_LABELS=labels.POSITION_LABELS,
        CADRE_TYPE_LABELS=labels.CADRE_TYPE_LABELS, UNIT_KIND_LABELS=labels.UNIT_KIND_LABELS,
        SECTOR_LABELS=labels.SECTOR_LABELS,
        AUDIT_ACTION_LABELS=labels.AUDIT_ACTION_LABELS)


def configure_blueprints(app: Flask) -> None:
    """Register the core blueprints, then each feature package."""
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(admin_units_bp)
    app.register_blueprint(home_bp)
    app.register_blueprint(health_bp)
    home.init_app(app)
    for feature in _feature_packages():
        feature.init_app(app)


def _feature_packages() -> list:
    """Return the feature packages in import-direction order (courses, quizzes, live)."""
    return [courses, quizzes, live]


def configure_cli(app: Flask) -> None:
    """Register the ``flask users``, ``flask units`` and ``flask demo`` command groups."""
    app.cli.add_command(users_cli)
    app.cli.add_command(units_cli)
    app.cli.add_command(demo_cli)
