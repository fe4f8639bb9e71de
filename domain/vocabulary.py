"""The process's words: problem categories and measure statuses, every word people may write
for them (in one place, :data:`CATEGORY_WORDS` and :data:`STATUS_WORDS`), and reading a thread
reply under the sync prompt.

Categories (code, English, Chinese, then the other accepted words):

- ``info`` Information flow 信息传递: information, communication, 信息, 沟通
- ``roles`` Responsibilities 责任分工: role, responsibility, 责任, 分工, 职责
- ``process`` Process/mechanism 流程机制: processes, mechanism, 流程, 机制
- ``resources`` Resources 资源支持: resource, 资源, 支持

Statuses — ONE list, read by ``measure set status=`` (the whole value) and in thread replies
(anywhere in the text):

- ``todo`` Not started 未开始: to do, notstarted, pending, 待办
- ``doing`` In progress 进行中: inprogress, progress, wip, ongoing, started, 进行, 处理中, 在做, 推进中
- ``done`` Done 已完成: complete, completed, finished, 完成
- ``blocked`` Blocked 受阻: stuck, 阻塞, 卡住

Words compare without regard to case, width (full-width letters), or ``_ - /`` and spaces
between their parts (``in_progress``, ``In-Progress``, ``to-do``).

A thread reply (:func:`status_in`):

- never sets ``todo``: a reply is progress. Its words are read, and ignored, so that
  ``not started`` is not read as ``started``;
- ignores a word that is negated: English ``not``, ``never``, ``no``, ``nothing``, ``cannot``,
  ``without``, ``no longer``, ``isn't`` / ``hasn't`` / ``won't`` / … (with ``'`` or ``’`` or
  none), then any of ``yet been be being quite really fully even completely entirely totally
  made making any much real get got gotten getting`` (``not done yet``, ``not yet done``,
  ``hasn't been completed``, ``no progress``, ``isn’t finished``); Chinese ``没有 尚未 还未 并未
  从未 未 没 不再 不 无``, then any of ``已经 已 在 再 是 会`` (``还没有完成``, ``尚未完成``,
  ``未完成``, ``没在做``, ``不再受阻``, ``无阻塞``);
- matches English words whole (``undone`` and ``abandoned`` say nothing, ``incomplete`` is not
  ``complete``) and Chinese words anywhere (``完成了`` is ``完成``);
- takes the LAST status word that is left (``was blocked, now done`` → done).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final, NamedTuple, TypeVar

from domain.command_text import nfkc, shown
from domain.errors import InputError
from domain.limits import REF_NUMBER_DIGITS
from domain.values import REF_DASHES, RefKind

__all__ = [
    "CATEGORY_LABELS",
    "CATEGORY_WORDS",
    "OPEN_STATUSES",
    "STATUS_LABELS",
    "STATUS_WORDS",
    "Category",
    "Label",
    "Status",
    "parse_category",
    "parse_status",
    "references",
    "status_in",
]


class Label(NamedTuple):
    """How a code is shown: in English and in Chinese."""

    en: str
    zh: str


class _Code(StrEnum):
    """A code of the vocabulary, shown by its :class:`Label`."""

    @property
    def label(self) -> Label:
        return _LABELS[self]


class Category(_Code):
    """A problem's category (the four of the process), in display order."""

    INFO = "info"
    ROLES = "roles"
    PROCESS = "process"
    RESOURCES = "resources"


class Status(_Code):
    """A measure's status, in display order."""

    TODO = "todo"
    DOING = "doing"
    DONE = "done"
    BLOCKED = "blocked"


CATEGORY_LABELS: Final[Mapping[Category, Label]] = MappingProxyType(
    {
        Category.INFO: Label("Information flow", "信息传递"),
        Category.ROLES: Label("Responsibilities", "责任分工"),
        Category.PROCESS: Label("Process/mechanism", "流程机制"),
        Category.RESOURCES: Label("Resources", "资源支持"),
    }
)

STATUS_LABELS: Final[Mapping[Status, Label]] = MappingProxyType(
    {
        Status.TODO: Label("Not started", "未开始"),
        Status.DOING: Label("In progress", "进行中"),
        Status.DONE: Label("Done", "已完成"),
        Status.BLOCKED: Label("Blocked", "受阻"),
    }
)

_LABELS: Final[Mapping[_Code, Label]] = MappingProxyType(
    {code: label for table in (CATEGORY_LABELS, STATUS_LABELS) for code, label in table.items()}
)

OPEN_STATUSES: Final = (Status.TODO, Status.DOING, Status.BLOCKED)
"""The statuses of a measure that still needs work (prompts, nudges, digests)."""

# Every word accepted besides the code and the two labels (which are always accepted).
_MORE_CATEGORY_WORDS: Final[Mapping[Category, tuple[str, ...]]] = {
    Category.INFO: ("information", "communication", "信息", "沟通"),
    Category.ROLES: ("role", "responsibility", "责任", "分工", "职责"),
    Category.PROCESS: ("processes", "mechanism", "流程", "机制"),
    Category.RESOURCES: ("resource", "资源", "支持"),
}
_MORE_STATUS_WORDS: Final[Mapping[Status, tuple[str, ...]]] = {
    Status.TODO: ("to do", "notstarted", "pending", "待办"),
    Status.DOING: ("inprogress", "progress", "wip", "ongoing", "started", "进行", "处理中", "在做", "推进中"),
    Status.DONE: ("complete", "completed", "finished", "完成"),
    Status.BLOCKED: ("stuck", "阻塞", "卡住"),
}


