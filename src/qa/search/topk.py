"""Find the k best BM25 documents exactly while scoring as few of them as possible.

Where it was built, compiled code (walk.py) ranks nearly every query by the same two
ideas; queries it cannot take, and every query where it was not built, come here. Two
paths share the work. MaxScore takes the query terms from the shortest postings up
and scores only the documents whose bound still reaches the k-th best score so far;
once a term is too common to walk, its byte-sized units bound its share, so only the
postings that could still lift a document into the top are looked at. When nearly
every document is a candidate, every document's units are summed along dense rows
(impact.py) and only those near the top are scored. Either way the scores returned
are computed by `Postings.exact`, bit for bit rank-bm25's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from qa.search import impact
from qa.search.ranked import select, sorted_unique

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from qa.search.bm25 import Postings

# Batches smaller than this are scored exactly rather than pruned further term by term.
REFINE_FROM = 512
# Once MaxScore would have to walk postings covering this share of the documents, it
# reads the term's units first and keeps the postings that could still reach the top;
# when more than this share remain, or none can be dropped, summing every document's
# units (dense rows of bytes) and scoring the few that can reach the top is faster.
IMPACT_SHARE = 0.003
# The shortest postings, up to this share of the documents together, form one batch.
BATCH_SHARE = 0.003


def top(
    p: Postings, query: Sequence[int], k: int, among: NDArray[np.int64] | None = None
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Return the k best (doc ids, scores) with a positive score, best first, ties by id."""
    tokens = [t for t in query if 0 <= t < len(p.idf)]
    if not tokens or k <= 0:
        return np.empty(0, np.int64), np.empty(0)
    if among is not None:
        cand = sorted_unique(np.asarray(among, dtype=np.int64))
        return select(cand, p.exact(tokens, cand), k)
    if any(p.idf[t] < 0 for t in dict.fromkeys(tokens)):  # bounds need no negative terms
        total = p.scores(tokens)
        cand = np.flatnonzero(total).astype(np.int64)
        return select(cand, total[cand], k)
    from qa.search import walk  # here: `qa ask` on a small index never needs it

    counts = Counter(tokens)
    walked = walk.top(p, tokens, counts, k)
    return walked if walked is not None else _maxscore(p, tokens, counts, k)


