"""The sandbox's clock controls: what the page shows (the time in the workspace's zone, and
where it can jump: the next sync prompt, the next working-day morning, the next digest, a day
on) and the jump itself, which runs every scheduled job due on the way, each as of its time."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.schedule import is_working_day, local_at, parse_hhmm
from services.deps import Deps
from services.jobs import Jobs
from slackfake.clock import SandboxClock
from storage import workspaces
from storage.models import Workspace

logger = logging.getLogger(__name__)

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def scheduled_times(ws: Workspace) -> set[str]:
    """The wall-clock times at which the jobs of a workspace may be due (HH:MM)."""
    return {ws.nudge_time, ws.sync_time, ws.digest_time}


def due_instants(ws: Workspace, start: datetime, end: datetime) -> Iterator[datetime]:
    """Every instant in (start, end] at which a job of ``ws`` may be due, in order."""
    tz = ZoneInfo(ws.timezone)
    day: date = start.astimezone(tz).date()
    last = end.astimezone(tz).date()
    times = sorted(parse_hhmm(t) for t in scheduled_times(ws))
    while day <= last:
        for at in times:
            instant = local_at(day, at, tz)
            if start < instant <= end:
                yield instant
        day += timedelta(days=1)


def next_weekly(now: datetime, *, weekday: int, at: str, tz: ZoneInfo) -> datetime:
    local = now.astimezone(tz)
    for ahead in range(8):
        day = local.date() + timedelta(days=ahead)
        if day.weekday() == weekday:
            instant = local_at(day, parse_hhmm(at), tz)
            if instant > now:
                return instant
    raise AssertionError("a weekday recurs within 8 days")


def next_working_morning(now: datetime, ws: Workspace) -> datetime:
    tz = ZoneInfo(ws.timezone)
    local = now.astimezone(tz)
    for ahead in range(60):
        day = local.date() + timedelta(days=ahead)
        instant = local_at(day, parse_hhmm(ws.nudge_time), tz)
        if instant > now and is_working_day(day, country=ws.holidays_country):
            return instant
    return local_at(local.date() + timedelta(days=1), parse_hhmm(ws.nudge_time), tz)


class SandboxClockControls:
    """``slackfake.render_page.ClockControls`` for the bot: the workspace is the local Slack's."""

    def __init__(self, clock: SandboxClock, *, deps: Deps, jobs: Jobs, team_id: str) -> None:
        self.clock = clock
        self.deps = deps
        self.jobs = jobs
        self.team_id = team_id
        self._lock = threading.Lock()
        self._cached: tuple[float, Workspace] | None = None

    def workspace(self) -> Workspace:
        """The workspace's settings (read again after a second: the page asks on every change)."""
        cached = self._cached
        if cached is None or time.monotonic() - cached[0] > 1.0:
            cached = self._cached = (time.monotonic(), self.deps.settings_of(self.team_id))
        return cached[1]

    def now(self) -> datetime:
        return self.clock().astimezone(ZoneInfo(self.workspace().timezone))

    def jumps(self) -> Sequence[tuple[str, datetime]]:
        ws = self.workspace()
        tz = ZoneInfo(ws.timezone)
        now = self.clock()
        sync = next_weekly(now, weekday=ws.sync_weekday, at=ws.sync_time, tz=tz)
        morning = next_working_morning(now, ws)
        digest = next_weekly(now, weekday=ws.digest_weekday, at=ws.digest_time, tz=tz)
        return [
            (f"Jump to {DAYS[sync.weekday()]} {ws.sync_time} (sync prompt)", sync),
            (f"Jump to next working-day morning ({DAYS[morning.weekday()]} {ws.nudge_time})", morning),
            (f"Jump to {DAYS[digest.weekday()]} {ws.digest_time} (digest)", digest),
            ("+1 day", (now + timedelta(days=1)).astimezone(tz)),
        ]

    def jump(self, to: datetime) -> None:
        """Move the clock to ``to``, running on the way every job due, as of its time."""
        with self._lock:
            start = self.clock()
            with self.deps.sessions() as session:
                spaces = workspaces.list_workspaces(session)
            instants = sorted({t for ws in spaces for t in due_instants(ws, start, to)})
            for at in instants:
                self.clock.set(at)
                self._tick(at)
            self.clock.set(to)
            self._tick(to)

    def _tick(self, at: datetime) -> None:
        try:
            for run in self.jobs.tick(at):
                logger.debug("sandbox clock %s: %s %s %s", at.isoformat(), run.job, run.team_id, run.period)
        except Exception:
            logger.exception("the jobs due at %s failed", at.isoformat())
