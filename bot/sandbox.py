"""``collab-bot sandbox``: the bot together with a local Slack, in one process, on one port.

The page (``/``) plays the Slack client; ``/api/…`` is the local Slack's Web API, which the bot's
real client (``slack/``) calls; ``POST /slack/events`` is the bot's real signed endpoint
(``bot.server.SlackASGI``), which the local Slack calls, signing every request as Slack does.
The database is SQLite in ``sandbox.db`` in the current directory — never ``DATABASE_URL`` — and
the local Slack's workspace is kept beside it in ``sandbox-slack.json``.
"""

from __future__ import annotations

import dataclasses
import logging
import secrets
import signal
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from slack_bolt import App

from bot.app import build_app
from bot.sandbox_clock import SandboxClockControls
from bot.server import SlackASGI
from bot.settings import Settings
from bot.wiring import make_deps
from handlers.shortcuts import LOG_PROBLEM
from services.deps import Deps, system_clock
from services.jobs import Jobs, make_jobs
from slack_api.clients import SlackClients
from slackfake import FakeSlack
from slackfake.app_link import AppLink
from slackfake.clock import SandboxClock
from slackfake.snapshot import restore, save
from slackfake.user_actions import SlackClient
from slackfake.web import LocalSlack
from storage.db import Engine, make_engine, migrate, session_factory

logger = logging.getLogger(__name__)

DATABASE_FILE = "sandbox.db"
SLACK_FILE = "sandbox-slack.json"
TEAM_ID = "T0SANDBOX"
COMMAND = "/collab"


@dataclass(frozen=True)
class Person:
    user_id: str
    name: str
    real_name: str
    title: str
    is_admin: bool = False


# Who can be acted as on the page ("Acting as"): an admin, a project lead, department heads, owners.
PEOPLE = (
    Person("U0ALICE", "alice", "Alice Chen", "admin · project office", is_admin=True),
    Person("U0LEE", "lee", "Lee Wang", "project lead"),
    Person("U0HANA", "hana", "Hana Liu", "head of Product"),
    Person("U0HUGO", "hugo", "Hugo Zhang", "head of Engineering"),
    Person("U0HEIDI", "heidi", "Heidi Zhao", "head of Marketing"),
    Person("U0OLGA", "olga", "Olga Sun", "owner · Product"),
    Person("U0OMAR", "omar", "Omar Li", "owner · Engineering"),
    Person("U0OSCAR", "oscar", "Oscar Wu", "owner · Marketing"),
)
GENERAL = ("C0GENERAL", "general")
# The app's message shortcuts, as slack-manifest.yml installs them (callback_id -> name)
MESSAGE_SHORTCUTS = {LOG_PROBLEM: "Log as problem"}


class SandboxError(Exception):
    """The sandbox cannot start (the message says why)."""


@dataclass
class Sandbox:
    """A running sandbox: the local Slack, the bot wired to it, the server on one port."""

    fake: FakeSlack
    clock: SandboxClock
    client: SlackClient
    local: LocalSlack
    url: str
    directory: Path
    engine: Engine
    deps: Deps
    jobs: Jobs
    app: App
    server: Any
    thread: threading.Thread
    scheduler: Any = None
    _saver: threading.Thread | None = None
    _stopping: threading.Event = dataclasses.field(default_factory=threading.Event)

    @property
    def snapshot_path(self) -> Path:
        return self.directory / SLACK_FILE

    def save(self) -> None:
        save(self.fake, self.snapshot_path, clock_offset=self.clock.offset.total_seconds())

    def _keep_saving(self) -> None:
        saved = -1
        while not self._stopping.wait(1.0):
            if self.fake.version != saved:
                saved = self.fake.version
                try:
                    self.save()
                except OSError:
                    logger.exception("could not save the local Slack to %s", self.snapshot_path)

    def start_scheduler(self) -> None:
        """The bot's scheduler, on the sandbox's clock (every 20 s it runs what is due)."""
        from bot.scheduler import start_scheduler

        self.scheduler = start_scheduler(self.jobs, self.clock)

    def stop(self) -> None:
        self._stopping.set()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.app.listener_runner.listener_executor.shutdown(wait=True)
        try:
            self.save()
        except OSError:
            logger.exception("could not save the local Slack to %s", self.snapshot_path)
        self.engine.dispose()


def seed(fake: FakeSlack) -> None:
    """The people and the #general channel (kept as they are when already there)."""
    for p in PEOPLE:
        if p.user_id not in fake.users:
            user = fake.add_user(p.user_id, p.name, is_admin=p.is_admin, real_name=p.real_name)
            user["profile"]["title"] = p.title
    if GENERAL[0] not in fake.channels:
        fake.add_channel(GENERAL[0], GENERAL[1], members=[p.user_id for p in PEOPLE])


