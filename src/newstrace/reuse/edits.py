"""Typed edits of a copy against its source, read off the alignment, each with spans in both texts:
the in-sentence edits and diff(), the entry point that runs every kind in a stable order.

Only words that really match count as shared (the gaps inside aligned blocks do not), so a short
inserted line or a dropped clause shows up where it is. Numbers and attributions are compared here,
in the unmatched pieces of paragraphs that otherwise match, so a changed figure is reported where the
surrounding words prove it is the same sentence. The other kinds have a module each: edit_outlets
(which outlet a line credits), edit_paragraphs (segments and paragraph edits), edit_credits (credits
compared by the outlet they name, wherever the extractor put the line), edit_headline; their public
names are re-exported here. Claim-level drift lives in newstrace.claims (drift.py), which reads
stories as records; this module never imports it.
"""

from __future__ import annotations

import re

import numpy as np

from newstrace.model import Article, Edit
from newstrace.reuse.align import Block, matched
from newstrace.reuse.edit_credits import CreditSeen, credit_edits
from newstrace.reuse.edit_headline import MIN_TOPIC, headline_edit
from newstrace.reuse.edit_outlets import CREDIT_LINE, MAX_LINE, MAX_NAME_WORDS, Outlets, outlets_of
from newstrace.reuse.edit_paragraphs import (IN_BODY_RULE, MIN_PROSE_WORDS, MIN_UNCOVERED, TRUNCATED_WORDS, Side,
                                             _carried, _heads, _side, _span, _text, addition_edits,
                                             furniture_edits, removal_edits)
from newstrace.reuse.text import Shingled, _runs

RULE = "reuse.edits.v3"  # v3: an outlet with several sites is named by its own domain
_NUM = re.compile(r"^\d[\d.,]*$")
_ATTRIB = re.compile(r"\b(according to|said|says|say|told|reported|reports|claimed|claims|stated|announced|"
                     r"cited|quoted|citing|quoting)\b", re.I)


# ---------------------------------------------------------------------------------------------- in-sentence


def _to_copy(blocks: list[Block], i: int) -> int | None:
    """The copy word matched with source word ``i`` (a matched word), via the blocks and their gaps."""
    for bl in blocks:
        if bl.a0 <= i < bl.a1:
            a0, b0 = bl.a0, bl.b0
            for g in bl.gaps:
                if g.a1 <= i:
                    a0, b0 = g.a1, g.b1
            return b0 + (i - a0)
    return None


def _counterpart(blocks: list[Block], src: Side, cpy: Side, w0: int, w1: int) -> tuple[int, int]:
    """Copy words standing where source words [w0, w1) were: between the copy matches of the
    matched words around them (bounded, so a far jump yields nothing)."""
    n = len(cpy.doc.words)
    before = _to_copy(blocks, w0 - 1) if w0 > 0 and src.hit[w0 - 1] else None
    after = _to_copy(blocks, w1) if w1 < len(src.hit) and src.hit[w1] else None
    if before is None and after is None:
        return 0, 0
    b0 = before + 1 if before is not None else max(0, after - (w1 - w0) - 10)
    b1 = after if after is not None else min(n, b0 + (w1 - w0) + 10)
    # the piece sat inside a paragraph: its counterpart stays inside the matching copy paragraph
    seg, same = cpy.seg_of, src.seg_of[w0]
    if before is not None and src.seg_of[w0 - 1] == same:
        b1 = min(b1, int(np.searchsorted(seg, seg[before], side="right")))
    if after is not None and src.seg_of[w1] == same:
        b0 = max(b0, int(np.searchsorted(seg, seg[after], side="left")))
    if b1 < b0 or b1 - b0 > 3 * (w1 - w0) + 20:
        return 0, 0
    return b0, b1


def sentence_edits(blocks: list[Block], src: Side, cpy: Side) -> list[Edit]:
    """numbers_changed and attribution_removed, from the unmatched pieces of source paragraphs that
    otherwise match (a removed paragraph is no changed sentence)."""
    out: list[Edit] = []
    removed = set(src.uncovered())
    sd, cd = src.doc, cpy.doc
    for r0, r1 in zip(*_runs(~src.hit)):
        for p in sorted(set(src.seg_of[r0:r1].tolist()) - removed):
            idx = np.flatnonzero(src.seg_of[r0:r1] == p) + r0
            w0, w1 = int(idx[0]), int(idx[-1]) + 1
            b0, b1 = _counterpart(blocks, src, cpy, w0, w1)
            sa, sb = _span(sd, w0, w1), _span(cd, b0, b1)
            ta, tb = _text(sd.text, sa), _text(cd.text, sb)
            na = [w for w in (sd.word_text(i) for i in range(w0, w1)) if _NUM.match(w)]
            nb = [w for w in (cd.word_text(i) for i in range(b0, b1)) if _NUM.match(w)]
            if na and nb and na != nb:
                out.append(Edit("numbers_changed", f"{' '.join(na)} -> {' '.join(nb)}", ta, tb, sa, sb))
            if (m := _ATTRIB.search(ta)) and not _ATTRIB.search(tb):
                out.append(Edit("attribution_removed", m.group(0).lower(), ta, tb or None, sa, sb))
    return out


# ---------------------------------------------------------------------------------------------- diff


def diff(source: Article, copy: Article, src: Shingled, cpy: Shingled, blocks: list[Block],
         outlet_names: dict[str | None, frozenset[str]] | None = None) -> list[Edit]:
    """All typed edits that turn ``source`` into ``copy``, in a stable order. ``outlet_names``:
    squashed names of the story's outlets by domain, so a bare "[Associated Press]" line reads as a
    credit (a page naming its own outlet is not crediting anyone)."""
    outlets = outlets_of((source, copy), outlet_names)
    hit_s, hit_c = matched(blocks, len(src.words), len(cpy.words))
    heads = _heads(source, copy)
    s_side = _side(source, src, hit_s, heads, outlets)
    c_side = _side(copy, cpy, hit_c, heads, outlets)
    out: list[Edit] = []
    if (h := headline_edit(source, copy)) is not None:
        out.append(h)
    out += credit_edits(source, copy, s_side, c_side, outlets)
    out += removal_edits(s_side, _carried(s_side, c_side, copy))
    out += addition_edits(c_side, _carried(c_side, s_side, source))
    out += furniture_edits(source, copy)
    out += sentence_edits(blocks, s_side, c_side)
    return out


__all__ = ["CREDIT_LINE", "IN_BODY_RULE", "MAX_LINE", "MAX_NAME_WORDS", "MIN_PROSE_WORDS", "MIN_TOPIC", "MIN_UNCOVERED",
           "RULE", "TRUNCATED_WORDS", "CreditSeen", "Outlets", "Side", "addition_edits", "credit_edits", "diff",
           "furniture_edits", "headline_edit", "outlets_of", "removal_edits", "sentence_edits"]
