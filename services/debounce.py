"""Work done a moment later, once per key, off the request's path: many changes that concern
the same person within ``delay`` seconds lead to one piece of work for them (e.g. one
``views.publish`` of their Home tab, however many rows changed)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable

logger = logging.getLogger(__name__)


class Debouncer:
    """Collects work by key (the newest for a key wins) and runs it on one background thread
    ``delay`` seconds after the first of a batch arrived. The thread ends when nothing is left."""

    def __init__(self, delay: float = 0.3) -> None:
        self.delay = delay
        self._pending: dict[Hashable, Callable[[], None]] = {}
        self._cond = threading.Condition()
        self._worker: threading.Thread | None = None

    def submit(self, key: Hashable, work: Callable[[], None]) -> None:
        with self._cond:
            self._pending[key] = work
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="debounce", daemon=True)
                self._worker.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait(self.delay)  # or less: flush() wakes it
                batch, self._pending = self._pending, {}
                if not batch:
                    self._worker = None
                    self._cond.notify_all()
                    return
            self._run_batch(batch)

    @staticmethod
    def _run_batch(batch: dict[Hashable, Callable[[], None]]) -> None:
        for key, work in batch.items():
            try:
                work()
            except Exception:
                logger.exception("deferred work %r failed", key)

    def flush(self) -> None:
        """Run what is pending now, in the calling thread (shutdown, tests)."""
        with self._cond:
            batch, self._pending = self._pending, {}
            self._cond.notify_all()
        self._run_batch(batch)

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted has run (tests, shutdown); ``False`` on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._worker is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True
