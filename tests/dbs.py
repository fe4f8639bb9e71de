"""Real database engines for the tests: SQLite and PostgreSQL, from the same tests.

``COLLAB_TEST_DATABASES`` picks the backends (default ``sqlite,postgresql``).
PostgreSQL comes from ``TEST_POSTGRES_URL`` (default: the local server, trust auth). When it is
unreachable the PostgreSQL tests are skipped locally, but fail under CI (``CI`` set) or with
``COLLAB_REQUIRE_POSTGRES=1``: there a missing PostgreSQL is a failure, not a skip.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlmodel import SQLModel

import storage.models  # noqa: F401
from storage.db import SessionFactory, make_engine, migrate, session_factory

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def backends() -> list[str]:
    return [
        b.strip()
        for b in os.environ.get("COLLAB_TEST_DATABASES", "sqlite,postgresql").split(",")
        if b.strip()
    ]


def postgres_required() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("COLLAB_REQUIRE_POSTGRES") == "1"


@dataclass
class TestDatabase:
    __test__ = False
    backend: str
    url: str
    engine: Engine

    @property
    def sessions(self) -> SessionFactory:
        return session_factory(self.engine)

    def reset(self) -> None:
        tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
        with self.engine.begin() as conn:
            if self.backend == "postgresql":
                conn.execute(text("TRUNCATE " + ", ".join(tables) + " RESTART IDENTITY CASCADE"))
            else:
                for name in tables:
                    conn.execute(text(f"DELETE FROM {name}"))

    def dispose(self) -> None:
        self.engine.dispose()


def create_database(backend: str, tmp_dir: Path, worker: str) -> TestDatabase:
    if backend == "sqlite":
        url = f"sqlite:///{tmp_dir / f'collab-{worker}.db'}"
        engine = make_engine(url)
        migrate(engine)
        return TestDatabase(backend, url, engine)
    if backend != "postgresql":
        raise ValueError(f"unknown test database backend {backend!r}")
    base = make_url(os.environ.get("TEST_POSTGRES_URL", DEFAULT_PG))
    name = f"collab_test_{worker}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            # Byte order, as SQLite sorts: expected orders do not depend on the cluster's locale.
            conn.execute(text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 LC_COLLATE 'C'"))
    except Exception as e:  # pragma: no cover - depends on the machine
        admin.dispose()
        message = f"PostgreSQL at {base.render_as_string(hide_password=True)} is not reachable: {e}"
        if postgres_required():
            pytest.fail(message + " (required under CI / COLLAB_REQUIRE_POSTGRES=1)", pytrace=False)
        pytest.skip(message)
    admin.dispose()
    url = base.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url, pool_size=10, max_overflow=20)
    migrate(engine)
    return TestDatabase(backend, url, engine)


def drop_database(db: TestDatabase) -> None:
    db.dispose()
    if db.backend != "postgresql":
        return
    url = make_url(db.url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    admin.dispose()
