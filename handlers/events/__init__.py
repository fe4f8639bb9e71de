"""Events API listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers.deps import Deps


def register(app: App, deps: Deps) -> None:
    """No event listeners yet; Bolt acknowledges every event itself."""
