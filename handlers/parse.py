"""Pure parsing helpers for the ``/collab`` slash command.

Nothing here talks to Slack or the database; everything is standard library only.

Slack sends slash-command text with ``should_escape: true``: mentions arrive as
``<@U123|name>``, channels as ``<#C123|name>``, special mentions as ``<!here>``, and
the characters ``& < >`` typed by the user as ``&amp; &lt; &gt;``.  :func:`tokenize`
keeps that escaped form (so :func:`parse_user` and friends can read the IDs);
:func:`unescape_slack` turns free text into what the user meant, for storage.

Stored text produced by :func:`unescape_slack` may contain ``<!channel>`` or ``@here``
literally; whoever renders it back into Slack must escape ``& < >`` again so that it
never pings anyone.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

__all__ = [
    "CATEGORIES",
    "MAX_TEXT",
    "REF_KINDS",
    "STATUSES",
    "Args",
    "ParseError",
    "RefKind",
    "Token",
    "check_length",
    "parse_category",
    "parse_channel",
    "parse_date",
    "parse_int",
    "parse_ref",
    "parse_status",
    "parse_time_of_day",
    "parse_timezone",
    "parse_user",
    "parse_users",
    "parse_weekly",
    "split_list",
    "tokenize",
    "unescape_slack",
]

MAX_TEXT: Final = 3000
"""Longest free text (description, measure, note …) we accept; one Slack text block."""


class ParseError(Exception):
    """Bad user input.

    ``message`` says what was wrong and, where it helps, how to write it (a short sentence
    shown to the user as is: English, or already in the workspace's language when whoever
    raised it knew that language); ``zh`` is the same in Chinese, or ``None``; ``usage`` is
    the correct form, or ``None``.  ``str(error)`` is the message; :meth:`text` picks the
    language.
    """

    def __init__(self, message: str, usage: str | None = None, *, zh: str | None = None) -> None:
        super().__init__(message, usage)
        self.message = message
        self.usage = usage
        self.zh = zh

    def __str__(self) -> str:
        return self.message

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``"en"`` or ``"zh"``); English when there is no Chinese."""
        return self.zh if lang == "zh" and self.zh else self.message


# Chinese names of the ``field`` arguments used by the /collab command and its modals; a
# field not listed here is shown as given.
_FIELD_ZH: Final[Mapping[str, str]] = MappingProxyType(
    {
        "due": "截止日期",
        "due date": "截止日期",
        "deadline": "截止日期",
        "goal": "协作目标",
        "cause": "根本原因",
        "note": "备注",
        "deliverable": "交付标准",
        "description": "问题描述",
        "measure text": "措施内容",
        "project name": "项目名称",
        "department name": "部门名称",
        "escalate_after": "escalate_after（逾期几天后通知部门负责人）",
    }
)


def _field_zh(field: str) -> str:
    return _FIELD_ZH.get(field.casefold(), field)


