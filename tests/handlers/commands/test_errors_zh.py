"""Input errors, refusals and failures in the workspace's language (`/collab config lang=zh`).

Every case runs twice through the signed HTTP seams: in a workspace set to English (the texts
must stay exactly as they were) and in one set to Chinese.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from storage import change_requests, departments, measures, problems, projects
from storage.db import transaction
from storage.models import Department, Measure, Problem, Project, Workspace
from tests import factories
from tests.harness import ADMIN, HEAD, LEAD, OTHER, OWNER, Bot
from ui.blocks import escape
from ui.usage import USAGE

CJK = re.compile("[\u4e00-\u9fff]")


def warning(lang: str, message: str, usage: str | None = None) -> str:
    """What ``handlers.blocks.error_message`` shows; ``message`` and ``usage`` already escaped."""
    text = f":warning: {message}"
    if usage is not None:
        text += f"\nUsage: `{usage}`" if lang == "en" else f"\n用法：`{usage}`"
    return text


def usage(key: str) -> str:
    return escape(USAGE[key])


@pytest.fixture(params=["en", "zh"])
def lang(request: pytest.FixtureRequest, bot: Bot) -> str:
    """The workspace language, set by an admin; then departments 销售部 and Ops, PRJ-1, PRB-1 and
    MSR-1 (owner OWNER, 销售部, due 2026-12-31). Today is 2026-11-20."""
    value: str = request.param
    reply = bot.command(f"config lang={value}", user=ADMIN)
    assert reply["text"].startswith(":white_check_mark:")
    sales = factories.department(bot.db, "销售部", head=HEAD, channel="CSALES")
    ops = factories.department(bot.db, "Ops", head="UOPSHEAD", channel="COPS")
    prj = factories.project(bot.db, depts=[sales, ops])
    prb = factories.problem(bot.db, prj)
    factories.measure(bot.db, prb, sales)
    return value


# (case, command, user, English answer, Chinese answer)
CASES: list[tuple[str, str, str, str, str]] = [
    (
        "bad date",
        "measure set MSR-1 due=2026-13-01",
        OWNER,
        warning(
            "en",
            'due "2026-13-01" is not a valid date — write it as YYYY-MM-DD, e.g. 2026-12-31',
            "YYYY-MM-DD",
        ),
        warning("zh", "截止日期“2026-13-01”不是有效日期 —— 请写成 YYYY-MM-DD，例如 2026-12-31", "YYYY-MM-DD"),
    ),
    (
        "wrong reference kind",
        "measure set PRJ-1 status=done",
        OWNER,
        warning(
            "en",
            '"PRJ-1" is not a measure reference — write MSR-&lt;number&gt;, e.g. MSR-1',
            "MSR-&lt;number&gt;",
        ),
        warning("zh", "“PRJ-1”不是措施编号 —— 请写成 MSR-&lt;number&gt;，例如 MSR-1", "MSR-&lt;number&gt;"),
    ),
    (
        "unknown category",
        'problem add PRJ-1 misc "x"',
        ADMIN,
        warning(
            "en",
            'unknown category "misc" — use one of: info (信息传递), roles (责任分工), '
            "process (流程机制), resources (资源支持)",
            "info | roles | process | resources",
        ),
        warning(
            "zh",
            "未知类别“misc” —— 请使用：信息传递（info）、责任分工（roles）、流程机制（process）、资源支持（resources）",
            "info | roles | process | resources",
        ),
    ),
    (
        "unknown status",
        "measure set MSR-1 status=finito",
        OWNER,
        warning(
            "en",
            'unknown status "finito" — use one of: todo (未开始), doing (进行中), done (已完成), blocked (受阻)',
            "status=todo|doing|done|blocked",
        ),
        warning(
            "zh",
            "未知状态“finito” —— 请使用：未开始（todo）、进行中（doing）、已完成（done）、受阻（blocked）",
            "status=todo|doing|done|blocked",
        ),
    ),
    (
        "unknown option key",
        'problem add PRJ-1 process "x" owner=<@U1>',
        ADMIN,
        warning("en", 'unknown option "owner=" — allowed here: cause=', usage("problem add")),
        warning("zh", "未知选项“owner=” —— 此处可用：cause=", usage("problem add")),
    ),
    (
        "option where none is allowed",
        "status colour=blue",
        OTHER,
        warning("en", 'unknown option "colour=" — allowed here: none', usage("status")),
        warning("zh", "未知选项“colour=” —— 此处可用：无（此命令不接受选项）", usage("status")),
    ),
    (
        "option given twice",
        "measure set MSR-1 status=done status=todo",
        OWNER,
        warning("en", "status= is given twice — give it once", usage("measure set")),
        warning("zh", "status= 出现了两次 —— 请只写一次", usage("measure set")),
    ),
    (
        "unclosed quote",
        'problem add PRJ-1 process "unclosed',
        ADMIN,
        warning("en", 'unclosed quote at "unclosed — end the text with "', usage("problem add")),
        warning("zh", '引号没有闭合："unclosed —— 请在文字末尾加上 "', usage("problem add")),
    ),
    (
        "unclosed typographic quote",
        "problem add PRJ-1 process “没写完",
        ADMIN,
        warning("en", "unclosed quote at “没写完 — end the text with ”", usage("problem add")),
        warning("zh", "引号没有闭合：“没写完 —— 请在文字末尾加上 ”", usage("problem add")),
    ),
    (
        "missing required option",
        'measure add PRB-1 dept=销售部 due=2026-12-15 "x"',
        ADMIN,
        warning("en", f"missing owner=… — usage: {usage('measure add')}", usage("measure add")),
        warning("zh", f"缺少 owner=… —— 用法：{usage('measure add')}", usage("measure add")),
    ),
    (
        "empty option",
        'project add "P" goal= due=2026-12-31 lead=<@ULEAD|l> depts=Ops',
        ADMIN,
        warning("en", f"goal= is empty — usage: {usage('project add')}", usage("project add")),
        warning("zh", f"goal= 的值为空 —— 用法：{usage('project add')}", usage("project add")),
    ),
    (
        "past due date",
        "measure set MSR-1 due=2026-11-19",
        OWNER,
        warning("en", "due=2026-11-19 is in the past (today is 2026-11-20) — give a date from today on"),
        warning("zh", "截止日期 2026-11-19 已经过去（今天是 2026-11-20）—— 请给出今天或之后的日期"),
    ),
    (
        "unknown department",
        'measure add PRB-1 owner=<@UOWNER|o> dept=财务部 due=2026-12-15 "x"',
        ADMIN,
        warning("en", 'There is no department called "财务部". Known departments: Ops, 销售部.'),
        warning("zh", "没有名为“财务部”的部门。现有部门：Ops、销售部。"),
    ),
    (
        "not a person",
        "measure set MSR-1 owner=olga",
        OWNER,
        warning(
            "en", '"olga" is not a person — mention them with @ and pick them from the list', "owner=@name"
        ),
        warning("zh", "“olga”不是一个人 —— 请输入 @ 并从列表中选择此人", "owner=@name"),
    ),
    (
        "not a channel",
        "dept add Finance head=<@UHEAD|h> channel=finance",
        ADMIN,
        warning(
            "en",
            '"finance" is not a channel — type # and pick the channel from the list',
            "channel=#channel-name",
        ),
        warning("zh", "“finance”不是频道 —— 请输入 # 并从列表中选择频道", "channel=#channel-name"),
    ),
    (
        "missing department name",
        "dept add head=<@UHEAD|h> channel=<#CFIN|fin>",
        ADMIN,
        warning("en", "missing the department name", usage("dept add")),
        warning("zh", "缺少部门名称", usage("dept add")),
    ),
    (
        "department exists",
        "dept add 销售部 head=<@UHEAD|h> channel=<#CFIN|fin>",
        ADMIN,
        warning("en", 'A department called "销售部" already exists. Pick another name.'),
        warning("zh", "部门“销售部”已存在，请换一个名称。"),
    ),
    (
        "missing project name",
        'project add goal="g" due=2026-12-31 lead=<@ULEAD|l> depts=Ops',
        ADMIN,
        warning("en", "missing the project name (in quotes)", usage("project add")),
        warning("zh", "缺少项目名称（请写在引号里）", usage("project add")),
    ),
    (
        "problem add without description",
        "problem add PRJ-1 process",
        ADMIN,
        warning("en", "give the project, the category and the description", usage("problem add")),
        warning("zh", "请给出项目编号、类别和问题描述", usage("problem add")),
    ),
    (
        "measure add without anything positional",
        "measure add owner=<@UOWNER|o>",
        ADMIN,
        warning("en", "give the problem reference and the measure text", usage("measure add")),
        warning("zh", "请给出问题编号和措施内容", usage("measure add")),
    ),
    (
        "measure add without text",
        "measure add PRB-1 owner=<@UOWNER|o> dept=Ops due=2026-12-15",
        ADMIN,
        warning(
            "en", 'missing the measure text (in quotes, e.g. "weekly sync meeting")', usage("measure add")
        ),
        warning("zh", "缺少措施内容（请写在引号里，例如 “每周同步会”）", usage("measure add")),
    ),
    (
        "text too long",
        f'problem add PRJ-1 process "{"长" * 2001}"',
        ADMIN,
        warning("en", "description is 2001 characters; the limit is 2000"),
        warning("zh", "问题描述共 2001 个字符，超过了上限 2000"),
    ),
    (
        "measure set without a reference",
        "measure set status=done",
        OWNER,
        warning("en", "give exactly one measure reference, e.g. MSR-1", usage("measure set")),
        warning("zh", "请只给出一个措施编号，例如 MSR-1", usage("measure set")),
    ),
    (
        "measure set without a change",
        "measure set MSR-1",
        OWNER,
        warning(
            "en",
            "say what to change: status=, due=, owner=, note=, text=, deliverable= or dept=",
            usage("measure set"),
        ),
        warning(
            "zh",
            "请说明要修改什么：status=、due=、owner=、note=、text=、deliverable= 或 dept=",
            usage("measure set"),
        ),
    ),
    (
        "no such measure",
        "measure set MSR-99 status=done",
        OWNER,
        warning("en", "There is no MSR-99 in this workspace.", usage("measure set")),
        warning("zh", "本工作区没有 MSR-99。", usage("measure set")),
    ),
    (
        "subcommand missing",
        "measure",
        OTHER,
        warning("en", "`/collab measure` needs one of: measure add, measure set", usage("measure add")),
        warning("zh", "`/collab measure` 后面需要接以下之一：measure add, measure set", usage("measure add")),
    ),
    (
        "unknown subcommand",
        "frobnicate",
        OTHER,
        warning("en", "I don't know `frobnicate`. Try `/collab help`."),
        warning("zh", "无法识别 `frobnicate`。请查看 `/collab help`。"),
    ),
    (
        "unknown time zone",
        "config tz=Mars/Olympus",
        ADMIN,
        warning(
            "en",
            'unknown time zone "Mars/Olympus" — use an IANA name like Asia/Shanghai or America/New_York',
            "tz=Asia/Shanghai",
        ),
        warning(
            "zh",
            "未知时区“Mars/Olympus” —— 请使用 IANA 时区名，例如 Asia/Shanghai 或 America/New_York",
            "tz=Asia/Shanghai",
        ),
    ),
    (
        "not a weekly slot",
        'config sync="someday 17:00"',
        ADMIN,
        warning(
            "en",
            '"someday 17:00" is not a weekday and time — write it like sync="fri 17:00"',
            'sync="fri 17:00"',
        ),
        warning(
            "zh",
            '“someday 17:00”不是“星期几 + 时间” —— 请写成 sync="fri 17:00" 或 sync="周五 17:00"',
            'sync="fri 17:00"',
        ),
    ),
    (
        "weekly slot with a bad time",
        'config digest="周一 25:00"',
        ADMIN,
        warning(
            "en",
            '"周一 25:00" has no valid time — write it like digest="fri 17:00"',
            'digest="fri 17:00"',
        ),
        warning(
            "zh",
            '“周一 25:00”中的时间无效 —— 请写成 digest="fri 17:00" 或 digest="周五 17:00"',
            'digest="fri 17:00"',
        ),
    ),
    (
        "not a time of day",
        'config nudge="25:00"',
        ADMIN,
        warning(
            "en",
            '"25:00" is not a time of day — write it as HH:MM (24-hour), e.g. 09:30',
            'nudge="09:30"',
        ),
        warning("zh", "“25:00”不是有效的时间 —— 请写成 HH:MM（24 小时制），例如 09:30", 'nudge="09:30"'),
    ),
    (
        "number out of range",
        "config escalate_after=-1",
        ADMIN,
        warning(
            "en", 'escalate_after "-1" must be a whole number from 0 to 60', "escalate_after=&lt;0…60&gt;"
        ),
        warning(
            "zh",
            "escalate_after（逾期几天后通知部门负责人）“-1”必须是 0 到 60 之间的整数",
            "escalate_after=&lt;0…60&gt;",
        ),
    ),
    (
        "unknown holidays country",
        "config holidays=XX",
        ADMIN,
        warning("en", 'holidays="XX" is not a supported country code — use e.g. CN, US, DE, or none'),
        warning("zh", 'holidays="XX" 不是支持的国家代码 —— 请使用 CN、US、DE 等，或 none'),
    ),
    (
        "unknown language",
        "config lang=fr",
        ADMIN,
        warning("en", 'lang="fr" — write lang=en or lang=zh', usage("config")),
        warning("zh", 'lang="fr" 无效 —— 请写 lang=en 或 lang=zh', usage("config")),
    ),
    (
        "not a setting",
        "config tz",
        ADMIN,
        warning("en", '"tz" is not a setting — write key=value', usage("config")),
        warning("zh", "“tz”不是设置项 —— 请写成 key=value", usage("config")),
    ),
    (
        "no people",
        "config admins=，",
        ADMIN,
        warning("en", "no people given — mention each one with @", "admins=@name,@name"),
        warning("zh", "没有指定任何人 —— 请用 @ 提及每一位", "admins=@name,@name"),
    ),
    (
        "measure set not allowed",
        "measure set MSR-1 status=done",
        OTHER,
        ":no_entry: Changing MSR-1 is for the measure's owner, their department head, the project lead "
        "or an admin. Nothing was changed.",
        ":no_entry: 修改 MSR-1 仅限措施负责人、其部门负责人、项目负责人或管理员。未做任何更改。",
    ),
    (
        "config not allowed",
        "config tz=Asia/Tokyo",
        OTHER,
        ":no_entry: `/collab config` is for workspace admins and the admins set with "
        "`/collab config admins=…`. Nothing was changed.",
        ":no_entry: `/collab config` 仅限工作区管理员及 `/collab config admins=…` 指定的管理员。未做任何更改。",
    ),
]


def snapshot(bot: Bot) -> tuple[Any, ...]:
    rows = (
        factories.all_rows(bot.db, Project)
        + factories.all_rows(bot.db, Problem)
        + factories.all_rows(bot.db, Measure)
    )
    return (
        factories.counts(bot.db),
        [r.model_dump() for r in rows],
        [w.model_dump() for w in factories.all_rows(bot.db, Workspace)],
    )


@pytest.mark.parametrize(("case", "text", "user", "en", "zh"), CASES, ids=[c[0] for c in CASES])
def test_error_comes_in_the_workspace_language(
    bot: Bot, lang: str, case: str, text: str, user: str, en: str, zh: str
) -> None:
    before = snapshot(bot)
    reply = bot.command(text, user=user)
    expected = en if lang == "en" else zh
    assert reply["text"] == expected
    assert reply["blocks"] == [{"type": "section", "text": {"type": "mrkdwn", "text": expected}}]
    if lang == "zh":
        assert CJK.search(reply["text"].split("\n")[0].removeprefix(":warning: ")), reply["text"]
    assert snapshot(bot) == before


def test_every_case_differs_between_the_languages() -> None:
    """A Chinese answer is never the English one (else the zh run would prove nothing)."""
    for case, _, _, en, zh in CASES:
        assert en != zh, case
        assert en.split("\n")[0] != zh.split("\n")[0], case


def test_unknown_department_when_there_are_none(bot: Bot) -> None:
    for lang, expected in [
        ("en", ':warning: There is no department called "Sales". Known departments: none yet.'),
        ("zh", ":warning: 没有名为“Sales”的部门。现有部门：暂无。"),
    ]:
        bot.command(f"config lang={lang}")
        assert bot.command("status Sales", user=OTHER)["text"] == expected


def test_unquoted_department_name_with_spaces_in_the_workspace_language(bot: Bot, lang: str) -> None:
    factories.department(bot.db, "Sales Ops", head=HEAD, channel="CSALESOPS")
    reply = bot.command('measure add PRB-1 owner=<@UOWNER|o> dept=Sales Ops due=2026-12-15 "x"')
    message = {
        "en": 'dept=Sales is followed by "Ops": did you mean the department "Sales Ops"? '
        'Put a name with spaces in quotes: dept="Sales Ops". Nothing was saved.',
        "zh": 'dept=Sales 后面跟着“Ops”：是指部门“Sales Ops”吗？含空格的名称请加引号：dept="Sales Ops"。未保存任何内容。',
    }[lang]
    assert reply["text"] == warning(lang, escape(message), usage("measure add"))
    assert len(factories.all_rows(bot.db, Measure)) == 1


def test_failure_on_our_side_comes_in_the_workspace_language(
    bot: Bot, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(departments, "list_departments", broken)
    reply = bot.command("dept list", user=OTHER)
    assert (
        reply["text"]
        == {
            "en": ":x: Something went wrong on our side; nothing was changed. Please try again.",
            "zh": ":x: 我们这边出了问题，未做任何更改。请重试。",
        }[lang]
    )


def test_form_that_cannot_open_says_so_in_the_workspace_language(bot: Bot, lang: str) -> None:
    bot.fake.fail_next("views.open", "expired_trigger_id")
    reply = bot.command("measure add", user=OTHER)
    assert (
        reply["text"]
        == {
            "en": ":warning: The form could not be opened (expired_trigger_id). Run the command again, "
            "or type it with all its fields (see `/collab help`).",
            "zh": ":warning: 表单无法打开（expired_trigger_id）。请重新运行命令，或直接输入带全部字段的命令（见 `/collab help`）。",
        }[lang]
    )


# ---------------------------------------------------------------- modals


MODAL_ERRORS = {
    "en": {
        "past": "Deadline=2026-11-19 is in the past (today is 2026-11-20) — give a date from today on",
        "date": "Pick a date.",
        "depts": "Pick at least one department.",
        "name": "Give the project a name.",
        "goal": "Describe the goal: specific, measurable, time-bound.",
        "description": "Describe the problem.",
        "text": "Describe the measure.",
        "owner": "Pick the owner.",
        "dept": "Pick the owner's department.",
        "failed": "Something went wrong; try again.",
        "same": "MSR-1 is already due 2026-12-31.",
    },
    "zh": {
        "past": "截止日期 2026-11-19 已经过去（今天是 2026-11-20）—— 请给出今天或之后的日期",
        "date": "请选择日期。",
        "depts": "请至少选择一个部门。",
        "name": "请填写项目名称。",
        "goal": "请描述协作目标：具体、可衡量、有时限。",
        "description": "请描述问题。",
        "text": "请描述改进措施。",
        "owner": "请选择负责人。",
        "dept": "请选择负责人所在部门。",
        "failed": "出了点问题，请重试。",
        "same": "MSR-1 的截止日期已经是 2026-12-31。",
    },
}


def open_modal(bot: Bot, text: str, *, user: str = ADMIN) -> dict[str, Any]:
    result, _ = bot.send_command(text, user=user)
    assert result.status == 200
    view: dict[str, Any] = bot.opened_view()
    return view


def errors_of(result: Any) -> dict[str, str]:
    assert result.status == 200
    answer = result.json()
    assert answer["response_action"] == "errors"
    errors: dict[str, str] = answer["errors"]
    assert all(0 < len(message) <= 150 for message in errors.values()), errors
    return errors


def test_project_modal_errors_come_in_the_workspace_language(bot: Bot, lang: str) -> None:
    words = MODAL_ERRORS[lang]
    view = open_modal(bot, "project add")
    result = bot.submit_view(view, {"goal": "   ", "due": "2026-11-19", "lead": LEAD})
    assert errors_of(result) == {
        "due": words["past"],
        "depts": words["depts"],
        "name": words["name"],
        "goal": words["goal"],
    }
    [sales] = [d for d in factories.all_rows(bot.db, Department) if d.name == "销售部"]
    result = bot.submit_view(view, {"name": "P", "goal": "G", "lead": LEAD, "depts": [str(sales.id)]})
    assert errors_of(result) == {"due": words["date"]}
    assert len(factories.all_rows(bot.db, Project)) == 1  # the fixture's PRJ-1 only


def test_problem_and_measure_modal_errors_come_in_the_workspace_language(bot: Bot, lang: str) -> None:
    words = MODAL_ERRORS[lang]
    view = open_modal(bot, "problem add")
    assert errors_of(bot.submit_view(view, {"project": "1", "category": "info"})) == {
        "description": words["description"]
    }
    view = open_modal(bot, "measure add")
    result = bot.submit_view(view, {"problem": "1", "due": "2026-12-01"})
    assert errors_of(result) == {"text": words["text"], "owner": words["owner"], "dept": words["dept"]}
    assert len(factories.all_rows(bot.db, Problem)) == 1
    assert len(factories.all_rows(bot.db, Measure)) == 1


def test_modal_failure_on_our_side_comes_in_the_workspace_language(
    bot: Bot, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = open_modal(bot, "problem add")

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(problems, "add_problem", broken)
    result = bot.submit_view(view, {"project": "1", "category": "info", "description": "d"})
    assert errors_of(result) == {"project": MODAL_ERRORS[lang]["failed"]}


def test_change_request_modal_errors_come_in_the_workspace_language(bot: Bot, lang: str) -> None:
    words = MODAL_ERRORS[lang]
    bot.button("nudge_new_date", "1", user=OWNER, channel="D" + OWNER)
    view = bot.opened_view()
    result = bot.submit_view(view, {"due": "2026-11-19", "reason": "late"}, user=OWNER)
    assert errors_of(result) == {"due": words["past"]}
    result = bot.submit_view(view, {"due": "2026-12-31", "reason": "late"}, user=OWNER)
    assert errors_of(result) == {"due": words["same"]}
    assert factories.counts(bot.db)["measure_event"] == 1


# ---------------------------------------------------------------- buttons


NOT_ALLOWED_BUTTON = {
    "en": ":no_entry: Changing MSR-1 is for the measure's owner, their department head, the project lead "
    "or an admin. Nothing was changed.",
    "zh": ":no_entry: 修改 MSR-1 仅限措施负责人、其部门负责人、项目负责人或管理员。未做任何更改。",
}


def button_reply(bot: Bot, action_id: str, value: str, *, user: str) -> dict[str, Any]:
    result, url = bot.button(action_id, value, user=user, channel="D" + user)
    assert result.status == 200
    [reply] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == url)
    return reply


@pytest.mark.parametrize(("action_id", "value"), [("sync_status:1:done", "1:done"), ("nudge_done", "1")])
def test_status_button_refusal_comes_in_the_workspace_language(
    bot: Bot, lang: str, action_id: str, value: str
) -> None:
    reply = button_reply(bot, action_id, value, user=OTHER)
    assert reply["text"] == NOT_ALLOWED_BUTTON[lang]
    assert factories.get_measure(bot.db, 1).status == "todo"


def test_new_date_refusal_comes_in_the_workspace_language(bot: Bot, lang: str) -> None:
    reply = button_reply(bot, "nudge_new_date", "1", user=OTHER)
    assert reply["text"] == NOT_ALLOWED_BUTTON[lang]
    assert bot.fake.calls_to("views.open") == []


def test_change_request_decision_refusal_comes_in_the_workspace_language(bot: Bot, lang: str) -> None:
    with transaction(bot.db.sessions) as session:
        measure = measures.get_measure(session, team_id="T1", number=1)
        assert measure is not None
        request = change_requests.add_change_request(
            session,
            team_id="T1",
            project=projects.get_project(session, team_id="T1", number=1),
            measure=measure,
            requested_by=OWNER,
            proposed_due=date(2027, 1, 15),
            reason="late",
            now=bot.clock(),
        )
        request_id = request.id
    reply = button_reply(bot, "cr_approve", str(request_id), user=OTHER)
    assert (
        reply["text"]
        == {
            "en": ":no_entry: Deciding CHG-1 is for <@ULEAD>. Nothing was changed.",
            "zh": ":no_entry: 审批 CHG-1 仅限<@ULEAD>。未做任何更改。",
        }[lang]
    )
    assert factories.get_measure(bot.db, 1).due == date(2026, 12, 31)
