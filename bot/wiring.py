"""Put the pieces together: database (migrated), Slack clients, dependencies, the Bolt app, the jobs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from slack_bolt import App

from bot.app import build_app
from bot.settings import Settings
from services.deps import Clock, Defaults, Deps, system_clock
from services.jobs import Jobs, make_jobs
from slack_api.clients import SlackClients
from storage.db import Engine, make_engine, migrate, session_factory


@dataclass
class Runtime:
    engine: Engine
    deps: Deps
    clients: SlackClients
    app: App | None
    jobs: Jobs
    scheduler: Any = None


def make_deps(
    settings: Settings, sessions: Any, clients: SlackClients, *, clock: Clock = system_clock
) -> Deps:
    return Deps(
        sessions=sessions,
        slack_for=clients.gateway,
        clock=clock,
        defaults=Defaults(timezone=settings.timezone, lang=settings.lang, admins=settings.admins),
    )


def build_runtime(settings: Settings, *, clock: Clock = system_clock, with_app: bool = True) -> Runtime:
    engine = make_engine(settings.database_url)
    migrate(engine)
    clients = SlackClients.single(base_url=settings.slack_api_url, token=settings.bot_token)
    deps = make_deps(settings, session_factory(engine), clients, clock=clock)
    jobs = make_jobs(deps, rate=settings.post_rate, lease=timedelta(seconds=settings.lease_seconds))
    app = build_app(settings, deps, clients=clients) if with_app else None
    return Runtime(engine=engine, deps=deps, clients=clients, app=app, jobs=jobs)


def start_scheduler(runtime: Runtime) -> None:
    from bot.scheduler import start_scheduler as start

    runtime.scheduler = start(runtime.jobs, runtime.deps.clock)
