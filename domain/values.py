"""The values a command or a form takes: people, channels, dates, references, numbers, times,
weekly slots, time zones; and the length check for free text.

Each parser takes the raw (still Slack-escaped) text and returns the value, or raises
:class:`domain.errors.InputError` (keys ``input.*``) saying what was wrong and how to write it.
``field`` arguments name the input in the error as written in English (``"due"``, ``"measure
text"``); they are shown through the catalogue's ``term.<field>`` (``截止日期``, ``措施内容``), or as
given when there is none.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import re
import zoneinfo
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from domain.command_text import nfkc, shown, split_list
from domain.errors import InputError, Term
from domain.limits import INT_DIGITS, NUMBER_CHARS, REF_NUMBER_DIGITS, TEXT_LIMIT

__all__ = [
    "DATE_USAGE",
    "REF_DASHES",
    "RefKind",
    "check_length",
    "parse_channel",
    "parse_date",
    "parse_int",
    "parse_number",
    "parse_ref",
    "parse_time_of_day",
    "parse_timezone",
    "parse_user",
    "parse_users",
    "parse_weekly",
]

# ------------------------------------------------------------------ users, channels

_USER_RE: Final = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>")
_CHANNEL_RE: Final = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^<>]*)?>")
_SPAN_SPLIT_RE: Final = re.compile(r"(<[^<>]*>)")


def parse_user(value: str, *, usage: str = "owner=@name") -> str:
    """User ID from a Slack mention ``<@U123|name>`` / ``<@U123>`` / ``<@W123>``."""
    match = _USER_RE.fullmatch(value.strip())
    if match is None:
        raise InputError("input.not_a_person", usage, value=shown(value))
    return match.group(1)


def parse_users(value: str, *, usage: str = "admins=@name,@name") -> list[str]:
    """User IDs from mentions separated by commas (also full-width ones, 、) or spaces.

    Duplicates are dropped; order is kept. An empty list is an error.
    """
    found: list[str] = []
    for piece in _SPAN_SPLIT_RE.split(value):
        if piece.startswith("<") and piece.endswith(">"):
            candidates = [piece]
        else:
            candidates = [word for part in split_list(piece) for word in part.split()]
        for candidate in candidates:
            user = parse_user(candidate, usage=usage)
            if user not in found:
                found.append(user)
    if not found:
        raise InputError("input.no_people", usage)
    return found


def parse_channel(value: str, *, usage: str = "channel=#channel-name") -> str:
    """Channel ID from a Slack channel link ``<#C123|name>`` / ``<#C123|>`` / ``<#C123>``."""
    match = _CHANNEL_RE.fullmatch(value.strip())
    if match is None:
        raise InputError("input.not_a_channel", usage, value=shown(value))
    return match.group(1)


# ----------------------------------------------------------------------- dates, refs

_DATE_RE: Final = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", re.ASCII)
DATE_USAGE: Final = "YYYY-MM-DD"


def parse_date(value: str, *, field: str) -> datetime.date:
    """A calendar date written ``YYYY-MM-DD`` (or ``YYYY/MM/DD``, ``YYYY.MM.DD``; full-width
    digits too). ``field`` names the input in the error, e.g. ``"due"``."""
    match = _DATE_RE.fullmatch(nfkc(value))
    if match is not None:
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    raise InputError("input.bad_date", DATE_USAGE, field=Term(field), value=shown(value))


class RefKind(StrEnum):
    """The kinds of record with a reference (``PRJ-12``): the value is the prefix."""

    PROJECT = "PRJ"
    PROBLEM = "PRB"
    MEASURE = "MSR"
    RISK = "RSK"
    MEETING = "MTG"
    CHANGE_REQUEST = "CHG"
    MILESTONE = "MLS"
    RETROSPECTIVE = "RET"

    @property
    def noun(self) -> str:
        """The kind's name in English, as written (``change request``): its ``term.`` key."""
        return self.name.lower().replace("_", " ")

    @property
    def term(self) -> Term:
        """The kind's name, translated in messages (``term.project`` → project / 项目)."""
        return Term(self.noun)

    def ref(self, number: int) -> str:
        """The reference of record ``number`` of this kind: ``RefKind.MEASURE.ref(3)`` → ``MSR-3``."""
        return f"{self.value}-{number}"


# hyphen-minus, hyphen, non-breaking hyphen, figure dash, en/em dash, bar, minus sign (after
# NFKC, which also folds the full-width hyphen to hyphen-minus)
REF_DASHES: Final = "-\u2010-\u2015\u2212"
_REF_RE: Final = re.compile(f"([A-Za-z]{{3}})[{REF_DASHES}]?([0-9]{{1,{REF_NUMBER_DIGITS}}})")


def parse_ref(value: str, *, kind: RefKind) -> int:
    """Number of a reference like ``PRJ-12`` / ``prj12`` (any dash, full-width too) of ``kind``;
    another kind's reference, or number 0, is an error."""
    kind = RefKind(kind)
    match = _REF_RE.fullmatch(nfkc(value))
    if match is None or match.group(1).upper() != kind.value or int(match.group(2)) == 0:
        raise InputError(
            "input.bad_ref", f"{kind.value}-<number>", value=shown(value), kind=kind.term, prefix=kind.value
        )
    return int(match.group(2))


