"""Reading Web API arguments the way Slack does: timestamps, flags, numbers, lists, cursors."""

from __future__ import annotations

import base64
import copy
from typing import Any

from slackfake.errors import ApiError


def ts_key(ts: Any, error: str = "invalid_ts") -> int:
    """'1700000000.000100' -> integer microseconds (comparable)."""
    s = str(ts).strip()
    if not s:
        return 0
    sec, _, frac = s.partition(".")
    try:
        return int(sec or "0") * 1_000_000 + int((frac + "000000")[:6] or "0")
    except ValueError:
        raise ApiError(error) from None


def truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def as_int(value: Any, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError("invalid_arguments") from None


def encode_cursor(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode("utf-8")).decode("ascii")


def decode_cursor(cursor: Any, prefix: str) -> str | None:
    if cursor in (None, ""):
        return None
    try:
        raw = base64.urlsafe_b64decode(str(cursor).encode("ascii")).decode("utf-8")
    except ValueError:
        raise ApiError("invalid_cursor") from None
    if not raw.startswith(prefix):
        raise ApiError("invalid_cursor")
    return raw[len(prefix) :]


def split_csv(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(",") if v.strip()]


def paginate(
    items: list[dict[str, Any]], p: dict[str, Any], key: str, default_limit: int = 100
) -> dict[str, Any]:
    limit = as_int(p.get("limit"), default_limit)
    offset = int(decode_cursor(p.get("cursor"), "offset:") or 0)
    page = items[offset : offset + limit] if limit > 0 else items[offset:]
    more = limit > 0 and offset + limit < len(items)
    return {
        "ok": True,
        key: copy.deepcopy(page),
        "response_metadata": {"next_cursor": encode_cursor(f"offset:{offset + limit}") if more else ""},
    }
