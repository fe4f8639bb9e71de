"""``/collab project show|set``, ``duty``, ``risk add|set``: read the words, call the use case."""

from __future__ import annotations

from domain.charter import parse_risk_status
from domain.command_text import Args, split_list, unescape_slack
from domain.errors import InputError
from domain.limits import NAME_LIMIT, TEXT_LIMIT
from domain.values import RefKind, check_length, parse_date, parse_ref, parse_user
from handlers.commands import Invocation
from handlers.commands.records import metric_options, text_option, unquoted, words
from services import charter, risks
from services.charter import ProjectChanges
from ui.blocks import Payload
from ui.usage import USAGE

PROJECT_KEYS = {"name", "goal", "due", "lead", "depts", "metric", "baseline", "target", "unit"}


def one_ref(args: Args, kind: RefKind, key: str) -> int:
    if len(args.positionals) != 1:
        raise InputError(key, args.usage)
    return parse_ref(args.positionals[0].value, kind=kind)


def project_show(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["project show"]
    number = one_ref(Args.parse(rest, allowed=set(), usage=usage), RefKind.PROJECT, "chr.one_project")
    return charter.show(inv.deps, team_id=inv.team_id, number=number, usage=usage)


def project_set(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["project set"]
    args = Args.parse(rest, allowed=PROJECT_KEYS, usage=usage)
    number = one_ref(args, RefKind.PROJECT, "chr.one_project")
    if not args.options:
        raise InputError("chr.nothing_to_set", usage)
    opts = args.options
    name = (
        check_length(unescape_slack(opts["name"]).strip(), field="project name", limit=NAME_LIMIT)
        if "name" in opts
        else None
    )
    if name == "":
        raise InputError("input.empty_option", usage, option="name", command=usage)
    goal = text_option(args.require("goal"), field="goal") if "goal" in opts else None
    changes = ProjectChanges(
        name=name,
        goal=goal,
        due=parse_date(opts["due"], field="due") if "due" in opts else None,
        lead=parse_user(opts["lead"], usage="lead=@user") if "lead" in opts else None,
        dept_names=split_list(unescape_slack(args.require("depts"))) if "depts" in opts else None,
        **metric_options(args),
    )
    return charter.set_project(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        number=number,
        changes=changes,
        usage=usage,
        unquoted=unquoted(args, "depts") if "depts" in opts else None,
    )


def duty(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["duty"]
    args = Args.parse(rest, allowed=set(), usage=usage)
    if len(args.positionals) < 3:
        raise InputError("chr.duty_args", usage)
    number = parse_ref(args.positionals[0].value, kind=RefKind.PROJECT)
    dept = unescape_slack(args.positionals[1].value).strip()
    text = check_length(words(args, 2), field="responsibility", limit=TEXT_LIMIT)
    if not text:
        raise InputError("chr.duty_args", usage)
    return charter.set_duty(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        number=number,
        dept_name=dept,
        text=text,
        usage=usage,
    )


def risk_add(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["risk add"]
    args = Args.parse(rest, allowed={"plan", "owner"}, usage=usage)
    if len(args.positionals) < 2:
        raise InputError("chr.risk_args", usage)
    number = parse_ref(args.positionals[0].value, kind=RefKind.PROJECT)
    text = check_length(words(args, 1), field="risk", limit=TEXT_LIMIT)
    if not text:
        raise InputError("chr.risk_args", usage)
    plan = text_option(args.require("plan"), field="plan")
    owner = parse_user(args.options["owner"], usage="owner=@user") if "owner" in args.options else ""
    return risks.add(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        number=number,
        text=text,
        plan=plan,
        owner=owner,
        usage=usage,
    )


def risk_set(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["risk set"]
    args = Args.parse(rest, allowed={"status", "plan", "owner"}, usage=usage)
    number = one_ref(args, RefKind.RISK, "chr.one_risk")
    opts = args.options
    if not opts:
        raise InputError("chr.risk_nothing_to_set", usage)
    return risks.update(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        number=number,
        usage=usage,
        status=parse_risk_status(unescape_slack(opts["status"])) if "status" in opts else None,
        plan=text_option(args.require("plan"), field="plan") if "plan" in opts else None,
        owner=parse_user(opts["owner"], usage="owner=@user") if "owner" in opts else None,
    )