def _show(value: str, limit: int = 60) -> str:
    """The user's input as they typed it, shortened, for error messages."""
    text = " ".join(unescape_slack(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _nfkc(value: str) -> str:
    """Fold full-width digits and punctuation to ASCII (NFKC) and trim whitespace."""
    return unicodedata.normalize("NFKC", value).strip()


def _norm_word(value: str) -> str:
    """Normalise a word for alias lookup: width, case, ``_ - /`` and runs of spaces."""
    text = _nfkc(value).casefold()
    text = re.sub(r"[\s_\-/]+", " ", text)
    return text.strip()


# --------------------------------------------------------------------------- tokens

_STRAIGHT_QUOTE: Final = '"'
_QUOTES: Final = '"“”„‟'  # straight and typographic double quotes; never apostrophes
_KEY_RE: Final = re.compile("([A-Za-z_]+)[=\uff1d]")  # = or full-width =
_LIST_SEP_RE: Final = re.compile("[,\uff0c\u3001]")  # , or full-width , or 、
_LIST_ENDINGS: Final = (",", "\uff0c", "\u3001")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the command.

    ``key`` is the lower-cased option name for ``key=value`` words, else ``None``.
    ``value`` is the raw (still Slack-escaped) text with the quotes removed.
    ``quoted`` tells whether (part of) the value was written in quotes.
    """

    key: str | None
    value: str
    quoted: bool


def _span_end(text: str, start: int) -> int | None:
    """End (exclusive) of a Slack ``<...>`` span starting at ``start``, if there is one."""
    close = text.find(">", start + 1)
    if close == -1:
        return None
    if "<" in text[start + 1 : close]:
        return None
    return close + 1


# Preferred closing quote for each opening quote (used in error hints).
_CLOSING_QUOTE: Final = {'"': '"', "“": "”", "„": "“", "”": "”", "‟": "”"}


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """Read the quoted part opening at ``start``; return its text and the index after it.

    A straight quote is closed only by a straight quote, so ``"a “b” c"`` keeps its inner
    quotes; a typographic quote is closed by any double quote (``“…”``, ``„…“``, ``”…”``,
    ``“…"``).  Slack ``<…>`` spans inside are copied whole, quote characters and all.
    """
    opener = text[start]
    closers = _STRAIGHT_QUOTE if opener == _STRAIGHT_QUOTE else _QUOTES
    parts: list[str] = []
    i, n = start + 1, len(text)
    while i < n:
        ch = text[i]
        if ch in closers:
            return "".join(parts), i + 1
        end = _span_end(text, i) if ch == "<" else None
        parts.append(text[i:end] if end is not None else ch)
        i = end if end is not None else i + 1
    closer = _CLOSING_QUOTE[opener]
    shown = _show(text[start:], 40)
    raise ParseError(
        f"unclosed quote at {shown} — end the text with {closer}",
        f"{opener}<text>{closer}",
        zh=f"引号没有闭合：{shown} —— 请在文字末尾加上 {closer}",
    )


def tokenize(text: str) -> list[Token]:
    """Split command text into tokens.

    Splits on any whitespace (including U+3000 and NBSP).  Quoted parts (``"…"``,
    ``“…”``, ``„…“``) keep their spaces; a Slack ``<…>`` span (``<@U1|John Smith>``)
    always stays whole, even inside quotes.  ``key=value`` words (also with a full-width
    =) become key tokens whose value may be quoted: ``goal="ship it in Q3"``.  Values stay
    Slack-escaped; apostrophes (``'`` and the typographic ones) are never quotes.
    """
    tokens: list[Token] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            return tokens
        key: str | None = None
        match = _KEY_RE.match(text, i)
        if match:
            key = match.group(1).lower()
            i = match.end()
        parts: list[str] = []
        quoted = False
        while i < n and not text[i].isspace():
            ch = text[i]
            if ch in _QUOTES:
                part, i = _read_quoted(text, i)
                parts.append(part)
                quoted = True
            elif ch == "<" and (end := _span_end(text, i)) is not None:
                parts.append(text[i:end])
                i = end
            else:
                parts.append(ch)
                i += 1
        value = "".join(parts)
        previous = tokens[-1] if tokens else None
        if (
            key is None
            and previous is not None
            and previous.key is not None
            and not previous.quoted
            and previous.value.endswith(_LIST_ENDINGS)
        ):
            # ``depts=Sales, R&D``: a list written with a space after its comma goes on.
            tokens[-1] = Token(previous.key, f"{previous.value} {value}", quoted)
            continue
        tokens.append(Token(key, value, quoted))


# ------------------------------------------------------------------------- unescape

_ENTITY_RE: Final = re.compile(r"<([^<>]*)>")
_SPECIAL_MENTIONS: Final = frozenset({"here", "channel", "everyone"})


def _strip_scheme(url: str) -> str:
    return re.sub(r"^(?:[a-z][a-z0-9+.\-]*://|mailto:|tel:)", "", url, flags=re.IGNORECASE)


def _replace_entity(match: re.Match[str]) -> str:
    inner = match.group(1)
    body, _, label = inner.partition("|")
    if body.startswith("@"):
        return "@" + (label.removeprefix("@") or body[1:])
    if body.startswith("#"):
        return "#" + (label.removeprefix("#") or body[1:])
    if body.startswith("!"):
        head, _, arg = body[1:].partition("^")
        if head in _SPECIAL_MENTIONS:
            return "@" + head
        if head == "subteam":
            return "@" + (label.removeprefix("@") or arg)
        if head == "date":
            return label or arg
        return label or "@" + head
    if not label or label in (body, _strip_scheme(body)):
        return label or body
    return f"{label} ({body})"


def unescape_slack(text: str) -> str:
    """Turn Slack-escaped text into what the user meant.

    ``<@U1|bob>`` → ``@bob``, ``<#C1|general>`` → ``#general``, ``<!here>`` → ``@here``,
    ``<!subteam^S1|@devs>`` → ``@devs``, ``<!date^…|fallback>`` → ``fallback``,
    ``<http://x|label>`` → ``label (http://x)``, ``<http://x>`` → ``http://x``; then
    ``&lt;`` ``&gt;`` ``&amp;`` → ``< > &`` (``&amp;`` last, so ``&amp;lt;`` → ``&lt;``).
    """
    text = _ENTITY_RE.sub(_replace_entity, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# ------------------------------------------------------------------ users, channels

_USER_RE: Final = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>")
_CHANNEL_RE: Final = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^<>]*)?>")
_SPAN_SPLIT_RE: Final = re.compile(r"(<[^<>]*>)")


def parse_user(value: str, *, usage: str = "owner=@name") -> str:
    """User ID from a Slack mention ``<@U123|name>`` / ``<@U123>`` / ``<@W123>``."""
    match = _USER_RE.fullmatch(value.strip())
    if match is None:
        raise ParseError(
            f'"{_show(value)}" is not a person — mention them with @ and pick them from the list',
            usage,
            zh=f"“{_show(value)}”不是一个人 —— 请输入 @ 并从列表中选择此人",
        )
    return match.group(1)


def parse_users(value: str, *, usage: str = "admins=@name,@name") -> list[str]:
    """User IDs from mentions separated by commas (also full-width ones, 、) or spaces.

    Duplicates are dropped; order is kept.  An empty list is an error.
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
        raise ParseError(
            "no people given — mention each one with @", usage, zh="没有指定任何人 —— 请用 @ 提及每一位"
        )
    return found


def parse_channel(value: str, *, usage: str = "channel=#channel-name") -> str:
    """Channel ID from a Slack channel link ``<#C123|name>`` / ``<#C123|>`` / ``<#C123>``."""
    match = _CHANNEL_RE.fullmatch(value.strip())
    if match is None:
        raise ParseError(
            f'"{_show(value)}" is not a channel — type # and pick the channel from the list',
            usage,
            zh=f"“{_show(value)}”不是频道 —— 请输入 # 并从列表中选择频道",
        )
    return match.group(1)


# ----------------------------------------------------------------------- dates, refs

_DATE_RE: Final = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", re.ASCII)
_DATE_USAGE: Final = "YYYY-MM-DD"


def parse_date(value: str, *, field: str) -> datetime.date:
    """A calendar date written ``YYYY-MM-DD`` (or ``YYYY/MM/DD``, ``YYYY.MM.DD``).

    ``field`` names the input in the error, e.g. ``"due date"``.
    """
    match = _DATE_RE.fullmatch(_nfkc(value))
    if match is not None:
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    raise ParseError(
        f'{field} "{_show(value)}" is not a valid date — write it as {_DATE_USAGE}, e.g. 2026-12-31',
        _DATE_USAGE,
        zh=f"{_field_zh(field)}“{_show(value)}”不是有效日期 —— 请写成 {_DATE_USAGE}，例如 2026-12-31",
    )


RefKind = Literal["PRJ", "PRB", "MSR"]
REF_KINDS: Final[Mapping[str, str]] = MappingProxyType({"PRJ": "project", "PRB": "problem", "MSR": "measure"})
_REF_KINDS_ZH: Final[Mapping[str, str]] = MappingProxyType({"PRJ": "项目", "PRB": "问题", "MSR": "措施"})
# hyphen-minus, hyphen, non-breaking hyphen, figure dash, en/em dash, bar, minus sign
_REF_RE: Final = re.compile("([A-Za-z]{3})[-\u2010-\u2015\u2212]?([0-9]{1,9})")


def parse_ref(value: str, *, kind: RefKind) -> int:
    """Number of a reference like ``PRJ-12`` / ``prj12`` (any dash, full-width too)."""
    match = _REF_RE.fullmatch(_nfkc(value))
    if match is None or match.group(1).upper() != kind or int(match.group(2)) == 0:
        usage = f"{kind}-<number>"
        raise ParseError(
            f'"{_show(value)}" is not a {REF_KINDS[kind]} reference — write {usage}, e.g. {kind}-1',
            usage,
            zh=f"“{_show(value)}”不是{_REF_KINDS_ZH[kind]}编号 —— 请写成 {usage}，例如 {kind}-1",
        )
    return int(match.group(2))


def parse_int(value: str, *, field: str, minimum: int, maximum: int) -> int:
    """A whole number within ``minimum..maximum`` (e.g. ``escalate_after=2``)."""
    text = _nfkc(value)
    if re.fullmatch(r"[+-]?\d{1,9}", text, re.ASCII):
        number = int(text)
        if minimum <= number <= maximum:
            return number
    raise ParseError(
        f'{field} "{_show(value)}" must be a whole number from {minimum} to {maximum}',
        f"{field}=<{minimum}…{maximum}>",
        zh=f"{_field_zh(field)}“{_show(value)}”必须是 {minimum} 到 {maximum} 之间的整数",
    )


# ------------------------------------------------------------ categories, statuses

CATEGORIES: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "info": ("Information flow", "信息传递"),
        "roles": ("Responsibilities", "责任分工"),
        "process": ("Process/mechanism", "流程机制"),
        "resources": ("Resources", "资源支持"),
    }
)
"""Problem category code → (English label, Chinese label), in display order."""

STATUSES: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "todo": ("Not started", "未开始"),
        "doing": ("In progress", "进行中"),
        "done": ("Done", "已完成"),
        "blocked": ("Blocked", "受阻"),
    }
)
"""Measure status code → (English label, Chinese label), in display order."""


