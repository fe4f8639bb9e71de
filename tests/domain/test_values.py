"""domain.values: people, channels, dates, references, numbers, times, time zones, lengths."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from domain.errors import Term
from domain.limits import DEPT_NAME_LIMIT, NAME_LIMIT, TEXT_LIMIT
from domain.values import (
    RefKind,
    check_length,
    parse_channel,
    parse_date,
    parse_int,
    parse_number,
    parse_ref,
    parse_time_of_day,
    parse_timezone,
    parse_user,
    parse_users,
    parse_weekly,
)
from tests.domain.rendered import en, rejected, zh

FW_COMMA = "\uff0c"  # full-width ,
FW_HYPHEN = "\uff0d"  # full-width -
FW_SPACE = "\u3000"  # ideographic space
EN_DASH = "\u2013"


# ------------------------------------------------------------------ users, channels


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<@U123ABC|bob>", "U123ABC"),
        ("<@U123ABC>", "U123ABC"),
        ("<@W42|enterprise user>", "W42"),
        ("<@U9|John Smith>", "U9"),
        ("  <@U9>  ", "U9"),
    ],
)
def test_parse_user(value: str, expected: str) -> None:
    assert parse_user(value) == expected


@pytest.mark.parametrize("value", ["@bob", "bob", "U123", "<#C1|general>", "<!here>", "<@u123>", ""])
def test_parse_user_rejects(value: str) -> None:
    error = rejected(lambda: parse_user(value))
    assert error.usage == "owner=@name"
    assert "mention them with @" in en(error)
    assert "请输入 @ 并从列表中选择此人" in zh(error)


def test_parse_user_message_is_exact_and_unescaped() -> None:
    error = rejected(lambda: parse_user("&lt;bob&gt;", usage="lead=@name"))
    assert en(error) == '"<bob>" is not a person — mention them with @ and pick them from the list'
    assert zh(error) == "“<bob>”不是一个人 —— 请输入 @ 并从列表中选择此人"
    assert error.usage == "lead=@name"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<@U1>,<@U2>", ["U1", "U2"]),
        ("<@U1|a b>, <@U2|c>", ["U1", "U2"]),
        (f"<@U1>{FW_COMMA}<@U2>、<@U3>", ["U1", "U2", "U3"]),
        ("<@U1> <@U2>", ["U1", "U2"]),
        ("<@U1>,<@U1|dup>,<@W2>", ["U1", "W2"]),
        ("<@U1>,,", ["U1"]),
    ],
)
def test_parse_users(value: str, expected: list[str]) -> None:
    assert parse_users(value) == expected


@pytest.mark.parametrize("value", ["<@U1>,bob", "<@U1>,<#C1|x>", "<@U1>@bob"])
def test_parse_users_rejects_non_mentions(value: str) -> None:
    error = rejected(lambda: parse_users(value))
    assert "is not a person" in en(error)
    assert "不是一个人" in zh(error)
    assert error.usage == "admins=@name,@name"


def test_parse_users_rejects_empty() -> None:
    error = rejected(lambda: parse_users(" , "))
    assert en(error) == "no people given — mention each one with @"
    assert zh(error) == "没有指定任何人 —— 请用 @ 提及每一位"
    assert error.usage == "admins=@name,@name"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("<#C123ABC|sales>", "C123ABC"), ("<#C123ABC|>", "C123ABC"), ("<#C9>", "C9"), ("<#G77|private>", "G77")],
)
def test_parse_channel(value: str, expected: str) -> None:
    assert parse_channel(value) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [("#sales", "#sales"), ("sales", "sales"), ("<@U1|bob>", "@bob"), ("C123", "C123"), ("", "")],
)
def test_parse_channel_rejects(value: str, shown: str) -> None:
    error = rejected(lambda: parse_channel(value))
    assert error.usage == "channel=#channel-name"
    assert en(error) == f'"{shown}" is not a channel — type # and pick the channel from the list'
    assert zh(error) == f"“{shown}”不是频道 —— 请输入 # 并从列表中选择频道"


# ------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-31", datetime.date(2026, 12, 31)),
        ("2026/01/05", datetime.date(2026, 1, 5)),
        ("2026.1.5", datetime.date(2026, 1, 5)),
        ("2028-02-29", datetime.date(2028, 2, 29)),
        ("\uff12\uff10\uff12\uff16\uff0d\uff10\uff13\uff0d\uff10\uff11", datetime.date(2026, 3, 1)),
        (" 2026-03-01 ", datetime.date(2026, 3, 1)),
    ],
)
def test_parse_date(value: str, expected: datetime.date) -> None:
    assert parse_date(value, field="due date") == expected


@pytest.mark.parametrize(
    "value",
    [
        "2026-13-01",
        "2026-02-30",
        "2027-02-29",
        "2026-00-10",
        "2026-1-32",
        "2026/01-05",
        "31-12-2026",
        "tomorrow",
        "",
    ],
)
def test_parse_date_rejects(value: str) -> None:
    error = rejected(lambda: parse_date(value, field="due date"))
    assert en(error) == f'due date "{value}" is not a valid date — write it as YYYY-MM-DD, e.g. 2026-12-31'
    assert zh(error) == f"截止日期“{value}”不是有效日期 —— 请写成 YYYY-MM-DD，例如 2026-12-31"
    assert error.usage == "YYYY-MM-DD"


def test_parse_date_names_field() -> None:
    error = rejected(lambda: parse_date("2026-02-30", field="deadline"))
    assert en(error).startswith('deadline "2026-02-30" is not a valid date')
    assert zh(error).startswith("截止日期“2026-02-30”不是有效日期")
    assert error.values["field"] == Term("deadline")


def test_parse_date_field_without_a_term_is_shown_as_given() -> None:
    error = rejected(lambda: parse_date("x", field="start"))
    assert en(error) == 'start "x" is not a valid date — write it as YYYY-MM-DD, e.g. 2026-12-31'
    assert zh(error) == "start“x”不是有效日期 —— 请写成 YYYY-MM-DD，例如 2026-12-31"


# -------------------------------------------------------------------------- refs

NOUNS = {
    RefKind.PROJECT: ("PRJ", "project", "项目"),
    RefKind.PROBLEM: ("PRB", "problem", "问题"),
    RefKind.MEASURE: ("MSR", "measure", "措施"),
    RefKind.RISK: ("RSK", "risk", "风险"),
    RefKind.MEETING: ("MTG", "meeting", "会议"),
    RefKind.CHANGE_REQUEST: ("CHG", "change request", "变更申请"),
    RefKind.MILESTONE: ("MLS", "milestone", "里程碑"),
    RefKind.RETROSPECTIVE: ("RET", "retrospective", "复盘"),
}


def test_every_reference_kind_of_the_product() -> None:
    assert set(NOUNS) == set(RefKind)
    assert [kind.value for kind in RefKind] == ["PRJ", "PRB", "MSR", "RSK", "MTG", "CHG", "MLS", "RET"]


@pytest.mark.parametrize("kind", list(RefKind))
def test_parse_ref_of_every_kind(kind: RefKind) -> None:
    prefix, noun, noun_zh = NOUNS[kind]
    assert kind.value == prefix
    assert kind.noun == noun
    assert kind.term == Term(noun)
    assert kind.ref(7) == f"{prefix}-7"
    assert parse_ref(f"{prefix}-7", kind=kind) == 7
    assert parse_ref(f"{prefix.lower()}{FW_HYPHEN}\uff18", kind=kind) == 8
    assert parse_ref(f" {prefix}{EN_DASH}12 ", kind=kind) == 12
    other = RefKind.MEASURE if kind is not RefKind.MEASURE else RefKind.RISK
    error = rejected(lambda: parse_ref(f"{other.value}-3", kind=kind))
    assert (
        en(error) == f'"{other.value}-3" is not a {noun} reference — write {prefix}-<number>, e.g. {prefix}-1'
    )
    assert zh(error) == f"“{other.value}-3”不是{noun_zh}编号 —— 请写成 {prefix}-<number>，例如 {prefix}-1"
    assert error.usage == f"{prefix}-<number>"


def test_parse_ref_takes_the_prefix_as_a_string_too() -> None:
    assert parse_ref("MSR-2", kind="MSR") == 2  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("PRJ-12", RefKind.PROJECT, 12),
        ("prj-12", RefKind.PROJECT, 12),
        ("PRJ12", RefKind.PROJECT, 12),
        (f"PRJ{FW_HYPHEN}7", RefKind.PROJECT, 7),
        (f"PRB{EN_DASH}3", RefKind.PROBLEM, 3),
        ("msr-0042", RefKind.MEASURE, 42),
        (" MSR-5 ", RefKind.MEASURE, 5),
    ],
)
def test_parse_ref(value: str, kind: RefKind, expected: int) -> None:
    assert parse_ref(value, kind=kind) == expected


def test_parse_ref_wrong_kind_message() -> None:
    error = rejected(lambda: parse_ref("PRB-3", kind=RefKind.PROJECT))
    assert en(error) == '"PRB-3" is not a project reference — write PRJ-<number>, e.g. PRJ-1'
    assert zh(error) == "“PRB-3”不是项目编号 —— 请写成 PRJ-<number>，例如 PRJ-1"
    assert error.usage == "PRJ-<number>"


@pytest.mark.parametrize(
    ("value", "kind", "noun"),
    [
        ("PRJ-1", RefKind.MEASURE, "measure"),
        ("MSR-1", RefKind.PROBLEM, "problem"),
        ("PRJ-", RefKind.PROJECT, "project"),
        ("PRJ-0", RefKind.PROJECT, "project"),
        ("PRJ-1x", RefKind.PROJECT, "project"),
        ("PRJ--1", RefKind.PROJECT, "project"),
        ("PRJ-1234567890", RefKind.PROJECT, "project"),
        ("12", RefKind.PROJECT, "project"),
        ("", RefKind.PROBLEM, "problem"),
    ],
)
def test_parse_ref_rejects(value: str, kind: RefKind, noun: str) -> None:
    error = rejected(lambda: parse_ref(value, kind=kind))
    assert en(error) == f'"{value}" is not a {noun} reference — write {kind}-<number>, e.g. {kind}-1'


# ---------------------------------------------------------------------- parse_int


def test_parse_int() -> None:
    assert parse_int("2", field="escalate_after", minimum=0, maximum=30) == 2
    assert parse_int("\uff10", field="escalate_after", minimum=0, maximum=30) == 0
    assert parse_int("30", field="escalate_after", minimum=0, maximum=30) == 30


@pytest.mark.parametrize("value", ["31", "-1", "two", "1.5", ""])
def test_parse_int_rejects(value: str) -> None:
    error = rejected(lambda: parse_int(value, field="escalate_after", minimum=0, maximum=30))
    assert en(error) == f'escalate_after "{value}" must be a whole number from 0 to 30'
    assert zh(error) == f"escalate_after（逾期几天后通知部门负责人）“{value}”必须是 0 到 30 之间的整数"
    assert error.usage == "escalate_after=<0…30>"


# ------------------------------------------------------------------- parse_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10", Decimal("10")),
        ("11.5", Decimal("11.5")),
        ("-3", Decimal("-3")),
        ("+0.25", Decimal("0.25")),
        (".5", Decimal("0.5")),
        ("5.", Decimal("5")),
        ("0", Decimal("0")),
        (" 15 ", Decimal("15")),
        ("\uff11\uff11\uff0e\uff15", Decimal("11.5")),  # full-width 11.5
        ("\uff0d\uff13", Decimal("-3")),  # full-width -3
        ("\u22123", Decimal("-3")),  # minus sign
        ("0.1", Decimal("0.1")),  # exactly as typed, not a binary float
    ],
)
def test_parse_number(value: str, expected: Decimal) -> None:
    number = parse_number(value, field="baseline")
    assert number == expected
    assert number.is_finite()


def test_parse_number_keeps_what_was_typed() -> None:
    assert str(parse_number("11.5", field="target")) == "11.5"
    assert str(parse_number("10", field="target")) == "10"


NOT_NUMBERS = ["NaN", "nan", "inf", "-Infinity", "1e3", "1,000", "10%", "ten", "1.2.3", "--3", "0x10"]


@pytest.mark.parametrize("value", [*NOT_NUMBERS, "", " ", ".", "-", "1 000", "1" * 31])
def test_parse_number_rejects(value: str) -> None:
    error = rejected(lambda: parse_number(value, field="baseline"))
    assert en(error) == f'baseline "{value.strip()}" is not a number — write it like 10, 11.5 or -3'
    assert zh(error) == f"基线值“{value.strip()}”不是数字 —— 请写成 10、11.5 或 -3 这样的数"
    assert error.usage == "baseline=<number>"


def test_parse_number_names_target_in_both_languages() -> None:
    error = rejected(lambda: parse_number("high", field="target"))
    assert en(error) == 'target "high" is not a number — write it like 10, 11.5 or -3'
    assert zh(error) == "目标值“high”不是数字 —— 请写成 10、11.5 或 -3 这样的数"
    assert error.usage == "target=<number>"


# ------------------------------------------------------------------ times, schedules


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09:30", datetime.time(9, 30)),
        ("9:30", datetime.time(9, 30)),
        ("00:00", datetime.time(0, 0)),
        ("23:59", datetime.time(23, 59)),
        ("\uff19\uff1a\uff13\uff10", datetime.time(9, 30)),
        ("5pm", datetime.time(17, 0)),
        ("5:15 PM", datetime.time(17, 15)),
        ("12am", datetime.time(0, 0)),
        ("12pm", datetime.time(12, 0)),
        ("9 a.m.", datetime.time(9, 0)),
    ],
)
def test_parse_time_of_day(value: str, expected: datetime.time) -> None:
    assert parse_time_of_day(value) == expected


@pytest.mark.parametrize("value", ["24:00", "9:60", "9", "930", "13pm", "0am", "9:5", "noon", ""])
def test_parse_time_of_day_rejects(value: str) -> None:
    error = rejected(lambda: parse_time_of_day(value))
    assert en(error) == f'"{value}" is not a time of day — write it as HH:MM (24-hour), e.g. 09:30'
    assert zh(error) == f"“{value}”不是有效的时间 —— 请写成 HH:MM（24 小时制），例如 09:30"
    assert error.usage == 'nudge="09:30"'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fri 17:00", (4, datetime.time(17, 0))),
        ("Friday 17:00", (4, datetime.time(17, 0))),
        ("FRI 5pm", (4, datetime.time(17, 0))),
        ("mon 09:00", (0, datetime.time(9, 0))),
        ("Thurs 8:15", (3, datetime.time(8, 15))),
        ("sun 23:59", (6, datetime.time(23, 59))),
        ("tue. 10:00", (1, datetime.time(10, 0))),
        ("周五 17:00", (4, datetime.time(17, 0))),
        ("周一09:00", (0, datetime.time(9, 0))),
        ("星期日 18:00", (6, datetime.time(18, 0))),
        ("星期天 18:00", (6, datetime.time(18, 0))),
        ("礼拜天 18:00", (6, datetime.time(18, 0))),
        (f"周三{FW_SPACE}\uff11\uff10\uff1a\uff10\uff10", (2, datetime.time(10, 0))),
    ],
)
def test_parse_weekly(value: str, expected: tuple[int, datetime.time]) -> None:
    assert parse_weekly(value) == expected


@pytest.mark.parametrize("value", ["17:00", "fri", "funday 17:00", "周八 17:00", "17:00 fri", ""])
def test_parse_weekly_rejects_day(value: str) -> None:
    error = rejected(lambda: parse_weekly(value))
    assert en(error) == f'"{value}" is not a weekday and time — write it like sync="fri 17:00"'
    assert zh(error) == f'“{value}”不是“星期几 + 时间” —— 请写成 sync="fri 17:00" 或 sync="周五 17:00"'
    assert error.usage == 'sync="fri 17:00"'


def test_parse_weekly_rejects_bad_time_with_key() -> None:
    error = rejected(lambda: parse_weekly("mon 25:00", key="digest"))
    assert en(error) == '"mon 25:00" has no valid time — write it like digest="fri 17:00"'
    assert zh(error) == '“mon 25:00”中的时间无效 —— 请写成 digest="fri 17:00" 或 digest="周五 17:00"'
    assert error.usage == 'digest="fri 17:00"'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Asia/Shanghai", "Asia/Shanghai"),
        ("America/New_York", "America/New_York"),
        ("UTC", "UTC"),
        ("asia/shanghai", "Asia/Shanghai"),
        (" Europe/Berlin ", "Europe/Berlin"),
    ],
)
def test_parse_timezone(value: str, expected: str) -> None:
    assert parse_timezone(value) == expected


@pytest.mark.parametrize(
    "value", ["Mars/Olympus", "America", "localtime", "../etc/passwd", "/etc/passwd", "", "CST+8"]
)
def test_parse_timezone_rejects(value: str) -> None:
    error = rejected(lambda: parse_timezone(value))
    assert (
        en(error) == f'unknown time zone "{value}" — use an IANA name like Asia/Shanghai or America/New_York'
    )
    assert zh(error) == f"未知时区“{value}” —— 请使用 IANA 时区名，例如 Asia/Shanghai 或 America/New_York"
    assert error.usage == "tz=Asia/Shanghai"


# ------------------------------------------------------------------- check_length


def test_limits() -> None:
    assert (TEXT_LIMIT, NAME_LIMIT, DEPT_NAME_LIMIT) == (2000, 200, 80)


def test_check_length() -> None:
    text = "x" * TEXT_LIMIT
    assert check_length(text, field="description") is text
    assert check_length(text, field="description", limit=TEXT_LIMIT) is text
    assert check_length("中" * 10, field="note", limit=10) == "中" * 10


def test_check_length_defaults_to_the_one_text_limit() -> None:
    error = rejected(lambda: check_length("长" * 2001, field="description"))
    assert en(error) == "description is 2001 characters; the limit is 2000"
    assert zh(error) == "问题描述共 2001 个字符，超过了上限 2000"


def test_check_length_rejects() -> None:
    error = rejected(lambda: check_length("y" * 3120, field="description", limit=3000))
    assert en(error) == "description is 3120 characters; the limit is 3000"
    assert zh(error) == "问题描述共 3120 个字符，超过了上限 3000"
    assert error.usage is None


@pytest.mark.parametrize(
    ("field", "zh_field"),
    [
        ("measure text", "措施内容"),
        ("project name", "项目名称"),
        ("department name", "部门名称"),
        ("goal", "协作目标"),
        ("cause", "根本原因"),
        ("note", "备注"),
        ("deliverable", "交付标准"),
        ("summary", "summary"),  # a field without a term is shown as given
    ],
)
def test_check_length_names_the_field_in_both_languages(field: str, zh_field: str) -> None:
    error = rejected(lambda: check_length("长" * 11, field=field, limit=10))
    assert en(error) == f"{field} is 11 characters; the limit is 10"
    assert zh(error) == f"{zh_field}共 11 个字符，超过了上限 10"
