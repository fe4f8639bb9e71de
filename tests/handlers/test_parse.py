"""Tests for handlers.parse — the pure /collab command parser."""

from __future__ import annotations

import datetime
import pickle
import re
from collections.abc import Callable

import pytest

from handlers.parse import (
    CATEGORIES,
    MAX_TEXT,
    STATUSES,
    Args,
    ParseError,
    Token,
    check_length,
    parse_category,
    parse_channel,
    parse_date,
    parse_int,
    parse_ref,
    parse_status,
    parse_time_of_day,
    parse_timezone,
    parse_user,
    parse_users,
    parse_weekly,
    split_list,
    tokenize,
    unescape_slack,
)

FW_EQ = "\uff1d"  # full-width =
FW_COMMA = "\uff0c"  # full-width ,
FW_HYPHEN = "\uff0d"  # full-width -
FW_SPACE = "\u3000"  # ideographic space
NBSP = "\u00a0"
EN_DASH = "\u2013"


def T(value: str, key: str | None = None, quoted: bool = False) -> Token:
    return Token(key, value, quoted)


# ---------------------------------------------------------------------- ParseError


def test_parse_error_fields_and_str() -> None:
    error = ParseError("bad thing", "do=this")
    assert error.message == "bad thing"
    assert error.usage == "do=this"
    assert str(error) == "bad thing"
    assert ParseError("x").usage is None


def test_parse_error_pickles() -> None:
    copy = pickle.loads(pickle.dumps(ParseError("bad", "use=this")))
    assert (copy.message, copy.usage) == ("bad", "use=this")


# ------------------------------------------------------------------------ tokenize


def test_tokenize_plain_words_and_whitespace_kinds() -> None:
    text = f"  dept\tlist{FW_SPACE}now{NBSP}please\n"
    assert tokenize(text) == [T("dept"), T("list"), T("now"), T("please")]


def test_tokenize_empty() -> None:
    assert tokenize("") == []
    assert tokenize(f"  {FW_SPACE} ") == []


def test_tokenize_project_add_full() -> None:
    text = (
        'project add "New product launch" goal="ship the new product in Q3" '
        "due=2026-09-30 lead=<@U123ABC|alice> depts=Sales,R&amp;D"
    )
    assert tokenize(text) == [
        T("project"),
        T("add"),
        T("New product launch", quoted=True),
        T("ship the new product in Q3", "goal", True),
        T("2026-09-30", "due"),
        T("<@U123ABC|alice>", "lead"),
        T("Sales,R&amp;D", "depts"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“typographic quotes”", "typographic quotes"),
        ("„German style“", "German style"),
        ("”both closing”", "both closing"),
        ('“mixed close"', "mixed close"),
        ('"straight keeps “inner” quotes"', "straight keeps “inner” quotes"),
        ("“don't stop”", "don't stop"),
        ("“don\u2019t stop”", "don\u2019t stop"),
        ('""', ""),
    ],
)
def test_tokenize_quote_styles(text: str, expected: str) -> None:
    assert tokenize(text) == [T(expected, quoted=True)]


def test_tokenize_apostrophes_are_not_quotes() -> None:
    assert tokenize("don't won\u2019t \u2018single\u2019") == [
        T("don't"),
        T("won\u2019t"),
        T("\u2018single\u2019"),
    ]


def test_tokenize_keys_with_typographic_quotes_and_full_width_equals() -> None:
    assert tokenize(f"goal=“lift conversion by 15%” note{FW_EQ}“备注 文本”") == [
        T("lift conversion by 15%", "goal", True),
        T("备注 文本", "note", True),
    ]


def test_tokenize_key_is_lowercased_and_may_be_empty() -> None:
    assert tokenize('Owner=<@U1> note= cause=""') == [
        T("<@U1>", "owner"),
        T("", "note"),
        T("", "cause", True),
    ]


def test_tokenize_non_key_equals_stays_positional() -> None:
    assert tokenize('x1=3 =y "a=b"') == [T("x1=3"), T("=y"), T("a=b", quoted=True)]


def test_tokenize_mention_with_spaces_stays_one_token() -> None:
    assert tokenize("status <@U1|John Smith> owner=<@U2|Mary Ann Lee> x") == [
        T("status"),
        T("<@U1|John Smith>"),
        T("<@U2|Mary Ann Lee>", "owner"),
        T("x"),
    ]


def test_tokenize_mention_inside_quotes_keeps_its_quote_characters() -> None:
    assert tokenize('"ask <@U1|J "JJ" Smith> today" next') == [
        T('ask <@U1|J "JJ" Smith> today', quoted=True),
        T("next"),
    ]


