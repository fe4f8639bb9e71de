"""domain.vocabulary: categories, statuses, every accepted word, and reading a thread reply."""

from __future__ import annotations

import pytest

import domain.vocabulary
from domain.values import RefKind
from domain.vocabulary import (
    CATEGORY_LABELS,
    CATEGORY_WORDS,
    OPEN_STATUSES,
    STATUS_LABELS,
    STATUS_WORDS,
    Category,
    Status,
    parse_category,
    parse_status,
    references,
    status_in,
)
from tests.domain.rendered import en, rejected, zh
from ui.catalogue import CATALOGUE

# ------------------------------------------------------------------------ tables


def test_categories_table() -> None:
    assert list(Category) == ["info", "roles", "process", "resources"]
    assert CATEGORY_LABELS[Category.INFO] == ("Information flow", "信息传递")
    assert CATEGORY_LABELS[Category.ROLES] == ("Responsibilities", "责任分工")
    assert CATEGORY_LABELS[Category.PROCESS] == ("Process/mechanism", "流程机制")
    assert CATEGORY_LABELS[Category.RESOURCES] == ("Resources", "资源支持")
    assert (Category.INFO.label.en, Category.INFO.label.zh) == ("Information flow", "信息传递")
    assert list(CATEGORY_LABELS) == list(Category)


def test_statuses_table() -> None:
    assert list(Status) == ["todo", "doing", "done", "blocked"]
    assert STATUS_LABELS[Status.TODO] == ("Not started", "未开始")
    assert STATUS_LABELS[Status.DOING] == ("In progress", "进行中")
    assert STATUS_LABELS[Status.DONE] == ("Done", "已完成")
    assert STATUS_LABELS[Status.BLOCKED] == ("Blocked", "受阻")
    assert Status.BLOCKED.label.zh == "受阻"
    assert list(STATUS_LABELS) == list(Status)
    assert OPEN_STATUSES == ("todo", "doing", "blocked")


def test_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        CATEGORY_LABELS["x"] = ("a", "b")  # type: ignore[index]
    with pytest.raises(TypeError):
        STATUS_WORDS[Status.DONE] = ("x",)  # type: ignore[index]


def test_codes_are_strings() -> None:
    assert (str(Status.DONE), f"{Status.DONE}", Status("done")) == ("done", "done", Status.DONE)
    assert Category("info") is Category.INFO


def test_no_word_means_two_things() -> None:
    for table in (CATEGORY_WORDS, STATUS_WORDS):
        words = [word for ws in table.values() for word in ws]
        assert len(words) == len(set(words))


@pytest.mark.parametrize("key", ["input.unknown_category", "input.unknown_status"])
def test_the_error_lists_every_code_with_its_label(key: str) -> None:
    labels = CATEGORY_LABELS if key == "input.unknown_category" else STATUS_LABELS
    entry = CATALOGUE[key]
    assert entry["en"].endswith(", ".join(f"{code} ({zh})" for code, (_, zh) in labels.items()))
    assert entry["zh"].endswith("、".join(f"{zh}（{code}）" for code, (_, zh) in labels.items()))


# ------------------------------------------------------------------ categories


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("info", "info"),
        ("INFO", "info"),
        ("information", "info"),
        ("Information flow", "info"),
        ("information_flow", "info"),
        ("信息传递", "info"),
        ("communication", "info"),
        ("roles", "roles"),
        ("responsibilities", "roles"),
        ("责任分工", "roles"),
        ("职责", "roles"),
        ("process", "process"),
        ("Process/mechanism", "process"),
        ("mechanism", "process"),
        ("流程机制", "process"),
        ("resources", "resources"),
        ("Resource", "resources"),
        ("资源支持", "resources"),
        (" 资源 ", "resources"),
    ],
)
def test_parse_category(value: str, expected: str) -> None:
    assert parse_category(value) == expected
    assert isinstance(parse_category(value), Category)


@pytest.mark.parametrize(("category", "word"), [(c, w) for c, ws in CATEGORY_WORDS.items() for w in ws])
def test_every_category_word_is_accepted(category: Category, word: str) -> None:
    assert parse_category(word) is category
    assert parse_category(word.upper()) is category


