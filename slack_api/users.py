"""Who is who: Slack admins and display names, from ``users.info`` / ``users.list``, cached
per workspace for a while (Slack's own answers, including "no such user")."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from slack_api.gateway import Gateway, SlackError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UserInfo:
    user_id: str
    name: str
    is_admin: bool
    deleted: bool
    tz: str | None


class UserDirectory:
    """A small TTL cache in front of ``users.info`` (per team and user)."""

    def __init__(
        self, *, ttl_seconds: float = 600.0, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl_seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], tuple[float, UserInfo]] = {}
        self._admins: dict[str, tuple[float, tuple[str, ...]]] = {}

    def get(self, slack: Gateway, user_id: str) -> UserInfo | None:
        key = (slack.team_id, user_id)
        now = self._monotonic()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] > now:
                return hit[1]
        try:
            user = slack.user_info(user_id)
        except SlackError:
            logger.exception("users.info failed for %s", user_id)
            return None
        if user is None:
            return None
        profile = user.get("profile") or {}
        info = UserInfo(
            user_id=user_id,
            name=str(profile.get("display_name") or user.get("real_name") or user.get("name") or user_id),
            is_admin=bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")),
            deleted=bool(user.get("deleted")),
            tz=user.get("tz"),
        )
        with self._lock:
            self._cache[key] = (now + self._ttl, info)
        return info

    def workspace_admins(self, slack: Gateway) -> list[str]:
        """Slack's workspace admins and owners (``users.list``, paged; cached like the rest)."""
        now = self._monotonic()
        with self._lock:
            hit = self._admins.get(slack.team_id)
            if hit is not None and hit[0] > now:
                return list(hit[1])
        admins: list[str] = []
        cursor: str | None = None
        try:
            for _ in range(100):
                members, cursor = slack.users_page(cursor)
                for user in members:
                    if user.get("deleted") or user.get("is_bot") or user.get("id") == "USLACKBOT":
                        continue
                    if user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"):
                        admins.append(str(user["id"]))
                if not cursor:
                    break
        except SlackError:
            logger.exception("users.list failed; cannot find the workspace admins")
            return []
        with self._lock:
            self._admins[slack.team_id] = (now + self._ttl, tuple(admins))
        return admins

    def is_slack_admin(self, slack: Gateway, user_id: str) -> bool:
        info = self.get(slack, user_id)
        return bool(info and info.is_admin)

    def display_name(self, slack: Gateway | None, user_id: str) -> str:
        if slack is None or not user_id:
            return user_id
        info = self.get(slack, user_id)
        return info.name if info else user_id