def test_tokenize_lone_angle_bracket_is_literal() -> None:
    assert tokenize("a<b c") == [T("a<b"), T("c")]


def test_tokenize_adjacent_quoted_parts_join() -> None:
    assert tokenize('ab"c d"e') == [T("abc de", quoted=True)]


def test_tokenize_multiline_quoted_text() -> None:
    assert tokenize('"line one\nline two"') == [T("line one\nline two", quoted=True)]


@pytest.mark.parametrize(
    ("text", "usage"),
    [
        ('problem add PRJ-1 info "never closed', '"<text>"'),
        ("goal=“ship it", "“<text>”"),
        ('"a “b” c', '"<text>"'),
        ("„halb", "„<text>“"),
    ],
)
def test_tokenize_unclosed_quote(text: str, usage: str) -> None:
    with pytest.raises(ParseError) as info:
        tokenize(text)
    assert info.value.message.startswith("unclosed quote at ")
    assert info.value.usage == usage


def test_tokenize_unclosed_quote_message_exact() -> None:
    with pytest.raises(ParseError) as info:
        tokenize('add "ship it')
    assert info.value.message == 'unclosed quote at "ship it — end the text with "'


# -------------------------------------------------------------------- unescape_slack


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<@U123|bob>", "@bob"),
        ("<@U123>", "@U123"),
        ("<@U1|John Smith> please", "@John Smith please"),
        ("<#C1|general>", "#general"),
        ("<#C1|>", "#C1"),
        ("<#C1>", "#C1"),
        ("<!here>", "@here"),
        ("<!channel>", "@channel"),
        ("<!everyone>", "@everyone"),
        ("<!here|here>", "@here"),
        ("<!subteam^S1|@devs>", "@devs"),
        ("<!subteam^S1>", "@S1"),
        ("<!date^1392734382^{date_short}|Feb 18, 2014>", "Feb 18, 2014"),
        ("<http://x|label>", "label (http://x)"),
        ("<http://x>", "http://x"),
        ("<https://example.com|example.com>", "example.com"),
        ("<mailto:a@b.co|a@b.co>", "a@b.co"),
        ("R&amp;D &lt;team&gt;", "R&D <team>"),
        ("&amp;lt;", "&lt;"),
        ("&amp;amp;", "&amp;"),
        ("&lt;!channel&gt;", "<!channel>"),
        ("<https://x.io/?a=1&amp;b=2|q&amp;a>", "q&a (https://x.io/?a=1&b=2)"),
        ("plain text, 中文", "plain text, 中文"),
        ("", ""),
    ],
)
def test_unescape_slack(raw: str, expected: str) -> None:
    assert unescape_slack(raw) == expected


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
    with pytest.raises(ParseError) as info:
        parse_user(value)
    assert info.value.usage == "owner=@name"
    assert "mention them with @" in info.value.message


def test_parse_user_message_is_exact_and_unescaped() -> None:
    with pytest.raises(ParseError) as info:
        parse_user("&lt;bob&gt;", usage="lead=@name")
    assert info.value.message == '"<bob>" is not a person — mention them with @ and pick them from the list'
    assert info.value.usage == "lead=@name"


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
    with pytest.raises(ParseError) as info:
        parse_users(value)
    assert "is not a person" in info.value.message
    assert info.value.usage == "admins=@name,@name"


def test_parse_users_rejects_empty() -> None:
    with pytest.raises(ParseError) as info:
        parse_users(" , ")
    assert info.value.message == "no people given — mention each one with @"


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
    with pytest.raises(ParseError) as info:
        parse_channel(value)
    assert info.value.usage == "channel=#channel-name"
    assert info.value.message == f'"{shown}" is not a channel — type # and pick the channel from the list'


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
    with pytest.raises(ParseError) as info:
        parse_date(value, field="due date")
    assert info.value.message == (
        f'due date "{value}" is not a valid date — write it as YYYY-MM-DD, e.g. 2026-12-31'
    )
    assert info.value.usage == "YYYY-MM-DD"


def test_parse_date_names_field() -> None:
    with pytest.raises(ParseError) as info:
        parse_date("2026-02-30", field="deadline")
    assert info.value.message.startswith('deadline "2026-02-30" is not a valid date')


