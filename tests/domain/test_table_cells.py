"""The improvement process table's cells as a spreadsheet holds them (``collab-bot import``)."""

from __future__ import annotations

import datetime

import pytest

from domain.errors import InputError
from domain.table_cells import (
    Column,
    OwnerCell,
    cell_text,
    find_columns,
    parse_deadline,
    parse_notes,
    parse_owner,
    parse_problem,
    parse_status_cell,
    person_key,
    slack_user_id,
    split_departments,
    split_ref,
)
from domain.values import RefKind
from domain.vocabulary import Category, Status

ROOT = ("Root cause", "根本原因")
DELIVERABLE = ("Deliverable", "交付标准")
EXPORT = [
    "项目名称 Project",
    "涉及部门 Departments",
    "问题描述 Problem",
    "责任部门/人 Owner dept/person",
    "协作目标 Goal",
    "改进措施 Measure",
    "时间节点 Deadline",
    "完成状态 Status",
    "备注 Notes",
]


def test_columns_are_found_by_header_in_either_language_and_any_order() -> None:
    assert find_columns(EXPORT) == {column: i for i, column in enumerate(Column)}
    chinese = ["序号", "改进措施", "项目名称", "问题描述", "责任部门/人", "时间节点"]
    assert find_columns(chinese) == {
        Column.MEASURE: 1,
        Column.PROJECT: 2,
        Column.PROBLEM: 3,
        Column.OWNER: 4,
        Column.DEADLINE: 5,
    }
    english = ["project", " PROBLEM ", "Owner", "Measure", "Due date", "Status", None]
    assert set(find_columns(english)) == {
        Column.PROJECT,
        Column.PROBLEM,
        Column.OWNER,
        Column.MEASURE,
        Column.DEADLINE,
        Column.STATUS,
    }


