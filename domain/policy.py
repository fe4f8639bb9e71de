"""Who may do what. Pure: the facts are given (who owns, heads, leads; whether the person is an
admin), the answer is a yes or no. Whether someone is a Slack admin is asked of Slack by the
services, outside any database transaction, and only when the other facts do not decide."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.errors import InputError, Term


@dataclass(frozen=True)
class MeasureFacts:
    """Who stands behind a measure: its owner, the owner department's head, the project lead."""

    owner: str
    head: str
    lead: str


def may_change_measure(user: str, facts: MeasureFacts, *, admin: bool) -> bool:
    """The owner, the owner's department head, the project lead, or an admin."""
    return bool(user) and (user in (facts.owner, facts.head, facts.lead) or admin)


def may_decide_change(user: str, *, lead: str, admin: bool) -> bool:
    """A change request is decided by the project's lead or an admin."""
    return bool(user) and (user == lead or admin)


def is_named_admin(user: str, *, configured: tuple[str, ...] | list[str], settings: tuple[str, ...]) -> bool:
    """Named as an admin by ``/collab config admins=…`` or ``COLLAB_ADMINS``."""
    return bool(user) and (user in configured or user in settings)


def check_deadline(due: date, *, today: date, field: str = "due") -> date:
    """A new deadline may not lie in the past (today is fine)."""
    if due < today:
        raise InputError("past_due", field=Term(field), due=due.isoformat(), today=today.isoformat())
    return due


def may_change_problem(user: str, *, lead: str, admin: bool) -> bool:
    """A problem is changed by its project's lead or an admin (as a change request is decided)."""
    return may_decide_change(user, lead=lead, admin=admin)


def may_change_project(user: str, *, lead: str, admin: bool) -> bool:
    """A project (its charter: goal, metric, duties, risks) is changed by its lead or an admin."""
    return bool(user) and (user == lead or admin)
