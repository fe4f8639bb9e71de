"""Calendar arithmetic of the scheduled jobs: wall-clock times in the workspace's zone, DST,
ISO weeks, working days with public holidays and adjusted working days (调休)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.schedule import CATCH_UP, due_now, is_working_day, iso_week, last_weekly, local_at, week_start

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
SHANGHAI = ZoneInfo("Asia/Shanghai")
FRI, MON = 4, 0


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# ---------------------------------------------------------------- local_at


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # EST (UTC-5) until Sunday 2026-03-08, EDT (UTC-4) until Sunday 2026-11-01, then EST again
        (date(2026, 3, 6), utc(2026, 3, 6, 22, 0)),
        (date(2026, 3, 13), utc(2026, 3, 13, 21, 0)),
        (date(2026, 10, 30), utc(2026, 10, 30, 21, 0)),
        (date(2026, 11, 6), utc(2026, 11, 6, 22, 0)),
    ],
)
def test_friday_1700_in_new_york_across_dst(day: date, expected: datetime) -> None:
    at = local_at(day, time(17, 0), NY)
    assert at == expected
    assert (at.hour, at.minute, at.date()) == (17, 0, day)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 27), utc(2026, 3, 27, 16, 0)),  # CET
        (date(2026, 4, 3), utc(2026, 4, 3, 15, 0)),  # CEST from 2026-03-29
        (date(2026, 10, 23), utc(2026, 10, 23, 15, 0)),
        (date(2026, 10, 30), utc(2026, 10, 30, 16, 0)),  # CET from 2026-10-25
    ],
)
def test_friday_1700_in_berlin_across_dst(day: date, expected: datetime) -> None:
    assert local_at(day, time(17, 0), BERLIN) == expected


def test_shanghai_has_no_dst() -> None:
    for day in (date(2026, 3, 6), date(2026, 7, 3), date(2026, 11, 6)):
        assert local_at(day, time(17, 0), SHANGHAI) == datetime.combine(day, time(9, 0), tzinfo=UTC)


def test_time_in_the_spring_forward_gap_moves_forward_by_the_gap() -> None:
    # 02:00-03:00 does not exist in New York on 2026-03-08; a 02:30 nudge fires at 03:30 EDT
    at = local_at(date(2026, 3, 8), time(2, 30), NY)
    assert at == utc(2026, 3, 8, 7, 30)
    assert (at.hour, at.minute, at.utcoffset()) == (3, 30, timedelta(hours=-4))
    # the same in Berlin (02:00-03:00 missing on 2026-03-29)
    assert local_at(date(2026, 3, 29), time(2, 30), BERLIN) == utc(2026, 3, 29, 1, 30)
    # times next to the gap are untouched
    assert local_at(date(2026, 3, 8), time(1, 59), NY) == utc(2026, 3, 8, 6, 59)
    assert local_at(date(2026, 3, 8), time(3, 0), NY) == utc(2026, 3, 8, 7, 0)


def test_ambiguous_fall_back_time_is_the_first_occurrence() -> None:
    # 01:30 happens twice in New York on 2026-11-01: once in EDT (05:30Z), once in EST (06:30Z)
    # (compared in UTC: Python's == between zones is always False for an ambiguous time)
    at = local_at(date(2026, 11, 1), time(1, 30), NY)
    assert at.astimezone(UTC) == utc(2026, 11, 1, 5, 30)
    assert at.utcoffset() == timedelta(hours=-4)


# ---------------------------------------------------------------- last_weekly


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # the week before the spring change: Friday 2026-03-06 17:00 EST = 22:00Z
        (utc(2026, 3, 6, 21, 59), utc(2026, 2, 27, 22, 0)),
        (utc(2026, 3, 6, 22, 0), utc(2026, 3, 6, 22, 0)),
        (utc(2026, 3, 9, 12, 0), utc(2026, 3, 6, 22, 0)),  # Monday after the change
        # the week after: Friday 2026-03-13 17:00 EDT = 21:00Z
        (utc(2026, 3, 13, 20, 59), utc(2026, 3, 6, 22, 0)),
        (utc(2026, 3, 13, 21, 0), utc(2026, 3, 13, 21, 0)),
        # autumn: Friday 2026-10-30 17:00 EDT = 21:00Z, Friday 2026-11-06 17:00 EST = 22:00Z
        (utc(2026, 11, 2, 0, 0), utc(2026, 10, 30, 21, 0)),
        (utc(2026, 11, 6, 21, 59), utc(2026, 10, 30, 21, 0)),
        (utc(2026, 11, 6, 22, 0), utc(2026, 11, 6, 22, 0)),
        # just after local midnight on Saturday (UTC still Saturday 04:59): the Friday before
        (utc(2026, 11, 7, 4, 59), utc(2026, 11, 6, 22, 0)),
    ],
)
def test_last_friday_1700_in_new_york(now: datetime, expected: datetime) -> None:
    got = last_weekly(now, weekday=FRI, at="17:00", tz=NY)
    assert got == expected
    assert got.astimezone(NY).weekday() == FRI and got.astimezone(NY).time() == time(17, 0)


def test_last_weekly_uses_the_local_day_not_the_utc_day() -> None:
    # Monday 09:00 in Shanghai is Monday 01:00Z; at Sunday 23:30Z it is already Monday 07:30 there
    assert last_weekly(utc(2026, 11, 22, 23, 30), weekday=MON, at="09:00", tz=SHANGHAI) == utc(
        2026, 11, 16, 1, 0
    )
    assert last_weekly(utc(2026, 11, 23, 1, 0), weekday=MON, at="09:00", tz=SHANGHAI) == utc(
        2026, 11, 23, 1, 0
    )
    # Friday 17:00 in New York is Friday 22:00Z; Saturday 02:00Z is still Friday there
    assert last_weekly(utc(2026, 11, 21, 2, 0), weekday=FRI, at="17:00", tz=NY) == utc(2026, 11, 20, 22, 0)


def test_last_weekly_in_berlin_across_the_autumn_change() -> None:
    # Monday digest 09:00: 2026-10-19 CEST = 07:00Z; 2026-10-26 CET = 08:00Z
    assert last_weekly(utc(2026, 10, 26, 7, 59), weekday=MON, at="09:00", tz=BERLIN) == utc(
        2026, 10, 19, 7, 0
    )
    assert last_weekly(utc(2026, 10, 26, 8, 0), weekday=MON, at="09:00", tz=BERLIN) == utc(2026, 10, 26, 8, 0)


def test_due_now_is_the_catch_up_window() -> None:
    start = utc(2026, 11, 20, 22, 0)
    assert timedelta(hours=6) == CATCH_UP
    assert not due_now(start - timedelta(seconds=1), start)
    assert due_now(start, start)
    assert due_now(start + CATCH_UP, start)
    assert not due_now(start + CATCH_UP + timedelta(seconds=1), start)


# ---------------------------------------------------------------- ISO weeks


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2026, 11, 20), "2026-W47"),
        (date(2026, 11, 23), "2026-W48"),
        (date(2026, 1, 1), "2026-W01"),  # Thursday: week 1 of 2026
        (date(2027, 1, 1), "2026-W53"),  # Friday: still 2026's last week
        (date(2027, 1, 4), "2027-W01"),
        (date(2025, 12, 29), "2026-W01"),  # Monday of 2026's first week
    ],
)
def test_iso_week(day: date, week: str) -> None:
    assert iso_week(day) == week


def test_week_start_is_monday() -> None:
    assert week_start(date(2026, 11, 20)) == date(2026, 11, 16)
    assert week_start(date(2026, 11, 16)) == date(2026, 11, 16)
    assert week_start(date(2026, 11, 22)) == date(2026, 11, 16)


# ---------------------------------------------------------------- working days


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 20), True),  # Friday
        (date(2026, 11, 21), False),  # Saturday
        (date(2026, 11, 22), False),  # Sunday
        (date(2026, 10, 1), True),  # a public holiday in CN, but no country set
        (date(2026, 12, 25), True),
    ],
)
def test_working_days_without_a_country_are_monday_to_friday(day: date, working: bool) -> None:
    assert is_working_day(day, country=None) is working


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 9, 20), True),  # Sunday, adjusted working day (调休) for 10-06
        (date(2026, 9, 25), False),  # Friday, Mid-Autumn Festival
        (date(2026, 9, 26), False),  # Saturday
        (date(2026, 9, 27), False),  # Sunday, an ordinary weekend day
        (date(2026, 9, 28), True),  # Monday
        (date(2026, 10, 1), False),  # Thursday, National Day
        (date(2026, 10, 2), False),
        (date(2026, 10, 5), False),
        (date(2026, 10, 6), False),  # Tuesday, day off moved from 09-20
        (date(2026, 10, 7), False),  # Wednesday, day off moved from 10-10
        (date(2026, 10, 8), True),
        (date(2026, 10, 9), True),
        (date(2026, 10, 10), True),  # Saturday, adjusted working day
        (date(2026, 10, 11), False),  # Sunday
        (date(2026, 2, 14), True),  # Saturday before the Spring Festival, adjusted working day
        (date(2026, 2, 17), False),  # Spring Festival
    ],
)
def test_cn_holidays_and_adjusted_working_days(day: date, working: bool) -> None:
    assert is_working_day(day, country="CN") is working


def test_other_countries_and_unknown_codes() -> None:
    assert is_working_day(date(2026, 12, 25), country="DE") is False  # Christmas
    assert is_working_day(date(2026, 11, 26), country="US") is False  # Thanksgiving
    assert is_working_day(date(2026, 11, 27), country="US") is True
    # an unsupported code falls back to Monday to Friday
    assert is_working_day(date(2026, 11, 20), country="XX") is True
    assert is_working_day(date(2026, 11, 21), country="XX") is False


def test_due_now_counts_real_hours_in_the_workspace_zone() -> None:
    ny = ZoneInfo("America/New_York")
    start = local_at(date(2026, 11, 1), time(0, 30), ny)  # 00:30 EDT; clocks go back at 02:00
    assert due_now(datetime(2026, 11, 1, 5, 30, tzinfo=ny), start)  # 05:30 EST = 6 real hours
    assert not due_now(datetime(2026, 11, 1, 5, 31, tzinfo=ny), start)
