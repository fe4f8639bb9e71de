"""The sync prompt of a department with more open measures than one message holds: the first
page in the channel, the rest behind Show more (a page only the presser sees)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "sync_more": {"en": "Show {count} more", "zh": "显示其余 {count} 项"},
    "sync_page_title": {
        "en": "Weekly sync — {dept} ({period}): {first}–{last} of {total}",
        "zh": "每周同步 —— {dept}（{period}）：第 {first}–{last} 项，共 {total} 项",
    },
    "sync_page_gone": {
        "en": "This sync prompt is no longer current; the newest one is in the channel.",
        "zh": "该同步消息已过期，请查看频道中最新的一条。",
    },
}
