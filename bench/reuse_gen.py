"""A fast in-memory generator of article bodies for the reuse scale figures (1M bodies in minutes).

Pseudo-words with a Zipf distribution (so stock short phrases recur, like real text), ~3 KB bodies,
stories of an origin plus copies that drop, add or truncate paragraphs. Only what the corpus stages
read is filled in; the realistic crawl (HTML, extraction, credits) is newstrace.synth.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from newstrace.model import Article, Published

SYLLABLES = ["ka", "lo", "mi", "ter", "an", "ve", "sol", "ri", "den", "pa", "tu", "mor", "el", "chi", "bra", "nu",
             "es", "gan", "fi", "ro", "qua", "lis", "dor", "ne", "po", "vi", "sa", "tra", "ul", "men"]


def vocabulary(rng: np.random.Generator, n: int = 30_000) -> np.ndarray:
    words = {"".join(rng.choice(SYLLABLES, rng.integers(1, 4))) for _ in range(n * 2)}
    return np.array(sorted(words)[:n], dtype=object)


def _paragraphs(rng: np.random.Generator, vocab: list[str], cdf: np.ndarray, n: int) -> list[str]:
    lens = rng.integers(40, 90, n)
    ids = np.minimum(np.searchsorted(cdf, rng.random(int(lens.sum()))), len(vocab) - 1).tolist()
    words = [vocab[i] for i in ids]  # a list lookup: numpy object fancy-indexing cost most of the generator
    out, pos = [], 0
    for ln in lens.tolist():
        out.append(" ".join(words[pos : pos + ln]) + ".")
        pos += ln
    return out


def generate(n_docs: int, seed: int = 0, story_share: float = 0.3, start: int = 0) -> Iterator[tuple[Article, str | None]]:
    """(article, true story id or None). About ``story_share`` of docs belong to stories of 2-6."""
    rng = np.random.default_rng(seed)
    vocab = vocabulary(np.random.default_rng(12345)).tolist()
    ranks = np.arange(1, len(vocab) + 1)
    probs = 1.0 / ranks**1.05
    probs = np.cumsum(probs / probs.sum())
    i = 0
    while i < n_docs:
        body = _paragraphs(rng, vocab, probs, int(rng.integers(5, 9)))
        size = int(rng.integers(2, 7)) if rng.random() < story_share / 4 else 1
        story = f"g{seed}-{start + i}" if size > 1 else None
        for j in range(min(size, n_docs - i)):
            b = list(body)
            if j:
                if rng.random() < 0.3:
                    b = b[: max(2, len(b) - int(rng.integers(1, 4)))]
                if rng.random() < 0.3:
                    b.insert(int(rng.integers(0, len(b))), _paragraphs(rng, vocab, probs, 1)[0])
            pid = f"p{seed}-{start + i:08d}"
            dom = f"site{int(rng.integers(0, 2000))}.example"
            yield Article(source=pid, page_id=pid, url=f"https://{dom}/{pid}", domain=dom, title=f"Title {story or pid}",
                          body=b, published=Published(f"2024-01-{1 + j:02d}", "day", "meta") if rng.random() < 0.8 else None,
                          fetched_at="2024-06-01T00:00:00Z"), story
            i += 1
