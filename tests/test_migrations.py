"""Migrations build exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from lms import create_app
from lms.extensions import db


def test_upgrade_from_empty_matches_the_models(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "INSTANCE_PATH": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.sqlite3'}"})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            include_name = app.extensions["migrate"].configure_args["include_name"]
            context = MigrationContext.configure(connection, opts={
                "compare_type": True, "include_name": include_name})
            diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_0005_fills_the_search_key_of_existing_accounts(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "INSTANCE_PATH": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'k.sqlite3'}"})
    with app.app_context():
        upgrade(revision="0004")
        db.session.execute(db.text(
            "INSERT INTO users (email, full_name, password_hash, role, is_active,"
            " must_change_password, session_token, created_at)"
            " VALUES ('an@x.vn', 'Đỗ Văn An', 'x', 'trainee', 1, 0, 't', '2026-01-01')"))
        db.session.commit()
        upgrade(revision="0005")
        key = db.session.execute(db.text("SELECT search_key FROM users")).scalar_one()
    assert key == "do van an an@x.vn"
