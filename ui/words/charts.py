"""The evaluation chart's words (``ui/charts.py``): panel titles, axis labels, legend, notes."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "chart.burnup.title": {"en": "Measures done over time", "zh": "措施完成进度"},
    "chart.burnup.summary": {
        "en": "{done} of {total} done ({percent}%)",
        "zh": "已完成 {done} / {total}（{percent}%）",
    },
    "chart.burnup.done": {"en": "Done", "zh": "已完成"},
    "chart.burnup.total": {"en": "All measures", "zh": "全部措施"},
    "chart.burnup.axis": {"en": "Measures", "zh": "措施数"},
    "chart.burnup.empty": {"en": "No measures yet", "zh": "暂无措施"},
    "chart.metric.title": {"en": "Goal: {metric}", "zh": "目标指标：{metric}"},
    "chart.metric.baseline": {"en": "Baseline", "zh": "基线"},
    "chart.metric.actual": {"en": "Actual", "zh": "实际"},
    "chart.metric.target": {"en": "Target {value}", "zh": "目标 {value}"},
    "chart.metric.no_actual": {"en": "No actual value yet", "zh": "尚无实际值"},
    "chart.metric.no_values": {
        "en": "No baseline, target or actual value yet",
        "zh": "尚无基线、目标或实际值",
    },
}
