"""Slack's OAuth install flow: the authorize page a person sees in the browser, and
``oauth.v2.access``, which trades the code for a bot token of the chosen workspace.

    fake.register_app("CLIENT", "SECRET", redirect_url="http://127.0.0.1:3000/slack/oauth_redirect")
    fake.add_team("T2", "Second Team")
    # the browser: GET {fake.authorize_url}?client_id=…&scope=…&state=… shows a form;
    # POSTing it (team, user, decision=allow) redirects to redirect_url?code=…&state=…
    # the app: oauth.v2.access(client_id, client_secret, code) -> {"access_token": "xoxb-T2-…", …}

Every token it issues belongs to one workspace: ``auth.test`` answers with that workspace,
``team_of_call`` tells which workspace a recorded call spoke for, and after ``uninstall(team)``
the workspace's tokens answer ``token_revoked``.
"""

from __future__ import annotations

import base64
import html
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from slackfake.errors import ApiError
from slackfake.state import Call, SlackState
from slackfake.wire import Reply

AUTHORIZE_PATH = "/oauth/v2/authorize"
CODE_SECONDS = 600
INSTALLER = "UINSTALLER"


@dataclass
class OAuthApp:
    client_id: str
    client_secret: str
    redirect_url: str


@dataclass
class Grant:
    """A code the authorize page handed out, until ``oauth.v2.access`` trades it (once)."""

    client_id: str
    team_id: str
    user_id: str
    scopes: list[str]
    redirect_uri: str
    expires: float


@dataclass
class Installed:
    token: str
    team_id: str
    client_id: str
    user_id: str
    scopes: list[str]
    revoked: bool = False
    at: float = field(default_factory=time.time)


