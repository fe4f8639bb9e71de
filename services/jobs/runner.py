"""The scheduled jobs: weekly sync prompt, overdue nudges, weekly digest, meeting agendas.

Each job computes, per workspace, its period (ISO week, or the day for nudges) and its targets,
then hands the posts to the :class:`~services.jobs.delivery.Deliverer`, which delivers each
(kind, team, target, period) exactly once. ``tick`` runs whatever is due now (the scheduler
calls it every 20 seconds); ``run_job`` runs one job as if the clock read ``at`` (for
``collab-bot jobs run``) — both are safe to run any number of times, from any number of processes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.schedule import (
    CATCH_UP,
    due_now,
    is_working_day,
    iso_week,
    last_weekly,
    local_at,
    parse_hhmm,
    since,
)
from services.deps import Clock, Deps
from services.jobs import agendas, milestones, plans, retros
from services.jobs.delivery import Deliverer, Post, Report, Throttles
from slack_api import telemetry
from storage import ledger, slack_events, workspaces
from storage.db import transaction
from storage.models import Workspace
from ui.weekly import alert_message, alert_text

logger = logging.getLogger(__name__)

JOBS = ("weekly-sync", "nudges", "digest", "agendas", "milestones", "retros")
EVENT_ID_RETENTION = timedelta(days=1)
KINDS = {
    "weekly-sync": ("sync",),
    "nudges": ("nudge", "escalate"),
    "digest": ("digest",),
    "agendas": agendas.KINDS,
    "milestones": milestones.KINDS,
    "retros": retros.KINDS,
}
# Jobs that run at the nudge time of every working day (their period: the day).
DAILY = ("nudges", "agendas", "milestones")


def ledger_period(job: str, period: str) -> str | None:
    """The ledger period of a job's posts: the run's period, except for the agendas and the
    milestones, whose posts are keyed by their meeting or milestone (``None``: any period)."""
    return None if job in ("agendas", "milestones", "retros") else period


@dataclass
class JobRun:
    job: str
    team_id: str
    period: str
    targets: int
    report: Report
    seconds: float = 0.0  # how long the run took (GET /metrics)


@dataclass
class Jobs:
    deps: Deps
    deliverer: Deliverer
    _done: set[tuple[str, str, str]] = field(default_factory=set)
    _skipped_logged: set[tuple[str, str, str]] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _last_housekeeping: datetime | None = None
    # Whether the bot may post in a workspace (OAuth: installed, not uninstalled); default: all.
    installed: Callable[[str], bool] = field(default=lambda _team: True)

    # ------------------------------------------------------------ entry points

    def tick(self, now: datetime) -> list[JobRun]:
        """Run every job that is due at ``now``, in every workspace."""
        runs: list[JobRun] = []
        workspaces = self._workspaces()
        self._housekeeping(workspaces)
        for ws in workspaces:
            for job in JOBS:
                try:
                    run = self._run_for(job, ws, now, force=False)
                except Exception:
                    logger.exception("job %s for %s failed", job, ws.team_id)
                    continue
                if run is not None:
                    runs.append(run)
        return runs

    def run_job(self, job: str, *, at: datetime, wait: bool = True) -> list[JobRun]:
        """Run one job now as if the clock read ``at``; with ``wait``, also wait out (up to one
        lease) the targets other processes hold, taking them over if their holder died."""
        if job not in JOBS:
            raise ValueError(f"unknown job {job!r}; choose one of {', '.join(JOBS)}")
        runs = []
        for ws in self._workspaces():
            run = self._run_for(job, ws, at, force=True)
            if run is None:
                continue
            if wait:
                self._wait_for_others(job, ws, at, run)
            runs.append(run)
        return runs

    # ------------------------------------------------------------ internals

    def _housekeeping(self, workspaces: list[Workspace]) -> None:
        """At most hourly: forget handled event ids older than a day."""
        real_now = self.deliverer.clock()
        with self._lock:
            if self._last_housekeeping and real_now - self._last_housekeeping < timedelta(hours=1):
                return
            self._last_housekeeping = real_now
        try:
            with transaction(self.deps.sessions) as session:
                for ws in workspaces:
                    slack_events.prune_processed_events(
                        session, team_id=ws.team_id, older_than=real_now - EVENT_ID_RETENTION
                    )
        except Exception:
            logger.exception("housekeeping failed")

    def _workspaces(self) -> list[Workspace]:
        with self.deps.sessions() as session:
            found = workspaces.list_workspaces(session)
        return [ws for ws in found if self.installed(ws.team_id)]

    def _run_for(self, job: str, ws: Workspace, now: datetime, *, force: bool) -> JobRun | None:
        tz = ZoneInfo(ws.timezone)
        period = self._period(job, ws, now, tz, force=force)
        if period is None:
            return None
        key = (job, ws.team_id, period)
        with self._lock:
            if not force and key in self._done:
                return None
        started = time.monotonic()
        posts = self._posts(job, ws, now, tz, period)
        with telemetry.for_job(job):
            report = self.deliverer.deliver_all(posts)
        if not report.retry and not self._unfinished(job, ws, period):
            # Nothing left to do for this period, here or in another process: later ticks in
            # the window skip it. (A target another process still holds is not finished: if
            # that process dies, a later tick takes it over.)
            with self._lock:
                self._done.add(key)
        if report.sent or report.failed or report.reconciled:
            logger.info(
                "%s %s %s: %d sent, %d reconciled, %d already, %d failed, %d to retry",
                job,
                ws.team_id,
                period,
                len(report.sent),
                len(report.reconciled),
                len(report.already),
                len(report.failed),
                len(report.retry),
            )
        return JobRun(job, ws.team_id, period, len(posts), report, seconds=time.monotonic() - started)

    def _period(self, job: str, ws: Workspace, now: datetime, tz: ZoneInfo, *, force: bool) -> str | None:
        local = now.astimezone(tz)
        if job == "retros":
            # Every day at the nudge time (reminders) and at the digest time (reports): a
            # period per time, so that running at one does not mark the other done.
            if force:
                return local.date().isoformat()
            for at in (ws.nudge_time, ws.digest_time):
                if due_now(local, local_at(local.date(), parse_hhmm(at), tz)):
                    return f"{local.date().isoformat()}@{at}"
            return None
        if job in DAILY:
            if not is_working_day(local.date(), country=ws.holidays_country):
                return None
            if not force:
                start = local_at(local.date(), parse_hhmm(ws.nudge_time), tz)
                if not self._in_window(job, ws, local, start):
                    return None
            return local.date().isoformat()
        weekday, at = (
            (ws.sync_weekday, ws.sync_time) if job == "weekly-sync" else (ws.digest_weekday, ws.digest_time)
        )
        occurrence = local if force else last_weekly(now, weekday=weekday, at=at, tz=tz)
        if not force and not self._in_window(job, ws, local, occurrence):
            return None
        return iso_week(occurrence.date())

    def _in_window(self, job: str, ws: Workspace, local: datetime, start: datetime) -> bool:
        if due_now(local, start):
            return True
        late = since(local, start)
        if late < timedelta(0):
            return False
        key = (job, ws.team_id, start.isoformat())
        with self._lock:
            first = key not in self._skipped_logged
            self._skipped_logged.add(key)
        if first and late <= CATCH_UP + timedelta(hours=1):
            logger.warning(
                "%s for %s was due at %s; the bot was not running within %s after it, so it is skipped",
                job,
                ws.team_id,
                start.isoformat(),
                CATCH_UP,
            )
        return False

    def _posts(self, job: str, ws: Workspace, now: datetime, tz: ZoneInfo, period: str) -> list[Post]:
        today = now.astimezone(tz).date()
        with self.deps.sessions() as session:
            if job == "weekly-sync":
                return plans.sync_posts(session, ws, today, period, self.deps.clock)
            if job == "nudges":
                return plans.nudge_posts(session, ws, today, period)
            if job == "agendas":
                return agendas.job_posts(session, ws, now)
            if job == "milestones":
                return milestones.job_posts(session, ws, now)
            if job == "retros":
                return retros.job_posts(session, ws, now)
            return plans.digest_posts(session, ws, now, tz, period)

    def _unfinished(self, job: str, ws: Workspace, period: str) -> bool:
        with self.deps.sessions() as session:
            return bool(
                ledger.unfinished(
                    session, team_id=ws.team_id, kinds=KINDS[job], period=ledger_period(job, period)
                )
            )

    def _wait_for_others(self, job: str, ws: Workspace, at: datetime, run: JobRun) -> None:
        deadline = time.monotonic() + self.deliverer.lease.total_seconds() + 10
        while time.monotonic() < deadline:
            with self.deps.sessions() as session:
                pending = ledger.unfinished(
                    session, team_id=ws.team_id, kinds=KINDS[job], period=ledger_period(job, run.period)
                )
            if not pending:
                break
            now = self.deliverer.clock()
            expired = [d for d in pending if d.lease_until is None or d.lease_until <= now]
            if expired:
                more = self._run_for(job, ws, at, force=True)
                if more is not None:
                    for bucket in ("sent", "reconciled", "failed", "retry"):
                        getattr(run.report, bucket).extend(getattr(more.report, bucket))
                continue
            soonest = min(d.lease_until for d in pending if d.lease_until is not None)
            time.sleep(min(max((soonest - now).total_seconds(), 0.05), 1.0))
        else:
            logger.warning(
                "%s %s %s: some targets are still held by other processes", job, ws.team_id, run.period
            )
        report = run.report
        handled = {*report.sent, *report.reconciled, *(key for key, _ in report.failed)}
        report.already = [k for k in dict.fromkeys(report.already) if k not in handled]
        report.retry = [k for k in dict.fromkeys(report.retry) if k not in handled]

    # ------------------------------------------------------------ failures

    def alert_admins(self, post: Post, target: str, error: str) -> None:
        """Tell the admins, once a week per target and error, that a post could not be made."""
        if post.kind == "alert":
            return
        with self.deps.sessions() as session:
            ws = workspaces.get_workspace(session, team_id=post.team_id)
        admins = list(dict.fromkeys([*ws.admin_ids, *self.deps.defaults.admins]))
        if not admins:  # nobody named in config: the Slack workspace admins and owners
            admins = self.deps.users.workspace_admins(self.deps.slack_for(post.team_id))
        if not admins:
            logger.warning("no admin to tell that %s failed (%s)", post.key, error)
            return
        if post.dm_user:
            text = alert_text(ws.lang, user=post.dm_user, what=post.describe, error=error)
        else:
            text = alert_text(ws.lang, channel=post.channel, what=post.describe, error=error)
        period = iso_week(self.deps.today(ws))
        alerts = [
            Post(
                team_id=post.team_id,
                kind="alert",
                target=f"{admin}:{target}:{error}"[:120],
                period=period,
                dm_user=admin,
                parts=[alert_message(text)],
                describe="an alert",
            )
            for admin in admins
        ]
        report = Report()
        for alert in alerts:
            self.deliverer.deliver(alert, report)


def make_jobs(
    deps: Deps,
    *,
    clock: Clock | None = None,
    rate: float = 20.0,
    lease: timedelta = timedelta(seconds=30),
    workers: int = 8,
    owner: str | None = None,
    per_channel: float = 1.0,
    installed: Callable[[str], bool] | None = None,
) -> Jobs:
    deliverer = Deliverer(
        slack_for=deps.slack_for,
        sessions=deps.sessions,
        # Leases are about the liveness of processes, not the "as if" time a job runs for;
        # the wiring's clock (the real one in production) unless told otherwise.
        clock=clock or deps.clock,
        throttles=Throttles(rate, per_channel=per_channel, sessions=deps.sessions),
        lease=lease,
        workers=workers,
        owner=owner,
    )
    jobs = Jobs(deps=deps, deliverer=deliverer)
    if installed is not None:
        jobs.installed = installed
    deliverer.on_permanent_failure = jobs.alert_admins
    return jobs
