"""Fan-out with exactly-once delivery through the ledger (``storage.ledger``).

For each target: claim its ledger row (commit), post (with message ``metadata`` naming the
delivery), record where it went (commit), finish (commit). A claim taken over from a crashed
process is first reconciled with ``conversations.history``: parts Slack already has are not
posted again. Posts go out in parallel across channels, paced per workspace by what Slack's
429s taught (``services.jobs.pace``); one channel's error never stops the others.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from services.jobs.pace import Throttle, Throttles
from slack_api.gateway import Gateway, SlackError
from storage import ledger
from storage.db import Session, SessionFactory, transaction

logger = logging.getLogger(__name__)

METADATA_EVENT = "collab_delivery"
# Errors that retrying will not fix: the delivery is marked failed and the admins told.
PERMANENT_ERRORS = {
    "channel_not_found",
    "is_archived",
    "not_in_channel",
    "user_not_found",
    "user_disabled",
    "account_inactive",
    "cannot_dm_bot",
    "invalid_blocks",
    "msg_too_long",
    "no_text",
    "restricted_action",
    "method_not_supported_for_channel_type",
    "missing_scope",
    "invalid_auth",
    "not_authed",
    "token_revoked",
}
MAX_ATTEMPTS = 5
MAX_RATE_LIMITED = 20  # 429s one post waits out before its delivery is left to the next run

__all__ = ["Deliverer", "Post", "Report", "Throttle", "Throttles"]


def process_owner() -> str:
    """Who holds a claim: host, pid and a random part (pids are reused after restarts)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class Post:
    """One delivery: a key in the ledger and the message(s) to post for it."""

    team_id: str
    kind: str
    target: str
    period: str
    parts: list[dict[str, Any]]
    channel: str = ""  # a channel id; empty when ``dm_user`` is set
    dm_user: str = ""  # post as a direct message to this user
    # Called in the transaction that records each posted part (e.g. to store prompt messages).
    on_posted: Callable[[Session, int, str, str], None] | None = None
    describe: str = ""  # for admin alerts: "weekly sync prompt", "overdue reminder"

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.target}:{self.period}"


@dataclass
class Report:
    sent: list[str] = field(default_factory=list)
    reconciled: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    retry: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, bucket: str, item: Any) -> None:
        with self._lock:
            getattr(self, bucket).append(item)


class LostLease(Exception):
    pass


