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


def record_or_project(rest: str, record: RefKind, *, usage: str, key: str) -> tuple[str, int]:
    """One reference, of ``record``'s kind or a project's: (``"mls"``/``"ret"`` or ``"prj"``, number)."""
    args = Args.parse(rest, allowed=set(), usage=usage)
    if len(args.positionals) != 1:
        raise InputError(key, usage)
    value = unescape_slack(args.positionals[0].value).strip()
    kind = record if value.upper().startswith(record.value) else RefKind.PROJECT
    return ("prj" if kind == RefKind.PROJECT else record.value.lower()), parse_ref(value, kind=kind)


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
    kind, number = record_or_project(rest, RefKind.MILESTONE, usage=usage, key="cls.eval_one_ref")
    return milestones.open_evaluation_form(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        kind=kind,
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
    kind, number = record_or_project(rest, RefKind.RETROSPECTIVE, usage=usage, key="ret.one_ref")
    return retros.show(
        inv.deps,
        team_id=inv.team_id,
        kind=kind,
        number=number,
        usage=usage,
    )


def practice_library(inv: Invocation, rest: str) -> Payload | None:
    Args.parse(rest, allowed=set(), usage=USAGE["practices"])
    return practices.listing(inv.deps, team_id=inv.team_id)
