"""Words of editing and archiving (``dept set|archive|restore``, ``problem set``, the new
``measure set`` fields) and of "Log as problem"."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ what changed
    "edit.change_name": {"en": "name {old} → *{new}*", "zh": "名称 {old} → *{new}*"},
    "edit.change_head": {"en": "head {old} → {new}", "zh": "负责人 {old} → {new}"},
    "edit.change_channel": {"en": "channel {old} → {new}", "zh": "频道 {old} → {new}"},
    "edit.change_text": {"en": "text: {value}", "zh": "内容：{value}"},
    "edit.change_deliverable": {"en": "deliverable: {value}", "zh": "交付标准：{value}"},
    "edit.change_dept": {"en": "department → *{value}*", "zh": "责任部门 → *{value}*"},
    "edit.change_cause": {"en": "root cause: {value}", "zh": "根本原因：{value}"},
    "edit.change_category": {"en": "category {old} → *{new}*", "zh": "类别 {old} → *{new}*"},
    # ------------------------------------------------------------ departments
    "edit.dept_updated": {
        "en": ":pencil2: Department *{name}* updated: {changes}",
        "zh": ":pencil2: 部门 *{name}* 已更新：{changes}",
    },
    "edit.dept_unchanged": {
        "en": "Department *{name}* already has those values; nothing changed.",
        "zh": "部门 *{name}* 已是这些值，未做更改。",
    },
    "edit.dept_archived": {
        "en": ":file_cabinet: Department *{name}* archived: no more sync prompts or digests, and it is left out of lists and forms. `/collab dept restore {name}` brings it back.",
        "zh": ":file_cabinet: 部门 *{name}* 已归档：不再发送每周同步和周报，也不再出现在列表和表单中。`/collab dept restore {name}` 可恢复。",
    },
    "edit.dept_restored": {
        "en": ":white_check_mark: Department *{name}* restored: it gets sync prompts and digests again.",
        "zh": ":white_check_mark: 部门 *{name}* 已恢复：将重新收到每周同步和周报。",
    },
    "edit.dept_already_archived": {
        "en": "Department *{name}* is already archived; nothing changed.",
        "zh": "部门 *{name}* 已经归档，未做更改。",
    },
    "edit.dept_not_archived": {
        "en": "Department *{name}* is not archived; nothing changed.",
        "zh": "部门 *{name}* 未归档，未做更改。",
    },
    "edit.archived_depts": {
        "en": "_Archived: {names} (`/collab dept restore &lt;name&gt;` brings one back)_",
        "zh": "_已归档：{names}（`/collab dept restore &lt;名称&gt;` 可恢复）_",
    },
    # ------------------------------------------------------------ problems
    "edit.action_problem": {"en": "Changing {ref}", "zh": "修改 {ref}"},
    "edit.who_problem": {
        "en": "its project's lead or an admin",
        "zh": "所属项目的负责人或管理员",
    },
    "edit.problem_updated": {
        "en": ":pencil2: *{ref}* updated: {changes}",
        "zh": ":pencil2: *{ref}* 已更新：{changes}",
    },
    "edit.problem_unchanged": {
        "en": "*{ref}* already has those values; nothing changed.",
        "zh": "*{ref}* 已是这些值，未做更改。",
    },
    # ------------------------------------------------------------ bad input
    "edit.empty": {
        "en": '{option}= is empty — give the new value in quotes, e.g. {option}="…"',
        "zh": '{option}= 的值为空 —— 请在引号中写新的值，例如 {option}="…"',
    },
    "edit.dept_nothing": {
        "en": "say what to change: name=, head= or channel=",
        "zh": "请说明要修改什么：name=、head= 或 channel=",
    },
    "edit.problem_nothing": {
        "en": "say what to change: category=, cause= or text=",
        "zh": "请说明要修改什么：category=、cause= 或 text=",
    },
    "edit.one_problem_ref": {
        "en": "give exactly one problem reference, e.g. PRB-1",
        "zh": "请只给出一个问题编号，例如 PRB-1",
    },
    "edit.dept_has_open": {
        "en": "{name} still has {count} open measure(s) ({refs}); nothing was archived. Move each to another department with /collab measure set MSR-n dept=<department>, or finish them, then archive.",
        "zh": "{name} 还有 {count} 项未完成措施（{refs}），未归档。请先用 /collab measure set MSR-n dept=<部门> 把它们转到其他部门，或完成它们，再归档。",
    },
    "edit.dept_is_archived": {
        "en": 'the department "{name}" is archived — pick another one, or an admin restores it with /collab dept restore {name}',
        "zh": "部门“{name}”已归档 —— 请选择其他部门，或由管理员用 /collab dept restore {name} 恢复",
    },
    # ------------------------------------------------------------ "Log as problem"
    "shortcut.from_message": {
        "en": ":link: Logged from <{link}|a message in Slack>; the problem keeps the link.",
        "zh": ":link: 来自 <{link}|一条 Slack 消息>；问题会保留该链接。",
    },
    "shortcut.shortened": {
        "en": ":scissors: The message was longer than {limit} characters: the description holds its beginning; the link leads to all of it.",
        "zh": ":scissors: 原消息超过 {limit} 个字符：问题描述只保留开头部分，完整内容见链接。",
    },
    "shortcut.linked": {"en": ":link: <{link}|The message>", "zh": ":link: <{link}|原消息>"},
}
