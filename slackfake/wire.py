"""The HTTP bodies: Web API arguments from a query, form, JSON or multipart body; JSON replies."""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

# Parameters that slack_sdk / Bolt JSON-encode when they travel in a form (or multipart) body.
JSON_ENCODED_FIELDS = frozenset(
    {"blocks", "attachments", "view", "metadata", "files", "outputs", "unfurls", "user_auth_blocks"}
)

_DISPOSITION_PARAM = re.compile(r';\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))')


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(payload).encode("utf-8"), headers=headers or {})


def decode_json_fields(params: dict[str, Any]) -> None:
    for key in JSON_ENCODED_FIELDS:
        value = params.get(key)
        if isinstance(value, str):
            stripped = value.strip()
            if stripped.startswith(("[", "{")):
                # left as a string when it is not valid JSON; validators reject it where it matters
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(stripped)


def parse_multipart(body: bytes, boundary: str) -> list[tuple[dict[str, str], bytes]]:
    """Returns [(content-disposition params + 'content-type', payload)]."""
    parts: list[tuple[dict[str, str], bytes]] = []
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    segments = (b"\r\n" + body).split(delimiter)
    for segment in segments[1:]:
        if segment.startswith(b"--"):
            break
        # skip transport padding up to the CRLF that ends the delimiter line
        _, _, rest = segment.partition(b"\r\n")
        head, sep, content = rest.partition(b"\r\n\r\n")
        if not sep:  # a part without a body
            head, content = rest, b""
        info: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            lname = name.strip().lower()
            if lname == "content-disposition":
                for m in _DISPOSITION_PARAM.finditer(value):
                    info[m.group(1).lower()] = m.group(2) if m.group(2) is not None else m.group(3)
            elif lname == "content-type":
                info["content-type"] = value.strip()
        parts.append((info, content))
    return parts


def content_type_param(content_type: str, param: str) -> str | None:
    for piece in content_type.split(";")[1:]:
        key, _, value = piece.strip().partition("=")
        if key.strip().lower() == param:
            return value.strip().strip('"')
    return None


def parse_params(query: str, content_type: str, body: bytes) -> dict[str, Any]:
    params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    ctype = content_type.split(";")[0].strip().lower()
    if body:
        if ctype == "application/json":
            data = json.loads(body.decode(content_type_param(content_type, "charset") or "utf-8"))
            if not isinstance(data, dict):
                raise ValueError("JSON body must be an object")
            params.update({k: v for k, v in data.items() if v is not None})
        elif ctype == "multipart/form-data":
            boundary = content_type_param(content_type, "boundary")
            if not boundary:
                raise ValueError("multipart body without boundary")
            for info, content in parse_multipart(body, boundary):
                name = info.get("name")
                if not name:
                    continue
                if "filename" in info:
                    params[name] = content
                else:
                    params[name] = content.decode("utf-8")
        else:
            params.update(dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True)))
    decode_json_fields(params)
    return params
