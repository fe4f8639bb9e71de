"""``/collab status|export|config``: read the words, call the use case."""

from __future__ import annotations

import holidays as holidays_lib

from domain.command_text import Args, unescape_slack
from domain.errors import InputError
from domain.meetings import MAX_AGENDA_DAYS
from domain.values import (
    RefKind,
    parse_int,
    parse_ref,
    parse_time_of_day,
    parse_timezone,
    parse_user,
    parse_users,
    parse_weekly,
)
from handlers.commands import Invocation
from services import export as export_service
from services import status as status_service
from services import workspace_settings
from ui.blocks import Payload
from ui.table import Format
from ui.usage import USAGE


def status(inv: Invocation, rest: str) -> Payload | None:
    args = Args.parse(rest, allowed=set(), usage=USAGE["status"])
    arg = unescape_slack(" ".join(tok.value for tok in args.positionals)).strip()
    raw = args.positionals[0].value if len(args.positionals) == 1 else ""
    if not arg or arg.lower() in ("me", "我", "mine"):
        scope = f"me:{inv.user_id}"
    elif raw.startswith("<@"):
        scope = f"user:{parse_user(raw)}"
    elif raw.upper().startswith("PRJ"):
        scope = f"prj:{parse_ref(raw, kind=RefKind.PROJECT)}"
    else:
        scope = f"dept:{arg}"
    return status_service.page(inv.deps, team_id=inv.team_id, scope=scope, page=1, lang=inv.lang)


def export(inv: Invocation, rest: str) -> Payload | None:
    args = Args.parse(rest, allowed=set(), usage=USAGE["export"])
    project_number: int | None = None
    fmt: Format = "xlsx"
    for tok in args.positionals:
        word = tok.value.strip().lower()
        if word in ("csv", "xlsx"):
            fmt = "csv" if word == "csv" else "xlsx"
        else:
            project_number = parse_ref(tok.value, kind=RefKind.PROJECT)
    return export_service.upload(
        inv.deps,
        team_id=inv.team_id,
        user_id=inv.user_id,
        channel_id=inv.channel_id,
        project_number=project_number,
        fmt=fmt,
    )


def config(inv: Invocation, rest: str) -> Payload | None:
    usage = USAGE["config"]
    allowed = {"tz", "lang", "sync", "nudge", "digest", "escalate_after", "holidays", "admins", "agenda_days"}
    args = Args.parse(rest, allowed=allowed, usage=usage)
    if args.positionals:
        words = unescape_slack(" ".join(tok.value for tok in args.positionals)).strip()
        raise InputError("not_a_setting", usage, words=words[:40])
    changes: dict[str, object] = {}
    opts = args.options
    if "tz" in opts:
        changes["timezone"] = parse_timezone(opts["tz"])
    if "lang" in opts:
        value = opts["lang"].strip().lower()
        if value not in ("en", "zh"):
            raise InputError("bad_lang", usage, value=unescape_slack(value)[:20])
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
    if "agenda_days" in opts:
        changes["agenda_days"] = parse_int(
            opts["agenda_days"], field="agenda_days", minimum=0, maximum=MAX_AGENDA_DAYS
        )
    if "holidays" in opts:
        code = opts["holidays"].strip().upper()
        if code in ("", "NONE", "OFF", "-"):
            changes["holidays_country"] = None
        elif code not in holidays_lib.list_supported_countries():
            raise InputError("bad_holidays", code=code[:10])
        else:
            changes["holidays_country"] = code
    if "admins" in opts:
        value = opts["admins"].strip()
        changes["admins"] = (
            "" if value.lower() in ("", "none") else ",".join(dict.fromkeys(parse_users(value)))
        )
    return workspace_settings.show_or_change(
        inv.deps, team_id=inv.team_id, user_id=inv.user_id, changes=changes
    )
