"""Reference numbers (PRJ-n, PRB-n, …): allocation per workspace and kind, and the SQL that
lets typed text match part of a reference."""

from __future__ import annotations

import re
from typing import Literal

from sqlalchemy import ColumnElement, String, case, cast, literal
from sqlalchemy.orm import Mapped
from sqlmodel import Session

from storage.db import dialect_insert
from storage.models import Counter

RefKind = Literal["PRJ", "PRB", "MSR", "RSK", "MTG", "CHG", "MLS", "RET"]


def next_ref(session: Session, *, team_id: str, kind: RefKind) -> int:
    """Allocate the next reference number atomically (one upsert ... RETURNING)."""
    stmt = (
        dialect_insert(session, Counter)
        .values(team_id=team_id, kind=kind, value=1)
        .on_conflict_do_update(index_elements=["team_id", "kind"], set_={"value": Counter.value + 1})
        .returning(Counter.value)
    )
    value = session.execute(stmt).scalar_one()
    return int(value)


def _ref(kind: RefKind, number: Mapped[int]) -> ColumnElement[str]:
    """The reference as SQL text, ``'PRJ-' || number``, so typed text can match part of it."""
    return literal(f"{kind}-", String) + cast(number, String)


def _typed_number(text: str, kind: RefKind) -> int | None:
    """``12``, ``PRJ-12``, ``prj12``: the number a user typed for one reference, if that is all."""
    m = re.fullmatch(rf"(?:{kind}\s*-?\s*)?(\d{{1,9}})", text, re.IGNORECASE)
    return int(m.group(1)) if m else None


def _newest_first(number: Mapped[int], text: str, kind: RefKind) -> list[ColumnElement[int]]:
    """Order: the record whose reference is exactly what was typed, then the rest newest first."""
    exact = _typed_number(text, kind)
    if exact is None:
        return [number.desc()]
    return [case((number == exact, 0), else_=1), number.desc()]
