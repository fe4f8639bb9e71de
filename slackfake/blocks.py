"""Block Kit validation: blocks, views, message metadata and whole messages, checked like Slack
does (with slack_sdk.models plus the limits the SDK leaves to the server)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_MESSAGE_TEXT = 40_000
MAX_TEXT_OBJECT = 3_000
MAX_SECTION_FIELD_TEXT = 2_000
MAX_HEADER_TEXT = 150
MAX_BLOCK_ID = 255
MAX_VIEW_TITLE = 24
MAX_PRIVATE_METADATA = 3_000
MAX_CALLBACK_ID = 255

_TEXT_OBJECT_TYPES = ("plain_text", "mrkdwn")


def _walk(obj: Any) -> Iterable[Any]:
    yield obj
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _walk(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v)


def _contains_none_in_list(obj: Any) -> bool:
    if isinstance(obj, dict):
        return any(_contains_none_in_list(v) for v in obj.values())
    if isinstance(obj, list):
        return any(v is None or _contains_none_in_list(v) for v in obj)
    return False


def validate_blocks(blocks: Any, *, max_blocks: int = MAX_MESSAGE_BLOCKS, where: str = "blocks") -> list[str]:
    """Validate a list of Block Kit blocks like Slack does; returns a list of problems (empty = ok)."""
    if isinstance(blocks, str):
        return [f"{where}: not a JSON array (invalid_blocks_format)"]
    if not isinstance(blocks, list):
        return [f"{where}: must be an array, got {type(blocks).__name__} (invalid_blocks_format)"]
    errors: list[str] = []
    if len(blocks) > max_blocks:
        errors.append(f"{where}: no more than {max_blocks} items allowed, got {len(blocks)}")
    seen_block_ids: set[str] = set()
    for i, raw in enumerate(blocks):
        errors.extend(_validate_block(raw, f"{where}[{i}]", seen_block_ids))
    return errors


def _validate_block(raw: Any, where: str, seen_block_ids: set[str]) -> list[str]:
    if not isinstance(raw, dict):
        return [f"{where}: must be an object, got {type(raw).__name__}"]
    btype = raw.get("type")
    errors: list[str] = []
    block_id = raw.get("block_id")
    if block_id is not None:
        if not isinstance(block_id, str) or not block_id:
            errors.append(f"{where}: block_id must be a non-empty string")
        elif len(block_id) > MAX_BLOCK_ID:
            errors.append(f"{where}: block_id longer than {MAX_BLOCK_ID} characters")
        elif block_id in seen_block_ids:
            errors.append(f"{where}: duplicate block_id {block_id!r}")
        else:
            seen_block_ids.add(block_id)
    try:
        parsed = Block.parse(raw)
    except Exception as exc:  # the SDK raises assorted errors for malformed input
        return [*errors, f"{where} ({btype}): {type(exc).__name__}: {exc}"]
    if parsed is None:
        return [*errors, f"{where}: unknown block type {btype!r}"]
    try:
        parsed.validate_json()
        as_dict = parsed.to_dict()
    except Exception as exc:
        return [*errors, f"{where} ({btype}): {exc}"]
    if _contains_none_in_list(as_dict):
        errors.append(f"{where} ({btype}): contains an element of unknown type")
    # Checks the SDK leaves to the server.
    if btype in ("section", "header") and "text" in raw and not isinstance(raw["text"], dict):
        errors.append(f"{where} ({btype}): text must be a text object, not {type(raw['text']).__name__}")
    if btype == "header":
        text = raw.get("text")
        if isinstance(text, dict):
            if text.get("type") != "plain_text":
                errors.append(f"{where} (header): text must be plain_text")
            if isinstance(text.get("text"), str) and len(text["text"]) > MAX_HEADER_TEXT:
                errors.append(f"{where} (header): text longer than {MAX_HEADER_TEXT} characters")
    if btype == "section":
        for j, fld in enumerate(raw.get("fields") or []):
            if not isinstance(fld, dict):
                errors.append(f"{where}.fields[{j}]: must be a text object")
            elif isinstance(fld.get("text"), str) and len(fld["text"]) > MAX_SECTION_FIELD_TEXT:
                errors.append(f"{where}.fields[{j}]: text longer than {MAX_SECTION_FIELD_TEXT} characters")
    if btype in ("actions", "input", "section"):
        action_ids: set[str] = set()
        for node in _walk({k: v for k, v in raw.items() if k in ("elements", "element", "accessory")}):
            if isinstance(node, dict) and isinstance(node.get("action_id"), str):
                if node["action_id"] in action_ids:
                    errors.append(f"{where} ({btype}): duplicate action_id {node['action_id']!r}")
                action_ids.add(node["action_id"])
    for node in _walk(raw):
        if isinstance(node, dict) and node.get("type") in _TEXT_OBJECT_TYPES and "text" in node:
            text = node["text"]
            if not isinstance(text, str):
                errors.append(f"{where} ({btype}): text object text must be a string")
            elif not text:
                errors.append(f"{where} ({btype}): text object text must be at least 1 character")
            elif len(text) > MAX_TEXT_OBJECT:
                errors.append(f"{where} ({btype}): text object longer than {MAX_TEXT_OBJECT} characters")
    return errors


def validate_view(view: Any) -> list[str]:
    """Validate a modal/home view like views.open/update/push/publish does."""
    if not isinstance(view, dict):
        return [f"view: must be a JSON object, got {type(view).__name__}"]
    errors: list[str] = []
    vtype = view.get("type")
    if vtype not in ("modal", "home", "workflow_step"):
        errors.append(f"view: type must be modal or home, got {vtype!r}")
    blocks = view.get("blocks")
    if blocks is None:
        errors.append("view: blocks is required")
    else:
        errors.extend(validate_blocks(blocks, max_blocks=MAX_VIEW_BLOCKS, where="view.blocks"))
    title = view.get("title")
    if vtype == "modal" and title is None:
        errors.append("view: modal requires a title")
    for key, limit in (("title", MAX_VIEW_TITLE), ("submit", MAX_VIEW_TITLE), ("close", MAX_VIEW_TITLE)):
        obj = view.get(key)
        if obj is None:
            continue
        if (
            not isinstance(obj, dict)
            or obj.get("type") != "plain_text"
            or not isinstance(obj.get("text"), str)
        ):
            errors.append(f"view: {key} must be a plain_text object")
        elif not 1 <= len(obj["text"]) <= limit:
            errors.append(f"view: {key} must be between 1 and {limit} characters")
    pm = view.get("private_metadata")
    if pm is not None and (not isinstance(pm, str) or len(pm) > MAX_PRIVATE_METADATA):
        errors.append(f"view: private_metadata must be a string of at most {MAX_PRIVATE_METADATA} characters")
    cb = view.get("callback_id")
    if cb is not None and (not isinstance(cb, str) or len(cb) > MAX_CALLBACK_ID):
        errors.append(f"view: callback_id must be a string of at most {MAX_CALLBACK_ID} characters")
    if (
        vtype == "modal"
        and isinstance(blocks, list)
        and any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
        and view.get("submit") is None
    ):
        errors.append("view: a modal with input blocks must have a submit button")
    if not errors:
        try:
            View(**view).validate_json()
        except Exception as exc:
            errors.append(f"view: {exc}")
    return errors


def validate_metadata(metadata: Any) -> list[str]:
    if not isinstance(metadata, dict):
        return [f"metadata: must be an object, got {type(metadata).__name__}"]
    errors = []
    if not isinstance(metadata.get("event_type"), str) or not metadata.get("event_type"):
        errors.append("metadata: event_type (non-empty string) is required")
    if not isinstance(metadata.get("event_payload"), dict):
        errors.append("metadata: event_payload (object) is required")
    return errors


def message_problems(params: dict[str, Any], *, require_content: bool = True) -> list[str]:
    """What Slack would reject in a message (chat.* arguments or a response_url payload)."""
    errors: list[str] = []
    blocks = params.get("blocks")
    if blocks is not None and blocks != []:
        errors.extend(validate_blocks(blocks))
    text = params.get("text")
    if text is not None and not isinstance(text, str):
        errors.append(f"text: must be a string, got {type(text).__name__}")
    elif isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
        errors.append(f"text: longer than {MAX_MESSAGE_TEXT} characters ({len(text)})")
    if "metadata" in params and params["metadata"] is not None:
        errors.extend(validate_metadata(params["metadata"]))
    if require_content and not (text or blocks or params.get("attachments")):
        errors.append("message has no text, blocks or attachments (no_text)")
    return errors
