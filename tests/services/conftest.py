"""The service tests' in-memory Slack and their dependencies (shared by the modules here)."""

from __future__ import annotations

import pytest

from services.deps import Deps
from slack.users import UserDirectory
from tests.clock import FakeClock
from tests.dbs import TestDatabase
from tests.harness import ADMIN, HEAD, LEAD, OTHER, OWNER, TEAM
from tests.memory_slack import MemorySlack, watch_transactions

WATCHED: set[int] = set()


@pytest.fixture
def slack() -> MemorySlack:
    gateway = MemorySlack(team_id=TEAM)
    gateway.add_user(ADMIN, "alice-admin", is_admin=True)
    for user, name in ((LEAD, "lee"), (OWNER, "olga"), (HEAD, "hank"), (OTHER, "oscar")):
        gateway.add_user(user, name)
    return gateway


@pytest.fixture
def deps(db: TestDatabase, slack: MemorySlack) -> Deps:
    engine = db.sessions().get_bind()
    if id(engine) not in WATCHED:
        watch_transactions(engine)  # type: ignore[arg-type]
        WATCHED.add(id(engine))
    return Deps(sessions=db.sessions, slack_for=lambda _team: slack, clock=FakeClock(), users=UserDirectory())
