from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from tests.weekly_factories import Outcomes


@pytest.fixture
def outcomes() -> Iterator[Outcomes]:
    """What the message-event handler did with each reply, to wait for events that change nothing."""
    logger = logging.getLogger("handlers.events")
    handler = Outcomes()
    old = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(old)
