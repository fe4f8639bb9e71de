"""Bad input: the errors ``domain.command_text``, ``domain.values`` and ``domain.vocabulary``
raise (``input.*``), and the terms they name (``term.*``: fields and kinds of record, keyed by
the English word as written, so that a field without an entry is shown as given).

Values filled in: ``{value}`` / ``{text}`` the input as typed (shortened); ``{field}``,
``{kind}`` terms; ``{option}`` an option key; ``{allowed}`` a ``domain.listing.Listing`` (its
format spec is the separator); ``{command}`` the command's usage.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ command text
    "input.unclosed_quote": {
        "en": "unclosed quote at {text} — end the text with {closer}",
        "zh": "引号没有闭合：{text} —— 请在文字末尾加上 {closer}",
    },
    "input.unknown_option": {
        "en": 'unknown option "{option}=" — allowed here: {allowed}',
        "zh": "未知选项“{option}=” —— 此处可用：{allowed:、}",
    },
    "input.no_options": {
        "en": 'unknown option "{option}=" — allowed here: none',
        "zh": "未知选项“{option}=” —— 此处可用：无（此命令不接受选项）",
    },
    "input.option_twice": {
        "en": "{option}= is given twice — give it once",
        "zh": "{option}= 出现了两次 —— 请只写一次",
    },
    "input.missing_option": {
        "en": "missing {option}=… — usage: {command}",
        "zh": "缺少 {option}=… —— 用法：{command}",
    },
    "input.empty_option": {
        "en": "{option}= is empty — usage: {command}",
        "zh": "{option}= 的值为空 —— 用法：{command}",
    },
    # ------------------------------------------------------------------ values
    "input.not_a_person": {
        "en": '"{value}" is not a person — mention them with @ and pick them from the list',
        "zh": "“{value}”不是一个人 —— 请输入 @ 并从列表中选择此人",
    },
    "input.no_people": {
        "en": "no people given — mention each one with @",
        "zh": "没有指定任何人 —— 请用 @ 提及每一位",
    },
    "input.not_a_channel": {
        "en": '"{value}" is not a channel — type # and pick the channel from the list',
        "zh": "“{value}”不是频道 —— 请输入 # 并从列表中选择频道",
    },
    "input.bad_date": {
        "en": '{field} "{value}" is not a valid date — write it as YYYY-MM-DD, e.g. 2026-12-31',
        "zh": "{field}“{value}”不是有效日期 —— 请写成 YYYY-MM-DD，例如 2026-12-31",
    },
    "input.bad_ref": {
        "en": '"{value}" is not a {kind} reference — write {prefix}-<number>, e.g. {prefix}-1',
        "zh": "“{value}”不是{kind}编号 —— 请写成 {prefix}-<number>，例如 {prefix}-1",
    },
    "input.bad_int": {
        "en": '{field} "{value}" must be a whole number from {minimum} to {maximum}',
        "zh": "{field}“{value}”必须是 {minimum} 到 {maximum} 之间的整数",
    },
    "input.bad_number": {
        "en": '{field} "{value}" is not a number — write it like 10, 11.5 or -3',
        "zh": "{field}“{value}”不是数字 —— 请写成 10、11.5 或 -3 这样的数",
    },
    "input.bad_time": {
        "en": '"{value}" is not a time of day — write it as HH:MM (24-hour), e.g. 09:30',
        "zh": "“{value}”不是有效的时间 —— 请写成 HH:MM（24 小时制），例如 09:30",
    },
    "input.bad_weekly": {
        "en": '"{value}" is not a weekday and time — write it like {option}="fri 17:00"',
        "zh": '“{value}”不是“星期几 + 时间” —— 请写成 {option}="fri 17:00" 或 {option}="周五 17:00"',
    },
    "input.bad_weekly_time": {
        "en": '"{value}" has no valid time — write it like {option}="fri 17:00"',
        "zh": '“{value}”中的时间无效 —— 请写成 {option}="fri 17:00" 或 {option}="周五 17:00"',
    },
    "input.bad_timezone": {
        "en": 'unknown time zone "{value}" — use an IANA name like Asia/Shanghai or America/New_York',
        "zh": "未知时区“{value}” —— 请使用 IANA 时区名，例如 Asia/Shanghai 或 America/New_York",
    },
    "input.too_long": {
        "en": "{field} is {length} characters; the limit is {limit}",
        "zh": "{field}共 {length} 个字符，超过了上限 {limit}",
    },
    # -------------------------------------------------------------- vocabulary
    # The choices are those of domain.vocabulary.Category / Status, with their labels
    # (tests/domain/test_vocabulary.py checks that they match).
    "input.unknown_category": {
        "en": 'unknown category "{value}" — use one of: info (信息传递), roles (责任分工), '
        "process (流程机制), resources (资源支持)",
        "zh": "未知类别“{value}” —— 请使用：信息传递（info）、责任分工（roles）、流程机制（process）、资源支持（resources）",
    },
    "input.unknown_status": {
        "en": 'unknown status "{value}" — use one of: todo (未开始), doing (进行中), done (已完成), blocked (受阻)',
        "zh": "未知状态“{value}” —— 请使用：未开始（todo）、进行中（doing）、已完成（done）、受阻（blocked）",
    },
    # ------------------------------------------------------------ field names
    "term.due": {"en": "due", "zh": "截止日期"},
    "term.due date": {"en": "due date", "zh": "截止日期"},
    "term.deadline": {"en": "deadline", "zh": "截止日期"},
    "term.Deadline": {"en": "Deadline", "zh": "截止日期"},
    "term.goal": {"en": "goal", "zh": "协作目标"},
    "term.cause": {"en": "cause", "zh": "根本原因"},
    "term.note": {"en": "note", "zh": "备注"},
    "term.deliverable": {"en": "deliverable", "zh": "交付标准"},
    "term.description": {"en": "description", "zh": "问题描述"},
    "term.measure text": {"en": "measure text", "zh": "措施内容"},
    "term.project name": {"en": "project name", "zh": "项目名称"},
    "term.department name": {"en": "department name", "zh": "部门名称"},
    "term.escalate_after": {"en": "escalate_after", "zh": "escalate_after（逾期几天后通知部门负责人）"},
    "term.baseline": {"en": "baseline", "zh": "基线值"},
    "term.target": {"en": "target", "zh": "目标值"},
    # ------------------------------------------------- kinds of record (RefKind)
    "term.project": {"en": "project", "zh": "项目"},
    "term.problem": {"en": "problem", "zh": "问题"},
    "term.measure": {"en": "measure", "zh": "措施"},
    "term.risk": {"en": "risk", "zh": "风险"},
    "term.meeting": {"en": "meeting", "zh": "会议"},
    "term.change request": {"en": "change request", "zh": "变更申请"},
    "term.milestone": {"en": "milestone", "zh": "里程碑"},
    "term.retrospective": {"en": "retrospective", "zh": "复盘"},
}
