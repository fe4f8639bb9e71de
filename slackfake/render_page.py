"""The page's parts, rendered on the server for one person: the sidebar (channels, the app's
direct messages), the channel's messages (and the person's ephemeral ones), a thread, the open
modal, the app's Home tab, the clock. ``Screen.render`` returns them by name; the page's
script swaps in the parts that changed."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any, Protocol

from slackfake.mrkdwn import Names, emoji, to_html
from slackfake.params import ts_key
from slackfake.render_blocks import Context, blocks_html, esc, plain

if TYPE_CHECKING:
    from slackfake.server import FakeSlack

MAX_SHOWN = 150  # messages of a channel on the page (the newest)
# What the fake keeps about an ephemeral message for the page only (not what Slack sent)
_PAGE_ONLY = frozenset({"via", "origin"})


class ClockControls(Protocol):
    """The sandbox's clock, as the page shows and moves it."""

    def now(self) -> datetime: ...

    def jumps(self) -> Sequence[tuple[str, datetime]]: ...

    def jump(self, to: datetime) -> None: ...


@dataclass(frozen=True)
class Viewer:
    """Who looks at what: the person, the conversation, an open thread, the tab."""

    user: str
    channel: str
    thread_ts: str = ""
    tab: str = "messages"  # or "home" (the app's Home tab)


