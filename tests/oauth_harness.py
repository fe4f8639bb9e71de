"""Many workspaces: the bot with OAuth settings against the fake Slack, and a person's browser
going through the install flow (GET /slack/install → Slack's authorize page → Allow → back to
the bot's /slack/oauth_redirect), over real HTTP."""

from __future__ import annotations

import html
import http.client
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from bot.app import build_app
from bot.wiring import make_clients, make_deps
from services.jobs import Jobs
from slack_api.clients import SlackClients
from slack_api.installations import OAuthStores
from slackfake import FakeSlack
from tests.clock import FakeClock
from tests.dbs import TestDatabase
from tests.harness import Bot, settings_for

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "test-client-secret"
STATE_SECRET = "test-state-secret"
STATE_COOKIE = "slack-app-oauth-state"


@dataclass
class OAuthBot(Bot):
    clients: SlackClients | None = None
    oauth: OAuthStores | None = None

    def jobs(self, **kw: Any) -> Jobs:
        """The jobs as the wiring makes them with OAuth: only installed workspaces."""
        assert self.clients is not None
        kw.setdefault("installed", self.clients.installed)
        return super().jobs(**kw)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def start_oauth_bot(fake: FakeSlack, db: TestDatabase, clock: FakeClock, **overrides: Any) -> OAuthBot:
    settings = settings_for(
        fake,
        db,
        bot_token=None,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        state_secret=STATE_SECRET,
        oauth_url=fake.authorize_url,
        **overrides,
    )
    clients, oauth = make_clients(settings, db.engine, db.sessions)
    assert oauth is not None
    deps = make_deps(settings, db.sessions, clients, clock=clock)
    bot = OAuthBot(fake=fake, db=db, clock=clock, deps=deps, port=0, settings=settings)
    bot.clients, bot.oauth = clients, oauth
    bot.deps_app = build_app(settings, deps, clients=clients, oauth=oauth)
    bot.start()
    fake.register_app(CLIENT_ID, CLIENT_SECRET, redirect_url=f"{bot.url}/slack/oauth_redirect")
    return bot


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class Browser:
    """Just enough of a browser: GET and form POSTs, no automatic redirects, and cookies kept by
    name (Bolt's state cookie is ``Secure``, which a browser still sends to http://127.0.0.1)."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, url: str, form: dict[str, str] | None = None) -> Page:
        parts = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=10)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            page = Page(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read().decode())
            for name, value in resp.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";")[0]
            return page
        finally:
            conn.close()


def install(bot: OAuthBot, team: str, *, user: str = "UINSTALLER", browser: Browser | None = None) -> str:
    """A person installs the app into ``team`` through the OAuth flow; the token Slack issued."""
    browser = browser or Browser()
    start = browser.request("GET", f"{bot.url}/slack/install")
    assert start.status == 200, start
    [authorize] = [html.unescape(u) for u in re.findall(r'href="([^"]+)"', start.body) if "authorize" in u]
    assert authorize.startswith(bot.fake.authorize_url), authorize
    page = browser.request("GET", authorize)
    assert page.status == 200, page
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page.body))
    form = {k: html.unescape(v) for k, v in form.items()}
    form.update(team=team, user=user, decision="allow")
    back = browser.request("POST", bot.fake.authorize_url, form)
    assert back.status == 302, back
    assert back.headers["location"].startswith(f"{bot.url}/slack/oauth_redirect?"), back.headers
    done = browser.request("GET", back.headers["location"])
    assert done.status == 200, done
    assert "Thank you!" in done.body or "installed" in done.body.lower(), done.body
    return bot.fake.token_of(team)