@pytest.mark.parametrize("value", ["money", "", "信"])
def test_parse_category_rejects(value: str) -> None:
    error = rejected(lambda: parse_category(value))
    assert en(error) == (
        f'unknown category "{value}" — use one of: info (信息传递), roles (责任分工), '
        "process (流程机制), resources (资源支持)"
    )
    assert zh(error) == (
        f"未知类别“{value}” —— 请使用：信息传递（info）、责任分工（roles）、流程机制（process）、资源支持（resources）"
    )
    assert error.usage == "info | roles | process | resources"


# -------------------------------------------------------------------- statuses


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("todo", "todo"),
        ("TODO", "todo"),
        ("to-do", "todo"),
        ("not started", "todo"),
        ("Not_Started", "todo"),
        ("未开始", "todo"),
        ("doing", "doing"),
        ("in progress", "doing"),
        ("in_progress", "doing"),
        ("In-Progress", "doing"),
        ("进行中", "doing"),
        ("进行", "doing"),
        ("done", "done"),
        ("Done", "done"),
        ("完成", "done"),
        ("已完成", "done"),
        ("completed", "done"),
        ("blocked", "blocked"),
        ("受阻", "blocked"),
        ("ＤＯＮＥ", "done"),  # full-width letters
    ],
)
def test_parse_status(value: str, expected: str) -> None:
    assert parse_status(value) == expected
    assert isinstance(parse_status(value), Status)


@pytest.mark.parametrize("value", ["finished?", "未完成", "cancelled", "", "完成了", "not done"])
def test_parse_status_rejects(value: str) -> None:
    error = rejected(lambda: parse_status(value))
    assert en(error) == (
        f'unknown status "{value}" — use one of: todo (未开始), doing (进行中), done (已完成), blocked (受阻)'
    )
    assert (
        zh(error)
        == f"未知状态“{value}” —— 请使用：未开始（todo）、进行中（doing）、已完成（done）、受阻（blocked）"
    )
    assert error.usage == "status=todo|doing|done|blocked"


# The one list (the module's docstring says the same).
EXPECTED_STATUS_WORDS = {
    Status.TODO: {"todo", "not started", "未开始", "to do", "notstarted", "pending", "待办"},
    Status.DOING: {
        *("doing", "in progress", "inprogress", "progress", "wip", "ongoing", "started"),
        *("进行中", "进行", "处理中", "在做", "推进中"),
    },
    Status.DONE: {"done", "complete", "completed", "finished", "完成", "已完成"},
    Status.BLOCKED: {"blocked", "stuck", "阻塞", "受阻", "卡住"},
}


def test_the_status_words() -> None:
    assert {status: set(words) for status, words in STATUS_WORDS.items()} == EXPECTED_STATUS_WORDS


def test_the_docstring_lists_every_status_word() -> None:
    doc = domain.vocabulary.__doc__ or ""
    for words in STATUS_WORDS.values():
        for word in words:
            assert word in doc.casefold(), word


# Words that only one of the two places accepted before they became one list.
@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("在做", "doing"),
        ("推进中", "doing"),
        ("wip", "doing"),
        ("started", "doing"),
        ("处理中", "doing"),
        ("卡住", "blocked"),
        ("阻塞", "blocked"),
        ("stuck", "blocked"),
        ("finished", "done"),
        ("completed", "done"),
    ],
)
def test_words_once_accepted_in_one_place_are_accepted_in_both(word: str, status: str) -> None:
    assert parse_status(word) == status
    assert status_in(f"MSR-1 {word}") == status


@pytest.mark.parametrize(("status", "word"), [(s, w) for s, ws in STATUS_WORDS.items() for w in ws])
def test_every_status_word_works_in_the_command_and_in_a_reply(status: Status, word: str) -> None:
    assert parse_status(word) is status
    assert parse_status(word.upper()) is status
    assert parse_status(word.replace(" ", "_")) is status
    expected = None if status is Status.TODO else status  # a reply is progress: never todo
    for reply in (
        word,
        f"MSR-1 {word}",
        f"MSR-1: {word.upper()}!",
        f"update — {word}, see doc",
        f"说明：{word}。",
    ):
        assert status_in(reply) == expected, reply


