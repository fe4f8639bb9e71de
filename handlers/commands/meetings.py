"""``/collab meeting add|list|minutes`` and ``change add|list``: read the words, call the use case."""

from __future__ import annotations

import re

from domain.command_text import Args, split_list, unescape_slack
from domain.errors import InputError
from domain.limits import NAME_LIMIT, TEXT_LIMIT
from domain.meetings import parse_meeting_kind, parse_meeting_time
from domain.values import RefKind, check_length, parse_date, parse_ref
from handlers.commands import Invocation
from handlers.commands.charter import one_ref
from handlers.commands.records import text_option, unquoted, words
from services import change_requests, meetings, minutes
from ui.blocks import Payload
from ui.usage import USAGE


def optional_project(args: Args) -> int | None:
    if not args.positionals:
        return None
    return one_ref(args, RefKind.PROJECT, "chr.one_project")


def meeting_add(inv: Invocation, rest: str) -> Payload | None:
    if not rest.strip():
        return meetings.open_add_form(
            inv.deps, team_id=inv.team_id, trigger_id=inv.trigger_id, meta=inv.meta, lang=inv.lang
        )
    usage = USAGE["meeting add"]
    args = Args.parse(rest, allowed={"at", "depts", "topics"}, usage=usage)
    if len(args.positionals) < 2:
        raise InputError("mtg.add_args", usage)
    number = parse_ref(args.positionals[0].value, kind=RefKind.PROJECT)
    kind = parse_meeting_kind(unescape_slack(args.positionals[1].value))
    day, at = parse_meeting_time(args.require("at"))
    title = check_length(words(args, 2), field="title", limit=NAME_LIMIT)
    depts = split_list(unescape_slack(args.require("depts"))) if "depts" in args.options else None
    topics_text = text_option(args.get("topics") or "", field="topics", limit=TEXT_LIMIT)
    topics = [x.strip() for x in re.split("[;；\n]", topics_text) if x.strip()]
    return meetings.add(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        project_number=number,
        kind=kind.value,
        day=day,
        at=at,
        title=title,
        dept_names=depts,
        topics=topics,
        usage=usage,
        unquoted=unquoted(args, "depts") if depts is not None else None,
    )


def meeting_list(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["meeting list"]
    number = optional_project(Args.parse(rest, allowed=set(), usage=usage))
    return meetings.listing(inv.deps, team_id=inv.team_id, project_number=number, usage=usage)


def meeting_minutes(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["meeting minutes"]
    number = one_ref(Args.parse(rest, allowed=set(), usage=usage), RefKind.MEETING, "mtg.one_meeting")
    return minutes.open_minutes_form(
        inv.deps,
        team_id=inv.team_id,
        number=number,
        trigger_id=inv.trigger_id,
        channel=inv.channel_id,
        usage=usage,
    )


def change_add(inv: Invocation, rest: str) -> Payload | None:
    if not rest.strip():
        return change_requests.open_add_form(
            inv.deps, team_id=inv.team_id, trigger_id=inv.trigger_id, meta=inv.meta, lang=inv.lang
        )
    usage = USAGE["change add"]
    args = Args.parse(rest, allowed={"impact", "dept", "measure", "due"}, usage=usage)
    if len(args.positionals) < 2:
        raise InputError("chg.add_args", usage)
    number = parse_ref(args.positionals[0].value, kind=RefKind.PROJECT)
    text = check_length(words(args, 1), field="description", limit=TEXT_LIMIT)
    if not text:
        raise InputError("chg.add_args", usage)
    impact = text_option(args.require("impact"), field="impact")
    dept = unescape_slack(args.require("dept")).strip()
    opts = args.options
    measure = parse_ref(opts["measure"], kind=RefKind.MEASURE) if "measure" in opts else None
    due = parse_date(opts["due"], field="due") if "due" in opts else None
    filed = change_requests.add(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        project_number=number,
        text=text,
        impact=impact,
        dept_name=dept,
        measure_number=measure,
        due=due,
        channel=inv.channel_id,
        usage=usage,
        unquoted=unquoted(args, "dept"),
    )
    change_requests.announce(inv.deps, team_id=inv.team_id, proposal=filed, tell_requester=False)
    return filed.sent


def change_list(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["change list"]
    number = optional_project(Args.parse(rest, allowed=set(), usage=usage))
    return change_requests.listing(inv.deps, team_id=inv.team_id, project_number=number, usage=usage)
