"""The Socket Mode seam, end to end: ``collab-bot`` with ``SLACK_APP_TOKEN`` set, as a user runs it.

``bot.cli.main([])`` runs in a thread with its settings from the environment: the Web API is the
fake Slack (``SLACK_API_URL``), whose ``apps.connections.open`` hands out a WebSocket URL on the
fake Socket Mode endpoint (slackfake/socket_mode.py); the database is a temporary SQLite file. The
test delivers envelopes over the WebSocket and checks the acknowledgements that come back on
it, the private answers at the response_url, and what was stored.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot import cli
from bot.settings import Settings
from bot.wiring import Runtime
from slackfake import FakeSlack
from slackfake.socket_mode import FakeSocketMode
from storage.db import make_engine, session_factory
from storage.models import Workspace
from tests.harness import ADMIN, CHANNEL, OTHER, TEAM, slash_command_form, view_submission
from ui.catalogue import t

APP_TOKEN = "xapp-1-A1-1700000000-fake"
BOT_TOKEN = "xoxb-socket-test"
REAL_SOCKET_MODE_HANDLER = cli.socket_mode_handler  # the fixture records what it builds


def wait_until(condition: Callable[[], object], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.01)


class RunningBot:
    """``collab-bot`` running in Socket Mode in a thread of this process."""

    def __init__(self, fake: FakeSlack, sockets: FakeSocketMode, database_url: str) -> None:
        self.fake = fake
        self.sockets = sockets
        self.database_url = database_url
        self.handlers: list[SocketModeHandler] = []
        self.outcome: list[object] = []  # main()'s exit status or exception, should it return
        self.thread = threading.Thread(target=self._main, name="collab-bot", daemon=True)

    def _main(self) -> None:
        try:
            self.outcome.append(cli.main([]))
        except BaseException as e:
            self.outcome.append(e)

    def record_handler(self, runtime: Runtime, settings: Settings) -> SocketModeHandler:
        handler = REAL_SOCKET_MODE_HANDLER(runtime, settings)
        self.handlers.append(handler)
        return handler

    def start(self) -> None:
        self.thread.start()
        # The first start pays for the migrations; generous, it is only a bound.
        wait_until(
            lambda: self.sockets.connections or not self.thread.is_alive(),
            "collab-bot to connect in Socket Mode",
            timeout=20,
        )
        assert not self.outcome, f"collab-bot exited: {self.outcome}"
        assert len(self.handlers) == 1

    def stop(self) -> None:
        """``SocketModeHandler.close()``. It waits for the client's receive loop, which sits in a
        3 s socket read; once close() has turned auto-reconnect off, the fake endpoint closes the
        connection (1001, as Slack does), which ends that read at once without a reconnect.
        (About 1 s remains: the client's message queue poll.)
        ``main()`` itself stays parked in the handler's ``Event().wait()``: a daemon thread."""
        [handler] = self.handlers
        closer = threading.Thread(target=handler.close, name="socket-mode-close", daemon=True)
        closer.start()
        wait_until(lambda: not handler.client.auto_reconnect_enabled, "close() to begin", timeout=5)
        self.sockets.stop()
        closer.join(timeout=10)
        assert not closer.is_alive(), "SocketModeHandler.close() did not return"
        assert not handler.client.is_connected()

    # ------------------------------------------------------------ Slack's side

    def command(self, text: str, *, user: str = ADMIN) -> tuple[str, str]:
        """Deliver ``/collab <text>`` over the socket; returns (envelope_id, response_url)."""
        form = slash_command_form(self.fake, text, user=user)
        return self.sockets.slash_command(form), form["response_url"]

    def answer(self, response_url: str) -> dict[str, Any]:
        [reply] = self.fake.wait_for_response(predicate=lambda r: r["_url"] == response_url)
        assert reply.get("response_type") == "ephemeral", reply
        return reply


@pytest.fixture
def sockets() -> Iterator[FakeSocketMode]:
    with FakeSocketMode() as s:
        yield s
        s.assert_no_errors()


@pytest.fixture
def collab_bot(
    fake: FakeSlack, sockets: FakeSocketMode, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[RunningBot]:
    fake.socket_mode_url = sockets.url
    database_url = f"sqlite:///{tmp_path / 'collab-bot.db'}"
    for name in (
        "SLACK_SIGNING_SECRET",  # Socket Mode needs none
        "PORT",
        "COLLAB_TIMEZONE",
        "COLLAB_LANG",
        "COLLAB_ADMINS",
        "COLLAB_POST_RATE",
        "COLLAB_LEASE_SECONDS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    monkeypatch.setenv("SLACK_API_URL", fake.api_url)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("COLLAB_SCHEDULER", "off")
    monkeypatch.chdir(tmp_path)  # no .env of the checkout is loaded
    bot = RunningBot(fake, sockets, database_url)
    monkeypatch.setattr(cli, "socket_mode_handler", bot.record_handler)
    try:
        bot.start()
        yield bot
    finally:
        if bot.handlers:
            bot.stop()


def stored_workspace(database_url: str) -> Workspace | None:
    engine = make_engine(database_url)
    try:
        with session_factory(engine)() as session:
            return session.get(Workspace, TEAM)
    finally:
        engine.dispose()


def test_commands_and_a_form_over_socket_mode(collab_bot: RunningBot, fake: FakeSlack) -> None:
    sockets = collab_bot.sockets
    # It connected the way Slack wants: the app-level token for the URL, then the WebSocket.
    [opened] = fake.calls_to("apps.connections.open")
    assert opened.ok and opened.headers["authorization"] == f"Bearer {APP_TOKEN}"
    assert len(sockets.tickets) == 1 and opened.response["url"].endswith(f"?ticket={sockets.tickets[0]}")

    # A read-only command: acknowledged on the socket (no payload), answered privately.
    envelope_id, response_url = collab_bot.command("dept list", user=OTHER)
    assert sockets.wait_for_ack(envelope_id) == {"envelope_id": envelope_id}
    assert collab_bot.answer(response_url)["text"] == t("en", "dept_none")

    # A storing command by an admin: the setting lands in the database.
    envelope_id, response_url = collab_bot.command("config lang=zh", user=ADMIN)
    assert sockets.wait_for_ack(envelope_id) == {"envelope_id": envelope_id}
    assert collab_bot.answer(response_url)["text"].startswith(":white_check_mark: 设置已保存。")
    ws = stored_workspace(collab_bot.database_url)
    assert ws is not None and ws.lang == "zh"

    # An interactive envelope whose ack carries a payload: an empty project form gets its
    # inline errors back on the socket, in the language just stored.
    form = {
        "type": "modal",
        "callback_id": "collab_project_add",
        "private_metadata": json.dumps({"channel": CHANNEL}),
        "blocks": [],
    }
    envelope_id = sockets.interactive(view_submission(fake, form, {}, user=OTHER))
    assert sockets.wait_for_ack(envelope_id) == {
        "envelope_id": envelope_id,
        "payload": {
            "response_action": "errors",
            "errors": {
                "due": t("zh", "field_date"),
                "depts": t("zh", "field_depts"),
                "name": t("zh", "field_name"),
                "goal": t("zh", "field_goal"),
            },
        },
    }

    # One connection throughout, every envelope acknowledged exactly once.
    assert [a["envelope_id"] for a in sockets.acks] == list(sockets.envelopes)
    assert len(fake.calls_to("apps.connections.open")) == 1
    sockets.assert_no_errors()
