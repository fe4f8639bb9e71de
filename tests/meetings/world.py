"""Test data for the charter, meetings and change requests: the weekly loop's world (Sales and
R&D, PRJ-1 led by LEAD, PRB-1) with a measurable goal, duties and a risk, in Shanghai time."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from storage import charter, meetings, projects, risks
from storage.db import transaction
from storage.models import AgendaMessage, ChangeRequest, Meeting, MeetingNeed, MeetingProblem, Problem, Risk
from tests import factories
from tests import weekly_factories as lf
from tests.harness import LEAD, TEAM, Bot

SH = ZoneInfo("Asia/Shanghai")


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def charter_world(bot: Bot, *, tz: str = "Asia/Shanghai", lang: str = "en", **ws: Any) -> lf.LoopWorld:
    world = lf.loop_world(bot, tz=tz, lang=lang, **ws)
    with transaction(bot.db.sessions) as session:
        project = projects.get_project(session, team_id=TEAM, number=1)
        assert project is not None
        charter.update_project(
            session,
            team_id=TEAM,
            project=project,
            metric="user conversion",
            baseline="10",
            target="11.5",
            unit="%",
        )
        charter.set_duty(
            session, team_id=TEAM, project=project, department=world.sales, text="Owns the launch plan"
        )
        charter.set_duty(session, team_id=TEAM, project=project, department=world.rnd, text="Ships the build")
        risks.add_risk(
            session,
            team_id=TEAM,
            project=project,
            text="Vendor is late",
            plan="Second vendor on standby",
            owner_user_id=LEAD,
            created_by=LEAD,
            now=bot.clock(),
        )
    return world


def all_meetings(bot: Bot) -> list[Meeting]:
    return factories.all_rows(bot.db, Meeting)


def agenda_messages(bot: Bot) -> list[AgendaMessage]:
    return factories.all_rows(bot.db, AgendaMessage)


def needs(bot: Bot) -> list[MeetingNeed]:
    return factories.all_rows(bot.db, MeetingNeed)


def meeting_problems(bot: Bot) -> list[MeetingProblem]:
    return factories.all_rows(bot.db, MeetingProblem)


def problems(bot: Bot) -> list[Problem]:
    return factories.all_rows(bot.db, Problem)


def all_risks(bot: Bot) -> list[Risk]:
    return factories.all_rows(bot.db, Risk)


def change_requests(bot: Bot) -> list[ChangeRequest]:
    return factories.all_rows(bot.db, ChangeRequest)


def meeting(bot: Bot, number: int) -> Meeting:
    with bot.db.sessions() as session:
        found = meetings.get_meeting(session, team_id=TEAM, number=number)
        assert found is not None
        return found
