"""``collab-bot``: run the bot (Socket Mode or HTTP), run a job, export the table."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot import ops
from bot.logs import configure_logging
from bot.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.wiring import Runtime

logger = logging.getLogger("collab-bot")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="collab-bot", description=__doc__)
    parser.add_argument("--log-level", default="INFO")
    sub = parser.add_subparsers(dest="cmd")
    serve = sub.add_parser("serve", help="HTTP mode: POST /slack/events, GET /healthz")
    serve.add_argument("--port", type=int, default=None, help="default: $PORT or 3000")
    serve.add_argument("--host", default="0.0.0.0")
    jobs = sub.add_parser("jobs", help="run a scheduled job now")
    jobs_sub = jobs.add_subparsers(dest="jobs_cmd", required=True)
    jobs_run = jobs_sub.add_parser("run", help="run one job as if the clock read --at (safe to repeat)")
    jobs_run.add_argument(
        "job", choices=("weekly-sync", "nudges", "digest", "agendas", "milestones", "retros")
    )
    jobs_run.add_argument(
        "--at", default=None, help="ISO-8601 time, e.g. 2026-11-20T17:00+08:00 (no offset: COLLAB_TIMEZONE)"
    )
    export = sub.add_parser("export", help="write the improvement process table to a file")
    export.add_argument("--project", default=None, help="PRJ-n (default: all projects)")
    export.add_argument("--format", choices=("csv", "xlsx"), required=True)
    export.add_argument("-o", "--output", required=True, type=Path)
    export.add_argument("--team", default=None, help="workspace id (needed when the database holds several)")
    table_import = sub.add_parser("import", help="read the improvement process table from .csv or .xlsx")
    table_import.add_argument(
        "file",
        type=Path,
        help="the table as .csv or .xlsx: the export's nine columns, found by their Chinese or English headers",
    )
    table_import.add_argument(
        "--team", default=None, help="workspace id (needed unless the database holds one)"
    )
    table_import.add_argument(
        "--apply",
        action="store_true",
        help="write everything in one transaction (default: a dry run that shows what it would create)",
    )
    ops.add_parsers(sub)
    sandbox = sub.add_parser(
        "sandbox", help="the bot with a local Slack in your browser (no Slack app needed)"
    )
    sandbox.add_argument("--port", type=int, default=None, help="default: $PORT or 3000")
    sandbox.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1 (this machine only)")
    sandbox.add_argument("--demo", action="store_true", help="start afresh, filled with a worked example")
    args = parser.parse_args(argv)
    configure_logging(args.log_level)
    try:
        settings = load_settings()
        if settings.log_format != "text":
            configure_logging(args.log_level, settings.log_format)
        if args.cmd in ops.COMMANDS:
            return ops.run(args, settings)
        if args.cmd == "export":
            from bot.table_cli import run_export

            return run_export(
                settings, project=args.project, fmt=args.format, output=args.output, team=args.team
            )
        if args.cmd == "import":
            from bot.table_cli import run_import

            return run_import(settings, path=args.file, team=args.team, apply=args.apply)
        if args.cmd == "jobs":
            return run_job(settings, job=args.job, at=args.at)
        if args.cmd == "sandbox":
            from bot.sandbox import run_sandbox

            return run_sandbox(settings, port=args.port, host=args.host, demo=args.demo)
        if args.cmd == "serve":
            return run_bot(settings, socket_mode=False, port=args.port, host=args.host)
        return run_bot(settings, socket_mode=settings.app_token is not None, port=None, host="0.0.0.0")
    except SettingsError as e:
        print(str(e), file=sys.stderr)
        return 2


def run_bot(settings: Settings, *, socket_mode: bool, port: int | None, host: str) -> int:
    settings.require_slack(socket_mode=socket_mode)
    from bot.wiring import build_runtime, start_scheduler

    runtime = build_runtime(settings)
    assert runtime.app is not None
    if settings.run_scheduler:
        start_scheduler(runtime)
    if socket_mode:
        logger.info("starting in Socket Mode")
        socket_mode_handler(runtime, settings).start()  # type: ignore[no-untyped-call]
        return 0
    from bot.metrics import readiness, watch_claims
    from bot.server import make_server

    port = port or settings.port
    watch_claims(runtime.deps.sessions)
    logger.info(
        "serving HTTP on %s:%s (POST /slack/events, GET /healthz, /readyz, /metrics%s)",
        host,
        port,
        ", /slack/install, /slack/oauth_redirect" if settings.oauth else "",
    )
    server = make_server(
        runtime.app,
        host=host,
        port=port,
        ready=readiness(runtime.engine),
        json_logs=settings.log_format == "json",
    )
    server.run()
    return 0


def socket_mode_handler(runtime: Runtime, settings: Settings) -> SocketModeHandler:
    """The Socket Mode connection ``run_bot`` starts: Bolt's built-in slack_sdk client, which
    asks ``apps.connections.open`` (through the app's Web API client, so ``SLACK_API_URL``) for
    the WebSocket URL with ``SLACK_APP_TOKEN``. ``.start()`` connects and blocks."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    assert runtime.app is not None
    return SocketModeHandler(runtime.app, settings.app_token)


def run_job(settings: Settings, *, job: str, at: str | None) -> int:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from bot.wiring import build_runtime

    if not settings.bot_token and not settings.oauth:
        raise SettingsError(
            "collab-bot jobs run needs SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…) to post; "
            "put it in .env or export it."
        )
    if at is None:
        when = datetime.now(UTC)
    else:
        try:
            when = datetime.fromisoformat(at)
        except ValueError:
            print(f"--at {at!r} is not an ISO-8601 time; write e.g. 2026-11-20T17:00+08:00", file=sys.stderr)
            return 2
        if when.tzinfo is None:
            when = when.replace(tzinfo=ZoneInfo(settings.timezone))
    runtime = build_runtime(settings, with_app=False)
    runs = runtime.jobs.run_job(job, at=when)
    for run in runs:
        r = run.report
        print(
            f"{run.job} {run.team_id} {run.period}: {run.targets} targets — {len(r.sent)} sent, "
            f"{len(r.reconciled)} reconciled, {len(r.already)} already done, {len(r.failed)} failed"
            + (f" ({', '.join(f'{k}: {e}' for k, e in r.failed)})" if r.failed else "")
            + (f", {len(r.retry)} to retry" if r.retry else "")
        )
    if not runs:
        print(f"{job}: nothing to do at {when.isoformat()} (no workspace, or not a working day)")
    return 1 if any(run.report.retry for run in runs) else 0


if __name__ == "__main__":
    raise SystemExit(main())
