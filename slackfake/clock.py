"""The sandbox's clock: real time, moved by an offset. Jumping moves it; between jumps it runs
as real time does. Slack's message timestamps and the app's idea of "now" read the same clock."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class SandboxClock:
    def __init__(self, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._offset = timedelta(0)
        if start is not None:
            self.set(start)

    def __call__(self) -> datetime:
        """Now, on this clock (aware, UTC)."""
        with self._lock:
            return datetime.now(UTC) + self._offset

    def timestamp(self) -> float:
        return self().timestamp()

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("the sandbox clock needs an aware datetime")
        with self._lock:
            self._offset = when.astimezone(UTC) - datetime.now(UTC)

    @property
    def offset(self) -> timedelta:
        with self._lock:
            return self._offset
