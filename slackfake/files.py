"""File uploads, Slack's two-step way: files.getUploadURLExternal hands out an upload URL, the
bytes are POSTed there, files.completeUploadExternal shares them; plus files.info."""

from __future__ import annotations

import copy
import mimetypes
import time
import urllib.parse
from typing import Any

from slackfake.errors import ApiError
from slackfake.params import as_int, split_csv
from slackfake.state import PendingUpload, UploadedFile
from slackfake.wire import Reply, content_type_param, parse_multipart
from slackfake.workspace import Workspace


class FileMethods(Workspace):
    """The upload URL endpoint and files.* (the methods are called with the lock held)."""

    def _handle_upload(self, file_id: str, headers: dict[str, str], body: bytes) -> Reply:
        content_type = headers.get("content-type", "")
        content = body
        if content_type.lower().startswith("multipart/form-data"):
            boundary = content_type_param(content_type, "boundary")
            parts = parse_multipart(body, boundary) if boundary else []
            with_file = [c for info, c in parts if "filename" in info]
            if with_file or parts:
                content = (with_file or [parts[0][1]])[0]
        with self._cond:
            pending = self._uploads.get(file_id)
            if pending is None:
                return Reply(404, b"Not Found", "text/plain; charset=utf-8")
            pending.content = content
            self._cond.notify_all()
        return Reply(200, f"OK - {len(content)}".encode(), "text/plain; charset=utf-8")

    def _files_get_upload_url_external(self, p: dict[str, Any]) -> dict[str, Any]:
        filename = p.get("filename")
        if not filename:
            raise ApiError("invalid_arguments")
        length = as_int(p.get("length"), -1)
        if length < 0:
            raise ApiError("invalid_arguments")
        file_id = self._new_id("F")
        self._uploads[file_id] = PendingUpload(str(filename), length)
        return {"ok": True, "upload_url": f"{self.base_url}upload/{file_id}", "file_id": file_id}

    def _file_object(self, file_id: str, f: UploadedFile) -> dict[str, Any]:
        mimetype = mimetypes.guess_type(f.filename)[0] or "application/octet-stream"
        return {
            "id": file_id,
            "created": int(time.time()),
            "timestamp": int(time.time()),
            "name": f.filename,
            "title": f.title or f.filename,
            "mimetype": mimetype,
            "filetype": f.filename.rsplit(".", 1)[-1] if "." in f.filename else "binary",
            "user": self.bot_user_id,
            "size": len(f.content),
            "channels": [f.channel_id] if f.channel_id else [],
            "url_private": f"{self.base_url}files/{file_id}/{f.filename}",
            "permalink": f"https://{self.team_domain}.slack.com/files/{self.bot_user_id}/{file_id}/{f.filename}",
        }

    def _files_complete_upload_external(self, p: dict[str, Any]) -> dict[str, Any]:
        files = p.get("files")
        if not isinstance(files, list) or not files:
            raise ApiError("invalid_arguments")
        channel_id = p.get("channel_id") or next(iter(split_csv(p.get("channels"))), None)
        channel = self._resolve_channel(channel_id, "post") if channel_id else None
        thread_ts = str(p["thread_ts"]) if p.get("thread_ts") else None
        completed: list[tuple[str, UploadedFile]] = []
        for entry in files:
            if not isinstance(entry, dict) or not entry.get("id"):
                raise ApiError("invalid_arguments")
            file_id = str(entry["id"])
            pending = self._uploads.get(file_id)
            if pending is None or pending.content is None:
                raise ApiError("file_not_found", detail=f"no bytes were uploaded for {file_id}")
            completed.append(
                (
                    file_id,
                    UploadedFile(
                        filename=pending.filename,
                        title=entry.get("title"),
                        content=pending.content,
                        channel_id=channel,
                        initial_comment=p.get("initial_comment"),
                        thread_ts=thread_ts,
                        file_id=file_id,
                    ),
                )
            )
        objects = []
        for file_id, uploaded in completed:
            del self._uploads[file_id]
            self.files[file_id] = uploaded
            objects.append(self._file_object(file_id, uploaded))
        if channel is not None:
            msg = self._bot_message(channel, {"text": p.get("initial_comment") or ""})
            msg["files"] = copy.deepcopy(objects)
            msg["upload"] = True
            if thread_ts:
                msg["thread_ts"] = self._thread_root(channel, thread_ts)
            self._store_message(msg)
        return {"ok": True, "files": objects}

    def _download(self, rest: str, headers: dict[str, str]) -> Reply:
        """GET ``url_private``: the bytes, for a request with a bot token (as Slack wants)."""
        auth = headers.get("authorization", "")
        if not auth.lower().startswith("bearer xoxb-"):
            return Reply(403, b"Forbidden", "text/plain; charset=utf-8")
        with self._lock:
            found = self.files.get(rest.split("/", 1)[0])
        if found is None:
            return Reply(404, b"Not Found", "text/plain; charset=utf-8")
        return file_reply(found)

    def _files_info(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = str(p.get("file") or "")
        f = self.files.get(file_id)
        if f is None:
            raise ApiError("file_not_found")
        return {"ok": True, "file": self._file_object(file_id, f)}


def file_reply(f: UploadedFile) -> Reply:
    """A file's bytes as a download, named as it was uploaded."""
    mimetype = mimetypes.guess_type(f.filename)[0] or "application/octet-stream"
    quoted = urllib.parse.quote(f.filename)
    return Reply(
        200, f.content, mimetype, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quoted}"}
    )
