"""``collab-bot import``: bring the improvement process table in from a spreadsheet.

Two passes: the first (``planner``) reads every row — refusing the ones it cannot read, matching
the rest — and spools what to create; Slack is then asked who the owners are (``users.list``,
paged, outside any transaction); with ``apply`` and no row refused, the second (``writer``)
writes it all in one transaction. A dry run writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from domain.errors import InputError
from domain.table_cells import find_columns, person_key, slack_user_id
from services.deps import Deps
from services.table_import import reader, writer
from services.table_import.planner import Labels, Planner
from slack_api.gateway import Gateway
from slack_api.users import People
from storage import table_import
from storage.models import Workspace
from ui.catalogue import t
from ui.import_report import ImportReport

__all__ = ["ImportReport", "match_owners", "run"]


def _labels() -> Labels:
    both = ("en", "zh")
    return Labels(
        root_cause=[t(lang, "table.root_cause") for lang in both],
        deliverable=[t(lang, "table.deliverable") for lang in both],
    )


def match_owners(owners: dict[str, int], people: People | None) -> dict[str, str | None]:
    """Each owner as written → a Slack user ID, matched by ID, e-mail or name (display, real
    or handle; a name two people share matches neither); ``None``: not matched. Without a
    listing (``people`` None or incomplete), only IDs are read, and taken as they are."""
    known = people is not None and people.complete
    by_key: dict[str, set[str]] = {}
    if people is not None:
        for user_id, info in people.by_id.items():
            for name in (info.email, *info.names):
                if name:
                    by_key.setdefault(person_key(name), set()).add(user_id)
    out: dict[str, str | None] = {}
    for written in owners:
        given = slack_user_id(written)
        if given is not None:
            out[written] = given if not known or (people and given in people.by_id) else None
            continue
        found = by_key.get(person_key(written), set())
        out[written] = next(iter(found)) if len(found) == 1 else None
    return out


def _header(rows: Iterator[tuple[int, list[Any]]]) -> list[Any]:
    for _number, cells in rows:
        return cells
    raise InputError("import.missing_columns", columns="—")


def run(deps: Deps, *, path: Path, team_id: str, apply: bool, slack: Gateway | None) -> ImportReport:
    """Read ``path`` into workspace ``team_id``; write only with ``apply`` and no row refused.

    Raises :class:`InputError` for a file that cannot be used at all (exit status 2)."""
    with deps.sessions() as session:
        ws = session.get(Workspace, team_id)
        lang = ws.lang if ws is not None else deps.defaults.lang
        existing = table_import.existing(session, team_id=team_id)
    rows = reader.rows(path)
    columns = find_columns(_header(rows))
    planner = Planner(existing, columns, _labels())
    try:
        for number, cells in rows:
            planner.add_row(number, cells)
        people = deps.users.people(slack) if slack is not None and planner.owners else None
        owners = match_owners(planner.owners, people)
        report = ImportReport(
            file=path.name,
            team_id=team_id,
            lang=lang,
            rows=planner.rows,
            new_projects=[p.name for p in planner.projects.values()],
            new_departments=list(planner.new_departments.values()),
            new_problems=planner.problems.count,
            new_measures=planner.measures.count,
            matched_projects=len(planner.matched_projects),
            matched_problems=len(planner.matched_problems),
            matched_measures=planner.matched_measures,
            repeated=planner.repeated,
            owners_matched=sum(1 for user in owners.values() if user is not None),
            owners_unmatched=[(o, planner.owners[o]) for o, user in owners.items() if user is None],
            slack_asked=slack is not None,
            errors=planner.errors,
        )
        if apply and not report.refused:
            writer.write(deps, team_id=team_id, planner=planner, owners=owners, lang=lang)
            report.applied = True
        return report
    finally:
        planner.close()
