"""The pace of scheduled posts, per workspace, learnt from Slack's ``429``s.

Slack does not publish its workspace-wide cap on ``chat.postMessage``, so the pace adapts: a
``429`` stops every post of the workspace for its ``Retry-After`` and slows the pace to just
under what Slack accepted in the second before it; while Slack stays clear the pace creeps back
up — quickly far below the limit last seen, slowly near it, so that it probes the limit rarely.
What it learnt (the pace, the limit) is kept per workspace across runs (``storage.pace``).
``COLLAB_POST_RATE`` stays the ceiling; at least ``per_channel`` seconds separate two posts to
one channel.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime

from storage import pace
from storage.db import SessionFactory, transaction

FLOOR = 0.2  # posts a second: never slower, whatever Slack says
UNDER_LIMIT = 0.95  # the pace after a 429: this share of what Slack accepted in the second before
CUT = 0.8  # when nothing went through in that second, the pace is cut to this share
FAST_CREEP = 0.10  # growth a second of clear posting, below NEAR of the limit seen
SLOW_CREEP = 0.003  # growth a second of clear posting near (or above) the limit seen
NEAR = 0.9
WINDOW = 1.0  # seconds of successful posts the limit is read from


class Throttle:
    """Paces one workspace's posts (token bucket without burst, spaced per channel) and learns
    the workspace's limit from Slack's 429s."""

    def __init__(
        self,
        rate: float,
        *,
        per_channel: float = 1.0,
        learned: tuple[float, float | None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ceiling = rate
        self.per_channel = per_channel
        self.rate = min(rate, learned[0]) if learned else rate
        self.limit: float | None = learned[1] if learned else None
        self._clock = monotonic
        self._lock = threading.Lock()
        self._tokens = 1.0
        self._stamp = monotonic()
        self._next_by_channel: dict[str, float] = {}
        self._paused_until = 0.0
        self._hold_until = 0.0  # 429s of posts already in flight before this say nothing new
        self._sent: deque[float] = deque()
        self.rate_limited_count = 0
        self.changed = False

    def acquire(self, channel: str) -> None:
        while True:
            with self._lock:
                now = self._clock()
                wait_pause = self._paused_until - now
                self._tokens = min(1.0, self._tokens + max(0.0, now - self._stamp) * self.rate)
                self._stamp = now
                wait_channel = self._next_by_channel.get(channel, 0.0) - now
                if wait_pause <= 0 and self._tokens >= 1 and wait_channel <= 0:
                    self._tokens -= 1
                    self._next_by_channel[channel] = now + self.per_channel
                    return
                wait = max(wait_pause, wait_channel, (1 - self._tokens) / self.rate)
            time.sleep(min(max(wait, 0.001), 1.0))

    def succeeded(self) -> None:
        """A post went through: remember it (for reading the limit), and creep up."""
        with self._lock:
            now = self._clock()
            self._sent.append(now)
            while self._sent and self._sent[0] < now - WINDOW:
                self._sent.popleft()
            near = self.limit is not None and self.rate >= NEAR * self.limit
            per_second = SLOW_CREEP if near else FAST_CREEP
            # one post is 1/rate of a second of clear posting
            grown = min(self.ceiling, self.rate * (1 + per_second / max(self.rate, 1e-9)))
            if grown != self.rate:
                self.rate = grown
                self.changed = True

    def rate_limited(self, retry_after: float) -> None:
        """Slack answered 429: every post waits ``retry_after``; the pace slows (once for the
        posts that were already on their way)."""
        with self._lock:
            now = self._clock()
            self.rate_limited_count += 1
            self._paused_until = max(self._paused_until, now + retry_after)
            if now < self._hold_until:
                return
            # What Slack accepted in the second before: after a pause (a Retry-After is at least
            # a second) or at the start, that is what its window counted.
            accepted = sum(1 for t in self._sent if t >= now - WINDOW)
            if accepted:
                self.limit = accepted / WINDOW
                self.rate = max(FLOOR, min(self.rate, UNDER_LIMIT * self.limit))
            else:
                self.limit = min(self.limit or self.rate, self.rate)
                self.rate = max(FLOOR, self.rate * CUT)
            self._hold_until = self._paused_until + 0.05
            self._sent.clear()
            self._tokens = 0.0
            self.changed = True


class Throttles:
    """One :class:`Throttle` per workspace, starting from what earlier runs learnt."""

    def __init__(
        self, rate: float, *, per_channel: float = 1.0, sessions: SessionFactory | None = None
    ) -> None:
        self.rate = rate
        self.per_channel = per_channel
        self.sessions = sessions
        self._by_team: dict[str, Throttle] = {}
        self._lock = threading.Lock()

    def get(self, team_id: str) -> Throttle:
        with self._lock:
            found = self._by_team.get(team_id)
        if found is not None:
            return found
        learned = None
        if self.sessions is not None:
            with self.sessions() as session:
                row = pace.get_pace(session, team_id=team_id)
                learned = (row.rate, row.limit_seen) if row is not None else None
        throttle = Throttle(self.rate, per_channel=self.per_channel, learned=learned)
        with self._lock:
            return self._by_team.setdefault(team_id, throttle)

    def save(self, now: datetime) -> None:
        """Keep what was learnt (after a run), for the next run."""
        if self.sessions is None:
            return
        with self._lock:
            changed = [(team, t) for team, t in self._by_team.items() if t.changed]
        if not changed:
            return
        with transaction(self.sessions) as session:
            for team_id, throttle in changed:
                pace.save_pace(
                    session, team_id=team_id, rate=throttle.rate, limit_seen=throttle.limit, now=now
                )
                throttle.changed = False