def _serve(local: LocalSlack, host: str, port: int, log_level: str) -> tuple[Any, threading.Thread, int]:
    import uvicorn

    config = uvicorn.Config(local, host=host, port=port, log_level=log_level, access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="sandbox-http", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive():
            raise SandboxError(f"cannot listen on {host}:{port} (in use?); choose another with --port")
        if time.monotonic() > deadline:
            raise SandboxError("the sandbox's HTTP server did not start within 15 s")
        time.sleep(0.01)
    return server, thread, int(server.servers[0].sockets[0].getsockname()[1])


def start_sandbox(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 3000,
    directory: Path | None = None,
    fresh: bool = False,
    log_level: str = "warning",
) -> Sandbox:
    """Start the local Slack and the bot wired to it; ``fresh`` forgets an earlier sandbox. The
    scheduler is not started (``Sandbox.start_scheduler``): a demo first moves the clock itself."""
    directory = (directory or Path.cwd()).resolve()
    db_path, slack_path = directory / DATABASE_FILE, directory / SLACK_FILE
    fake = FakeSlack()
    fake.team_id, fake.team_name, fake.team_domain = TEAM_ID, "Sandbox workspace", "sandbox"
    clock = SandboxClock()
    fake.now = clock.timestamp
    secret, token = secrets.token_hex(16), f"xoxb-sandbox-{secrets.token_hex(8)}"
    fake.valid_tokens = {token}
    link = AppLink("", signing_secret=secret)
    client = SlackClient(fake, link)
    local = LocalSlack(
        fake, client, title="collab-bot sandbox", default_user=PEOPLE[0].user_id, default_channel=GENERAL[0]
    )
    server, thread, bound = _serve(local, host, port, log_level)  # the port first: then the files
    if fresh:
        for path in (db_path, slack_path, *directory.glob(DATABASE_FILE + "-*")):
            path.unlink(missing_ok=True)
    extra = restore(fake, slack_path)
    if extra and "clock_offset" in extra:
        clock.set(datetime.now(UTC) + timedelta(seconds=float(extra["clock_offset"])))
    seed(fake)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::', '') else host}:{bound}/"
    fake.mount(url)
    link.request_url = url + "slack/events"
    fake.commands[COMMAND] = link.request_url
    fake.message_shortcuts.update(MESSAGE_SHORTCUTS)

    bot_settings = dataclasses.replace(
        settings,
        bot_token=token,
        signing_secret=secret,
        app_token=None,
        slack_api_url=url + "api/",
        database_url=f"sqlite:///{db_path}",
    )
    engine = make_engine(bot_settings.database_url)
    migrate(engine)
    clients = SlackClients.single(base_url=bot_settings.slack_api_url, token=token)
    deps = make_deps(bot_settings, session_factory(engine), clients, clock=clock)
    # Leases are about real processes: real time. No pacing: the local Slack has no rate limits.
    jobs = make_jobs(
        deps,
        clock=system_clock,
        rate=1000.0,
        per_channel=0.0,
        lease=timedelta(seconds=settings.lease_seconds),
    )
    deps.settings_of(TEAM_ID)  # the workspace, with the defaults (COLLAB_TIMEZONE, COLLAB_LANG)
    app = build_app(bot_settings, deps, clients=clients)
    local.set_clock(SandboxClockControls(clock, deps=deps, jobs=jobs, team_id=TEAM_ID))
    local.attach(SlackASGI(app))
    sandbox = Sandbox(
        fake=fake,
        clock=clock,
        client=client,
        local=local,
        url=url,
        directory=directory,
        engine=engine,
        deps=deps,
        jobs=jobs,
        app=app,
        server=server,
        thread=thread,
    )
    sandbox._saver = threading.Thread(target=sandbox._keep_saving, name="sandbox-save", daemon=True)
    sandbox._saver.start()
    return sandbox


def run_sandbox(settings: Settings, *, port: int | None, host: str, demo: bool) -> int:
    """``collab-bot sandbox``: start, print the URL, run until Ctrl-C (or SIGTERM)."""
    started = time.monotonic()
    directory = Path.cwd()
    for noisy in ("alembic", "apscheduler"):  # their start-up chatter is not news here
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
    try:
        chosen = settings.port if port is None else port  # --port 0: any free port
        sandbox = start_sandbox(settings, host=host, port=chosen, directory=directory, fresh=demo)
    except SandboxError as e:
        print(f"collab-bot sandbox: {e}")
        return 1
    try:
        summary = ""
        if demo:
            from bot.sandbox_demo import run_demo

            summary = run_demo(sandbox)
        if settings.run_scheduler:
            sandbox.start_scheduler()
        ready = time.monotonic() - started
        print(f"\ncollab-bot sandbox is ready ({ready:.1f} s): open {sandbox.url}", flush=True)
        print(f"  A local Slack with the bot in your browser. Database: {directory / DATABASE_FILE}")
        print(f"  (never DATABASE_URL); the local Slack's workspace: {directory / SLACK_FILE}.")
        if summary:
            print(f"  Demo: {summary}")
        print("  Stop it with Ctrl-C. `collab-bot sandbox --demo` starts afresh with the worked example.")
        print(
            "  To use your real Slack instead, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET in .env "
            "(see .env.example and the README) and run `collab-bot serve`.",
            flush=True,
        )
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.is_set() and sandbox.thread.is_alive():
                stop.wait(0.5)
        except KeyboardInterrupt:
            pass
        return 0
    finally:
        sandbox.stop()
