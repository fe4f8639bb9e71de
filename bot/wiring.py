"""Put the pieces together: database (migrated), Slack clients, dependencies, the Bolt app, the jobs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_bolt import App

from bot.app import build_app
from bot.settings import Settings
from services.deps import Clock, Defaults, Deps, system_clock
from services.jobs import Jobs, make_jobs
from slack_api.clients import SlackClients
from slack_api.installations import OAuthStores, make_oauth_stores
from storage.db import Engine, SessionFactory, make_engine, migrate, session_factory


@dataclass
class Runtime:
    engine: Engine
    deps: Deps
    clients: SlackClients
    app: App | None
    jobs: Jobs
    scheduler: Any = None
    oauth: OAuthStores | None = None  # many workspaces: the installation and state stores


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
    sessions = session_factory(engine)
    clients, oauth = make_clients(settings, engine, sessions)
    if settings.test_clock_offset and clock is system_clock:
        clock = shifted_clock(settings.test_clock_offset)
    deps = make_deps(settings, sessions, clients, clock=clock)
    jobs = make_jobs(
        deps,
        rate=settings.post_rate,
        lease=timedelta(seconds=settings.lease_seconds),
        installed=clients.installed if oauth is not None else None,
    )
    app = build_app(settings, deps, clients=clients, oauth=oauth) if with_app else None
    return Runtime(engine=engine, deps=deps, clients=clients, app=app, jobs=jobs, oauth=oauth)


def make_clients(
    settings: Settings, engine: Engine, sessions: SessionFactory
) -> tuple[SlackClients, OAuthStores | None]:
    """The Slack clients: each workspace's token from the installation store (OAuth), or the one
    ``SLACK_BOT_TOKEN`` for every workspace."""
    if not settings.oauth:
        return SlackClients.single(base_url=settings.slack_api_url, token=settings.bot_token), None
    assert settings.client_id and settings.state_secret
    oauth = make_oauth_stores(
        engine,
        sessions,
        client_id=settings.client_id,
        state_secret=settings.state_secret,
        secret_keys=settings.secret_keys,
    )
    return SlackClients(base_url=settings.slack_api_url, token_for=oauth.bot_token), oauth


def shifted_clock(seconds: float) -> Clock:
    """Tests only (``COLLAB_TEST_CLOCK_OFFSET``): the real clock, ``seconds`` ahead."""
    offset = timedelta(seconds=seconds)

    def clock() -> datetime:
        return system_clock() + offset

    return clock


def start_scheduler(runtime: Runtime) -> None:
    from bot.scheduler import start_scheduler as start

    runtime.scheduler = start(runtime.jobs, runtime.deps.clock)
