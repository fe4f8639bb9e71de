"""Drive the real HTTP server with signed Slack requests, against the fake Slack Web API."""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bot.app import build_app
from bot.server import make_server
from bot.settings import Settings
from bot.wiring import make_deps
from services.deps import Deps, system_clock
from services.jobs import Jobs, make_jobs
from slack_api.clients import SlackClients
from slackfake import FakeSlack
from slackfake.app_link import signature_headers
from tests.clock import FakeClock
from tests.dbs import TestDatabase

SIGNING_SECRET = "test-signing-secret"
TEAM = "T1"
ADMIN = "UADMIN"
LEAD = "ULEAD"
OWNER = "UOWNER"
HEAD = "UHEAD"
OTHER = "UOTHER"
CHANNEL = "CGENERAL"


# Servers asked to stop but not waited for; joined once at the end of the test session, so
# they do not log into closed streams while the interpreter exits.
STOPPING: list[threading.Thread] = []


def join_stopped_servers() -> None:
    while STOPPING:
        STOPPING.pop().join(timeout=10)


def settings_for(fake: FakeSlack, db: TestDatabase, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": "xoxb-test",
        "signing_secret": SIGNING_SECRET,
        "app_token": None,
        "slack_api_url": fake.api_url,
        "database_url": db.url,
        "port": 0,
        "timezone": "UTC",
        "lang": "en",
        "admins": (),
        "run_scheduler": False,
    }
    values.update(overrides)
    return Settings(**values)


def slash_command_form(
    fake: FakeSlack, text: str, *, user: str = ADMIN, team: str = TEAM, channel: str = CHANNEL
) -> dict[str, str]:
    """``/collab <text>`` as Slack sends it (form fields), with a fresh response_url and trigger."""
    return {
        "token": "legacy-token",
        "team_id": team,
        "team_domain": "acme",
        "channel_id": channel,
        "channel_name": "general",
        "user_id": user,
        "user_name": user.lower(),
        "command": "/collab",
        "text": text,
        "api_app_id": "A1",
        "is_enterprise_install": "false",
        "response_url": fake.new_response_url(),
        "trigger_id": fake.new_trigger_id(),
    }


def view_submission(
    fake: FakeSlack,
    view: dict[str, Any],
    state: dict[str, dict[str, Any]],
    *,
    user: str = ADMIN,
    team: str = TEAM,
) -> dict[str, Any]:
    """The interaction payload of submitting ``view`` with ``state`` (values by block id)."""
    return {
        "type": "view_submission",
        "team": {"id": team, "domain": "acme"},
        "user": {"id": user, "username": user.lower(), "team_id": team},
        "api_app_id": "A1",
        "token": "legacy-token",
        "trigger_id": fake.new_trigger_id(),
        "view": {**view, "id": "V1", "team_id": team, "state": {"values": state}, "hash": "h"},
    }


def sign(body: str, *, timestamp: int | None = None, secret: str = SIGNING_SECRET) -> dict[str, str]:
    """Slack's signature headers, as the fake Slack signs what it sends (slackfake.app_link)."""
    return signature_headers(body, secret=secret, timestamp=timestamp)


