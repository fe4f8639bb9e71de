"""Web API methods conversations.*: open, join, info, list, members, history, replies."""

from __future__ import annotations

from typing import Any

from slackfake.errors import ApiError
from slackfake.params import as_int, decode_cursor, encode_cursor, paginate, split_csv, truthy, ts_key
from slackfake.workspace import Workspace


class ConversationMethods(Workspace):
    """conversations.* (called with the lock held)."""

    def _conversations_open(self, p: dict[str, Any]) -> dict[str, Any]:
        if p.get("channel"):
            channel = str(p["channel"])
            return {"ok": True, "no_op": True, "already_open": True, "channel": {"id": channel}}
        users = split_csv(p.get("users"))
        if not users:
            raise ApiError("users_list_not_supplied")
        for uid in users:
            user = self.users.get(uid)
            if user is not None and user.get("deleted"):
                raise ApiError("user_disabled")
        if len(users) == 1:
            channel = "D" + users[0]
        else:
            channel = "G" + "".join(sorted(users))
            if channel not in self.channels:
                self.add_channel(
                    channel, name="mpdm-" + "--".join(sorted(users)), is_private=True, members=users
                )
                self.channels[channel].update(is_mpim=True, is_group=False)
        already = channel in self._opened_dms
        self._opened_dms.add(channel)
        out: dict[str, Any] = {"ok": True, "channel": {"id": channel}}
        if already:
            out.update(no_op=True, already_open=True)
        if truthy(p.get("return_im")):
            out["channel"] = self._channel_info(channel)
        return out

    def _conversations_join(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = p.get("channel")
        if not channel or not isinstance(channel, str):
            raise ApiError("channel_not_found")
        if channel[:1] in ("D", "U", "W"):
            raise ApiError("method_not_supported_for_channel_type")
        info = self.channels.get(channel)
        if info is None:
            if self.strict_channels:
                raise ApiError("channel_not_found")
            info = self.add_channel(channel, is_member=False)
        if info.get("is_private") or info.get("is_mpim"):
            raise ApiError("method_not_supported_for_channel_type")
        if info.get("is_archived"):
            raise ApiError("is_archived")
        out: dict[str, Any] = {"ok": True}
        if info.get("is_member"):
            out["warning"] = "already_in_channel"
            out["response_metadata"] = {"warnings": ["already_in_channel"]}
        info["is_member"] = True
        if self.bot_user_id not in info.setdefault("members", []):
            info["members"].append(self.bot_user_id)
        out["channel"] = self._channel_info(channel)
        return out

    def _conversations_info(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "info")
        return {"ok": True, "channel": self._channel_info(channel)}

    def _conversations_list(self, p: dict[str, Any]) -> dict[str, Any]:
        types = set(split_csv(p.get("types")) or ["public_channel"])
        exclude_archived = truthy(p.get("exclude_archived"))
        out = []
        for cid, info in self.channels.items():
            kind = (
                "mpim"
                if info.get("is_mpim")
                else "private_channel"
                if info.get("is_private")
                else "public_channel"
            )
            if kind not in types or (exclude_archived and info.get("is_archived")):
                continue
            out.append(self._channel_info(cid))
        return paginate(out, p, "channels")

    def _conversations_members(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "info")
        if channel.startswith("D"):
            members = [self.bot_user_id, channel[1:]]
        else:
            members = list(self.channels[channel].get("members", []))
        limit = as_int(p.get("limit"), 100)
        offset = int(decode_cursor(p.get("cursor"), "offset:") or 0)
        more = limit > 0 and offset + limit < len(members)
        return {
            "ok": True,
            "members": members[offset : offset + limit] if limit > 0 else members[offset:],
            "response_metadata": {"next_cursor": encode_cursor(f"offset:{offset + limit}") if more else ""},
        }

    def _conversations_history(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "read")
        inclusive = truthy(p.get("inclusive"))
        oldest = ts_key(p.get("oldest") or "0", "invalid_ts_oldest")
        latest_raw = p.get("latest")
        latest = ts_key(latest_raw, "invalid_ts_latest") if latest_raw not in (None, "", "0") else None
        limit = as_int(p.get("limit"), 100) or 100
        limit = min(limit, 999)
        before = decode_cursor(p.get("cursor"), "before:")
        before_key = ts_key(before) if before else None
        include_metadata = truthy(p.get("include_all_metadata"))
        selected = []
        for msg in reversed(self._by_channel.get(channel, [])):
            if not self._is_top_level(msg):
                continue
            key = ts_key(msg["ts"])
            if before_key is not None and key >= before_key:
                continue
            if key < oldest or (key == oldest and not inclusive and oldest):
                continue
            if latest is not None and (key > latest or (key == latest and not inclusive)):
                continue
            selected.append(msg)
            if len(selected) > limit:
                break
        page, more = selected[:limit], len(selected) > limit
        return {
            "ok": True,
            "messages": [self._public_message(m, include_metadata) for m in page],
            "has_more": more,
            "pin_count": 0,
            "channel_actions_ts": None,
            "channel_actions_count": 0,
            "response_metadata": {"next_cursor": encode_cursor(f"before:{page[-1]['ts']}") if more else ""},
        }

    def _conversations_replies(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "read")
        ts = p.get("ts")
        if not ts:
            raise ApiError("invalid_arguments")
        target = self._find(channel, ts)
        if target is None:
            raise ApiError("thread_not_found")
        root_ts = self._thread_root(channel, str(ts))
        root = self._find(channel, root_ts)
        thread = [root] if root is not None else []
        for reply_ts in self._replies.get((channel, root_ts), []):
            reply = self._find(channel, reply_ts)
            if reply is not None:
                thread.append(reply)
        thread.sort(key=lambda m: ts_key(m["ts"]))
        inclusive = truthy(p.get("inclusive"))
        oldest = ts_key(p.get("oldest") or "0", "invalid_ts_oldest")
        latest_raw = p.get("latest")
        latest = ts_key(latest_raw, "invalid_ts_latest") if latest_raw not in (None, "", "0") else None
        after = decode_cursor(p.get("cursor"), "after:")
        after_key = ts_key(after) if after else None
        limit = min(as_int(p.get("limit"), 1000) or 1000, 1000)
        include_metadata = truthy(p.get("include_all_metadata"))
        selected = []
        for msg in thread:
            key = ts_key(msg["ts"])
            is_root = msg is root
            if after_key is not None and key <= after_key and not is_root:
                continue
            if not is_root and (key < oldest or (key == oldest and not inclusive and oldest)):
                continue
            if not is_root and latest is not None and (key > latest or (key == latest and not inclusive)):
                continue
            selected.append(msg)
        page, more = selected[:limit], len(selected) > limit
        return {
            "ok": True,
            "messages": [self._public_message(m, include_metadata) for m in page],
            "has_more": more,
            "response_metadata": {"next_cursor": encode_cursor(f"after:{page[-1]['ts']}") if more else ""},
        }
