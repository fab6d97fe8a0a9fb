"""Per-page fingerprint: MinHash of the body's normalised word shingles, cut into LSH bands.

Own numpy MinHash (multiply-add-shift hashing of 64-bit shingle hashes, one row per permutation):
measured faster than rensa and datasketch on the same shingles (bench/reuse.py) because shingles
are hashed as integers, never as strings. Pure function of (body, params): same on every engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newstrace.model import Article, Signature
from newstrace.reuse.text import mix64, shingle_hashes, sorted_unique, word_hashes_of

RULE = "reuse.minhash.v1"
_MAX_U32 = (1 << 32) - 1
_CHUNK = 4096  # shingles per block: bounds the (num_perm x n) temporary for very long bodies


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