@dataclass
class HttpResult:
    status: int
    body: str

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class Bot:
    """The bot under test: its HTTP server, the fake Slack it talks to, its database and clock."""

    fake: FakeSlack
    db: TestDatabase
    clock: FakeClock
    deps: Deps
    port: int
    settings: Settings | None = None
    _server: Any = None
    _thread: threading.Thread | None = None
    trigger_ids: list[str] = field(default_factory=list)

    # ------------------------------------------------------------ raw HTTP

    def post(self, path: str, body: str, headers: dict[str, str]) -> HttpResult:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("POST", path, body=body.encode(), headers=headers)
            resp = conn.getresponse()
            return HttpResult(resp.status, resp.read().decode())
        finally:
            conn.close()

    def get(self, path: str) -> HttpResult:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            return HttpResult(resp.status, resp.read().decode())
        finally:
            conn.close()

    def post_signed(
        self, body: str, *, content_type: str, extra_headers: dict[str, str] | None = None, **sign_kw: Any
    ) -> HttpResult:
        headers = {"Content-Type": content_type, **sign(body, **sign_kw), **(extra_headers or {})}
        return self.post("/slack/events", body, headers)

    # ------------------------------------------------------------ slash commands

    def command_form(self, text: str, *, user: str, team: str, channel: str) -> dict[str, str]:
        form = slash_command_form(self.fake, text, user=user, team=team, channel=channel)
        self.trigger_ids.append(form["trigger_id"])
        return form

    def send_command(
        self, text: str, *, user: str = ADMIN, team: str = TEAM, channel: str = CHANNEL, **sign_kw: Any
    ) -> tuple[HttpResult, dict[str, str]]:
        form = self.command_form(text, user=user, team=team, channel=channel)
        body = urllib.parse.urlencode(form)
        return self.post_signed(body, content_type="application/x-www-form-urlencoded", **sign_kw), form

    def command(
        self, text: str, *, user: str = ADMIN, team: str = TEAM, channel: str = CHANNEL, timeout: float = 5.0
    ) -> dict[str, Any]:
        """Run ``/collab <text>`` and return the private answer posted to its response_url."""
        result, form = self.send_command(text, user=user, team=team, channel=channel)
        assert result.status == 200, result
        url = form["response_url"]
        [reply] = self.fake.wait_for_response(predicate=lambda r: r["_url"] == url, timeout=timeout)
        assert reply.get("response_type") == "ephemeral", reply
        return reply

    # ------------------------------------------------------------ interactivity

    def interact(self, payload: dict[str, Any], **sign_kw: Any) -> HttpResult:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        return self.post_signed(body, content_type="application/x-www-form-urlencoded", **sign_kw)

    def submit_view(
        self, view: dict[str, Any], values: dict[str, Any], *, user: str = ADMIN, team: str = TEAM
    ) -> HttpResult:
        """Submit a modal the bot opened, with ``values`` by block id (str, list, or date)."""
        state: dict[str, dict[str, Any]] = {}
        elements = {b["block_id"]: b["element"] for b in view["blocks"] if b.get("type") == "input"}
        for block_id, value in values.items():
            element = elements[block_id]
            kind = element["type"]
            if kind == "plain_text_input":
                st: dict[str, Any] = {"type": kind, "value": value}
            elif kind == "static_select":
                opt = next(o for o in element["options"] if o["value"] == value)
                st = {"type": kind, "selected_option": opt}
            elif kind == "multi_static_select":
                opts = [o for o in element["options"] if o["value"] in value]
                st = {"type": kind, "selected_options": opts}
            elif kind == "external_select":
                # the option picked from what the bot suggested (Bot.suggest), as Slack sends it back
                assert isinstance(value, dict) and "value" in value, value
                st = {"type": kind, "selected_option": value}
            elif kind == "multi_external_select":
                assert isinstance(value, list) and all("value" in o for o in value), value
                st = {"type": kind, "selected_options": value}
            elif kind == "users_select":
                st = {"type": kind, "selected_user": value}
            elif kind == "datepicker":
                st = {"type": kind, "selected_date": value}
            elif kind == "timepicker":
                st = {"type": kind, "selected_time": value}
            elif kind == "multi_users_select":
                st = {"type": kind, "selected_users": value}
            else:
                raise AssertionError(kind)
            state[block_id] = {element["action_id"]: st}
        return self.interact(view_submission(self.fake, view, state, user=user, team=team))

    def suggest(
        self,
        action_id: str,
        block_id: str,
        value: str,
        *,
        user: str = ADMIN,
        team: str = TEAM,
        view: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Type ``value`` into an external select menu of a modal the bot opened: the signed
        ``block_suggestion`` Slack sends to POST /slack/events; returns the bot's JSON answer
        (``{"options": [...]}``)."""
        opened = view or {"type": "modal", "callback_id": "", "blocks": [], "private_metadata": ""}
        payload = {
            "type": "block_suggestion",
            "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": team},
            "container": {"type": "view", "view_id": "V1"},
            "api_app_id": "A1",
            "token": "legacy-token",
            "action_id": action_id,
            "block_id": block_id,
            "value": value,
            "team": {"id": team, "domain": "acme"},
            "enterprise": None,
            "is_enterprise_install": False,
            "view": {
                **opened,
                "id": "V1",
                "team_id": team,
                "state": {"values": {}},
                "hash": "h",
                "app_id": "A1",
                "bot_id": "B1",
            },
        }
        result = self.interact(payload)
        assert result.status == 200, result
        answer: dict[str, Any] = result.json()
        return answer

    def button(
        self,
        action_id: str,
        value: str,
        *,
        user: str = ADMIN,
        team: str = TEAM,
        channel: str = CHANNEL,
        message_ts: str = "1700000000.000100",
        container: dict[str, Any] | None = None,
        message: dict[str, Any] | None = None,
    ) -> tuple[HttpResult, str]:
        response_url = self.fake.new_response_url()
        payload = self._block_actions(
            action_id,
            value,
            user=user,
            team=team,
            container=container or {"type": "message", "message_ts": message_ts, "channel_id": channel},
            channel={"id": channel, "name": "general"},
            message=message or {"ts": message_ts, "text": "", "blocks": []},
            response_url=response_url,
        )
        return self.interact(payload), response_url

    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str,
        team: str = TEAM,
        retry_num: int | None = None,
    ) -> HttpResult:
        """Deliver an Events API callback (JSON), optionally as Slack's retry of it."""
        body = json.dumps(
            {
                "token": "legacy-token",
                "team_id": team,
                "api_app_id": "A1",
                "event": {"team": team, **event},
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
                "authorizations": [{"team_id": team, "user_id": "UBOT", "is_bot": True}],
            }
        )
        extra = {}
        if retry_num is not None:
            extra = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post_signed(body, content_type="application/json", extra_headers=extra)

    def _block_actions(
        self, action_id: str, value: str, *, user: str, team: str, **where: Any
    ) -> dict[str, Any]:
        """A ``block_actions`` payload pressing one button; ``where``: container, channel, message,
        response_url or view — where the button was."""
        trigger = self.fake.new_trigger_id()
        self.trigger_ids.append(trigger)
        return {
            "type": "block_actions",
            "team": {"id": team, "domain": "acme"},
            "user": {"id": user, "username": user.lower(), "team_id": team},
            "api_app_id": "A1",
            "token": "legacy-token",
            "trigger_id": trigger,
            **where,
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "b",
                    "value": value,
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }

    def home_button(self, action_id: str, value: str, *, user: str = ADMIN, team: str = TEAM) -> HttpResult:
        """Press a button on the Home tab: a ``block_actions`` from a ``home`` view (no channel,
        no message, no response_url)."""
        payload = self._block_actions(
            action_id,
            value,
            user=user,
            team=team,
            container={"type": "view", "view_id": "VHOME"},
            view={"id": "VHOME", "team_id": team, "type": "home", "callback_id": "collab_home", "blocks": []},
        )
        return self.interact(payload)

    def message_shortcut(
        self,
        callback_id: str,
        message: dict[str, Any],
        *,
        user: str = ADMIN,
        team: str = TEAM,
        channel: str = CHANNEL,
    ) -> HttpResult:
        """Run a message shortcut on ``message`` (as Slack sends it: type ``message_action``)."""
        trigger = self.fake.new_trigger_id()
        self.trigger_ids.append(trigger)
        payload = {
            "type": "message_action",
            "callback_id": callback_id,
            "team": {"id": team, "domain": "acme"},
            "user": {"id": user, "username": user.lower(), "team_id": team},
            "channel": {"id": channel, "name": "general"},
            "api_app_id": "A1",
            "token": "legacy-token",
            "trigger_id": trigger,
            "message_ts": message.get("ts", ""),
            "message": {"type": "message", **message},
            "response_url": self.fake.new_response_url(),
        }
        return self.interact(payload)

    def open_home(self, user: str, *, team: str = TEAM, event_id: str | None = None) -> HttpResult:
        """The person opens the bot's Home tab (``app_home_opened``)."""
        return self.event(
            {"type": "app_home_opened", "user": user, "channel": "D" + user, "tab": "home"},
            event_id=event_id or f"Ev{user}{time.monotonic_ns()}",
            team=team,
        )

    def jobs(self, **kw: Any) -> Jobs:
        """The scheduled jobs, wired like the bot's, with a short lease for the tests."""
        kw.setdefault("rate", 200.0)
        kw.setdefault("lease", timedelta(seconds=2))
        kw.setdefault("per_channel", 0.0)
        kw.setdefault("clock", system_clock)  # leases in real time, whatever the bot's clock says
        return make_jobs(self.deps, **kw)

    def opened_view(self) -> dict[str, Any]:
        """The modal opened for the latest command or button: matched by its trigger_id, since
        the bot opens it after the ack, so an earlier modal may still be the newest call."""
        trigger = self.trigger_ids[-1]
        [call] = self.fake.wait_for("views.open", predicate=lambda c: c.params.get("trigger_id") == trigger)
        view: dict[str, Any] = call.params["view"]
        return view

    # ------------------------------------------------------------ lifecycle

    def start(self) -> Bot:
        server = make_server(self.deps_app, host="127.0.0.1", port=0, log_level="warning")
        thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        self.port = server.servers[0].sockets[0].getsockname()[1]
        self._server, self._thread = server, thread
        return self

    def stop(self, *, wait: bool = False) -> None:
        """Ask the server to exit. Not waiting for it saves uvicorn's 0.1 s shutdown poll per
        test: the next test's server listens on a port of its own, and this thread ends by
        itself (it is a daemon)."""
        if self._server is not None:
            self._server.should_exit = True
            self._server.force_exit = True
        if self.deps_app is not None:
            # Work a listener does after ack() must end before the next test resets the database.
            self.deps_app.listener_runner.listener_executor.shutdown(wait=True)
        self.deps.later.drain()  # and so must the work deferred after it (Home tabs)
        if self._thread is not None:
            if wait:
                self._thread.join(timeout=10)
            else:
                STOPPING.append(self._thread)

    deps_app: Any = None


def start_bot(fake: FakeSlack, db: TestDatabase, clock: FakeClock, **settings_overrides: Any) -> Bot:
    settings = settings_for(fake, db, **settings_overrides)
    clients = SlackClients.single(base_url=settings.slack_api_url, token=settings.bot_token)
    deps = make_deps(settings, db.sessions, clients, clock=clock)
    app = build_app(settings, deps, clients=clients)
    bot = Bot(fake=fake, db=db, clock=clock, deps=deps, port=0, settings=settings)
    bot.deps_app = app
    return bot.start()


def seed_users(fake: FakeSlack) -> None:
    fake.add_user(ADMIN, "alice-admin", is_admin=True)
    fake.add_user(LEAD, "lee-lead")
    fake.add_user(OWNER, "olga-owner")
    fake.add_user(HEAD, "hank-head")
    fake.add_user(OTHER, "oscar-other")
    fake.add_channel(CHANNEL, "general")
