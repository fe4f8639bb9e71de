"""The workspace's settings row."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from storage.db import dialect_insert
from storage.models import Workspace


def get_workspace(
    session: Session, *, team_id: str, default_tz: str = "UTC", default_lang: str = "en"
) -> Workspace:
    """The workspace's settings row, created with defaults on first use."""
    ws = session.get(Workspace, team_id)
    if ws is not None:
        return ws
    stmt = dialect_insert(session, Workspace).values(team_id=team_id, timezone=default_tz, lang=default_lang)
    session.execute(stmt.on_conflict_do_nothing(index_elements=["team_id"]))
    ws = session.get(Workspace, team_id)
    assert ws is not None
    return ws


def list_workspaces(session: Session) -> list[Workspace]:
    """Every workspace the bot knows (the scheduler's outer loop; not a per-team query)."""
    return list(session.exec(select(Workspace).order_by(col(Workspace.team_id))))


def update_workspace(session: Session, *, team_id: str, now: datetime, **changes: object) -> Workspace:
    ws = get_workspace(session, team_id=team_id)
    for key, value in changes.items():
        if not hasattr(ws, key):
            raise AttributeError(key)
        setattr(ws, key, value)
    ws.updated_at = now
    session.add(ws)
    session.flush()
    return ws