# -------------------------------------------------------------------------- refs


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("PRJ-12", "PRJ", 12),
        ("prj-12", "PRJ", 12),
        ("PRJ12", "PRJ", 12),
        (f"PRJ{FW_HYPHEN}7", "PRJ", 7),
        (f"PRB{EN_DASH}3", "PRB", 3),
        ("msr-0042", "MSR", 42),
        (" MSR-5 ", "MSR", 5),
    ],
)
def test_parse_ref(value: str, kind: str, expected: int) -> None:
    assert parse_ref(value, kind=kind) == expected  # type: ignore[arg-type]


def test_parse_ref_wrong_kind_message() -> None:
    with pytest.raises(ParseError) as info:
        parse_ref("PRB-3", kind="PRJ")
    assert info.value.message == '"PRB-3" is not a project reference — write PRJ-<number>, e.g. PRJ-1'
    assert info.value.usage == "PRJ-<number>"


@pytest.mark.parametrize(
    ("value", "kind", "noun"),
    [
        ("PRJ-1", "MSR", "measure"),
        ("MSR-1", "PRB", "problem"),
        ("PRJ-", "PRJ", "project"),
        ("PRJ-0", "PRJ", "project"),
        ("PRJ-1x", "PRJ", "project"),
        ("PRJ--1", "PRJ", "project"),
        ("PRJ-1234567890", "PRJ", "project"),
        ("12", "PRJ", "project"),
        ("", "PRB", "problem"),
    ],
)
def test_parse_ref_rejects(value: str, kind: str, noun: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_ref(value, kind=kind)  # type: ignore[arg-type]
    assert info.value.message == f'"{value}" is not a {noun} reference — write {kind}-<number>, e.g. {kind}-1'


# ---------------------------------------------------------------------- parse_int


def test_parse_int() -> None:
    assert parse_int("2", field="escalate_after", minimum=0, maximum=30) == 2
    assert parse_int("\uff10", field="escalate_after", minimum=0, maximum=30) == 0
    assert parse_int("30", field="escalate_after", minimum=0, maximum=30) == 30


@pytest.mark.parametrize("value", ["31", "-1", "two", "1.5", ""])
def test_parse_int_rejects(value: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_int(value, field="escalate_after", minimum=0, maximum=30)
    assert info.value.message == f'escalate_after "{value}" must be a whole number from 0 to 30'
    assert info.value.usage == "escalate_after=<0…30>"


# -------------------------------------------------------------- categories, statuses


def test_categories_table() -> None:
    assert list(CATEGORIES) == ["info", "roles", "process", "resources"]
    assert CATEGORIES["info"] == ("Information flow", "信息传递")
    assert CATEGORIES["roles"] == ("Responsibilities", "责任分工")
    assert CATEGORIES["process"] == ("Process/mechanism", "流程机制")
    assert CATEGORIES["resources"] == ("Resources", "资源支持")


def test_statuses_table() -> None:
    assert list(STATUSES) == ["todo", "doing", "done", "blocked"]
    assert STATUSES["todo"] == ("Not started", "未开始")
    assert STATUSES["doing"] == ("In progress", "进行中")
    assert STATUSES["done"] == ("Done", "已完成")
    assert STATUSES["blocked"] == ("Blocked", "受阻")


def test_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        CATEGORIES["x"] = ("a", "b")  # type: ignore[index]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("info", "info"),
        ("INFO", "info"),
        ("information", "info"),
        ("Information flow", "info"),
        ("information_flow", "info"),
        ("信息传递", "info"),
        ("roles", "roles"),
        ("responsibilities", "roles"),
        ("责任分工", "roles"),
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


@pytest.mark.parametrize("value", ["money", "", "信"])
def test_parse_category_rejects(value: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_category(value)
    assert info.value.message == (
        f'unknown category "{value}" — use one of: info (信息传递), roles (责任分工), '
        "process (流程机制), resources (资源支持)"
    )
    assert info.value.usage == "info | roles | process | resources"


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
    ],
)
def test_parse_status(value: str, expected: str) -> None:
    assert parse_status(value) == expected


@pytest.mark.parametrize("value", ["finished?", "未完成", "cancelled", ""])
def test_parse_status_rejects(value: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_status(value)
    assert info.value.message == (
        f'unknown status "{value}" — use one of: todo (未开始), doing (进行中), done (已完成), blocked (受阻)'
    )
    assert info.value.usage == "status=todo|doing|done|blocked"


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
    with pytest.raises(ParseError) as info:
        parse_time_of_day(value)
    assert info.value.message == f'"{value}" is not a time of day — write it as HH:MM (24-hour), e.g. 09:30'
    assert info.value.usage == 'nudge="09:30"'


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
        (f"周三{FW_SPACE}\uff11\uff10\uff1a\uff10\uff10", (2, datetime.time(10, 0))),
    ],
)
def test_parse_weekly(value: str, expected: tuple[int, datetime.time]) -> None:
    assert parse_weekly(value) == expected


