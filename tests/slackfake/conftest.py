"""Fixtures for the tests of slackfake: a bare fake (no seeded users) and a slack_sdk client on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from slackfake import FakeSlack
from tests.slackfake.payloads import TOKEN


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server
        server.assert_no_validation_errors()


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token=TOKEN, base_url=fake.api_url)
