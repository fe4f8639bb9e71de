"""Labels of the vocabulary in the workspace's language, and the status emoji."""

from __future__ import annotations

from ui.catalogue import CATALOGUE, t

STATUS_EMOJI = {
    "todo": ":white_circle:",
    "doing": ":large_blue_circle:",
    "done": ":white_check_mark:",
    "blocked": ":red_circle:",
}


def status_label(status: str, lang: str) -> str:
    key = f"status.{status}"
    return t(lang, key) if key in CATALOGUE else status


def category_label(category: str, lang: str) -> str:
    """Both languages in English workspaces (the table is read by both), Chinese alone in zh."""
    key = f"category.{category}"
    if key not in CATALOGUE:
        return category
    return f"{t('zh', key)} {t('en', key)}" if lang == "en" else t("zh", key)
