"""big workspaces: indexes for the weekly jobs' lists, and the learnt pace of scheduled posts

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 14:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import storage.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "post_pace",
        sa.Column("team_id", AutoString(length=32), nullable=False),
        sa.Column("rate", sa.Float(), nullable=False),
        sa.Column("limit_seen", sa.Float(), nullable=True),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("team_id"),
    )
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.create_index("ix_measure_done_at", ["team_id", "done_at"], unique=False)
    with op.batch_alter_table("measure_event", schema=None) as batch_op:
        batch_op.create_index("ix_measure_event_kind_at", ["team_id", "kind", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("measure_event", schema=None) as batch_op:
        batch_op.drop_index("ix_measure_event_kind_at")
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.drop_index("ix_measure_done_at")
    op.drop_table("post_pace")