def _alias_table(
    table: Mapping[str, tuple[str, str]], extra: Mapping[str, Iterable[str]]
) -> Mapping[str, str]:
    aliases: dict[str, str] = {}
    for code, (en, zh) in table.items():
        for word in (code, en, zh, *extra.get(code, ())):
            aliases[_norm_word(word)] = code
    return MappingProxyType(aliases)


_CATEGORY_ALIASES: Final = _alias_table(
    CATEGORIES,
    {
        "info": ("information", "information flow", "communication", "信息", "沟通"),
        "roles": ("role", "responsibility", "responsibilities", "责任", "分工", "职责"),
        "process": ("process", "mechanism", "processes", "流程", "机制"),
        "resources": ("resource", "resources", "资源", "支持"),
    },
)

_STATUS_ALIASES: Final = _alias_table(
    STATUSES,
    {
        "todo": ("to do", "not started", "notstarted", "pending", "待办", "未开始"),
        "doing": (
            "in progress",
            "inprogress",
            "progress",
            "wip",
            "ongoing",
            "started",
            "进行",
            "进行中",
            "处理中",
        ),
        "done": ("complete", "completed", "finished", "完成", "已完成"),
        "blocked": ("stuck", "阻塞", "受阻"),
    },
)


def _choices(table: Mapping[str, tuple[str, str]]) -> str:
    return ", ".join(f"{code} ({zh})" for code, (_en, zh) in table.items())


