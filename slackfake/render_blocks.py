"""Block Kit in HTML, as the Slack client lays it out: header, section (text, fields, accessory),
context, divider, image, actions, input, rich_text — with buttons as HTML buttons carrying their
Slack text, and menus, pickers and checkboxes as form controls whose ``data-block`` /
``data-action`` / ``data-type`` tell the page's script what to send back."""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from slackfake.interactions import action_id_of, block_id_of, options_of
from slackfake.mrkdwn import Names, plain_html, to_html

_ids = itertools.count(1)


@dataclass
class Context:
    """What rendering needs: how to show ids, who can be picked, where file links point."""

    names: Names
    people: Sequence[tuple[str, str]] = ()  # (user id, display name) for user pickers
    channels: Sequence[tuple[str, str]] = ()  # (channel id, name) for conversation pickers
    file_url: str = "/sandbox/files/"
    in_view: bool = False  # a modal or Home tab (input blocks are form fields)
    errors: dict[str, str] = field(default_factory=dict)


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def text_html(obj: Any, ctx: Context) -> str:
    """A text object (plain_text or mrkdwn) — or a bare string — as HTML."""
    if isinstance(obj, str):
        return plain_html(obj)
    if not isinstance(obj, dict):
        return ""
    text = str(obj.get("text") or "")
    return to_html(text, ctx.names) if obj.get("type") == "mrkdwn" else plain_html(text)


def plain(obj: Any) -> str:
    """The words of a text object, unformatted (for labels and options)."""
    if isinstance(obj, dict):
        return str(obj.get("text") or "")
    return str(obj or "")


def _attrs(block_id: str, action_id: str, element: dict[str, Any], **extra: str) -> str:
    pairs = {
        "data-block": block_id,
        "data-action": action_id,
        "data-type": str(element.get("type")),
        **{k.replace("_", "-"): v for k, v in extra.items()},
    }
    return " ".join(f'{k}="{esc(v)}"' for k, v in pairs.items() if v != "")


def _image_src(element: dict[str, Any], ctx: Context) -> str:
    slack_file = element.get("slack_file")
    if isinstance(slack_file, dict):
        if slack_file.get("id"):
            return ctx.file_url + str(slack_file["id"])
        return str(slack_file.get("url") or "")
    return str(element.get("image_url") or "")


def element_html(
    element: dict[str, Any], block_id: str, action_id: str, ctx: Context, *, label: str = "", dom_id: str = ""
) -> str:
    """One element: a button, a menu, a picker, an input, an image."""
    kind = str(element.get("type"))
    dom_id = dom_id or f"el-{next(_ids)}"
    aria = label or plain(element.get("placeholder")) or kind.replace("_", " ")
    attrs = _attrs(block_id, action_id, element, id=dom_id, aria_label=aria)
    if kind == "button":
        style = str(element.get("style") or "")
        url = element.get("url")
        link = f' data-url="{esc(url)}"' if url else ""
        return f'<button type="button" class="bk-button {esc(style)}" {attrs}{link}>{esc(plain(element.get("text")))}</button>'
    if kind == "image":
        return f'<img class="bk-thumb" src="{esc(_image_src(element, ctx))}" alt="{esc(element.get("alt_text") or "")}">'
    if kind in (
        "static_select",
        "multi_static_select",
        "overflow",
        "external_select",
        "multi_external_select",
    ):
        return _select(element, attrs, ctx, kind)
    if kind in ("users_select", "multi_users_select"):
        picked = {element.get("initial_user"), *(element.get("initial_users") or [])}
        options = [(uid, name, uid in picked) for uid, name in ctx.people]
        return _picker(element, attrs, options, multi=kind.startswith("multi"))
    if kind in (
        "conversations_select",
        "channels_select",
        "multi_conversations_select",
        "multi_channels_select",
    ):
        picked = {
            element.get("initial_conversation"),
            element.get("initial_channel"),
            *(element.get("initial_conversations") or []),
            *(element.get("initial_channels") or []),
        }
        options = [(cid, f"#{name}", cid in picked) for cid, name in ctx.channels]
        return _picker(element, attrs, options, multi=kind.startswith("multi"))
    if kind == "datepicker":
        return f'<input type="date" class="bk-date" {attrs} value="{esc(element.get("initial_date") or "")}">'
    if kind == "timepicker":
        return f'<input type="time" class="bk-time" {attrs} value="{esc(element.get("initial_time") or "")}">'
    if kind in ("checkboxes", "radio_buttons"):
        return _choices(element, attrs, ctx, radio=kind == "radio_buttons", name=dom_id)
    if kind in ("plain_text_input", "number_input", "email_text_input", "url_text_input"):
        placeholder = esc(plain(element.get("placeholder")))
        initial = esc(element.get("initial_value") or "")
        if kind == "plain_text_input" and element.get("multiline"):
            return (
                f'<textarea class="bk-text" rows="3" {attrs} placeholder="{placeholder}">{initial}</textarea>'
            )
        input_type = {"number_input": "number", "email_text_input": "email", "url_text_input": "url"}.get(
            kind, "text"
        )
        return f'<input type="{input_type}" class="bk-text" {attrs} placeholder="{placeholder}" value="{initial}">'
    return f'<span class="bk-unknown">[{esc(kind)}]</span>'


