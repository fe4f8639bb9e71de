"""The catalogue: every entry in both languages, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from ui.catalogue import CATALOGUE, LANGS, t, term


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_languages() -> None:
    assert LANGS == ("en", "zh")


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGS), key
    assert all(isinstance(text, str) and text.strip() for text in entry.values()), key
    assert placeholders(entry["en"]) == placeholders(entry["zh"]), key


def test_terms_translate_and_unknown_terms_show_as_given() -> None:
    assert (term("en", "due"), term("zh", "due")) == ("due", "截止日期")
    assert (term("en", "change request"), term("zh", "change request")) == ("change request", "变更申请")
    assert term("zh", "no such term") == "no such term"


def test_unknown_language_falls_back_to_english() -> None:
    assert t("fr", "input.no_people") == t("en", "input.no_people")
