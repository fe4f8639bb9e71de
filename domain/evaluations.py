"""Evaluations (阶段性评估), pure: the results and the words people write for them."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from domain.command_text import nfkc, shown
from domain.errors import InputError

__all__ = ["Result", "parse_result"]


class Result(StrEnum):
    MET = "met"
    PARTLY = "partly"
    MISSED = "missed"


_WORDS: Final = {
    Result.MET: ("met", "达标"),
    Result.PARTLY: ("partly", "partly met", "部分达标"),
    Result.MISSED: ("missed", "not met", "未达标"),
}
_BY_WORD: Final = {w: r for r, ws in _WORDS.items() for w in ws}


def parse_result(value: str) -> Result:
    """``met`` / ``partly`` / ``missed`` (or 达标 / 部分达标 / 未达标)."""
    result = _BY_WORD.get(nfkc(value).strip().casefold())
    if result is None:
        raise InputError("cls.bad_result", "result=met|partly|missed", value=shown(value))
    return result
