"""Build the Bolt app: one WebClient, the handlers registered with their dependencies."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

import handlers.actions
import handlers.commands
import handlers.events
import handlers.options
import handlers.views
from bot.settings import Settings
from handlers.deps import Deps

logger = logging.getLogger(__name__)


def make_client(settings: Settings) -> WebClient:
    """The Web API client: ``SLACK_API_URL`` as base, retrying 429s (Retry-After) and blips."""
    client = WebClient(token=settings.bot_token, base_url=settings.slack_api_url, timeout=15)
    client.retry_handlers.extend(
        [
            RateLimitErrorRetryHandler(max_retry_count=5),
            ServerErrorRetryHandler(max_retry_count=2),
            ConnectionErrorRetryHandler(max_retry_count=2),
        ]
    )
    return client


def build_app(settings: Settings, deps: Deps, *, client: WebClient | None = None) -> App:
    app = App(
        signing_secret=settings.signing_secret,
        client=client or make_client(settings),
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(max_workers=16, thread_name_prefix="bolt-listener"),
    )
    handlers.commands.register(app, deps)
    handlers.actions.register(app, deps)
    handlers.views.register(app, deps)
    handlers.options.register(app, deps)
    handlers.events.register(app, deps)

    @app.error
    def on_error(error: Exception) -> None:
        logger.error("unhandled error in a listener", exc_info=error)

    return app
