"""migrate() from several processes at once against a fresh database: all succeed, schema at head once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from storage.db import MIGRATIONS_DIR, make_engine

ROOT = Path(__file__).resolve().parents[2]

# Each process imports everything, says "ready", waits for "go" on stdin, then migrates: the
# parent releases all of them together once every one is ready (a barrier, not a sleep).
MIGRATE = """
import sys
from storage.db import make_engine, migrate
engine = make_engine(sys.argv[1])
print("ready", flush=True)
assert sys.stdin.readline().strip() == "go"
migrate(engine)
engine.dispose()
print("migrated", flush=True)
"""


def head_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def test_concurrent_migrate_on_a_fresh_database(fresh_url: str) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATE, fresh_url],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    try:
        for p in procs:
            assert p.stdout is not None
            assert p.stdout.readline().strip() == "ready", p.stderr.read() if p.stderr else ""
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        outcomes = [p.communicate(timeout=60) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:  # pragma: no cover - only when something hung
                p.kill()
    for p, (out, err) in zip(procs, outcomes, strict=True):
        assert p.returncode == 0, err
        assert out.strip() == "migrated", (out, err)

    engine = make_engine(fresh_url)
    try:
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert versions == [head_revision()]
    assert_migrate_again_is_a_no_op(fresh_url)
    assert {
        "workspace",
        "ref_counter",
        "department",
        "project",
        "project_department",
        "problem",
        "measure",
        "measure_event",
    } <= tables


def assert_migrate_again_is_a_no_op(url: str) -> None:
    from storage.db import migrate

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO workspace (team_id, timezone, lang, sync_weekday, sync_time, nudge_time, "
                    "digest_weekday, digest_time, escalate_after, admins, created_at, updated_at) VALUES "
                    "('T1', 'UTC', 'en', 4, '17:00', '09:30', 0, '09:00', 2, '', CURRENT_TIMESTAMP, "
                    "CURRENT_TIMESTAMP)"
                )
            )
        migrate(engine)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT team_id FROM workspace")).scalars().all() == ["T1"]
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            assert versions == [head_revision()]
    finally:
        engine.dispose()


def test_upgrading_to_everyday_surfaces_keeps_the_data(fresh_url: str) -> None:
    """0002 → head on a database that holds departments and problems: nothing is lost, the new
    columns take their defaults (not archived, no link), the new tables are there."""
    from alembic import command

    engine = make_engine(fresh_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0002")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO department (team_id, name, name_key, head_user_id, channel_id, created_by, "
                    "created_at) VALUES ('T1', 'Sales', 'sales', 'UH', 'CS', 'UA', CURRENT_TIMESTAMP)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO project (team_id, number, name, goal, due, lead_user_id, created_by, created_at) "
                    "VALUES ('T1', 1, 'Launch', 'Q3', '2026-12-31', 'UL', 'UL', CURRENT_TIMESTAMP)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO problem (team_id, number, project_id, category, description, root_cause, "
                    "created_by, created_at) VALUES ('T1', 1, 1, 'info', 'Late specs', 'none', 'UL', "
                    "CURRENT_TIMESTAMP)"
                )
            )
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name, archived_at FROM department")).all() == [("Sales", None)]
            assert conn.execute(text("SELECT description, root_cause, source_link FROM problem")).all() == [
                ("Late specs", "none", "")
            ]
            tables = set(inspect(conn).get_table_names())
        assert {"record_change", "home_tab"} <= tables
    finally:
        engine.dispose()
