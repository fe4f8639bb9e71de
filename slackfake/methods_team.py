"""Web API methods about the workspace and its people: api.test, apps.connections.open,
auth.test, team.info, users.*."""

from __future__ import annotations

import copy
from typing import Any

from slackfake.errors import ApiError
from slackfake.params import paginate
from slackfake.state import SlackState


class TeamMethods(SlackState):
    """api.*, apps.*, auth.*, team.* and users.* (called with the lock held)."""

    def _api_test(self, p: dict[str, Any]) -> dict[str, Any]:
        if p.get("error"):
            raise ApiError(str(p["error"]))
        return {"ok": True, "args": {k: v for k, v in p.items() if k != "token"}}

    def _apps_connections_open(self, p: dict[str, Any]) -> dict[str, Any]:
        if self.socket_mode_url is None:
            raise ApiError("socket_mode_not_enabled")
        sep = "&" if "?" in self.socket_mode_url else "?"
        return {"ok": True, "url": f"{self.socket_mode_url}{sep}ticket={self._new_id('ticket-')}"}

    def _auth_test(self, p: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{self.team_domain}.slack.com/",
            "team": self.team_name,
            "user": self.bot_name,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _team_info(self, p: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "team": {"id": self.team_id, "name": self.team_name, "domain": self.team_domain},
        }

    def _users_info(self, p: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(p.get("user") or ""))
        if user is None:
            raise ApiError("user_not_found")
        return {"ok": True, "user": copy.deepcopy(user)}

    def _users_list(self, p: dict[str, Any]) -> dict[str, Any]:
        return paginate(list(self.users.values()), p, "members", default_limit=0)

    def _users_lookup_by_email(self, p: dict[str, Any]) -> dict[str, Any]:
        email = str(p.get("email") or "").lower()
        for user in self.users.values():
            if str(user.get("profile", {}).get("email", "")).lower() == email and email:
                return {"ok": True, "user": copy.deepcopy(user)}
        raise ApiError("users_not_found")
