"""TEMPORARY until domain.vocabulary lands: status words and references in free text."""

from __future__ import annotations

import re

_REF = re.compile(r"\bMSR[-－‐–—]?\s?(\d{1,9})\b", re.IGNORECASE)
_STATUS_WORDS = [
    (re.compile(r"(?<![未没])(已完成|完成了|完成)"), "done"),
    (re.compile(r"\b(done|finished|completed)\b", re.IGNORECASE), "done"),
    (re.compile(r"进行中|在做|推进中"), "doing"),
    (re.compile(r"\b(doing|in progress|wip|started)\b", re.IGNORECASE), "doing"),
    (re.compile(r"受阻|阻塞|卡住"), "blocked"),
    (re.compile(r"\b(blocked|stuck)\b", re.IGNORECASE), "blocked"),
]
# "not done yet", "isn't finished", "还没有完成", "尚未完成": status words that say the opposite.
_NEGATED = re.compile(
    r"\b(not|(is|are|has|have|had)n['’]?t|never|no\s+longer)\s+(yet\s+|been\s+|quite\s+)*"
    r"(done|finished|completed|blocked|stuck)\b"
    r"|(没有|尚未|还未|未|没|不再|不)\s*(已)?(完成|受阻)",
    re.IGNORECASE,
)


def references(text: str) -> list[int]:
    return list(dict.fromkeys(int(m.group(1)) for m in _REF.finditer(text)))


def status_in(text: str) -> str | None:
    """The status a reply states (the last status word wins), or ``None``."""
    cleaned = _NEGATED.sub(" ", text)
    best: tuple[int, str] | None = None
    for pattern, status in _STATUS_WORDS:
        for m in pattern.finditer(cleaned):
            if best is None or m.start() > best[0]:
                best = (m.start(), status)
    return best[1] if best else None
