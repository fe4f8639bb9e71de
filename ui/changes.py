"""Change requests (需求变更申请, CHG-n) as people see them: the lead's Approve / Reject, the
decision, the notices, the list, and the forms."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.limits import REASON_LIMIT
from storage.models import ChangeRequest, Department, Project
from storage.rows import ChangeRow
from ui.blocks import (
    Payload,
    actions,
    button,
    escape,
    listing,
    mention,
    message,
    section,
    text_message,
    truncate,
)
from ui.catalogue import t
from ui.forms import (
    PROJECT_SEARCH,
    choice_input,
    date_input,
    department_option,
    label,
    modal,
    project_option,
    select_input,
    text_input,
)

CHANGE_MODAL = "collab_change_add"
REJECT_MODAL = "collab_change_reject"
APPROVE_ACTION = "cr_approve"
REJECT_ACTION = "cr_reject"


def summary(row: ChangeRow, lang: str) -> str:
    """What the request is about, in one line: its text, else the measure's new deadline."""
    r = row.request
    if r.text:
        return escape(truncate(r.text, 300))
    if row.measure is not None:
        return t(lang, "chg.deadline_text", measure=row.measure.ref)
    return "—"


def details(row: ChangeRow, lang: str) -> list[str]:
    r = row.request
    lines = []
    if r.text:
        lines.append(t(lang, "chg.what", text=escape(truncate(r.text, 1500))))
    if r.impact:
        lines.append(t(lang, "chg.impact", text=escape(truncate(r.impact, 1000))))
    if row.department is not None:
        lines.append(t(lang, "chg.dept", dept=escape(row.department.name)))
    if row.measure is not None and r.proposed_due is not None:
        old = r.old_due.isoformat() if r.old_due else "—"
        lines.append(
            t(lang, "chg.deadline", measure=row.measure.ref, old=old, new=r.proposed_due.isoformat())
        )
    elif row.measure is not None:
        lines.append(t(lang, "chg.measure", measure=row.measure.ref))
    if r.reason:
        lines.append(t(lang, "chg.reason", text=escape(truncate(r.reason, 1000))))
    return lines


def project_name(project: Project) -> str:
    return f"{project.ref} {escape(truncate(project.name, 100))}"


def ask_message(row: ChangeRow, *, lang: str) -> Payload:
    """The project lead's copy, with Approve / Reject."""
    r = row.request
    head = t(lang, "chg.ask", ref=r.ref, user=mention(r.requested_by), project=project_name(row.project))
    text = "\n".join([head, *details(row, lang)])
    value = str(r.id)
    return message(
        text,
        [
            section(text),
            actions(
                button(t(lang, "cr_approve"), action_id=APPROVE_ACTION, value=value, style="primary"),
                button(t(lang, "cr_reject"), action_id=REJECT_ACTION, value=value, style="danger"),
                block_id=f"cr-{r.id}",
            ),
        ],
    )


def decision_text(row: ChangeRow, *, lang: str) -> str:
    """The decision, for the lead's message, the requester and the department's channel."""
    r = row.request
    who = mention(r.decided_by)
    if r.state == "approved":
        if row.measure is not None and r.proposed_due is not None:
            return t(
                lang,
                "chg.approved_due",
                user=who,
                ref=r.ref,
                measure=row.measure.ref,
                new=r.proposed_due.isoformat(),
            )
        return t(lang, "chg.approved", user=who, ref=r.ref, project=project_name(row.project))
    return t(
        lang,
        "chg.rejected",
        user=who,
        ref=r.ref,
        project=project_name(row.project),
        reason=escape(truncate(r.decision_note, 1000)) or "—",
    )


def decided_message(row: ChangeRow, *, lang: str) -> Payload:
    return text_message("\n".join([decision_text(row, lang=lang), *details(row, lang)]))


def notice_message(row: ChangeRow, *, lang: str) -> Payload:
    dept = escape(row.department.name) if row.department else "—"
    text = t(
        lang,
        "chg.notice",
        ref=row.request.ref,
        dept=dept,
        project=project_name(row.project),
        decision=decision_text(row, lang=lang),
    )
    return text_message("\n".join([text, *details(row, lang)]))


def already_decided(request: ChangeRequest, *, lang: str, tz_name: str) -> Payload:
    at = (
        request.decided_at.astimezone(ZoneInfo(tz_name)).strftime("%Y-%m-%d %H:%M")
        if request.decided_at
        else "—"
    )
    return text_message(
        t(
            lang,
            "chg.decided_already",
            ref=request.ref,
            state=t(lang, f"chg.state.{request.state}"),
            user=mention(request.decided_by) or "—",
            at=at,
        )
    )


def age(created: datetime, now: datetime, lang: str) -> str:
    days = (now - created).days
    return t(lang, "chg.age_days", days=days) if days >= 1 else t(lang, "chg.age_today")


def change_line(row: ChangeRow, *, lang: str, now: datetime) -> str:
    r = row.request
    values = {
        "ref": r.ref,
        "text": summary(row, lang),
        "project": project_name(row.project),
        "dept": escape(row.department.name) if row.department else "—",
    }
    if r.state == "open":
        return "• " + t(
            lang, "chg.list_open", **values, user=mention(r.requested_by), age=age(r.created_at, now, lang)
        )
    return "• " + t(
        lang, "chg.list_decided", **values, state=t(lang, f"chg.state.{r.state}"), user=mention(r.decided_by)
    )


def change_list(rows: Sequence[ChangeRow], *, lang: str, now: datetime) -> Payload:
    if not rows:
        return text_message(t(lang, "chg.none"))
    return listing(t(lang, "chg.list_title"), [change_line(r, lang=lang, now=now) for r in rows], lang=lang)


def filed_message(row: ChangeRow, *, lang: str) -> Payload:
    return text_message(
        t(
            lang,
            "chg.filed",
            ref=row.request.ref,
            project=project_name(row.project),
            lead=mention(row.project.lead_user_id),
        )
    )


# ---------------------------------------------------------------- forms


def change_modal(
    projects: Sequence[Project], depts: Sequence[Department], *, lang: str, meta: dict[str, str]
) -> dict[str, Any]:
    newest = sorted(projects, key=lambda p: -p.number)
    blocks = [
        choice_input(
            "project",
            label(lang, "project"),
            [project_option(p) for p in newest],
            search=PROJECT_SEARCH,
            search_hint=label(lang, "project_search"),
        ),
        text_input("text", label(lang, "change_text"), multiline=True),
        text_input("impact", label(lang, "change_impact"), multiline=True),
        select_input("dept", label(lang, "change_dept"), [department_option(d) for d in depts]),
        text_input("measure", label(lang, "change_measure"), max_length=20, optional=True),
        date_input("due", label(lang, "change_due"), optional=True),
    ]
    return modal(CHANGE_MODAL, label(lang, "change_title"), blocks, lang=lang, private_metadata=meta)


def reject_modal(request: ChangeRequest, *, lang: str, meta: dict[str, str]) -> dict[str, Any]:
    blocks = [
        section(f"*{request.ref}*"),
        text_input("reason", label(lang, "reject_reason"), multiline=True, max_length=REASON_LIMIT),
    ]
    return modal(
        REJECT_MODAL,
        label(lang, "reject_title"),
        blocks,
        lang=lang,
        private_metadata={**meta, "request": str(request.id)},
    )
