"""Meetings, pure: their kinds, the time people write, when the agenda goes out, when the
minutes are asked for, and reading the problems raised in the minutes.

- Kinds: ``kickoff`` (沟通会议, the alignment meeting) and ``adhoc`` (临时沟通会, a coordination
  meeting), each with the words people may write for it.
- ``at="YYYY-MM-DD HH:MM"``: a wall-clock time in the workspace's zone.
- The agenda goes out ``agenda_days`` calendar days before the meeting's day; when that day is
  not a working day, on the working day before it; at the nudge time of that day.
- The minutes are asked for at the first nudge time (a working day's) after the meeting.
- Minutes' problems: one per line, ``<category>: <description>`` (``:`` or ``：``), the category
  in either language (:func:`domain.vocabulary.parse_category`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

from domain.command_text import nfkc, shown
from domain.errors import InputError
from domain.schedule import is_working_day, local_at
from domain.vocabulary import Category, parse_category

__all__ = [
    "AT_USAGE",
    "MeetingKind",
    "MinutesLineError",
    "agenda_day",
    "agenda_time",
    "minutes_time",
    "parse_meeting_kind",
    "parse_meeting_time",
    "parse_minutes_problems",
]

AT_USAGE: Final = 'at="YYYY-MM-DD HH:MM"'
MAX_AGENDA_DAYS: Final = 30


class MeetingKind(StrEnum):
    KICKOFF = "kickoff"
    ADHOC = "adhoc"


_KIND_WORDS: Final = {
    MeetingKind.KICKOFF: ("kickoff", "kick-off", "kick off", "alignment", "沟通会议", "沟通会", "启动会"),
    MeetingKind.ADHOC: ("adhoc", "ad-hoc", "ad hoc", "coordination", "临时沟通会", "临时会议", "临时"),
}
_KIND_BY_WORD: Final = {w.casefold(): k for k, ws in _KIND_WORDS.items() for w in ws}


def parse_meeting_kind(value: str) -> MeetingKind:
    """``kickoff`` / ``沟通会议`` or ``adhoc`` / ``临时沟通会`` (and the other words for them)."""
    kind = _KIND_BY_WORD.get(" ".join(nfkc(value).casefold().split()))
    if kind is None:
        raise InputError("mtg.bad_kind", "kickoff | adhoc", value=shown(value))
    return kind


_AT_RE: Final = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+|T)(\d{1,2}):(\d{2})", re.ASCII)


def parse_meeting_time(value: str) -> tuple[datetime.date, datetime.time]:
    """``2026-11-27 10:00`` (also ``/`` or ``.`` between the date's parts, ``T`` before the time,
    full-width digits): the meeting's day and wall-clock time."""
    match = _AT_RE.fullmatch(nfkc(value))
    if match is not None:
        year, month, day, hour, minute = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day), datetime.time(hour, minute)
        except ValueError:
            pass
    raise InputError("mtg.bad_time", AT_USAGE, value=shown(value))


def agenda_day(meeting_day: datetime.date, *, days: int, country: str | None) -> datetime.date:
    """``days`` calendar days before the meeting's day; the working day before when that is not one."""
    day = meeting_day - datetime.timedelta(days=days)
    while not is_working_day(day, country=country):
        day -= datetime.timedelta(days=1)
    return day


def agenda_time(
    starts_at: datetime.datetime, *, days: int, nudge: datetime.time, tz: ZoneInfo, country: str | None
) -> datetime.datetime:
    """When the agenda of a meeting starting at ``starts_at`` goes out (an aware instant)."""
    day = agenda_day(starts_at.astimezone(tz).date(), days=days, country=country)
    return local_at(day, nudge, tz)


def minutes_time(
    starts_at: datetime.datetime, *, nudge: datetime.time, tz: ZoneInfo, country: str | None
) -> datetime.datetime:
    """The first nudge time (of a working day) after the meeting's start."""
    day = starts_at.astimezone(tz).date()
    for _ in range(400):
        if is_working_day(day, country=country):
            at = local_at(day, nudge, tz)
            if at > starts_at:
                return at
        day += datetime.timedelta(days=1)
    raise ValueError("no working day within a year")  # pragma: no cover - no such calendar


@dataclass(frozen=True)
class MinutesLineError(Exception):
    """A line of the minutes' problems that cannot be read (1-based line number)."""

    line: int
    text: str


_LINE_RE: Final = re.compile(r"\s*([^:：]+?)\s*[:：]\s*(.*?)\s*")


def parse_minutes_problems(text: str) -> list[tuple[Category, str]]:
    """Each non-empty line ``<category>: <description>`` → (category, description); the first
    line that cannot be read raises :class:`MinutesLineError` (nothing is taken then)."""
    found: list[tuple[Category, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE_RE.fullmatch(line.lstrip("•-*· \t"))
        if match is None or not match.group(2):
            raise MinutesLineError(number, line.strip())
        try:
            category = parse_category(match.group(1))
        except InputError:
            raise MinutesLineError(number, line.strip()) from None
        found.append((category, match.group(2)))
    return found
