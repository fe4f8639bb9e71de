"""Parses ``/collab …`` and runs the subcommand. Each subcommand returns the private answer."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import holidays as holidays_lib
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers import modals
from handlers.blocks import (
    department_list,
    escape,
    help_message,
    measure_not_allowed,
    mention,
    not_allowed_message,
    project_list,
    status_report,
    text_message,
)
from handlers.common import (
    DEPT_NAME_LIMIT,
    NAME_LIMIT,
    TEXT_LIMIT,
    check_future,
    resolve_departments,
)
from handlers.deps import Deps
from handlers.parse import (
    Args,
    ParseError,
    check_length,
    parse_category,
    parse_channel,
    parse_date,
    parse_int,
    parse_ref,
    parse_status,
    parse_time_of_day,
    parse_timezone,
    parse_user,
    parse_users,
    parse_weekly,
    split_list,
    unescape_slack,
)
from handlers.texts import status_label, t
from services import export as export_service
from services.progress import refresh_prompts
from storage import departments, measures, problems, process_table, projects, workspaces
from storage.db import DuplicateError, transaction
from storage.models import Workspace

logger = logging.getLogger(__name__)

Reply = dict[str, Any] | None

USAGE = {
    "dept add": "/collab dept add <name> head=@user channel=#channel",
    "project add": '/collab project add "<name>" goal="<goal>" due=YYYY-MM-DD lead=@user depts=<dept>,<dept>',
    "problem add": '/collab problem add PRJ-n <category> "<description>" [cause="<root cause>"]',
    "measure add": '/collab measure add PRB-n owner=@user dept=<dept> due=YYYY-MM-DD "<text>" [deliverable="…"] [note="…"]',
    "measure set": '/collab measure set MSR-n [status=<status>] [due=YYYY-MM-DD] [owner=@user] [note="…"]',
    "status": "/collab status [me | PRJ-n | <dept> | @user]",
    "export": "/collab export [PRJ-n] [csv|xlsx]",
    "config": '/collab config [tz=<IANA zone>] [lang=en|zh] [sync="fri 17:00"] [nudge="09:30"] '
    '[digest="mon 09:00"] [escalate_after=<days>] [holidays=<country code, e.g. CN>] [admins=@user,…]',
}


@dataclass(frozen=True)
class Invocation:
    deps: Deps
    client: WebClient
    team_id: str
    user_id: str
    channel_id: str
    trigger_id: str
    text: str

    @property
    def meta(self) -> dict[str, str]:
        return {"channel": self.channel_id}


def dispatch(inv: Invocation, lang: str) -> Reply:
    words = inv.text.strip().split(None, 2)
    verb = words[0].lower() if words else "help"
    if verb in ("help", "?", "帮助"):
        return help_message(lang)
    if verb in ("status", "export", "config"):
        rest = inv.text.strip().split(None, 1)[1] if len(words) > 1 else ""
        return {"status": cmd_status, "export": cmd_export, "config": cmd_config}[verb](inv, lang, rest)
    subs: dict[tuple[str, str], Callable[[Invocation, str, str], Reply]] = {
        ("dept", "add"): cmd_dept_add,
        ("dept", "list"): cmd_dept_list,
        ("project", "add"): cmd_project_add,
        ("project", "list"): cmd_project_list,
        ("problem", "add"): cmd_problem_add,
        ("measure", "add"): cmd_measure_add,
        ("measure", "set"): cmd_measure_set,
    }
    if len(words) >= 2 and (verb, words[1].lower()) in subs:
        return subs[(verb, words[1].lower())](inv, lang, words[2] if len(words) > 2 else "")
    if verb in ("dept", "project", "problem", "measure"):
        options = sorted(f"{a} {b}" for a, b in subs if a == verb)
        raise ParseError(
            t(lang, "subcommand_needed", verb=verb, options=", ".join(options)), USAGE.get(options[0])
        )
    raise ParseError(t(lang, "unknown_subcommand", word=unescape_slack(verb)[:40]))


def _words(args: Args, start: int = 0) -> str:
    return unescape_slack(" ".join(tok.value for tok in args.positionals[start:])).strip()


def _text(value: str, *, field: str, limit: int = TEXT_LIMIT) -> str:
    return check_length(unescape_slack(value).strip(), field=field, limit=limit)


# ---------------------------------------------------------------- departments


def cmd_dept_add(inv: Invocation, lang: str, rest: str) -> Reply:
    usage = USAGE["dept add"]
    args = Args.parse(rest, allowed={"head", "channel"}, usage=usage)
    name = check_length(_words(args), field="department name", limit=DEPT_NAME_LIMIT)
    if not name:
        raise ParseError(t(lang, "missing_dept_name"), usage)
    head = parse_user(args.require("head"), usage="head=@user")
    channel = parse_channel(args.require("channel"))
    with transaction(inv.deps.sessions) as session:
        ws = inv.deps.workspace(session, inv.team_id)
        if not inv.deps.is_admin(inv.client, ws, inv.user_id):
            return not_allowed_message(lang, action="`/collab dept add`", who=t(lang, "who_admins"))
        try:
            dept = departments.add_department(
                session,
                team_id=inv.team_id,
                name=name,
                head_user_id=head,
                channel_id=channel,
                created_by=inv.user_id,
            )
        except DuplicateError:
            raise ParseError(t(lang, "dept_exists", name=name)) from None
    text = t(lang, "dept_added", name=escape(dept.name), head=mention(head), channel=f"<#{channel}>")
    if not _join(inv.client, channel):
        text += "\n" + t(lang, "dept_invite", channel=f"<#{channel}>")
    return text_message(text)


def _join(client: WebClient, channel: str) -> bool:
    """Join the department channel, so the bot sees the replies to its sync prompts there.
    ``False``: it cannot join by itself (a private channel) and must be invited."""
    try:
        client.conversations_join(channel=channel)
        return True
    except SlackApiError as e:
        logger.info("could not join %s: %s", channel, e.response.get("error"))
        return False


def cmd_dept_list(inv: Invocation, lang: str, rest: str) -> Reply:
    with inv.deps.sessions() as session:
        return department_list(departments.list_departments(session, team_id=inv.team_id), lang=lang)


# ---------------------------------------------------------------- projects


def cmd_project_add(inv: Invocation, lang: str, rest: str) -> Reply:
    if not rest.strip():
        return open_project_modal(inv, lang)
    usage = USAGE["project add"]
    args = Args.parse(rest, allowed={"goal", "due", "lead", "depts"}, usage=usage)
    name = check_length(_words(args), field="project name", limit=NAME_LIMIT)
    if not name:
        raise ParseError(t(lang, "missing_project_name"), usage)
    goal = _text(args.require("goal"), field="goal")
    due = parse_date(args.require("due"), field="due")
    lead = parse_user(args.require("lead"), usage="lead=@user")
    dept_names = split_list(unescape_slack(args.require("depts")))
    with transaction(inv.deps.sessions) as session:
        ws = inv.deps.workspace(session, inv.team_id)
        check_future(due, today=inv.deps.today(ws), lang=lang)
        depts = resolve_departments(
            session, team_id=inv.team_id, names=dept_names, lang=lang, written_as=(args, "depts")
        )
        project = projects.add_project(
            session,
            team_id=inv.team_id,
            name=name,
            goal=goal,
            due=due,
            lead_user_id=lead,
            department_ids=[d.id for d in depts if d.id is not None],
            created_by=inv.user_id,
        )
    return text_message(t(lang, "project_added", ref=project.ref, name=escape(project.name)))


def open_project_modal(inv: Invocation, lang: str) -> Reply:
    with inv.deps.sessions() as session:
        # one more than a static select holds: with more, the form searches them instead
        depts = departments.list_departments(session, team_id=inv.team_id, limit=modals.MAX_OPTIONS + 1)
    if not depts:
        return text_message(t(lang, "need_departments"))
    view = modals.project_modal(depts, lang=lang, lead=inv.user_id, meta=inv.meta)
    return _open(inv, lang, view)


def _open(inv: Invocation, lang: str, view: dict[str, Any]) -> Reply:
    try:
        inv.client.views_open(trigger_id=inv.trigger_id, view=view)
    except SlackApiError as e:
        logger.exception("views.open failed")
        return text_message(t(lang, "form_failed", error=e.response.get("error")))
    return None


def cmd_project_list(inv: Invocation, lang: str, rest: str) -> Reply:
    with inv.deps.sessions() as session:
        ws = inv.deps.workspace(session, inv.team_id)
        return project_list(
            projects.list_projects(session, team_id=inv.team_id), lang=lang, today=inv.deps.today(ws)
        )


# ---------------------------------------------------------------- problems


def cmd_problem_add(inv: Invocation, lang: str, rest: str) -> Reply:
    if not rest.strip():
        return open_problem_modal(inv, lang)
    usage = USAGE["problem add"]
    args = Args.parse(rest, allowed={"cause"}, usage=usage)
    if len(args.positionals) < 3:
        raise ParseError(t(lang, "problem_add_args"), usage)
    number = parse_ref(args.positionals[0].value, kind="PRJ")
    category = parse_category(unescape_slack(args.positionals[1].value))
    description = check_length(_words(args, 2), field="description", limit=TEXT_LIMIT)
    cause = _text(args.get("cause") or "", field="cause")
    with transaction(inv.deps.sessions) as session:
        project = projects.get_project(session, team_id=inv.team_id, number=number)
        if project is None:
            raise ParseError(t(lang, "not_found", ref=f"PRJ-{number}"), "/collab project list")
        problem = problems.add_problem(
            session,
            team_id=inv.team_id,
            project=project,
            category=category,
            description=description,
            root_cause=cause,
            created_by=inv.user_id,
        )
    return text_message(
        t(
            lang,
            "problem_added",
            ref=problem.ref,
            project=project.ref,
            description=escape(problem.description),
        )
    )


def open_problem_modal(inv: Invocation, lang: str) -> Reply:
    with inv.deps.sessions() as session:
        found = projects.search_projects(session, team_id=inv.team_id, text="", limit=modals.MAX_OPTIONS + 1)
    if not found:
        return text_message(t(lang, "need_projects"))
    return _open(inv, lang, modals.problem_modal(found, lang=lang, meta=inv.meta))


# ---------------------------------------------------------------- measures


def cmd_measure_add(inv: Invocation, lang: str, rest: str) -> Reply:
    if not rest.strip():
        return open_measure_modal(inv, lang)
    usage = USAGE["measure add"]
    args = Args.parse(rest, allowed={"owner", "dept", "due", "deliverable", "note"}, usage=usage)
    if not args.positionals:
        raise ParseError(t(lang, "measure_add_args"), usage)
    number = parse_ref(args.positionals[0].value, kind="PRB")
    text = check_length(_words(args, 1), field="measure text", limit=TEXT_LIMIT)
    if not text:
        raise ParseError(t(lang, "missing_measure_text"), usage)
    owner = parse_user(args.require("owner"))
    dept_name = unescape_slack(args.require("dept")).strip()
    due = parse_date(args.require("due"), field="due")
    deliverable = _text(args.get("deliverable") or "", field="deliverable")
    note = _text(args.get("note") or "", field="note")
    with transaction(inv.deps.sessions) as session:
        ws = inv.deps.workspace(session, inv.team_id)
        check_future(due, today=inv.deps.today(ws), lang=lang)
        problem = problems.get_problem(session, team_id=inv.team_id, number=number)
        if problem is None:
            raise ParseError(t(lang, "not_found", ref=f"PRB-{number}"), usage)
        [dept] = resolve_departments(
            session, team_id=inv.team_id, names=[dept_name], lang=lang, written_as=(args, "dept")
        )
        measure = measures.add_measure(
            session,
            team_id=inv.team_id,
            problem=problem,
            department=dept,
            owner_user_id=owner,
            due=due,
            text=text,
            deliverable=deliverable,
            note=note,
            created_by=inv.user_id,
            source="command",
            now=inv.deps.clock(),
        )
    return text_message(
        t(
            lang,
            "measure_added",
            ref=measure.ref,
            problem=problem.ref,
            owner=mention(owner),
            due=due.isoformat(),
        )
    )


def open_measure_modal(inv: Invocation, lang: str) -> Reply:
    with inv.deps.sessions() as session:
        depts = departments.list_departments(session, team_id=inv.team_id, limit=modals.MAX_OPTIONS + 1)
        found_problems = problems.search_problems(
            session, team_id=inv.team_id, text="", limit=modals.MAX_OPTIONS + 1
        )
    if not depts:
        return text_message(t(lang, "need_departments"))
    if not found_problems:
        return text_message(t(lang, "need_problems"))
    return _open(inv, lang, modals.measure_modal(found_problems, depts, lang=lang, meta=inv.meta))


def cmd_measure_set(inv: Invocation, lang: str, rest: str) -> Reply:
    usage = USAGE["measure set"]
    args = Args.parse(rest, allowed={"status", "due", "owner", "note"}, usage=usage)
    if len(args.positionals) != 1:
        raise ParseError(t(lang, "one_measure_ref"), usage)
    number = parse_ref(args.positionals[0].value, kind="MSR")
    if not args.options:
        raise ParseError(t(lang, "nothing_to_change"), usage)
    status = parse_status(unescape_slack(args.options["status"])) if "status" in args.options else None
    due = parse_date(args.options["due"], field="due") if "due" in args.options else None
    owner = parse_user(args.options["owner"]) if "owner" in args.options else None
    note = _text(args.options["note"], field="note") if "note" in args.options else None
    with transaction(inv.deps.sessions) as session:
        ws = inv.deps.workspace(session, inv.team_id)
        measure = measures.get_measure(session, team_id=inv.team_id, number=number)
        if measure is None:
            raise ParseError(t(lang, "not_found", ref=f"MSR-{number}"), usage)
        if not inv.deps.can_change_measure(inv.client, session, ws, measure, inv.user_id):
            return measure_not_allowed(lang, measure.ref)
        if due is not None and due != measure.due:
            check_future(due, today=inv.deps.today(ws), lang=lang)
        changes = measures.update_measure(
            session,
            team_id=inv.team_id,
            measure=measure,
            actor_user_id=inv.user_id,
            source="command",
            now=inv.deps.clock(),
            status=status,
            due=due,
            owner_user_id=owner,
            note=note,
        )
    if not changes:
        return text_message(t(lang, "measure_unchanged", ref=measure.ref))
    refresh_prompts(inv.deps, inv.client, team_id=inv.team_id, measure_ids=[measure.id or 0])
    return text_message(t(lang, "measure_updated", ref=measure.ref, changes=describe_changes(changes, lang)))


def describe_changes(changes: list[measures.MeasureChange], lang: str) -> str:
    parts = []
    for c in changes:
        if c.field == "status":
            parts.append(
                f"{status_label(c.from_value or '', lang)} → *{status_label(c.to_value or '', lang)}*"
            )
        elif c.field == "owner":
            parts.append(f"{mention(c.from_value or '')} → {mention(c.to_value or '')}")
        elif c.field == "note":
            parts.append(t(lang, "change_note", note=escape(c.to_value or "")))
        else:  # due
            parts.append(t(lang, "change_due", old=c.from_value, new=c.to_value))
    return " · ".join(parts)


# ---------------------------------------------------------------- status


def cmd_status(inv: Invocation, lang: str, rest: str) -> Reply:
    args = Args.parse(rest, allowed=set(), usage=USAGE["status"])
    arg = _words(args) if args.positionals else ""
    raw = args.positionals[0].value if len(args.positionals) == 1 else ""
    if not arg or arg.lower() in ("me", "我", "mine"):
        scope = f"me:{inv.user_id}"
    elif raw.startswith("<@"):
        scope = f"user:{parse_user(raw)}"
    elif raw.upper().startswith("PRJ"):
        scope = f"prj:{parse_ref(raw, kind='PRJ')}"
    else:
        scope = f"dept:{arg}"
    return status_page(inv.deps, inv.client, team_id=inv.team_id, scope=scope, page=1, lang=lang)


def status_page(
    deps: Deps, client: WebClient, *, team_id: str, scope: str, page: int, lang: str
) -> dict[str, Any]:
    """Run a status query (``scope`` as encoded in the paging buttons) and build one page."""
    kind, _, value = scope.partition(":")
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        today = deps.today(ws)
        if kind in ("me", "user"):
            rows = measures.measure_rows(session, team_id=team_id, owner_user_id=value)
            name = deps.users.display_name(client, team_id=team_id, user_id=value)
            title = t(lang, "scope_me") if kind == "me" else f"@{name}"
        elif kind == "prj":
            project = projects.get_project(session, team_id=team_id, number=int(value))
            if project is None:
                raise ParseError(t(lang, "not_found", ref=f"PRJ-{value}"), USAGE["status"])
            rows = measures.measure_rows(session, team_id=team_id, project_id=project.id)
            title = f"{project.ref} {project.name}"
        else:
            [dept] = resolve_departments(session, team_id=team_id, names=[value], lang=lang)
            rows = measures.measure_rows(session, team_id=team_id, department_id=dept.id)
            title = dept.name
    rows.sort(key=lambda r: (r.measure.status == "done", r.measure.due, r.measure.number))
    return status_report(rows, scope=title, lang=lang, today=today, page=page, nav_value=scope[:1900])


# ---------------------------------------------------------------- export


def cmd_export(inv: Invocation, lang: str, rest: str) -> Reply:
    args = Args.parse(rest, allowed=set(), usage=USAGE["export"])
    project_number: int | None = None
    fmt: export_service.Format = "xlsx"
    for tok in args.positionals:
        word = tok.value.strip().lower()
        if word in ("csv", "xlsx"):
            fmt = "csv" if word == "csv" else "xlsx"
        else:
            project_number = parse_ref(tok.value, kind="PRJ")
    with inv.deps.sessions() as session:
        ws = inv.deps.workspace(session, inv.team_id)
        project_id = None
        scope = t(lang, "all_projects")
        if project_number is not None:
            project = projects.get_project(session, team_id=inv.team_id, number=project_number)
            if project is None:
                raise ParseError(t(lang, "not_found", ref=f"PRJ-{project_number}"), USAGE["export"])
            project_id = project.id
            scope = f"{project.ref} {project.name}"
        rows = process_table.export_rows(session, team_id=inv.team_id, project_id=project_id)
        today = inv.deps.today(ws)

    def name_of(user_id: str) -> str:
        return inv.deps.users.display_name(inv.client, team_id=inv.team_id, user_id=user_id)

    content = export_service.render(rows, fmt=fmt, lang=lang, name_of=name_of, title=scope)
    filename = export_service.filename(
        scope=f"PRJ-{project_number}" if project_number else "all", fmt=fmt, today=today
    )
    comment = t(lang, "export_done", rows=len(rows), scope=escape(scope))
    try:
        inv.client.files_upload_v2(
            channel=inv.channel_id,
            filename=filename,
            content=content,
            title=filename,
            initial_comment=comment,
        )
        return None
    except SlackApiError as e:
        logger.info("export upload to %s failed (%s); trying a DM", inv.channel_id, e.response.get("error"))
    try:
        dm = inv.client.conversations_open(users=inv.user_id)["channel"]["id"]
        inv.client.files_upload_v2(
            channel=dm, filename=filename, content=content, title=filename, initial_comment=comment
        )
        return text_message(t(lang, "export_dm"))
    except SlackApiError as e:
        logger.exception("export upload failed")
        return text_message(t(lang, "export_failed", error=e.response.get("error")))


# ---------------------------------------------------------------- config


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def describe_config(ws: Workspace, lang: str) -> dict[str, Any]:
    admins = ", ".join(mention(a) for a in ws.admin_ids) or "—"
    lines = [
        f"*{t(lang, 'config_title')}*",
        f"• tz = `{ws.timezone}`",
        f"• lang = `{ws.lang}`",
        f'• sync = `"{_WEEKDAYS[ws.sync_weekday]} {ws.sync_time}"`',
        f'• nudge = `"{ws.nudge_time}"` {t(lang, "config_weekdays")}',
        f'• digest = `"{_WEEKDAYS[ws.digest_weekday]} {ws.digest_time}"`',
        f"• escalate_after = `{ws.escalate_after}` {t(lang, 'config_days')}",
        f"• holidays = `{ws.holidays_country or 'none'}`",
        f"• admins = {admins}",
    ]
    return text_message("\n".join(lines))


def cmd_config(inv: Invocation, lang: str, rest: str) -> Reply:
    usage = USAGE["config"]
    allowed = {"tz", "lang", "sync", "nudge", "digest", "escalate_after", "holidays", "admins"}
    args = Args.parse(rest, allowed=allowed, usage=usage)
    if args.positionals:
        raise ParseError(t(lang, "not_a_setting", words=_words(args)[:40]), usage)
    changes: dict[str, object] = {}
    opts = args.options
    if "tz" in opts:
        changes["timezone"] = parse_timezone(opts["tz"])
    if "lang" in opts:
        value = opts["lang"].strip().lower()
        if value not in ("en", "zh"):
            raise ParseError(t(lang, "bad_lang", value=unescape_slack(value)[:20]), usage)
        changes["lang"] = value
    if "sync" in opts:
        day, at = parse_weekly(opts["sync"], key="sync")
        changes.update(sync_weekday=day, sync_time=at.strftime("%H:%M"))
    if "digest" in opts:
        day, at = parse_weekly(opts["digest"], key="digest")
        changes.update(digest_weekday=day, digest_time=at.strftime("%H:%M"))
    if "nudge" in opts:
        changes["nudge_time"] = parse_time_of_day(opts["nudge"], key="nudge").strftime("%H:%M")
    if "escalate_after" in opts:
        changes["escalate_after"] = parse_int(
            opts["escalate_after"], field="escalate_after", minimum=0, maximum=60
        )
    if "holidays" in opts:
        code = opts["holidays"].strip().upper()
        if code in ("", "NONE", "OFF", "-"):
            changes["holidays_country"] = None
        elif code not in holidays_lib.list_supported_countries():
            raise ParseError(t(lang, "bad_holidays", code=code[:10]))
        else:
            changes["holidays_country"] = code
    if "admins" in opts:
        value = opts["admins"].strip()
        changes["admins"] = (
            "" if value.lower() in ("", "none") else ",".join(dict.fromkeys(parse_users(value)))
        )
    with transaction(inv.deps.sessions) as session:
        ws = inv.deps.workspace(session, inv.team_id)
        if not changes:
            return describe_config(ws, lang)
        if not inv.deps.is_admin(inv.client, ws, inv.user_id):
            return not_allowed_message(lang, action="`/collab config`", who=t(lang, "who_admins"))
        ws = workspaces.update_workspace(session, team_id=inv.team_id, now=inv.deps.clock(), **changes)
        new_lang = ws.lang
        reply = describe_config(ws, new_lang)
    reply["text"] = t(new_lang, "config_saved") + "\n" + reply["text"]
    reply["blocks"][0]["text"]["text"] = reply["text"]
    return reply
