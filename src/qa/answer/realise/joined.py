"""Write a reply joined from several articles' answers, each part naming its article."""

from __future__ import annotations

from qa.answer.realise import sentence as say
from qa.data.corpus import Article


def label(article: Article) -> str:
    """Return how a part of a joined answer names its article: its event, or its title."""
    if article.occasion:
        return f"at {article.occasion.name}"
    return f"in \u201c{article.title}\u201d"


def labelled(article: Article, text: str) -> str:
    """Return "At <event>: <text>"."""
    return f"{say.capital(label(article))}: {text}"


def yes_in(article: Article, rest: str) -> str:
    """Return "Yes, at <event>: <the fact that makes it so>"."""
    return f"Yes, {label(article)}: {say.capital(rest)}"


def only_in(article: Article, rest: str) -> str:
    """Return "No, only <at event>: <the fact>" for a claim about each article one holds."""
    return f"No, only {label(article)}: {say.capital(rest)}"


def shared_verdict(verdict: str, n: int) -> str:
    """Return "<Yes|No>, in each of the <n> articles." for a claim every article decides alike."""
    return f"{verdict}, in each of the {n} articles."


def more_articles(matched: int) -> str:
    """Return the note that more articles match, and how to ask about one of them."""
    which = "article matches" if matched == 1 else "articles match"
    return f"{matched} more {which}; name one by its event, place or principal to ask about it."
