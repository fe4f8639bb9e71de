"""Words of the records: departments, projects, problems, measures, status, export, config."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
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
        "en": ":information_source: I could not join {channel} by myself (is it private?). Invite me there with `/invite @collab-bot`, or the weekly prompts cannot be posted.",
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
        "en": '{option}={value} is followed by "{words}": did you mean the department "{name}"? Put a name with spaces in quotes: {option}="{name}". Nothing was saved.',
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
