"""Write a draft as a dataset file: YAML in the documented schema, with review comments."""

from __future__ import annotations

from typing import Any

import yaml

from qa.draft.model import Draft, Fact, Meeting

KINDS = ("money", "agreements", "requests", "positions", "quotes", "events")
_ORDER = {
    "money": ("verb", "kind", "amount", "currency", "what", "purpose", "items"),
    "agreements": ("name", "verb"),
    "requests": ("text",),
    "positions": ("holder", "text"),
    "quotes": ("speaker", "verb", "words"),
    "events": ("text",),
}


class _Dumper(yaml.SafeDumper):
    """Write lists of numbers inline (`paragraphs: [3, 4]`), everything else in blocks."""


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(x, int) for x in data) or (
        all(isinstance(x, str) for x in data) and sum(len(x) for x in data) < 60
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _list)


def to_data(draft: Draft) -> dict[str, Any]:
    """Return the draft as the mapping an article's YAML file holds."""
    top: dict[str, Any] = {"title": draft.title, "publisher": draft.publisher or "unknown"}
    if draft.date:
        top["date"] = draft.date
    if draft.url:
        top["url"] = draft.url
    p = draft.principal
    principal: dict[str, Any] = {"name": p.name, "title": p.title}
    if p.country:
        principal["country"] = p.country
    if draft.principal_aliases:
        principal["aliases"] = list(draft.principal_aliases)
    top["principal"] = principal
    top["meetings"] = [_meeting(m) for m in draft.meetings]
    return top


def _meeting(m: Meeting) -> dict[str, Any]:
    out: dict[str, Any] = {"id": m.id, "country": m.country}
    if m.section:
        out["section"] = m.section
    leader: dict[str, Any] = {"name": m.leader.name, "title": m.leader.title}
    if m.aliases:
        leader["aliases"] = list(m.aliases)
    out["leader"] = leader
    if m.date:
        out["date"] = m.date
    out["paragraphs"] = list(m.paragraphs)
    if m.topics:
        out["topics"] = {t: list(ns) for t, ns in m.topics.items()}
    for kind in KINDS:
        facts = [_fact(f) for f in m.facts if f.kind == kind]
        if facts:
            out[kind] = facts
    return out


def _fact(f: Fact) -> dict[str, Any]:
    out = {k: f.fields[k] for k in _ORDER[f.kind] if k in f.fields}
    for key in ("topics", "date"):
        if key in f.fields:
            out[key] = f.fields[key]
    out["paragraphs"] = list(f.paragraphs)
    return out


def review(draft: Draft) -> list[str]:
    """Return the review list: facts per meeting, then everything uncertain."""
    lines = []
    for m in draft.meetings:
        counts = ", ".join(
            f"{n} {k}" for k in KINDS if (n := sum(1 for f in m.facts if f.kind == k))
        )
        date = f" on {m.date}" if m.date else ", no date"
        lines.append(f"{m.id}: {m.leader.title} {m.leader.name}{date}; {counts or 'no facts'}")
    return lines


def uncertain(draft: Draft) -> list[str]:
    """Return what a reviewer should check, one line each, with its paragraph."""
    lines = list(draft.notes)
    if not draft.publisher:
        lines.append("publisher unknown: set 'publisher'")
    if not draft.principal.country:
        lines.append(f"no country found for {draft.principal.name}: set the principal's 'country'")
    for m in draft.meetings:
        for f in m.facts:
            if f.note:
                where = ", ".join(str(n) for n in f.paragraphs)
                lines.append(
                    f"{m.id}: {f.kind[:-1] if f.kind != 'money' else 'money'} "
                    f"in paragraph {where}: {f.note}"
                )
    return lines


def missing(draft: Draft) -> list[str]:
    """Return one line per vocabulary entry the draft needs, with the entry to add."""
    return [
        f"currency {s.name!r}: {s.why}"
        if s.vocabulary == "currencies"
        else f"{s.vocabulary}.yaml:  - name: {s.name}"
        + (f", aliases: [{', '.join(s.aliases)}]" if s.aliases else "")
        + f"    # {s.why}"
        for s in draft.suggestions
    ]


def to_yaml(draft: Draft) -> str:
    """Return the draft as the text of ID.yaml, its header comments listing what to check."""
    head = [
        f"# Drafted by `qa draft {draft.article}` from {draft.article}.txt: review every fact",
        "# against the article before relying on it. Schema: docs/dataset.md.",
    ]
    if draft.suggestions:
        head.append("#")
        head.append("# Not in the vocabularies yet; add these entries (or rename them below):")
        head.extend(f"#   {line}" for line in missing(draft))
    checks = uncertain(draft)
    if checks:
        head.append("#")
        head.append("# To check:")
        head.extend(f"#   {line}" for line in checks)
    body = yaml.dump(to_data(draft), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(head) + "\n" + body
