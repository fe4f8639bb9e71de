"""everyday surfaces: archived departments, problems logged from a message, the history of
departments and problems, who has opened the Home tab

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 13:42:13.177849
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import storage.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "home_tab",
        sa.Column("team_id", AutoString(length=32), nullable=False),
        sa.Column("user_id", AutoString(length=32), nullable=False),
        sa.Column("opened_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "user_id"),
    )
    op.create_table(
        "record_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", AutoString(length=32), nullable=False),
        sa.Column("record_kind", AutoString(length=16), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("field", AutoString(length=16), nullable=False),
        sa.Column("from_value", AutoString(length=3000), nullable=True),
        sa.Column("to_value", AutoString(length=3000), nullable=True),
        sa.Column("actor_user_id", AutoString(length=32), nullable=False),
        sa.Column("at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("record_change", schema=None) as batch_op:
        batch_op.create_index(
            "ix_record_change_record", ["team_id", "record_kind", "record_id", "at"], unique=False
        )

    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived_at", storage.types.UTCDateTime(timezone=True), nullable=True))

    # existing problems were not logged from a message: an empty link
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source_link", AutoString(length=1000), nullable=False, server_default="")
        )


def downgrade() -> None:
    # SQLite drops a column by rebuilding the table, which the other tables' foreign keys to
    # problem and department forbid once they hold data; the two columns have defaults, so older
    # code never notices them: on SQLite they stay.
    if op.get_bind().dialect.name != "sqlite":
        with op.batch_alter_table("problem", schema=None) as batch_op:
            batch_op.drop_column("source_link")

        with op.batch_alter_table("department", schema=None) as batch_op:
            batch_op.drop_column("archived_at")

    with op.batch_alter_table("record_change", schema=None) as batch_op:
        batch_op.drop_index("ix_record_change_record")

    op.drop_table("record_change")
    op.drop_table("home_tab")
