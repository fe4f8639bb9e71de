"""What people see of milestones and evaluations: the lead's milestone message (the facts and
**Record evaluation**), the evaluation form, the evaluation posted to the channels, the chart's
data, and the lines ``project show`` adds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from storage.milestones import Facts
from storage.models import Evaluation, Milestone, Project
from ui.blocks import Block, Payload, actions, button, context, escape, mention, message, section
from ui.catalogue import t
from ui.charts import ChartData, burnup_points
from ui.forms import modal, option, select_input, text_input
from ui.home import Waiting
from ui.labels import category_label
from ui.terms import metric_text

EVALUATE_ACTION = "collab_evaluate"
EVALUATION_MODAL = "collab_evaluation"
RESULTS = ("met", "partly", "missed")


def project_title(project: Project) -> str:
    return f"{project.ref} {escape(project.name)}"


def _number(value: str | None) -> float | None:
    try:
        return float(Decimal(value)) if value else None
    except InvalidOperation:
        return None


def chart_data(facts: Facts, *, lang: str, today: date, actual: str | None = None) -> ChartData:
    """The chart of a project: the burn-up up to ``today`` and, with a metric, its goal."""
    p = facts.project
    return ChartData(
        title=f"{p.ref} {p.name}",
        lang=lang,
        points=burnup_points(facts.changes, until=today),
        metric=p.metric or None,
        unit=p.unit,
        baseline=_number(p.baseline),
        target=_number(p.target),
        actual=_number(actual),
    )


def fact_lines(facts: Facts, lang: str) -> list[str]:
    p = facts.project
    resolved = ", ".join(
        f"{category_label(c, lang)} {n}/{facts.problems_by_category.get(c, n)}"
        for c, n in sorted(facts.resolved_by_category.items())
    )
    lines = [
        t(lang, "cls.fact_done", done=facts.done, total=facts.total),
        t(lang, "cls.fact_on_time", on_time=facts.done_on_time, late=facts.done_late),
        t(lang, "cls.fact_overdue", overdue=facts.overdue),
        t(lang, "cls.fact_resolved", resolved=resolved or "0"),
        t(lang, "cls.fact_risks", risks=facts.open_risks),
    ]
    lines.append(metric_text(p, lang) or t(lang, "cls.no_goal"))
    return lines


def evaluate_button(value: str, lang: str) -> Block:
    """``value``: ``mls:<number>`` or ``prj:<number>``."""
    return button(t(lang, "cls.btn_evaluate"), action_id=EVALUATE_ACTION, value=value, style="primary")


def milestone_message(milestone: Milestone, facts: Facts, *, lang: str) -> Payload:
    """The lead's direct message on the milestone's date."""
    title = t(
        lang,
        "cls.milestone_title",
        ref=milestone.ref,
        name=escape(milestone.name),
        project=project_title(facts.project),
    )
    return message(
        title,
        [
            section(f"*{title}*"),
            section("\n".join(f"• {line}" for line in fact_lines(facts, lang))),
            actions(
                evaluate_button(f"mls:{milestone.number}", lang), block_id=f"evaluate-{milestone.number}"
            ),
        ],
    )


def result_label(result: str, lang: str) -> str:
    return t(lang, f"cls.result_{result}")


def evaluation_modal(
    project: Project, milestone: Milestone | None, *, lang: str, meta: dict[str, str]
) -> dict[str, Any]:
    heading = project_title(project) + (f" · {milestone.ref} {escape(milestone.name)}" if milestone else "")
    blocks: list[Block] = [section(f"*{heading}*")]
    if project.metric:
        blocks.append(
            text_input(
                "actual",
                t(lang, "cls.eval_actual", metric=project.metric, unit=project.unit or "—")[:150],
                max_length=40,
            )
        )
    blocks += [
        select_input(
            "result", t(lang, "cls.eval_result"), [option(result_label(r, lang), r) for r in RESULTS]
        ),
        text_input("reasons", t(lang, "cls.eval_reasons"), multiline=True, optional=True),
        text_input("next_steps", t(lang, "cls.eval_next"), multiline=True, optional=True),
    ]
    return modal(EVALUATION_MODAL, t(lang, "cls.eval_modal_title"), blocks, lang=lang, private_metadata=meta)


def evaluation_message(
    evaluation: Evaluation, project: Project, milestone: Milestone | None, *, lang: str, tz: ZoneInfo
) -> Payload:
    """The evaluation as posted to the project's department channels."""
    title = t(
        lang,
        "cls.eval_posted_title",
        project=project_title(project),
        milestone=f" · {milestone.ref} {escape(milestone.name)}" if milestone else "",
        result=result_label(evaluation.result, lang),
    )
    lines = [f"*{title}*"]
    if project.metric:
        lines.append(
            t(
                lang,
                "cls.eval_actual_line",
                metric=escape(project.metric),
                baseline=escape(project.baseline or "—"),
                actual=escape(evaluation.actual or "—"),
                target=escape(project.target or "—"),
                unit=escape(project.unit),
            )
        )
    if evaluation.reasons:
        lines.append(t(lang, "cls.eval_reasons_line", text=escape(evaluation.reasons)))
    if evaluation.next_steps:
        lines.append(t(lang, "cls.eval_next_line", text=escape(evaluation.next_steps)))
    day = evaluation.created_at.astimezone(tz).date().isoformat()
    by = t(lang, "cls.eval_by", user=mention(evaluation.created_by), day=day)
    return message(title, [section("\n".join(lines)[:3000]), context(by)])


def evaluation_lines(
    evaluations: Sequence[Evaluation], milestones: Sequence[Milestone], *, lang: str, tz: ZoneInfo
) -> list[str]:
    """``project show``'s lines: the milestones, then the evaluations."""
    by_id = {m.id: m for m in milestones}
    lines = [
        t(lang, "cls.milestone_item", ref=m.ref, name=escape(m.name), due=m.due.isoformat())
        for m in milestones
    ]
    for e in evaluations:
        m = by_id.get(e.milestone_id)
        lines.append(
            t(
                lang,
                "cls.eval_item",
                day=e.created_at.astimezone(tz).date().isoformat(),
                milestone=f" {m.ref}" if m else "",
                result=result_label(e.result, lang),
                actual=f" ({escape(e.actual)})" if e.actual else "",
                user=mention(e.created_by),
            )
        )
    return lines


def evaluation_waiting(milestone: Milestone, project: Project, *, lang: str) -> Waiting:
    """Home: a milestone whose date has come, for its lead to evaluate."""
    text = t(
        lang,
        "cls.home_evaluate",
        ref=milestone.ref,
        name=escape(milestone.name),
        project=project_title(project),
        due=milestone.due.isoformat(),
    )
    return Waiting(
        text, (evaluate_button(f"mls:{milestone.number}", lang),), key=f"evaluate-{milestone.number}"
    )