class OAuthMethods(SlackState):
    """The install flow, the workspaces one can install into, and the tokens issued."""

    def __init__(self) -> None:
        super().__init__()
        self.oauth_apps: dict[str, OAuthApp] = {}
        self.teams: dict[str, str] = {self.team_id: self.team_name}
        self.installed: dict[str, Installed] = {}  # by token
        self._grants: dict[str, Grant] = {}
        self._caller = threading.local()

    # -- configuration and queries (for tests) --------------------------------------------------

    @property
    def authorize_url(self) -> str:
        """What ``SLACK_OAUTH_URL`` points at to use this fake's authorize page."""
        return self.base_url.rstrip("/") + AUTHORIZE_PATH

    def register_app(self, client_id: str, client_secret: str, *, redirect_url: str) -> None:
        """The app's credentials and its Redirect URL, as set on Slack's app settings pages."""
        with self._lock:
            self.oauth_apps[client_id] = OAuthApp(client_id, client_secret, redirect_url)

    def add_team(self, team_id: str, name: str) -> None:
        """A workspace a person can pick on the authorize page."""
        with self._lock:
            self.teams[team_id] = name

    def token_of(self, team_id: str) -> str:
        """The newest token issued for the workspace (revoked or not)."""
        with self._lock:
            found = [i for i in self.installed.values() if i.team_id == team_id]
        if not found:
            raise KeyError(f"no token was issued for {team_id}")
        return max(found, key=lambda i: i.at).token

    def uninstall(self, team_id: str) -> None:
        """The workspace removes the app: its tokens stop working (``token_revoked``). Slack then
        sends ``app_uninstalled`` to the app; a test delivers that event itself."""
        with self._lock:
            for inst in self.installed.values():
                if inst.team_id == team_id:
                    inst.revoked = True

    def team_of_call(self, call: Call) -> str | None:
        """The workspace a recorded call spoke for (by its token); ``None`` for other tokens."""
        token = _bearer(call.headers) or str(call.params.get("token") or "")
        with self._lock:
            inst = self.installed.get(token)
        return inst.team_id if inst is not None else None

    # -- Web API (called with the lock held) ----------------------------------------------------

    def _note_caller(self, headers: dict[str, str], params: dict[str, Any]) -> str | None:
        """Remember the calling token (``auth.test`` answers for its workspace); an error when it
        was revoked."""
        token = _bearer(headers) or str(params.get("token") or "")
        self._caller.token = token
        inst = self.installed.get(token)
        if inst is not None and inst.revoked:
            return "token_revoked"
        return None

    def _auth_test(self, p: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = super()._auth_test(p)  # type: ignore[misc]
        inst = self.installed.get(getattr(self._caller, "token", ""))
        if inst is not None:
            answer.update(team_id=inst.team_id, team=self.teams.get(inst.team_id, inst.team_id))
        return answer

    def _oauth_v2_access(self, params: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        """The app trades a code for a token; client id and secret in the form or in Basic auth."""
        client_id, client_secret = _basic(headers)
        client_id = str(params.get("client_id") or client_id)
        client_secret = str(params.get("client_secret") or client_secret)
        app = self.oauth_apps.get(client_id)
        if app is None:
            raise ApiError("invalid_client_id")
        if client_secret != app.client_secret:
            raise ApiError("bad_client_secret")
        grant = self._grants.pop(str(params.get("code") or ""), None)
        if grant is None or grant.client_id != client_id or grant.expires < time.time():
            raise ApiError("invalid_code")
        if params.get("redirect_uri") and params["redirect_uri"] != grant.redirect_uri:
            raise ApiError("bad_redirect_uri")
        token = f"xoxb-{grant.team_id}-{secrets.token_hex(12)}"
        self.installed[token] = Installed(token, grant.team_id, client_id, grant.user_id, grant.scopes)
        return {
            "ok": True,
            "app_id": self.app_id,
            "authed_user": {"id": grant.user_id},
            "scope": ",".join(grant.scopes),
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": self.bot_user_id,
            "team": {"id": grant.team_id, "name": self.teams[grant.team_id]},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    # -- the authorize page (a browser, not the Web API) ------------------------------------------

    def _handle_oauth_page(self, method: str, query: str, body: bytes) -> Reply:
        if method == "GET":
            return self._authorize_page(dict(parse_qsl(query, keep_blank_values=True)))
        form = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        return self._authorize_decision(form)

    def _authorize_page(self, q: dict[str, str]) -> Reply:
        with self._lock:
            app = self.oauth_apps.get(q.get("client_id", ""))
            teams = dict(self.teams)
        if app is None:
            return _page(
                400, "Invalid client_id", "<p>This app is not known to Slack (invalid client_id).</p>"
            )
        if q.get("redirect_uri") and q["redirect_uri"] != app.redirect_url:
            return _page(
                400, "Bad redirect_uri", "<p>redirect_uri does not match the app's Redirect URL.</p>"
            )
        options = "".join(
            f'<option value="{html.escape(t)}"{" selected" if t == q.get("team") else ""}>'
            f"{html.escape(name)} ({html.escape(t)})</option>"
            for t, name in teams.items()
        )
        hidden = "".join(
            f'<input type="hidden" name="{k}" value="{html.escape(q.get(k, ""))}">'
            for k in ("client_id", "scope", "user_scope", "state", "redirect_uri")
        )
        scopes = "".join(f"<li>{html.escape(s)}</li>" for s in q.get("scope", "").split(",") if s)
        return _page(
            200,
            "Install the app",
            f'<form method="post" action="{AUTHORIZE_PATH}">{hidden}'
            f'<label>Workspace <select name="team">{options}</select></label>'
            f'<label>You are <input name="user" value="{INSTALLER}"></label>'
            f"<p>The app asks for these permissions:</p><ul>{scopes}</ul>"
            '<button name="decision" value="allow">Allow</button>'
            '<button name="decision" value="cancel">Cancel</button></form>',
        )

    def _authorize_decision(self, form: dict[str, str]) -> Reply:
        with self._lock:
            app = self.oauth_apps.get(form.get("client_id", ""))
            known_team = form.get("team", "") in self.teams
        if app is None or not known_team:
            return _page(400, "Invalid request", "<p>Unknown app or workspace.</p>")
        redirect = form.get("redirect_uri") or app.redirect_url
        state = form.get("state", "")
        if form.get("decision") != "allow":
            return _redirect(redirect, {"error": "access_denied", "state": state})
        code = secrets.token_hex(16)
        with self._lock:
            self._grants[code] = Grant(
                client_id=app.client_id,
                team_id=form["team"],
                user_id=form.get("user") or INSTALLER,
                scopes=[s for s in form.get("scope", "").split(",") if s],
                redirect_uri=redirect,
                expires=time.time() + CODE_SECONDS,
            )
        return _redirect(redirect, {"code": code, "state": state})


def _bearer(headers: dict[str, str]) -> str:
    auth = headers.get("authorization", "")
    return auth[len("Bearer ") :].strip() if auth.lower().startswith("bearer ") else ""


def _basic(headers: dict[str, str]) -> tuple[str, str]:
    auth = headers.get("authorization", "")
    if not auth.lower().startswith("basic "):
        return "", ""
    try:
        user, _, password = base64.b64decode(auth[6:].strip()).decode("utf-8").partition(":")
    except ValueError:
        return "", ""
    return user, password


def _page(status: int, title: str, body: str) -> Reply:
    text = f"<!doctype html><html><head><title>{html.escape(title)}</title></head><body>{body}</body></html>"
    return Reply(status, text.encode("utf-8"), "text/html; charset=utf-8")


def _redirect(url: str, params: dict[str, str]) -> Reply:
    sep = "&" if "?" in url else "?"
    return Reply(302, b"", "text/html; charset=utf-8", {"Location": f"{url}{sep}{urlencode(params)}"})
