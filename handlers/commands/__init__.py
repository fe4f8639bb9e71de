"""The ``/collab`` slash command: ack at once, then read the words, call the use case and
answer privately (``response_url``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App, Respond

from domain.command_text import unescape_slack
from domain.errors import InputError
from services.deps import Deps
from ui.answers import help_message, input_error
from ui.blocks import Payload, text_message
from ui.catalogue import t
from ui.usage import USAGE

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Invocation:
    """One ``/collab`` command as Slack sent it."""

    deps: Deps
    team_id: str
    user_id: str
    channel_id: str
    trigger_id: str
    text: str
    lang: str

    @property
    def meta(self) -> dict[str, str]:
        """What a form opened by this command carries (where to answer after it is saved)."""
        return {"channel": self.channel_id}


Subcommand = Callable[[Invocation, str], Payload | None]


def register(app: App, deps: Deps) -> None:
    def on_collab(ack: Ack, command: dict[str, Any], respond: Respond) -> None:
        ack()
        reply = handle(deps, command)
        if reply is not None:
            respond(response_type="ephemeral", **reply)

    app.command("/collab")(on_collab)


def handle(deps: Deps, command: dict[str, Any]) -> Payload | None:
    from handlers.commands.table import SUBCOMMANDS, VERBS  # the subcommands import this module

    team_id = str(command.get("team_id") or "")
    lang = deps.defaults.lang
    text = str(command.get("text") or "")
    try:
        lang = deps.settings_of(team_id).lang
        inv = Invocation(
            deps=deps,
            team_id=team_id,
            user_id=str(command.get("user_id") or ""),
            channel_id=str(command.get("channel_id") or ""),
            trigger_id=str(command.get("trigger_id") or ""),
            text=text,
            lang=lang,
        )
        words = text.strip().split(None, 2)
        verb = words[0].lower() if words else "help"
        if verb in ("help", "?", "帮助"):
            return help_message(lang)
        if verb in VERBS:
            return VERBS[verb](inv, text.strip().split(None, 1)[1] if len(words) > 1 else "")
        if len(words) >= 2 and (verb, words[1].lower()) in SUBCOMMANDS:
            return SUBCOMMANDS[(verb, words[1].lower())](inv, words[2] if len(words) > 2 else "")
        if verb in {v for v, _ in SUBCOMMANDS}:
            options = sorted(f"{a} {b}" for a, b in SUBCOMMANDS if a == verb)
            raise InputError(
                "subcommand_needed", USAGE.get(options[0]), verb=verb, options=", ".join(options)
            )
        raise InputError("unknown_subcommand", word=unescape_slack(verb)[:40])
    except InputError as e:
        return input_error(lang, e)
    except Exception:
        logger.exception("/collab %r failed", text)
        return text_message(t(lang, "internal_error"))
