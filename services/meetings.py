"""Meetings (``MTG-n``): kickoff (沟通会议) and ad-hoc coordination (临时沟通会) — added by
command or form (also pre-filled from a blocked measure's **Call a coordination meeting**),
listed. The agenda goes out through ``services.agendas`` / the ``agendas`` job."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from domain.errors import InputError
from domain.meetings import agenda_time
from domain.schedule import local_at, parse_hhmm
from services import agendas
from services import departments as department_service
from services.charter import project_id_or_none, project_or_error
from services.deps import Deps
from services.forms import FieldErrors, open_form
from storage import departments, measures, meetings, projects
from storage.db import Session, transaction
from storage.models import Department, Meeting, Project, Workspace
from ui.blocks import Payload, escape, text_message
from ui.catalogue import t
from ui.forms import MAX_OPTIONS, Submitted
from ui.meetings import meeting_list, meeting_modal
from ui.terms import kind_label, local_time


@dataclass(frozen=True)
class Added:
    """A stored meeting; ``confirmation`` for whoever added it; ``agenda_due``: send it now."""

    meeting_id: int
    confirmation: str
    agenda_due: bool


def _starts_at(ws: Workspace, day: date, at: time) -> datetime:
    return local_at(day, at, ZoneInfo(ws.timezone))


def _store(
    session: Session,
    deps: Deps,
    ws: Workspace,
    *,
    project: Project,
    kind: str,
    starts_at: datetime,
    title: str,
    depts: Sequence[Department],
    topics: Sequence[str],
    user_id: str,
    measure_id: int | None = None,
) -> Added:
    now = deps.clock()
    meeting = meetings.add_meeting(
        session,
        team_id=ws.team_id,
        project=project,
        kind=kind,
        title=title,
        starts_at=starts_at,
        topics=topics,
        department_ids=[d.id for d in depts if d.id is not None],
        created_by=user_id,
        now=now,
        measure_id=measure_id,
    )
    tz = ZoneInfo(ws.timezone)
    agenda_at = agenda_time(
        starts_at, days=ws.agenda_days, nudge=parse_hhmm(ws.nudge_time), tz=tz, country=ws.holidays_country
    )
    due = agenda_at <= now
    lang = ws.lang
    when = t(lang, "mtg.agenda_now") if due else t(lang, "mtg.agenda_at", at=local_time(agenda_at, tz))
    confirmation = t(
        lang,
        "mtg.added",
        ref=meeting.ref,
        kind=kind_label(kind, lang),
        project=project.ref,
        at=local_time(starts_at, tz),
        depts=("、" if lang == "zh" else ", ").join(escape(d.name) for d in depts),
        when=when,
    )
    return Added(meeting.id or 0, confirmation, due)


def add(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    project_number: int,
    kind: str,
    day: date,
    at: time,
    title: str,
    dept_names: Sequence[str] | None,
    topics: Sequence[str],
    usage: str,
    unquoted: tuple[str, str, Sequence[str]] | None = None,
) -> Payload:
    """`meeting add`: store it, and send its agenda at once when its agenda day has passed."""
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        project = project_or_error(session, team_id=team_id, number=project_number, usage=usage)
        starts_at = _starts_at(ws, day, at)
        now = deps.clock()
        if starts_at <= now:
            tz = ZoneInfo(ws.timezone)
            raise InputError(
                "mtg.past_time",
                usage,
                at=f"{day.isoformat()} {at:%H:%M}",
                now=f"{now.astimezone(tz):%Y-%m-%d %H:%M}",
            )
        if dept_names is None:
            depts = projects.project_departments(session, team_id=team_id, project_id=project.id or 0)
        else:
            depts = department_service.resolve(
                session, team_id=team_id, names=dept_names, lang=ws.lang, unquoted=unquoted, usage=usage
            )
        if not depts:
            raise InputError("mtg.no_departments", usage, ref=project.ref)
        added = _store(
            session,
            deps,
            ws,
            project=project,
            kind=kind,
            starts_at=starts_at,
            title=title,
            depts=depts,
            topics=topics,
            user_id=user_id,
        )
    if added.agenda_due:
        agendas.send_now(deps, team_id=team_id, meeting_id=added.meeting_id)
    return text_message(added.confirmation)


def listing(deps: Deps, *, team_id: str, project_number: int | None, usage: str) -> Payload:
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        project_id = project_id_or_none(session, team_id=team_id, number=project_number, usage=usage)
        rows = [
            (m, p, len(meetings.invited(session, team_id=team_id, meeting_id=m.id or 0)))
            for m, p in meetings.list_meetings(session, team_id=team_id, project_id=project_id)
        ]
    return meeting_list(rows, lang=ws.lang, tz=ZoneInfo(ws.timezone))


# ---------------------------------------------------------------- the form


def open_add_form(
    deps: Deps,
    *,
    team_id: str,
    trigger_id: str,
    meta: dict[str, str],
    lang: str,
    measure_number: int | None = None,
) -> Payload | None:
    """The meeting form; from a blocked measure, pre-filled with its project, ``adhoc``, its
    department and the measure as the topic."""
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        found = projects.search_projects(session, team_id=team_id, text="", limit=MAX_OPTIONS + 1)
        depts = departments.list_departments(session, team_id=team_id, limit=MAX_OPTIONS)
        prefill: dict[str, object] = {}
        if measure_number is not None:
            row = measures.get_measure_row(session, team_id=team_id, number=measure_number)
            if row is None:
                return text_message(t(lang, "not_found", ref=f"MSR-{measure_number}"))
            prefill = {
                "project": row.project,
                "kind": "adhoc",
                "dept_ids": [row.department.id or 0],
                "topics": f"{row.measure.ref} {row.measure.text}"[:2000],
            }
            meta = {**meta, "measure": str(measure_number)}
    if not found:
        return text_message(t(lang, "need_projects"))
    view = meeting_modal(found, depts, lang=lang, meta=meta, today=deps.today(ws), **prefill)  # type: ignore[arg-type]
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


def submit_add_form(
    deps: Deps, *, team_id: str, user_id: str, values: Submitted, measure: int | None
) -> Added:
    """Store the meeting of a submitted form; :class:`FieldErrors` when it is wrong. The agenda
    is not sent here: the form is acknowledged first (``Added.agenda_due``)."""
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        errors: dict[str, str] = {}
        project = projects.get_project(session, team_id=team_id, number=int(values.text("project") or 0))
        if project is None:
            errors["project"] = t(lang, "field_project")
        kind = values.text("kind")
        if kind not in ("kickoff", "adhoc"):
            errors["kind"] = t(lang, "mtg.field_kind")
        starts_at = None
        try:
            day = date.fromisoformat(values.text("date"))
        except ValueError:
            errors["date"] = t(lang, "field_date")
        else:
            try:
                starts_at = _starts_at(ws, day, parse_hhmm(values.text("time")))
            except ValueError:
                errors["time"] = t(lang, "mtg.field_time")
            else:
                if starts_at <= deps.clock():
                    errors["time"] = t(lang, "mtg.field_past")
        dept_ids = [int(v) for v in values.items("depts")]
        depts = [
            d
            for d in (departments.get_department(session, team_id=team_id, department_id=i) for i in dept_ids)
            if d
        ]
        if project is not None and not dept_ids:
            depts = projects.project_departments(session, team_id=team_id, project_id=project.id or 0)
        if project is not None and not depts:
            errors["depts"] = t(lang, "field_depts")
        if errors or project is None or starts_at is None:
            raise FieldErrors(errors)
        measure_id = None
        if measure is not None:
            found = measures.get_measure(session, team_id=team_id, number=measure)
            measure_id = found.id if found is not None else None
        return _store(
            session,
            deps,
            ws,
            project=project,
            kind=kind,
            starts_at=starts_at,
            title=values.text("title"),
            depts=depts,
            topics=values.text("topics").splitlines(),
            user_id=user_id,
            measure_id=measure_id,
        )


def get(deps: Deps, *, team_id: str, number: int) -> Meeting | None:
    with deps.sessions() as session:
        return meetings.get_meeting(session, team_id=team_id, number=number)
