"""``/collab milestone add``, ``evaluate``, ``project close|reopen``, ``retro start|show``: read the
words, call the use case."""

from __future__ import annotations

from domain.command_text import Args, unescape_slack
from domain.errors import InputError
from domain.limits import NAME_LIMIT
from domain.values import RefKind, check_length, parse_date, parse_ref
from handlers.commands import Invocation, Subcommand
from handlers.commands.charter import one_ref
from handlers.commands.records import words
from services import milestones, practices, project_state, retros
from services.jobs.retros import send_invitations
from ui.blocks import Payload
from ui.usage import USAGE


def milestone_add(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["milestone add"]
    args = Args.parse(rest, allowed={"due"}, usage=usage)
    if len(args.positionals) < 2 or "due" not in args.options:
        raise InputError("cls.milestone_args", usage)
    number = parse_ref(args.positionals[0].value, kind=RefKind.PROJECT)
    name = check_length(words(args, 1), field="milestone", limit=NAME_LIMIT)
    if not name:
        raise InputError("cls.milestone_args", usage)
    return milestones.add(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        project_number=number,
        name=name,
        due=parse_date(args.require("due"), field="due"),
        usage=usage,
    )


def evaluate(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["evaluate"]
    args = Args.parse(rest, allowed=set(), usage=usage)
    if len(args.positionals) != 1:
        raise InputError("cls.eval_one_ref", usage)
    value = unescape_slack(args.positionals[0].value).strip()
    kind = RefKind.MILESTONE if value.upper().startswith("MLS") else RefKind.PROJECT
    number = parse_ref(value, kind=kind)
    return milestones.open_evaluation_form(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        kind="mls" if kind == RefKind.MILESTONE else "prj",
        number=number,
        trigger_id=inv.trigger_id,
        channel=inv.channel_id,
        usage=usage,
    )


def project_state_command(verb: str, *, closed: bool) -> Subcommand:
    def run(inv: Invocation, rest: str) -> Payload | None:
        usage = USAGE[verb]
        number = one_ref(Args.parse(rest, allowed=set(), usage=usage), RefKind.PROJECT, "chr.one_project")
        return project_state.set_closed(
            inv.deps, team_id=inv.team_id, user_id=inv.user_id, number=number, closed=closed, usage=usage
        )

    return run


project_close = project_state_command("project close", closed=True)
project_reopen = project_state_command("project reopen", closed=False)


def retro_start(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["retro start"]
    args = Args.parse(rest, allowed={"until"}, usage=usage)
    number = one_ref(args, RefKind.PROJECT, "chr.one_project")
    until = parse_date(args.require("until"), field="until") if "until" in args.options else None
    answer, retro_id = retros.start(
        inv.deps, team_id=inv.team_id, user_id=inv.user_id, number=number, until=until, usage=usage
    )
    if retro_id is not None:
        send_invitations(inv.deps, team_id=inv.team_id, retro_id=retro_id)
    return answer


def retro_show(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["retro show"]
    args = Args.parse(rest, allowed=set(), usage=usage)
    if len(args.positionals) != 1:
        raise InputError("ret.one_ref", usage)
    value = unescape_slack(args.positionals[0].value).strip()
    kind = RefKind.RETROSPECTIVE if value.upper().startswith("RET") else RefKind.PROJECT
    number = parse_ref(value, kind=kind)
    return retros.show(
        inv.deps,
        team_id=inv.team_id,
        kind="ret" if kind == RefKind.RETROSPECTIVE else "prj",
        number=number,
        usage=usage,
    )


def practice_library(inv: Invocation, rest: str) -> Payload | None:
    Args.parse(rest, allowed=set(), usage=USAGE["practices"])
    return practices.listing(inv.deps, team_id=inv.team_id)
