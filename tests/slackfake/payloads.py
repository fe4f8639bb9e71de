"""What the slackfake tests send (a token, a section block, a modal view) and read back (an API error)."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk.errors import SlackApiError

TOKEN = "xoxb-test"


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def modal(title: str = "Request", **extra: Any) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "request_modal",
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Submit"},
        "blocks": [
            {
                "type": "input",
                "block_id": "topic",
                "label": {"type": "plain_text", "text": "Topic"},
                "element": {"type": "plain_text_input", "action_id": "value"},
            }
        ],
        **extra,
    }


def api_error(exc: pytest.ExceptionInfo[SlackApiError]) -> str:
    return str(exc.value.response["error"])
