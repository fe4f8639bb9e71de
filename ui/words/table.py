"""Words of the improvement process table (the export)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "table.root_cause": {"en": "Root cause", "zh": "根本原因"},
    "table.deliverable": {"en": "Deliverable", "zh": "交付标准"},
}
