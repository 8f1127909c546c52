"""users.search_key: name and email folded for searches without diacritics

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 18:40:00

"""
from alembic import op
import sqlalchemy as sa

from lms.textfold import fold

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

users = sa.table("users", sa.column("id", sa.Integer), sa.column("full_name", sa.String),
                 sa.column("email", sa.String), sa.column("search_key", sa.String))


def upgrade():
    with op.batch_alter_table('users') as batch_op:
        batch_op.add_column(sa.Column('search_key', sa.String(length=400), nullable=False,
                                      server_default=''))
    # Fill existing accounts with the same folding the application uses.
    connection = op.get_bind()
    rows = connection.execute(sa.select(users.c.id, users.c.full_name, users.c.email)).all()
    for row in rows:
        key = fold(f"{row.full_name or ''} {row.email or ''}")
        connection.execute(users.update().where(users.c.id == row.id).values(search_key=key))


def downgrade():
    with op.batch_alter_table('users') as batch_op:
        batch_op.drop_column('search_key')