@pytest.mark.parametrize("value", ["17:00", "fri", "funday 17:00", "周八 17:00", "17:00 fri", ""])
def test_parse_weekly_rejects_day(value: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_weekly(value)
    assert info.value.message == f'"{value}" is not a weekday and time — write it like sync="fri 17:00"'
    assert info.value.usage == 'sync="fri 17:00"'


def test_parse_weekly_rejects_bad_time_with_key() -> None:
    with pytest.raises(ParseError) as info:
        parse_weekly("mon 25:00", key="digest")
    assert info.value.message == '"mon 25:00" has no valid time — write it like digest="fri 17:00"'
    assert info.value.usage == 'digest="fri 17:00"'


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
    with pytest.raises(ParseError) as info:
        parse_timezone(value)
    assert info.value.message == (
        f'unknown time zone "{value}" — use an IANA name like Asia/Shanghai or America/New_York'
    )
    assert info.value.usage == "tz=Asia/Shanghai"


# -------------------------------------------------------------------------- misc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Sales,R&D", ["Sales", "R&D"]),
        (f"销售{FW_COMMA}研发、市场", ["销售", "研发", "市场"]),
        (" a , ,b,, ", ["a", "b"]),
        (f"{FW_SPACE}x{FW_SPACE},y", ["x", "y"]),
        ("single", ["single"]),
        ("", []),
        (",,", []),
    ],
)
def test_split_list(value: str, expected: list[str]) -> None:
    assert split_list(value) == expected


def test_check_length() -> None:
    text = "x" * MAX_TEXT
    assert check_length(text, field="description", limit=MAX_TEXT) is text
    assert check_length("中" * 10, field="note", limit=10) == "中" * 10


def test_check_length_rejects() -> None:
    with pytest.raises(ParseError) as info:
        check_length("y" * 3120, field="description", limit=3000)
    assert info.value.message == "description is 3120 characters; the limit is 3000"
    assert info.value.usage is None


def test_max_text() -> None:
    assert MAX_TEXT == 3000


# -------------------------------------------------------------------------- Args

MEASURE_SET = '/collab measure set <MSR-n> [status=<status>] [due=<YYYY-MM-DD>] [owner=<@user>] [note="…"]'


def test_args_parse_splits_positionals_and_options() -> None:
    args = Args.parse(
        "MSR-3 status=“in progress” owner=<@U1|John Smith> note\uff1d“waiting on R&amp;D”",
        allowed={"status", "due", "owner", "note"},
        usage=MEASURE_SET,
    )
    assert args.positionals == [T("MSR-3")]
    assert args.options == {
        "status": "in progress",
        "owner": "<@U1|John Smith>",
        "note": "waiting on R&amp;D",
    }
    assert args.get("status") == "in progress"
    assert args.get("due") is None
    assert args.require("owner") == "<@U1|John Smith>"


def test_args_unknown_key() -> None:
    with pytest.raises(ParseError) as info:
        Args.parse("MSR-3 colour=red", allowed={"status", "due"}, usage=MEASURE_SET)
    assert info.value.message == 'unknown option "colour=" — allowed here: due=, status='
    assert info.value.usage == MEASURE_SET


def test_args_unknown_key_when_none_allowed() -> None:
    with pytest.raises(ParseError) as info:
        Args.parse("x=1", allowed=set(), usage="/collab dept list")
    assert info.value.message == 'unknown option "x=" — allowed here: none'


def test_args_duplicate_key_even_with_different_case() -> None:
    with pytest.raises(ParseError) as info:
        Args.parse("due=2026-01-01 DUE=2026-02-01", allowed={"due"}, usage=MEASURE_SET)
    assert info.value.message == "due= is given twice — give it once"
    assert info.value.usage == MEASURE_SET


def test_args_require_missing_and_empty() -> None:
    args = Args.parse('note=""', allowed={"owner", "note"}, usage="U")
    with pytest.raises(ParseError) as missing:
        args.require("owner")
    assert missing.value.message == "missing owner=… — usage: U"
    assert missing.value.usage == "U"
    with pytest.raises(ParseError) as empty:
        args.require("note")
    assert empty.value.message == "note= is empty — usage: U"
    assert args.get("note") == ""


