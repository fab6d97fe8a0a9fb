"""Per-page fingerprint: MinHash of the body's normalised word shingles, cut into LSH bands.

Own numpy MinHash (multiply-add-shift hashing of 64-bit shingle hashes, one row per permutation):
measured faster than rensa and datasketch on the same shingles (bench/reuse.py) because shingles
are hashed as integers, never as strings. Pure function of (body, params): same on every engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from newstrace.model import Article, Signature
from newstrace.reuse.text import ascii_batch_word_hashes, mix64, shingle_hashes, sorted_unique, word_hashes_of

RULE = "reuse.minhash.v1"
_MAX_U32 = (1 << 32) - 1
_CHUNK = 4096  # shingles per block: bounds the (num_perm x n) temporary for very long bodies
# Bodies hashed together: enough to amortise numpy's per-call cost, few enough that the temporaries
# (several int64 arrays per byte of text) stay in cache; measured best around 64-256 bodies of ~3 KB.
_SLICE = 128


@dataclass(frozen=True, slots=True)
class FingerprintParams:
    num_perm: int = 64
    bands: int = 32
    rows: int = 2
    shingle: int = 5  # words per shingle
    seed: int = 1
    min_words: int = 50  # shorter bodies get no bands: furniture and stubs never form stories

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError("bands * rows must not exceed num_perm")


@dataclass(frozen=True, slots=True)
class Permutations:
    """The hash family for one params: explicit, so no module-level cache is needed."""

    a: np.ndarray  # (num_perm, 1) odd uint64 multipliers
    b: np.ndarray  # (num_perm, 1) uint64 offsets


def permutations(params: FingerprintParams) -> Permutations:
    rng = np.random.Generator(np.random.PCG64(params.seed))
    a = rng.integers(1, 1 << 63, size=params.num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 1 << 63, size=params.num_perm, dtype=np.uint64)
    return Permutations(a.reshape(-1, 1), b.reshape(-1, 1))


def minhash(shingles: np.ndarray, perms: Permutations) -> np.ndarray:
    """uint32 MinHash row per permutation; all-max for an empty shingle set."""
    out = np.full(perms.a.shape[0], _MAX_U32, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for s in range(0, len(shingles), _CHUNK):
            block = shingles[s : s + _CHUNK].reshape(1, -1)
            vals = (perms.a * block + perms.b) >> np.uint64(32)
            np.minimum(out, vals.min(axis=1), out=out)
    return out


def band_hashes(mh: np.ndarray, params: FingerprintParams) -> np.ndarray:
    """One int64 per band. Two 32-bit rows pack exactly; more rows are mixed into 64 bits."""
    rows = mh[: params.bands * params.rows].reshape(params.bands, params.rows).astype(np.uint64)
    if params.rows == 1:
        h = rows[:, 0]
    elif params.rows == 2:
        h = (rows[:, 0] << np.uint64(32)) | rows[:, 1]
    else:
        h = rows[:, 0]
        with np.errstate(over="ignore"):
            for j in range(1, params.rows):
                h = mix64(h * np.uint64(0x9E3779B97F4A7C15) + rows[:, j])
    return h.view(np.int64)


def signature_from_body(page_id: str, body_text: str, params: FingerprintParams,
                        perms: Permutations | None = None) -> Signature:
    """Fingerprint of a body given as text (the paragraphs joined), the store's fast path."""
    perms = perms or permutations(params)
    wh = word_hashes_of(body_text)
    sh = sorted_unique(shingle_hashes(wh, params.shingle))
    mh = minhash(sh, perms)
    bands = band_hashes(mh, params) if len(wh) >= params.min_words and len(sh) else np.empty(0, np.int64)
    return Signature(page_id, tuple(mh.tolist()), int(len(sh)), tuple(bands.tolist()))


