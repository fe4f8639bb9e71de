"""Who is who: Slack admins and display names, from ``users.info`` / ``users.list``, cached
per workspace for a while (Slack's own answers, including "no such user"). Lists of people
(an export's owners, an import's) come from one paged ``users.list``, never a ``users.info``
per row."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from slack_api.gateway import Gateway, SlackError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UserInfo:
    user_id: str
    name: str
    is_admin: bool
    deleted: bool
    tz: str | None
    email: str = ""
    names: tuple[str, ...] = ()  # every name Slack shows for them: display, real, handle


def _info(user_id: str, user: Mapping[str, object]) -> UserInfo:
    profile = user.get("profile")
    profile = profile if isinstance(profile, dict) else {}
    names = (profile.get("display_name"), user.get("real_name"), profile.get("real_name"), user.get("name"))
    shown = tuple(dict.fromkeys(str(n) for n in names if n))
    return UserInfo(
        user_id=user_id,
        name=shown[0] if shown else user_id,
        is_admin=bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")),
        deleted=bool(user.get("deleted")),
        tz=str(user["tz"]) if user.get("tz") else None,
        email=str(profile.get("email") or ""),
        names=shown,
    )


@dataclass(frozen=True)
class People:
    """Everyone ``users.list`` shows in one workspace (bots and Slackbot left out); ``complete``
    is false when Slack could not be asked (no listing: nobody is known)."""

    by_id: Mapping[str, UserInfo] = field(default_factory=dict)
    complete: bool = False

    def name(self, user_id: str) -> str | None:
        info = self.by_id.get(user_id)
        return info.name if info else None


class UserDirectory:
    """A small TTL cache in front of ``users.info`` (per team and user)."""

    def __init__(
        self, *, ttl_seconds: float = 600.0, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl_seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], tuple[float, UserInfo | None]] = {}
        self._admins: dict[str, tuple[float, tuple[str, ...]]] = {}
        self._people: dict[str, tuple[float, People]] = {}

    def get(self, slack: Gateway, user_id: str) -> UserInfo | None:
        """The user, or ``None`` when Slack does not know them (that answer is cached too)."""
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
        info = _info(user_id, user) if user is not None else None
        with self._lock:
            self._cache[key] = (now + self._ttl, info)
        return info

    def people(self, slack: Gateway) -> People:
        """Everyone in the workspace (``users.list``, paged; cached like the rest)."""
        now = self._monotonic()
        with self._lock:
            hit = self._people.get(slack.team_id)
            if hit is not None and hit[0] > now:
                return hit[1]
        found: dict[str, UserInfo] = {}
        cursor: str | None = None
        try:
            for _ in range(10_000):
                members, cursor = slack.users_page(cursor)
                for user in members:
                    if user.get("is_bot") or user.get("id") in (None, "USLACKBOT"):
                        continue
                    found[str(user["id"])] = _info(str(user["id"]), user)
                if not cursor:
                    break
        except SlackError:
            logger.exception("users.list failed; people are shown by their Slack ID")
            return People()
        listing = People(by_id=found, complete=True)
        with self._lock:
            self._people[slack.team_id] = (now + self._ttl, listing)
            for user_id, info in found.items():
                self._cache[(slack.team_id, user_id)] = (now + self._ttl, info)
        return listing

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

    def names(self, slack: Gateway | None) -> Callable[[str], str]:
        """Display names for many people (an export's owners): one ``users.list``, then
        ``users.info`` only for someone the listing lacks (each asked once, found or not)."""
        if slack is None:
            return lambda user_id: user_id
        listing = self.people(slack)

        def name_of(user_id: str) -> str:
            if not user_id:
                return ""
            known = listing.name(user_id)
            return known if known is not None else self.display_name(slack, user_id)

        return name_of
