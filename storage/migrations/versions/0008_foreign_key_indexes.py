"""indexes on the foreign keys of the tables that grow with the workspace

Deleting a parent row makes the database look for its children by the foreign key column;
without an index that leads with it, every deleted measure, department or sync prompt scans
the whole child table (on PostgreSQL its dead rows too): purging a 100,000-measure workspace did
not finish in 3 minutes. Indexes only: an upgrade keeps every row.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 17:35:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column): each gets ix_<table>_<column>, as the models declare it (Field(index=True))
INDEXED = (
    ("measure", "department_id"),
    ("measure_event", "measure_id"),
    ("sync_prompt", "department_id"),
    ("sync_prompt_item", "prompt_id"),
    ("sync_prompt_item", "measure_id"),
)


def upgrade() -> None:
    for table, column in INDEXED:
        op.create_index(f"ix_{table}_{column}", table, [column], unique=False)


def downgrade() -> None:
    for table, column in reversed(INDEXED):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
