"""How the charter's and the meetings' values are shown: a meeting's kind and time, a risk's
status, the measurable goal."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from storage.models import Project
from ui.blocks import escape
from ui.catalogue import t


def local_time(at: datetime, tz: ZoneInfo) -> str:
    """``2026-11-27 10:00 (Asia/Shanghai)``: a meeting's time in the workspace's zone."""
    return f"{at.astimezone(tz):%Y-%m-%d %H:%M} ({tz.key})"


def kind_label(kind: str, lang: str) -> str:
    return t(lang, f"kind.{kind}")


def risk_status(status: str, lang: str) -> str:
    return t(lang, f"risk.{status}")


def metric_text(project: Project, lang: str) -> str:
    """``Metric: user conversion — baseline 10% → target 11.5%``; empty without a metric."""
    if not project.metric:
        return ""
    return t(
        lang,
        "chr.metric",
        metric=escape(project.metric),
        baseline=escape(project.baseline or "—"),
        target=escape(project.target or "—"),
        unit=escape(project.unit),
    )