class Screen:
    def __init__(self, fake: FakeSlack, *, clock: ClockControls | None = None) -> None:
        self.fake = fake
        self.clock = clock

    # ------------------------------------------------------------ lookups

    def tz(self) -> tzinfo:
        return self.clock.now().tzinfo or UTC if self.clock else UTC

    def user_name(self, uid: str) -> str | None:
        with self.fake._lock:
            user = self.fake.users.get(uid)
        if user is None:
            return None
        return str(user.get("profile", {}).get("display_name") or user.get("name") or uid)

    def channel_name(self, cid: str) -> str | None:
        if cid.startswith("D"):
            return self.user_name(cid[1:])
        with self.fake._lock:
            info = self.fake.channels.get(cid)
        return str(info["name"]) if info else None

    def people(self) -> list[dict[str, Any]]:
        with self.fake._lock:
            users = [copy.deepcopy(u) for u in self.fake.users.values()]
        return [u for u in users if not u.get("is_bot") and not u.get("deleted")]

    def channels(self) -> list[tuple[str, str]]:
        with self.fake._lock:
            found = [
                (cid, str(info.get("name") or cid))
                for cid, info in self.fake.channels.items()
                if not info.get("is_mpim") and not info.get("is_archived")
            ]
        return sorted(found, key=lambda c: c[1])

    def context(self, *, in_view: bool = False) -> Context:
        names = Names(user=self.user_name, channel=self.channel_name)
        people = [(str(u["id"]), self.user_name(str(u["id"])) or str(u["id"])) for u in self.people()]
        return Context(names=names, people=people, channels=self.channels(), in_view=in_view)

    # ------------------------------------------------------------ the parts

    def render(self, viewer: Viewer) -> dict[str, str]:
        parts = {
            "people": self.people_html(viewer),
            "sidebar": self.sidebar_html(viewer),
            "header": self.header_html(viewer),
            "messages": self.home_html(viewer) if viewer.tab == "home" else self.messages_html(viewer),
            "thread": self.thread_html(viewer) if viewer.thread_ts and viewer.tab != "home" else "",
            "modal": self.modal_html(viewer),
            "clock": self.clock_html(),
        }
        return parts

    def people_html(self, viewer: Viewer) -> str:
        options = []
        for user in self.people():
            uid = str(user["id"])
            title = str(user.get("profile", {}).get("title") or "")
            label = f"{self.user_name(uid)} — {title}" if title else str(self.user_name(uid))
            selected = " selected" if uid == viewer.user else ""
            options.append(f'<option value="{esc(uid)}"{selected}>{esc(label)}</option>')
        return (
            '<label class="acting-as">Acting as '
            f'<select id="acting-as" aria-label="Acting as">{"".join(options)}</select></label>'
        )

    def sidebar_html(self, viewer: Viewer) -> str:
        items = []
        for cid, name in self.channels():
            current = ' aria-current="page"' if cid == viewer.channel and viewer.tab != "home" else ""
            items.append(
                f'<li><a href="?c={esc(cid)}" data-nav-channel="{esc(cid)}"{current}># {esc(name)}</a></li>'
            )
        dm = f"D{viewer.user}"
        bot = esc(self.fake.bot_name)
        home_current = ' aria-current="page"' if viewer.tab == "home" else ""
        dm_current = ' aria-current="page"' if viewer.channel == dm and viewer.tab != "home" else ""
        return (
            f'<div class="team">{esc(self.fake.team_name)}</div>'
            f'<h2>Channels</h2><ul class="nav">{"".join(items)}</ul>'
            f'<h2>Apps</h2><ul class="nav">'
            f'<li><a href="?c={dm}&amp;tab=home" data-nav-channel="{dm}" data-tab="home"{home_current}>'
            f"🏠 {bot} — Home</a></li>"
            f'<li><a href="?c={dm}" data-nav-channel="{dm}"{dm_current}>💬 {bot} — Messages</a></li></ul>'
        )

    def header_html(self, viewer: Viewer) -> str:
        if viewer.channel.startswith("D"):
            tab = "Home" if viewer.tab == "home" else "Messages"
            return f'<h1><span class="app-icon">🤖</span> {esc(self.fake.bot_name)} <small>{tab}</small></h1>'
        return f"<h1># {esc(self.channel_name(viewer.channel) or viewer.channel)}</h1>"

    def _visible(self, viewer: Viewer) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
        """The channel's messages with the viewer's ephemeral ones, and the replies by thread."""
        everything = self.fake.messages(viewer.channel)
        ephemerals = [
            {**e, "ts": e["message_ts"], "_ephemeral": True}
            for e in self.fake.ephemerals_for(viewer.user, viewer.channel)
        ]
        replies: dict[str, list[dict[str, Any]]] = {}
        top = []
        for msg in [*everything, *ephemerals]:
            thread = msg.get("thread_ts")
            if thread and thread != msg["ts"]:
                replies.setdefault(str(thread), []).append(msg)
                if msg.get("subtype") == "thread_broadcast":
                    top.append(msg)
            else:
                top.append(msg)
        top.sort(key=lambda m: ts_key(m["ts"]))
        return top, replies

    def messages_html(self, viewer: Viewer) -> str:
        top, replies = self._visible(viewer)
        ctx = self.context()
        tz = self.tz()
        out = []
        last_day = ""
        hidden = max(0, len(top) - MAX_SHOWN)
        if hidden:
            out.append(f'<div class="day" data-key="hidden">{hidden} older messages are not shown</div>')
        for msg in top[-MAX_SHOWN:]:
            when = self.when(msg["ts"], tz)
            day = when.strftime("%A, %d %B %Y")
            if day != last_day:
                out.append(
                    f'<div class="day" role="separator" data-key="day-{when:%Y-%m-%d}">{esc(day)}</div>'
                )
                last_day = day
            out.append(self.message_html(msg, viewer, ctx, tz, replies=replies.get(str(msg["ts"]), [])))
        if not top:
            out.append(
                '<div class="empty" data-key="empty">No messages here yet. Type <code>/collab help</code> below.</div>'
            )
        return "".join(out)

    def thread_html(self, viewer: Viewer) -> str:
        top, replies = self._visible(viewer)
        parent = next((m for m in top if m["ts"] == viewer.thread_ts), None)
        if parent is None:
            return ""
        ctx, tz = self.context(), self.tz()
        thread = sorted(replies.get(viewer.thread_ts, []), key=lambda m: ts_key(m["ts"]))
        body = "".join(self.message_html(m, viewer, ctx, tz, in_thread=True) for m in [parent, *thread])
        key = esc(viewer.thread_ts)
        return (
            f'<div class="thread-head" data-key="head-{key}"><h2>Thread</h2>'
            '<button type="button" class="close-thread" data-close-thread="1" aria-label="Close thread">✕</button></div>'
            f'<div class="thread-messages" data-key="list-{key}" data-patch="children">{body}</div>'
            f'<textarea id="reply" data-key="reply-{key}" aria-label="Reply in thread" placeholder="Reply…" rows="2" '
            f'data-thread-ts="{key}"></textarea>'
        )

    @staticmethod
    def when(ts: str, tz: tzinfo) -> datetime:
        return datetime.fromtimestamp(ts_key(ts) / 1_000_000, tz=UTC).astimezone(tz)

    def message_html(
        self,
        msg: dict[str, Any],
        viewer: Viewer,
        ctx: Context,
        tz: tzinfo,
        *,
        replies: Sequence[dict[str, Any]] = (),
        in_thread: bool = False,
    ) -> str:
        ephemeral = bool(msg.get("_ephemeral"))
        uid = str(msg.get("user") or "")
        is_bot = bool(msg.get("bot_id")) or (ephemeral and msg.get("via") != "slackbot")
        if ephemeral or is_bot:
            author = str(msg.get("username") or self.fake.bot_name)
        else:
            author = self.user_name(uid) or uid
        badge = '<span class="app-tag">APP</span>' if is_bot else ""
        only_you = '<span class="only-you">Only visible to you</span>' if ephemeral else ""
        edited = ' <span class="edited">(edited)</span>' if msg.get("edited") else ""
        when = self.when(msg["ts"], tz)
        blocks = msg.get("blocks")
        content = blocks_html(blocks, ctx) if blocks else to_html(str(msg.get("text") or ""), ctx.names)
        files = "".join(self.file_html(f) for f in msg.get("files") or [])
        reactions = "".join(
            f'<span class="reaction" title="{esc(", ".join(self.user_name(u) or u for u in r.get("users", [])))}">'
            f"{emoji(str(r['name']))} {int(r.get('count', 0))}</span>"
            for r in msg.get("reactions") or []
        )
        thread = ""
        if replies and not in_thread:
            n = len(replies)
            thread = (
                f'<button type="button" class="thread-link" data-thread="{esc(msg["ts"])}">'
                f"{n} {'reply' if n == 1 else 'replies'}</button>"
            )
        elif not in_thread and not ephemeral:
            thread = f'<button type="button" class="reply-link" data-thread="{esc(msg["ts"])}">Reply in thread</button>'
        if not ephemeral:  # the message's "More actions": the app's message shortcuts
            thread += "".join(
                f'<button type="button" class="shortcut" data-shortcut="{esc(callback)}">{esc(name)}</button>'
                for callback, name in self.fake.message_shortcuts.items()
            )
        raw = {k: v for k, v in msg.items() if not k.startswith("_") and k not in _PAGE_ONLY}
        if msg.get("origin"):
            content = f'<div class="origin">↪ <code>{esc(msg["origin"])}</code></div>{content}'
        classes = "msg ephemeral" if ephemeral else "msg"
        return (
            f'<article class="{classes}" data-key="{"e" if ephemeral else "m"}{esc(msg["ts"])}" '
            f'data-where="message" data-channel="{esc(viewer.channel)}" '
            f'data-ts="{esc(msg["ts"])}" data-ephemeral="{1 if ephemeral else 0}">'
            f'<div class="avatar" aria-hidden="true">{esc((author or "?")[:1].upper())}</div>'
            f'<div class="msg-body"><div class="meta"><span class="author">{esc(author)}</span>{badge}'
            f'<time datetime="{esc(when.isoformat())}">{esc(when.strftime("%H:%M"))}</time>{only_you}</div>'
            f'<div class="content">{content}{edited}</div>{files}'
            f'<div class="reactions">{reactions}</div>'
            f'<div class="msg-tools">{thread}<details class="raw"><summary>JSON</summary>'
            f"<pre>{esc(json.dumps(raw, indent=2, ensure_ascii=False))}</pre></details></div></div></article>"
        )

    def file_html(self, f: dict[str, Any]) -> str:
        href = f"/sandbox/files/{esc(f.get('id'))}/{esc(f.get('name'))}"
        preview = ""
        if str(f.get("mimetype") or "").startswith("image/"):
            preview = f'<img class="file-preview" src="{href}" alt="{esc(f.get("title") or "")}">'
        size = int(f.get("size") or 0)
        return (
            f'<div class="file">{preview}<a class="file-link" href="{href}" download="{esc(f.get("name"))}">'
            f"📄 {esc(f.get('title') or f.get('name'))}</a> <small>{size:,} bytes</small></div>"
        )

    def home_html(self, viewer: Viewer) -> str:
        view = self.fake.home_view(viewer.user)
        if view is None:
            return (
                f'<div class="empty home-empty">{esc(self.fake.bot_name)} has not published a Home tab '
                "for you yet.</div>"
            )
        ctx = self.context(in_view=True)
        return (
            f'<section class="home" data-key="home-{esc(view["id"])}-{esc(view.get("hash"))}" '
            f'data-where="view" data-view="{esc(view["id"])}">'
            f"{blocks_html(view.get('blocks') or [], ctx)}"
            f'<details class="raw"><summary>JSON</summary><pre>{esc(json.dumps(view, indent=2, ensure_ascii=False))}</pre></details></section>'
        )

    def modal_html(self, viewer: Viewer) -> str:
        view = self.fake.open_modal(viewer.user)
        if view is None:
            return ""
        ctx = self.context(in_view=True)
        title = esc(plain(view.get("title")))
        submit = view.get("submit")
        submit_html = (
            f'<button type="submit" class="bk-button primary modal-submit">{esc(plain(submit))}</button>'
            if submit
            else ""
        )
        close = esc(plain(view.get("close")) or "Close")
        return (
            f'<div class="modal-backdrop"><form class="modal" role="dialog" aria-modal="true" '
            f'aria-labelledby="modal-title" data-where="view" data-view="{esc(view["id"])}" '
            f'data-hash="{esc(view.get("hash"))}" novalidate>'
            f'<header><h2 id="modal-title">{title}</h2></header>'
            f'<div class="modal-body">{blocks_html(view.get("blocks") or [], ctx)}'
            '<div class="modal-error" role="alert"></div></div>'
            f'<footer><details class="raw"><summary>JSON</summary><pre>'
            f"{esc(json.dumps(view, indent=2, ensure_ascii=False))}</pre></details>"
            f'<button type="button" class="bk-button modal-close">{close}</button>{submit_html}</footer>'
            "</form></div>"
        )

    def clock_html(self) -> str:
        if self.clock is None:
            return ""
        now = self.clock.now()
        buttons = "".join(
            f'<button type="button" class="jump" data-jump="{esc(at.isoformat())}">{esc(label)}</button>'
            for label, at in self.clock.jumps()
        )
        return (
            f'<div class="clock-now" aria-live="polite">🕔 Sandbox time: <time datetime="{esc(now.isoformat())}">'
            f"{esc(now.strftime('%a %d %b %Y %H:%M'))}</time> <small>{esc(now.tzname() or '')}</small></div>"
            f'<div class="clock-jumps">{buttons}'
            f'<input type="datetime-local" id="jump-at" aria-label="Time to jump to" '
            f'value="{esc(now.strftime("%Y-%m-%dT%H:%M"))}">'
            '<button type="button" class="jump" data-jump-input="jump-at">Jump to this time</button></div>'
        )


