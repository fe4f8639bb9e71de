"""Words of the change requests (需求变更申请, CHG-n)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ errors
    "chg.add_args": {
        "en": "give the project and what changes in quotes, then impact= and dept=",
        "zh": "请给出项目编号和带引号的变更内容，再写 impact= 和 dept=",
    },
    "chg.due_needs_measure": {
        "en": "due= moves a measure's deadline — name the measure with measure=MSR-n",
        "zh": "due= 用于修改措施的截止日期 —— 请用 measure=MSR-n 指明措施",
    },
    "chg.measure_elsewhere": {
        "en": "{measure} belongs to {other}, not {project}",
        "zh": "{measure} 属于 {other}，不属于 {project}",
    },
    "chg.field_text": {"en": "Say what changes.", "zh": "请填写变更内容。"},
    "chg.field_impact": {"en": "Describe the scope of the impact.", "zh": "请填写影响范围。"},
    "chg.field_measure": {
        "en": "Write a measure of this project, e.g. MSR-3",
        "zh": "请填写本项目的措施编号，例如 MSR-3",
    },
    "chg.field_due_measure": {"en": "A new date needs a measure.", "zh": "修改日期需要指明措施。"},
    "chg.field_reason": {"en": "Give the reason.", "zh": "请填写驳回原因。"},
    "chg.action_decide": {"en": "Deciding {ref}", "zh": "审批 {ref}"},
    # ------------------------------------------------------------ answers and notices
    "chg.filed": {
        "en": ":outbox_tray: *{ref}* filed on {project} and sent to the project lead {lead}.",
        "zh": ":outbox_tray: 已提交 {project} 的变更申请 *{ref}*，并发送给项目负责人 {lead}。",
    },
    "chg.ask": {
        "en": ":memo: Change request *{ref}* (需求变更申请) from {user} on {project}:",
        "zh": ":memo: {user} 提交了 {project} 的需求变更申请 *{ref}*：",
    },
    "chg.what": {"en": "*What changes:* {text}", "zh": "*变更内容：*{text}"},
    "chg.impact": {"en": "*Impact:* {text}", "zh": "*影响范围：*{text}"},
    "chg.dept": {"en": "*Responsible department:* {dept}", "zh": "*责任部门：*{dept}"},
    "chg.deadline": {"en": "*{measure}* due {old} → *{new}*", "zh": "*{measure}* 截止日期 {old} → *{new}*"},
    "chg.measure": {"en": "*Measure:* {measure}", "zh": "*措施：*{measure}"},
    "chg.reason": {"en": "*Reason:* {text}", "zh": "*原因：*{text}"},
    "chg.approved": {
        "en": ":white_check_mark: {user} approved *{ref}* ({project}).",
        "zh": ":white_check_mark: {user} 批准了 *{ref}*（{project}）。",
    },
    "chg.approved_due": {
        "en": ":white_check_mark: {user} approved *{ref}*: *{measure}* is now due {new}.",
        "zh": ":white_check_mark: {user} 批准了 *{ref}*：*{measure}* 截止日期改为 {new}。",
    },
    "chg.rejected": {
        "en": ":x: {user} rejected *{ref}* ({project}): {reason}",
        "zh": ":x: {user} 驳回了 *{ref}*（{project}）：{reason}",
    },
    "chg.notice": {
        "en": ":mega: Change request *{ref}* for {dept} on {project}: {decision}",
        "zh": ":mega: {project} 中涉及 {dept} 的变更申请 *{ref}*：{decision}",
    },
    "chg.decided_already": {
        "en": "{ref} was already {state} by {user} on {at}.",
        "zh": "{ref} 已由 {user} 于 {at} {state}。",
    },
    "chg.state.open": {"en": "pending", "zh": "待审批"},
    "chg.state.approved": {"en": "approved", "zh": "批准"},
    "chg.state.rejected": {"en": "rejected", "zh": "驳回"},
    "chg.none": {
        "en": "No change requests yet. File one with `/collab change add` (opens a form).",
        "zh": "还没有变更申请。用 `/collab change add` 提交（会打开表单）。",
    },
    "chg.list_title": {"en": "Change requests", "zh": "变更申请"},
    "chg.list_open": {
        "en": "*{ref}* {text} — {project} · {dept} · by {user} · pending for {age}",
        "zh": "*{ref}* {text} —— {project} · {dept} · 申请人 {user} · 已等待 {age}",
    },
    "chg.list_decided": {
        "en": "*{ref}* {text} — {project} · {dept} · {state} by {user}",
        "zh": "*{ref}* {text} —— {project} · {dept} · {user} 已{state}",
    },
    "chg.age_days": {"en": "{days} day(s)", "zh": "{days} 天"},
    "chg.age_today": {"en": "less than a day", "zh": "不到一天"},
    "chg.deadline_text": {"en": "new deadline for {measure}", "zh": "{measure} 延期"},
    # ------------------------------------------------------------ forms
    "form.change_title": {"en": "Change request", "zh": "需求变更申请"},
    "form.change_text": {"en": "What changes (变更内容)", "zh": "变更内容"},
    "form.change_impact": {"en": "Scope of impact (影响范围)", "zh": "影响范围"},
    "form.change_dept": {"en": "Responsible department", "zh": "责任部门"},
    "form.change_measure": {"en": "Measure (optional), e.g. MSR-3", "zh": "措施编号（可选），例如 MSR-3"},
    "form.change_due": {"en": "New deadline of the measure (optional)", "zh": "措施的新截止日期（可选）"},
    "form.reject_title": {"en": "Reject", "zh": "驳回"},
    "form.reject_reason": {"en": "Reason", "zh": "驳回原因"},
}
