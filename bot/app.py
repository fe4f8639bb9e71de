"""Build the Bolt app: the handlers registered with their dependencies."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App

import handlers.actions
import handlers.commands
import handlers.events
import handlers.options
import handlers.shortcuts
import handlers.views
from bot.settings import Settings
from services.deps import Deps
from slack_api.clients import SlackClients, make_client
from slack_api.installations import OAuthStores

logger = logging.getLogger(__name__)

# Bolt runs each listener — which acks first, then does the follow-up work (the database, then
# Slack: the answer to the response_url, a message, a form) — in this pool, and an ack can only
# be sent once its listener has a thread. Threads are made as needed and reused; with Slack slow,
# follow-ups hold theirs for seconds, so the pool is large enough that a new request never waits
# behind them (bench/ack.py --concurrency 8 --slow 2).
LISTENER_THREADS = 512


def build_app(
    settings: Settings, deps: Deps, *, clients: SlackClients, oauth: OAuthStores | None = None
) -> App:
    common: dict[str, Any] = {
        "signing_secret": settings.signing_secret,
        "process_before_response": False,
        "listener_executor": ThreadPoolExecutor(
            max_workers=LISTENER_THREADS, thread_name_prefix="bolt-listener"
        ),
    }
    if oauth is None:
        # Bolt's own calls (auth.test) with the one token; the handlers use the gateways
        app = App(client=clients.client(""), **common)
    else:
        from bot.oauth import oauth_settings

        # Many workspaces: Bolt authorizes each request with the workspace's installation and
        # runs the install flow (oauth.v2.access on SLACK_API_URL, through this token-less client).
        app = App(
            client=make_client(token=None, base_url=clients.base_url),
            oauth_settings=oauth_settings(settings, oauth),
            installation_store_bot_only=True,
            **common,
        )
        # app_uninstalled / tokens_revoked delete the tokens: nothing is posted there any more.
        app.enable_token_revocation_listeners()
    handlers.commands.register(app, deps)
    handlers.actions.register(app, deps)
    handlers.views.register(app, deps)
    handlers.options.register(app, deps)
    handlers.events.register(app, deps)
    handlers.shortcuts.register(app, deps)

    @app.error
    def on_error(error: Exception) -> None:
        logger.error("unhandled error in a listener", exc_info=error)

    return app
