"""The vectorised fingerprint path (a column of bodies at once) gives exactly the per-page values."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from test_reuse_helpers import FURNITURE, HARVEST, STRIKE, STRIKE_OTHER

from newstrace.model import Article
from newstrace.reuse.fingerprint import (FingerprintParams, fingerprint_arrow, permutations, shingle_sets_arrow,
                                         signature_from_body)
from newstrace.reuse.text import shingle_article, word_hashes_of

P = FingerprintParams()

# Real article bodies plus the edges a crawl produces: empty, too short for bands, non-ASCII (NFKC and
# casefold), one very long token, a body that starts and one that ends mid-word next to another body.
BODIES = ["\n\n".join(b) for b in (STRIKE, STRIKE_OTHER, HARVEST, FURNITURE)] + [
    "",
    "Too short to band.",
    "Zürich: the façade of the ＣＡＦÉ fell and 12 people were hurt, officials said on Tuesday. " * 8,
    "x" * 5000 + " tail words here",
    "ends without a full stop" + " and carries on" * 20,
    "starts right away with a word" * 15,
    None,
]


def _ids(n: int) -> list[str]:
    return [f"p{i:03d}" for i in range(n)]


def test_column_fingerprint_equals_per_page_fingerprint():
    perms = permutations(P)
    ids = _ids(len(BODIES))
    got = fingerprint_arrow(ids, pa.array(BODIES, pa.string()), P, perms).signatures()
    want = [signature_from_body(i, b or "", P, perms) for i, b in zip(ids, BODIES)]
    assert got == want
    assert got[BODIES.index("")].bands == () and got[BODIES.index("Too short to band.")].bands == ()
    assert len(got[0].bands) == P.bands


def test_column_fingerprint_is_independent_of_batch_cut_and_offsets():
    col = pa.array(BODIES * 30, pa.large_string())  # more bodies than one vectorised slice
    ids = _ids(len(col))
    whole = fingerprint_arrow(ids, col, P).signatures()
    parts = fingerprint_arrow(ids[7:200], col.slice(7, 193), P).signatures()  # a sliced (offset) column
    assert parts == whole[7:200]
    assert [s.minhash for s in whole[: len(BODIES)]] == [s.minhash for s in whole[len(BODIES) : 2 * len(BODIES)]]


def test_shingle_sets_equal_the_shingled_article_sets():
    sets, sizes = shingle_sets_arrow(pa.array(BODIES), P.shingle)
    for body, got in zip(BODIES, np.split(sets, np.cumsum(sizes)[:-1])):
        art = Article(source="s", page_id="p", title="A headline", body=(body or "").split("\n\n"))
        assert np.array_equal(got, shingle_article(art, P.shingle).unique)


def test_word_hashes_of_neighbouring_bodies_never_merge():
    from newstrace.reuse.text import ascii_batch_word_hashes
    col = pa.array(["alpha beta", "gamma", "", "delta epsilon"], pa.large_string())
    offsets = np.frombuffer(col.buffers()[1], np.int64, len(col) + 1)
    buf = np.frombuffer(col.buffers()[2], np.uint8)[: offsets[-1]]
    h, doc = ascii_batch_word_hashes(buf, offsets)
    assert doc.tolist() == [0, 0, 1, 3, 3]
    assert h.tolist() == word_hashes_of("alpha beta gamma delta epsilon").tolist()
