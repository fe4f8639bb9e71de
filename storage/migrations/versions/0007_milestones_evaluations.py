"""milestones (MLS-n), evaluations (阶段性评估), closing projects, retrospectives (RET-n), the practice library

New tables and the project's ``closed_at`` (empty: open); an upgrade keeps every row and
leaves every project open.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 14:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

import storage.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", storage.types.UTCDateTime(timezone=True), nullable=True))
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", AutoString(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", AutoString(length=200), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("created_by", AutoString(length=32), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "number", name="uq_milestone_number"),
    )
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.create_index("ix_milestone_due", ["team_id", "due"], unique=False)

    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", AutoString(length=32), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("milestone_id", sa.Integer(), nullable=True),
        sa.Column("actual", AutoString(length=40), nullable=True),
        sa.Column("result", AutoString(length=16), nullable=False),
        sa.Column("reasons", AutoString(length=3000), nullable=False),
        sa.Column("next_steps", AutoString(length=3000), nullable=False),
        sa.Column("created_by", AutoString(length=32), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["milestone_id"], ["milestone.id"]),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.create_index("ix_evaluation_project", ["team_id", "project_id"], unique=False)

    op.create_table(
        "retrospective",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", AutoString(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("started_by", AutoString(length=32), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "number", name="uq_retrospective_number"),
    )
    with op.batch_alter_table("retrospective", schema=None) as batch_op:
        batch_op.create_index("ix_retrospective_until", ["team_id", "until"], unique=False)

    op.create_table(
        "retro_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", AutoString(length=32), nullable=False),
        sa.Column("retro_id", sa.Integer(), nullable=False),
        sa.Column("user_id", AutoString(length=32), nullable=False),
        sa.Column("invited", sa.Boolean(), nullable=False),
        sa.Column("answered_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["retro_id"], ["retrospective.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("retro_id", "user_id", name="uq_retro_participant"),
    )
    with op.batch_alter_table("retro_participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retro_participant_retro_id"), ["retro_id"], unique=False)

    op.create_table(
        "retro_input",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", AutoString(length=32), nullable=False),
        sa.Column("retro_id", sa.Integer(), nullable=False),
        sa.Column("author_user_id", AutoString(length=32), nullable=False),
        sa.Column("keep", AutoString(length=3000), nullable=False),
        sa.Column("drop", AutoString(length=3000), nullable=False),
        sa.Column("suggestions", AutoString(length=3000), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["retro_id"], ["retrospective.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("retro_input", schema=None) as batch_op:
        batch_op.create_index("ix_retro_input_retro", ["team_id", "retro_id"], unique=False)

    op.create_table(
        "practice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", AutoString(length=32), nullable=False),
        sa.Column("kind", AutoString(length=8), nullable=False),
        sa.Column("text", AutoString(length=3000), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("retro_id", sa.Integer(), nullable=False),
        sa.Column("decided_by", AutoString(length=32), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"]),
        sa.ForeignKeyConstraint(["retro_id"], ["retrospective.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.create_index("ix_practice_team", ["team_id", "kind"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("practice", schema=None) as batch_op:
        batch_op.drop_index("ix_practice_team")
    op.drop_table("practice")
    with op.batch_alter_table("retro_input", schema=None) as batch_op:
        batch_op.drop_index("ix_retro_input_retro")
    op.drop_table("retro_input")
    with op.batch_alter_table("retro_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retro_participant_retro_id"))
    op.drop_table("retro_participant")
    with op.batch_alter_table("retrospective", schema=None) as batch_op:
        batch_op.drop_index("ix_retrospective_until")
    op.drop_table("retrospective")
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.drop_index("ix_evaluation_project")
    op.drop_table("evaluation")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index("ix_milestone_due")
    op.drop_table("milestone")
    # SQLite drops a column by rebuilding the table, which the other tables' foreign keys to the
    # project forbid: there ``closed_at`` (nullable, so older code never notices it) stays.
    if op.get_bind().dialect.name != "sqlite":
        with op.batch_alter_table("project", schema=None) as batch_op:
            batch_op.drop_column("closed_at")