@pytest.mark.parametrize(("status", "word"), [(s, w) for s, ws in STATUS_WORDS.items() for w in ws])
def test_every_status_word_can_be_negated(status: Status, word: str) -> None:
    if word.isascii():
        negations = [f"not {word}", f"not {word} yet", f"not yet {word}", f"isn't {word}", f"isn’t {word}"]
        negations += [f"hasn't been {word}", f"never {word}", f"no longer {word}", f"won't be {word}"]
    else:
        negations = [f"还没有{word}", f"尚未{word}", f"未{word}", f"没{word}", f"没有{word}", f"不再{word}"]
    for reply in negations:
        assert status_in(reply) is None, reply
        assert status_in(f"{reply}, blocked") == Status.BLOCKED, reply
        assert status_in(f"done, {reply}") == Status.DONE, reply  # a negated word does not count


# --------------------------------------------------------------- thread replies


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("MSR-12 done", [12]),
        ("msr-3 and MSR 4, MSR5", [3, 4, 5]),
        ("MSR－7 已完成", [7]),  # full-width hyphen
        ("MSR-1 done, MSR-1 really", [1]),
        ("PRB-2 is not a measure; XMSR-3 neither", []),
        ("no reference", []),
        ("MSR-1已完成，MSR–2 进行中", [1, 2]),  # no space before Chinese; an en dash
        ("ＭＳＲ－８", [8]),  # full width
        ("MSR-1234567890", []),
        ("MSR-3x", []),
    ],
)
def test_references(text: str, refs: list[int]) -> None:
    assert references(text) == refs


def test_references_of_another_kind() -> None:
    assert references("RSK-2 and MSR-3, rsk 4", kind=RefKind.RISK) == [2, 4]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("done", "done"),
        ("Finished the draft", "done"),
        ("completed!", "done"),
        ("已完成", "done"),
        ("完成了", "done"),
        ("doing it", "doing"),
        ("in progress", "doing"),
        ("进行中", "doing"),
        ("blocked by legal", "blocked"),
        ("受阻", "blocked"),
        ("卡住了", "blocked"),
        ("was blocked, now done", "done"),  # the last status word wins
        ("done with part one, now blocked", "blocked"),
        ("talked to the supplier", None),
        ("not done yet", None),
        ("not yet done", None),
        ("isn't finished", None),
        ("isn’t done yet", None),  # typographic apostrophe, as Slack clients send it
        ("hasn't been completed", None),
        ("no longer blocked", None),
        ("未完成", None),
        ("还没有完成", None),
        ("没完成", None),
        ("尚未完成", None),
        ("没有受阻，进行中", "doing"),
        ("abandoned", None),
        ("undone", None),
    ],
)
def test_status_in(text: str, expected: str | None) -> None:
    assert status_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no progress this week", None),
        ("no real progress", None),
        ("haven't made any progress", None),
        ("made good progress", "doing"),
        ("I started on it", "doing"),
        ("not started yet", None),
        ("haven't started", None),
        ("still pending", None),  # todo: a reply never sets it
        ("pending review, now in-progress", "doing"),
        ("incomplete", None),
        ("nothing done yet", None),
        ("not blocked any more, doing", "doing"),
        ("没在做", None),
        ("不再卡住，推进中", "doing"),
        ("无阻塞，处理中", "doing"),
        ("MSR-1 受阻：等待法务审批", "blocked"),
        ("MSR-1 完成了，已上线", "done"),
        ("MSR-1 进行中，下周二交付", "doing"),
        ("MSR-2 isn't finished yet, still waiting", None),
        ("MSR-1 talked to the supplier, draft by Tuesday", None),
        ("MSR-2: agenda drafted", None),
        ("MSR-1 dnoe", None),
        ("what's the status here?", None),
        ("current progress: 50%", "doing"),
    ],
)
def test_status_in_free_text(text: str, expected: str | None) -> None:
    assert status_in(text) == expected
