"""Calendar arithmetic for the scheduled jobs, in the workspace's time zone.

Everything takes the clock as a parameter (an aware ``datetime``); nothing reads the time.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays as holidays_lib

# The bot may be down at the scheduled minute; within this window (real hours, also across a
# DST change) it catches up, after it the occurrence is skipped (and logged).
CATCH_UP = timedelta(hours=6)
UTC = ZoneInfo("UTC")


def parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def local_at(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The aware instant of a wall-clock time on a day. A time inside a spring-forward gap is
    moved forward by the gap (02:30 → 03:30), as people expect from a wall clock."""
    naive_guess = datetime.combine(day, at, tzinfo=tz)
    # Round-trip through UTC: non-existent times come back normalised.
    return naive_guess.astimezone(UTC).astimezone(tz)


def last_weekly(now: datetime, *, weekday: int, at: str, tz: ZoneInfo) -> datetime:
    """The most recent occurrence of ``weekday`` at ``at`` (local) that is not after ``now``."""
    local = now.astimezone(tz)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    occurrence = local_at(day, parse_hhmm(at), tz)
    if since(now, occurrence) < timedelta(0):
        occurrence = local_at(day - timedelta(days=7), parse_hhmm(at), tz)
    return occurrence


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@functools.lru_cache(maxsize=64)
def _calendar(country: str, year: int) -> holidays_lib.HolidayBase:
    return holidays_lib.country_holidays(country, years=year)


def is_working_day(day: date, *, country: str | None) -> bool:
    """Mon–Fri, minus public holidays of ``country``, plus its adjusted working days (调休)."""
    if country:
        try:
            return bool(_calendar(country, day.year).is_working_day(day))
        except NotImplementedError:
            pass
    return day.weekday() < 5


def since(now: datetime, occurrence: datetime) -> timedelta:
    """Real time elapsed from ``occurrence`` to ``now`` (negative before it). Aware datetimes in
    one zone compare and subtract by wall clock in Python, so both go to UTC first."""
    return now.astimezone(UTC) - occurrence.astimezone(UTC)


def due_now(now: datetime, occurrence: datetime) -> bool:
    """Is ``occurrence`` due at ``now``, and not yet past the catch-up window?"""
    return timedelta(0) <= since(now, occurrence) <= CATCH_UP
