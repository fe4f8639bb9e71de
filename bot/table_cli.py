"""``collab-bot export`` and ``collab-bot import``: the improvement process table to and from a
spreadsheet, for one workspace of the database."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from slack_api.clients import SlackClients
    from storage.db import Engine, SessionFactory


@dataclass(frozen=True)
class _Workspace:
    engine: Engine
    sessions: SessionFactory
    clients: SlackClients
    team: str


def _open(settings: Settings, team: str | None) -> _Workspace | None:
    """The migrated database, the Slack clients (``SLACK_BOT_TOKEN`` or each workspace's OAuth
    token) and the workspace: ``team``, or the database's only one (``None``, said on stderr,
    when it holds none or several)."""
    from bot.wiring import make_clients
    from storage import workspaces
    from storage.db import make_engine, migrate, session_factory

    engine = make_engine(settings.database_url)
    migrate(engine)
    sessions = session_factory(engine)
    if team is None:
        with sessions() as session:
            teams = [w.team_id for w in workspaces.list_workspaces(session)]
        if len(teams) != 1:
            listing = ", ".join(teams) or "none"
            print(f"give --team: the database holds {len(teams)} workspaces ({listing})", file=sys.stderr)
            engine.dispose()
            return None
        team = teams[0]
    clients, _ = make_clients(settings, engine, sessions)
    return _Workspace(engine=engine, sessions=sessions, clients=clients, team=team)


def run_export(settings: Settings, *, project: str | None, fmt: str, output: Path, team: str | None) -> int:
    from datetime import UTC, datetime

    from bot.wiring import make_deps
    from domain.errors import InputError
    from domain.values import RefKind, parse_ref
    from services import export as export_service
    from ui.catalogue import error_text

    ws = _open(settings, team)
    if ws is None:
        return 2
    number = None
    if project:
        try:
            number = parse_ref(project, kind=RefKind.PROJECT)
        except InputError as e:
            print(f"--project: {error_text('en', e)}", file=sys.stderr)
            return 2
    deps = make_deps(settings, ws.sessions, ws.clients)
    # Owners by display name (users.list) when the bot has a token there; otherwise by user id.
    slack = ws.clients.gateway(ws.team) if ws.clients.installed(ws.team) else None
    try:
        exported = export_service.build(
            deps,
            team_id=ws.team,
            project_number=number,
            fmt="csv" if fmt == "csv" else "xlsx",
            slack=slack,
            out=output,
        )
    except InputError as e:
        if e.key == "not_found":
            print(f"--project: there is no PRJ-{number} in workspace {ws.team}", file=sys.stderr)
        else:
            print(f"--project: {error_text('en', e)}", file=sys.stderr)
        return 2
    finally:
        ws.engine.dispose()
    print(f"wrote {exported.rows} rows to {output} ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")
    return 0


def run_import(settings: Settings, *, path: Path, team: str | None, apply: bool) -> int:
    """Exit status: 0 done (or a clean dry run), 1 rows refused (nothing written), 2 bad usage."""
    from bot.wiring import make_deps
    from domain.errors import InputError
    from services import table_import
    from storage.db import refresh_statistics
    from ui.catalogue import error_text
    from ui.import_report import render

    ws = _open(settings, team)
    if ws is None:
        return 2
    deps = make_deps(settings, ws.sessions, ws.clients)
    # Owners are matched with users.list when the bot has a token there; otherwise by Slack ID only.
    slack = ws.clients.gateway(ws.team) if ws.clients.installed(ws.team) else None
    try:
        report = table_import.run(deps, path=path, team_id=ws.team, apply=apply, slack=slack)
        if apply and not report.refused:
            refresh_statistics(ws.engine)  # the tables may have grown a hundredfold
    except InputError as e:
        print(error_text(settings.lang, e), file=sys.stderr)
        return 2
    finally:
        ws.engine.dispose()
    print("\n".join(render(report)))
    return 1 if report.refused else 0
