"""Reading Slack's payloads: who acted, in which workspace, and what a form was opened with."""

from __future__ import annotations

import json
from typing import Any


def interaction_ids(body: dict[str, Any]) -> tuple[str, str]:
    """The workspace and the person of an interaction payload: a button, a form submission, a
    select menu asking for options."""
    team = body.get("team") or {}
    user = body.get("user") or {}
    team_id = team.get("id") or (body.get("view") or {}).get("team_id") or user.get("team_id") or ""
    return str(team_id), str(user.get("id") or "")


def form_origin(body: dict[str, Any], view: dict[str, Any]) -> tuple[str, str, dict[str, str]]:
    """Who submitted a form, in which workspace, and the private metadata it was opened with."""
    team_id, user_id = interaction_ids(body)
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    return team_id, user_id, meta if isinstance(meta, dict) else {}


def channel_of(body: dict[str, Any]) -> str:
    return str((body.get("channel") or {}).get("id") or "")


def number_in(value: object) -> int:
    """The number a button or a form carries (a reference's, a request's, a page's); 0 when it
    carries none (``"x"``, ``""``, something not sent by this bot), which nothing is."""
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else 0
