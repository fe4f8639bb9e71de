"""Acks never wait on Slack: with every answer through Slack taking seconds, commands and buttons
arriving together are still acknowledged at once (their follow-up work never holds a thread an
ack needs)."""

from __future__ import annotations

import threading
import time
import urllib.parse

from tests import factories
from tests.harness import ADMIN, Bot, slash_command_form

SLOW = 2.0


def test_commands_and_buttons_are_acked_at_once_while_slack_is_slow(bot: Bot) -> None:
    factories.workspace(bot.db)
    factories.department(bot.db, "Sales")
    bot.command("dept list")  # Bolt's first request asks auth.test: before Slack is slow
    bot.fake.delay("response_url", SLOW)
    bot.fake.delay("*", SLOW)
    acks: list[float] = []
    lock = threading.Lock()

    def command() -> None:
        form = slash_command_form(bot.fake, "dept list", user=ADMIN)
        started = time.monotonic()
        result = bot.post_signed(
            urllib.parse.urlencode(form), content_type="application/x-www-form-urlencoded"
        )
        with lock:
            acks.append(time.monotonic() - started)
        assert result.status == 200

    def button() -> None:
        started = time.monotonic()
        result, _ = bot.button("status_page_next", f"me:{ADMIN}|2")
        with lock:
            acks.append(time.monotonic() - started)
        assert result.status == 200

    # more requests at once than the listener pool used to have threads (16), each of whose
    # follow-ups waits on Slack for 2 s
    senders = [threading.Thread(target=command if i % 4 else button) for i in range(48)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert len(acks) == 48
    assert max(acks) < 1.0, sorted(acks)[-5:]
    # and the answers all arrive, late
    bot.fake.wait_for_response(count=1 + 48, timeout=30)
