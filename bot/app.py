"""Build the Bolt app: the handlers registered with their dependencies."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App

import handlers.actions
import handlers.commands
import handlers.events
import handlers.options
import handlers.shortcuts
import handlers.views
from bot.settings import Settings
from services.deps import Deps
from slack_api.clients import SlackClients

logger = logging.getLogger(__name__)


def build_app(settings: Settings, deps: Deps, *, clients: SlackClients) -> App:
    app = App(
        signing_secret=settings.signing_secret,
        client=clients.client(""),  # Bolt's own calls (auth.test); the handlers use the gateways
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(max_workers=16, thread_name_prefix="bolt-listener"),
    )
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
