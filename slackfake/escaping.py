"""What the Slack client does to a slash command's text with ``should_escape: true``: ``& < >``
become ``&amp; &lt; &gt;``, ``@name`` of a member becomes ``<@U…|name>``, ``#name`` of a channel
``<#C…|name>``, and ``@here`` / ``@channel`` / ``@everyone`` ``<!here>`` and so on."""

from __future__ import annotations

import re
from collections.abc import Callable

_MENTION = re.compile(r"(?<![\w@#&])([@#])([\w][\w.\-]*)")
_SPECIAL = frozenset({"here", "channel", "everyone"})

# name -> id (or None when nobody / no channel has that name)
Lookup = Callable[[str], str | None]


def escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_command_text(text: str, *, user_id: Lookup, channel_id: Lookup) -> str:
    """The text as Slack sends it to the app: escaped, with mentions and channels as links."""

    def link(m: re.Match[str]) -> str:
        sigil, name = m.group(1), m.group(2)
        # "@alice." at the end of a sentence: the dot is not part of the name
        for candidate in dict.fromkeys((name, name.rstrip(".-"))):
            rest = name[len(candidate) :]
            if sigil == "@" and candidate.lower() in _SPECIAL:
                return f"<!{candidate.lower()}>{rest}"
            found = user_id(candidate) if sigil == "@" else channel_id(candidate.lower())
            if found:
                prefix = "@" if sigil == "@" else "#"
                shown = candidate if sigil == "@" else candidate.lower()
                return f"<{prefix}{found}|{shown}>{rest}"
        return m.group(0)

    return _MENTION.sub(link, escape_text(text))