def _select(element: dict[str, Any], attrs: str, ctx: Context, kind: str) -> str:
    multi = kind.startswith("multi")
    initial = [element.get("initial_option"), *(element.get("initial_options") or [])]
    picked = {str(o.get("value")) for o in initial if isinstance(o, dict)}
    placeholder = plain(element.get("placeholder")) or ("⋯" if kind == "overflow" else "Select an item")
    parts = [] if multi else [f'<option value="">{esc(placeholder)}</option>']

    def option(opt: dict[str, Any]) -> str:
        value = str(opt.get("value") or "")
        selected = " selected" if value in picked else ""
        return f'<option value="{esc(value)}"{selected}>{esc(plain(opt.get("text")))}</option>'

    if element.get("option_groups"):
        for group in element["option_groups"]:
            inner = "".join(option(o) for o in group.get("options") or [])
            parts.append(f'<optgroup label="{esc(plain(group.get("label")))}">{inner}</optgroup>')
    elif kind.endswith("external_select"):
        parts.extend(option(o) for o in initial if isinstance(o, dict))
    else:
        parts.extend(option(o) for o in options_of(element))
    multiple = " multiple" if multi else ""
    select = f'<select class="bk-select"{multiple} {attrs}>{"".join(parts)}</select>'
    if not kind.endswith("external_select"):
        return select
    return (
        f'<span class="bk-external"><input type="search" class="bk-search" placeholder="'
        f'{esc(placeholder)}" aria-label="Search: {esc(placeholder)}" data-min-query="'
        f'{esc(element.get("min_query_length", 3))}">{select}</span>'
    )


def _picker(element: dict[str, Any], attrs: str, options: list[tuple[str, str, bool]], *, multi: bool) -> str:
    placeholder = plain(element.get("placeholder")) or "Select"
    parts = [] if multi else [f'<option value="">{esc(placeholder)}</option>']
    parts += [
        f'<option value="{esc(value)}"{" selected" if picked else ""}>{esc(text)}</option>'
        for value, text, picked in options
    ]
    return f'<select class="bk-select"{" multiple" if multi else ""} {attrs}>{"".join(parts)}</select>'


def _choices(element: dict[str, Any], attrs: str, ctx: Context, *, radio: bool, name: str) -> str:
    initial = [element.get("initial_option"), *(element.get("initial_options") or [])]
    picked = {str(o.get("value")) for o in initial if isinstance(o, dict)}
    kind = "radio" if radio else "checkbox"
    items = []
    for opt in options_of(element):
        value = str(opt.get("value") or "")
        checked = " checked" if value in picked else ""
        desc = opt.get("description")
        extra = f'<span class="bk-desc">{text_html(desc, ctx)}</span>' if desc else ""
        items.append(
            f'<label class="bk-choice"><input type="{kind}" name="{esc(name)}" value="{esc(value)}"'
            f"{checked}> {text_html(opt.get('text'), ctx)}{extra}</label>"
        )
    return f'<fieldset class="bk-choices" {attrs}>{"".join(items)}</fieldset>'


def block_html(block: dict[str, Any], index: int, ctx: Context) -> str:
    kind = block.get("type")
    bid = block_id_of(block, index)
    if kind == "header":
        return (
            f'<div class="bk-header" role="heading" aria-level="3">{text_html(block.get("text"), ctx)}</div>'
        )
    if kind == "divider":
        return '<hr class="bk-divider">'
    if kind == "section":
        return _section(block, bid, ctx)
    if kind == "context":
        parts = []
        for element in block.get("elements") or []:
            if element.get("type") == "image":
                parts.append(element_html(element, bid, "", ctx))
            else:
                parts.append(f"<span>{text_html(element, ctx)}</span>")
        return f'<div class="bk-context">{"".join(parts)}</div>'
    if kind == "image":
        title = block.get("title")
        caption = f"<figcaption>{text_html(title, ctx)}</figcaption>" if title else ""
        return (
            f'<figure class="bk-image">{caption}<img src="{esc(_image_src(block, ctx))}" '
            f'alt="{esc(block.get("alt_text") or "")}"></figure>'
        )
    if kind == "actions":
        elements = [
            element_html(e, bid, action_id_of(e, j), ctx) for j, e in enumerate(block.get("elements") or [])
        ]
        return f'<div class="bk-actions">{"".join(elements)}</div>'
    if kind == "input":
        return _input(block, bid, ctx)
    if kind == "rich_text":
        return f'<div class="bk-rich">{_rich(block.get("elements") or [], ctx)}</div>'
    return f'<div class="bk-unknown">[{esc(kind)} block]</div>'


