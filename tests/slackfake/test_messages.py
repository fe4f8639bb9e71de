"""slackfake's workspace, conversations.* and chat.*: users, DMs, messages, threads, history,
reactions, channel rules."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slackfake import FakeSlack
from tests.slackfake.payloads import api_error, section


def test_users_and_conversations_open(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user("U1", name="alice", is_admin=True, tz="Asia/Shanghai")
    user = client.users_info(user="U1")["user"]
    assert (user["name"], user["is_admin"], user["tz"], user["tz_offset"]) == (
        "alice",
        True,
        "Asia/Shanghai",
        28800,
    )
    with pytest.raises(SlackApiError) as exc:
        client.users_info(user="U404")
    assert api_error(exc) == "user_not_found"

    assert client.conversations_open(users="U1")["channel"]["id"] == "DU1"
    assert client.conversations_open(users=["U1"])["channel"]["id"] == "DU1"
    # posting to a user id lands in the DM
    resp = client.chat_postMessage(channel="U1", text="hello")
    assert resp["channel"] == "DU1"
    assert [m["text"] for m in fake.messages("U1")] == ["hello"]
    assert len(fake.posts_to("U1")) == len(fake.posts_to("DU1")) == 1


def test_post_history_metadata_threads_and_pagination(fake: FakeSlack, client: WebClient) -> None:
    metadata = {"event_type": "request_created", "event_payload": {"request_id": 7}}
    first = client.chat_postMessage(channel="C1", text="one", metadata=metadata)
    assert first["message"]["user"] == "UBOT" and first["message"]["bot_id"] == "BBOT"
    reply = client.chat_postMessage(channel="C1", text="in thread", thread_ts=first["ts"])
    nested = client.chat_postMessage(channel="C1", text="reply to reply", thread_ts=reply["ts"])
    later = [client.chat_postMessage(channel="C1", text=f"m{i}")["ts"] for i in range(4)]
    all_ts = [first["ts"], reply["ts"], nested["ts"], *later]
    assert all_ts == sorted(all_ts, key=float) and len(set(all_ts)) == len(all_ts)

    history = client.conversations_history(channel="C1")
    texts = [m["text"] for m in history["messages"]]
    assert texts == ["m3", "m2", "m1", "m0", "one"]  # newest first, top-level only
    assert all("metadata" not in m for m in history["messages"])
    parent = history["messages"][-1]
    assert parent["reply_count"] == 2 and parent["thread_ts"] == first["ts"]

    with_md = client.conversations_history(
        channel="C1", include_all_metadata=True, oldest=later[1], inclusive=True
    )
    assert [m["text"] for m in with_md["messages"]] == ["m3", "m2", "m1"]
    full = client.conversations_history(channel="C1", include_all_metadata=True)["messages"]
    assert full[-1]["metadata"] == metadata
    window = client.conversations_history(channel="C1", oldest=first["ts"], latest=later[2])
    assert [m["text"] for m in window["messages"]] == ["m1", "m0"]  # exclusive bounds by default

    pages = []
    cursor = None
    while True:
        page = client.conversations_history(channel="C1", limit=2, cursor=cursor)
        pages.append([m["text"] for m in page["messages"]])
        cursor = page["response_metadata"]["next_cursor"]
        if not cursor:
            assert page["has_more"] is False
            break
    assert pages == [["m3", "m2"], ["m1", "m0"], ["one"]]

    replies = client.conversations_replies(channel="C1", ts=first["ts"])["messages"]
    assert [m["text"] for m in replies] == ["one", "in thread", "reply to reply"]
    assert fake.messages("C1", thread_ts=first["ts"])[-1]["thread_ts"] == first["ts"]
    assert len(fake.messages("C1", top_level_only=True)) == 5


def test_update_delete_reactions_ephemeral(fake: FakeSlack, client: WebClient) -> None:
    ts = client.chat_postMessage(channel="C1", text="v1")["ts"]
    client.chat_update(channel="C1", ts=ts, text="v2", blocks=[section("v2")])
    assert fake.message("C1", ts) is not None
    assert fake.messages("C1")[0]["text"] == "v2" and fake.messages("C1")[0]["blocks"][0]["type"] == "section"
    with pytest.raises(SlackApiError) as exc:
        client.chat_update(channel="C1", ts="1.000001", text="x")
    assert api_error(exc) == "message_not_found"

    client.reactions_add(channel="C1", timestamp=ts, name="eyes")
    with pytest.raises(SlackApiError) as exc:
        client.reactions_add(channel="C1", timestamp=ts, name="eyes")
    assert api_error(exc) == "already_reacted"
    assert fake.messages("C1")[0]["reactions"] == [{"name": "eyes", "users": ["UBOT"], "count": 1}]

    eph = client.chat_postEphemeral(channel="C1", user="U1", text="only you")
    assert eph["message_ts"] and fake.ephemerals[0]["text"] == "only you"

    client.chat_delete(channel="C1", ts=ts)
    assert fake.messages("C1") == []
    human_ts = fake.add_message("C1", "from a human", user="U1")["ts"]
    with pytest.raises(SlackApiError) as exc:
        client.chat_update(channel="C1", ts=human_ts, text="edit")
    assert api_error(exc) == "cant_update_message"

    client.api_call("apps.somethingNew", params={"a": "1"})
    assert fake.unknown_methods == ["apps.somethingNew"]


def test_strict_channels(fake: FakeSlack, client: WebClient) -> None:
    client.chat_postMessage(channel="CAUTO", text="auto-created")  # default: lenient
    fake.strict_channels = True
    fake.add_channel("CPUB", "general", is_member=False)
    fake.add_channel("CARC", "old", is_archived=True)
    fake.add_channel("GPRIV", "secret", is_member=False, is_private=True)
    cases = [("CNOPE", "channel_not_found"), ("CPUB", "not_in_channel"), ("CARC", "is_archived")]
    for channel, error in cases:
        with pytest.raises(SlackApiError) as exc:
            client.chat_postMessage(channel=channel, text="x")
        assert api_error(exc) == error
    for channel, error in [("GPRIV", "method_not_supported_for_channel_type"), ("CARC", "is_archived")]:
        with pytest.raises(SlackApiError) as exc:
            client.conversations_join(channel=channel)
        assert api_error(exc) == error
    assert client.conversations_join(channel="CPUB")["channel"]["is_member"] is True
    client.chat_postMessage(channel="CPUB", text="now a member")
    client.chat_postMessage(channel="D123", text="DMs are always fine")
    assert client.conversations_info(channel="CARC")["channel"]["is_archived"] is True
    assert [c.ok for c in fake.posts_to("CPUB")] == [False, True]
    assert len(fake.posts_to("CPUB", ok_only=True)) == 1
