"""What every use case gets: the unit of work (sessions), Slack (a gateway per workspace), the
clock, the people directory and the workspace defaults. Built by ``bot/wiring.py``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from services.debounce import Debouncer
from slack_api.gateway import Gateway
from slack_api.users import UserDirectory
from storage import workspaces
from storage.db import Session, SessionFactory, transaction
from storage.models import Workspace

Clock = Callable[[], datetime]
SlackFor = Callable[[str], Gateway]


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Defaults:
    """What a new workspace starts with, and the admins named in the environment."""

    timezone: str = "UTC"
    lang: str = "en"
    admins: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deps:
    sessions: SessionFactory
    slack_for: SlackFor
    clock: Clock = system_clock
    defaults: Defaults = field(default_factory=Defaults)
    users: UserDirectory = field(default_factory=UserDirectory)
    # Work done a moment after a change, coalesced per key (republishing a person's Home tab).
    later: Debouncer = field(default_factory=Debouncer)

    def workspace(self, session: Session, team_id: str) -> Workspace:
        """The workspace's settings, created with the defaults on first use (in ``session``)."""
        return workspaces.get_workspace(
            session, team_id=team_id, default_tz=self.defaults.timezone, default_lang=self.defaults.lang
        )

    def settings_of(self, team_id: str) -> Workspace:
        """The workspace's settings, read (and created on first use) in a transaction of its own."""
        with transaction(self.sessions) as session:
            return self.workspace(session, team_id)

    def today(self, ws: Workspace) -> date:
        """Today's date in the workspace's time zone."""
        return self.clock().astimezone(ZoneInfo(ws.timezone)).date()
