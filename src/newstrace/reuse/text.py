"""Normalised words and word shingles of an article body, with character offsets into ``Article.text``.

Every reuse stage (fingerprint, verify, align, edits) sees the body through this one tokeniser, so a
shingle that anchors an alignment is the same shingle that counted towards containment.
Words are lowercased (NFKC + casefold outside ASCII), split on anything that is not a letter or digit
(numbers are kept). Word and shingle hashes are computed with numpy over the text's bytes: no Python
call per word, which is what makes a million bodies affordable on a laptop.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from newstrace.model import Article

RULE = "reuse.words.nfkc_casefold.v2"
# Letters and digits of any script; punctuation and underscores split words.
_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD_BYTE = np.array([chr(c).isalnum() if c < 128 else False for c in range(256)], dtype=bool)
_MULT = np.uint64(0x9E3779B97F4A7C15)
_BYTE_P = np.uint64(0x100000001B3)
_BYTE_P_INV = np.uint64(pow(0x100000001B3, -1, 1 << 64))
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads polynomial hashes over all 64 bits."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(30))
        h *= _M1
        h ^= h >> np.uint64(27)
        h *= _M2
        h ^= h >> np.uint64(31)
    return h


def sorted_unique(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a plain sort: faster than np.unique's hashing on short arrays)."""
    s = np.sort(a)
    if len(s) < 2:
        return s
    keep = np.empty(len(s), bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def _norm(word: str) -> str:
    return word.lower() if word.isascii() else unicodedata.normalize("NFKC", word).casefold()


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the runs of True in ``mask``."""
    m = np.zeros(len(mask) + 2, np.int8)  # int8 throughout: a concatenate with [0] would widen to int64
    m[1:-1] = mask
    d = m[1:] - m[:-1]
    return np.flatnonzero(d == 1), np.flatnonzero(d == -1)


def _hash_runs(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A 64-bit hash of the bytes ``buf[s:e]`` of each token, all tokens at once:
    ``sum_j buf[s+j] * P**(j+1)`` (mod 2**64), then mixed with the length.

    Computed from one prefix sum ``H[t] = sum_{u<t} buf[u] * P**u`` over the whole span: a token's sum
    is ``(H[e] - H[s]) * P**-s`` (P is odd, so invertible mod 2**64). Contiguous passes over the text,
    no per-byte gather, whatever the tokens' lengths."""
    if not len(starts):
        return np.empty(0, np.uint64)
    base = int(starts[0])
    seg = buf[base : int(ends[-1])].astype(np.uint64)
    with np.errstate(over="ignore"):
        pw = np.empty(len(seg), np.uint64)
        pw[0] = 1
        pw[1:] = _BYTE_P
        np.cumprod(pw, out=pw)
        pre = np.empty(len(seg) + 1, np.uint64)
        pre[0] = 0
        np.cumsum(seg * pw, out=pre[1:])
        s, e = starts - base, ends - base
        # P**-s * P for each start: the same cumulative product with the inverse, read at the starts only.
        inv = np.empty(len(seg), np.uint64)
        inv[0] = _BYTE_P
        inv[1:] = _BYTE_P_INV
        np.cumprod(inv, out=inv)
        h = (pre[e] - pre[s]) * inv[s]
    return mix64(h ^ (ends - starts).astype(np.uint64))


def _ascii_tokens(lower: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    buf = np.frombuffer(lower.encode("ascii"), np.uint8)
    s, e = _runs(_ASCII_WORD_BYTE[buf])
    return s, e, _hash_runs(buf, s, e)


def _hash_words(words: list[str]) -> np.ndarray:
    """Hashes of already-normalised words, identical to the ASCII path's for ASCII words."""
    if not words:
        return np.empty(0, np.uint64)
    buf = np.frombuffer(" ".join(words).encode("utf-8"), np.uint8)
    s, e = _runs(buf != 32)
    return _hash_runs(buf, s, e)


def ascii_batch_word_hashes(buf: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Word hashes of many ASCII bodies at once: ``buf[offsets[i]:offsets[i+1]]`` is body ``i`` (UTF-8 bytes,
    as an Arrow string column stores them). Returns (hash of every word, body index of every word), equal
    to :func:`word_hashes_of` body by body: a handful of numpy passes for the whole batch instead of ~30 calls per body."""
    n = len(offsets) - 1
    if n <= 0 or not len(buf):
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    mask = _ASCII_WORD_BYTE[buf]
    # A word must not run across two bodies: a body that starts with a letter starts a new run.
    cut = offsets[1:-1]
    cut = cut[(cut > 0) & (cut < len(buf))]
    cut = cut[mask[cut] & mask[cut - 1]]
    s, e = _runs(mask)
    if len(cut):
        s = np.union1d(s, cut)
        e = np.union1d(e, cut)
    low = buf + ((buf >= 65) & (buf <= 90)).view(np.uint8) * np.uint8(32)  # ASCII lowercase
    return _hash_runs(low, s, e), np.searchsorted(offsets, s, side="right") - 1


def body_words(body_text: str) -> list[str]:
    """Normalised words of a text (for tests and the reference pipeline)."""
    if body_text.isascii():
        return _WORD.findall(body_text.lower())
    return _WORD.findall(unicodedata.normalize("NFKC", body_text).casefold())


def word_hashes_of(body_text: str) -> np.ndarray:
    """Hash of every normalised word of ``body_text``, in order."""
    if body_text.isascii():
        return _ascii_tokens(body_text.lower())[2]
    return _hash_words(body_words(body_text))


def shingle_hashes(wh: np.ndarray, k: int) -> np.ndarray:
    """Hash of each run of ``k`` consecutive word hashes (position-ordered, duplicates kept)."""
    n = len(wh) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = wh[:n].copy()
        for j in range(1, k):
            h = h * _MULT + wh[j : j + n]
    return mix64(h)


@dataclass(frozen=True, slots=True)
class Shingled:
    """One article body as hashed words and shingles, with offsets into the article's ``text``.

    ``shingles[i]`` covers words ``i .. i+k-1``; ``unique`` is the sorted distinct shingle set.
    """

    page_id: str
    k: int
    text: str  # Article.text, which the offsets point into
    words: np.ndarray  # uint64 hash of each normalised word
    starts: np.ndarray  # int64 char offset of each word in text
    ends: np.ndarray
    shingles: np.ndarray  # uint64, one per position
    unique: np.ndarray  # uint64, sorted, distinct
    para_index: np.ndarray  # which body paragraph each word is in
    para_spans: tuple[tuple[int, int], ...]  # body paragraph spans in text

    def word_text(self, i: int) -> str:
        return self.text[int(self.starts[i]) : int(self.ends[i])]


def _tokens(text: str, lo: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Words of ``text[lo:]`` with offsets into ``text``. Outside ASCII the text is viewed as UTF-32
    (one array slot per character, so offsets stay string offsets); only words that contain
    non-ASCII letters go through Python for NFKC + casefold."""
    if text.isascii():
        s, e, h = _ascii_tokens(text[lo:].lower())
        return s + lo, e + lo, h
    cps = np.frombuffer(text[lo:].encode("utf-32-le"), np.uint32)
    small = cps < 128
    word = np.zeros(len(cps), bool)
    word[small] = _ASCII_WORD_BYTE[cps[small]]
    big = ~small
    uniq, inv = np.unique(cps[big], return_inverse=True)
    word[big] = np.array([chr(c).isalnum() for c in uniq.tolist()], bool)[inv]
    s, e = _runs(word)
    low = np.where((cps >= 65) & (cps <= 90), cps + 32, cps)
    h = _hash_runs(low, s, e)
    if len(s):
        for i in np.flatnonzero(np.add.reduceat(big.astype(np.int32), s) > 0).tolist():
            h[i] = _hash_words([_norm(text[lo + s[i] : lo + e[i]]).replace(" ", "")])[0]
    return s + lo, e + lo, h


def shingle_article(article: Article, k: int) -> Shingled:
    """Tokenise the article's body paragraphs (offsets into ``article.text``) and shingle them."""
    spans = tuple(s for role, s in article.paragraph_spans() if role == "body")
    text = article.text
    if spans:
        starts, ends, wh = _tokens(text, spans[0][0])
    else:
        starts = ends = np.empty(0, np.int64)
        wh = np.empty(0, np.uint64)
    para = np.searchsorted(np.array([s[0] for s in spans], np.int64), starts, side="right") - 1
    sh = shingle_hashes(wh, k)
    return Shingled(article.page_id, k, text, wh, starts.astype(np.int64), ends.astype(np.int64), sh,
                    sorted_unique(sh), para.astype(np.int32), spans)
