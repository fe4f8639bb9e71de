"""Put the pieces together: database (migrated), dependencies, the Bolt app, the jobs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from slack_bolt import App
from sqlalchemy import Engine

from bot.app import build_app, make_client
from bot.settings import Settings
from handlers.deps import Clock, Deps, system_clock
from services.jobs import Jobs, make_jobs
from storage.db import make_engine, migrate, session_factory


@dataclass
class Runtime:
    engine: Engine
    deps: Deps
    app: App | None
    jobs: Jobs
    scheduler: Any = None


def build_runtime(settings: Settings, *, clock: Clock = system_clock, with_app: bool = True) -> Runtime:
    engine = make_engine(settings.database_url)
    migrate(engine)
    deps = Deps(sessions=session_factory(engine), settings=settings, clock=clock)
    client = make_client(settings)
    jobs = make_jobs(deps, client, rate=settings.post_rate, lease=timedelta(seconds=settings.lease_seconds))
    app = build_app(settings, deps, client=client) if with_app else None
    return Runtime(engine=engine, deps=deps, app=app, jobs=jobs)


def start_scheduler(runtime: Runtime) -> None:
    from bot.scheduler import start_scheduler as start

    runtime.scheduler = start(runtime.jobs, runtime.deps.clock)
