"""Bad input, said in terms the UI translates: a catalogue key and its values.

``InputError("bad_date", usage="YYYY-MM-DD", field=Term("due"), value="31/12")`` is rendered by
``ui.catalogue.error_text(lang, error)``: the template under ``bad_date`` in the workspace's
language, with each :class:`Term` value translated too (``term.due`` → "due" / "截止日期").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A word inside an error that is itself translated (a field name, a kind of record)."""

    key: str


class InputError(Exception):
    """What was wrong with the input (a catalogue key with values) and, where it helps, the
    correct form (``usage``, shown as written). Nothing was changed."""

    def __init__(self, key: str, usage: str | None = None, **values: object) -> None:
        super().__init__(key, usage, values)
        self.key = key
        self.usage = usage
        self.values = values

    def __reduce__(self) -> tuple[object, ...]:  # pickles (Exception's default passes values positionally)
        return (_rebuild, (self.key, self.usage, self.values))

    def with_usage(self, usage: str | None) -> InputError:
        """The same error, showing ``usage`` (the command's) instead of its own."""
        return InputError(self.key, usage, **self.values)

    def __str__(self) -> str:  # for logs; users see ui.catalogue.error_text
        return f"{self.key} {self.values}"


def _rebuild(key: str, usage: str | None, values: dict[str, object]) -> InputError:
    return InputError(key, usage, **values)
