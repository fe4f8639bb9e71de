"""Exporting the improvement process table (改进流程表): to a file (the CLI) or uploaded to
Slack (``/collab export``)."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from domain.errors import InputError
from services.deps import Deps
from slack_api.gateway import Gateway, SlackError
from storage import process_table, projects
from storage.workbook import workbook_data
from ui import table, workbook
from ui.blocks import Payload, escape, text_message
from ui.catalogue import t
from ui.usage import USAGE as _USAGE

logger = logging.getLogger(__name__)

USAGE = _USAGE["export"]


@dataclass(frozen=True)
class Exported:
    rows: int
    scope: str  # "PRJ-3 name", or "all projects" in the workspace's language
    filename: str


def build(
    deps: Deps,
    *,
    team_id: str,
    project_number: int | None,
    fmt: table.Format,
    slack: Gateway | None,
    out: Path,
) -> Exported:
    """Write the table to ``out``, streaming it from the database; owners by display name when
    ``slack`` is given (one paged ``users.list``, asked before the database is read), else by
    user id."""
    name_of = deps.users.names(slack)
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        project_id = None
        scope = t(lang, "all_projects")
        if project_number is not None:
            project = projects.get_project(session, team_id=team_id, number=project_number)
            if project is None:
                raise InputError("not_found", USAGE, ref=f"PRJ-{project_number}")
            project_id = project.id
            scope = f"{project.ref} {project.name}"
        today = deps.today(ws)
        tz = ZoneInfo(ws.timezone)
        # the workbook's other sheets (XLSX only; CSV stays the nine-column table)
        sheets = (
            workbook_data(session, team_id=team_id, project_id=project_id, tz=tz) if fmt == "xlsx" else None
        )
        extend = (
            partial(workbook.append_sheets, data=sheets, lang=lang, name_of=name_of, tz=tz)
            if sheets is not None
            else None
        )
        rows = process_table.table_rows(session, team_id=team_id, project_id=project_id)
        count = table.write(rows, out, fmt=fmt, lang=lang, name_of=name_of, title=scope, extend=extend)
    filename = table.filename(
        scope=f"PRJ-{project_number}" if project_number else "all", fmt=fmt, today=today
    )
    return Exported(rows=count, scope=scope, filename=filename)


def upload(
    deps: Deps, *, team_id: str, user_id: str, channel_id: str, project_number: int | None, fmt: table.Format
) -> Payload | None:
    """Upload the table to the channel, else to the person by DM; ``None`` when it went to the
    channel, else the private answer."""
    slack = deps.slack_for(team_id)
    lang = deps.settings_of(team_id).lang
    with tempfile.TemporaryDirectory(prefix="collab-export-") as tmp:
        out = Path(tmp) / f"table.{fmt}"
        exported = build(deps, team_id=team_id, project_number=project_number, fmt=fmt, slack=slack, out=out)
        comment = t(lang, "export_done", rows=exported.rows, scope=escape(exported.scope))
        name = exported.filename
        try:
            slack.upload(channel_id, filename=name, content=out, title=name, comment=comment)
            return None
        except SlackError as e:
            logger.info("export upload to %s failed (%s); trying a DM", channel_id, e.error)
        try:
            dm = slack.open_dm(user_id)
            slack.upload(dm, filename=name, content=out, title=name, comment=comment)
            return text_message(t(lang, "export_dm"))
        except SlackError as e:
            logger.exception("export upload failed")
            return text_message(t(lang, "export_failed", error=e.error))