# ------------------------------------------------------------------------ numbers

_INT_RE: Final = re.compile(f"[+-]?\\d{{1,{INT_DIGITS}}}", re.ASCII)
_NUMBER_RE: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)


def parse_int(value: str, *, field: str, minimum: int, maximum: int) -> int:
    """A whole number within ``minimum..maximum`` (e.g. ``escalate_after=2``)."""
    text = nfkc(value)
    if _INT_RE.fullmatch(text):
        number = int(text)
        if minimum <= number <= maximum:
            return number
    raise InputError(
        "input.bad_int",
        f"{field}=<{minimum}…{maximum}>",
        field=Term(field),
        value=shown(value),
        minimum=minimum,
        maximum=maximum,
    )


def parse_number(value: str, *, field: str) -> decimal.Decimal:
    """A decimal number as written: ``10``, ``11.5``, ``-3``, ``+0.25``, ``.5`` (full-width
    digits, point and minus too; a minus sign ``−`` too). Exactly as typed (a ``Decimal``:
    ``11.5`` stays ``11.5``). No exponents, thousands separators, units, NaN or infinity."""
    text = nfkc(value).replace("\u2212", "-")
    if len(text) <= NUMBER_CHARS and _NUMBER_RE.fullmatch(text):
        return decimal.Decimal(text)
    raise InputError("input.bad_number", f"{field}=<number>", field=Term(field), value=shown(value))


# ------------------------------------------------------------------ times, schedules

_TIME_RE: Final = re.compile(r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[ap])?(?(ampm)\.?m\.?)", re.ASCII)


def _from_12_hour(hour: int, *, pm: bool) -> int:
    if not 1 <= hour <= 12:
        return 99  # "13pm" is not a time
    return hour % 12 + (12 if pm else 0)


def parse_time_of_day(value: str, *, key: str = "nudge") -> datetime.time:
    """A time of day: ``09:30``, ``9:30``, ``17:00``, ``5pm``, ``9:30 am``; full-width digits too.
    ``key`` is the option, for the usage shown with the error."""
    match = _TIME_RE.fullmatch(nfkc(value).lower())
    if match is not None and (match.group("m") is not None or match.group("ampm")):
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
        ampm = match.group("ampm")
        if ampm:
            hour = _from_12_hour(hour, pm=ampm == "p")
        if hour <= 23 and minute <= 59:
            return datetime.time(hour, minute)
    raise InputError("input.bad_time", f'{key}="09:30"', value=shown(value))


_EN_DAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ZH_DAYS: Final = "一二三四五六日"
_ZH_DAY_PREFIXES: Final = ("周", "星期", "礼拜")


def _weekday_table() -> Mapping[str, int]:
    days: dict[str, int] = {}
    for number, name in enumerate(_EN_DAYS):
        days[name] = number
        days[name[:3]] = number
    days.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
    for prefix in _ZH_DAY_PREFIXES:
        for number, numeral in enumerate(_ZH_DAYS):
            days[prefix + numeral] = number
        days[prefix + "天"] = 6
    return MappingProxyType(days)


_WEEKDAYS: Final = _weekday_table()
_WEEKLY_RE: Final = re.compile(r"(?P<day>[^\s\d]+?)\.?\s*(?P<time>\d.*)")


def parse_weekly(value: str, *, key: str = "sync") -> tuple[int, datetime.time]:
    """A weekly slot: ``fri 17:00``, ``Friday 5pm``, ``周五 17:00``, ``星期五17:00``.

    Returns ``(weekday, time)`` with weekday 0 = Monday … 6 = Sunday.
    """
    usage = f'{key}="fri 17:00"'
    match = _WEEKLY_RE.fullmatch(nfkc(value).casefold())
    day = _WEEKDAYS.get(match.group("day")) if match is not None else None
    if match is None or day is None:
        raise InputError("input.bad_weekly", usage, value=shown(value), option=key)
    try:
        time = parse_time_of_day(match.group("time"))
    except InputError:
        raise InputError("input.bad_weekly_time", usage, value=shown(value), option=key) from None
    return day, time


@functools.cache
def _known_zones() -> Mapping[str, str]:
    zones = zoneinfo.available_timezones() - {"localtime", "posixrules", "Factory"}
    return MappingProxyType({zone.casefold(): zone for zone in zones})


def parse_timezone(value: str) -> str:
    """A canonical IANA time zone name (``asia/shanghai`` → ``Asia/Shanghai``)."""
    text = value.strip()
    known = _known_zones()
    name = known.get(text.casefold()) if known else text
    if name:
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            pass
        else:
            return name
    raise InputError("input.bad_timezone", "tz=Asia/Shanghai", value=shown(value))


# --------------------------------------------------------------------------- length


def check_length(value: str, *, field: str, limit: int = TEXT_LIMIT) -> str:
    """Return ``value`` unchanged if it has at most ``limit`` characters."""
    if len(value) > limit:
        raise InputError("input.too_long", field=Term(field), length=len(value), limit=limit)
    return value
