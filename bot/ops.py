"""Operator commands: ``collab-bot purge --team T… [--yes]`` and ``collab-bot rotate-key``."""

from __future__ import annotations

import argparse
import sys

from bot.settings import Settings, SettingsError

COMMANDS = ("purge", "rotate-key")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    purge = sub.add_parser("purge", help="delete one workspace's data (and only it)")
    purge.add_argument("--team", required=True, help="the workspace id, T…")
    purge.add_argument("--yes", action="store_true", help="really delete (without it: show what would go)")
    sub.add_parser("rotate-key", help="re-encrypt the stored Slack tokens with the first COLLAB_SECRET_KEY")


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.cmd == "purge":
        return purge(settings, team=args.team, yes=args.yes)
    return rotate_key(settings)


def _sessions(settings: Settings):  # type: ignore[no-untyped-def]
    from storage.db import make_engine, migrate, session_factory

    engine = make_engine(settings.database_url)
    migrate(engine)
    return session_factory(engine)


def purge(settings: Settings, *, team: str, yes: bool) -> int:
    from storage.db import transaction
    from storage.purge import purge_team, team_rows

    team = team.strip()
    sessions = _sessions(settings)
    with sessions() as session:
        rows = team_rows(session, team_id=team)
    if not rows:
        print(f"purge: the database holds nothing of workspace {team}", file=sys.stderr)
        return 1
    listing = ", ".join(f"{table} {n}" for table, n in rows.items())
    installed = any(table in rows for table in ("slack_bots", "slack_installations"))
    if not yes:
        print(f"would delete {sum(rows.values())} rows of {team} ({listing}); nothing deleted — add --yes")
        if installed:
            print(
                f"{team} is still installed: purging deletes its tokens too, and the bot stops posting there"
            )
        return 0
    with transaction(sessions) as session:
        gone = purge_team(session, team_id=team)
    print(
        f"purged {team}: {sum(gone.values())} rows deleted ({', '.join(f'{t} {n}' for t, n in gone.items())})"
    )
    return 0


def rotate_key(settings: Settings) -> int:
    from slack_api.installations import SecretKeyError, rotate_tokens

    if not settings.secret_keys:
        raise SettingsError(
            "collab-bot rotate-key needs COLLAB_SECRET_KEY: the new key first, then the old ones, "
            "comma-separated (see README, 'Running at scale')"
        )
    try:
        changed = rotate_tokens(_sessions(settings), settings.secret_keys)
    except SecretKeyError as e:
        print(f"rotate-key: {e}; nothing changed", file=sys.stderr)
        return 1
    print(f"re-encrypted {changed} stored tokens with the first key of COLLAB_SECRET_KEY")
    return 0
