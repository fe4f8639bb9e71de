"""How a Web API method says no: an ``ok: false`` answer, or HTTP 429."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"ratelimited (retry after {retry_after}s)")
        self.retry_after = retry_after
