"""Fault injection and rate limits: injected errors, HTTP 429s, delays, hooks, posting limits."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from slackfake.errors import RateLimited
from slackfake.state import Call, Fault, SlackState


class Limits(SlackState):
    """What a test injects (``fail_next``, ``rate_limit_next``, ``delay``, ``on_call``) and
    Slack's posting limits (``enforce_rate_limits``)."""

    def fail_next(
        self,
        method: str,
        error: str,
        count: int = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """The next `count` calls of `method` (matching `when(params)` if given) answer ok=false/error.

        `method` may be "*" for any method."""
        with self._lock:
            self._faults.setdefault(method, []).append(Fault("error", count, error=error, when=when))

    def rate_limit_next(
        self,
        method: str,
        retry_after: int = 1,
        count: int = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """The next `count` calls of `method` answer HTTP 429 + Retry-After (nothing is stored)."""
        with self._lock:
            self._faults.setdefault(method, []).append(
                Fault("ratelimit", count, error="ratelimited", retry_after=retry_after, when=when)
            )

    def delay(self, method: str, seconds: float) -> None:
        """Sleep `seconds` before processing each call of `method` ("*" = every Web API method;
        "response_url" = every post to a response_url); 0 removes."""
        with self._lock:
            if seconds > 0:
                self._delays[method] = seconds
            else:
                self._delays.pop(method, None)

    def enforce_rate_limits(
        self, per_channel_per_sec: float | None = 1.0, workspace_per_sec: float | None = None
    ) -> None:
        """Make chat.postMessage answer 429 when a channel (or the workspace) posts too fast.

        Sliding window: at most max(1, int(rate)) posts per max(1, int(rate))/rate seconds.
        Pass None for both to switch off."""
        with self._lock:
            self._channel_rate = per_channel_per_sec
            self._workspace_rate = workspace_per_sec
            self._channel_posts = {}
            self._workspace_posts = deque()

    def on_call(self, method: str, callback: Callable[[Call], None]) -> None:
        """Call `callback(call)` in the server thread after a call of `method` ("*" = any) was answered."""
        with self._lock:
            self._hooks.setdefault(method, []).append(callback)

    def _take_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        for key in (method, "*"):
            faults = self._faults.get(key)
            if not faults:
                continue
            for fault in faults:
                if fault.remaining > 0 and (fault.when is None or fault.when(params)):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        faults.remove(fault)
                    return fault
        return None

    def _check_rate_limit(self, channel: str) -> None:
        now = time.monotonic()
        checks: list[tuple[deque[float], float]] = []
        if self._channel_rate:
            checks.append((self._channel_posts.setdefault(channel, deque()), self._channel_rate))
        if self._workspace_rate:
            checks.append((self._workspace_posts, self._workspace_rate))
        waits = []
        for times, rate in checks:
            limit = max(1, int(rate))
            window = limit / rate
            while times and times[0] <= now - window:
                times.popleft()
            if len(times) >= limit:
                waits.append(times[0] + window - now)
        if waits:
            raise RateLimited(max(1, math.ceil(max(waits))))
        for times, _ in checks:
            times.append(now)