def signature(page_id: str, article: Article, params: FingerprintParams,
              perms: Permutations | None = None) -> Signature:
    """Fingerprint of an article's body (never its title or page furniture)."""
    return signature_from_body(page_id, "\n\n".join(p for p in article.body if p), params, perms)


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """Signatures of many pages as arrays (what a worker returns and the store inserts): the same
    values as :func:`signature_from_body` page by page, without a Python object per page."""

    page_ids: list[str]
    length: np.ndarray  # int32 distinct shingles per page
    minhash: np.ndarray  # (pages, num_perm) uint32
    bands: np.ndarray  # (pages, bands) int64; rows of pages without bands are ignored
    has_bands: np.ndarray  # bool per page

    def signatures(self) -> list[Signature]:
        mh = self.minhash.tolist()
        bands = self.bands.tolist()
        return [Signature(p, tuple(mh[i]), int(self.length[i]), tuple(bands[i]) if self.has_bands[i] else ())
                for i, p in enumerate(self.page_ids)]


def _segment_minhash(uniq: np.ndarray, counts: np.ndarray, perms: Permutations) -> np.ndarray:
    """(docs, num_perm) MinHash of consecutive per-doc shingle segments: docs are packed into blocks of
    about ``_CHUNK`` shingles so the (num_perm x block) product stays in cache, one reduceat per block."""
    nd, npm = len(counts), perms.a.shape[0]
    out = np.full((nd, npm), _MAX_U32, np.uint64)
    ends = np.cumsum(counts)
    starts = ends - counts
    buf = np.empty((npm, _CHUNK), np.uint64)
    i = 0
    with np.errstate(over="ignore"):
        while i < nd:
            if counts[i] == 0:
                i += 1
                continue
            if counts[i] > _CHUNK:  # one long body: the per-page routine blocks it itself
                out[i] = minhash(uniq[starts[i] : ends[i]], perms)
                i += 1
                continue
            j = int(np.searchsorted(ends, starts[i] + _CHUNK, side="right"))
            j = max(j, i + 1)
            sel = np.arange(i, j)
            sel = sel[counts[i:j] > 0]  # reduceat cannot express an empty segment
            lo, m = int(starts[i]), int(ends[j - 1] - starts[i])
            view = buf[:, :m]
            np.multiply(perms.a, uniq[lo : lo + m].reshape(1, -1), out=view)
            np.add(view, perms.b, out=view)
            np.right_shift(view, np.uint64(32), out=view)
            out[sel] = np.minimum.reduceat(view, starts[sel] - lo, axis=1).T
            i = j
    return out


def _band_matrix(mh: np.ndarray, params: FingerprintParams) -> np.ndarray:
    """:func:`band_hashes` for every row of a (docs, num_perm) MinHash matrix."""
    rows = mh[:, : params.bands * params.rows].reshape(len(mh), params.bands, params.rows).astype(np.uint64)
    if params.rows == 1:
        h = rows[:, :, 0]
    elif params.rows == 2:
        h = (rows[:, :, 0] << np.uint64(32)) | rows[:, :, 1]
    else:
        h = rows[:, :, 0]
        with np.errstate(over="ignore"):
            for j in range(1, params.rows):
                h = mix64(h * np.uint64(0x9E3779B97F4A7C15) + rows[:, :, j])
    return np.ascontiguousarray(h).view(np.int64)


