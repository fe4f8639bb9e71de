"""slackfake.mrkdwn and slackfake.render_blocks: mrkdwn and Block Kit as the Slack client shows
them — and nothing a user typed ever becomes markup."""

from __future__ import annotations

from slackfake.escaping import escape_command_text
from slackfake.mrkdwn import Names, to_html
from slackfake.render_blocks import Context, blocks_html

NAMES = Names(user={"U1": "ana"}.get, channel={"C1": "product"}.get)


def html(text: str) -> str:
    return to_html(text, NAMES)


def test_mrkdwn_formatting() -> None:
    assert (
        html("*bold* _italic_ ~strike~ `code`") == "<b>bold</b> <i>italic</i> <s>strike</s> <code>code</code>"
    )
    assert html("a*b*c snake_case_word 2*3*4") == "a*b*c snake_case_word 2*3*4"  # not at word bounds
    assert html("```\n*not bold* <@U1>\n```") == "<pre>*not bold* &lt;@U1&gt;</pre>"
    assert html("&gt; quoted\nplain") == "<blockquote>quoted</blockquote><br>plain"
    assert html("line 1\nline 2") == "line 1<br>line 2"
    assert html(":white_check_mark: done :no_such_emoji: 17:00:30") == "✅ done :no_such_emoji: 17:00:30"


def test_mrkdwn_links_mentions_and_channels() -> None:
    assert html("<@U1>") == '<span class="mention" data-user="U1">@ana</span>'
    assert html("<@U2|bob>") == '<span class="mention" data-user="U2">@bob</span>'
    assert html("<@U9>") == '<span class="mention" data-user="U9">@U9</span>'
    assert html("<#C1>") == '<span class="channel-link" data-channel="C1">#product</span>'
    assert html("<!here>") == '<span class="mention special">@here</span>'
    assert html("*<https://example.com/a?b=1&amp;c=2|the docs>*") == (
        '<b><a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a></b>'
    )


def test_user_text_stays_text() -> None:
    # what the bot escaped (&lt;!channel&gt;) is shown as typed; markup never gets through
    assert html("&lt;!channel&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp;") == (
        "&lt;!channel&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp;"
    )
    assert html('<javascript:alert(1)|click> "quotes"') == 'javascript:alert(1)|click "quotes"'
    assert "<img" not in html("<img src=x onerror=alert(1)>")


def test_should_escape_text() -> None:
    users = {"ana": "U1", "bob.smith": "U2"}
    channels = {"product": "C1"}
    text = escape_command_text(
        "head=@ana, @bob.smith. #product #Product <b> a&b @channel me@example.com",
        user_id=users.get,
        channel_id=channels.get,
    )
    assert text == (
        "head=<@U1|ana>, <@U2|bob.smith>. <#C1|product> <#C1|product> &lt;b&gt; a&amp;b <!channel> me@example.com"
    )


def test_blocks() -> None:
    ctx = Context(names=NAMES, people=[("U1", "ana"), ("U2", "bob")])
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Weekly <sync>"}},
        {
            "type": "section",
            "block_id": "s",
            "text": {"type": "mrkdwn", "text": "*MSR-1* by <@U1>"},
            "fields": [
                {"type": "mrkdwn", "text": "*Due*\n2026-11-20"},
                {"type": "plain_text", "text": "*not bold*"},
            ],
            "accessory": {
                "type": "button",
                "text": {"type": "plain_text", "text": "Open"},
                "action_id": "open",
            },
        },
        {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": "_hint_"},
                {"type": "image", "image_url": "https://x/i.png", "alt_text": "i"},
            ],
        },
        {"type": "divider"},
        {
            "type": "image",
            "image_url": "https://x/chart.png",
            "alt_text": "chart",
            "title": {"type": "plain_text", "text": "Burn-up"},
        },
        {
            "type": "actions",
            "block_id": "a",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Done"},
                    "action_id": "d",
                    "style": "primary",
                },
                {
                    "type": "users_select",
                    "action_id": "u",
                    "initial_user": "U2",
                    "placeholder": {"type": "plain_text", "text": "Pick"},
                },
                {"type": "datepicker", "action_id": "dt", "initial_date": "2026-11-20"},
                {
                    "type": "checkboxes",
                    "action_id": "c",
                    "options": [{"text": {"type": "mrkdwn", "text": "*yes*"}, "value": "y"}],
                    "initial_options": [{"text": {"type": "mrkdwn", "text": "*yes*"}, "value": "y"}],
                },
                {
                    "type": "external_select",
                    "action_id": "e",
                    "min_query_length": 0,
                    "placeholder": {"type": "plain_text", "text": "Search"},
                },
            ],
        },
        {"type": "mystery"},
    ]
    out = blocks_html(blocks, ctx)
    assert '<div class="bk-header" role="heading" aria-level="3">Weekly &lt;sync&gt;</div>' in out
    assert "<b>MSR-1</b> by <span" in out and ">*not bold*</div>" in out and "<b>Due</b><br>2026-11-20" in out
    assert 'data-block="s" data-action="open" data-type="button"' in out and ">Open</button>" in out
    assert (
        '<div class="bk-context"><span><i>hint</i></span><img class="bk-thumb" src="https://x/i.png"' in out
    )
    assert '<hr class="bk-divider">' in out and "<figcaption>Burn-up</figcaption>" in out
    assert 'class="bk-button primary" data-block="a" data-action="d"' in out
    assert '<option value="U2" selected>bob</option>' in out
    assert 'type="date" class="bk-date"' in out and 'value="2026-11-20"' in out
    assert 'type="checkbox" name=' in out and 'value="y" checked> <b>yes</b>' in out
    assert 'class="bk-search" placeholder="Search"' in out and 'data-min-query="0"' in out
    assert "[mystery block]" in out


def test_a_form_field_with_its_error() -> None:
    ctx = Context(names=NAMES, in_view=True, errors={"name": "Give it a name"})
    block = {
        "type": "input",
        "block_id": "name",
        "optional": True,
        "label": {"type": "plain_text", "text": "Name"},
        "element": {"type": "plain_text_input", "action_id": "v", "multiline": True, "initial_value": "<x>"},
    }
    out = blocks_html([block], ctx)
    assert (
        '<label class="bk-label" for="in-' in out
        and 'Name <span class="bk-optional">(optional)</span>' in out
    )
    assert "<textarea" in out and "&lt;x&gt;</textarea>" in out
    assert 'data-error-for="name">Give it a name</div>' in out
