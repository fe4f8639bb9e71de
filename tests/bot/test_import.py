"""``collab-bot import FILE [--team T] [--apply]``: the improvement process table from a
spreadsheet, against the fake Slack (``users.list``) and both databases."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import storage.db
from bot import cli
from storage.models import Department, Measure, MeasureEvent, Problem, Project, ProjectDepartment
from tests import factories
from tests.harness import HEAD, LEAD, OWNER, Bot

HEADER = [
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


@pytest.fixture
def env(bot: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", bot.db.url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", bot.fake.api_url)
    return tmp_path


def collab(*args: str) -> int:
    return cli.main(list(args))


def table_world(bot: Bot, team: str = "T1") -> None:
    """A table with every kind of row: measures in each status, a problem without measures, a
    project without problems, text that looks like formulas, Chinese and English."""
    factories.workspace(bot.db, team=team)
    sales = factories.department(bot.db, "Sales", head=HEAD, channel="CSALES", team=team)
    rnd = factories.department(bot.db, "研发部", head="URND", channel="CRND", team=team)
    p1 = factories.project(
        bot.db, "新产品上线", depts=[sales, rnd], goal="Q3 上线，转化率提升 15%", team=team
    )
    p2 = factories.project(bot.db, "CRM", depts=[sales], lead=OWNER, goal="=one invoice flow", team=team)
    factories.project(bot.db, "Kick-off only", depts=[rnd], goal="align on Q1 scope", team=team)
    b1 = factories.problem(bot.db, p1, "审批链太长", cause="没有负责人", team=team)
    factories.problem(bot.db, p1, '=HYPERLINK("http://evil")', category="info", team=team)
    b3 = factories.problem(bot.db, p2, "Nobody owns billing", category="roles", team=team)
    factories.measure(
        bot.db,
        b1,
        sales,
        "每周例会",
        due=date(2026, 12, 1),
        deliverable="会议纪要",
        note="周一开始",
        team=team,
    )
    factories.measure(
        bot.db, b1, rnd, "Spec review", owner=LEAD, due=date(2026, 11, 18), status="doing", team=team
    )
    factories.measure(bot.db, b3, sales, "+Assign an owner", due=date(2026, 12, 20), status="done", team=team)
    factories.measure(
        bot.db, b3, rnd, "Unblock the <!channel> vendor", due=date(2027, 1, 5), status="blocked", team=team
    )


def records(bot: Bot, team: str) -> dict[str, int]:
    return {
        model.__tablename__: len(factories.all_rows(bot.db, model, team=team))  # type: ignore[arg-type]
        for model in (Department, Project, ProjectDepartment, Problem, Measure, MeasureEvent)
    }


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write_csv(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


# ---------------------------------------------------------------- the export comes back


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_imported_into_an_empty_workspace_reproduces_the_table(
    bot: Bot, env: Path, fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    analysed: list[str] = []  # the planner's statistics are refreshed after a written import only
    monkeypatch.setattr(storage.db, "refresh_statistics", lambda engine: analysed.append(engine.dialect.name))
    table_world(bot)
    factories.workspace(bot.db, team="T2")
    original = env / f"t1.{fmt}"
    assert collab("export", "--team", "T1", "--format", fmt, "-o", str(original)) == 0

    assert collab("import", str(original), "--team", "T2") == 0  # a dry run first
    out = capsys.readouterr().out
    assert "a dry run: nothing is written" in out
    assert "would create: 3 project(s), 2 department(s), 3 problem(s), 4 measure(s)" in out
    assert "new departments (no channel or head until an admin sets them): Sales, 研发部" in out
    assert "owners: 2 matched to Slack users, 0 not matched" in out
    assert records(bot, "T2")["measure"] == 0
    assert analysed == []

    assert collab("import", str(original), "--team", "T2", "--apply") == 0
    assert analysed == [bot.db.engine.dialect.name]
    assert "created: 3 project(s), 2 department(s), 3 problem(s), 4 measure(s)" in capsys.readouterr().out
    again = env / f"t2.{fmt}"
    assert collab("export", "--team", "T2", "--format", fmt, "-o", str(again)) == 0
    if fmt == "csv":
        assert again.read_bytes() == original.read_bytes()
    else:
        values = [[c.value for c in row] for row in openpyxl.load_workbook(again).active.iter_rows()]  # type: ignore[union-attr]
        before = [[c.value for c in row] for row in openpyxl.load_workbook(original).active.iter_rows()]  # type: ignore[union-attr]
        assert values == before and len(values) == 7

    # the records themselves: same references, owners, statuses; new departments unset
    t1 = {m.number: m for m in factories.all_rows(bot.db, Measure, team="T1")}
    t2 = {m.number: m for m in factories.all_rows(bot.db, Measure, team="T2")}
    assert {n: (m.owner_user_id, m.status, m.due, m.text, m.deliverable, m.note) for n, m in t2.items()} == {
        n: (m.owner_user_id, m.status, m.due, m.text, m.deliverable, m.note) for n, m in t1.items()
    }
    assert [
        (d.name, d.head_user_id, d.channel_id) for d in factories.all_rows(bot.db, Department, team="T2")
    ] == [
        ("Sales", "", ""),
        ("研发部", "", ""),
    ]
    assert [e.source for e in factories.all_rows(bot.db, MeasureEvent, team="T2")] == ["import"] * 4

    # importing it again creates nothing new: the references match
    before = records(bot, "T2")
    assert collab("import", str(original), "--team", "T2", "--apply") == 0
    out = capsys.readouterr().out
    assert "created: 0 project(s), 0 department(s), 0 problem(s), 0 measure(s)" in out
    assert (
        "already there (matched by reference or name, left unchanged): 3 project(s), 3 problem(s), 4 measure(s)"
        in out
    )
    assert records(bot, "T2") == before
    # and so does importing the workspace's own export into it
    before = records(bot, "T1")
    assert collab("import", str(original), "--team", "T1", "--apply") == 0
    assert records(bot, "T1") == before

    # the next record made in Slack comes after the imported ones
    bot.command('project add "Next" goal="g" due=2027-01-31 lead=<@ULEAD> depts=Sales', team="T2")
    assert sorted(p.number for p in factories.all_rows(bot.db, Project, team="T2")) == [1, 2, 3, 4]


# ---------------------------------------------------------------- a hand-kept table


def test_a_hand_kept_chinese_table_in_xlsx(bot: Bot, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bot.fake.add_user("UZHANG", "zhang.san", real_name="张三", email="zhang.san@example.com")
    bot.fake.add_user("ULI", "li.si", real_name="李四")
    factories.workspace(bot.db, lang="zh")
    factories.department(bot.db, "市场部", channel="CMKT")  # already there: matched by name
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    # the columns in another order, Chinese headers only, an extra column
    sheet.append(
        [
            "序号",
            "改进措施",
            "项目名称",
            "问题描述",
            "责任部门/人",
            "时间节点",
            "完成状态",
            "涉及部门",
            "备注",
        ]
    )
    sheet.append(
        [
            1,
            "共享发布日历",
            "新品上线",
            "信息传递：发布时间没人知道",
            "市场部/张三",
            datetime(2026, 3, 1),  # noqa: DTZ001 - a spreadsheet date has no zone
            "进行中",
            "市场部，研发部",
            "交付标准：日历链接\n每周更新",
        ]
    )
    sheet.append(
        [
            2,
            "指定审批人",
            "新品上线",
            "[责任分工] 审批没人负责",
            "zhang.san@example.com",
            "2026/3/5",
            "done",
            "市场部，研发部",
            "",
        ]
    )
    sheet.append(
        [
            3,
            "增加测试环境",
            "新品上线",
            "resources: 测试环境不够\n根本原因：预算",
            "研发部 / 王五",
            "2026年4月1日",
            "受阻",
            "",
            "",
        ]
    )
    sheet.append(
        [4, "每周对齐会", "新品上线", "信息传递：发布时间没人知道", "<@ULI>", "2026-03-02", "", "", ""]
    )
    sheet.append([None, None, None, None, None, None, None, None, None])  # an empty row is skipped
    sheet.append([5, "", "新品上线", "流程机制：评审太慢", "", "", "", "", ""])
    path = env / "手工表.xlsx"
    book.save(path)

    assert collab("import", str(path), "--apply") == 0  # the only workspace: no --team needed
    out = capsys.readouterr().out
    assert "已创建：项目 1 个，部门 1 个，问题 4 个，改进措施 4 条" in out
    assert "新部门（在管理员设置之前没有频道和负责人）：研发部" in out
    assert "责任人：3 位已匹配到 Slack 用户，1 位未匹配（保留在措施备注中）" in out
    assert "“王五”—— 1 行" in out

    [project] = factories.all_rows(bot.db, Project)
    assert (project.number, project.name, project.due, project.lead_user_id) == (
        1,
        "新品上线",
        date(2026, 4, 1),
        "",
    )
    problems = factories.all_rows(bot.db, Problem)
    assert [(p.number, p.category, p.description, p.root_cause) for p in problems] == [
        (1, "info", "发布时间没人知道", ""),
        (2, "roles", "审批没人负责", ""),
        (3, "resources", "测试环境不够", "预算"),
        (4, "process", "评审太慢", ""),
    ]
    depts = {d.id: d.name for d in factories.all_rows(bot.db, Department)}
    shape = [
        (m.number, m.text, depts[m.department_id], m.owner_user_id, m.due, m.status, m.deliverable, m.note)
        for m in factories.all_rows(bot.db, Measure)
    ]
    assert shape == [
        (1, "共享发布日历", "市场部", "UZHANG", date(2026, 3, 1), "doing", "日历链接", "每周更新"),
        (2, "指定审批人", "市场部", "UZHANG", date(2026, 3, 5), "done", "", ""),
        (3, "增加测试环境", "研发部", "", date(2026, 4, 1), "blocked", "", "责任人：王五"),
        (4, "每周对齐会", "市场部", "ULI", date(2026, 3, 2), "todo", "", ""),
    ]
    # a person alone: the first department the row (or else its project) lists
    assert [d.name for d in factories.all_rows(bot.db, Department)] == ["市场部", "研发部"]

    # the same file again: nothing new
    assert collab("import", str(path), "--apply") == 0
    assert "已创建：项目 0 个，部门 0 个，问题 0 个，改进措施 0 条" in capsys.readouterr().out
    assert len(factories.all_rows(bot.db, Measure)) == 4


# ---------------------------------------------------------------- refused rows, bad usage


def test_rows_it_cannot_read_are_refused_with_their_row_numbers_and_nothing_is_written(
    bot: Bot, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    factories.workspace(bot.db)
    rows: list[list[Any]] = [
        HEADER,
        [
            "Launch",
            "Sales",
            "info: nobody knows the date",
            "Sales / olga-owner",
            "g",
            "Share a calendar",
            "2026-03-01",
            "doing",
            "",
        ],
        [
            "Launch",
            "Sales",
            "info: nobody knows the date",
            "Sales / olga-owner",
            "g",
            "Weekly sync",
            "31/12/2026",
            "todo",
            "",
        ],
        [
            "Launch",
            "Sales",
            "nobody owns billing",
            "Sales / olga-owner",
            "g",
            "Assign an owner",
            "2026-03-01",
            "",
            "",
        ],
        [
            "Launch",
            "Sales",
            "roles: nobody owns billing",
            "Sales / olga-owner",
            "g",
            "Assign an owner",
            "2026-03-01",
            "maybe",
            "",
        ],
        [
            "Launch",
            "Sales",
            "",
            "Sales / olga-owner",
            "g",
            "A measure without a problem",
            "2026-03-01",
            "",
            "",
        ],
        ["", "Sales", "info: x", "", "", "", "", "", ""],
        ["Launch", "Sales", "info: " + "x" * 2001, "", "", "", "", "", ""],
        ["Launch", "Sales", "info: ok", "Sales / olga-owner", "g", "", "2026-03-01", "", ""],
    ]
    path = write_csv(env / "table.csv", rows)
    assert collab("import", str(path), "--apply") == 1
    out = capsys.readouterr().out
    assert "rows refused: 7" in out
    for line in (
        '  row 3: deadline "31/12/2026" is not a valid date — write it as YYYY-MM-DD, e.g. 2026-12-31',
        '  row 4: no category in the problem "nobody owns billing" — write it as [信息传递] … or info: …',
        '  row 5: unknown status "maybe"',
        "  row 6: a measure needs its problem in the problem column",
        "  row 7: no project name",
        "  row 8: description is 2001 characters; the limit is 2000",
        "  row 9: the measure column is empty, but the row has a deadline, owner, status or notes",
    ):
        assert any(printed.startswith(line) for printed in out.splitlines()), line
    assert "nothing was written: correct the rows above and run the import again" in out
    assert records(bot, "T1") == dict.fromkeys(records(bot, "T1"), 0)


def test_a_reference_naming_another_record_is_refused(
    bot: Bot, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table_world(bot)
    rows: list[list[Any]] = [
        HEADER,
        ["PRJ-2 Not CRM", "Sales", "info: x", "", "", "", "", "", ""],
        ["PRJ-1 新产品上线", "Sales", "PRB-3 [信息传递] 审批链太长", "", "", "", "", "", ""],
        [
            "PRJ-1 新产品上线",
            "Sales",
            "PRB-1 [流程机制] 审批链太长",
            "Sales / olga-owner",
            "",
            "MSR-2 Not the spec review",
            "2026-12-01",
            "",
            "",
        ],
    ]
    assert collab("import", str(write_csv(env / "t.csv", rows)), "--team", "T1") == 1
    out = capsys.readouterr().out
    assert "  row 2: PRJ-2 is another record in this workspace" in out
    assert "  row 3: PRB-3 is another record in this workspace" in out
    assert "  row 4: MSR-2 is another record in this workspace" in out


def test_new_records_keep_the_files_references_and_the_others_come_after_them(
    bot: Bot, env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    factories.workspace(bot.db)
    rows: list[list[Any]] = [
        HEADER,
        ["Plain", "Sales", "info: a", "Sales / ", "", "first", "2026-03-01", "", ""],
        ["PRJ-7 Seven", "Sales", "PRB-9 [info] b", "Sales / ", "", "MSR-4 second", "2026-03-01", "", ""],
        ["Plain", "Sales", "info: a", "Sales / ", "", "third", "2026-03-01", "", ""],
        ["Plain", "Sales", "info: a", "Sales / ", "", "third", "2026-03-01", "", ""],  # repeated
    ]
    assert collab("import", str(write_csv(env / "t.csv", rows)), "--apply") == 0
    assert "rows repeating an earlier row: 1" in capsys.readouterr().out
    assert sorted((p.number, p.name) for p in factories.all_rows(bot.db, Project)) == [
        (7, "Seven"),
        (8, "Plain"),
    ]
    assert sorted(p.number for p in factories.all_rows(bot.db, Problem)) == [9, 10]
    assert sorted((m.number, m.text) for m in factories.all_rows(bot.db, Measure)) == [
        (4, "second"),
        (5, "first"),
        (6, "third"),
    ]
    reply = bot.command('project add "Next" goal="g" due=2027-01-31 lead=<@ULEAD> depts=Sales')
    assert "PRJ-9" in reply["text"]


def test_bad_usage_exits_2(bot: Bot, env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert collab("import", str(env / "table.txt")) == 2
    assert "give --team: the database holds 0 workspaces (none)" in capsys.readouterr().err
    factories.workspace(bot.db)
    (env / "table.txt").write_text("x")
    assert collab("import", str(env / "table.txt")) == 2
    assert "table.txt: give a .csv or .xlsx file" in capsys.readouterr().err
    assert collab("import", str(env / "missing.csv")) == 2
    assert "missing.csv: no such file" in capsys.readouterr().err
    path = write_csv(env / "t.csv", [["项目名称", "Problem", "Notes"], ["a", "info: b", ""]])
    assert collab("import", str(path)) == 2
    assert (
        "the header (row 1) lacks the column(s) 责任部门/人 Owner dept/person, 改进措施 Measure, 时间节点 Deadline"
        in capsys.readouterr().err
    )
    (env / "broken.xlsx").write_bytes(b"not a zip")
    assert collab("import", str(env / "broken.xlsx")) == 2
    assert "broken.xlsx cannot be read" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        collab("import", str(path), "--team", "T1", "--bogus")
    assert exit_.value.code == 2
