"""Words of the per-person overdue nudge and escalation (one message a day listing them all)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "nudge.many": {
        "en": ":alarm_clock: {count} of your measures are past their deadline: {refs}. What is their status?",
        "zh": ":alarm_clock: 你有 {count} 项措施已逾期：{refs}。目前进展如何？",
    },
    "nudge.escalate_many": {
        "en": ":rotating_light: {count} measures of your department ({dept}) are overdue: {refs}.",
        "zh": ":rotating_light: 贵部门（{dept}）有 {count} 项措施已逾期：{refs}。",
    },
    "nudge.days": {"en": "_{days} day(s) past its deadline_", "zh": "_已逾期 {days} 天_"},
    "nudge.continued": {
        "en": "Overdue measures, continued ({part}/{parts})",
        "zh": "逾期措施（续 {part}/{parts}）",
    },
}
