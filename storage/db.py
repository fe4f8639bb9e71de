"""Engine, sessions and schema migrations."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

__all__ = [
    "DuplicateError",
    "Engine",
    "Session",
    "SessionFactory",
    "make_engine",
    "migrate",
    "refresh_statistics",
    "schema_problem",
    "session_factory",
    "transaction",
]

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Arbitrary but fixed key for pg_advisory_xact_lock around migrations.
_MIGRATION_LOCK_KEY = 0x636F6C6C6162  # "collab"

SessionFactory = Callable[[], Session]

# Execution option of the sessions that ``session_factory`` makes: on SQLite their transactions
# begin deferred (a read); ``transaction`` turns it off, so its sessions begin BEGIN IMMEDIATE.
_READ_ONLY = "collab_read_only"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine. SQLite gets WAL, a busy timeout, foreign keys and serialised writers."""
    if url.startswith("sqlite"):
        connect_args = {"check_same_thread": False, "timeout": 30}
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's implicit BEGIN
        # is deferred and can deadlock on lock upgrade; BEGIN IMMEDIATE cannot).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers are serialised (BEGIN IMMEDIATE takes the write lock at once, so a writer
        # never fails upgrading a read lock); a session that only reads begins deferred and,
        # in WAL mode, neither waits for a writer nor makes one wait.
        if conn.get_execution_options().get(_READ_ONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def dialect_insert(session: Session, model: type[Any]) -> Any:
    """``INSERT`` with ``ON CONFLICT`` and ``RETURNING`` for the session's database."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model)


def session_factory(engine: Engine) -> SessionFactory:
    """Sessions for reading: ``with factory() as session`` reads (on SQLite in a deferred
    transaction that never takes the write lock); writes go through :func:`transaction`."""

    def factory() -> Session:
        return Session(engine, expire_on_commit=False, execution_options={_READ_ONLY: True})

    return factory


@contextmanager
def transaction(factory: SessionFactory) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on error. On SQLite it
    holds the write lock from its first statement to its end: keep it short (read → ask Slack
    → write: never call Slack inside one)."""
    with factory() as session:
        try:
            session.connection(execution_options={_READ_ONLY: False})
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration. Safe when several processes start at once:

    PostgreSQL takes a transaction-scoped advisory lock; SQLite's BEGIN IMMEDIATE holds the
    write lock for the whole (transactional) migration, so a second process waits and then
    finds the schema already at head.
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_KEY})")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    logger.info("database schema is up to date")
    if engine.dialect.name == "sqlite":
        _analyze(engine)


def refresh_statistics(engine: Engine) -> None:
    """After a bulk write (``collab-bot import --apply``): see :func:`_analyze`."""
    _analyze(engine)


def _analyze(engine: Engine) -> None:
    """Give the query planner fresh statistics (``ANALYZE``): at every start on SQLite, which
    keeps none of its own, and after a bulk import on either database. Without them SQLite may
    read one person's measures through the (team_id, status) index, the whole workspace, instead
    of (team_id, owner_user_id). Bounded on SQLite (``analysis_limit``: about 1,000 rows an index,
    some 40 ms at 100,000 measures); tables still empty get none, and keep the default plans."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")
        conn.exec_driver_sql("ANALYZE")


@functools.cache
def _heads() -> frozenset[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return frozenset(ScriptDirectory.from_config(cfg).get_heads())


def schema_problem(engine: Engine) -> str | None:
    """``None`` when the database answers and is migrated to the newest revision, else what is wrong
    (``GET /readyz``). Raises when the database cannot be reached."""
    from alembic.migration import MigrationContext

    heads = _heads()
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    if current != heads:
        return f"schema at {', '.join(sorted(current)) or 'nothing'}, not at {', '.join(sorted(heads))}"
    return None


class DuplicateError(Exception):
    """A record with the same unique key already exists."""
