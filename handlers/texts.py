"""User-facing words in English and Chinese. ``t(lang, key, **values)``."""

from __future__ import annotations

CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "info": {"en": "Information flow", "zh": "信息传递"},
    "roles": {"en": "Responsibilities", "zh": "责任分工"},
    "process": {"en": "Process/mechanism", "zh": "流程机制"},
    "resources": {"en": "Resources", "zh": "资源支持"},
}

STATUS_LABELS: dict[str, dict[str, str]] = {
    "todo": {"en": "Not started", "zh": "未开始"},
    "doing": {"en": "In progress", "zh": "进行中"},
    "done": {"en": "Done", "zh": "已完成"},
    "blocked": {"en": "Blocked", "zh": "受阻"},
}

STATUS_EMOJI = {
    "todo": ":white_circle:",
    "doing": ":large_blue_circle:",
    "done": ":white_check_mark:",
    "blocked": ":red_circle:",
}

EXPORT_COLUMNS: dict[str, list[str]] = {
    "en": [
        "项目名称 Project",
        "涉及部门 Departments",
        "问题描述 Problem",
        "责任部门/人 Owner dept/person",
        "协作目标 Goal",
        "改进措施 Measure",
        "时间节点 Deadline",
        "完成状态 Status",
        "备注 Notes",
    ],
}
EXPORT_COLUMNS["zh"] = EXPORT_COLUMNS["en"]

