"""Meetings, pure: kinds, the time people write, when the agenda goes out (working days, zones,
DST), when the minutes are asked for, reading the minutes' problem lines; risk statuses."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from domain.charter import RiskStatus, check_metric, parse_risk_status
from domain.errors import InputError
from domain.meetings import (
    MeetingKind,
    MinutesLineError,
    agenda_day,
    agenda_time,
    minutes_time,
    parse_meeting_kind,
    parse_meeting_time,
    parse_minutes_problems,
)
from domain.vocabulary import Category

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("kickoff", MeetingKind.KICKOFF),
        ("Kick-off", MeetingKind.KICKOFF),
        ("沟通会议", MeetingKind.KICKOFF),
        ("adhoc", MeetingKind.ADHOC),
        ("ad hoc", MeetingKind.ADHOC),
        ("临时沟通会", MeetingKind.ADHOC),
    ],
)
def test_meeting_kinds(word: str, kind: MeetingKind) -> None:
    assert parse_meeting_kind(word) is kind


def test_an_unknown_kind_says_which_are_known() -> None:
    with pytest.raises(InputError) as e:
        parse_meeting_kind("party")
    assert (e.value.key, e.value.usage) == ("mtg.bad_kind", "kickoff | adhoc")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-27 10:00", (date(2026, 11, 27), time(10, 0))),
        ("2026/11/27 9:05", (date(2026, 11, 27), time(9, 5))),
        ("2026-11-27T10:00", (date(2026, 11, 27), time(10, 0))),
        ("２０２６-１１-２７ １０:００", (date(2026, 11, 27), time(10, 0))),
    ],
)
def test_meeting_times(text: str, expected: tuple[date, time]) -> None:
    assert parse_meeting_time(text) == expected


@pytest.mark.parametrize("text", ["2026-11-27", "10:00", "2026-13-01 10:00", "2026-11-27 25:00", "tomorrow"])
def test_bad_meeting_times(text: str) -> None:
    with pytest.raises(InputError) as e:
        parse_meeting_time(text)
    assert e.value.key == "mtg.bad_time"


def test_the_agenda_day_is_three_calendar_days_before_or_the_working_day_before_that() -> None:
    assert agenda_day(date(2026, 11, 27), days=3, country=None) == date(2026, 11, 24)  # Fri → Tue
    assert agenda_day(date(2026, 11, 24), days=3, country=None) == date(2026, 11, 20)  # Sat → Fri
    assert agenda_day(date(2026, 11, 23), days=3, country=None) == date(2026, 11, 20)  # Fri
    assert agenda_day(date(2026, 11, 25), days=0, country=None) == date(2026, 11, 25)
    # China: 2026-10-04 is in the National Day holiday; the working day before is 2026-09-30
    assert agenda_day(date(2026, 10, 7), days=3, country="CN") == date(2026, 9, 30)


def test_the_agenda_goes_out_at_the_nudge_time_in_the_workspaces_zone() -> None:
    starts = datetime(2026, 11, 27, 10, 0, tzinfo=SH)
    assert agenda_time(starts, days=3, nudge=time(9, 30), tz=SH, country=None) == datetime(
        2026, 11, 24, 1, 30, tzinfo=UTC
    )
    # New York, across the end of DST (2026-11-01): 09:30 EST is 14:30 UTC
    starts = datetime(2026, 11, 3, 15, 0, tzinfo=NY)
    assert agenda_time(starts, days=3, nudge=time(9, 30), tz=NY, country=None) == datetime(
        2026, 10, 30, 13, 30, tzinfo=UTC
    )  # Saturday 31st → Friday 30th, still EDT


def test_the_minutes_are_asked_for_at_the_first_working_nudge_time_after_the_meeting() -> None:
    friday = datetime(2026, 11, 20, 15, 0, tzinfo=SH)
    assert minutes_time(friday, nudge=time(9, 30), tz=SH, country=None) == datetime(
        2026, 11, 23, 9, 30, tzinfo=SH
    )
    early = datetime(2026, 11, 18, 8, 0, tzinfo=SH)  # before that day's nudge time: the same day
    assert minutes_time(early, nudge=time(9, 30), tz=SH, country=None) == datetime(
        2026, 11, 18, 9, 30, tzinfo=SH
    )


def test_minutes_lines_in_both_languages() -> None:
    text = "process: approvals take two weeks\n\n  • 信息传递：周报没人看\nResources : no budget: at all"
    assert parse_minutes_problems(text) == [
        (Category.PROCESS, "approvals take two weeks"),
        (Category.INFO, "周报没人看"),
        (Category.RESOURCES, "no budget: at all"),
    ]
    assert parse_minutes_problems("") == []


@pytest.mark.parametrize(
    ("text", "line"),
    [("process: ok\nno colon here", 2), ("budget: too small", 1), ("roles:", 1), ("info: ok\n\n: empty", 3)],
)
def test_an_unreadable_minutes_line_is_named(text: str, line: int) -> None:
    with pytest.raises(MinutesLineError) as e:
        parse_minutes_problems(text)
    assert e.value.line == line


def test_risk_statuses_and_the_metric_rule() -> None:
    assert parse_risk_status("Closed") is RiskStatus.CLOSED
    assert parse_risk_status("已发生") is RiskStatus.OCCURRED
    with pytest.raises(InputError):
        parse_risk_status("done")
    check_metric("", None, None)
    check_metric("conversion", 1, 2)
    for args in (("conversion", 1, None), ("", 1, 2), ("conversion", None, None)):
        with pytest.raises(InputError):
            check_metric(*args)