def _choices_zh(table: Mapping[str, tuple[str, str]]) -> str:
    return "、".join(f"{zh}（{code}）" for code, (_en, zh) in table.items())


def parse_category(value: str) -> str:
    """Category code from a code, English word or Chinese word (``信息传递`` → ``info``)."""
    code = _CATEGORY_ALIASES.get(_norm_word(value))
    if code is None:
        raise ParseError(
            f'unknown category "{_show(value)}" — use one of: {_choices(CATEGORIES)}',
            " | ".join(CATEGORIES),
            zh=f"未知类别“{_show(value)}” —— 请使用：{_choices_zh(CATEGORIES)}",
        )
    return code


def parse_status(value: str) -> str:
    """Status code from a code, label, Chinese word or alias (``in progress`` → ``doing``)."""
    code = _STATUS_ALIASES.get(_norm_word(value))
    if code is None:
        raise ParseError(
            f'unknown status "{_show(value)}" — use one of: {_choices(STATUSES)}',
            "status=" + "|".join(STATUSES),
            zh=f"未知状态“{_show(value)}” —— 请使用：{_choices_zh(STATUSES)}",
        )
    return code


# ------------------------------------------------------------------ times, schedules

_TIME_RE: Final = re.compile(r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[ap])?(?(ampm)\.?m\.?)", re.ASCII)