def _section(block: dict[str, Any], bid: str, ctx: Context) -> str:
    parts = []
    if block.get("text"):
        parts.append(f'<div class="bk-text-body">{text_html(block["text"], ctx)}</div>')
    if block.get("fields"):
        fields = "".join(f'<div class="bk-field">{text_html(f, ctx)}</div>' for f in block["fields"])
        parts.append(f'<div class="bk-fields">{fields}</div>')
    accessory = block.get("accessory")
    side = ""
    if isinstance(accessory, dict):
        side = (
            f'<div class="bk-accessory">{element_html(accessory, bid, action_id_of(accessory, 0), ctx)}</div>'
        )
    return f'<div class="bk-section"><div class="bk-main">{"".join(parts)}</div>{side}</div>'


def _input(block: dict[str, Any], bid: str, ctx: Context) -> str:
    element = block.get("element") or {}
    dom_id = f"in-{next(_ids)}"
    label = plain(block.get("label"))
    optional = ' <span class="bk-optional">(optional)</span>' if block.get("optional") else ""
    hint = block.get("hint")
    hint_html = f'<div class="bk-hint">{text_html(hint, ctx)}</div>' if hint else ""
    error = ctx.errors.get(bid, "")
    dispatch = ' data-dispatch="1"' if block.get("dispatch_action") else ""
    control = element_html(element, bid, action_id_of(element, 0), ctx, label=label, dom_id=dom_id)
    return (
        f'<div class="bk-input" data-input-block="{esc(bid)}"{dispatch}>'
        f'<label class="bk-label" for="{dom_id}">{esc(label)}{optional}</label>{control}{hint_html}'
        f'<div class="bk-error" role="alert" data-error-for="{esc(bid)}">{esc(error)}</div></div>'
    )


def _rich(elements: Sequence[dict[str, Any]], ctx: Context) -> str:
    out = []
    for el in elements:
        kind = el.get("type")
        if kind == "rich_text_section":
            out.append(f"<div>{_rich_inline(el.get('elements') or [], ctx)}</div>")
        elif kind == "rich_text_list":
            tag = "ol" if el.get("style") == "ordered" else "ul"
            items = "".join(
                f"<li>{_rich_inline(i.get('elements') or [], ctx)}</li>" for i in el.get("elements") or []
            )
            out.append(f"<{tag}>{items}</{tag}>")
        elif kind == "rich_text_quote":
            out.append(f"<blockquote>{_rich_inline(el.get('elements') or [], ctx)}</blockquote>")
        elif kind == "rich_text_preformatted":
            out.append(f"<pre>{_rich_inline(el.get('elements') or [], ctx)}</pre>")
    return "".join(out)


def _rich_inline(elements: Sequence[dict[str, Any]], ctx: Context) -> str:
    out = []
    for el in elements:
        kind = el.get("type")
        if kind == "text":
            piece = plain_html(str(el.get("text") or ""))
            style = el.get("style") or {}
            for flag, tag in (("code", "code"), ("bold", "b"), ("italic", "i"), ("strike", "s")):
                if style.get(flag):
                    piece = f"<{tag}>{piece}</{tag}>"
            out.append(piece)
        elif kind == "user":
            out.append(to_html(f"<@{el.get('user_id')}>", ctx.names))
        elif kind == "channel":
            out.append(to_html(f"<#{el.get('channel_id')}>", ctx.names))
        elif kind == "link":
            label = f"|{el['text']}" if el.get("text") else ""
            out.append(to_html(f"<{el.get('url')}{label}>", ctx.names))
        elif kind == "emoji":
            out.append(to_html(f":{el.get('name')}:", ctx.names))
        elif kind == "broadcast":
            out.append(to_html(f"<!{el.get('range')}>", ctx.names))
    return "".join(out)


def blocks_html(blocks: Sequence[dict[str, Any]], ctx: Context) -> str:
    return "".join(block_html(b, i, ctx) for i, b in enumerate(blocks) if isinstance(b, dict))
