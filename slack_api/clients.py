"""Web API clients, one per workspace: the token comes from a ``token_for(team_id)`` lookup
(one bot token in single-workspace mode; the installation store with OAuth)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from slack_api.gateway import WebGateway
from slack_api.telemetry import RateLimitCounter

TokenLookup = Callable[[str], str | None]


def make_client(*, token: str | None, base_url: str, timeout: int = 15) -> WebClient:
    """A Web API client on ``base_url`` (``SLACK_API_URL``), retrying 429s (after their
    Retry-After), server errors and connection blips."""
    client = WebClient(token=token, base_url=base_url, timeout=timeout)
    client.retry_handlers.insert(0, RateLimitCounter())
    client.retry_handlers.extend(
        [
            RateLimitErrorRetryHandler(max_retry_count=5),
            ServerErrorRetryHandler(max_retry_count=2),
            ConnectionErrorRetryHandler(max_retry_count=2),
        ]
    )
    return client


class SlackClients:
    """A gateway per workspace, each over a client with that workspace's token; kept, so that
    what a gateway remembers (DM channels) lasts."""

    def __init__(self, *, base_url: str, token_for: TokenLookup) -> None:
        self.base_url = base_url
        self.token_for = token_for
        self._gateways: dict[tuple[str, str | None], WebGateway] = {}
        self._lock = threading.Lock()

    @classmethod
    def single(cls, *, base_url: str, token: str | None) -> SlackClients:
        """Every workspace with the one bot token (``SLACK_BOT_TOKEN``)."""
        return cls(base_url=base_url, token_for=lambda _team: token)

    def gateway(self, team_id: str) -> WebGateway:
        token = self.token_for(team_id)
        key = (team_id, token)
        with self._lock:
            found = self._gateways.get(key)
            if found is None:
                found = WebGateway(make_client(token=token, base_url=self.base_url), team_id=team_id)
                self._gateways[key] = found
            return found

    def installed(self, team_id: str) -> bool:
        """Whether the bot has a token for the workspace (always, with one ``SLACK_BOT_TOKEN``)."""
        return self.token_for(team_id) is not None

    def client(self, team_id: str) -> WebClient:
        return self.gateway(team_id).client
