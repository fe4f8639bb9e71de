"""The OAuth tables the migrations create are the ones slack_sdk's SQLAlchemy stores use (their
columns, types and index), so the stores run on them without ``create_tables``; and upgrading a
database that holds data to them loses nothing."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import String, Table, inspect, text

from storage import installations as ours
from storage.db import MIGRATIONS_DIR, make_engine, migrate
from tests.storage.test_migrations import head_revision


def shape(table: Table) -> dict[str, tuple[str, bool, int | None]]:
    return {
        c.name: (type(c.type).__name__, bool(c.nullable), getattr(c.type, "length", None))
        for c in table.columns
    }


def test_our_tables_are_slack_sdks_with_room_for_encrypted_tokens() -> None:
    store = SQLAlchemyInstallationStore(client_id="C", engine=make_engine("sqlite://"))
    states = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=make_engine("sqlite://"))
    for theirs, mine in (
        (store.installations, ours.installations),
        (store.bots, ours.bots),
        (states.oauth_states, ours.oauth_states),
    ):
        assert theirs.name == mine.name
        their_shape, my_shape = shape(theirs), shape(mine)
        assert set(their_shape) == set(my_shape), mine.name
        for name, (kind, nullable, length) in their_shape.items():
            my_kind, my_nullable, my_length = my_shape[name]
            assert (my_kind, my_nullable) == (kind, nullable), (mine.name, name)
            if name in ours.TOKEN_COLUMNS:
                assert isinstance(mine.c[name].type, String) and (my_length or 0) >= (length or 0)
            else:
                assert my_length == length, (mine.name, name)
        assert {(i.name, tuple(c.name for c in i.columns)) for i in theirs.indexes} == {
            (i.name, tuple(c.name for c in i.columns)) for i in mine.indexes
        }


def test_upgrading_a_database_with_data_to_the_oauth_tables_loses_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workspace (team_id, timezone, lang, sync_weekday, sync_time, nudge_time, "
                "digest_weekday, digest_time, escalate_after, admins, created_at, updated_at) VALUES "
                "('T1', 'Asia/Shanghai', 'zh', 4, '17:00', '09:30', 0, '09:00', 2, 'U1', CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO department (team_id, name, name_key, head_user_id, channel_id, created_by, created_at) "
                "VALUES ('T1', 'Sales', 'sales', 'UH', 'CS', 'U1', CURRENT_TIMESTAMP)"
            )
        )
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT team_id, timezone, lang, admins FROM workspace")).all() == [
            ("T1", "Asia/Shanghai", "zh", "U1")
        ]
        assert conn.execute(text("SELECT name, channel_id FROM department")).all() == [("Sales", "CS")]
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
            head_revision()
        ]
        assert {"slack_installations", "slack_bots", "slack_oauth_states"} <= set(
            inspect(conn).get_table_names()
        )
    engine.dispose()
