"""Block Kit primitives. Limits and escaping of user text are handled here, once.

Every piece of user text goes through :func:`escape` (mrkdwn) or :func:`plain` (plain_text),
so ``<!channel>`` or ``<@U…>`` typed by a user is shown, never acted on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ui.catalogue import t

Block = dict[str, Any]
Payload = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTION_ELEMENTS = 25
MAX_FALLBACK_TEXT = 3000
MEASURES_PER_PAGE = 20


def escape(text: str) -> str:
    """Escape user text for mrkdwn: ``&``, ``<`` and ``>`` only, as Slack documents."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)] + "…"


def mention(user_id: str) -> str:
    return f"<@{user_id}>" if user_id else ""


def channel_link(channel_id: str) -> str:
    return f"<#{channel_id}>" if channel_id else ""


def section(text: str, *, accessory: Block | None = None) -> Block:
    """A mrkdwn section; ``text`` is already-safe mrkdwn (escape user parts before)."""
    block: Block = {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, MAX_SECTION_TEXT)}}
    if accessory is not None:
        block["accessory"] = accessory
    return block


def header(text: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": truncate(text, MAX_HEADER_TEXT), "emoji": True},
    }


def context(*texts: str) -> Block:
    elements = [{"type": "mrkdwn", "text": truncate(x, MAX_SECTION_TEXT)} for x in texts if x]
    return {"type": "context", "elements": elements[:MAX_CONTEXT_ELEMENTS]}


def divider() -> Block:
    return {"type": "divider"}


def button(text: str, *, action_id: str, value: str, style: str | None = None) -> Block:
    b: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": truncate(text, MAX_BUTTON_TEXT), "emoji": True},
        "action_id": action_id,
        "value": value[:2000],
    }
    if style:
        b["style"] = style
    return b


def actions(*elements: Block, block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": list(elements)[:MAX_ACTION_ELEMENTS]}
    if block_id:
        block["block_id"] = block_id
    return block


def pack_lines(lines: Sequence[str], *, limit: int = MAX_SECTION_TEXT) -> list[tuple[str, int]]:
    """Pack lines of mrkdwn into as few texts as fit the 3000-character section limit;
    each with the number of lines it holds."""
    packed: list[tuple[str, int]] = []
    for line in lines:
        line = truncate(line, limit)
        if packed and len(packed[-1][0]) + 1 + len(line) <= limit:
            text, count = packed[-1]
            packed[-1] = (f"{text}\n{line}", count + 1)
        else:
            packed.append((line, 1))
    return packed


def chunk_sections(lines: Sequence[str], *, limit: int = MAX_SECTION_TEXT) -> list[Block]:
    """Lines of mrkdwn in as few sections as fit the 3000-character limit."""
    return [section(text) for text, _ in pack_lines(lines, limit=limit)]


def listing(title: str, items: Sequence[str], *, lang: str) -> Payload:
    """A header and the items packed into sections; what does not fit one message is counted
    in a last line instead of being dropped silently."""
    sections = pack_lines(items)
    blocks: list[Block] = [header(title)]
    if len(sections) + 1 > MAX_BLOCKS:
        kept = sections[: MAX_BLOCKS - 2]
        hidden = len(items) - sum(count for _, count in kept)
        blocks += [section(text) for text, _ in kept]
        blocks.append(context(t(lang, "list_more", count=hidden)))
    else:
        blocks += [section(text) for text, _ in sections]
    return message(title, blocks)


def message(text: str, blocks: list[Block]) -> Payload:
    """A message payload; refuses (loudly, in tests) to build one Slack would reject."""
    if len(blocks) > MAX_BLOCKS:
        raise ValueError(f"{len(blocks)} blocks; Slack allows {MAX_BLOCKS}")
    return {"text": truncate(text, MAX_FALLBACK_TEXT), "blocks": blocks}


def text_message(text: str) -> Payload:
    return message(text, [section(text)])
