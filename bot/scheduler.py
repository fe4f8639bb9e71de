"""APScheduler 3 as the timer only: every 20 seconds it asks the jobs what is due.

All state lives in the database (the delivery ledger), so several bot processes may run this
at once; the scheduler's own job store is in memory and never shared.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler

from handlers.deps import Clock
from services.jobs import Jobs

logger = logging.getLogger(__name__)

TICK_SECONDS = 20


def start_scheduler(jobs: Jobs, clock: Clock) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone="UTC")

    def tick() -> None:
        try:
            jobs.tick(clock())
        except Exception:
            logger.exception("scheduler tick failed")

    scheduler.add_job(
        tick,
        "interval",
        seconds=TICK_SECONDS,
        id="collab-tick",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=TICK_SECONDS,
        next_run_time=None,
    )
    scheduler.start()
    scheduler.modify_job("collab-tick", next_run_time=clock())
    logger.info("scheduler started: checking for due jobs every %ss", TICK_SECONDS)
    return scheduler
