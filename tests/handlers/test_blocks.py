"""The Block Kit builders keep every message within Slack's limits."""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from ui.blocks import MAX_BLOCKS, MAX_SECTION_TEXT, chunk_sections, listing, pack_lines


def valid(blocks: list[dict[str, object]]) -> None:
    assert len(blocks) <= MAX_BLOCKS
    for b in blocks:
        parsed = Block.parse(b)  # type: ignore[arg-type]
        assert parsed is not None
        parsed.validate_json()


def test_pack_lines_fills_sections_up_to_the_limit_and_counts_lines() -> None:
    lines = [f"• line {i:04d} " + "x" * 80 for i in range(100)]  # 92 characters each
    packed = pack_lines(lines)
    assert [count for _, count in packed] == [32, 32, 32, 4]  # 32*92 + 31 newlines = 2975
    assert all(len(text) <= MAX_SECTION_TEXT for text, _ in packed)
    assert "\n".join(text for text, _ in packed) == "\n".join(lines)
    assert [b["text"]["text"] for b in chunk_sections(lines)] == [text for text, _ in packed]


def test_an_overlong_line_is_cut_to_one_section() -> None:
    [(text, count)] = pack_lines(["y" * 5000])
    assert (len(text), count, text[-1]) == (MAX_SECTION_TEXT, 1, "…")


def test_a_listing_that_fits_shows_everything() -> None:
    msg = listing("Departments", [f"• Dept {i}" for i in range(10)], lang="en")
    valid(msg["blocks"])
    assert len(msg["blocks"]) == 2
    assert msg["blocks"][1]["text"]["text"].count("• Dept") == 10


def test_a_listing_too_long_for_one_message_says_how_many_are_not_shown() -> None:
    items = [f"• Department number {i:05d} " + "z" * 250 for i in range(1000)]  # ~280 chars: 10 a section
    msg = listing("部门", items, lang="zh")
    valid(msg["blocks"])
    assert len(msg["blocks"]) == MAX_BLOCKS
    shown = sum(b["text"]["text"].count("• Department") for b in msg["blocks"] if b["type"] == "section")
    assert shown == 480
    assert msg["blocks"][-1] == {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": "……另有 520 项，一条消息放不下。"}],
    }
