"""Mentions and DMs, driven through discord.py's dispatch by dpytest."""

from __future__ import annotations

import discord
import discord.ext.test as dpytest
import pytest

from bot.client import APOLOGY, QABot
from qa import Engine

from .harness import make_bot, sent_payloads
from .payloads import reactions


def mention(bot: QABot, text: str) -> str:
    assert bot.user is not None
    return f"<@{bot.user.id}> {text}"


async def test_mention_is_answered_with_embed_and_source(bot: QABot) -> None:
    payloads = sent_payloads(bot)
    await dpytest.message(mention(bot, "What did Japan pledge?"))
    reply = dpytest.get_message()
    embed = reply.embeds[0]
    assert "$51.3 million" in (embed.description or "")
    source = next(f for f in embed.fields if f.name == "Source")
    assert "Recap of bilateral meetings" in (source.value or "")
    assert "Cambodia-Japan, ¶21" in (source.value or "")
    assert any(f.name == "Quote" for f in embed.fields)
    assert payloads[-1]["allowed_mentions"]["parse"] == []
    assert payloads[-1]["message_reference"]["message_id"]  # a reply to the question


async def test_plain_channel_message_is_ignored(bot: QABot) -> None:
    await dpytest.message("What did Japan pledge?")
    assert dpytest.verify().message().nothing()


async def test_dm_is_answered(bot: QABot) -> None:
    member = dpytest.get_config().members[0]
    dm = await member.create_dm()
    await dpytest.message("What did Canada pledge?", channel=dm)
    reply = dpytest.get_message()
    assert "$240,000" in (reply.embeds[0].description or "")


async def test_echoed_mentions_are_inert(bot: QABot) -> None:
    payloads = sent_payloads(bot)
    member = dpytest.get_config().members[0]
    text = f"@everyone <@{member.id}> <@&123> did France pledge anything?"
    await dpytest.message(mention(bot, text))
    dpytest.get_message()
    assert payloads and all(p["allowed_mentions"] == {"parse": []} for p in payloads)


async def test_abstention_is_plain_text_with_examples(bot: QABot) -> None:
    await dpytest.message(mention(bot, "What did France pledge?"))
    reply = dpytest.get_message()
    assert not reply.embeds
    assert reply.content.startswith("The article doesn't mention a meeting with France.")
    assert reply.content.count("\u2022 ") >= 2


async def test_a_sum_asked_as_a_follow_up_through_the_bot(bot: QABot) -> None:
    await dpytest.message(mention(bot, "which countries gave money?"))
    assert "Canada" in (dpytest.get_message().embeds[0].description or "")
    await dpytest.message(mention(bot, "what's the average?"))
    assert "$25.77 million" in (dpytest.get_message().embeds[0].description or "")
    await dpytest.message(mention(bot, "compare japan and canada"))
    side_by_side = dpytest.get_message().embeds[0].description or ""
    assert "$51.3 million" in side_by_side and "$240,000" in side_by_side


async def test_follow_up_keeps_context_per_user(bot: QABot) -> None:
    await dpytest.message(mention(bot, "What did Japan pledge?"))
    dpytest.get_message()
    await dpytest.message(mention(bot, "When was that?"))
    assert "November 12, 2022" in (dpytest.get_message().embeds[0].description or "")


async def test_context_expires_after_idle_time(bot: QABot) -> None:
    now = [0.0]
    bot.sessions.clock = lambda: now[0]
    await dpytest.message(mention(bot, "What did Japan pledge?"))
    dpytest.get_message()
    now[0] += bot.settings.context_idle_seconds + 1
    await dpytest.message(mention(bot, "When was that?"))
    reply = dpytest.get_message()
    assert not reply.embeds and reply.content.startswith("The article doesn't say")


async def test_empty_mention_gets_a_hint(bot: QABot) -> None:
    await dpytest.message(mention(bot, ""))
    assert "Ask me a question" in dpytest.get_message().content


async def test_engine_failure_apologises_and_recovers(
    bot: QABot, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Engine.ask

    def broken(self: Engine, *args: object, **kwargs: object) -> object:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(Engine, "ask", broken)
    await dpytest.message(mention(bot, "What did Japan pledge?"))
    assert dpytest.get_message().content == APOLOGY
    monkeypatch.setattr(Engine, "ask", real)
    await dpytest.message(mention(bot, "What did Japan pledge?"))
    assert "$51.3 million" in (dpytest.get_message().embeds[0].description or "")


async def test_other_bots_are_ignored(bot: QABot) -> None:
    member = dpytest.get_config().members[0]
    member._user.bot = True
    await dpytest.message(mention(bot, "What did Japan pledge?"))
    assert dpytest.verify().message().nothing()
    member._user.bot = False


async def test_channel_outside_allow_list_is_ignored() -> None:
    b = await make_bot(allowed_channels=frozenset({1}))
    assert b.user is not None
    await dpytest.message(f"<@{b.user.id}> What did Japan pledge?")
    assert dpytest.verify().message().nothing()


async def test_message_cooldown_reacts_instead_of_replying() -> None:
    b = await make_bot(cooldown_seconds=60.0)
    added = reactions(b)
    assert b.user is not None
    await dpytest.message(f"<@{b.user.id}> What did Japan pledge?")
    dpytest.get_message()
    await dpytest.message(f"<@{b.user.id}> And Canada?")
    assert dpytest.verify().message().nothing()
    assert added == ["\u23f3"]


def test_intents_are_only_guilds_guild_messages_and_dms() -> None:
    from .harness import settings

    bot = QABot(settings(), Engine.from_folder(settings().data))
    wanted = discord.Intents(guilds=True, guild_messages=True, dm_messages=True)
    assert bot.intents.value == wanted.value
    assert not bot.intents.members and not bot.intents.presences and not bot.intents.typing


def test_intents_leave_message_content_off() -> None:
    from .harness import settings

    bot = QABot(settings(), Engine.from_folder(settings().data))
    assert bot.intents.message_content is False
    assert bot.allowed_mentions is not None
    assert bot.allowed_mentions.to_dict() == {"parse": []}
    assert isinstance(bot.intents, discord.Intents)


async def test_a_turn_opened_with_ok_follows_on_through_the_bot(bot: QABot) -> None:
    await dpytest.message(mention(bot, "tell me about the japan meeting"))
    assert "Kishida" in (dpytest.get_message().embeds[0].description or "")
    await dpytest.message(mention(bot, "ok and the korea meeting?"))
    reply = dpytest.get_message().embeds[0].description or ""
    assert "Yoon" in reply and "Kishida" not in reply
    await dpytest.message(mention(bot, "is there a foreign base at ream?"))
    reply = dpytest.get_message().embeds[0].description or ""
    assert reply.startswith("No") and "does not permit" in reply
