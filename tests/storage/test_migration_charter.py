"""Upgrading a database that holds data from the weekly-loop schema (0002) to the charter,
meetings and change requests (0005): nothing is lost, existing change requests get CHG-n."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from storage import change_requests, references
from storage.db import MIGRATIONS_DIR, make_engine, migrate, session_factory, transaction

SEED = [
    "INSERT INTO workspace (team_id, timezone, lang, sync_weekday, sync_time, nudge_time, digest_weekday, "
    "digest_time, escalate_after, admins, created_at, updated_at) VALUES "
    "('T1', 'Asia/Shanghai', 'zh', 4, '17:00', '09:30', 0, '09:00', 2, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO department (id, team_id, name, name_key, head_user_id, channel_id, created_by, created_at) "
    "VALUES (1, 'T1', 'Sales', 'sales', 'UHEAD', 'CSALES', 'UADMIN', CURRENT_TIMESTAMP), "
    "(2, 'T2', 'Ops', 'ops', 'UHEAD2', 'COPS', 'UADMIN', CURRENT_TIMESTAMP)",
    "INSERT INTO project (id, team_id, number, name, goal, due, lead_user_id, created_by, created_at) VALUES "
    "(1, 'T1', 1, 'Launch', 'Ship it', '2026-12-31', 'ULEAD', 'ULEAD', CURRENT_TIMESTAMP), "
    "(2, 'T2', 1, 'Other', 'Other goal', '2026-12-31', 'ULEAD2', 'ULEAD2', CURRENT_TIMESTAMP)",
    "INSERT INTO project_department (id, team_id, project_id, department_id, responsibility) VALUES "
    "(1, 'T1', 1, 1, '')",
    "INSERT INTO problem (id, team_id, number, project_id, category, description, root_cause, created_by, "
    "created_at) VALUES (1, 'T1', 1, 1, 'process', 'Slow', '', 'ULEAD', CURRENT_TIMESTAMP), "
    "(2, 'T2', 1, 2, 'info', 'Late', '', 'ULEAD2', CURRENT_TIMESTAMP)",
    "INSERT INTO measure (id, team_id, number, problem_id, project_id, department_id, owner_user_id, text, "
    "deliverable, note, due, status, created_by, created_at, updated_at) VALUES "
    "(1, 'T1', 1, 1, 1, 1, 'UOWNER', 'Weekly sync', '', '', '2026-11-16', 'doing', 'ULEAD', "
    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP), "
    "(2, 'T2', 1, 2, 2, 2, 'UOWNER2', 'Daily check', '', '', '2026-11-18', 'todo', 'ULEAD2', "
    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO ref_counter (team_id, kind, value) VALUES ('T1', 'PRJ', 1), ('T1', 'PRB', 1), "
    "('T1', 'MSR', 1), ('T2', 'PRJ', 1), ('T2', 'PRB', 1), ('T2', 'MSR', 1)",
    "INSERT INTO change_request (id, team_id, measure_id, requested_by, old_due, proposed_due, reason, state, "
    "decided_by, created_at, decided_at) VALUES "
    "(1, 'T1', 1, 'UOWNER', '2026-11-16', '2026-12-01', 'Waiting for budget', 'approved', 'ULEAD', "
    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP), "
    "(2, 'T2', 2, 'UOWNER2', '2026-11-18', '2026-11-30', 'Vendor late', 'open', '', CURRENT_TIMESTAMP, NULL), "
    "(3, 'T1', 1, 'UOWNER', '2026-12-01', '2026-12-10', 'Still waiting', 'open', '', CURRENT_TIMESTAMP, NULL)",
]


def upgrade_to(url: str, revision: str) -> None:
    engine = make_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()


def seeded_and_upgraded(url: str) -> Engine:
    """A database at 0002 holding data (two workspaces, three change requests), migrated to head."""
    upgrade_to(url, "0002")
    engine = make_engine(url)
    with engine.begin() as conn:
        for statement in SEED:
            conn.execute(text(statement))
    migrate(engine)
    return engine


def test_upgrading_a_database_with_data_keeps_it_and_numbers_the_change_requests(fresh_url: str) -> None:
    engine = seeded_and_upgraded(fresh_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT id, team_id, number, project_id, department_id, measure_id, old_due, "
                    "proposed_due, reason, state, decided_by, text, impact FROM change_request ORDER BY id"
                )
            ).all()
            project = conn.execute(
                text("SELECT name, goal, metric, baseline, target, unit FROM project")
            ).all()
            ws = conn.execute(text("SELECT timezone, lang, agenda_days FROM workspace")).one()
            measures = conn.execute(text("SELECT number, due, status FROM measure ORDER BY id")).all()
        assert [(r.id, r.team_id, r.number, r.project_id, r.department_id, r.measure_id) for r in rows] == [
            (1, "T1", 1, 1, 1, 1),
            (2, "T2", 1, 2, 2, 2),
            (3, "T1", 2, 1, 1, 1),
        ]
        assert [(str(r.old_due), str(r.proposed_due), r.reason, r.state, r.decided_by) for r in rows] == [
            ("2026-11-16", "2026-12-01", "Waiting for budget", "approved", "ULEAD"),
            ("2026-11-18", "2026-11-30", "Vendor late", "open", ""),
            ("2026-12-01", "2026-12-10", "Still waiting", "open", ""),
        ]
        assert {(r.text, r.impact) for r in rows} == {("", "")}
        assert [tuple(p) for p in project] == [
            ("Launch", "Ship it", "", None, None, ""),
            ("Other", "Other goal", "", None, None, ""),
        ]
        assert tuple(ws) == ("Asia/Shanghai", "zh", 3)
        assert [(m.number, str(m.due), m.status) for m in measures] == [
            (1, "2026-11-16", "doing"),
            (1, "2026-11-18", "todo"),
        ]
        # The next change request of each workspace continues after the migrated ones.
        sessions = session_factory(engine)
        with transaction(sessions) as session:
            assert references.next_ref(session, team_id="T1", kind="CHG") == 3
            assert references.next_ref(session, team_id="T2", kind="CHG") == 2
            assert references.next_ref(session, team_id="T3", kind="CHG") == 1
        with sessions() as session:
            found = change_requests.get_by_number(session, team_id="T1", number=2)
            assert found is not None and found.reason == "Still waiting" and found.ref == "CHG-2"
    finally:
        engine.dispose()


def test_downgrading_to_the_weekly_loop_keeps_the_deadline_requests(fresh_url: str) -> None:
    engine = seeded_and_upgraded(fresh_url)
    try:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
        with engine.connect() as conn:
            ids = conn.execute(text("SELECT id FROM change_request ORDER BY id")).scalars().all()
        assert ids == [1, 2, 3]
    finally:
        engine.dispose()