def test_a_header_without_the_needed_columns_or_with_one_twice_is_refused() -> None:
    with pytest.raises(InputError) as missing:
        find_columns(["项目名称", "问题描述", "备注"])
    assert missing.value.key == "import.missing_columns"
    assert missing.value.values["columns"] == (
        "责任部门/人 Owner dept/person, 改进措施 Measure, 时间节点 Deadline"
    )
    with pytest.raises(InputError) as twice:
        find_columns([*EXPORT, "Project"])
    assert twice.value.key == "import.column_twice"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (" x ", "x"),
        (3.0, "3"),
        (2.5, "2.5"),
        (datetime.datetime(2026, 3, 1, 0, 0), "2026-03-01"),  # noqa: DTZ001 - a spreadsheet date
        ("'=SUM(A1)", "=SUM(A1)"),  # the export's formula guard comes off
        ("'plain", "'plain"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_references_in_front_of_a_cell() -> None:
    assert split_ref("PRJ-3 New launch", RefKind.PROJECT) == (3, "New launch")
    assert split_ref("prj３ launch", RefKind.PROJECT) == (3, "launch")
    assert split_ref("PRJ-3", RefKind.PROJECT) == (3, "")
    assert split_ref("PRB-3 x", RefKind.PROJECT) == (None, "PRB-3 x")
    assert split_ref("PRJ-0 x", RefKind.PROJECT) == (None, "PRJ-0 x")
    assert split_ref("PRJ-3x", RefKind.PROJECT) == (None, "PRJ-3x")


@pytest.mark.parametrize(
    "value",
    [
        "2026-03-01",
        "2026/3/1",
        "2026.3.1",
        "2026年3月1日",
        "2026 年 3 月 1 日",
        "２０２６-０３-０１",
        "2026-03-01 00:00:00",
    ],
)
def test_deadlines(value: str) -> None:
    assert parse_deadline(value) == datetime.date(2026, 3, 1)


def test_deadline_cells_and_bad_deadlines() -> None:
    assert parse_deadline(datetime.date(2026, 3, 1)) == datetime.date(2026, 3, 1)
    assert parse_deadline(datetime.datetime(2026, 3, 1, 12)) == datetime.date(2026, 3, 1)  # noqa: DTZ001
    for bad, key in (
        ("", "import.no_deadline"),
        ("31/12/2026", "input.bad_date"),
        ("2026-02-30", "input.bad_date"),
    ):
        with pytest.raises(InputError) as e:
            parse_deadline(bad)
        assert e.value.key == key


@pytest.mark.parametrize(
    ("cell", "category", "description", "cause"),
    [
        (
            "PRB-1 [流程机制 Process/mechanism] 审批链太长\nRoot cause: 没有负责人",
            Category.PROCESS,
            "审批链太长",
            "没有负责人",
        ),
        ("[信息传递] 发布时间没人知道", Category.INFO, "发布时间没人知道", ""),
        ("【资源支持】测试环境不够\n根本原因：预算", Category.RESOURCES, "测试环境不够", "预算"),
        ("信息传递：发布时间没人知道", Category.INFO, "发布时间没人知道", ""),
        ("info: nobody knows", Category.INFO, "nobody knows", ""),
        ("roles:   who signs?\nline two", Category.ROLES, "who signs?\nline two", ""),
    ],
)
def test_problem_cells(cell: str, category: Category, description: str, cause: str) -> None:
    parsed = parse_problem(cell, root_cause_labels=ROOT)
    assert (parsed.category, parsed.description, parsed.root_cause) == (category, description, cause)


def test_problem_cells_without_a_category_or_description() -> None:
    for cell, key in (
        ("nobody owns billing", "import.no_category"),
        ("[Ops] x", "import.no_category"),
        ("info:", "import.no_description"),
    ):
        with pytest.raises(InputError) as e:
            parse_problem(cell, root_cause_labels=ROOT)
        assert e.value.key == key
    assert parse_problem("PRB-7 info: x", root_cause_labels=ROOT).number == 7


def test_owner_cells() -> None:
    assert parse_owner("Sales / olga-owner") == OwnerCell("Sales", "olga-owner")
    assert parse_owner("R&D/QA / Li Si") == OwnerCell("R&D/QA", "Li Si")
    assert parse_owner("市场部/张三") == OwnerCell("市场部", "张三")
    assert parse_owner("市场部／张三") == OwnerCell("市场部", "张三")
    assert parse_owner("Sales / ") == OwnerCell("Sales", "")
    assert parse_owner("zhang.san@example.com") == OwnerCell(None, "zhang.san@example.com")
    assert parse_owner("") == OwnerCell(None, "")


def test_departments_notes_statuses_people() -> None:
    assert split_departments("Sales、研发部，Ops, Sales") == ["Sales", "研发部", "Ops"]
    assert parse_notes("Deliverable: notes\nstarted Monday", deliverable_labels=DELIVERABLE) == (
        "notes",
        "started Monday",
    )
    assert parse_notes("交付标准：纪要", deliverable_labels=DELIVERABLE) == ("纪要", "")
    assert parse_notes("just a note", deliverable_labels=DELIVERABLE) == ("", "just a note")
    assert parse_status_cell("") is Status.TODO
    assert [parse_status_cell(w) for w in ("Done", "进行中", "stuck", "未开始")] == [
        Status.DONE,
        Status.DOING,
        Status.BLOCKED,
        Status.TODO,
    ]
    assert slack_user_id("<@U0123ABCD|olga>") == "U0123ABCD"
    assert slack_user_id("U0123ABCD") == "U0123ABCD"
    assert slack_user_id("Ulrike") is None
    assert slack_user_id("U0OLGA") == "U0OLGA"  # the sandbox's people
    assert slack_user_id("WANGWEI") is None  # a name in capitals, not an ID
    assert slack_user_id("U12") is None
    assert person_key("  @Zhang   San ") == person_key("zhang san") == "zhang san"
