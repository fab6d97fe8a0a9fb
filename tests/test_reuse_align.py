"""Alignment: matched words versus block coverage (the gaps are what changed)."""

from __future__ import annotations

import time

import numpy as np
from test_reuse_helpers import HARVEST, STRIKE, article

from newstrace.reuse import FingerprintParams, align, shingle_article
from newstrace.reuse.align import coverage, matched

K = FingerprintParams().shingle


def _sh(a):
    return shingle_article(a, K)


def test_a_short_inserted_line_is_covered_by_its_block_but_not_matched():
    promo = "Subscribe to our daily newsletter so you never miss a story."
    src = article("orig", STRIKE)
    cpy = article("blog", STRIKE[:2] + [promo] + STRIKE[2:], domain="truthblog.example")
    a, b = _sh(src), _sh(cpy)
    blocks = align(a, b)
    assert len(blocks) == 1 and blocks[0].gaps  # one block: the line sits in a gap
    _, cov = coverage(blocks, len(a.words), len(b.words))
    hit_a, hit_b = matched(blocks, len(a.words), len(b.words))
    line = np.flatnonzero(b.para_index == 2)
    assert cov[line].all() and not hit_b[line].any()
    assert hit_a.all()  # nothing of the source is missing
    assert hit_b.sum() == len(a.words)


def test_a_changed_number_is_unmatched_on_both_sides_only():
    src = article("orig", STRIKE)
    cpy = article("blog", [p.replace("destroyed 12 drones", "destroyed 27 drones") for p in STRIKE],
                  domain="truthblog.example")
    a, b = _sh(src), _sh(cpy)
    hit_a, hit_b = matched(align(a, b), len(a.words), len(b.words))
    assert [a.word_text(i) for i in np.flatnonzero(~hit_a)] == ["12"]
    assert [b.word_text(i) for i in np.flatnonzero(~hit_b)] == ["27"]


def test_unrelated_texts_match_nothing_and_long_texts_stay_fast():
    a, b = _sh(article("a", STRIKE)), _sh(article("b", HARVEST, domain="farm.example"))
    assert not matched(align(a, b), len(a.words), len(b.words))[0].any()
    rng = np.random.default_rng(1)
    vocab = [w for p in STRIKE + HARVEST for w in p.split()]
    body = [" ".join(rng.choice(vocab, 120)) for _ in range(200)]  # ~24k words
    la, lb = _sh(article("la", body)), _sh(article("lb", body[:50] + body[51:] + ["A closing line added here."]))
    t = time.perf_counter()
    hit_a, _ = matched(align(la, lb), len(la.words), len(lb.words))
    assert time.perf_counter() - t < 2.0
    assert 0.98 < hit_a.mean() < 1.0