def _ascii_sets(buf: np.ndarray, offsets: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(word counts, distinct shingles doc after doc, distinct counts) of ASCII bodies packed in one buffer."""
    nd = len(offsets) - 1
    wh, wdoc = ascii_batch_word_hashes(buf, offsets)
    n_words = np.bincount(wdoc, minlength=nd)
    sh = shingle_hashes(wh, k)
    sdoc = wdoc[: len(sh)]
    if len(sh):
        ok = sdoc == wdoc[k - 1 :]  # a shingle never spans two bodies
        sh, sdoc = sh[ok], sdoc[ok]
    # Sort each doc's shingles in place (its own slice: one small sort per doc is far cheaper than a
    # two-key lexsort of the batch), then keep the distinct ones: per-doc sets, as sorted_unique gives.
    bounds = np.concatenate(([0], np.cumsum(np.bincount(sdoc, minlength=nd)))).tolist()
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        if hi - lo > 1:
            sh[lo:hi].sort()
    if len(sh):
        keep = np.empty(len(sh), bool)
        keep[0] = True
        np.not_equal(sh[1:], sh[:-1], out=keep[1:])
        keep[1:] |= sdoc[1:] != sdoc[:-1]
        sh, sdoc = sh[keep], sdoc[keep]
    return n_words, sh, np.bincount(sdoc, minlength=nd)


def _slice_sets(bodies: pa.Array, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_ascii_sets` for a slice of a large_string column; bodies outside ASCII take the per-page path."""
    nd = len(bodies)
    offsets = np.frombuffer(bodies.buffers()[1], np.int64, nd + 1, bodies.offset * 8).copy()
    data = bodies.buffers()[2]
    buf = np.frombuffer(data, np.uint8) if data is not None and offsets[-1] > 0 else np.empty(0, np.uint8)
    buf = buf[offsets[0] : offsets[-1]]
    offsets -= offsets[0]
    hi = np.flatnonzero(buf >= 128)
    if not len(hi):
        return _ascii_sets(buf, offsets, k)
    ascii_doc = np.ones(nd, bool)
    ascii_doc[np.unique(np.searchsorted(offsets, hi, side="right") - 1)] = False
    n_words = np.zeros(nd, np.int64)
    sets: list[np.ndarray] = [np.empty(0, np.uint64)] * nd
    ai = np.flatnonzero(ascii_doc)
    if len(ai):  # repack the ASCII bodies contiguously
        lens = offsets[ai + 1] - offsets[ai]
        sub_off = np.concatenate(([0], np.cumsum(lens)))
        idx = np.repeat(offsets[ai] - sub_off[:-1], lens) + np.arange(int(sub_off[-1]))
        nw, sh, counts = _ascii_sets(buf[idx], sub_off, k)
        n_words[ai] = nw
        for i, part in zip(ai.tolist(), np.split(sh, np.cumsum(counts)[:-1])):
            sets[i] = part
    for i in np.flatnonzero(~ascii_doc).tolist():
        wh = word_hashes_of(bodies[i].as_py())
        n_words[i], sets[i] = len(wh), sorted_unique(shingle_hashes(wh, k))
    return n_words, np.concatenate(sets), np.array([len(x) for x in sets], np.int64)


def _as_large(bodies: pa.Array) -> pa.Array:
    return pc.fill_null(bodies.cast(pa.large_string()), "")


def shingle_sets_arrow(bodies: pa.Array, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct shingle hashes of each body of a string column: (all sets concatenated in body order,
    size of each). Equal to ``shingle_article(...).unique`` of the same bodies, far cheaper."""
    bodies = _as_large(bodies)
    parts = [_slice_sets(bodies.slice(i, _SLICE), k)[1:] for i in range(0, len(bodies), _SLICE)]
    if not parts:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def fingerprint_arrow(page_ids: Sequence[str], bodies: pa.Array, params: FingerprintParams,
                      perms: Permutations | None = None) -> SignatureBlock:
    """Signatures of a column of bodies (an Arrow string array, nulls as empty), vectorised over slices
    of the column: ASCII bodies are hashed straight from the Arrow buffer; others take the per-page path.
    Values equal :func:`signature_from_body` page by page (tests hold the two together)."""
    perms = perms or permutations(params)
    bodies = _as_large(bodies)
    parts = [_fingerprint_slice(bodies.slice(i, _SLICE), params, perms) for i in range(0, len(bodies), _SLICE)]
    if not parts:
        parts = [_fingerprint_slice(bodies, params, perms)]
    length, mh, bands, has = (np.concatenate([p[j] for p in parts]) for j in range(4))
    return SignatureBlock(list(page_ids), length, mh, bands, has)


def _fingerprint_slice(bodies: pa.Array, params: FingerprintParams,
                       perms: Permutations) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n_words, sets, length = _slice_sets(bodies, params.shingle)
    mh = _segment_minhash(sets, length, perms)
    has = (n_words >= params.min_words) & (length > 0)
    return length.astype(np.int32), mh.astype(np.uint32), _band_matrix(mh, params), has
