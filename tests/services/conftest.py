"""Fixtures of the service tests: an in-memory Slack gateway that fails any call made inside a
database transaction, and the dependencies around it (deferred work runs when a test flushes it)."""

from __future__ import annotations

import pytest

from services.debounce import Debouncer
from services.deps import Deps
from slack_api.users import UserDirectory
from tests.clock import FakeClock
from tests.dbs import TestDatabase
from tests.harness import ADMIN, HEAD, LEAD, OTHER, OWNER, TEAM
from tests.memory_slack import MemorySlack, watch_transactions


@pytest.fixture
def slack() -> MemorySlack:
    gateway = MemorySlack(team_id=TEAM)
    gateway.add_user(ADMIN, "alice-admin", is_admin=True)
    for user, name in ((LEAD, "lee"), (OWNER, "olga"), (HEAD, "hank"), (OTHER, "oscar")):
        gateway.add_user(user, name)
    return gateway


@pytest.fixture
def deps(db: TestDatabase, slack: MemorySlack) -> Deps:
    watch_transactions(db.engine)
    return Deps(
        sessions=db.sessions,
        slack_for=lambda _team: slack,
        clock=FakeClock(),
        users=UserDirectory(),
        later=Debouncer(delay=60),  # the tests run deferred work with deps.later.flush()
    )
