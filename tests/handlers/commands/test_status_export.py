"""`/collab status …` (with paging) and `/collab export …` (CSV/XLSX upload, DM fallback, CLI)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bot import cli
from slackfake import UploadedFile
from tests import factories
from tests.harness import ADMIN, CHANNEL, HEAD, LEAD, OTHER, OWNER, Bot
from tests.slacktext import sections

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
def data(bot: Bot) -> dict[str, Any]:
    factories.workspace(bot.db)  # as after the first command
    sales = factories.department(bot.db, "Sales", head=HEAD, channel="CSALES")
    rnd = factories.department(bot.db, "研发部", head="URND", channel="CRND")
    p1 = factories.project(bot.db, "新产品上线", depts=[sales, rnd], goal="Q3 上线，转化率提升 15%")
    p2 = factories.project(bot.db, "CRM", depts=[sales], lead=OWNER, goal="=one invoice flow")
    b1 = factories.problem(bot.db, p1, "审批链太长", cause="没有负责人")
    b2 = factories.problem(bot.db, p1, '=HYPERLINK("http://evil")', category="info")
    b3 = factories.problem(bot.db, p2, "Nobody owns billing", category="roles")
    m1 = factories.measure(
        bot.db, b1, sales, "每周例会", due=date(2026, 12, 1), deliverable="会议纪要", note="周一开始"
    )
    m2 = factories.measure(bot.db, b1, rnd, "Spec review", owner=LEAD, due=date(2026, 11, 18), status="doing")
    m3 = factories.measure(bot.db, b3, sales, "+Assign an owner", due=date(2026, 12, 20), status="done")
    return {"sales": sales, "rnd": rnd, "p1": p1, "p2": p2, "b1": b1, "b2": b2, "b3": b3, "m": [m1, m2, m3]}


# ---------------------------------------------------------------- status


def test_status_me(bot: Bot, data: dict[str, Any]) -> None:
    reply = bot.command("status", user=OWNER)
    assert reply == bot.command("status me", user=OWNER) | {"_url": reply["_url"]}
    assert reply["text"] == "Improvement measures — yours"
    assert reply["blocks"][0]["text"]["text"] == "Improvement measures — yours"
    assert reply["blocks"][1]["elements"][0]["text"] == (
        "1 not started · 0 in progress · 0 blocked · 1 done · 0 overdue"
    )
    # open ones first, by deadline
    assert sections(reply) == [
        "*MSR-1* 每周例会\nOwner <@UOWNER> · Sales · Due 2026-12-01 · :white_circle: Not started · PRB-1 / PRJ-1",
        "*MSR-3* +Assign an owner\nOwner <@UOWNER> · Sales · Due 2026-12-20 · :white_check_mark: Done · PRB-3 / PRJ-2",
    ]
    assert all(b["type"] != "actions" for b in reply["blocks"])  # one page: no buttons
    assert bot.command("status me", user=OTHER)["text"] == "No measures for yours."


def test_status_of_a_project_a_department_and_a_person(bot: Bot, data: dict[str, Any]) -> None:
    reply = bot.command("status PRJ-1", user=OTHER)
    assert reply["text"] == "Improvement measures — PRJ-1 新产品上线"
    assert [s.split("\n")[0] for s in sections(reply)] == ["*MSR-2* Spec review", "*MSR-1* 每周例会"]
    assert "*Due 2026-11-18 (overdue)*" in sections(reply)[0]
    assert reply["blocks"][1]["elements"][0]["text"].endswith("· 1 overdue")

    reply = bot.command("status 研发部", user=OTHER)
    assert reply["text"] == "Improvement measures — 研发部"
    assert [s.split("\n")[0] for s in sections(reply)] == ["*MSR-2* Spec review"]

    reply = bot.command("status sales", user=OTHER)
    assert [s.split("\n")[0] for s in sections(reply)] == ["*MSR-1* 每周例会", "*MSR-3* +Assign an owner"]

    reply = bot.command("status <@ULEAD|lee>", user=OTHER)
    assert reply["text"] == "Improvement measures — @lee-lead"
    assert reply["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Improvement measures — @lee-lead", "emoji": True},
    }
    assert [s.split("\n")[0] for s in sections(reply)] == ["*MSR-2* Spec review"]

    assert bot.command("status PRJ-7")["text"] == (
        ":warning: There is no PRJ-7 in this workspace.\nUsage: `/collab status [me | PRJ-n | &lt;dept&gt; | @user]`"
    )
    assert bot.command("status Marketing")["text"].startswith(
        ':warning: There is no department called "Marketing". Known departments: Sales, 研发部.'
    )


def test_45_measures_are_paged(bot: Bot) -> None:
    sales = factories.department(bot.db, "Sales")
    prb = factories.problem(bot.db, factories.project(bot.db, depts=[sales]))
    long_text = "很长的措施描述 & <更多> " * 100  # ~1600 characters, escaped to more
    for i in range(45):
        factories.measure(
            bot.db, prb, sales, f"{i + 1:02d} {long_text}", due=date(2026, 12, 1) + timedelta(days=i)
        )

    reply = bot.command("status me", user=OWNER)
    blocks = reply["blocks"]
    assert len(blocks) <= 50
    assert all(len(t["text"]) <= 3000 for b in blocks for t in [b.get("text") or {"text": ""}])
    page1 = sections(reply)
    assert [s.split(" ")[0] for s in page1] == [f"*MSR-{n}*" for n in range(1, 21)]
    assert "&amp; &lt;更多&gt;" in page1[0]
    assert blocks[-2]["elements"][0]["text"] == "Page 1 of 3 · 45 measures"
    [next_button] = blocks[-1]["elements"]
    assert (next_button["action_id"], next_button["value"]) == ("status_page_next", f"me:{OWNER}|2")

    result, response_url = bot.button("status_page_next", next_button["value"], user=OWNER)
    assert result.status == 200
    [page2] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == response_url)
    assert page2["replace_original"] is True
    assert page2["response_type"] == "ephemeral"
    assert [s.split(" ")[0] for s in sections(page2)] == [f"*MSR-{n}*" for n in range(21, 41)]
    assert page2["blocks"][-2]["elements"][0]["text"] == "Page 2 of 3 · 45 measures"
    prev, nxt = page2["blocks"][-1]["elements"]
    assert (prev["action_id"], prev["value"]) == ("status_page_prev", f"me:{OWNER}|1")
    assert (nxt["action_id"], nxt["value"]) == ("status_page_next", f"me:{OWNER}|3")

    _, response_url = bot.button("status_page_next", nxt["value"], user=OWNER)
    [page3] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == response_url)
    assert [s.split(" ")[0] for s in sections(page3)] == [f"*MSR-{n}*" for n in range(41, 46)]
    assert [e["action_id"] for e in page3["blocks"][-1]["elements"]] == ["status_page_prev"]


def test_paging_a_department_status(bot: Bot) -> None:
    sales = factories.department(bot.db, "Sales & Ops")
    prb = factories.problem(bot.db, factories.project(bot.db, depts=[sales]))
    for i in range(21):
        factories.measure(bot.db, prb, sales, f"m{i + 1}")
    reply = bot.command("status sales &amp; ops", user=OTHER)
    assert reply["text"] == "Improvement measures — Sales &amp; Ops"
    value = reply["blocks"][-1]["elements"][0]["value"]
    assert value == "dept:sales & ops|2"
    _, url = bot.button("status_page_next", value, user=OTHER)
    [page2] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == url)
    assert [s.split("\n")[0] for s in sections(page2)] == ["*MSR-21* m21"]


# ---------------------------------------------------------------- export


def export(bot: Bot, text: str, *, user: str = ADMIN, channel: str = CHANNEL) -> UploadedFile:
    result, _ = bot.send_command(text, user=user, channel=channel)
    assert result.status == 200
    [call] = bot.fake.wait_for("files.completeUploadExternal", predicate=lambda c: c.ok)
    [uploaded] = bot.fake.files.values()
    assert uploaded.file_id == call.params["files"][0]["id"]
    return uploaded


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for Excel
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8"), newline="")))


EXPECTED_ROWS = [
    HEADER,
    [
        "PRJ-1 新产品上线",
        "Sales、研发部",
        "PRB-1 [流程机制 Process/mechanism] 审批链太长\nRoot cause: 没有负责人",
        "Sales / olga-owner",
        "Q3 上线，转化率提升 15%",
        "MSR-1 每周例会",
        "2026-12-01",
        "Not started",
        "Deliverable: 会议纪要\n周一开始",
    ],
    [
        "PRJ-1 新产品上线",
        "Sales、研发部",
        "PRB-1 [流程机制 Process/mechanism] 审批链太长\nRoot cause: 没有负责人",
        "研发部 / lee-lead",
        "Q3 上线，转化率提升 15%",
        "MSR-2 Spec review",
        "2026-11-18",
        "In progress",
        "",
    ],
    [
        "PRJ-1 新产品上线",
        "Sales、研发部",
        'PRB-2 [信息传递 Information flow] =HYPERLINK("http://evil")',
        "",
        "Q3 上线，转化率提升 15%",
        "",
        "",
        "",
        "",
    ],
    [
        "PRJ-2 CRM",
        "Sales",
        "PRB-3 [责任分工 Responsibilities] Nobody owns billing",
        "Sales / olga-owner",
        "'=one invoice flow",
        "MSR-3 +Assign an owner",
        "2026-12-20",
        "Done",
        "",
    ],
]


def test_export_csv(bot: Bot, data: dict[str, Any]) -> None:
    uploaded = export(bot, "export csv", user=LEAD)
    assert uploaded.filename == "improvement-table-all-2026-11-20.csv"
    assert uploaded.channel_id == CHANNEL
    assert uploaded.initial_comment == "Improvement process table (4 rows) — all projects"
    rows = read_csv(uploaded.content)
    assert rows == EXPECTED_ROWS
    assert b"\r\n" in uploaded.content
    # no cell a spreadsheet would run as a formula
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)
    # the command answers nothing more when the file is in the channel
    assert bot.fake.responses == []


def test_export_one_project_as_csv(bot: Bot, data: dict[str, Any]) -> None:
    uploaded = export(bot, "export PRJ-2 csv")
    assert uploaded.filename == "improvement-table-PRJ-2-2026-11-20.csv"
    assert uploaded.initial_comment == "Improvement process table (1 rows) — PRJ-2 CRM"
    assert read_csv(uploaded.content) == [HEADER, EXPECTED_ROWS[-1]]


def test_export_unknown_project(bot: Bot, data: dict[str, Any]) -> None:
    reply = bot.command("export PRJ-9")
    assert reply["text"] == (
        ":warning: There is no PRJ-9 in this workspace.\nUsage: `/collab export [PRJ-n] [csv|xlsx]`"
    )
    assert bot.fake.calls_to("files.getUploadURLExternal") == []


def test_export_xlsx(bot: Bot, data: dict[str, Any]) -> None:
    uploaded = export(bot, "export")  # xlsx is the default
    assert uploaded.filename == "improvement-table-all-2026-11-20.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(uploaded.content))
    ws = wb.active
    assert ws is not None
    values = [[c.value if c.value is not None else "" for c in row] for row in ws.iter_rows()]
    expected = [list(r) for r in EXPECTED_ROWS]
    expected[4][4] = "=one invoice flow"  # xlsx keeps text as text without the CSV quote
    assert values == expected
    # the cells that look like formulas are strings, not formulas
    assert ws["C4"].data_type == "s" and ws["E5"].data_type == "s"


def test_export_xlsx_of_a_project_whose_name_is_no_sheet_title(bot: Bot) -> None:
    sales = factories.department(bot.db, "Sales")
    prj = factories.project(bot.db, "Q3: R&D/Sales [pilot]?", depts=[sales])
    factories.problem(bot.db, prj)
    uploaded = export(bot, "export PRJ-1 xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(uploaded.content))
    ws = wb.active
    assert ws is not None
    assert ws.title == "PRJ-1 Q3  R&D Sales  pilot"
    assert ws["A2"].value == "PRJ-1 Q3: R&D/Sales [pilot]?"


def test_export_falls_back_to_a_dm(bot: Bot, data: dict[str, Any]) -> None:
    bot.fake.fail_next("files.completeUploadExternal", "not_in_channel")
    result, form = bot.send_command("export csv", user=LEAD, channel="CPRIVATE")
    assert result.status == 200
    [reply] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == form["response_url"])
    assert (
        reply["text"] == "I can't post files in this channel, so I sent the table to you in a direct message."
    )
    assert reply["response_type"] == "ephemeral"
    [failed, sent] = bot.fake.calls_to("files.completeUploadExternal")
    assert failed.error == "not_in_channel" and failed.params["channel_id"] == "CPRIVATE"
    assert sent.ok and sent.params["channel_id"] == "DULEAD"
    [uploaded] = bot.fake.files.values()
    assert uploaded.channel_id == "DULEAD"
    assert read_csv(uploaded.content) == EXPECTED_ROWS


def test_export_that_cannot_be_delivered_says_so(bot: Bot, data: dict[str, Any]) -> None:
    bot.fake.fail_next("files.completeUploadExternal", "not_in_channel", count=2)
    reply = bot.command("export csv")
    assert reply["text"] == (
        ":warning: The export could not be uploaded (not_in_channel). Try again, or run `collab-bot export` "
        "on the server."
    )
    assert bot.fake.files == {}


def test_cli_export_writes_the_same_table(
    bot: Bot,
    data: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", bot.db.url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", bot.fake.api_url)
    out = tmp_path / "table.csv"
    assert cli.main(["export", "--format", "csv", "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"wrote 4 rows to {out}")
    uploaded = export(bot, "export csv")
    assert out.read_bytes() == uploaded.content

    one = tmp_path / "one.xlsx"
    assert cli.main(["export", "--project", "PRJ-2", "--format", "xlsx", "-o", str(one)]) == 0
    ws = openpyxl.load_workbook(one).active
    assert ws is not None
    assert [c.value for c in ws[1]] == HEADER
    assert ws.max_row == 2 and ws["A2"].value == "PRJ-2 CRM"

    assert cli.main(["export", "--project", "PRJ-9", "--format", "csv", "-o", str(out)]) == 2
    assert "there is no PRJ-9 in workspace T1" in capsys.readouterr().err

    factories.workspace(bot.db, team="T2")
    assert cli.main(["export", "--format", "csv", "-o", str(out)]) == 2
    assert "give --team: the database holds 2 workspaces (T1, T2)" in capsys.readouterr().err
    assert cli.main(["export", "--team", "T2", "--format", "csv", "-o", str(out)]) == 0
    assert read_csv(out.read_bytes()) == [HEADER]


def test_export_in_chinese(bot: Bot, data: dict[str, Any]) -> None:
    bot.command("config lang=zh")
    uploaded = export(bot, "export PRJ-1 csv")
    assert uploaded.initial_comment == "改进流程表（3 行）—— PRJ-1 新产品上线"
    rows = read_csv(uploaded.content)
    assert rows[0] == HEADER
    assert rows[1] == [
        "PRJ-1 新产品上线",
        "Sales、研发部",
        "PRB-1 [流程机制] 审批链太长\n根本原因: 没有负责人",
        "Sales / olga-owner",
        "Q3 上线，转化率提升 15%",
        "MSR-1 每周例会",
        "2026-12-01",
        "未开始",
        "交付标准: 会议纪要\n周一开始",
    ]
    assert [r[7] for r in rows[1:]] == ["未开始", "进行中", ""]


def test_a_project_without_problems_is_in_the_table(bot: Bot, data: dict[str, Any]) -> None:
    factories.project(bot.db, "Kick-off only", depts=[data["rnd"]], goal="align on Q1 scope")
    rows = read_csv(export(bot, "export csv").content)
    assert rows[1:] == [
        *EXPECTED_ROWS[1:],
        ["PRJ-3 Kick-off only", "研发部", "", "", "align on Q1 scope", "", "", "", ""],
    ]
    bot.fake.reset()
    assert read_csv(export(bot, "export PRJ-3 csv").content)[1:] == [rows[-1]]
