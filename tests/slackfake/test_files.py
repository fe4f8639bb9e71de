"""slackfake.files: the two-step upload (files_upload_v2) round trip."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slackfake import FakeSlack
from tests.slackfake.payloads import api_error


def test_files_upload_v2_round_trip(fake: FakeSlack) -> None:
    client = WebClient(token="xoxb-test", base_url=fake.api_url)
    content = b"name,count\r\n\xe4\xb8\xad,1\n"
    resp = client.files_upload_v2(
        channel="C1", filename="t.csv", content=content, title="Report", initial_comment="weekly report"
    )
    file_id = resp["file"]["id"]
    uploaded = fake.files[file_id]
    assert (uploaded.filename, uploaded.title, uploaded.content) == ("t.csv", "Report", content)
    assert (uploaded.channel_id, uploaded.initial_comment) == ("C1", "weekly report")
    assert fake.messages("C1")[-1]["files"][0]["id"] == file_id  # the file share message

    # completing an upload whose bytes never arrived fails
    url = client.files_getUploadURLExternal(filename="x.txt", length=3)
    assert url["upload_url"] == f"{fake.base_url}upload/{url['file_id']}"
    with pytest.raises(SlackApiError) as exc:
        client.files_completeUploadExternal(files=[{"id": url["file_id"], "title": "x"}], channel_id="C1")
    assert api_error(exc) == "file_not_found"
