"""Upgrading a database that holds data to step 5 (0007): every project stays open, the new
tables start empty; downgrading to the charter (0005) keeps the projects and their measures."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from storage.db import MIGRATIONS_DIR
from tests.storage.test_migration_charter import seeded_and_upgraded


def test_step_5_keeps_the_data_up_and_down(fresh_url: str) -> None:
    engine = seeded_and_upgraded(fresh_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name, closed_at FROM project ORDER BY id")).all() == [
                ("Launch", None),
                ("Other", None),
            ]
            for table in (
                "milestone",
                "evaluation",
                "retrospective",
                "retro_participant",
                "retro_input",
                "practice",
            ):
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0005")
        with engine.connect() as conn:
            assert [r[0] for r in conn.execute(text("SELECT name FROM project ORDER BY id"))] == [
                "Launch",
                "Other",
            ]
            assert conn.execute(text("SELECT count(*) FROM measure")).scalar_one() == 2
    finally:
        engine.dispose()
