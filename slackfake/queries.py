"""What a test asks the fake: the calls it received, the messages it holds, waits for either."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from typing import Any, TypeVar

from slackfake.params import ts_key
from slackfake.state import Call
from slackfake.workspace import Workspace

_T = TypeVar("_T")


class Queries(Workspace):
    """Recorded calls and stored messages, and blocking waits for them."""

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def posts_to(self, channel: str, *, ok_only: bool = False) -> list[Call]:
        """chat.postMessage calls addressed to `channel` (a U… id also matches its D… DM)."""
        want = {channel, self._normalize_channel(channel)}
        with self._lock:
            return [
                c
                for c in self.calls
                if c.method == "chat.postMessage"
                and (
                    str(c.params.get("channel")) in want
                    or self._normalize_channel(str(c.params.get("channel"))) in want
                )
                and (c.ok or not ok_only)
            ]

    def messages(
        self, channel: str | None = None, thread_ts: str | None = None, top_level_only: bool = False
    ) -> list[dict[str, Any]]:
        """Stored messages, oldest first (copies, each with a "channel" key).

        thread_ts=X returns the whole thread: the parent (ts == X) and its replies."""
        with self._lock:
            if channel is not None:
                pool = list(self._by_channel.get(self._normalize_channel(channel), []))
            else:
                pool = sorted(
                    (m for msgs in self._by_channel.values() for m in msgs), key=lambda m: ts_key(m["ts"])
                )
            out = []
            for m in pool:
                if thread_ts is not None and thread_ts not in (m["ts"], m.get("thread_ts")):
                    continue
                if top_level_only and not self._is_top_level(m):
                    continue
                out.append(copy.deepcopy(m))
            return out

    def message(self, channel: str, ts: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._find(self._normalize_channel(channel), ts)
            return copy.deepcopy(found) if found else None

    def user_named(self, name: str) -> dict[str, Any] | None:
        """The member whose name or display name is ``name`` (case-insensitive)."""
        wanted = name.lower()
        with self._lock:
            for user in self.users.values():
                names = {str(user.get("name") or ""), str(user.get("profile", {}).get("display_name") or "")}
                if wanted in {n.lower() for n in names if n} and not user.get("deleted"):
                    return copy.deepcopy(user)
        return None

    def channel_named(self, name: str) -> dict[str, Any] | None:
        wanted = name.lower().lstrip("#")
        with self._lock:
            for info in self.channels.values():
                if str(info.get("name") or "").lower() == wanted and not info.get("is_mpim"):
                    return copy.deepcopy(info)
        return None

    def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Block until at least `count` calls of `method` (matching `predicate`) were processed."""
        return self._wait_until(
            lambda: [c for c in self.calls if c.method == method and (predicate is None or predicate(c))],
            count,
            timeout,
            lambda found: (
                f"{count} call(s) to {method}{' matching predicate' if predicate else ''}; got {len(found)}"
            ),
        )

    def wait_for_response(
        self,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
    ) -> list[dict[str, Any]]:
        """Block until at least `count` response_url payloads (matching `predicate`) were received."""
        return self._wait_until(
            lambda: [r for r in self.responses if predicate is None or predicate(r)],
            count,
            timeout,
            lambda found: (
                f"{count} response_url post(s){' matching predicate' if predicate else ''}; "
                f"got {len(found)} (of {len(self.responses)} recorded)"
            ),
        )

    def _wait_until(
        self,
        find: Callable[[], list[_T]],
        count: int,
        timeout: float,
        describe: Callable[[list[_T]], str],
    ) -> list[_T]:
        """Block until `find()` (called with the lock held) returns at least `count` items; on
        timeout fail with `describe(found)` and the recorded calls."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = find()
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"FakeSlack: timed out after {timeout}s waiting for {describe(found)}.\n"
                        f"{self._describe_calls()}"
                    )
                self._cond.wait(min(remaining, 0.1))

    def assert_no_validation_errors(self) -> None:
        with self._lock:
            problems = self.validation_errors + self.internal_errors + self.hook_errors
        if problems:
            raise AssertionError("FakeSlack recorded problems:\n  " + "\n  ".join(problems))

    def _describe_calls(self) -> str:
        lines = [f"  {c.method} -> {'ok' if c.ok else (c.error or c.status)}" for c in self.calls[-50:]]
        text = f"Recorded calls ({len(self.calls)}, last 50 shown):\n" + ("\n".join(lines) or "  (none)")
        if self.validation_errors:
            text += "\nValidation errors:\n  " + "\n  ".join(self.validation_errors)
        if self.internal_errors:
            text += "\nInternal errors:\n  " + "\n  ".join(self.internal_errors)
        return text