def test_args_unclosed_quote_carries_command_usage() -> None:
    with pytest.raises(ParseError) as info:
        Args.parse('goal="ship it', allowed={"goal"}, usage="/collab project add …")
    assert info.value.message == 'unclosed quote at "ship it — end the text with "'
    assert info.value.usage == "/collab project add …"


def test_args_empty_text() -> None:
    args = Args.parse("", allowed={"a"}, usage="u")
    assert args.positionals == []
    assert args.options == {}


def test_full_measure_add_round_trip() -> None:
    text = (
        "PRB-4 owner=<@U7|Li Lei> dept=研发 due=2026/07/01 "
        "“Publish a weekly R&amp;D &lt;&gt; Sales handoff note” deliverable=“doc in #wiki”"
    )
    args = Args.parse(
        text, allowed={"owner", "dept", "due", "deliverable", "note"}, usage="/collab measure add …"
    )
    ref, body = args.positionals
    assert parse_ref(ref.value, kind="PRB") == 4
    assert parse_user(args.require("owner")) == "U7"
    assert args.require("dept") == "研发"
    assert parse_date(args.require("due"), field="due date") == datetime.date(2026, 7, 1)
    assert body.quoted is True
    assert unescape_slack(body.value) == "Publish a weekly R&D <> Sales handoff note"
    assert args.get("note") is None
    assert args.get("deliverable") == "doc in #wiki"


def test_list_value_with_space_after_comma_continues() -> None:
    assert tokenize('"P" depts=Sales, R&amp;D，研发部 goal=x') == [
        Token(None, "P", True),
        Token("depts", "Sales, R&amp;D，研发部", False),
        Token("goal", "x", False),
    ]
    # Without a trailing separator, the next word is a positional again.
    assert tokenize("depts=Sales R&amp;D") == [Token("depts", "Sales", False), Token(None, "R&amp;D", False)]
    # A quoted value is complete as written.
    assert tokenize('note="a," b') == [Token("note", "a,", True), Token(None, "b", False)]


# ------------------------------------------------------------------ Chinese error texts

_CJK = re.compile("[\u4e00-\u9fff]")


def test_parse_error_text_picks_the_language() -> None:
    error = ParseError("bad thing", "do=this", zh="错了")
    assert (error.text("zh"), error.text("en"), error.text("fr")) == ("错了", "bad thing", "bad thing")
    assert str(error) == "bad thing" and error.message == "bad thing"
    # without Chinese (or when the message was already written in the workspace's language)
    assert ParseError("bad thing").text("zh") == "bad thing"
    assert ParseError("bad thing").zh is None


def test_parse_error_pickles_with_its_chinese() -> None:
    copy = pickle.loads(pickle.dumps(ParseError("bad", "use=this", zh="错")))
    assert (copy.message, copy.usage, copy.zh, copy.text("zh")) == ("bad", "use=this", "错", "错")


_ARGS_ALLOWED = {"status", "due"}

# Every way the parse functions reject input: (what, call).
BAD_INPUTS: list[tuple[str, Callable[[], object]]] = [
    ("unclosed straight quote", lambda: tokenize('add "ship it')),
    ("unclosed typographic quote", lambda: tokenize("goal=“ship it")),
    ("unclosed low quote", lambda: tokenize("„halb")),
    ("not a person", lambda: parse_user("bob")),
    ("not a person in a list", lambda: parse_users("<@U1>,bob")),
    ("no people", lambda: parse_users(" , ")),
    ("not a channel", lambda: parse_channel("#sales")),
    ("bad date", lambda: parse_date("2026-13-01", field="due")),
    ("not a date", lambda: parse_date("tomorrow", field="deadline")),
    ("date of an unknown field", lambda: parse_date("x", field="start")),
    ("wrong ref kind", lambda: parse_ref("PRB-3", kind="PRJ")),
    ("ref zero", lambda: parse_ref("MSR-0", kind="MSR")),
    ("not a ref", lambda: parse_ref("12", kind="PRB")),
    ("number too big", lambda: parse_int("99", field="escalate_after", minimum=0, maximum=60)),
    ("not a number", lambda: parse_int("two", field="escalate_after", minimum=0, maximum=60)),
    ("unknown category", lambda: parse_category("money")),
    ("empty category", lambda: parse_category("")),
    ("unknown status", lambda: parse_status("未完成")),
    ("bad time", lambda: parse_time_of_day("25:00")),
    ("13pm", lambda: parse_time_of_day("13pm")),
    ("not a weekday", lambda: parse_weekly("funday 17:00")),
    ("weekday without time", lambda: parse_weekly("周五 25:00", key="digest")),
    ("unknown time zone", lambda: parse_timezone("Mars/Olympus")),
    ("too long", lambda: check_length("y" * 11, field="description", limit=10)),
    ("too long unknown field", lambda: check_length("y" * 11, field="summary", limit=10)),
    ("unknown option", lambda: Args.parse("MSR-1 colour=red", allowed=_ARGS_ALLOWED, usage="U")),
    ("option where none allowed", lambda: Args.parse("x=1", allowed=set(), usage="U")),
    ("option twice", lambda: Args.parse("due=2026-01-01 due=2026-01-02", allowed=_ARGS_ALLOWED, usage="U")),
    ("unclosed quote in args", lambda: Args.parse('MSR-1 status="doing', allowed=_ARGS_ALLOWED, usage="U")),
    ("missing option", lambda: Args.parse("MSR-1", allowed=_ARGS_ALLOWED, usage="U").require("due")),
    ("empty option", lambda: Args.parse('due=""', allowed=_ARGS_ALLOWED, usage="U").require("due")),
]


