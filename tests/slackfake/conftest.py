"""Fixtures for the tests of slackfake: a bare fake (no seeded users), a slack_sdk client on it, and
the Slack client side: people talking to an app (``app``, a recording double)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from slackfake import FakeSlack
from slackfake.app_link import AppLink
from slackfake.user_actions import SlackClient
from tests.slackfake.app_double import SECRET, AppDouble, serve
from tests.slackfake.payloads import TOKEN


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server
        server.assert_no_validation_errors()


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token=TOKEN, base_url=fake.api_url)


@pytest.fixture
def app() -> Iterator[AppDouble]:
    double = AppDouble()
    server = serve(double)
    yield double
    server.shutdown()
    server.server_close()


@pytest.fixture
def people(fake: FakeSlack, app: AppDouble) -> SlackClient:
    """A Slack client of a workspace with two people and #general, talking to ``app``."""
    fake.add_user("UANA", "ana", real_name="Ana Li")
    fake.add_user("UBEN", "ben")
    fake.add_channel("CGEN", "general", members=["UANA", "UBEN"])
    fake.commands["/collab"] = app.url
    return SlackClient(fake, AppLink(app.url, signing_secret=SECRET))