def _from_12_hour(hour: int, *, pm: bool) -> int:
    if not 1 <= hour <= 12:
        return 99  # "13pm" is not a time
    return hour % 12 + (12 if pm else 0)


def parse_time_of_day(value: str, *, key: str = "nudge") -> datetime.time:
    """A time of day: ``09:30``, ``9:30``, ``17:00``, ``5pm``, ``9:30 am``; full-width digits too."""
    text = _nfkc(value).lower()
    match = _TIME_RE.fullmatch(text)
    if match is not None and (match.group("m") is not None or match.group("ampm")):
        hour, minute = int(match.group("h")), int(match.group("m") or 0)
        ampm = match.group("ampm")
        if ampm:
            hour = _from_12_hour(hour, pm=ampm == "p")
        if hour <= 23 and minute <= 59:
            return datetime.time(hour, minute)
    raise ParseError(
        f'"{_show(value)}" is not a time of day — write it as HH:MM (24-hour), e.g. 09:30',
        f'{key}="09:30"',
        zh=f"“{_show(value)}”不是有效的时间 —— 请写成 HH:MM（24 小时制），例如 09:30",
    )


_EN_DAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ZH_DAYS: Final = "一二三四五六日"


def _weekday_table() -> Mapping[str, int]:
    days: dict[str, int] = {}
    for number, name in enumerate(_EN_DAYS):
        days[name] = number
        days[name[:3]] = number
    days.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
    for number, numeral in enumerate(_ZH_DAYS):
        for prefix in ("周", "星期", "礼拜"):
            days[prefix + numeral] = number
    for prefix in ("周", "星期", "礼拜"):
        days[prefix + "天"] = 6
    return MappingProxyType(days)


_WEEKDAYS: Final = _weekday_table()
_WEEKLY_RE: Final = re.compile(r"(?P<day>[^\s\d]+?)\.?\s*(?P<time>\d.*)")


def parse_weekly(value: str, *, key: str = "sync") -> tuple[int, datetime.time]:
    """A weekly slot: ``fri 17:00``, ``Friday 5pm``, ``周五 17:00``, ``星期五17:00``.

    Returns ``(weekday, time)`` with weekday 0 = Monday … 6 = Sunday.
    """
    usage = f'{key}="fri 17:00"'
    usage_zh = f'{usage} 或 {key}="周五 17:00"'
    text = _nfkc(value).casefold()
    match = _WEEKLY_RE.fullmatch(text)
    day = _WEEKDAYS.get(match.group("day")) if match is not None else None
    if match is None or day is None:
        raise ParseError(
            f'"{_show(value)}" is not a weekday and time — write it like {usage}',
            usage,
            zh=f"“{_show(value)}”不是“星期几 + 时间” —— 请写成 {usage_zh}",
        )
    try:
        time = parse_time_of_day(match.group("time"))
    except ParseError:
        raise ParseError(
            f'"{_show(value)}" has no valid time — write it like {usage}',
            usage,
            zh=f"“{_show(value)}”中的时间无效 —— 请写成 {usage_zh}",
        ) from None
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
    raise ParseError(
        f'unknown time zone "{_show(value)}" — use an IANA name like Asia/Shanghai or America/New_York',
        "tz=Asia/Shanghai",
        zh=f"未知时区“{_show(value)}” —— 请使用 IANA 时区名，例如 Asia/Shanghai 或 America/New_York",
    )


