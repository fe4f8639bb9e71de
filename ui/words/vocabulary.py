"""Labels of the vocabulary: statuses and categories."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "status.todo": {"en": "Not started", "zh": "未开始"},
    "status.doing": {"en": "In progress", "zh": "进行中"},
    "status.done": {"en": "Done", "zh": "已完成"},
    "status.blocked": {"en": "Blocked", "zh": "受阻"},
    "category.info": {"en": "Information flow", "zh": "信息传递"},
    "category.roles": {"en": "Responsibilities", "zh": "责任分工"},
    "category.process": {"en": "Process/mechanism", "zh": "流程机制"},
    "category.resources": {"en": "Resources", "zh": "资源支持"},
}
