"""bot.sandbox_clock: where the page's clock can jump, and which instants a jump stops at."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.sandbox_clock import due_instants, next_weekly, next_working_morning
from storage.models import Workspace

BERLIN = ZoneInfo("Europe/Berlin")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_jump_stops_at_every_scheduled_time_in_the_workspace_zone_also_across_dst() -> None:
    ws = Workspace(team_id="T1", timezone="Europe/Berlin")  # sync fri 17:00, nudge 09:30, digest mon 09:00
    # Berlin leaves summer time on Sunday 25 October 2026
    start = datetime(2026, 10, 23, 12, 0, tzinfo=BERLIN)
    end = datetime(2026, 10, 26, 9, 30, tzinfo=BERLIN)
    stops = [t.astimezone(BERLIN).strftime("%a %H:%M %Z") for t in due_instants(ws, start, end)]
    assert stops == [
        "Fri 17:00 CEST",
        "Sat 09:00 CEST", "Sat 09:30 CEST", "Sat 17:00 CEST",
        "Sun 09:00 CET", "Sun 09:30 CET", "Sun 17:00 CET",
        "Mon 09:00 CET", "Mon 09:30 CET",
    ]  # fmt: skip
    assert [t.astimezone(UTC).hour for t in due_instants(ws, start, end)][-2:] == [8, 8]
    assert list(due_instants(ws, end, end)) == []  # (start, end]: the start itself is past


def test_next_friday_and_the_next_working_morning() -> None:
    ws = Workspace(team_id="T1", timezone="Asia/Shanghai", holidays_country="CN")
    friday_evening = datetime(2026, 9, 25, 17, 0, tzinfo=SHANGHAI)
    assert next_weekly(friday_evening, weekday=4, at="17:00", tz=SHANGHAI) == datetime(
        2026, 10, 2, 17, 0, tzinfo=SHANGHAI
    )
    # 1–7 October 2026 is the National Day holiday; Saturday 10 October is worked (调休)
    assert next_working_morning(datetime(2026, 9, 30, 10, 0, tzinfo=SHANGHAI), ws) == datetime(
        2026, 10, 8, 9, 30, tzinfo=SHANGHAI
    )
    friday = datetime(2026, 10, 9, 10, 0, tzinfo=SHANGHAI)
    assert next_working_morning(friday, ws) == datetime(2026, 10, 10, 9, 30, tzinfo=SHANGHAI)
    assert next_working_morning(datetime(2026, 10, 9, 9, 0, tzinfo=SHANGHAI), ws) == datetime(
        2026, 10, 9, 9, 30, tzinfo=SHANGHAI
    )  # before the nudge time: this morning
    ws.holidays_country = None
    assert next_working_morning(friday, ws) == datetime(2026, 10, 12, 9, 30, tzinfo=SHANGHAI)
