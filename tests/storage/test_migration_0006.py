"""Migration 0006 (indexes for the weekly jobs, the learnt pace of posts) on a database that
already holds a workspace: nothing is lost."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from storage.db import MIGRATIONS_DIR, make_engine

ROWS = [
    "INSERT INTO workspace (team_id, timezone, lang, sync_weekday, sync_time, nudge_time, digest_weekday, "
    "digest_time, escalate_after, admins, created_at, updated_at) VALUES ('T1', 'UTC', 'en', 4, '17:00', "
    "'09:30', 0, '09:00', 2, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO department (id, team_id, name, name_key, head_user_id, channel_id, created_by, created_at) "
    "VALUES (1, 'T1', 'Sales', 'sales', 'UHEAD', 'CSALES', 'UADMIN', CURRENT_TIMESTAMP)",
    "INSERT INTO project (id, team_id, number, name, goal, due, lead_user_id, created_by, created_at) "
    "VALUES (1, 'T1', 1, 'Launch', 'Ship', '2026-12-31', 'ULEAD', 'ULEAD', CURRENT_TIMESTAMP)",
    "INSERT INTO problem (id, team_id, number, project_id, category, description, root_cause, created_by, "
    "created_at) VALUES (1, 'T1', 1, 1, 'info', 'Nobody knows', '', 'ULEAD', CURRENT_TIMESTAMP)",
    "INSERT INTO measure (id, team_id, number, problem_id, project_id, department_id, owner_user_id, text, "
    "deliverable, note, due, status, created_by, created_at, updated_at, done_at) VALUES (1, 'T1', 1, 1, 1, 1, "
    "'UOWNER', 'Weekly sync', '', '', '2026-12-01', 'done', 'ULEAD', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
    "CURRENT_TIMESTAMP)",
    "INSERT INTO measure_event (team_id, measure_id, actor_user_id, at, kind, from_value, to_value, note, "
    "source, channel_id, message_ts) VALUES ('T1', 1, 'UOWNER', CURRENT_TIMESTAMP, 'status', 'todo', 'done', "
    "'', 'command', '', '')",
]


def test_upgrade_from_0002_keeps_everything(fresh_url: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = make_engine(fresh_url)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0002")
        with engine.begin() as conn:
            for row in ROWS:
                conn.execute(text(row))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0006")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT number, status, text FROM measure")).all() == [
                (1, "done", "Weekly sync")
            ]
            assert conn.execute(text("SELECT kind, to_value FROM measure_event")).all() == [
                ("status", "done")
            ]
            assert conn.execute(text("SELECT count(*) FROM post_pace")).scalar_one() == 0
        indexes = {i["name"] for i in inspect(engine).get_indexes("measure")}
        assert "ix_measure_done_at" in indexes
        assert "ix_measure_event_kind_at" in {i["name"] for i in inspect(engine).get_indexes("measure_event")}
    finally:
        engine.dispose()
