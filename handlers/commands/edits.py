"""``/collab dept set|archive|restore``, ``/collab problem set``: read the words, call the use case."""

from __future__ import annotations

from domain.command_text import Args, unescape_slack
from domain.errors import InputError
from domain.limits import DEPT_NAME_LIMIT
from domain.values import RefKind, parse_channel, parse_ref, parse_user
from domain.vocabulary import parse_category
from handlers.commands import Invocation
from handlers.commands.records import required_text, text_option, words
from services import departments, problems
from ui.blocks import Payload
from ui.usage import USAGE


def dept_name(args: Args, usage: str) -> str:
    name = words(args)
    if not name:
        raise InputError("missing_dept_name", usage)
    return name


def dept_set(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["dept set"]
    args = Args.parse(rest, allowed={"name", "head", "channel"}, usage=usage)
    name = dept_name(args, usage)
    if not args.options:
        raise InputError("edit.dept_nothing", usage)
    head = args.get("head")
    channel = args.get("channel")
    return departments.change(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        name=name,
        usage=usage,
        new_name=required_text(args, "name", field="department name", limit=DEPT_NAME_LIMIT),
        head=parse_user(head, usage="head=@user") if head is not None else None,
        channel=parse_channel(channel) if channel is not None else None,
    )


def _archive(inv: Invocation, rest: str, *, archived: bool) -> Payload | None:
    usage = USAGE["dept archive" if archived else "dept restore"]
    args = Args.parse(rest, allowed=set(), usage=usage)
    return departments.archive(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        name=dept_name(args, usage),
        archived=archived,
        usage=usage,
    )


def dept_archive(inv: Invocation, rest: str) -> Payload | None:
    return _archive(inv, rest, archived=True)


def dept_restore(inv: Invocation, rest: str) -> Payload | None:
    return _archive(inv, rest, archived=False)


def problem_set(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["problem set"]
    args = Args.parse(rest, allowed={"category", "cause", "text"}, usage=usage)
    if len(args.positionals) != 1:
        raise InputError("edit.one_problem_ref", usage)
    number = parse_ref(args.positionals[0].value, kind=RefKind.PROBLEM)
    if not args.options:
        raise InputError("edit.problem_nothing", usage)
    category = args.get("category")
    cause = args.get("cause")
    return problems.change(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        number=number,
        usage=usage,
        category=parse_category(unescape_slack(category)) if category is not None else None,
        cause=text_option(cause, field="cause") if cause is not None else None,
        text=required_text(args, "text", field="description"),
    )