# ---------------------------------------------------------------------------- misc


def split_list(value: str) -> list[str]:
    """Split on commas (``,``, full-width, ``、``); items are stripped, empties dropped."""
    return [item.strip() for item in _LIST_SEP_RE.split(value) if item.strip()]


def check_length(value: str, *, field: str, limit: int = MAX_TEXT) -> str:
    """Return ``value`` unchanged if it has at most ``limit`` characters."""
    if len(value) > limit:
        raise ParseError(
            f"{field} is {len(value)} characters; the limit is {limit}",
            zh=f"{_field_zh(field)}共 {len(value)} 个字符，超过了上限 {limit}",
        )
    return value


class Args:
    """Tokens of one command split into positionals and ``key=value`` options."""

    def __init__(
        self, positionals: list[Token], options: dict[str, str], usage: str, tokens: Sequence[Token] = ()
    ) -> None:
        self.positionals = positionals
        self.options = options
        self.usage = usage
        self.tokens = list(tokens)

    @classmethod
    def parse(cls, text: str, *, allowed: AbstractSet[str], usage: str) -> Args:
        """Tokenize ``text``; unknown or repeated option keys are errors."""
        try:
            tokens = tokenize(text)
        except ParseError as error:
            raise ParseError(error.message, usage, zh=error.zh) from None
        positionals: list[Token] = []
        options: dict[str, str] = {}
        for token in tokens:
            if token.key is None:
                positionals.append(token)
                continue
            if token.key not in allowed:
                keys = [f"{key}=" for key in sorted(allowed)]
                raise ParseError(
                    f'unknown option "{token.key}=" — allowed here: {", ".join(keys) or "none"}',
                    usage,
                    zh=f"未知选项“{token.key}=” —— 此处可用：{'、'.join(keys) or '无（此命令不接受选项）'}",
                )
            if token.key in options:
                raise ParseError(
                    f"{token.key}= is given twice — give it once",
                    usage,
                    zh=f"{token.key}= 出现了两次 —— 请只写一次",
                )
            options[token.key] = token.value
        return cls(positionals, options, usage, tokens)

    def unquoted_words_after(self, key: str) -> list[str]:
        """The bare words right after an unquoted ``key=value`` (up to the next option or quoted
        word): in ``dept=Sales Ops due=…`` that is ``["Ops"]``, which may belong to the name."""
        words: list[str] = []
        found = False
        for token in self.tokens:
            if found:
                if token.key is not None or token.quoted:
                    break
                words.append(token.value)
            elif token.key == key:
                if token.quoted:
                    return []
                found = True
        return words

    def get(self, key: str) -> str | None:
        """The option's raw value, or ``None`` when it was not given."""
        return self.options.get(key)

    def require(self, key: str) -> str:
        """The option's raw value; missing or empty is an error."""
        value = self.options.get(key)
        if value is None:
            raise ParseError(
                f"missing {key}=… — usage: {self.usage}", self.usage, zh=f"缺少 {key}=… —— 用法：{self.usage}"
            )
        if not value.strip():
            raise ParseError(
                f"{key}= is empty — usage: {self.usage}",
                self.usage,
                zh=f"{key}= 的值为空 —— 用法：{self.usage}",
            )
        return value

    def __repr__(self) -> str:
        return f"Args(positionals={self.positionals!r}, options={self.options!r})"
