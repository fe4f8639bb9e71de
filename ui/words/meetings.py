"""Words of the meetings: kickoff (沟通会议) and ad-hoc (临时沟通会), agendas, needs, minutes."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ errors
    "mtg.bad_kind": {
        "en": '"{value}" is not a kind of meeting — write kickoff or adhoc',
        "zh": "“{value}”不是会议类型 —— 请写 kickoff（沟通会议）或 adhoc（临时沟通会）",
    },
    "mtg.bad_time": {
        "en": 'at="{value}" is not a time — write at="YYYY-MM-DD HH:MM" (in the workspace\'s time zone)',
        "zh": "at=“{value}”不是有效时间 —— 请写成 at=“YYYY-MM-DD HH:MM”（工作区时区）",
    },
    "mtg.past_time": {
        "en": "at={at} is in the past (it is now {now}) — give a later time",
        "zh": "at={at} 已经过去（现在是 {now}）—— 请给出之后的时间",
    },
    "mtg.add_args": {
        "en": "give the project and the kind (kickoff or adhoc), then at=",
        "zh": "请给出项目编号和会议类型（kickoff 或 adhoc），再写 at=",
    },
    "mtg.one_meeting": {
        "en": "give exactly one meeting reference, e.g. MTG-1",
        "zh": "请只给出一个会议编号，例如 MTG-1",
    },
    "mtg.no_departments": {
        "en": "{ref} has no departments — name them with depts=<dept>,<dept>",
        "zh": "{ref} 没有涉及部门 —— 请用 depts=<部门>,<部门> 指定",
    },
    "mtg.field_time": {"en": "Pick a time.", "zh": "请选择时间。"},
    "mtg.field_past": {"en": "This time is in the past.", "zh": "该时间已经过去。"},
    "mtg.field_kind": {"en": "Pick kickoff or ad-hoc.", "zh": "请选择会议类型。"},
    "mtg.field_need": {"en": "Write the need or expectation.", "zh": "请填写需求或期望。"},
    "mtg.field_need_dept": {"en": "Pick your department.", "zh": "请选择部门。"},
    "mtg.field_line": {
        "en": 'Line {line} "{text}": write <category>: <description>, category info, roles, process or resources.',
        "zh": "第 {line} 行“{text}”：请写成 <类别>：<描述>，类别为 信息传递、责任分工、流程机制 或 资源支持。",
    },
    "mtg.gone": {"en": "There is no {ref} in this workspace.", "zh": "本工作区没有 {ref}。"},
    # ------------------------------------------------------------ answers
    "mtg.added": {
        "en": ":white_check_mark: *{ref}* {kind} of {project} on {at} — {depts}. {when}",
        "zh": ":white_check_mark: 已安排 {project} 的{kind} *{ref}*，时间 {at} —— {depts}。{when}",
    },
    "mtg.agenda_at": {
        "en": "The agenda goes out {at}.",
        "zh": "议程将于 {at} 发出。",
    },
    "mtg.agenda_now": {"en": "The agenda is out now.", "zh": "议程已发出。"},
    "mtg.need_added": {
        "en": ":white_check_mark: Need of *{dept}* added to {ref}; the agenda shows it.",
        "zh": ":white_check_mark: 已将 *{dept}* 的需求加入 {ref}，议程已更新。",
    },
    "mtg.minutes_saved": {
        "en": ":white_check_mark: Minutes of *{ref}* saved. {problems}",
        "zh": ":white_check_mark: 已保存 *{ref}* 的会议纪要。{problems}",
    },
    "mtg.problems_logged": {"en": "Problems logged: {refs}.", "zh": "已记录问题：{refs}。"},
    "mtg.none": {
        "en": "No meetings yet. Add one with `/collab meeting add` (opens a form).",
        "zh": "还没有会议。用 `/collab meeting add` 添加（会打开表单）。",
    },
    "mtg.list_title": {"en": "Meetings", "zh": "会议"},
    "mtg.list_line": {
        "en": "*{ref}* {kind} — {project} · {at} · {depts}{minutes}",
        "zh": "*{ref}* {kind} —— {project} · {at} · {depts}{minutes}",
    },
    "mtg.has_minutes": {"en": " · minutes :memo:", "zh": " · 已有纪要 :memo:"},
    "kind.kickoff": {"en": "Kickoff (沟通会议)", "zh": "沟通会议"},
    "kind.adhoc": {"en": "Ad-hoc coordination (临时沟通会)", "zh": "临时沟通会"},
    # ------------------------------------------------------------ the agenda
    "mtg.agenda_title": {"en": "Agenda — {ref} {kind}", "zh": "会议议程 —— {ref} {kind}"},
    "mtg.when": {"en": "{project} · :calendar: {at}", "zh": "{project} · :calendar: {at}"},
    "mtg.goal": {"en": "*Goal:* {goal}", "zh": "*协作目标：*{goal}"},
    "mtg.departments": {"en": "*Departments and responsibilities*", "zh": "*参会部门及职责*"},
    "mtg.topics": {"en": "*Topics*", "zh": "*议题*"},
    "mtg.risks": {"en": "*Open risks*", "zh": "*未关闭的风险*"},
    "mtg.measures": {"en": "*Blocked or overdue measures*", "zh": "*受阻或逾期的措施*"},
    "mtg.practices": {"en": "*Practices kept from earlier retrospectives*", "zh": "*以往复盘固化的做法*"},
    "mtg.needs": {"en": "*Needs and expectations (各部门需求和期望)*", "zh": "*各部门需求和期望*"},
    "mtg.need_line": {"en": "• *{dept}*: {text} ({user})", "zh": "• *{dept}*：{text}（{user}）"},
    "mtg.nothing": {"en": "_none_", "zh": "_无_"},
    "mtg.btn_need": {"en": "Add a need", "zh": "提出需求"},
    "mtg.head_dm": {
        "en": ":calendar: The agenda of *{ref}* ({kind}, {at}) is in {channels}. Add your department's needs and expectations there, or here:",
        "zh": ":calendar: *{ref}*（{kind}，{at}）的议程已发到 {channels}。请在那里或此处提出贵部门的需求和期望：",
    },
    "mtg.head_dm_text": {
        "en": "Agenda of {ref} in {channels}",
        "zh": "{ref} 的议程已发到 {channels}",
    },
    # ------------------------------------------------------------ minutes
    "mtg.minutes_ask": {
        "en": ":memo: *{ref}* ({kind} of {project}, {at}) is over. Please write its minutes: attendees, decisions and the problems raised.",
        "zh": ":memo: *{ref}*（{project} 的{kind}，{at}）已结束。请填写会议纪要：参会人、决议和提出的问题。",
    },
    "mtg.btn_minutes": {"en": "Write the minutes", "zh": "填写会议纪要"},
    "mtg.minutes_title": {"en": "Minutes — {ref} {kind}", "zh": "会议纪要 —— {ref} {kind}"},
    "mtg.attendees": {"en": "*Attendees:* {users}", "zh": "*参会人：*{users}"},
    "mtg.decisions": {"en": "*Decisions:*\n{text}", "zh": "*决议：*\n{text}"},
    "mtg.problems": {"en": "*Problems raised:*", "zh": "*提出的问题：*"},
    # ------------------------------------------------------------ buttons elsewhere
    "mtg.btn_call": {"en": "Call a coordination meeting", "zh": "召开临时沟通会"},
    # ------------------------------------------------------------ forms
    "form.meeting_title": {"en": "New meeting", "zh": "安排会议"},
    "form.meeting_kind": {"en": "Kind", "zh": "会议类型"},
    "form.meeting_name": {"en": "Title (optional)", "zh": "会议名称（可选）"},
    "form.meeting_date": {"en": "Date", "zh": "日期"},
    "form.meeting_time": {"en": "Time (workspace time zone)", "zh": "时间（工作区时区）"},
    "form.meeting_depts": {
        "en": "Departments invited (default: the project's)",
        "zh": "参会部门（默认：项目的涉及部门）",
    },
    "form.meeting_topics": {"en": "Topics, one per line", "zh": "议题，每行一个"},
    "form.need_title": {"en": "Add a need", "zh": "提出需求"},
    "form.need_dept": {"en": "Department", "zh": "部门"},
    "form.need_text": {"en": "Need or expectation (需求和期望)", "zh": "需求和期望"},
    "form.minutes_title": {"en": "Minutes", "zh": "会议纪要"},
    "form.minutes_attendees": {"en": "Attendees", "zh": "参会人"},
    "form.minutes_decisions": {"en": "Decisions", "zh": "决议"},
    "form.minutes_problems": {
        "en": "Problems raised, one per line: <category>: <description>",
        "zh": "提出的问题，每行一个：<类别>：<描述>",
    },
    "form.minutes_problems_hint": {
        "en": "process: approvals take two weeks",
        "zh": "流程机制：审批需要两周",
    },
    "form.minutes_logged": {
        "en": "Already logged from these minutes: {refs}. New lines add problems.",
        "zh": "本次纪要已记录：{refs}。新写的行会再新增问题。",
    },
}