class Deliverer:
    def __init__(
        self,
        *,
        slack_for: Callable[[str], Gateway],
        sessions: SessionFactory,
        clock: Callable[[], datetime],
        throttles: Throttles,
        owner: str | None = None,
        lease: timedelta = timedelta(seconds=30),
        workers: int = 8,
        on_permanent_failure: Callable[[Post, str, str], None] | None = None,
    ) -> None:
        self.slack_for = slack_for
        self.sessions = sessions
        self.clock = clock
        self.throttles = throttles
        self.owner = owner or process_owner()
        self.lease = lease
        self.workers = workers
        self.on_permanent_failure = on_permanent_failure

    def deliver_all(self, posts: Sequence[Post]) -> Report:
        report = Report()
        if not posts:
            return report
        with ThreadPoolExecutor(
            max_workers=min(self.workers, len(posts)), thread_name_prefix="deliver"
        ) as pool:
            for post in posts:
                pool.submit(self._deliver_logged, post, report)
        try:
            self.throttles.save(self.clock())
        except Exception:
            logger.exception("could not keep the learnt pace of posts")
        return report

    def _deliver_logged(self, post: Post, report: Report) -> None:
        try:
            self.deliver(post, report)
        except Exception:
            logger.exception("delivery %s failed unexpectedly", post.key)
            report.add("retry", post.key)

    def deliver(self, post: Post, report: Report) -> None:
        with transaction(self.sessions) as session:
            claim = ledger.claim(
                session,
                team_id=post.team_id,
                kind=post.kind,
                target=post.target,
                period=post.period,
                owner=self.owner,
                now=self.clock(),
                lease=self.lease,
            )
            if claim is None:
                report.add("already", post.key)
                return
            delivery_id = claim.delivery.id
            attempts = claim.delivery.attempts
            since = claim.delivery.created_at
        assert delivery_id is not None
        with self._lease_kept(delivery_id):
            self._send(
                post,
                report,
                delivery_id=delivery_id,
                attempts=attempts,
                since=since,
                recovered=claim.recovered,
            )

    def _send(
        self, post: Post, report: Report, *, delivery_id: int, attempts: int, since: datetime, recovered: bool
    ) -> None:
        try:
            channel = self._channel(post)
            posted: dict[int, str] = {}
            if recovered:
                posted = self._reconcile(channel, post, since)
                if posted:
                    with transaction(self.sessions) as session:
                        for part, ts in sorted(posted.items()):
                            self._record(session, post, delivery_id, part, channel, ts)
            for part, payload in enumerate(post.parts, start=1):
                if part in posted:
                    continue
                # (the first part of a fresh claim goes out under the lease the claim just took)
                if part > 1 or recovered:
                    with transaction(self.sessions) as session:
                        if not ledger.renew(
                            session,
                            delivery_id=delivery_id,
                            owner=self.owner,
                            now=self.clock(),
                            lease=self.lease,
                        ):
                            raise LostLease(post.key)
                ts = self._post(channel, post, part, payload)
                with transaction(self.sessions) as session:
                    self._record(session, post, delivery_id, part, channel, ts)
            with transaction(self.sessions) as session:
                ledger.finish(
                    session, delivery_id=delivery_id, owner=self.owner, state="sent", now=self.clock()
                )
            report.add("reconciled" if posted and len(posted) == len(post.parts) else "sent", post.key)
        except LostLease:
            logger.warning("lost the lease on %s; another process carries on", post.key)
            report.add("retry", post.key)
        except SlackError as e:
            error = e.error
            if error in PERMANENT_ERRORS or attempts >= MAX_ATTEMPTS:
                logger.warning("delivery %s failed: %s", post.key, error)
                with transaction(self.sessions) as session:
                    ledger.finish(
                        session,
                        delivery_id=delivery_id,
                        owner=self.owner,
                        state="failed",
                        now=self.clock(),
                        error=error,
                    )
                report.add("failed", (post.key, error))
                if self.on_permanent_failure is not None:
                    try:
                        self.on_permanent_failure(post, post.channel or post.dm_user, error)
                    except Exception:
                        logger.exception("could not report the failure of %s", post.key)
            else:
                logger.warning("delivery %s hit %s; will retry", post.key, error)
                self._release(delivery_id, error)
                report.add("retry", post.key)
        except Exception as e:
            logger.exception("delivery %s failed; will retry", post.key)
            self._release(delivery_id, type(e).__name__)
            report.add("retry", post.key)

    @contextmanager
    def _lease_kept(self, delivery_id: int) -> Iterator[None]:
        """Renew the lease every third of it while this delivery is being worked on: a throttle
        wait, a long ``Retry-After`` or paging through history must not let the lease run out
        while we are alive, or another process would take the claim and post a second time.
        Only a process that died stops renewing."""
        stop = threading.Event()
        interval = max(self.lease.total_seconds() / 3, 0.05)

        def beat() -> None:
            while not stop.wait(interval):
                try:
                    with transaction(self.sessions) as session:
                        held = ledger.renew(
                            session,
                            delivery_id=delivery_id,
                            owner=self.owner,
                            now=self.clock(),
                            lease=self.lease,
                        )
                except Exception:
                    logger.exception("could not renew the lease on delivery %s", delivery_id)
                    continue
                if not held:
                    return  # finished, released, or (after a stall) taken over

        keeper = threading.Thread(target=beat, name=f"lease-{delivery_id}", daemon=True)
        keeper.start()
        try:
            yield
        finally:
            stop.set()
            keeper.join()

    def _release(self, delivery_id: int, error: str) -> None:
        with transaction(self.sessions) as session:
            ledger.release(session, delivery_id=delivery_id, owner=self.owner, now=self.clock(), error=error)

    def _record(
        self, session: Session, post: Post, delivery_id: int, part: int, channel: str, ts: str
    ) -> None:
        if part == 1:
            ledger.record_post(
                session,
                delivery_id=delivery_id,
                owner=self.owner,
                channel_id=channel,
                ts=ts,
                now=self.clock(),
            )
        if post.on_posted is not None:
            post.on_posted(session, part, channel, ts)

    def _channel(self, post: Post) -> str:
        if not post.dm_user:
            return post.channel
        return self.slack_for(post.team_id).open_dm(post.dm_user)

    def _metadata(self, post: Post, part: int) -> dict[str, Any]:
        return {"event_type": METADATA_EVENT, "event_payload": {"key": post.key, "part": part}}

    def _post(self, channel: str, post: Post, part: int, payload: dict[str, Any]) -> str:
        slack = self.slack_for(post.team_id)
        throttle = self.throttles.get(post.team_id)
        joined = False
        limited = 0
        while True:
            throttle.acquire(channel)
            try:
                ts = slack.post(channel, payload, metadata=self._metadata(post, part), paced=True)
                throttle.succeeded()
                return ts
            except SlackError as e:
                if e.error == "ratelimited" and limited < MAX_RATE_LIMITED:
                    limited += 1
                    throttle.rate_limited(e.retry_after or 1.0)
                    continue
                if e.error == "not_in_channel" and not joined and channel.startswith("C"):
                    joined = True
                    try:
                        slack.join(channel)
                        continue
                    except SlackError:
                        logger.info("could not join %s", channel)
                raise

    def _reconcile(self, channel: str, post: Post, since: datetime) -> dict[int, str]:
        """Parts of this delivery that Slack already has (a crashed holder posted them)."""
        found: dict[int, str] = {}
        oldest = f"{(since - timedelta(minutes=5)).timestamp():.6f}"
        cursor: str | None = None
        slack = self.slack_for(post.team_id)
        for _ in range(20):
            messages, cursor = slack.history(channel, oldest=oldest, cursor=cursor)
            for msg in messages:
                meta = msg.get("metadata") or {}
                payload = meta.get("event_payload") or {}
                ours = bool(msg.get("bot_id"))  # people cannot attach app metadata; bots can
                if ours and meta.get("event_type") == METADATA_EVENT and payload.get("key") == post.key:
                    found.setdefault(int(payload.get("part") or 1), str(msg["ts"]))
            if not cursor:
                break
        if found:
            logger.info("reconciled %s: Slack already has part(s) %s", post.key, sorted(found))
        return found
