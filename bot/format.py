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
SOURCE_FIELDS = 5  # one per cited article; the rest are behind the Sources button
SOURCE_VALUE = 400
MIN_DESCRIPTION = 200  # below this, drop source fields rather than cut the answer further
ELLIPSIS = "\u2026"
_SENTENCE_END = re.compile(r"[.!?][\"\u201d)]?\s")
_MENTION = re.compile(r"<(@[!&]?|#)(\d+)>")
_MENTION_NAMES = {"@": "@user", "@!": "@user", "@&": "@role", "#": "#channel"}
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


def escape(text: str) -> str:
    """Make text show as typed: no markdown, code fences, masked links or live mentions."""
    # escape_markdown also breaks masked links ([text](url)) and code fences.
    text = discord.utils.escape_markdown(text)
    return discord.utils.escape_mentions(text)


def plain_question(text: str) -> str:
    """Return a question as a title: mentions as plain names, markdown escaped."""
    text = _MENTION.sub(lambda m: _MENTION_NAMES[m.group(1)], " ".join(text.split()))
    return escape(text)


def embed_size(embed: discord.Embed) -> int:
    """Count the characters Discord counts towards an embed's 6,000 total."""
    return len(embed)


def answer_embed(engine: Engine, question: str, answer: Answer) -> discord.Embed:
    """Build the embed for an answer: text, sources (title, section, paragraph), a quote."""
    embed = discord.Embed(
        title=clip(plain_question(question), TITLE),
        description=clip(escape(answer.text), DESCRIPTION),
        colour=COLOUR,
    )
    articles = {a.id: a for a in engine.data.articles}
    cited = list(dict.fromkeys(s.article for s in answer.sources if s.article in articles))
    for article_id in cited[:SOURCE_FIELDS]:
        article = articles[article_id]
        own = [s for s in answer.sources if s.article == article_id]
        sections = ", ".join(dict.fromkeys(s.heading for s in own))
        value = f"{article.title}\n{sections}, {refs(s.paragraph for s in own)}"
        embed.add_field(name="Source", value=clip(escape(value), SOURCE_VALUE), inline=False)
    if len(cited) > SOURCE_FIELDS:
        hidden = len(cited) - SOURCE_FIELDS
        embed.add_field(
            name="More sources", value=f"{hidden} more articles: press Sources.", inline=False
        )
    if answer.sources:
        quote = clip(escape(answer.sources[0].text), QUOTE)
        embed.add_field(name="Quote", value=clip(f"> {quote}", FIELD_VALUE), inline=False)
        first = articles.get(answer.sources[0].article)
        if first is not None and first.credit():
            embed.set_footer(text=clip(escape(first.credit()), TITLE))
    _fit(embed)
    return embed


def _fit(embed: discord.Embed) -> None:
    """Cut the description, then drop source fields, until the embed fits 6,000 characters."""
    while (overflow := embed_size(embed) - EMBED_TOTAL) > 0:
        description = embed.description or ""
        if len(description) - overflow - 1 >= MIN_DESCRIPTION:
            embed.description = clip(description, len(description) - overflow - 1)
        elif any(f.name == "Source" for f in embed.fields):
            last = max(i for i, f in enumerate(embed.fields) if f.name == "Source")
            embed.remove_field(last)
        else:
            embed.description = clip(description, max(len(description) - overflow - 1, 0))
            if not embed.description:
                embed.clear_fields()


def abstention(engine: Engine, answer: Answer) -> str:
    """Return the plain message for an abstention, with questions that do work."""
    tries = "\n".join(f"\u2022 {escape(q)}" for q in examples(engine.data, 3))
    text = answer.text if answer.text.startswith("The article") else "The article doesn't say."
    return clip(f"{escape(text)}\nQuestions I can answer, for example:\n{tries}", MESSAGE)


def help_embed(engine: Engine) -> discord.Embed:
    """Describe what the bot knows: articles, meetings and example questions."""
    data = engine.data
    embed = discord.Embed(title="What I can answer", colour=COLOUR)
    embed.description = clip(escape("\n".join(overview(data))), DESCRIPTION)
    listed = "\n".join(f"{escape(a.id)}: {escape(a.title)}" for a in data.articles)
    embed.add_field(
        name=f"Articles ({len(data.articles)})",
        value=clip(f"{listed}\n/article pins a conversation to one of them.", FIELD_VALUE),
        inline=False,
    )
    embed.add_field(
        name="Try",
        value=clip("\n".join(f"/ask {escape(q)}" for q in examples(data)), FIELD_VALUE),
    )
    embed.add_field(
        name="Also",
        value="Mention me or DM me a question, or use \u201cAsk qa about this message\u201d "
        "from a message's Apps menu. Follow-ups such as \u201cAnd Canada?\u201d keep context. "
        "The Sources button (or /sources) shows the passages behind an answer.",
        inline=False,
    )
    _fit(embed)
    return embed


def sources_pages(answer: Answer | None, limit: int = MESSAGE) -> list[str]:
    """Return the full passages behind an answer as messages of at most `limit` characters."""
    if answer is None or not answer.sources:
        return ["You have no answer with sources yet here: ask something with /ask first."]
    pages: list[str] = []
    several = len({s.article for s in answer.sources}) > 1
    for s in answer.sources:
        where = f"{escape(s.article)}: " if several else ""
        head = f"**{where}{escape(s.heading)}, \u00b6{s.paragraph}**"
        part = clip(f"{head}\n> {escape(s.text)}", limit)
        if pages and len(pages[-1]) + 2 + len(part) <= limit:
            pages[-1] += "\n\n" + part
        else:
            pages.append(part)
    return pages