_C = TypeVar("_C", bound=_Code)


def _norm_word(value: str) -> str:
    """Normalise a word for lookup: width, case, ``_ - /`` and runs of spaces."""
    text = nfkc(value).casefold()
    return re.sub(r"[\s_\-/]+", " ", text).strip()


def _words(labels: Mapping[_C, Label], more: Mapping[_C, tuple[str, ...]]) -> Mapping[_C, tuple[str, ...]]:
    table: dict[_C, tuple[str, ...]] = {}
    for code, (en, zh) in labels.items():
        words = (code.value, en, zh, *more[code])
        table[code] = tuple(dict.fromkeys(_norm_word(word) for word in words))
    return MappingProxyType(table)


CATEGORY_WORDS: Final = _words(CATEGORY_LABELS, _MORE_CATEGORY_WORDS)
"""Every word accepted for each category (normalised: lower case, single spaces)."""

STATUS_WORDS: Final = _words(STATUS_LABELS, _MORE_STATUS_WORDS)
"""Every word accepted for each status (normalised), in commands and thread replies alike."""

_CATEGORY_BY_WORD: Final = MappingProxyType({w: c for c, ws in CATEGORY_WORDS.items() for w in ws})
_STATUS_BY_WORD: Final = MappingProxyType({w: s for s, ws in STATUS_WORDS.items() for w in ws})


def parse_category(value: str) -> Category:
    """Category from a code, English word or Chinese word (``信息传递`` → ``info``)."""
    category = _CATEGORY_BY_WORD.get(_norm_word(value))
    if category is None:
        raise InputError("input.unknown_category", " | ".join(Category), value=shown(value))
    return category


def parse_status(value: str) -> Status:
    """Status from a code, label, Chinese word or alias (``in progress`` → ``doing``)."""
    status = _STATUS_BY_WORD.get(_norm_word(value))
    if status is None:
        raise InputError("input.unknown_status", "status=" + "|".join(Status), value=shown(value))
    return status


# ------------------------------------------------------------------ thread replies


def _ref_in_text(kind: RefKind) -> re.Pattern[str]:
    return re.compile(
        f"(?<![a-z0-9]){kind.value}[{REF_DASHES}]?\\s?([0-9]{{1,{REF_NUMBER_DIGITS}}})(?![a-z0-9])",
        re.IGNORECASE,
    )


_REFS_IN_TEXT: Final = MappingProxyType({kind: _ref_in_text(kind) for kind in RefKind})


def references(text: str, *, kind: RefKind = RefKind.MEASURE) -> list[int]:
    """The numbers of the references of ``kind`` named in free text (``MSR-3``, ``msr 4``,
    ``MSR－7``, ``MSR5``), first mention first, each once."""
    found = _REFS_IN_TEXT[kind].finditer(nfkc(text))
    return list(dict.fromkeys(int(m.group(1)) for m in found))


def _word_pattern(word: str) -> str:
    """A normalised word as a pattern: its parts joined by any ``_ - /`` or spaces; an English
    word only whole."""
    body = r"[\s_\-/]+".join(re.escape(part) for part in word.split(" "))
    return rf"(?<![a-z0-9]){body}(?![a-z0-9])" if word.isascii() else body


_EN_NOT: Final = (
    r"(?<![a-z0-9'’])(?:no\s+longer|not|never|no|nothing|cannot|without"
    r"|(?:is|are|was|were|has|have|had|do|does|did|could|would|should|must|need)n['’]?t"
    r"|(?:ca|wo|ai)n['’]t)\s+"
    r"(?:(?:yet|been|be|being|quite|really|fully|even|completely|entirely|totally|made|making"
    r"|any|much|real|get|got|gotten|getting)\s+)*"
)
_ZH_NOT: Final = r"(?:没有|尚未|还未|并未|从未|未|没|不再|不|无)\s*(?:已经|已|在|再|是|会)?"
_ALL_WORDS: Final = sorted(_STATUS_BY_WORD, key=len, reverse=True)  # longest first
_STATUS_IN_TEXT: Final = re.compile(
    f"(?P<negated>{_EN_NOT}|{_ZH_NOT})?(?P<word>{'|'.join(map(_word_pattern, _ALL_WORDS))})",
    re.IGNORECASE,
)


def status_in(text: str) -> Status | None:
    """The status a thread reply states (the last status word that is not negated; never
    ``todo``), or ``None``. See the module's docstring for the words."""
    found: Status | None = None
    for match in _STATUS_IN_TEXT.finditer(nfkc(text)):
        status = _STATUS_BY_WORD[_norm_word(match.group("word"))]
        if match.group("negated") is None and status is not Status.TODO:
            found = status
    return found
