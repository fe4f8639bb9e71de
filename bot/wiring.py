"""Put the pieces together: database (migrated), dependencies, the Bolt app."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import App
from sqlalchemy import Engine

from bot.app import build_app, make_client
from bot.settings import Settings
from handlers.deps import Clock, Deps, system_clock
from storage.db import make_engine, migrate, session_factory


@dataclass
class Runtime:
    engine: Engine
    deps: Deps
    app: App


def build_runtime(settings: Settings, *, clock: Clock = system_clock) -> Runtime:
    engine = make_engine(settings.database_url)
    migrate(engine)
    deps = Deps(sessions=session_factory(engine), settings=settings, clock=clock)
    app = build_app(settings, deps, client=make_client(settings))
    return Runtime(engine=engine, deps=deps, app=app)
