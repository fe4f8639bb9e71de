"""What the handlers need, passed in by ``bot/``: sessions, the clock, settings, the user cache."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlmodel import Session

from bot.settings import Settings
from services.users import UserDirectory
from storage import departments, projects, workspaces
from storage.db import SessionFactory
from storage.models import Measure, Workspace

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Deps:
    sessions: SessionFactory
    settings: Settings
    clock: Clock = system_clock
    users: UserDirectory = field(default_factory=UserDirectory)

    def workspace(self, session: Session, team_id: str) -> Workspace:
        return workspaces.get_workspace(
            session, team_id=team_id, default_tz=self.settings.timezone, default_lang=self.settings.lang
        )

    def today(self, ws: Workspace) -> date:
        """Today's date in the workspace's time zone."""
        return self.clock().astimezone(ZoneInfo(ws.timezone)).date()

    def is_admin(self, client: WebClient, ws: Workspace, user_id: str) -> bool:
        if user_id in ws.admin_ids or user_id in self.settings.admins:
            return True
        return self.users.is_slack_admin(client, team_id=ws.team_id, user_id=user_id)

    def can_change_measure(
        self, client: WebClient, session: Session, ws: Workspace, measure: Measure, user_id: str
    ) -> bool:
        """The owner, the owner's department head, the project lead, or an admin."""
        if user_id == measure.owner_user_id:
            return True
        dept = departments.get_department(session, team_id=ws.team_id, department_id=measure.department_id)
        if dept is not None and dept.head_user_id == user_id:
            return True
        project = projects.get_project_by_id(session, team_id=ws.team_id, project_id=measure.project_id)
        if project is not None and project.lead_user_id == user_id:
            return True
        return self.is_admin(client, ws, user_id)
