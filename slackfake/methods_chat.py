"""Web API methods chat.* and reactions.*: posting, updating and deleting messages."""

from __future__ import annotations

from typing import Any

from slackfake.blocks import message_problems
from slackfake.errors import ApiError
from slackfake.limits import Limits
from slackfake.params import truthy
from slackfake.responses import ResponseUrls


class ChatMethods(ResponseUrls, Limits):
    """chat.* and reactions.* (called with the lock held)."""

    def _validate_message(self, method: str, params: dict[str, Any], *, require_content: bool = True) -> None:
        errors = message_problems(params, require_content=require_content)
        if not errors:
            return
        self.validation_errors.extend(f"{method}: {e}" for e in errors)
        if all(e.startswith("metadata:") for e in errors):
            error = "invalid_metadata"
        elif errors == ["message has no text, blocks or attachments (no_text)"]:
            error = "no_text"
        elif all(e.startswith("text:") for e in errors):
            error = "msg_too_long"
        elif any("invalid_blocks_format" in e for e in errors):
            error = "invalid_blocks_format"
        else:
            error = "invalid_blocks"
        raise ApiError(
            error,
            errors=errors,
            response_metadata={"messages": [f"[ERROR] {e}" for e in errors]},
        )

    def _chat_post_message(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "post")
        self._check_rate_limit(channel)
        self._validate_message("chat.postMessage", p)
        msg = self._bot_message(channel, p)
        if p.get("thread_ts"):
            msg["thread_ts"] = self._thread_root(channel, str(p["thread_ts"]))
            if truthy(p.get("reply_broadcast")):
                msg["subtype"] = "thread_broadcast"
        self._store_message(msg)
        return {"ok": True, "channel": channel, "ts": msg["ts"], "message": self._public_message(msg)}

    def _chat_post_ephemeral(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "post")
        if not p.get("user"):
            raise ApiError("user_not_in_channel")
        self._validate_message("chat.postEphemeral", p)
        thread_ts = str(p["thread_ts"]) if p.get("thread_ts") else None
        entry = self.add_ephemeral(channel, str(p["user"]), p, thread_ts=thread_ts)
        return {"ok": True, "message_ts": entry["message_ts"]}

    def _existing_message(self, p: dict[str, Any], ts_param: str = "ts") -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "post")
        msg = self._find(channel, p.get(ts_param))
        if msg is None:
            raise ApiError("message_not_found")
        return msg

    def _chat_update(self, p: dict[str, Any]) -> dict[str, Any]:
        msg = self._existing_message(p)
        if msg.get("user") != self.bot_user_id:
            raise ApiError("cant_update_message")
        self._validate_message("chat.update", p, require_content=False)
        for key in ("text", "blocks", "attachments", "metadata"):
            if key in p and p[key] is not None:
                if p[key] == [] and key in ("blocks", "attachments"):
                    msg.pop(key, None)
                else:
                    msg[key] = p[key]
        msg["edited"] = {"user": self.bot_user_id, "ts": self._next_ts()}
        return {
            "ok": True,
            "channel": msg["channel"],
            "ts": msg["ts"],
            "text": msg.get("text", ""),
            "message": self._public_message(msg),
        }

    def _chat_delete(self, p: dict[str, Any]) -> dict[str, Any]:
        msg = self._existing_message(p)
        if msg.get("user") != self.bot_user_id:
            raise ApiError("cant_delete_message")
        self._remove_message(msg)
        return {"ok": True, "channel": msg["channel"], "ts": msg["ts"]}

    def _chat_get_permalink(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "info")
        msg = self._find(channel, p.get("message_ts"))
        if msg is None:
            raise ApiError("message_not_found")
        # served at a URL of its own (the sandbox), the link leads to the local Slack's page
        base = self._mounted_url or f"https://{self.team_domain}.slack.com/"
        return {
            "ok": True,
            "channel": channel,
            "permalink": f"{base}archives/{channel}/p{msg['ts'].replace('.', '')}",
        }

    def _reactions_add(self, p: dict[str, Any]) -> dict[str, Any]:
        name = str(p.get("name") or "").strip(":")
        if not name:
            raise ApiError("invalid_name")
        msg = self._existing_message(p, "timestamp")
        reactions = msg.setdefault("reactions", [])
        for reaction in reactions:
            if reaction["name"] == name:
                if self.bot_user_id in reaction["users"]:
                    raise ApiError("already_reacted")
                reaction["users"].append(self.bot_user_id)
                reaction["count"] += 1
                return {"ok": True}
        reactions.append({"name": name, "users": [self.bot_user_id], "count": 1})
        return {"ok": True}

    def _reactions_remove(self, p: dict[str, Any]) -> dict[str, Any]:
        name = str(p.get("name") or "").strip(":")
        msg = self._existing_message(p, "timestamp")
        for reaction in msg.get("reactions", []):
            if reaction["name"] == name and self.bot_user_id in reaction["users"]:
                reaction["users"].remove(self.bot_user_id)
                reaction["count"] -= 1
                if reaction["count"] <= 0:
                    msg["reactions"].remove(reaction)
                return {"ok": True}
        raise ApiError("no_reaction")
