"""slackfake.snapshot: a workspace saved to JSON and read back into a new fake Slack."""

from __future__ import annotations

from pathlib import Path

from slack_sdk import WebClient

from slackfake import FakeSlack
from slackfake.snapshot import restore, save
from tests.slackfake.payloads import section


def test_a_workspace_survives_a_restart(fake: FakeSlack, client: WebClient, tmp_path: Path) -> None:
    fake.add_user("UANA", "ana")
    fake.add_channel("CGEN", "general")
    parent = client.chat_postMessage(channel="CGEN", text="prompt", blocks=[section("*prompt*")])["ts"]
    fake.add_message("CGEN", "done", user="UANA", thread_ts=parent)
    client.reactions_add(channel="CGEN", timestamp=parent, name="white_check_mark")
    fake.add_ephemeral("CGEN", "UANA", {"text": "only you"}, origin="/collab help")
    client.files_upload_v2(channel="CGEN", filename="t.csv", content=b"a,b\n", title="t")
    home = client.views_publish(user_id="UANA", view={"type": "home", "blocks": [section("*Home*")]})["view"]
    save(fake, tmp_path / "slack.json", clock_offset=-3600.0)

    with FakeSlack() as again:
        assert restore(again, tmp_path / "slack.json") == {"clock_offset": -3600.0}
        assert again.users["UANA"]["name"] == "ana" and again.channel_named("general") is not None
        thread = again.messages("CGEN", thread_ts=parent)
        assert [m["text"] for m in thread] == ["prompt", "done"]
        assert thread[0]["reactions"][0]["name"] == "white_check_mark"
        assert again.ephemerals_for("UANA", "CGEN")[0]["origin"] == "/collab help"
        [uploaded] = again.files.values()
        assert uploaded.content == b"a,b\n" and uploaded.filename == "t.csv"
        assert again.home_view("UANA")["id"] == home["id"]
        # new ids and timestamps come after the old ones
        again.add_channel("CNEW", "new")
        newer = again.client().chat_postMessage(channel="CNEW", text="later")["ts"]
        assert float(newer) > float(thread[-1]["ts"])
        assert again.new_response_url() not in {r["_url"] for r in fake.responses}
    assert restore(FakeSlack(), tmp_path / "missing.json") is None
