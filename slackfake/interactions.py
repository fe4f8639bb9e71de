"""What a person entered or picked, in Slack's shapes: the ``state.values`` of a view or message,
and the ``actions[0]`` of a ``block_actions`` payload — built from the element's definition and
the raw input of the page (``Raw``: a value, values, and labels of options the app suggested).

Blocks and elements without ids get the ones Slack would give them (``element_ids``)."""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

TEXT_INPUTS = frozenset({"plain_text_input", "number_input", "email_text_input", "url_text_input"})
ONE_OPTION = frozenset({"static_select", "radio_buttons", "overflow", "external_select"})
MANY_OPTIONS = frozenset({"multi_static_select", "checkboxes", "multi_external_select"})
REQUIRED_MESSAGE = "Please complete this required field."


@dataclass
class Raw:
    """One element's input on the page: ``value`` (text, a picked value, a date), ``values``
    (several picked), ``labels`` (the text of options the app suggested, by value)."""

    value: str | None = None
    values: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> Raw:
        if not isinstance(data, dict):
            return cls(value=None if data is None else str(data))
        value = data.get("value")
        return cls(
            value=None if value in (None, "") else str(value),
            values=[str(v) for v in data.get("values") or [] if str(v)],
            labels={str(k): str(v) for k, v in (data.get("labels") or {}).items()},
        )


def block_id_of(block: dict[str, Any], index: int) -> str:
    return str(block.get("block_id") or f"auto-{index}")


def action_id_of(element: dict[str, Any], index: int) -> str:
    return str(element.get("action_id") or f"auto-{index}")


def element_ids(blocks: list[dict[str, Any]]) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(block_id, action_id, element, block) of every interactive element in ``blocks``."""
    for i, block in enumerate(blocks):
        bid = block_id_of(block, i)
        kind = block.get("type")
        if kind == "input" and isinstance(block.get("element"), dict):
            yield bid, action_id_of(block["element"], 0), block["element"], block
        elif kind == "actions":
            for j, element in enumerate(block.get("elements") or []):
                yield bid, action_id_of(element, j), element, block
        elif kind == "section" and isinstance(block.get("accessory"), dict):
            accessory = block["accessory"]
            if accessory.get("type") not in ("image",):
                yield bid, action_id_of(accessory, 0), accessory, block


def find_element(
    blocks: list[dict[str, Any]], block_id: str, action_id: str
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    for bid, aid, element, block in element_ids(blocks):
        if bid == block_id and aid == action_id:
            return element, block
    return None


def options_of(element: dict[str, Any]) -> list[dict[str, Any]]:
    out = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        out.extend(group.get("options") or [])
    return out


def _option(element: dict[str, Any], value: str, raw: Raw) -> dict[str, Any] | None:
    for opt in options_of(element):
        if opt.get("value") == value:
            return copy.deepcopy(opt)
    if element.get("type", "").endswith("external_select"):
        text = raw.labels.get(value, value)
        return {"text": {"type": "plain_text", "text": text, "emoji": True}, "value": value}
    return None


def element_state(element: dict[str, Any], raw: Raw) -> dict[str, Any]:
    """The element's entry in ``state.values`` as Slack sends it."""
    kind = str(element.get("type"))
    out: dict[str, Any] = {"type": kind}
    if kind in TEXT_INPUTS:
        out["value"] = raw.value
    elif kind in ONE_OPTION:
        out["selected_option"] = _option(element, raw.value, raw) if raw.value else None
    elif kind in MANY_OPTIONS:
        picked = [_option(element, v, raw) for v in raw.values]
        out["selected_options"] = [o for o in picked if o is not None]
    elif kind == "users_select":
        out["selected_user"] = raw.value
    elif kind == "multi_users_select":
        out["selected_users"] = list(raw.values)
    elif kind in ("conversations_select", "channels_select"):
        out["selected_conversation" if kind == "conversations_select" else "selected_channel"] = raw.value
    elif kind in ("multi_conversations_select", "multi_channels_select"):
        key = "selected_conversations" if kind.startswith("multi_conv") else "selected_channels"
        out[key] = list(raw.values)
    elif kind == "datepicker":
        out["selected_date"] = raw.value
    elif kind == "timepicker":
        out["selected_time"] = raw.value
    elif kind == "datetimepicker":
        out["selected_date_time"] = int(raw.value) if raw.value and raw.value.isdigit() else None
    return out


def is_empty(state: dict[str, Any]) -> bool:
    picked = [v for k, v in state.items() if k != "type"]
    return all(v in (None, "", []) for v in picked)


def state_values(
    blocks: list[dict[str, Any]], raw: dict[str, dict[str, Raw]]
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """``state.values`` of a view (every input block; elements of other blocks when given) and
    what the Slack client itself refuses before sending: required fields left empty, text too
    short or too long (by block id)."""
    values: dict[str, dict[str, Any]] = {}
    errors: dict[str, str] = {}
    for bid, aid, element, block in element_ids(blocks):
        given = raw.get(bid, {}).get(aid)
        if block.get("type") != "input" and given is None:
            continue
        state = element_state(element, given or Raw())
        values.setdefault(bid, {})[aid] = state
        if block.get("type") != "input":
            continue
        if is_empty(state):
            if not block.get("optional"):
                errors[bid] = REQUIRED_MESSAGE
            continue
        text = state.get("value")
        if isinstance(text, str):
            if element.get("max_length") and len(text) > int(element["max_length"]):
                errors[bid] = f"Please use {element['max_length']} characters or fewer."
            elif element.get("min_length") and len(text) < int(element["min_length"]):
                errors[bid] = f"Please use at least {element['min_length']} characters."
    return values, errors


def action(element: dict[str, Any], block_id: str, action_id: str, raw: Raw) -> dict[str, Any]:
    """``actions[0]`` of a block_actions payload: the element that was used, with its value."""
    kind = str(element.get("type"))
    out: dict[str, Any] = {
        "type": kind,
        "block_id": block_id,
        "action_id": action_id,
        "action_ts": f"{time.time():.6f}",
    }
    if kind == "button":
        out["text"] = copy.deepcopy(element.get("text"))
        if "value" in element:
            out["value"] = element["value"]
        if element.get("style"):
            out["style"] = element["style"]
        return out
    state = element_state(element, raw)
    out.update({k: v for k, v in state.items() if k != "type"})
    if element.get("placeholder"):
        out["placeholder"] = copy.deepcopy(element["placeholder"])
    return out
