"""Turn engine answers into Discord embeds and messages that fit Discord's limits."""

from __future__ import annotations

import re

import discord

from qa import Answer, Engine
from qa.answer.result import refs
from qa.guide import examples, overview

MESSAGE = 2000
TITLE = 256
DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
FIELDS = 25
EMBED_TOTAL = 6000
QUOTE = 300
ELLIPSIS = "\u2026"
_SENTENCE_END = re.compile(r"[.!?][\"\u201d)]?\s")
COLOUR = discord.Colour.blurple()


def clip(text: str, limit: int) -> str:
    """Shorten text to at most `limit` characters, at a sentence end if one is near."""
    text = text.strip()
    if len(text) <= limit:
        return text
    room = text[: max(limit - 1, 0)]
    ends = [m.end() for m in _SENTENCE_END.finditer(room + " ")]
    cut = ends[-1] if ends and ends[-1] >= limit // 3 else room.rfind(" ")
    if cut <= 0:
        cut = len(room)
    return room[:cut].rstrip() + ELLIPSIS


def embed_size(embed: discord.Embed) -> int:
    """Count the characters Discord counts towards an embed's 6,000 total."""
    return len(embed)


def answer_embed(engine: Engine, question: str, answer: Answer) -> discord.Embed:
    """Build the embed for an answer: text, source (title, section, paragraph), a quote."""
    embed = discord.Embed(
        title=clip(question, TITLE), description=clip(answer.text, DESCRIPTION), colour=COLOUR
    )
    articles = {a.id: a for a in engine.data.articles}
    for article_id in dict.fromkeys(s.article for s in answer.sources):
        if len(embed.fields) >= FIELDS - 1:
            break
        article = articles[article_id]
        cited = [s for s in answer.sources if s.article == article_id]
        sections = ", ".join(dict.fromkeys(s.heading for s in cited))
        value = f"{article.title}\n{sections}, {refs(s.paragraph for s in cited)}"
        embed.add_field(name="Source", value=clip(value, FIELD_VALUE), inline=False)
    if answer.sources:
        quote = clip(answer.sources[0].text, QUOTE)
        embed.add_field(name="Quote", value=clip(f"> {quote}", FIELD_VALUE), inline=False)
        first = articles[answer.sources[0].article]
        embed.set_footer(text=clip(f"{first.publisher}, {first.date}", FOOTER))
    overflow = embed_size(embed) - EMBED_TOTAL
    if overflow > 0 and embed.description:
        embed.description = clip(embed.description, len(embed.description) - overflow - 1)
    return embed


def abstention(engine: Engine, answer: Answer) -> str:
    """Return the plain message for an abstention, with questions that do work."""
    tries = "\n".join(f"\u2022 {q}" for q in examples(engine.data, 3))
    text = answer.text if answer.text.startswith("The article") else "The article doesn't say."
    return clip(f"{text}\nQuestions I can answer, for example:\n{tries}", MESSAGE)


def help_embed(engine: Engine) -> discord.Embed:
    """Describe what the bot knows: articles, meetings and example questions."""
    embed = discord.Embed(title="What I can answer", colour=COLOUR)
    embed.description = clip("\n".join(overview(engine.data)), DESCRIPTION)
    embed.add_field(
        name="Try", value=clip("\n".join(f"/ask {q}" for q in examples(engine.data)), FIELD_VALUE)
    )
    embed.add_field(
        name="Also",
        value="Mention me or DM me a question. Follow-ups such as \u201cAnd Canada?\u201d "
        "keep context. /sources shows the passages behind your last answer.",
        inline=False,
    )
    return embed


def sources_text(answer: Answer | None) -> str:
    """Return the full passages behind an answer, cut to one message."""
    if answer is None or not answer.sources:
        return "You have no answer with sources yet here: ask something with /ask first."
    parts = [f"**{s.heading}, \u00b6{s.paragraph}**\n> {s.text}" for s in answer.sources]
    return clip("\n\n".join(parts), MESSAGE)
