from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class FakeClock:
    """A clock the tests set; the bot reads it through ``Deps.clock``."""

    def __init__(self, now: datetime | None = None) -> None:
        self._now = now or datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, now: datetime) -> None:
        assert now.tzinfo is not None
        with self._lock:
            self._now = now

    def advance(self, **kw: float) -> None:
        with self._lock:
            self._now += timedelta(**kw)