_TEXTS: dict[str, dict[str, str]] = {
    "error": {"en": ":warning: {message}", "zh": ":warning: {message}"},
    "usage": {"en": "Usage: `{usage}`", "zh": "用法：`{usage}`"},
    "not_allowed": {
        "en": ":no_entry: {action} is for {who}. Nothing was changed.",
        "zh": ":no_entry: {action} 仅限{who}。未做任何更改。",
    },
    "who_admins": {
        "en": "workspace admins and the admins set with `/collab config admins=…`",
        "zh": "工作区管理员及 `/collab config admins=…` 指定的管理员",
    },
    "who_measure": {
        "en": "the measure's owner, their department head, the project lead or an admin",
        "zh": "措施负责人、其部门负责人、项目负责人或管理员",
    },
    "unknown_subcommand": {
        "en": "I don't know `{word}`. Try `/collab help`.",
        "zh": "无法识别 `{word}`。请查看 `/collab help`。",
    },
    "dept_added": {
        "en": ":white_check_mark: Department *{name}* added — head {head}, channel {channel}.",
        "zh": ":white_check_mark: 已添加部门 *{name}* —— 负责人 {head}，频道 {channel}。",
    },
    "dept_invite": {
        "en": ":information_source: I could not join {channel} by myself (is it private?). "
        "Invite me there with `/invite @collab-bot`, or the weekly prompts cannot be posted.",
        "zh": ":information_source: 我无法自行加入 {channel}（是私有频道吗？）。请在该频道输入 `/invite @collab-bot` 邀请我，否则无法发送每周同步。",
    },
    "dept_exists": {
        "en": 'A department called "{name}" already exists. Pick another name.',
        "zh": "部门“{name}”已存在，请换一个名称。",
    },
    "dept_none": {
        "en": "No departments yet. An admin adds one with `/collab dept add &lt;name&gt; head=@user channel=#channel`.",
        "zh": "还没有部门。管理员可用 `/collab dept add &lt;名称&gt; head=@负责人 channel=#频道` 添加。",
    },
    "needs_quotes": {
        "en": '{option}={value} is followed by "{words}": did you mean the department "{name}"? '
        'Put a name with spaces in quotes: {option}="{name}". Nothing was saved.',
        "zh": '{option}={value} 后面跟着“{words}”：是指部门“{name}”吗？含空格的名称请加引号：{option}="{name}"。未保存任何内容。',
    },
    "dept_unknown": {
        "en": 'There is no department called "{name}". Known departments: {known}.',
        "zh": "没有名为“{name}”的部门。现有部门：{known}。",
    },
    "list_more": {
        "en": "…and {count} more that do not fit in one message.",
        "zh": "……另有 {count} 项，一条消息放不下。",
    },
    "departments": {"en": "Departments", "zh": "部门"},
    "projects": {"en": "Projects", "zh": "项目"},
    "project_none": {
        "en": "No projects yet. Add one with `/collab project add` (opens a form).",
        "zh": "还没有项目。用 `/collab project add` 添加（会打开表单）。",
    },
    "project_added": {
        "en": ":white_check_mark: *{ref}* created: {name}",
        "zh": ":white_check_mark: 已创建 *{ref}*：{name}",
    },
    "problem_added": {
        "en": ":white_check_mark: *{ref}* logged on {project}: {description}",
        "zh": ":white_check_mark: 已在 {project} 下记录问题 *{ref}*：{description}",
    },
    "measure_added": {
        "en": ":white_check_mark: *{ref}* added to {problem} — owner {owner}, due {due}.",
        "zh": ":white_check_mark: 已为 {problem} 添加措施 *{ref}* —— 负责人 {owner}，截止 {due}。",
    },
    "measure_updated": {
        "en": ":pencil2: *{ref}* updated: {changes}",
        "zh": ":pencil2: *{ref}* 已更新：{changes}",
    },
    "measure_unchanged": {
        "en": "*{ref}* already has those values; nothing changed.",
        "zh": "*{ref}* 已是这些值，未做更改。",
    },
    "not_found": {"en": "There is no {ref} in this workspace.", "zh": "本工作区没有 {ref}。"},
    "status_title": {"en": "Improvement measures — {scope}", "zh": "改进措施 —— {scope}"},
    "status_empty": {"en": "No measures for {scope}.", "zh": "{scope} 没有改进措施。"},
    "scope_me": {"en": "yours", "zh": "我的"},
    "overdue": {"en": "overdue", "zh": "已逾期"},
    "owner": {"en": "Owner", "zh": "负责人"},
    "due": {"en": "Due", "zh": "截止"},
    "change_due": {"en": "due {old} → *{new}*", "zh": "截止日期 {old} → *{new}*"},
    "change_note": {"en": "note: {note}", "zh": "备注：{note}"},
    "config_weekdays": {"en": "(weekdays)", "zh": "（工作日）"},
    "config_days": {"en": "days", "zh": "天"},
    "page": {
        "en": "Page {page} of {pages} · {total} measures",
        "zh": "第 {page}/{pages} 页 · 共 {total} 项措施",
    },
    "next": {"en": "Next ›", "zh": "下一页 ›"},
    "prev": {"en": "‹ Previous", "zh": "‹ 上一页"},
    "counts": {
        "en": "{todo} not started · {doing} in progress · {blocked} blocked · {done} done · {overdue} overdue",
        "zh": "未开始 {todo} · 进行中 {doing} · 受阻 {blocked} · 已完成 {done} · 逾期 {overdue}",
    },
    "export_preparing": {"en": "Preparing the improvement process table…", "zh": "正在生成改进流程表……"},
    "export_done": {
        "en": "Improvement process table ({rows} rows) — {scope}",
        "zh": "改进流程表（{rows} 行）—— {scope}",
    },
    "export_dm": {
        "en": "I can't post files in this channel, so I sent the table to you in a direct message.",
        "zh": "我无法在此频道发送文件，已通过私信发送给你。",
    },
    "export_failed": {
        "en": ":warning: The export could not be uploaded ({error}). Try again, or run `collab-bot export` on the server.",
        "zh": ":warning: 导出文件上传失败（{error}）。请重试，或在服务器上运行 `collab-bot export`。",
    },
    "all_projects": {"en": "all projects", "zh": "全部项目"},
    "config_title": {"en": "Workspace settings", "zh": "工作区设置"},
    "config_saved": {"en": ":white_check_mark: Settings saved.", "zh": ":white_check_mark: 设置已保存。"},
    "modal_submit": {"en": "Save", "zh": "保存"},
    "modal_cancel": {"en": "Cancel", "zh": "取消"},
    "need_departments": {
        "en": "Add a department first: `/collab dept add &lt;name&gt; head=@user channel=#channel` (admins).",
        "zh": "请先添加部门：`/collab dept add &lt;名称&gt; head=@负责人 channel=#频道`（管理员）。",
    },
    "need_projects": {
        "en": "There are no projects yet. Create one with `/collab project add`.",
        "zh": "还没有项目。请先用 `/collab project add` 创建。",
    },
    "need_problems": {
        "en": "There are no problems yet. Log one with `/collab problem add`.",
        "zh": "还没有问题。请先用 `/collab problem add` 记录。",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    entry = _TEXTS[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template


def status_label(status: str, lang: str) -> str:
    labels = STATUS_LABELS.get(status)
    return labels[lang if lang in labels else "en"] if labels else status


def category_label(category: str, lang: str) -> str:
    labels = CATEGORY_LABELS.get(category)
    if labels is None:
        return category
    return f"{labels['zh']} {labels['en']}" if lang == "en" else labels["zh"]


_TEXTS.update(
    {
        "sync_title": {"en": "Weekly sync — {dept} ({period})", "zh": "每周同步 —— {dept}（{period}）"},
        "sync_title_part": {
            "en": "Weekly sync — {dept} ({period}, continued {part}/{parts})",
            "zh": "每周同步 —— {dept}（{period}，续 {part}/{parts}）",
        },
        "sync_hint": {
            "en": "Owners: reply in this thread with the reference (e.g. MSR-12) and your progress — "
            "*done*, *doing* or *blocked* (已完成 / 进行中 / 受阻) set the status — or press a button.",
            "zh": "负责人：请在本帖回复措施编号（如 MSR-12）和进展 —— 写“已完成 / 进行中 / 受阻”即可更新状态 —— 或点击按钮。",
        },
        "btn_doing": {"en": "In progress", "zh": "进行中"},
        "btn_done": {"en": "Done", "zh": "已完成"},
        "btn_blocked": {"en": "Blocked", "zh": "受阻"},
        "btn_new_date": {"en": "Propose a new date", "zh": "申请延期"},
        "nudge": {
            "en": ":alarm_clock: *{ref}* is {days} day(s) past its deadline ({due}). What is the status?",
            "zh": ":alarm_clock: *{ref}* 已逾期 {days} 天（截止 {due}）。目前进展如何？",
        },
        "escalate": {
            "en": ":rotating_light: *{ref}* of your department ({dept}) is {days} day(s) overdue — owner {owner}.",
            "zh": ":rotating_light: 贵部门（{dept}）的 *{ref}* 已逾期 {days} 天 —— 负责人 {owner}。",
        },
        "digest_title": {
            "en": "Collaboration progress — {dept} ({period})",
            "zh": "协作进度跟踪表 —— {dept}（{period}）",
        },
        "digest_overdue": {"en": "*Overdue*", "zh": "*已逾期*"},
        "digest_done": {"en": "*Finished this week*", "zh": "*本周完成*"},
        "digest_changes": {"en": "*Changed since last week*", "zh": "*上周以来的变化*"},
        "digest_open": {"en": "*Open measures*", "zh": "*未完成措施*"},
        "digest_none": {"en": "_none_", "zh": "_无_"},
        "more": {
            "en": "…and {count} more (see `/collab status {scope}`)",
            "zh": "……另有 {count} 项（见 `/collab status {scope}`）",
        },
        "reply_which": {
            "en": "Which measure is this about? Reply with its reference, e.g. {example}.",
            "zh": "这条回复对应哪项措施？请附上编号，例如 {example}。",
        },
        "recorded": {"en": "Recorded on {refs}.", "zh": "已记录到 {refs}。"},
        "status_set": {
            "en": "{user} set *{ref}* to *{status}*.",
            "zh": "{user} 将 *{ref}* 设为 *{status}*。",
        },
        "cr_title": {"en": "Propose a new date", "zh": "申请延期"},
        "cr_date": {"en": "New deadline", "zh": "新的截止日期"},
        "cr_reason": {"en": "Reason and impact (变更原因及影响)", "zh": "变更原因及影响范围"},
        "cr_sent": {
            "en": ":outbox_tray: Change request for *{ref}* ({old} → {new}) sent to the project lead {lead}.",
            "zh": ":outbox_tray: *{ref}* 的延期申请（{old} → {new}）已发送给项目负责人 {lead}。",
        },
        "cr_ask": {
            "en": ":memo: Change request (需求变更申请) from {user}: move *{ref}* from {old} to *{new}*.\n>{reason}",
            "zh": ":memo: {user} 提交需求变更申请：将 *{ref}* 从 {old} 改为 *{new}*。\n>{reason}",
        },
        "cr_approve": {"en": "Approve", "zh": "批准"},
        "cr_reject": {"en": "Reject", "zh": "驳回"},
        "cr_approved": {
            "en": ":white_check_mark: {user} approved: *{ref}* is now due {new}.",
            "zh": ":white_check_mark: {user} 已批准：*{ref}* 截止日期改为 {new}。",
        },
        "cr_rejected": {
            "en": ":x: {user} rejected the change request for *{ref}* (stays due {old}).",
            "zh": ":x: {user} 驳回了 *{ref}* 的延期申请（仍于 {old} 截止）。",
        },
        "cr_decided": {"en": "This request was already decided.", "zh": "该申请已处理。"},
        "alert": {
            "en": ":warning: collab-bot could not post the {what} to {channel}: `{error}`. "
            "Invite the bot to the channel (`/invite @collab-bot`) or fix the department with `/collab dept add`.",
            "zh": ":warning: collab-bot 无法向 {channel} 发送{what}：`{error}`。请邀请机器人进入频道（`/invite @collab-bot`）或修正部门设置。",
        },
        "alert_dm": {
            "en": ":warning: collab-bot could not message {user} about {what}: `{error}`.",
            "zh": ":warning: collab-bot 无法就{what}给 {user} 发消息：`{error}`。",
        },
    }
)

# Errors: bad input to commands and modals (shown with :warning:), refusals, failures on our side.
# Modal field errors (``field_*``, ``past_due``, ``already_due``) must fit in 150 characters.
_TEXTS.update(
    {
        "internal_error": {
            "en": ":x: Something went wrong on our side; nothing was changed. Please try again.",
            "zh": ":x: 我们这边出了问题，未做任何更改。请重试。",
        },
        "form_failed": {
            "en": ":warning: The form could not be opened ({error}). Run the command again, "
            "or type it with all its fields (see `/collab help`).",
            "zh": ":warning: 表单无法打开（{error}）。请重新运行命令，或直接输入带全部字段的命令（见 `/collab help`）。",
        },
        "action_change_measure": {"en": "Changing {ref}", "zh": "修改 {ref}"},
        "action_decide_cr": {"en": "Deciding a change request", "zh": "审批变更申请"},
        "subcommand_needed": {
            "en": "`/collab {verb}` needs one of: {options}",
            "zh": "`/collab {verb}` 后面需要接以下之一：{options}",
        },
        "missing_dept_name": {"en": "missing the department name", "zh": "缺少部门名称"},
        "missing_project_name": {
            "en": "missing the project name (in quotes)",
            "zh": "缺少项目名称（请写在引号里）",
        },
        "problem_add_args": {
            "en": "give the project, the category and the description",
            "zh": "请给出项目编号、类别和问题描述",
        },
        "measure_add_args": {
            "en": "give the problem reference and the measure text",
            "zh": "请给出问题编号和措施内容",
        },
        "missing_measure_text": {
            "en": 'missing the measure text (in quotes, e.g. "weekly sync meeting")',
            "zh": "缺少措施内容（请写在引号里，例如 “每周同步会”）",
        },
        "one_measure_ref": {
            "en": "give exactly one measure reference, e.g. MSR-1",
            "zh": "请只给出一个措施编号，例如 MSR-1",
        },
        "nothing_to_change": {
            "en": "say what to change: status=, due=, owner= or note=",
            "zh": "请说明要修改什么：status=、due=、owner= 或 note=",
        },
        "not_a_setting": {
            "en": '"{words}" is not a setting — write key=value',
            "zh": "“{words}”不是设置项 —— 请写成 key=value",
        },
        "bad_lang": {
            "en": 'lang="{value}" — write lang=en or lang=zh',
            "zh": 'lang="{value}" 无效 —— 请写 lang=en 或 lang=zh',
        },
        "bad_holidays": {
            "en": 'holidays="{code}" is not a supported country code — use e.g. CN, US, DE, or none',
            "zh": 'holidays="{code}" 不是支持的国家代码 —— 请使用 CN、US、DE 等，或 none',
        },
        "past_due": {
            "en": "{field}={due} is in the past (today is {today}) — give a date from today on",
            "zh": "截止日期 {due} 已经过去（今天是 {today}）—— 请给出今天或之后的日期",
        },
        "none_yet": {"en": "none yet", "zh": "暂无"},
        "field_date": {"en": "Pick a date.", "zh": "请选择日期。"},
        "field_depts": {"en": "Pick at least one department.", "zh": "请至少选择一个部门。"},
        "field_name": {"en": "Give the project a name.", "zh": "请填写项目名称。"},
        "field_goal": {
            "en": "Describe the goal: specific, measurable, time-bound.",
            "zh": "请描述协作目标：具体、可衡量、有时限。",
        },
        "field_project": {"en": "Pick a project.", "zh": "请选择项目。"},
        "field_category": {"en": "Pick a category.", "zh": "请选择类别。"},
        "field_description": {"en": "Describe the problem.", "zh": "请描述问题。"},
        "field_problem": {"en": "Pick a problem.", "zh": "请选择问题。"},
        "field_dept": {"en": "Pick the owner's department.", "zh": "请选择负责人所在部门。"},
        "field_text": {"en": "Describe the measure.", "zh": "请描述改进措施。"},
        "field_owner": {"en": "Pick the owner.", "zh": "请选择负责人。"},
        "field_failed": {"en": "Something went wrong; try again.", "zh": "出了点问题，请重试。"},
        "measure_gone": {"en": "This measure no longer exists.", "zh": "该措施已不存在。"},
        "already_due": {"en": "{ref} is already due {due}.", "zh": "{ref} 的截止日期已经是 {due}。"},
    }
)
