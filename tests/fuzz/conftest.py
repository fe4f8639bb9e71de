"""Fuzzing with hypothesis: the ``collab`` profile keeps each test to a few seconds (set
``COLLAB_FUZZ_EXAMPLES`` for a longer run, e.g. 500)."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, settings

from tests import factories
from tests.harness import Bot

settings.register_profile(
    "collab",
    max_examples=int(os.environ.get("COLLAB_FUZZ_EXAMPLES", "25")),
    deadline=None,  # a real HTTP round trip per example; the 3-second limit is asserted instead
    database=None,  # no .hypothesis directory in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("collab")

ANSWER_WITHIN = 3.0  # seconds: Slack's ack limit, and how soon an answer must arrive


@dataclass
class Errors:
    """Records logged at ERROR or above, by any thread (the listeners run in a pool)."""

    handler: logging.Handler
    records: list[logging.LogRecord]

    def take(self) -> list[str]:
        found = [f"{r.name}: {r.getMessage()}" for r in self.records]
        self.records.clear()
        return found


@pytest.fixture
def errors() -> Iterator[Errors]:
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect(logging.ERROR)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield Errors(handler, records)
    finally:
        root.removeHandler(handler)


@pytest.fixture
def world(bot: Bot) -> Bot:
    """A workspace with a department, a project, a problem and a measure to refer to."""
    factories.workspace(bot.db)
    factories.world(bot.db)
    return bot


def refused(reply: dict[str, object]) -> bool:
    text = str(reply.get("text") or "")
    return text.startswith((":warning:", ":no_entry:"))


def timed(call: object) -> tuple[object, float]:
    started = time.monotonic()
    assert callable(call)
    return call(), time.monotonic() - started
