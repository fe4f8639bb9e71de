"""The text of a ``/collab`` command: words, quotes, ``key=value`` options and Slack's escaping.

Slack sends slash-command text with ``should_escape: true``: mentions arrive as
``<@U123|name>``, channels as ``<#C123|name>``, special mentions as ``<!here>``, and the
characters ``& < >`` typed by the user as ``&amp; &lt; &gt;``. :func:`tokenize` keeps that
escaped form (so ``domain.values.parse_user`` and friends can read the IDs);
:func:`unescape_slack` turns free text into what the user meant, for storage.

Stored text produced by :func:`unescape_slack` may contain ``<!channel>`` or ``@here``
literally; whoever renders it back into Slack must escape ``& < >`` again so that it never
pings anyone.

Bad input raises :class:`domain.errors.InputError` (keys ``input.*``, worded in
``ui/words/input.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Final

from domain.errors import InputError
from domain.limits import SHOWN_LIMIT, SHOWN_QUOTE_LIMIT
from domain.listing import Listing

__all__ = [
    "Args",
    "Token",
    "nfkc",
    "shown",
    "split_list",
    "tokenize",
    "unescape_slack",
]


def nfkc(value: str) -> str:
    """Fold full-width digits and punctuation to ASCII (NFKC) and trim whitespace."""
    return unicodedata.normalize("NFKC", value).strip()


def shown(value: str, limit: int = SHOWN_LIMIT) -> str:
    """The user's input as they typed it (unescaped, spaces collapsed, shortened), for errors."""
    text = " ".join(unescape_slack(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


# --------------------------------------------------------------------------- tokens

_STRAIGHT_QUOTE: Final = '"'
_QUOTES: Final = '"“”„‟'  # straight and typographic double quotes; never apostrophes
_KEY_RE: Final = re.compile("([A-Za-z_]+)[=\uff1d]")  # = or full-width =
_LIST_SEP_RE: Final = re.compile("[,\uff0c\u3001]")  # , or full-width , or 、
_LIST_ENDINGS: Final = (",", "\uff0c", "\u3001")
# Preferred closing quote for each opening quote (used in error hints).
_CLOSING_QUOTE: Final = {'"': '"', "“": "”", "„": "“", "”": "”", "‟": "”"}


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


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """Read the quoted part opening at ``start``; return its text and the index after it.

    A straight quote is closed only by a straight quote, so ``"a “b” c"`` keeps its inner
    quotes; a typographic quote is closed by any double quote (``“…”``, ``„…“``, ``”…”``,
    ``“…"``). Slack ``<…>`` spans inside are copied whole, quote characters and all.
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
    raise InputError(
        "input.unclosed_quote",
        f"{opener}<text>{closer}",
        text=shown(text[start:], SHOWN_QUOTE_LIMIT),
        closer=closer,
    )


def tokenize(text: str) -> list[Token]:
    """Split command text into tokens.

    Splits on any whitespace (including U+3000 and NBSP). Quoted parts (``"…"``, ``“…”``,
    ``„…“``) keep their spaces; a Slack ``<…>`` span (``<@U1|John Smith>``) always stays whole,
    even inside quotes. ``key=value`` words (also with a full-width =) become key tokens whose
    value may be quoted: ``goal="ship it in Q3"``. Values stay Slack-escaped; apostrophes
    (``'`` and the typographic ones) are never quotes. A list option written with a space after
    its comma (``depts=Sales, R&D``) goes on into the next word.
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


def split_list(value: str) -> list[str]:
    """Split on commas (``,``, full-width, ``、``); items are stripped, empties dropped."""
    return [item.strip() for item in _LIST_SEP_RE.split(value) if item.strip()]


# ----------------------------------------------------------------------------- Args


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
        """Tokenize ``text``; unknown or repeated option keys are errors (showing ``usage``)."""
        try:
            tokens = tokenize(text)
        except InputError as error:
            raise error.with_usage(usage) from None
        positionals: list[Token] = []
        options: dict[str, str] = {}
        for token in tokens:
            if token.key is None:
                positionals.append(token)
                continue
            if token.key not in allowed:
                if not allowed:
                    raise InputError("input.no_options", usage, option=token.key)
                keys = Listing(f"{key}=" for key in sorted(allowed))
                raise InputError("input.unknown_option", usage, option=token.key, allowed=keys)
            if token.key in options:
                raise InputError("input.option_twice", usage, option=token.key)
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
            raise InputError("input.missing_option", self.usage, option=key, command=self.usage)
        if not value.strip():
            raise InputError("input.empty_option", self.usage, option=key, command=self.usage)
        return value

    def __repr__(self) -> str:
        return f"Args(positionals={self.positionals!r}, options={self.options!r})"
