"""APScheduler 3 as the timer only: every 20 seconds it asks the jobs what is due.

All state lives in the database (the delivery ledger), so several bot processes may run this
at once; the scheduler's own job store is in memory and never shared.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler

from bot.metrics import observe_runs
from services.deps import Clock
from services.jobs import Jobs

logger = logging.getLogger(__name__)

TICK_SECONDS = 20


def start_scheduler(jobs: Jobs, clock: Clock, *, seconds: float = TICK_SECONDS) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone="UTC")

    def tick() -> None:
        try:
            observe_runs(jobs.tick(clock()))
        except Exception:
            logger.exception("scheduler tick failed")

    scheduler.add_job(
        tick,
        "interval",
        seconds=seconds,
        id="collab-tick",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=int(seconds) or 1,
        next_run_time=datetime.now(UTC),  # a first look right at start: catch up after downtime
    )
    scheduler.start()
    logger.info("scheduler started: checking for due jobs every %ss", TICK_SECONDS)
    return scheduler
