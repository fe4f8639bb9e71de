from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from slackfake import FakeSlack
from tests.clock import FakeClock
from tests.dbs import TestDatabase, backends, create_database, drop_database
from tests.harness import Bot, join_stopped_servers, seed_users, start_bot


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session", params=backends())
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestDatabase]:
    db = create_database(request.param, Path(tmp_path_factory.mktemp("db")), _worker())
    yield db
    drop_database(db)


@pytest.fixture
def db(database: TestDatabase) -> Iterator[TestDatabase]:
    """A migrated, empty database (SQLite and PostgreSQL)."""
    database.reset()
    yield database


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as f:
        seed_users(f)
        yield f
        f.assert_no_validation_errors()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def bot(fake: FakeSlack, db: TestDatabase, clock: FakeClock) -> Iterator[Bot]:
    b = start_bot(fake, db, clock)
    yield b
    b.stop()


@pytest.fixture(scope="session", autouse=True)
def _join_servers_at_exit() -> Iterator[None]:
    yield
    join_stopped_servers()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Measurements the tests record (``record_property("measured", …)``), printed at the end:
    they reach here from xdist workers too, with the test reports."""
    lines = [
        str(value)
        for report in terminalreporter.stats.get("passed", [])
        for name, value in getattr(report, "user_properties", [])
        if name == "measured"
    ]
    if lines:
        terminalreporter.section("measured")
        for line in lines:
            terminalreporter.write_line(line)
