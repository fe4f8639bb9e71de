"""Words of the weekly loop: sync prompts, nudges, digests, change requests, alerts."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "sync_title": {"en": "Weekly sync — {dept} ({period})", "zh": "每周同步 —— {dept}（{period}）"},
    "sync_title_part": {
        "en": "Weekly sync — {dept} ({period}, continued {part}/{parts})",
        "zh": "每周同步 —— {dept}（{period}，续 {part}/{parts}）",
    },
    "sync_hint": {
        "en": "Owners: reply in this thread with the reference (e.g. MSR-12) and your progress — *done*, *doing* or *blocked* (已完成 / 进行中 / 受阻) set the status — or press a button.",
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
    "digest_open": {"en": "*Open, not yet due*", "zh": "*未完成、未到期*"},
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
    "status_set": {"en": "{user} set *{ref}* to *{status}*.", "zh": "{user} 将 *{ref}* 设为 *{status}*。"},
    "cr_title": {"en": "Propose a new date", "zh": "申请延期"},
    "cr_date": {"en": "New deadline", "zh": "新的截止日期"},
    "cr_reason": {"en": "Reason and impact (变更原因及影响)", "zh": "变更原因及影响范围"},
    "cr_approve": {"en": "Approve", "zh": "批准"},
    "cr_reject": {"en": "Reject", "zh": "驳回"},
    "alert": {
        "en": ":warning: collab-bot could not post the {what} to {channel}: `{error}`. Invite the bot to the channel (`/invite @collab-bot`) or fix the department with `/collab dept add`.",
        "zh": ":warning: collab-bot 无法向 {channel} 发送{what}：`{error}`。请邀请机器人进入频道（`/invite @collab-bot`）或修正部门设置。",
    },
    "alert_dm": {
        "en": ":warning: collab-bot could not message {user} about {what}: `{error}`.",
        "zh": ":warning: collab-bot 无法就{what}给 {user} 发消息：`{error}`。",
    },
}
