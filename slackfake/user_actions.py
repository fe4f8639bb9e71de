"""The Slack client: what people do — type a message or a slash command, press a button, pick
from a menu, fill in and submit a modal, open the app's Home tab — sent to the app exactly as
Slack sends it (signed, with trigger_ids and response_urls), and the app's answers applied to
the workspace as Slack applies them (ephemeral answers, modal errors, updates and pushes)."""

from __future__ import annotations

import copy
import logging
import time
import uuid
from typing import Any

from slackfake.app_link import AppAnswer
from slackfake.client_base import VERIFICATION_TOKEN, Outcome, Where, no_answer
from slackfake.interactions import Raw, action, find_element
from slackfake.modal_actions import ModalActions

logger = logging.getLogger(__name__)

__all__ = ["Outcome", "SlackClient", "Where"]


class SlackClient(ModalActions):
    """People using Slack, talking to one app: the composer, buttons and menus, modals
    (``ModalActions``), the Home tab."""

    # ------------------------------------------------------------ the composer

    def send(self, user_id: str, channel: str, text: str, *, thread_ts: str | None = None) -> Outcome:
        """What the message box does with ``text``: a slash command, or a message."""
        if text.startswith("/") and not text.startswith("//"):
            return self.command(user_id, channel, text)
        return self.post(user_id, channel, text, thread_ts=thread_ts)

    def command(self, user_id: str, channel: str, text: str) -> Outcome:
        name, _, rest = text.strip().partition(" ")
        with self.fake._lock:
            known = name in self.fake.commands
        if not known:
            self._slackbot(
                user_id,
                channel,
                f"{name} is not a valid command. In Slack, all messages that start with the "
                '"/" character are interpreted as commands.',
            )
            return Outcome(ok=False, error=f"{name} is not a valid command")
        user = self._user(user_id)
        form = {
            "token": VERIFICATION_TOKEN,
            "team_id": self.fake.team_id,
            "team_domain": self.fake.team_domain,
            "channel_id": channel,
            "channel_name": self._channel_name(channel),
            "user_id": user_id,
            "user_name": str(user.get("name") or user_id.lower()),
            "command": name,
            "text": self._escape(rest.strip(), user_id),
            "api_app_id": self.fake.app_id,
            "is_enterprise_install": "false",
            "response_url": self.fake.register_response_url(
                channel=channel, user=user_id, origin=f"{name} {rest.strip()}".strip()
            ),
            "trigger_id": self._trigger(user_id),
        }
        answer = self.link.post_form(form)
        if not answer.ok:
            error = "operation_timeout" if answer.status == 0 else "dispatch_failed"
            self._slackbot(user_id, channel, f'{name} failed with the error "{error}"')
            return Outcome(ok=False, error=error)
        self._immediate_answer(user_id, channel, answer)
        return Outcome(response_url=form["response_url"])

    def _immediate_answer(self, user_id: str, channel: str, answer: AppAnswer) -> None:
        """A command's HTTP answer with content is shown at once (ephemeral unless in_channel)."""
        if not answer.body.strip():
            return
        data = answer.json()
        if data is None:
            self.fake.add_ephemeral(channel, user_id, {"text": answer.body}, via="command answer")
            return
        content: dict[str, Any] = {k: data[k] for k in ("text", "blocks", "attachments") if k in data}
        if not content:
            return
        if data.get("response_type") == "in_channel":
            url = self.fake.register_response_url(channel=channel, user=user_id)
            with self.fake._lock:
                self.fake._apply_response(url, data)
                self.fake._changed()
        else:
            self.fake.add_ephemeral(channel, user_id, content, via="command answer")

    def post(self, user_id: str, channel: str, text: str, *, thread_ts: str | None = None) -> Outcome:
        """A person's message (a thread reply with ``thread_ts``), and the event the app gets."""
        if not text.strip():
            return Outcome(ok=False, error="empty message")
        msg = self.fake.add_message(
            channel,
            self._escape(text, user_id),
            user=user_id,
            thread_ts=thread_ts,
            client_msg_id=str(uuid.uuid4()),
        )
        event: dict[str, Any] = {
            "type": "message",
            "channel": msg["channel"],
            "user": user_id,
            "text": msg["text"],
            "ts": msg["ts"],
            "event_ts": msg["ts"],
            "client_msg_id": msg["client_msg_id"],
            "team": self.fake.team_id,
            "channel_type": self._channel_type(msg["channel"]),
        }
        if msg.get("thread_ts"):
            event["thread_ts"] = msg["thread_ts"]
            parent = self.fake.message(msg["channel"], msg["thread_ts"])
            if parent is not None:
                event["parent_user_id"] = parent.get("user")
        if not self._app_sees(msg["channel"]):
            return Outcome()
        return self._deliver_event(event)

    def _channel_type(self, channel: str) -> str:
        if channel.startswith("D"):
            return "im"
        with self.fake._lock:
            info = self.fake.channels.get(channel) or {}
        return "mpim" if info.get("is_mpim") else "group" if info.get("is_private") else "channel"

    def _app_sees(self, channel: str) -> bool:
        """Message events come from the channels the app is in, and its direct messages."""
        if channel.startswith("D"):
            return True
        with self.fake._lock:
            return bool((self.fake.channels.get(channel) or {}).get("is_member"))

    def _deliver_event(self, event: dict[str, Any]) -> Outcome:
        envelope = {
            "token": VERIFICATION_TOKEN,
            "team_id": self.fake.team_id,
            "api_app_id": self.fake.app_id,
            "event": event,
            "type": "event_callback",
            "event_id": f"Ev{uuid.uuid4().hex[:12].upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {"team_id": self.fake.team_id, "user_id": self.fake.bot_user_id, "is_bot": True}
            ],
            "is_ext_shared_channel": False,
        }
        answer = self.link.post_event(envelope)
        if not answer.ok:
            logger.info("the app answered %s to a %s event", answer.status or "nothing", event["type"])
            return Outcome(ok=False, error=f"the app answered {answer.status or 'nothing'} to the event")
        return Outcome()

    # ------------------------------------------------------------ buttons, menus, pickers

    def act(self, user_id: str, where: Where, *, block_id: str, action_id: str, raw: Raw) -> Outcome:
        """A button pressed, or a menu, picker or checkbox changed, in a message or a view."""
        payload = self._envelope("block_actions", user_id, trigger_id=self._trigger(user_id))
        if where.view_id:
            view = self._view(where.view_id)
            if view is None:
                return Outcome(ok=False, error="this view is gone")
            blocks = list(view.get("blocks") or [])
            payload["container"] = {"type": "view", "view_id": view["id"]}
            payload["view"] = view
        else:
            channel = str(where.channel or "")
            msg = self._message(user_id, channel, str(where.message_ts or ""), where.ephemeral)
            if msg is None:
                return Outcome(ok=False, error="this message is gone")
            blocks = list(msg.get("blocks") or [])
            payload["container"] = {
                "type": "message",
                "message_ts": where.message_ts,
                "channel_id": channel,
                "is_ephemeral": where.ephemeral,
            }
            payload["channel"] = {"id": channel, "name": self._channel_name(channel)}
            if not where.ephemeral:
                payload["message"] = {k: v for k, v in msg.items() if k != "channel"}
            payload["response_url"] = self.fake.register_response_url(
                channel=channel,
                user=user_id,
                message_ts=where.message_ts,
                ephemeral=where.ephemeral,
                thread_ts=msg.get("thread_ts"),
            )
            payload["state"] = {"values": {}}
        found = find_element(blocks, block_id, action_id)
        if found is None:
            return Outcome(ok=False, error=f"no element {block_id}/{action_id}")
        element, _ = found
        payload["actions"] = [action(element, block_id, action_id, raw)]
        answer = self.link.post_payload(payload)
        if not answer.ok:
            return Outcome(ok=False, error=no_answer(answer))
        return Outcome()

    def shortcut(self, user_id: str, channel: str, message_ts: str, callback_id: str) -> Outcome:
        """A message shortcut (the message's "More actions" menu): ``message_action``."""
        msg = self.fake.message(channel, message_ts)
        if msg is None:
            return Outcome(ok=False, error="this message is gone")
        payload = self._envelope(
            "message_action",
            user_id,
            callback_id=callback_id,
            trigger_id=self._trigger(user_id),
            action_ts=f"{time.time():.6f}",
            message_ts=message_ts,
            channel={"id": channel, "name": self._channel_name(channel)},
            message={k: v for k, v in msg.items() if k != "channel"},
            response_url=self.fake.register_response_url(channel=channel, user=user_id),
        )
        answer = self.link.post_payload(payload)
        return Outcome() if answer.ok else Outcome(ok=False, error=no_answer(answer))

    def _message(self, user_id: str, channel: str, ts: str, ephemeral: bool) -> dict[str, Any] | None:
        if not ephemeral:
            return self.fake.message(channel, ts)
        with self.fake._lock:
            found = self.fake._find_ephemeral(user_id, ts)
            return copy.deepcopy(found) if found else None

    # ------------------------------------------------------------ App Home

    def open_home(self, user_id: str) -> Outcome:
        """Opening the app's Home tab: ``app_home_opened`` (the app may publish a view)."""
        event: dict[str, Any] = {
            "type": "app_home_opened",
            "user": user_id,
            "channel": f"D{user_id}",
            "tab": "home",
            "event_ts": f"{time.time():.6f}",
        }
        view = self.fake.home_view(user_id)
        if view is not None:
            event["view"] = view
        # An app without a Home tab answers 404 (not handled): the tab then stays empty, silently.
        return self._deliver_event(event)
