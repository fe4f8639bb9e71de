"""``collab-bot import``: the improvement process table from a spreadsheet into a workspace."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.settings import Settings


def run_import(settings: Settings, *, path: Path, team: str | None, apply: bool) -> int:
    """Exit status: 0 done (or a clean dry run), 1 rows refused (nothing written), 2 bad usage."""
    from bot.wiring import make_deps
    from domain.errors import InputError
    from services import table_import
    from slack_api.clients import SlackClients
    from storage import workspaces
    from storage.db import make_engine, migrate, refresh_statistics, session_factory
    from ui.catalogue import error_text
    from ui.import_report import render

    engine = make_engine(settings.database_url)
    migrate(engine)
    sessions = session_factory(engine)
    with sessions() as session:
        teams = [w.team_id for w in workspaces.list_workspaces(session)]
    if team is None:
        if len(teams) != 1:
            listing = ", ".join(teams) or "none"
            print(f"give --team: the database holds {len(teams)} workspaces ({listing})", file=sys.stderr)
            return 2
        team = teams[0]
    clients = SlackClients.single(base_url=settings.slack_api_url, token=settings.bot_token)
    deps = make_deps(settings, sessions, clients)
    # Owners are matched with users.list when a bot token is set; otherwise by Slack ID only.
    slack = clients.gateway(team) if settings.bot_token else None
    try:
        report = table_import.run(deps, path=path, team_id=team, apply=apply, slack=slack)
        if apply and not report.refused:
            refresh_statistics(engine)  # the tables may have grown a hundredfold
    except InputError as e:
        print(error_text(settings.lang, e), file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print("\n".join(render(report)))
    return 1 if report.refused else 0
