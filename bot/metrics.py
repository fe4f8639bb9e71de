"""``GET /metrics`` (Prometheus text format, prometheus-client) and ``GET /readyz``.

- ``collab_requests_total{kind}`` and ``collab_ack_seconds{kind}``: Slack requests by kind
  (command, action, view, event, options, other) and how long the ack took;
- ``collab_posts_total{job,outcome}``: posts sent / failed / rate_limited (429), ``slack_api.telemetry``;
- ``collab_job_seconds{job}``: how long each scheduled job run took (scheduler ticks);
- ``collab_claims_waiting``: deliveries claimed but not finished (being posted, waiting for a
  retry, or left by a process that died), read from the ledger at each scrape.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from slack_bolt import BoltRequest
from slack_bolt.request.payload_utils import is_action, is_event, is_options, is_slash_command, is_view

from services.jobs import JobRun
from storage import ledger, workspaces
from storage.db import Engine, SessionFactory, schema_problem

logger = logging.getLogger(__name__)

CONTENT_TYPE = CONTENT_TYPE_LATEST
KINDS = ("command", "action", "view", "event", "options", "other")

REQUESTS = Counter("collab_requests", "Slack requests received, by kind", ["kind"])
ACK_SECONDS = Histogram(
    "collab_ack_seconds",
    "Time from a Slack request's arrival to its ack (the HTTP answer), by kind",
    ["kind"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0),
)
JOB_SECONDS = Histogram(
    "collab_job_seconds",
    "How long one scheduled job run took (one job, one workspace, one period)",
    ["job"],
    buckets=(0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
)


def request_kind(request: BoltRequest) -> str:
    body = request.body
    if is_slash_command(body):
        return "command"
    if is_view(body):
        return "view"
    if is_options(body):
        return "options"
    if is_action(body):
        return "action"
    if is_event(body):
        return "event"
    return "other"


@contextmanager
def acked(request: BoltRequest) -> Iterator[None]:
    """Count the request and time its ack (the Bolt dispatch that answers it)."""
    kind = request_kind(request)
    started = time.perf_counter()
    try:
        yield
    finally:
        REQUESTS.labels(kind).inc()
        ACK_SECONDS.labels(kind).observe(time.perf_counter() - started)


def observe_runs(runs: Iterable[JobRun]) -> None:
    for run in runs:
        JOB_SECONDS.labels(run.job).observe(run.seconds)


class ClaimsWaiting(Collector):
    """Unfinished deliveries in the ledger, summed over the workspaces, at each scrape."""

    def __init__(self, sessions: SessionFactory) -> None:
        self.sessions = sessions

    def collect(self) -> Iterator[GaugeMetricFamily]:
        gauge = GaugeMetricFamily(
            "collab_claims_waiting",
            "Scheduled posts claimed but not finished: being posted, waiting to be retried, "
            "or left by a process that died (taken over once its lease runs out)",
        )
        try:
            with self.sessions() as session:
                waiting = sum(
                    ledger.count_unfinished(session, team_id=ws.team_id)
                    for ws in workspaces.list_workspaces(session)
                )
        except Exception:
            logger.exception("could not count the waiting claims")
            return
        gauge.add_metric([], waiting)
        yield gauge


_claims: ClaimsWaiting | None = None


def watch_claims(sessions: SessionFactory) -> None:
    """Report the claims of this database (once per process: the registry is global)."""
    global _claims
    if _claims is None:
        _claims = ClaimsWaiting(sessions)
        REGISTRY.register(_claims)
    else:
        _claims.sessions = sessions


def render() -> bytes:
    return generate_latest(REGISTRY)


def readiness(engine: Engine) -> Callable[[], str | None]:
    """``None`` when the database answers and its schema is at the newest migration, else why not."""

    def check() -> str | None:
        try:
            return schema_problem(engine)
        except Exception as e:
            logger.warning("readiness: the database is not reachable: %s", e)
            return f"database not reachable: {type(e).__name__}"

    return check