@pytest.mark.parametrize("call", [c for _, c in BAD_INPUTS], ids=[what for what, _ in BAD_INPUTS])
def test_every_parse_error_has_chinese(call: Callable[[], object]) -> None:
    with pytest.raises(ParseError) as info:
        call()
    error = info.value
    assert error.zh, error.message
    assert _CJK.search(error.zh), error.zh
    assert error.text("zh") == error.zh != error.message
    assert error.text("en") == error.message


@pytest.mark.parametrize(
    ("call", "zh"),
    [
        (
            lambda: parse_date("2026-13-01", field="due"),
            "截止日期“2026-13-01”不是有效日期 —— 请写成 YYYY-MM-DD，例如 2026-12-31",
        ),
        (lambda: parse_ref("PRB-3", kind="PRJ"), "“PRB-3”不是项目编号 —— 请写成 PRJ-<number>，例如 PRJ-1"),
        (
            lambda: parse_category("money"),
            "未知类别“money” —— 请使用：信息传递（info）、责任分工（roles）、流程机制（process）、资源支持（resources）",
        ),
        (
            lambda: parse_status("cancelled"),
            "未知状态“cancelled” —— 请使用：未开始（todo）、进行中（doing）、已完成（done）、受阻（blocked）",
        ),
        (lambda: tokenize("goal=“ship it"), "引号没有闭合：“ship it —— 请在文字末尾加上 ”"),
        (lambda: parse_user("&lt;bob&gt;"), "“<bob>”不是一个人 —— 请输入 @ 并从列表中选择此人"),
        (
            lambda: parse_weekly("mon 25:00", key="digest"),
            '“mon 25:00”中的时间无效 —— 请写成 digest="fri 17:00" 或 digest="周五 17:00"',
        ),
        (
            lambda: parse_int("-1", field="escalate_after", minimum=0, maximum=60),
            "escalate_after（逾期几天后通知部门负责人）“-1”必须是 0 到 60 之间的整数",
        ),
        (
            lambda: check_length("长" * 11, field="measure text", limit=10),
            "措施内容共 11 个字符，超过了上限 10",
        ),
        (
            lambda: parse_date("x", field="start"),
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
def test_chinese_error_text_exact(call: Callable[[], object], zh: str) -> None:
    with pytest.raises(ParseError) as info:
        call()
    assert info.value.zh == zh


def test_args_unclosed_quote_keeps_chinese_and_takes_command_usage() -> None:
    with pytest.raises(ParseError) as info:
        Args.parse('goal="ship it', allowed={"goal"}, usage="/collab project add …")
    assert info.value.usage == "/collab project add …"
    assert info.value.zh == '引号没有闭合："ship it —— 请在文字末尾加上 "'


def test_args_unquoted_words_after_an_option() -> None:
    args = Args.parse(
        'PRB-1 dept=Sales Ops team due=2026-12-01 "text" note=x y', allowed={"dept", "due", "note"}, usage="U"
    )
    assert args.unquoted_words_after("dept") == ["Ops", "team"]
    assert args.unquoted_words_after("due") == []  # a quoted word ends the run
    assert args.unquoted_words_after("note") == ["y"]
    assert args.unquoted_words_after("owner") == []
    quoted = Args.parse('dept="Sales" Ops', allowed={"dept"}, usage="U")
    assert quoted.unquoted_words_after("dept") == []
