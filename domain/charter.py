"""The project charter, pure: the statuses of a risk and the words people write for them."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from domain.command_text import nfkc, shown
from domain.errors import InputError

__all__ = ["RiskStatus", "check_metric", "parse_risk_status"]


class RiskStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    OCCURRED = "occurred"


_WORDS: Final = {
    RiskStatus.OPEN: ("open", "未关闭", "开放", "打开"),
    RiskStatus.CLOSED: ("closed", "close", "已关闭", "关闭"),
    RiskStatus.OCCURRED: ("occurred", "happened", "已发生", "发生"),
}
_BY_WORD: Final = {w: s for s, ws in _WORDS.items() for w in ws}


def parse_risk_status(value: str) -> RiskStatus:
    """``open`` / ``closed`` / ``occurred`` (or 未关闭 / 已关闭 / 已发生)."""
    status = _BY_WORD.get(nfkc(value).casefold())
    if status is None:
        raise InputError("chr.bad_risk_status", "status=open|closed|occurred", value=shown(value))
    return status


def check_metric(
    metric: str, baseline: object | None, target: object | None, *, usage: str | None = None
) -> None:
    """A measurable goal names its metric with both a baseline and a target, or has none of them."""
    if bool(metric) != (baseline is not None) or bool(metric) != (target is not None):
        raise InputError("chr.metric_needs_numbers", usage)
