"""Slack's mrkdwn as the Slack client shows it, in HTML: ``*bold*``, ``_italics_``, ``~strike~``,
`` `code` ``, code blocks, quotes, links ``<url|label>``, ``<@U…>`` as @display name, ``<#C…>`` as
#channel, ``<!here>`` as @here, emoji codes as emoji. Everything else is text (HTML-escaped)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from slackfake.emoji import EMOJI

_CODE_BLOCK = re.compile(r"```(.+?)```", re.DOTALL)
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_SPAN = re.compile(r"<([^<>\n]+)>")
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"(?<![\w~])~(?=\S)([^~\n]+?)(?<=\S)~(?![\w~])")
_EMOJI = re.compile(r":([a-z0-9_+\-]+):(?::skin-tone-\d:)?")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
_SAFE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


@dataclass(frozen=True)
class Names:
    """How ids are shown: a user's display name, a channel's name (None: unknown)."""

    user: Callable[[str], str | None]
    channel: Callable[[str], str | None]


def unescape(text: str) -> str:
    """Slack's three entities back to characters."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def plain_html(text: str) -> str:
    """plain_text: no formatting, emoji codes as emoji, line breaks kept."""
    return _emoji(html.escape(text, quote=False)).replace("\n", "<br>")


def emoji(code: str) -> str:
    return EMOJI.get(code.strip(":"), f":{code.strip(':')}:")


def _emoji(escaped: str) -> str:
    return _EMOJI.sub(lambda m: EMOJI.get(m.group(1), m.group(0)), escaped)


def _span(inner: str, names: Names) -> str:
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        uid = target[1:]
        shown = label or names.user(uid) or uid
        return f'<span class="mention" data-user="{html.escape(uid)}">@{html.escape(shown)}</span>'
    if target.startswith("#"):
        cid = target[1:]
        shown = label or names.channel(cid) or cid
        return f'<span class="channel-link" data-channel="{html.escape(cid)}">#{html.escape(shown)}</span>'
    if target.startswith("!"):
        word = target[1:]
        if word.startswith("subteam^"):
            return f'<span class="mention">{html.escape(label or "@group")}</span>'
        if word.startswith("date^"):
            return html.escape(label or word)
        return f'<span class="mention special">@{html.escape(label or word)}</span>'
    url = unescape(target)
    if not _SAFE_URL.match(url):
        return html.escape(unescape(inner))
    shown = html.escape(unescape(label)) if label else html.escape(url)
    return f'<a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">{shown}</a>'


def _quotes(escaped: str) -> str:
    lines = escaped.split("\n")
    out: list[str] = []
    quote: list[str] = []
    for line in [*lines, None]:
        if line is not None and line.startswith("&gt;"):
            quote.append(line[4:].lstrip(" "))
            continue
        if quote:
            out.append("<blockquote>" + "\n".join(quote) + "</blockquote>")
            quote = []
        if line is not None:
            out.append(line)
    return "\n".join(out)


def to_html(text: str, names: Names) -> str:
    """mrkdwn → HTML (safe: every character of ``text`` is escaped or rendered)."""
    held: list[str] = []

    def hold(rendered: str) -> str:
        held.append(rendered)
        return f"\ue000{len(held) - 1}\ue001"

    def code_block(m: re.Match[str]) -> str:
        body = html.escape(unescape(m.group(1).strip("\n")), quote=False)
        return hold(f"<pre>{body}</pre>")

    text = _CODE_BLOCK.sub(code_block, text)
    text = _INLINE_CODE.sub(
        lambda m: hold(f"<code>{html.escape(unescape(m.group(1)), quote=False)}</code>"), text
    )
    text = _SPAN.sub(lambda m: hold(_span(m.group(1), names)), text)
    out = html.escape(unescape(text), quote=False)
    out = _quotes(out)
    out = _BOLD.sub(r"<b>\1</b>", out)
    out = _ITALIC.sub(r"<i>\1</i>", out)
    out = _STRIKE.sub(r"<s>\1</s>", out)
    out = _emoji(out).replace("\n", "<br>")
    return _PLACEHOLDER.sub(lambda m: held[int(m.group(1))], out)
