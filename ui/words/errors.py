"""Bad input to commands and forms, refusals, and failures on our side.

Form field errors (``field_*``, ``past_due``, ``already_due``) must fit in 150 characters."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "internal_error": {
        "en": ":x: Something went wrong on our side; nothing was changed. Please try again.",
        "zh": ":x: 我们这边出了问题，未做任何更改。请重试。",
    },
    "form_failed": {
        "en": ":warning: The form could not be opened ({error}). Run the command again, or type it with all its fields (see `/collab help`).",
        "zh": ":warning: 表单无法打开（{error}）。请重新运行命令，或直接输入带全部字段的命令（见 `/collab help`）。",
    },
    "action_change_measure": {"en": "Changing {ref}", "zh": "修改 {ref}"},
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
        "en": "say what to change: status=, due=, owner=, note=, text=, deliverable= or dept=",
        "zh": "请说明要修改什么：status=、due=、owner=、note=、text=、deliverable= 或 dept=",
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
        "zh": "{field} {due} 已经过去（今天是 {today}）—— 请给出今天或之后的日期",
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
