"""The migrations build exactly the schema the SQLModel tables describe (on both databases):
a model change without its migration fails here."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from tests.dbs import TestDatabase


def test_migrated_schema_matches_the_models(db: TestDatabase) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_migrations_are_at_head_and_every_table_has_team_id(db: TestDatabase) -> None:
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0006"
        tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
    assert tables == set(SQLModel.metadata.tables)
    for name, table in SQLModel.metadata.tables.items():
        assert "team_id" in table.columns, name
