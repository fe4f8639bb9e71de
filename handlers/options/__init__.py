"""Options of the searchable select menus (``block_suggestion``): what matches the typed text.

A form whose list has more entries than a static select holds uses an external select
(``ui/forms.py``); Slack then asks for its options, by the element's action_id, every time the
user types. The answer is the request's HTTP response: one query, no Slack call.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from handlers.payloads import interaction_ids
from services import suggestions
from services.deps import Deps
from ui import forms

KINDS = {forms.PROJECT_SEARCH: "projects", forms.PROBLEM_SEARCH: "problems", forms.DEPT_SEARCH: "departments"}


def register(app: App, deps: Deps) -> None:
    def on_search(ack: Ack, body: dict[str, Any]) -> None:
        team_id, _ = interaction_ids(body)
        kind = KINDS[str(body.get("action_id") or "")]
        ack(options=suggestions.options(deps, team_id=team_id, kind=kind, text=str(body.get("value") or "")))

    for action_id in KINDS:
        app.options(action_id)(on_search)
