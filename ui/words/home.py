"""Words of the Home tab (App Home)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "home.title": {"en": "Your improvement work", "zh": "我的改进工作"},
    "home.new_problem": {"en": "New problem", "zh": "记录问题"},
    "home.new_measure": {"en": "New measure", "zh": "添加措施"},
    "home.new_project": {"en": "New project", "zh": "新建项目"},
    "home.measures": {
        "en": "*Your open measures* — {count} open, {overdue} overdue",
        "zh": "*我负责的未完成措施* —— 共 {count} 项，逾期 {overdue} 项",
    },
    "home.measures_none": {
        "en": "_No open measures. Nice._",
        "zh": "_没有未完成的措施。_",
    },
    "home.more_measures": {
        "en": "…and {count} more open measures: `/collab status me` lists them all.",
        "zh": "……另有 {count} 项未完成措施：`/collab status me` 可查看全部。",
    },
    "home.waiting": {"en": "*Waiting for you* ({count})", "zh": "*待你处理*（{count}）"},
    "home.waiting_none": {"en": "_Nothing waits for you._", "zh": "_没有待你处理的事项。_"},
    "home.cr": {
        "en": ":memo: *{ref}* ({project}) from {user}, {days} day(s) ago: {text}",
        "zh": ":memo: {user} 于 {days} 天前提交的 *{ref}*（{project}）：{text}",
    },
    "home.cr_due": {
        "en": "Moves *{ref}* from {old} to *{new}*.",
        "zh": "将 *{ref}* 的截止日期从 {old} 改为 *{new}*。",
    },
    "home.led": {"en": "*Projects you lead*", "zh": "*我负责的项目*"},
    "home.project": {
        "en": "*{ref}* {name} — {done}/{total} measures done · due {due}",
        "zh": "*{ref}* {name} —— 措施完成 {done}/{total} · 截止 {due}",
    },
    "home.meetings": {"en": "*Upcoming meetings*", "zh": "*即将召开的会议*"},
    "home.more": {"en": "…and {count} more.", "zh": "……另有 {count} 项。"},
}
