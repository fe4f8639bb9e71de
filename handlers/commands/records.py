"""``/collab dept|project|problem|measure …``: read the words, call the use case."""

from __future__ import annotations

from typing import Any

from domain.command_text import Args, split_list, unescape_slack
from domain.errors import InputError
from domain.limits import DEPT_NAME_LIMIT, NAME_LIMIT, TEXT_LIMIT
from domain.values import (
    RefKind,
    check_length,
    parse_channel,
    parse_date,
    parse_number,
    parse_ref,
    parse_user,
)
from domain.vocabulary import parse_category, parse_status
from handlers.commands import Invocation
from services import departments, measures, problems, projects
from ui.blocks import Payload
from ui.usage import USAGE


def words(args: Args, start: int = 0) -> str:
    return unescape_slack(" ".join(tok.value for tok in args.positionals[start:])).strip()


def text_option(value: str, *, field: str, limit: int = TEXT_LIMIT) -> str:
    return check_length(unescape_slack(value).strip(), field=field, limit=limit)


def unquoted(args: Args, key: str) -> tuple[str, str, list[str]]:
    """How an option was written, to catch an unquoted name with spaces (``dept=Sales Ops``)."""
    return key, args.get(key) or "", args.unquoted_words_after(key)


def dept_add(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["dept add"]
    args = Args.parse(rest, allowed={"head", "channel"}, usage=usage)
    name = check_length(words(args), field="department name", limit=DEPT_NAME_LIMIT)
    if not name:
        raise InputError("missing_dept_name", usage)
    head = parse_user(args.require("head"), usage="head=@user")
    channel = parse_channel(args.require("channel"))
    return departments.add(
        inv.deps, team_id=inv.team_id, user_id=inv.user_id, name=name, head=head, channel=channel
    )


def dept_list(inv: Invocation, rest: str) -> Payload | None:
    return departments.listing(inv.deps, team_id=inv.team_id, lang=inv.lang)


def project_add(inv: Invocation, rest: str) -> Payload | None:
    if not rest.strip():
        return projects.open_add_form(
            inv.deps,
            team_id=inv.team_id,
            user_id=inv.user_id,
            trigger_id=inv.trigger_id,
            meta=inv.meta,
            lang=inv.lang,
        )
    usage = USAGE["project add"]
    args = Args.parse(
        rest, allowed={"goal", "due", "lead", "depts", "metric", "baseline", "target", "unit"}, usage=usage
    )
    name = check_length(words(args), field="project name", limit=NAME_LIMIT)
    if not name:
        raise InputError("missing_project_name", usage)
    goal = text_option(args.require("goal"), field="goal")
    due = parse_date(args.require("due"), field="due")
    lead = parse_user(args.require("lead"), usage="lead=@user")
    dept_names = split_list(unescape_slack(args.require("depts")))
    return projects.add(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        name=name,
        goal=goal,
        due=due,
        lead=lead,
        dept_names=dept_names,
        unquoted=unquoted(args, "depts"),
        usage=usage,
        **metric_options(args),
    )


def metric_options(args: Args) -> dict[str, Any]:
    """``metric=``, ``baseline=``, ``target=``, ``unit=`` as given (absent ones left out)."""
    opts = args.options
    out: dict[str, Any] = {}
    if "metric" in opts:
        out["metric"] = text_option(opts["metric"], field="metric", limit=200)
    for key in ("baseline", "target"):
        if key in opts:
            out[key] = parse_number(opts[key], field=key)
    if "unit" in opts:
        out["unit"] = text_option(opts["unit"], field="unit", limit=20)
    return out


def project_list(inv: Invocation, rest: str) -> Payload | None:
    return projects.listing(inv.deps, team_id=inv.team_id)


def problem_add(inv: Invocation, rest: str) -> Payload | None:
    if not rest.strip():
        return problems.open_add_form(
            inv.deps, team_id=inv.team_id, trigger_id=inv.trigger_id, meta=inv.meta, lang=inv.lang
        )
    usage = USAGE["problem add"]
    args = Args.parse(rest, allowed={"cause"}, usage=usage)
    if len(args.positionals) < 3:
        raise InputError("problem_add_args", usage)
    number = parse_ref(args.positionals[0].value, kind=RefKind.PROJECT)
    category = parse_category(unescape_slack(args.positionals[1].value))
    description = check_length(words(args, 2), field="description", limit=TEXT_LIMIT)
    cause = text_option(args.get("cause") or "", field="cause")
    return problems.add(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        project_number=number,
        category=category,
        description=description,
        cause=cause,
    )


def measure_add(inv: Invocation, rest: str) -> Payload | None:
    if not rest.strip():
        return measures.open_add_form(
            inv.deps, team_id=inv.team_id, trigger_id=inv.trigger_id, meta=inv.meta, lang=inv.lang
        )
    usage = USAGE["measure add"]
    args = Args.parse(rest, allowed={"owner", "dept", "due", "deliverable", "note"}, usage=usage)
    if not args.positionals:
        raise InputError("measure_add_args", usage)
    number = parse_ref(args.positionals[0].value, kind=RefKind.PROBLEM)
    text = check_length(words(args, 1), field="measure text", limit=TEXT_LIMIT)
    if not text:
        raise InputError("missing_measure_text", usage)
    owner = parse_user(args.require("owner"))
    dept_name = unescape_slack(args.require("dept")).strip()
    due = parse_date(args.require("due"), field="due")
    return measures.add(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        problem_number=number,
        text=text,
        owner=owner,
        dept_name=dept_name,
        due=due,
        deliverable=text_option(args.get("deliverable") or "", field="deliverable"),
        note=text_option(args.get("note") or "", field="note"),
        unquoted=unquoted(args, "dept"),
        usage=usage,
    )


def measure_set(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["measure set"]
    args = Args.parse(
        rest, allowed={"status", "due", "owner", "note", "text", "deliverable", "dept"}, usage=usage
    )
    if len(args.positionals) != 1:
        raise InputError("one_measure_ref", usage)
    number = parse_ref(args.positionals[0].value, kind=RefKind.MEASURE)
    if not args.options:
        raise InputError("nothing_to_change", usage)
    opts = args.options
    return measures.update(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        number=number,
        usage=usage,
        status=parse_status(unescape_slack(opts["status"])) if "status" in opts else None,
        due=parse_date(opts["due"], field="due") if "due" in opts else None,
        owner=parse_user(opts["owner"]) if "owner" in opts else None,
        note=text_option(opts["note"], field="note") if "note" in opts else None,
        text=required_text(args, "text", field="measure text"),
        deliverable=text_option(opts["deliverable"], field="deliverable") if "deliverable" in opts else None,
        dept_name=unescape_slack(args.require("dept")).strip() if "dept" in opts else None,
    )


def required_text(args: Args, key: str, *, field: str, limit: int = TEXT_LIMIT) -> str | None:
    """An option that, when given, may not be empty (a name, a text): ``None`` when not given."""
    raw = args.get(key)
    if raw is None:
        return None
    value = text_option(raw, field=field, limit=limit)
    if not value:
        raise InputError("edit.empty", args.usage, option=key)
    return value
