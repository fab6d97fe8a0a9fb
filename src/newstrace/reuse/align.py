"""Aligned passages between two bodies: anchor on shingles unique to both texts, grow runs along
diagonals, extend word by word, then merge runs separated by small gaps (the edits).

O((n + m) log(n + m)): no n*m table, and no difflib-style "autojunk" that silently drops frequent
words from long texts. Reordered paragraphs give separate blocks; repeated passages anchor once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newstrace.model import Passage
from newstrace.reuse.text import Shingled

RULE = "reuse.align.anchor_extend.v1"


@dataclass(frozen=True, slots=True)
class Gap:
    """Words that differ inside an aligned block: ``a[a0:a1]`` became ``b[b0:b1]``."""

    a0: int
    a1: int
    b0: int
    b1: int


@dataclass(frozen=True, slots=True)
class Block:
    """``a.words[a0:a1]`` aligned with ``b.words[b0:b1]``, identical except for ``gaps``."""

    a0: int
    a1: int
    b0: int
    b1: int
    gaps: tuple[Gap, ...] = ()


def _unique_positions(doc: Shingled, ignore: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """(hash, position) of shingles that occur exactly once in ``doc`` and are not ignored."""
    sh = doc.shingles
    if not len(sh):
        return sh, np.empty(0, np.int64)
    order = np.argsort(sh, kind="stable")
    s = sh[order]
    first = np.ones(len(s), bool)
    first[1:] = s[1:] != s[:-1]
    last = np.ones(len(s), bool)
    last[:-1] = s[1:] != s[:-1]
    keep = first & last
    h, pos = s[keep], order[keep]
    if ignore is not None and len(ignore):
        ok = ~np.isin(h, ignore, assume_unique=False)
        h, pos = h[ok], pos[ok]
    return h, pos


def _anchor_runs(a: Shingled, b: Shingled, ignore: np.ndarray | None) -> list[list[int]]:
    ha, pa = _unique_positions(a, ignore)
    hb, pb = _unique_positions(b, ignore)
    _, ia, ib = np.intersect1d(ha, hb, assume_unique=True, return_indices=True)
    if not len(ia):
        return []
    i, j = pa[ia], pb[ib]
    order = np.lexsort((i, j - i))  # by diagonal, then by position along it
    i, j = i[order], j[order]
    brk = np.ones(len(i), bool)
    brk[1:] = (np.diff(i) != 1) | (np.diff(j) != 1)
    starts = np.flatnonzero(brk)
    ends = np.append(starts[1:], len(i)) - 1
    k = a.k
    return [[int(i[s]), int(i[e]) + k, int(j[s]), int(j[e]) + k] for s, e in zip(starts, ends)]


def _extend(run: list[int], wa: list[int], wb: list[int]) -> list[int]:
    a0, a1, b0, b1 = run
    while a1 < len(wa) and b1 < len(wb) and wa[a1] == wb[b1]:
        a1, b1 = a1 + 1, b1 + 1
    while a0 > 0 and b0 > 0 and wa[a0 - 1] == wb[b0 - 1]:
        a0, b0 = a0 - 1, b0 - 1
    return [a0, a1, b0, b1]


def align(a: Shingled, b: Shingled, ignore: np.ndarray | None = None, max_gap: int = 20) -> list[Block]:
    """Blocks of ``a`` found in ``b``, ordered by position in ``a``; gaps of up to ``max_gap`` words
    on each side (a changed number, a dropped "according to ...") stay inside one block."""
    wa, wb = a.words.tolist(), b.words.tolist()
    runs = sorted((_extend(r, wa, wb) for r in _anchor_runs(a, b, ignore)), key=lambda r: (r[0], r[2]))
    blocks: list[Block] = []
    cur: list[int] | None = None
    gaps: list[Gap] = []
    for r in runs:
        if cur is not None and r[0] < cur[1] and r[1] <= cur[1]:
            continue  # contained in the current block (a repeated passage)
        if cur is not None and 0 <= r[0] - cur[1] <= max_gap and 0 <= r[2] - cur[3] <= max_gap:
            if r[0] > cur[1] or r[2] > cur[3]:
                gaps.append(Gap(cur[1], r[0], cur[3], r[2]))
            cur = [cur[0], r[1], cur[2], r[3]]
            continue
        if cur is not None:
            blocks.append(Block(*cur, gaps=tuple(gaps)))
        cur, gaps = list(r), []
    if cur is not None:
        blocks.append(Block(*cur, gaps=tuple(gaps)))
    return blocks


def passages(blocks: list[Block], a: Shingled, b: Shingled) -> tuple[Passage, ...]:
    """Blocks as character spans into each article's ``text``."""
    out = []
    for bl in blocks:
        if bl.a1 > bl.a0 and bl.b1 > bl.b0:
            out.append(Passage((int(a.starts[bl.a0]), int(a.ends[bl.a1 - 1])),
                               (int(b.starts[bl.b0]), int(b.ends[bl.b1 - 1]))))
    return tuple(out)


def coverage(blocks: list[Block], n_a: int, n_b: int) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks of the words of ``a`` and of ``b`` that lie inside an aligned block."""
    ca, cb = np.zeros(n_a, bool), np.zeros(n_b, bool)
    for bl in blocks:
        ca[bl.a0 : bl.a1] = True
        cb[bl.b0 : bl.b1] = True
    return ca, cb


def matched(blocks: list[Block], n_a: int, n_b: int) -> tuple[np.ndarray, np.ndarray]:
    """Like ``coverage`` but without the gaps: the words that really match. A short paragraph
    inserted between two aligned ones sits in a gap, and must not count as found in the other text."""
    ca, cb = coverage(blocks, n_a, n_b)
    for bl in blocks:
        for g in bl.gaps:
            ca[g.a0 : g.a1] = False
            cb[g.b0 : g.b1] = False
    return ca, cb