def _maxscore(
    p: Postings, tokens: list[int], counts: Counter[int], k: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Rank by MaxScore, a term at a time, switching to summed units when it cannot prune.

    Terms are taken from the shortest postings up. A document first met at term i holds
    none of the terms before it (it would have been met there), so it scores at most
    its share of term i plus the bounds of the terms after i; only documents whose bound
    reaches the k-th best score so far are scored, and once the terms left cannot lift
    an unseen document that high, the search stops.
    """
    unique = list(counts)
    bound = {t: float(p.upper[t]) * counts[t] for t in unique}
    order = sorted(unique, key=lambda t: (int(p.term_ptr[t + 1] - p.term_ptr[t]), t))
    # Made when first needed: a query sent straight to summing units never needs it.
    seen: NDArray[np.bool_] | None = None
    found: list[NDArray[np.int64]] = []
    scores: list[NDArray[np.float64]] = []
    best = np.empty(0)
    theta = 0.0
    # The rarest terms go first as one batch, scored exactly: a step per term would
    # cost a lookup per later term each, for few documents.
    lengths = np.cumsum([p.term_ptr[t + 1] - p.term_ptr[t] for t in order])
    batch = int(np.searchsorted(lengths, BATCH_SHARE * p.size, side="right"))
    if batch > 1:
        seen = np.zeros(p.size, dtype=bool)  # lazily zeroed: only touched pages cost
        new = _batch(p, tokens, order[:batch], order[batch:], counts, bound, k, seen)
        if new is None:
            return _by_impact(p, tokens, counts, k)
        found.append(new)
        scores.append(p.exact(tokens, new))
        best = scores[0] if len(new) <= k else np.partition(scores[0], len(new) - k)[-k:]
        if len(best) == k:
            theta = float(best.min()) * (1 - 1e-9)
    else:
        batch = 0
    for i in range(batch, len(order)):
        t, later = order[i], order[i + 1 :]
        rest = sum(bound[u] for u in later)
        full = len(best) == k
        if full and bound[t] + rest < theta:
            break  # no unseen document can reach the top k any more
        if full and _hopeless(p, order[i:], counts, bound, theta):
            return _by_impact(p, tokens, counts, k)
        lo, hi = p.span(t)
        shares: NDArray[np.float64] | None = None
        if hi - lo >= IMPACT_SHARE * p.size:
            reached = impact.reaching(p, t, counts[t], theta - rest) if full else None
            if reached is None or len(reached[0]) >= IMPACT_SHARE * p.size:
                # Nearly every document is a candidate now: bound them all at once.
                return _by_impact(p, tokens, counts, k)
            # The postings dropped are not marked seen: met again at a later term, such a
            # document is pruned there or scored exactly, never ranked on a partial sum.
            docs, shares = reached
        else:
            docs = p.docs[lo:hi]
        if seen is None:
            seen = np.zeros(p.size, dtype=bool)
        fresh = ~seen[docs]
        seen[docs] = True
        new = docs[fresh].astype(np.int64)
        if not len(new):
            continue
        if full:
            if shares is None:
                shares = counts[t] * p.share(t, p.tf[lo:hi][fresh], new)
            else:
                shares = shares[fresh]
            new = _prune(p, new, shares + rest, later, counts, bound, theta)
            if not len(new):
                continue
        total = p.exact(tokens, new)
        found.append(new)
        scores.append(total)
        best = np.concatenate([best, total])
        if len(best) > k:
            best = np.partition(best, len(best) - k)[len(best) - k :]
        if len(best) == k:
            # The margin covers summing bounds in another order than the scores.
            theta = float(best.min()) * (1 - 1e-9)
    if not found:
        return np.empty(0, np.int64), np.empty(0)
    return select(np.concatenate(found), np.concatenate(scores), k)


def _hopeless(
    p: Postings, terms: list[int], counts: Counter[int], bound: dict[int, float], theta: float
) -> bool:
    """Tell whether MaxScore over these terms will reach one too common to walk, unpruned.

    With the k-th best score so far, theta, it would switch to summing units there, so
    every step before is wasted. Theta may yet grow, so this is a forecast, not a proof.
    """
    rest = sum(bound[u] for u in terms)
    for t in terms:
        rest -= bound[t]
        if bound[t] + rest < theta:
            return False  # MaxScore stops first
        if p.term_ptr[t + 1] - p.term_ptr[t] >= IMPACT_SHARE * p.size:
            return impact.least_units(p, t, counts[t], theta - rest) is None
    return False


def _batch(
    p: Postings,
    tokens: list[int],
    rarest: list[int],
    later: list[int],
    counts: Counter[int],
    bound: dict[int, float],
    k: int,
    seen: NDArray[np.bool_],
) -> NDArray[np.int64] | None:
    """Return the documents holding the rarest terms that can still reach the top k.

    Each document's shares of these terms come straight from their postings. The k
    documents with the largest shares are scored exactly first: their k-th best score
    bounds the top k from below, and a document whose shares plus the bounds of the
    later terms stay under it is dropped before any later term is looked up. None when
    the later terms will leave MaxScore unable to prune (see _hopeless).
    """
    spans = [p.span(t) for t in rarest]
    docs = np.concatenate([p.docs[lo:hi] for lo, hi in spans])
    new = sorted_unique(docs.astype(np.int64))
    seen[new] = True
    if len(new) < max(REFINE_FROM, k + 1) or not later:
        return new
    shares = np.concatenate(
        [counts[t] * p.contribution(t, lo, hi) for t, (lo, hi) in zip(rarest, spans, strict=True)]
    )
    partial = np.bincount(np.searchsorted(new, docs), weights=shares, minlength=len(new))
    seeds = np.sort(new[np.argpartition(partial, len(new) - k)[len(new) - k :]])
    theta = float(p.exact(tokens, seeds).min()) * (1 - 1e-9)
    if _hopeless(p, later, counts, bound, theta):
        return None
    upper = partial.astype(np.float64, copy=False) + sum(bound[u] for u in later)
    return _prune(p, new, upper, later, counts, bound, theta)


def _prune(
    p: Postings,
    docs: NDArray[np.int64],
    upper: NDArray[np.float64],
    later: list[int],
    counts: Counter[int],
    bound: dict[int, float],
    theta: float,
) -> NDArray[np.int64]:
    """Drop the documents whose best possible score, upper, stays under theta.

    A document's bound holds the bounds of the later terms, none of them looked up
    yet. Each later term's bound is swapped for a tighter one, the loosest first: the
    document's units where the term has a dense row (one read per document), else,
    while many documents remain, its exact share.
    """
    scale = p.impact_scale
    for u in sorted(later, key=lambda u: -bound[u]):
        keep = upper >= theta
        docs, upper = docs[keep], upper[keep]
        row = int(p.impact_row[u])
        if row >= 0:
            # Units round each share up: a bound, not the share.
            share = p.impact[row][docs] * (scale * counts[u])
        elif len(docs) >= REFINE_FROM:
            share = counts[u] * p.share(u, p.frequencies([u], docs)[0], docs)
        else:
            continue  # few enough to score exactly: a search per document costs more
        upper = upper - bound[u] + share
    return docs[upper >= theta]


def _by_impact(
    p: Postings, tokens: list[int], counts: Counter[int], k: int
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Bound every document by its summed units, then score exactly the few near the top."""
    cand = impact.near_top(p, counts, k).astype(np.int64)
    return select(cand, p.exact(tokens, cand), k)
