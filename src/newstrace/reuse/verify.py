"""Exact verification of a candidate pair: containment both ways and Jaccard on shingle sets.

Containment is what makes excerpts and padded copies count: a 40% excerpt is ~100% contained in its
source; a copy wrapped in a blog's furniture contains ~100% of its source. Jaccard alone misses both.
Shingles a site repeats on many different articles (its template) and stock phrases found across
very many different articles are ignored, so neither can glue unrelated articles together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newstrace.model import Match
from newstrace.reuse.align import align, passages
from newstrace.reuse.text import Shingled, mix64

RULE = "reuse.verify.containment.v1"


@dataclass(frozen=True, slots=True)
class VerifyParams:
    min_shared: int = 20  # distinct shared shingles (~25 running words): one stock sentence is not enough
    min_containment: float = 0.5  # of at least one side in the other
    furniture_min_docs: int = 4  # a shingle on this many different articles of one domain is template
    common_min_titles: int = 100  # ... or on this many different articles anywhere: a stock phrase
    max_gap: int = 20  # words: larger differences split aligned passages
    min_run: int = 30  # words: shared text only counts inside aligned passages at least this long
    # A candidate pair whose MinHash-estimated containment is under this is not verified exactly: far under
    # min_containment, with margin for MinHash's error and for the template/stock shingles that exact
    # verification ignores (the lowest estimate of a verified match on the benchmark crawls was 0.25).
    min_estimated_containment: float = 0.15


@dataclass(frozen=True, slots=True)
class CommonShingles:
    """Shingles to ignore: ``shared`` everywhere, ``by_domain[d]`` on pairs involving domain ``d``."""

    shared: np.ndarray
    by_domain: dict[str, np.ndarray]

    def for_pair(self, domain_a: str | None, domain_b: str | None) -> tuple[np.ndarray, ...]:
        """The sorted sets a pair ignores. Kept apart, not merged: the stock set grows with the corpus
        (~2,000 shingles at 10k generated pages, a domain's template up to ~1,500), and a union per pair
        made each pair's cost grow with it."""
        return (self.shared, *self.templates_for(domain_a, domain_b))

    def templates_for(self, domain_a: str | None, domain_b: str | None) -> tuple[np.ndarray, ...]:
        """The pair's domain templates alone: for sets the stock shingles were already taken out of."""
        return tuple(self.by_domain[d] for d in sorted({domain_a, domain_b} - {None}) if d in self.by_domain)


Ignore = np.ndarray | Sequence[np.ndarray] | None  # one sorted set of shingles, or several (CommonShingles.for_pair)


def ignored(values: np.ndarray, ignore: Ignore) -> np.ndarray:
    """Mask of ``values`` found in ``ignore``: a binary search per value in each sorted set, so the cost
    grows with the page, not with the size of the sets."""
    hit = np.zeros(len(values), bool)
    for part in ([ignore] if isinstance(ignore, np.ndarray) else ignore or ()):
        if len(part) and len(values):
            i = np.minimum(np.searchsorted(part, values), len(part) - 1)
            hit |= part[i] == values
    return hit


def _distinct_title_counts(keys: np.ndarray, titles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each distinct key, how many distinct titles it occurs with."""
    with np.errstate(over="ignore"):
        pair = mix64(keys ^ (titles.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)))
    _, first = np.unique(pair, return_index=True)
    return np.unique(keys[first], return_counts=True)


def common_shingles(docs: Sequence[Shingled], domains: Sequence[str | None],
                    titles: Sequence[str | None], params: VerifyParams) -> CommonShingles:
    """Template and stock shingles among ``docs``, counted over *different* articles (distinct titles),
    so an outlet's successive versions of one story never count as its template."""
    if not docs:
        return CommonShingles(np.empty(0, np.uint64), {})
    tids, doms, dom_names = doc_codes([d.page_id for d in docs], domains, titles)
    sizes = np.array([len(d.unique) for d in docs])
    return common_from_sets(np.concatenate([d.unique for d in docs]), sizes, tids, doms, dom_names, params)


def doc_codes(page_ids: Sequence[str], domains: Sequence[str | None],
              titles: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Per doc: a distinct-article id (its title, else its page id) and a domain index (-1: none),
    plus the domain names the indexes point into: what common_from_sets counts by."""
    title_ids: dict[str, int] = {}
    tids = [title_ids.setdefault((t or p).strip().lower(), len(title_ids)) for p, t in zip(page_ids, titles)]
    dom_names = sorted({d for d in domains if d})
    dom_idx = {d: i for i, d in enumerate(dom_names)}
    return (np.array(tids, dtype=np.int64), np.array([dom_idx.get(d or "", -1) for d in domains], dtype=np.int64),
            dom_names)


def common_from_sets(sh: np.ndarray, sizes: np.ndarray, tids: np.ndarray, doms: np.ndarray, dom_names: list[str],
                     params: VerifyParams) -> CommonShingles:
    """common_shingles on flat arrays (each doc's distinct shingles, concatenated; see doc_codes). The
    counts are per shingle, so disjoint slices of the shingle space can be counted apart (and in parallel)."""
    tid = np.repeat(tids, sizes)
    keys, counts = _distinct_title_counts(sh, tid)
    shared = keys[counts >= params.common_min_titles]
    by_domain: dict[str, np.ndarray] = {}
    dom = np.repeat(doms, sizes)
    ok = dom >= 0
    with np.errstate(over="ignore"):
        dkey = mix64(sh[ok] ^ (dom[ok].astype(np.uint64) + np.uint64(1)) * np.uint64(0xD6E8FEB86659FD93))
    dkeys, dcounts = _distinct_title_counts(dkey, tid[ok])
    hot = dkeys[dcounts >= params.furniture_min_docs]
    if len(hot):
        sel = np.isin(dkey, hot)
        hot_dom, hot_sh = dom[ok][sel], sh[ok][sel]
        for di in np.unique(hot_dom):
            by_domain[dom_names[di]] = np.unique(hot_sh[hot_dom == di])
    return CommonShingles(shared, by_domain)


def worth_verifying(minhash_a: np.ndarray, minhash_b: np.ndarray, length_a: np.ndarray, length_b: np.ndarray,
                    params: VerifyParams = VerifyParams()) -> np.ndarray:
    """Per candidate pair (row), whether exact verification is worth its cost: the containment of the
    smaller shingle set in the larger, estimated from the MinHash agreement J as J (|A|+|B|) / ((1+J) min),
    is at least ``params.min_estimated_containment``. Pages in no story that share a band by chance (two
    local weather reports) are the bulk of a large crawl's candidates; each would cost both pages' shingling.
    Pairs of very different sizes keep a high estimate from the rows their shared band guarantees: with
    the default 2-row bands and bar 0.15, a page under a quarter of the other's size (an excerpt) always
    passes."""
    agree = (np.asarray(minhash_a) == np.asarray(minhash_b)).mean(axis=1) if len(minhash_a) else np.empty(0)
    la, lb = np.asarray(length_a, np.float64), np.asarray(length_b, np.float64)
    est = agree * (la + lb) / ((1.0 + agree) * np.maximum(np.minimum(la, lb), 1.0))
    return est >= params.min_estimated_containment


def _in_blocks(doc: Shingled, shared: np.ndarray, spans: list[tuple[int, int]], min_run: int) -> int:
    """Distinct shared shingles of ``doc`` inside aligned blocks at least ``min_run`` words long: a
    teaser, a quote or a stock sentence that two different pages both carry is too short to count."""
    keep = np.zeros(len(doc.shingles), bool)
    for w0, w1 in spans:
        if w1 - w0 >= min_run:
            keep[w0 : max(w0, w1 - doc.k + 1)] = True
    sel = doc.shingles[keep]
    return int(len(np.intersect1d(sel, shared))) if len(sel) else 0


def _enough_shared(n: int, len_a: int, len_b: int, params: VerifyParams) -> bool:
    """Do ``n`` shared shingles of two sets (ignored ones removed) make the pair worth aligning?"""
    return bool(len_a and len_b) and n >= params.min_shared and n / min(len_a, len_b) >= params.min_containment


def passes_set_test(ua: np.ndarray, ub: np.ndarray, ignore: Ignore = None,
                    params: VerifyParams = VerifyParams()) -> bool:
    """verify()'s first test on the two pages' distinct shingle sets alone: False exactly when verify()
    returns None before aligning. Most candidate pairs stop here, so an engine that must move pages to
    the pairs (Spark) moves these sets first and whole pages only for the pairs that pass. The shared
    shingles are counted by binary search, not listed: a count is all the test needs."""
    ua, ub = ua[~ignored(ua, ignore)], ub[~ignored(ub, ignore)]
    if len(ua) < len(ub):
        ua, ub = ub, ua
    n = int(np.count_nonzero(ua[np.minimum(np.searchsorted(ua, ub), len(ua) - 1)] == ub)) if len(ub) else 0
    return _enough_shared(n, len(ua), len(ub), params)


def verify(a: Shingled, b: Shingled, ignore: Ignore = None,
           params: VerifyParams = VerifyParams(), with_passages: bool = True) -> Match | None:
    """A Match when enough of one body is found in the other, with aligned passages; else None.
    ``ignore``: sorted shingle set(s) not to count (see CommonShingles.for_pair).
    ``with_passages=False`` skips the alignment (most of the cost) when only the decision is needed."""
    ua, ub = a.unique, b.unique
    ia, ib = ignored(ua, ignore), ignored(ub, ignore)
    # the pair's own ignored shingles: all the alignment needs to see of the (large) ignore sets
    ignore = np.union1d(ua[ia], ub[ib]) if ia.any() or ib.any() else None
    ua, ub = ua[~ia], ub[~ib]
    shared = np.intersect1d(ua, ub, assume_unique=True)
    if not _enough_shared(len(shared), len(ua), len(ub), params):
        return None  # cheap set test first (passes_set_test is this test alone): most candidate pairs stop here
    blocks = align(a, b, ignore, params.max_gap)
    ia = _in_blocks(a, shared, [(bl.a0, bl.a1) for bl in blocks], params.min_run)
    ib = _in_blocks(b, shared, [(bl.b0, bl.b1) for bl in blocks], params.min_run)
    inter = min(ia, ib)
    c_ab, c_ba = ia / len(ua), ib / len(ub)
    if inter < params.min_shared or max(c_ab, c_ba) < params.min_containment:
        return None
    jac = inter / (len(ua) + len(ub) - inter)
    found = passages(blocks, a, b) if with_passages else ()
    return Match(a.page_id, b.page_id, round(c_ab, 4), round(c_ba, 4), round(jac, 4), found)
