"""The workspace: users, channels and messages — seeded by a test or written through the API."""

from __future__ import annotations

import bisect
import copy
import time
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from slackfake.errors import ApiError
from slackfake.params import ts_key
from slackfake.state import SlackState


class Workspace(SlackState):
    """Users, channels and messages: ``add_*`` take the lock, the ``_`` helpers expect it held."""

    # -- configuration --------------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        name: str | None = None,
        is_admin: bool = False,
        is_owner: bool = False,
        deleted: bool = False,
        tz: str = "UTC",
        team_id: str | None = None,
        *,
        real_name: str | None = None,
        email: str | None = None,
        is_bot: bool = False,
        **extra: Any,
    ) -> dict[str, Any]:
        name = name or user_id.lower()
        try:
            offset = ZoneInfo(tz).utcoffset(datetime.now(UTC))
            tz_offset = int(offset.total_seconds()) if offset is not None else 0
        except (KeyError, ValueError):
            tz_offset = 0
        profile: dict[str, Any] = {
            "real_name": real_name or name,
            "display_name": name,
            "real_name_normalized": real_name or name,
            "display_name_normalized": name,
            "team": team_id or self.team_id,
        }
        if email:
            profile["email"] = email
        user: dict[str, Any] = {
            "id": user_id,
            "team_id": team_id or self.team_id,
            "name": name,
            "real_name": real_name or name,
            "deleted": deleted,
            "is_admin": is_admin,
            "is_owner": is_owner,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "tz": tz,
            "tz_label": tz,
            "tz_offset": tz_offset,
            "updated": int(time.time()),
            "profile": profile,
            **extra,
        }
        with self._lock:
            self.users[user_id] = user
        return user

    def add_channel(
        self,
        channel_id: str,
        name: str | None = None,
        is_member: bool = True,
        is_archived: bool = False,
        is_private: bool = False,
        *,
        members: list[str] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        name = name or channel_id.lower()
        member_list = list(members or [])
        if is_member and self.bot_user_id not in member_list:
            member_list.append(self.bot_user_id)
        info: dict[str, Any] = {
            "id": channel_id,
            "name": name,
            "name_normalized": name,
            "is_channel": not is_private,
            "is_group": is_private,
            "is_im": False,
            "is_mpim": False,
            "is_private": is_private,
            "is_archived": is_archived,
            "is_general": False,
            "is_shared": False,
            "is_ext_shared": False,
            "is_org_shared": False,
            "is_member": is_member,
            "created": int(time.time()),
            "creator": "U0",
            "context_team_id": self.team_id,
            "members": member_list,
            **extra,
        }
        with self._lock:
            self.channels[channel_id] = info
        return info

    def add_message(
        self,
        channel: str,
        text: str = "",
        user: str = "U1",
        *,
        ts: str | None = None,
        thread_ts: str | None = None,
        blocks: list[dict[str, Any]] | None = None,
        metadata: dict[str, Any] | None = None,
        bot_id: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Seed a message (e.g. one written by a human) without going through the API."""
        with self._lock:
            msg: dict[str, Any] = {
                "type": "message",
                "channel": self._normalize_channel(channel),
                "ts": ts or self._next_ts(),
                "user": user,
                "text": text,
                "team": self.team_id,
                **extra,
            }
            if ts is not None:
                self._last_ts_us = max(self._last_ts_us, ts_key(ts))
            if bot_id:
                msg["bot_id"] = bot_id
            if blocks is not None:
                msg["blocks"] = blocks
            if metadata is not None:
                msg["metadata"] = metadata
            if thread_ts:
                msg["thread_ts"] = self._thread_root(msg["channel"], thread_ts)
            self._store_message(msg)
            self._changed()
            return copy.deepcopy(msg)

    def create_channel(self, name: str, *, creator: str, is_private: bool = False) -> dict[str, Any]:
        """A channel a person makes (the bot is not in it until it joins or is invited)."""
        with self._lock:
            info = self.add_channel(self._new_id("C"), name, is_member=False, members=[creator])
            info["creator"] = creator
            if is_private:
                info.update(is_private=True, is_channel=False, is_group=True)
            self._changed()
            return copy.deepcopy(info)

    def expire_trigger(self, trigger_id: str) -> None:
        with self._lock:
            self._expired_triggers.add(trigger_id)

    def new_trigger_id(self) -> str:
        with self._lock:
            return f"{next(self._ids)}.{self.team_id}.fake{next(self._ids):08x}"

    def new_response_url(self) -> str:
        with self._lock:
            return f"{self.base_url}response/{next(self._ids)}"

    # -- state helpers (called with the lock held) --------------------------------------------------

    def _normalize_channel(self, channel: str) -> str:
        if channel[:1] in ("U", "W") and channel not in self.channels:
            return "D" + channel
        return channel

    def _channel_info(self, channel: str) -> dict[str, Any]:
        if channel.startswith("D"):
            return {
                "id": channel,
                "created": int(time.time()),
                "is_im": True,
                "is_org_shared": False,
                "user": channel[1:],
                "is_user_deleted": False,
                "priority": 0,
                "is_open": True,
            }
        info = self.channels.get(channel)
        if info is None:
            raise ApiError("channel_not_found")
        public = {k: v for k, v in info.items() if k != "members"}
        public["num_members"] = len(info.get("members", []))
        return public

    def _resolve_channel(self, raw_channel: Any, action: str) -> str:
        """action: "post" (write), "read" (history/replies), "info"."""
        if not raw_channel or not isinstance(raw_channel, str):
            raise ApiError("channel_not_found")
        channel = self._normalize_channel(raw_channel)
        if channel.startswith("D"):
            return channel
        info = self.channels.get(channel)
        if info is None:
            if self.strict_channels:
                raise ApiError("channel_not_found")
            info = self.add_channel(channel)
        if action == "info":
            return channel
        if action == "post" and info.get("is_archived"):
            raise ApiError("is_archived")
        if not info.get("is_member"):
            raise ApiError("not_in_channel")
        return channel

    def _find(self, channel: str, ts: Any) -> dict[str, Any] | None:
        if not ts:
            return None
        msgs = self._by_channel.get(channel, [])
        key = ts_key(ts)
        i = bisect.bisect_left(msgs, key, key=lambda m: ts_key(m["ts"]))
        if i < len(msgs) and ts_key(msgs[i]["ts"]) == key:
            return msgs[i]
        return None

    def _thread_root(self, channel: str, thread_ts: str) -> str:
        parent = self._find(channel, thread_ts)
        if parent is not None and parent.get("thread_ts") and parent["thread_ts"] != parent["ts"]:
            return str(parent["thread_ts"])
        return thread_ts

    @staticmethod
    def _is_top_level(msg: dict[str, Any]) -> bool:
        thread_ts = msg.get("thread_ts")
        return not thread_ts or thread_ts == msg["ts"] or msg.get("subtype") == "thread_broadcast"

    def _store_message(self, msg: dict[str, Any]) -> None:
        msgs = self._by_channel.setdefault(msg["channel"], [])
        bisect.insort(msgs, msg, key=lambda m: ts_key(m["ts"]))
        thread_ts = msg.get("thread_ts")
        if thread_ts and thread_ts != msg["ts"]:
            self._replies.setdefault((msg["channel"], thread_ts), []).append(msg["ts"])

    def _remove_message(self, msg: dict[str, Any]) -> None:
        self._by_channel[msg["channel"]].remove(msg)
        thread_ts = msg.get("thread_ts")
        replies = self._replies.get((msg["channel"], thread_ts)) if thread_ts else None
        if replies and msg["ts"] in replies:
            replies.remove(msg["ts"])

    def _public_message(self, msg: dict[str, Any], include_metadata: bool = True) -> dict[str, Any]:
        out = copy.deepcopy(msg)
        out.pop("channel", None)
        if not include_metadata:
            out.pop("metadata", None)
        replies = self._replies.get((msg["channel"], msg["ts"]))
        if replies:
            reply_msgs = [r for r in (self._find(msg["channel"], ts) for ts in replies) if r is not None]
            users = sorted({str(r.get("user")) for r in reply_msgs})
            out.update(
                thread_ts=msg["ts"],
                reply_count=len(reply_msgs),
                reply_users=users,
                reply_users_count=len(users),
                latest_reply=max((r["ts"] for r in reply_msgs), key=ts_key, default=msg["ts"]),
            )
        elif msg.get("thread_ts") and msg["thread_ts"] != msg["ts"]:
            parent = self._find(msg["channel"], msg["thread_ts"])
            if parent is not None:
                out["parent_user_id"] = parent.get("user")
        return out

    def _bot_message(self, channel: str, params: dict[str, Any]) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "type": "message",
            "channel": channel,
            "ts": self._next_ts(),
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "team": self.team_id,
            "text": params.get("text") or "",
        }
        for key in ("blocks", "attachments", "metadata", "username", "icon_emoji", "icon_url"):
            if params.get(key) not in (None, []):
                msg[key] = params[key]
        msg["bot_profile"] = {
            "id": self.bot_id,
            "app_id": self.app_id,
            "name": self.bot_name,
            "team_id": self.team_id,
        }
        return msg
