"""What ``collab-bot import`` prints: what the file holds, what would be (or was) created, the
owners it could not match, and every row it cannot read with its row number and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.errors import InputError
from ui.catalogue import error_text, t

NAMES_SHOWN = 50


@dataclass
class ImportReport:
    file: str
    team_id: str
    lang: str
    applied: bool = False
    rows: int = 0
    new_projects: list[str] = field(default_factory=list)
    new_departments: list[str] = field(default_factory=list)
    new_problems: int = 0
    new_measures: int = 0
    matched_projects: int = 0
    matched_problems: int = 0
    matched_measures: int = 0
    repeated: int = 0
    owners_matched: int = 0
    owners_unmatched: list[tuple[str, int]] = field(default_factory=list)  # as written, rows
    slack_asked: bool = True
    errors: list[tuple[int, InputError]] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.errors)


def _names(names: Sequence[str], lang: str) -> str:
    shown = ("、" if lang == "zh" else ", ").join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += " " + t(lang, "import.more", count=len(names) - NAMES_SHOWN)
    return shown


def render(report: ImportReport) -> list[str]:
    lang = report.lang
    title = "import.title_apply" if report.applied else "import.title_dry"
    lines = [t(lang, title, file=report.file, team=report.team_id), t(lang, "import.rows", rows=report.rows)]
    counts = {
        "projects": len(report.new_projects),
        "departments": len(report.new_departments),
        "problems": report.new_problems,
        "measures": report.new_measures,
    }
    lines.append(t(lang, "import.created" if report.applied else "import.would_create", **counts))
    if report.new_projects:
        lines.append(t(lang, "import.projects", names=_names(report.new_projects, lang)))
    if report.new_departments:
        lines.append(t(lang, "import.departments", names=_names(report.new_departments, lang)))
    lines.append(
        t(
            lang,
            "import.matched",
            projects=report.matched_projects,
            problems=report.matched_problems,
            measures=report.matched_measures,
            repeated=report.repeated,
        )
    )
    lines.append(
        t(lang, "import.owners", matched=report.owners_matched, unmatched=len(report.owners_unmatched))
    )
    lines += [t(lang, "import.owner_unmatched", owner=o, rows=n) for o, n in report.owners_unmatched]
    if not report.slack_asked:
        lines.append(t(lang, "import.no_slack"))
    if report.errors:
        lines.append(t(lang, "import.refused", count=len(report.errors)))
        lines += [t(lang, "import.row", row=row, reason=error_text(lang, e)) for row, e in report.errors]
        lines.append(t(lang, "import.nothing_written"))
    return lines
