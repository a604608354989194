"""Sources and More buttons that keep working after a restart: their ids carry their state."""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING, Any

import discord

from qa import Answer, Source
from qa.answer.result import refs
from qa.data.records import Dataset

if TYPE_CHECKING:
    from bot.client import QABot

CUSTOM_ID = 100  # Discord's limit on a component's custom id
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]+")
_RANGE = re.compile(r"(\d+)(?:-(\d+))?")
SOURCES_PREFIX = "qa:s:"
MORE_PREFIX = "qa:m:"
KEPT = "k"  # a sources payload naming an answer kept in memory rather than its paragraphs


def digest(sources: tuple[Source, ...] | list[Source]) -> str:
    """Return a short checksum of the cited text, to tell when the data changed under a button."""
    text = "\n".join(s.text for s in sources).encode("utf-8")
    return format(zlib.crc32(text), "08x")


def encode_sources(sources: tuple[Source, ...]) -> str | None:
    """Write the sources as a custom id payload (`digest:article@21.40-42;...`), if it fits."""
    by_article: dict[str, list[int]] = {}
    for s in sources:
        if not _SAFE_ID.fullmatch(s.article):
            return None
        by_article.setdefault(s.article, []).append(s.paragraph)
    parts = [f"{a}@{refs(ns)[1:].replace(', ', '.')}" for a, ns in by_article.items()]
    payload = f"{digest(sources)}:{';'.join(parts)}"
    return payload if len(SOURCES_PREFIX) + len(payload) <= CUSTOM_ID else None


def decode_sources(payload: str, data: Dataset) -> list[Source] | None:
    """Read a sources payload back against the loaded data; None if it no longer matches."""
    check, _, body = payload.partition(":")
    found: list[Source] = []
    for part in body.split(";"):
        article_id, _, ranges = part.partition("@")
        article = data.by_id.get(article_id)
        if article is None:
            return None
        for run in ranges.split("."):
            m = _RANGE.fullmatch(run)
            if m is None:
                return None
            first, last = int(m[1]), int(m[2] or m[1])
            if not 1 <= first <= last <= len(article.paragraphs):
                return None
            for n in range(first, last + 1):
                p = article.paragraph(n)
                found.append(Source(article.id, n, p.heading, p.text))
    return found if found and digest(found) == check else None


class SourcesButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=r"qa:s:(?P<payload>.+)"
):
    """Show the full passages behind an answer, privately, to whoever presses it."""

    def __init__(self, payload: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Sources",
                style=discord.ButtonStyle.secondary,
                custom_id=SOURCES_PREFIX + payload,
            )
        )
        self.payload = payload

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> SourcesButton:
        """Rebuild the button from a pressed component's custom id."""
        return cls(match["payload"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Send the passages, or say they are gone if the data changed."""
        client: QABot = interaction.client
        await client.show_sources(interaction, self.payload)


class MoreButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=r"qa:m:(?P<key>[0-9a-f]+):(?P<page>\d{1,3})",
):
    """Show the next page of a shortened answer, privately, to whoever presses it."""

    def __init__(self, key: str, page: int, pages: int | None = None) -> None:
        label = f"More ({page + 1}/{pages})" if pages else "More"
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.primary,
                custom_id=f"{MORE_PREFIX}{key}:{page}",
            )
        )
        self.key = key
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> MoreButton:
        """Rebuild the button from a pressed component's custom id."""
        return cls(match["key"], int(match["page"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Send the page, or say the answer has been forgotten."""
        client: QABot = interaction.client
        await client.show_more(interaction, self.key, self.page)


def buttons(*items: discord.ui.Item[Any]) -> discord.ui.View:
    """Return a view that never times out holding the given buttons."""
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    return view


def answer_view(answer: Answer, keep: Any) -> discord.ui.View | None:
    """Return the buttons for an answer: Sources if it cites any, More if it was shortened.

    `keep(answer)` stores the answer in memory and returns its key, for what an id cannot hold.
    """
    items: list[discord.ui.Item[Any]] = []
    key = keep(answer) if answer.more else None
    if answer.sources:
        payload = encode_sources(answer.sources)
        if payload is None:
            key = key or keep(answer)
            payload = f"{KEPT}{key}"
        items.append(SourcesButton(payload))
    if key is not None and answer.more:
        items.append(MoreButton(key, 0, len(answer.more)))
    return buttons(*items) if items else None
