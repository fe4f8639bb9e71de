"""Delete one workspace's data, and only it: every row with its ``team_id``, in every table
(the OAuth installation tables too), children before parents. ``collab-bot purge``."""

from __future__ import annotations

from sqlalchemy import Table, delete, func, select
from sqlmodel import Session, SQLModel

import storage.models  # noqa: F401  (every table on the metadata)


def _team_tables() -> list[Table]:
    """The tables that hold a workspace's rows, dependants first (so foreign keys hold)."""
    return [t for t in reversed(SQLModel.metadata.sorted_tables) if "team_id" in t.c]


def team_rows(session: Session, *, team_id: str) -> dict[str, int]:
    """How many rows each table holds for the workspace (tables with none left out)."""
    counts = {}
    for table in _team_tables():
        n = int(
            session.execute(
                select(func.count()).select_from(table).where(table.c.team_id == team_id)
            ).scalar_one()
        )
        if n:
            counts[table.name] = n
    return counts


def purge_team(session: Session, *, team_id: str) -> dict[str, int]:
    """Delete every row of the workspace; returns how many went, by table."""
    if not team_id:
        raise ValueError("a team id is needed")
    gone = {}
    for table in _team_tables():
        result = session.execute(delete(table).where(table.c.team_id == team_id))
        n = int(result.rowcount)  # type: ignore[attr-defined]
        if n:
            gone[table.name] = n
    return gone
