"""A list of words inside an error, joined the way each language writes lists.

``InputError("input.unknown_option", allowed=Listing(["due=", "status="]))`` with the templates
``"… {allowed}"`` (English, joined by ``", "``) and ``"…{allowed:、}"`` (Chinese) renders
``due=, status=`` and ``due=、status=``: the format spec, when there is one, is the separator.
"""

from __future__ import annotations

from collections.abc import Iterable


class Listing(tuple[str, ...]):
    """Words shown as a list; ``format(listing, sep)`` joins them with ``sep`` (default ``", "``)."""

    __slots__ = ()

    def __new__(cls, items: Iterable[str]) -> Listing:
        return super().__new__(cls, items)

    def __format__(self, spec: str) -> str:
        return (spec or ", ").join(self)

    def __str__(self) -> str:
        return format(self)
