"""The workspace of a fake Slack saved to a JSON file and read back: people, channels,
messages, ephemeral messages, files, views — so that a sandbox started again finds its Slack
as it left it (what it recorded for tests — calls, faults, hooks — is not kept)."""

from __future__ import annotations

import base64
import copy
import itertools
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from slackfake.state import UploadedFile

if TYPE_CHECKING:
    from slackfake.server import FakeSlack

VERSION = 1


def dump(fake: FakeSlack, **extra: Any) -> dict[str, Any]:
    """The workspace as JSON-ready data; ``extra`` is kept beside it (e.g. the clock)."""
    with fake._lock:
        next_id = next(fake._ids)
        fake._ids = itertools.count(next_id)
        return copy.deepcopy(
            {
                "version": VERSION,
                "users": fake.users,
                "channels": fake.channels,
                "messages": [m for msgs in fake._by_channel.values() for m in msgs],
                "ephemerals": fake.ephemerals,
                "files": {
                    fid: {
                        "filename": f.filename,
                        "title": f.title,
                        "content": base64.b64encode(f.content).decode("ascii"),
                        "channel_id": f.channel_id,
                        "initial_comment": f.initial_comment,
                        "thread_ts": f.thread_ts,
                    }
                    for fid, f in fake.files.items()
                },
                "views": fake.views,
                "home_views": fake.home_views,
                "opened_dms": sorted(fake._opened_dms),
                "last_ts_us": fake._last_ts_us,
                "next_id": next_id,
                "extra": extra,
            }
        )


def load(fake: FakeSlack, data: dict[str, Any]) -> dict[str, Any]:
    """Put a dumped workspace back; returns its ``extra``."""
    if data.get("version") != VERSION:
        raise ValueError(f"not a slackfake snapshot of version {VERSION}")
    with fake._lock:
        fake.users.update(data["users"])
        fake.channels.update(data["channels"])
        for msg in data["messages"]:
            fake._store_message(msg)
        fake.ephemerals.extend(data["ephemerals"])
        for fid, f in data["files"].items():
            content = base64.b64decode(f.pop("content"))
            fake.files[fid] = UploadedFile(content=content, file_id=fid, **f)
        fake.views.update(data["views"])
        fake.home_views.update(data["home_views"])
        fake._opened_dms.update(data["opened_dms"])
        fake._last_ts_us = max(fake._last_ts_us, int(data["last_ts_us"]))
        fake._ids = itertools.count(max(int(data["next_id"]), next(fake._ids)))
        fake._changed()
    extra: dict[str, Any] = data.get("extra") or {}
    return extra


def save(fake: FakeSlack, path: Path, **extra: Any) -> None:
    """Write the snapshot atomically (a new file renamed over the old one)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(dump(fake, **extra), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def restore(fake: FakeSlack, path: Path) -> dict[str, Any] | None:
    """Read the snapshot at ``path`` when there is one; returns its ``extra``."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return load(fake, data)
