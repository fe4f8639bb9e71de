from tests.harness import Bot


def test_help_and_dept_flow(bot: Bot) -> None:
    reply = bot.command("help")
    assert "/collab project add" in reply["text"]
    reply = bot.command("dept add Sales head=<@UHEAD|hank> channel=<#CSALES|sales>")
    assert "Sales" in reply["text"], reply
    reply = bot.command("dept list")
    assert "Sales" in reply["blocks"][1]["text"]["text"]
