"""What the bot's posts to Slack did, for ``GET /metrics``: posts sent, failed and answered with
HTTP 429, by the job that made them (``weekly-sync``, ``nudges``, …; ``interactive`` for posts a
person's request made). The job is a context variable the job runner sets around its fan-out.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from prometheus_client import Counter
from slack_sdk.http_retry.handler import RetryHandler

INTERACTIVE = "interactive"
POSTS = Counter(
    "collab_posts",
    "Messages the bot posted (chat.postMessage) by job and outcome: sent, failed, rate_limited (HTTP 429)",
    ["job", "outcome"],
)
_job: ContextVar[str] = ContextVar("collab_job", default=INTERACTIVE)


@contextmanager
def for_job(job: str) -> Iterator[None]:
    """Count the posts made inside (in this thread, or in work submitted with a copied context)
    under ``job``."""
    token = _job.set(job)
    try:
        yield
    finally:
        _job.reset(token)


def count_post(outcome: str) -> None:
    POSTS.labels(_job.get(), outcome).inc()


class RateLimitCounter(RetryHandler):
    """Counts the 429s Slack answers to ``chat.postMessage``; never retries itself (the
    ``RateLimitErrorRetryHandler`` after it does, after ``Retry-After``)."""

    def __init__(self) -> None:
        super().__init__(max_retry_count=1_000_000)

    def _can_retry(self, *, state: Any, request: Any, response: Any = None, error: Any = None) -> bool:
        if response is not None and response.status_code == 429 and "chat.postMessage" in request.url:
            count_post("rate_limited")
        return False