def page_html(parts: dict[str, str], viewer: Viewer, *, title: str, static: Callable[[str], str]) -> str:
    """The whole page (first load); ``static(name)`` is the URL of a static file."""
    state = json.dumps(
        {"user": viewer.user, "channel": viewer.channel, "thread": viewer.thread_ts, "tab": viewer.tab}
    ).replace("<", "\\u003c")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%234a154b'/%3E%3C/svg%3E">
<link rel="stylesheet" href="{static("sandbox.css")}">
</head><body>
<header class="topbar"><div class="brand">{esc(title)}</div>
<div id="people">{parts["people"]}</div><div id="clock" class="clock">{parts["clock"]}</div></header>
<div class="layout">
<nav id="sidebar" class="sidebar" aria-label="Conversations">{parts["sidebar"]}</nav>
<main class="channel"><div id="header" class="channel-header">{parts["header"]}</div>
<div id="messages" class="messages" aria-live="polite">{parts["messages"]}</div>
<div class="composer"><textarea id="composer" aria-label="Message" rows="2"
placeholder="Message — try /collab help (Enter sends, Shift+Enter for a new line)"></textarea>
<div id="composer-error" class="composer-error" role="alert"></div></div></main>
<aside id="thread" class="thread" aria-label="Thread">{parts["thread"]}</aside>
</div>
<div id="modal">{parts["modal"]}</div>
<script id="sandbox-state" type="application/json">{state}</script>
<script src="{static("sandbox.js")}"></script>
</body></html>"""
