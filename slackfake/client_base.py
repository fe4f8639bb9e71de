"""The Slack client's common parts: what an action's outcome is, where it happened, who the
people are, and the pieces every request to the app carries (trigger_ids, escaping)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from slackfake.app_link import AppAnswer, AppLink
from slackfake.escaping import escape_command_text

if TYPE_CHECKING:
    from slackfake.server import FakeSlack

VERIFICATION_TOKEN = "sandbox-verification-token"


@dataclass
class Outcome:
    """What the person sees happen: ``ok``, or ``error`` (a sentence), and a modal's field errors."""

    ok: bool = True
    error: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    options: list[dict[str, Any]] = field(default_factory=list)
    response_url: str = ""  # where the app answers a slash command

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "error": self.error, "errors": self.errors, "options": self.options}


@dataclass(frozen=True)
class Where:
    """Where an element was used: a message (``channel`` + ``message_ts``, ``ephemeral`` when
    only this person sees it) or a view (``view_id``: a modal or the Home tab)."""

    channel: str | None = None
    message_ts: str | None = None
    ephemeral: bool = False
    view_id: str | None = None


class ClientBase:
    """People using Slack, talking to one app (``link``): who they are, the requests' common parts."""

    def __init__(self, fake: FakeSlack, link: AppLink, *, create_channels: bool = True) -> None:
        self.fake = fake
        self.link = link
        # "#name" of a channel nobody has made yet makes it (as if someone had, a moment before)
        self.create_channels = create_channels

    # ------------------------------------------------------------ identities

    def _user(self, user_id: str) -> dict[str, Any]:
        with self.fake._lock:
            found = self.fake.users.get(user_id)
            return copy.deepcopy(found) if found else {"id": user_id, "name": user_id.lower()}

    def _user_ref(self, user_id: str) -> dict[str, Any]:
        user = self._user(user_id)
        name = str(user.get("name") or user_id.lower())
        return {"id": user_id, "username": name, "name": name, "team_id": self.fake.team_id}

    def _team(self) -> dict[str, Any]:
        return {"id": self.fake.team_id, "domain": self.fake.team_domain}

    def _channel_name(self, channel: str) -> str:
        if channel.startswith("D"):
            return "directmessage"
        with self.fake._lock:
            return str((self.fake.channels.get(channel) or {}).get("name") or channel.lower())

    def _envelope(self, kind: str, user_id: str, **fields: Any) -> dict[str, Any]:
        """An interaction payload's common part (``type``, ``team``, ``user``, …) and ``fields``."""
        return {
            "type": kind,
            "team": self._team(),
            "user": self._user_ref(user_id),
            "api_app_id": self.fake.app_id,
            "token": VERIFICATION_TOKEN,
            "enterprise": None,
            "is_enterprise_install": False,
            **fields,
        }

    def _view(self, view_id: str) -> dict[str, Any] | None:
        with self.fake._lock:
            found = self.fake.views.get(view_id)
            return copy.deepcopy(found) if found else None

    def _trigger(self, user_id: str) -> str:
        trigger = self.fake.new_trigger_id()
        with self.fake._lock:
            self.fake.trigger_users[trigger] = user_id
        return trigger

    def _escape(self, text: str, user_id: str) -> str:
        def user_named(name: str) -> str | None:
            found = self.fake.user_named(name)
            return str(found["id"]) if found else None

        def channel_named(name: str) -> str | None:
            found = self.fake.channel_named(name)
            if found is None and self.create_channels and name.replace("-", "").replace("_", "").isalnum():
                found = self.fake.create_channel(name[:80], creator=user_id)
            return str(found["id"]) if found else None

        return escape_command_text(text, user_id=user_named, channel_id=channel_named)

    def _slackbot(self, user_id: str, channel: str, text: str) -> None:
        self.fake.add_ephemeral(channel, user_id, {"text": text}, via="slackbot", username="Slackbot")


def no_answer(answer: AppAnswer) -> str:
    if answer.status == 0:
        return "the app did not answer within 3 seconds"
    return f"the app answered HTTP {answer.status}"
