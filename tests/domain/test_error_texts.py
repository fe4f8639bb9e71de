"""Every way the domain rejects input has a sentence in both languages, and they differ."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from domain import values as v
from domain.command_text import Args, tokenize
from domain.errors import InputError
from domain.values import RefKind
from domain.vocabulary import parse_category, parse_status
from tests.domain.rendered import en, rejected, zh
from ui.catalogue import CATALOGUE, error_text

_CJK = re.compile("[\u4e00-\u9fff]")
_ARGS_ALLOWED = {"status", "due"}

# Every way the parse functions reject input: (what, call).
BAD_INPUTS: list[tuple[str, Callable[[], object]]] = [
    ("unclosed straight quote", lambda: tokenize('add "ship it')),
    ("unclosed typographic quote", lambda: tokenize("goal=“ship it")),
    ("unclosed low quote", lambda: tokenize("„halb")),
    ("not a person", lambda: v.parse_user("bob")),
    ("not a person in a list", lambda: v.parse_users("<@U1>,bob")),
    ("no people", lambda: v.parse_users(" , ")),
    ("not a channel", lambda: v.parse_channel("#sales")),
    ("bad date", lambda: v.parse_date("2026-13-01", field="due")),
    ("not a date", lambda: v.parse_date("tomorrow", field="deadline")),
    ("date of an unknown field", lambda: v.parse_date("x", field="start")),
    ("wrong ref kind", lambda: v.parse_ref("PRB-3", kind=RefKind.PROJECT)),
    ("ref zero", lambda: v.parse_ref("MSR-0", kind=RefKind.MEASURE)),
    ("not a ref", lambda: v.parse_ref("12", kind=RefKind.PROBLEM)),
    ("not a change request ref", lambda: v.parse_ref("MSR-1", kind=RefKind.CHANGE_REQUEST)),
    ("number too big", lambda: v.parse_int("99", field="escalate_after", minimum=0, maximum=60)),
    ("not a number", lambda: v.parse_int("two", field="escalate_after", minimum=0, maximum=60)),
    ("not a decimal number", lambda: v.parse_number("NaN", field="baseline")),
    ("unknown category", lambda: parse_category("money")),
    ("empty category", lambda: parse_category("")),
    ("unknown status", lambda: parse_status("未完成")),
    ("bad time", lambda: v.parse_time_of_day("25:00")),
    ("13pm", lambda: v.parse_time_of_day("13pm")),
    ("not a weekday", lambda: v.parse_weekly("funday 17:00")),
    ("weekday without time", lambda: v.parse_weekly("周五 25:00", key="digest")),
    ("unknown time zone", lambda: v.parse_timezone("Mars/Olympus")),
    ("too long", lambda: v.check_length("y" * 11, field="description", limit=10)),
    ("too long unknown field", lambda: v.check_length("y" * 11, field="summary", limit=10)),
    ("unknown option", lambda: Args.parse("MSR-1 colour=red", allowed=_ARGS_ALLOWED, usage="U")),
    ("option where none allowed", lambda: Args.parse("x=1", allowed=set(), usage="U")),
    ("option twice", lambda: Args.parse("due=2026-01-01 due=2026-01-02", allowed=_ARGS_ALLOWED, usage="U")),
    ("unclosed quote in args", lambda: Args.parse('MSR-1 status="doing', allowed=_ARGS_ALLOWED, usage="U")),
    ("missing option", lambda: Args.parse("MSR-1", allowed=_ARGS_ALLOWED, usage="U").require("due")),
    ("empty option", lambda: Args.parse('due=""', allowed=_ARGS_ALLOWED, usage="U").require("due")),
]


@pytest.mark.parametrize("call", [c for _, c in BAD_INPUTS], ids=[what for what, _ in BAD_INPUTS])
def test_every_input_error_has_chinese(call: Callable[[], object]) -> None:
    error = rejected(call)
    assert error.key.startswith("input."), error.key
    assert error.key in CATALOGUE
    assert _CJK.search(zh(error)), zh(error)
    assert zh(error) != en(error)
    assert error_text("fr", error) == en(error)  # an unknown language falls back to English


def test_every_input_key_is_raised_somewhere() -> None:
    raised = {rejected(call).key for _, call in BAD_INPUTS}
    assert raised == {key for key in CATALOGUE if key.startswith("input.")}


@pytest.mark.parametrize(
    ("call", "zh_text"),
    [
        (
            lambda: v.parse_date("2026-13-01", field="due"),
            "截止日期“2026-13-01”不是有效日期 —— 请写成 YYYY-MM-DD，例如 2026-12-31",
        ),
        (
            lambda: v.parse_ref("PRB-3", kind=RefKind.PROJECT),
            "“PRB-3”不是项目编号 —— 请写成 PRJ-<number>，例如 PRJ-1",
        ),
        (
            lambda: parse_category("money"),
            "未知类别“money” —— 请使用：信息传递（info）、责任分工（roles）、流程机制（process）、资源支持（resources）",
        ),
        (
            lambda: parse_status("cancelled"),
            "未知状态“cancelled” —— 请使用：未开始（todo）、进行中（doing）、已完成（done）、受阻（blocked）",
        ),
        (lambda: tokenize("goal=“ship it"), "引号没有闭合：“ship it —— 请在文字末尾加上 ”"),
        (lambda: v.parse_user("&lt;bob&gt;"), "“<bob>”不是一个人 —— 请输入 @ 并从列表中选择此人"),
        (
            lambda: v.parse_weekly("mon 25:00", key="digest"),
            '“mon 25:00”中的时间无效 —— 请写成 digest="fri 17:00" 或 digest="周五 17:00"',
        ),
        (
            lambda: v.parse_int("-1", field="escalate_after", minimum=0, maximum=60),
            "escalate_after（逾期几天后通知部门负责人）“-1”必须是 0 到 60 之间的整数",
        ),
        (
            lambda: v.check_length("长" * 11, field="measure text", limit=10),
            "措施内容共 11 个字符，超过了上限 10",
        ),
        (
            lambda: v.parse_date("x", field="start"),
            "start“x”不是有效日期 —— 请写成 YYYY-MM-DD，例如 2026-12-31",
        ),
        (
            lambda: Args.parse("MSR-1 colour=red", allowed=_ARGS_ALLOWED, usage="U"),
            "未知选项“colour=” —— 此处可用：due=、status=",
        ),
        (
            lambda: Args.parse("x=1", allowed=set(), usage="U"),
            "未知选项“x=” —— 此处可用：无（此命令不接受选项）",
        ),
        (
            lambda: Args.parse("MSR-1", allowed=_ARGS_ALLOWED, usage="U").require("due"),
            "缺少 due=… —— 用法：U",
        ),
    ],
)
def test_chinese_error_text_exact(call: Callable[[], object], zh_text: str) -> None:
    assert zh(rejected(call)) == zh_text


def test_with_usage_keeps_the_sentence() -> None:
    error = rejected(lambda: tokenize('"x'))
    moved = error.with_usage("/collab problem add …")
    assert isinstance(moved, InputError)
    assert (moved.usage, en(moved), zh(moved)) == ("/collab problem add …", en(error), zh(error))
