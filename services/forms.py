"""What the use cases share for forms (modals): field errors, and opening a form."""

from __future__ import annotations

import logging
from datetime import date

from domain.errors import InputError
from domain.policy import check_deadline
from services.deps import Deps
from slack_api.gateway import SlackError
from ui.blocks import Payload, text_message
from ui.catalogue import error_text, t
from ui.forms import Submitted

logger = logging.getLogger(__name__)

FIELD_ERROR_LIMIT = 150  # Slack shows at most this much under a field


class FieldErrors(Exception):
    """The form's fields that are wrong, by block id, each with what to do (already in the
    workspace's language); the form stays open and nothing is saved."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def form_date(values: Submitted, key: str, *, today: date, lang: str) -> date:
    """A date picked in a form, not in the past."""
    raw = values.text(key)
    try:
        return check_deadline(date.fromisoformat(raw), today=today, field="Deadline")
    except ValueError:
        raise FieldErrors({key: t(lang, "field_date")}) from None
    except InputError as e:
        raise FieldErrors({key: error_text(lang, e)[:FIELD_ERROR_LIMIT]}) from None


def open_form(deps: Deps, *, team_id: str, trigger_id: str, view: Payload, lang: str) -> Payload | None:
    """Open a form; ``None`` when it opened, else the answer that says it could not."""
    try:
        deps.slack_for(team_id).open_view(trigger_id, view)
    except SlackError as e:
        logger.exception("views.open failed")
        return text_message(t(lang, "form_failed", error=e.error))
    return None
