"""domain.evaluations: the result words, English and Chinese; anything else is refused."""

from __future__ import annotations

import pytest

from domain.errors import InputError
from domain.evaluations import Result, parse_result


@pytest.mark.parametrize(
    ("word", "result"),
    [
        ("met", Result.MET),
        ("MET", Result.MET),
        ("达标", Result.MET),
        ("partly", Result.PARTLY),
        ("部分达标", Result.PARTLY),
        ("missed", Result.MISSED),
        ("未达标", Result.MISSED),
        (" Missed ", Result.MISSED),
    ],
)
def test_result_words(word: str, result: Result) -> None:
    assert parse_result(word) is result


@pytest.mark.parametrize("word", ["", "ok", "done", "达", "failed"])
def test_other_words_are_refused(word: str) -> None:
    with pytest.raises(InputError) as e:
        parse_result(word)
    assert e.value.key == "cls.bad_result"
