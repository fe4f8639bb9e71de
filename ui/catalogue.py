"""Every user-facing word, English and Chinese, in one catalogue: ``t(lang, key, **values)``.

The entries live in ``ui/words/*.py`` by area (each a ``WORDS`` dict); this module merges them
and refuses a key defined twice. ``tests/ui/test_catalogue.py`` proves both languages have the
same keys and the same ``{placeholders}``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping

from domain.errors import InputError, Term
from ui import words as _words

LANGS = ("en", "zh")


def _load() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(_words.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{_words.__name__}.{info.name}")
        entries: Mapping[str, dict[str, str]] = module.WORDS
        for key, entry in entries.items():
            if key in merged:
                raise RuntimeError(f"catalogue key {key!r} is defined twice (ui/words/{info.name}.py)")
            merged[key] = entry
    return merged


CATALOGUE: dict[str, dict[str, str]] = _load()


def t(lang: str, key: str, **values: object) -> str:
    """The text under ``key`` in ``lang`` (English when ``lang`` is unknown), filled in."""
    entry = CATALOGUE[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template


def term(lang: str, key: str) -> str:
    """A translated term (``term.<key>``), or the key itself when the catalogue has none."""
    entry = CATALOGUE.get(f"term.{key}")
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]


def error_text(lang: str, error: InputError) -> str:
    """The sentence that says what was wrong with the input, in ``lang`` (plain text)."""
    values = {k: term(lang, v.key) if isinstance(v, Term) else v for k, v in error.values.items()}
    return t(lang, error.key, **values)
