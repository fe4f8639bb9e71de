"""Reading a thread reply: which measures it names and which status it states."""

from __future__ import annotations

import pytest

from services.progress_words import references, status_in


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("MSR-12 done", [12]),
        ("msr-3 and MSR 4, MSR5", [3, 4, 5]),
        ("MSR－7 已完成", [7]),  # full-width hyphen
        ("MSR-1 done, MSR-1 really", [1]),
        ("PRB-2 is not a measure; XMSR-3 neither", []),
        ("no reference", []),
    ],
)
def test_references(text: str, refs: list[int]) -> None:
    assert references(text) == refs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("done", "done"),
        ("Finished the draft", "done"),
        ("completed!", "done"),
        ("已完成", "done"),
        ("完成了", "done"),
        ("doing it", "doing"),
        ("in progress", "doing"),
        ("进行中", "doing"),
        ("blocked by legal", "blocked"),
        ("受阻", "blocked"),
        ("卡住了", "blocked"),
        ("was blocked, now done", "done"),  # the last status word wins
        ("done with part one, now blocked", "blocked"),
        ("talked to the supplier", None),
        ("not done yet", None),
        ("not yet done", None),
        ("isn't finished", None),
        ("isn’t done yet", None),  # typographic apostrophe, as Slack clients send it
        ("hasn't been completed", None),
        ("no longer blocked", None),
        ("未完成", None),
        ("还没有完成", None),
        ("没完成", None),
        ("尚未完成", None),
        ("没有受阻，进行中", "doing"),
        ("abandoned", None),
        ("undone", None),
    ],
)
def test_status_in(text: str, expected: str | None) -> None:
    assert status_in(text) == expected
