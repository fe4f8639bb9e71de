"""The APScheduler timer: ticks at start and then on its interval, with the clock it was given."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from bot.scheduler import start_scheduler
from tests.clock import FakeClock


class RecordingJobs:
    def __init__(self, fail_first: bool = False) -> None:
        self.ticks: list[datetime] = []
        self.fail_first = fail_first
        self.event = threading.Event()

    def tick(self, now: datetime) -> list[Any]:
        self.ticks.append(now)
        if len(self.ticks) >= 3:
            self.event.set()
        if self.fail_first and len(self.ticks) == 1:
            raise RuntimeError("boom")
        return []


def test_ticks_at_start_and_on_interval_with_the_given_clock() -> None:
    clock = FakeClock(datetime(2026, 3, 6, 22, 0, tzinfo=UTC))
    jobs = RecordingJobs(fail_first=True)  # a failing tick is logged, the timer keeps going
    scheduler = start_scheduler(jobs, clock, seconds=0.2)  # type: ignore[arg-type]
    try:
        assert jobs.event.wait(15), jobs.ticks
    finally:
        scheduler.shutdown(wait=True)
    assert len(jobs.ticks) >= 3
    assert set(jobs.ticks) == {datetime(2026, 3, 6, 22, 0, tzinfo=UTC)}
