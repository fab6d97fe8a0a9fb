"""Shingles that templates and stock phrases make, counted over the paired pages (in slices of the
shingle space, in the pool), and verify's set test on the shingle sets that count made: the numpy half
of the DuckDB verify stage (store/corpus.py holds its SQL and its tables)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from newstrace.reuse.fingerprint import shingle_sets_arrow
from newstrace.reuse.verify import CommonShingles, VerifyParams, common_from_sets, doc_codes, ignored, passes_set_test
from newstrace.store.pool import Workers

SHINGLE_PIECE = 20_000  # bodies per shingle-set task
COMMON_SHARD = 16_000_000  # shingles per slice when counting template and stock shingles: bounds a task's memory


def shingle_sets(bodies: pa.Array | pa.ChunkedArray, k: int, workers: Workers,
                 whole_below: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each body's distinct shingles, in parts of consecutive bodies: (concatenated sets, sizes) per
    part. Kept in parts, and a chunked column is combined a piece at a time: one whole copy of either
    would add gigabytes to this process's peak at a million pages."""
    step = SHINGLE_PIECE if len(bodies) >= whole_below else max(1, len(bodies))

    def piece(i: int) -> pa.Array:
        p = bodies.slice(i, step)
        return p.combine_chunks() if isinstance(p, pa.ChunkedArray) else p

    n = -(-len(bodies) // step)
    return list(workers.run(((piece(i), k) for i in range(0, len(bodies), step)), shingle_sets_arrow, n))


def slice_counts(sets: np.ndarray, sizes: np.ndarray, sel: np.ndarray) -> np.ndarray:
    """Per doc, how many of its shingles ``sel`` keeps (docs' sets lie end to end in ``sets``)."""
    counts, filled = np.zeros(len(sizes), np.int64), sizes > 0
    if filled.any():
        counts[filled] = np.add.reduceat(sel, (np.cumsum(sizes) - sizes)[filled], dtype=np.int64)
    return counts


def sharded_common(parts: list[tuple[np.ndarray, np.ndarray]], ids: list[str], domains: list[str | None],
                   titles: list[str | None], params: VerifyParams, workers: Workers) -> CommonShingles:
    """common_shingles over every doc, a slice of the shingle space at a time, slices in the pool: its
    counts are per shingle (per shingle and domain), so the union over disjoint slices is the same
    result with a fraction of the memory (a million bodies hold ~10^8 distinct shingles)."""
    tids, doms, dom_names = doc_codes(ids, domains, titles)
    bits = max(0, int(np.ceil(np.log2(max(1, sum(len(p[0]) for p in parts) / COMMON_SHARD)))))
    shards = 1 << bits  # sliced by the top bits of the hash

    def tasks():
        for s in range(shards):
            sub, counts = [], []
            for sets, sizes in parts:
                if shards == 1:
                    sub.append(sets)
                    counts.append(sizes)
                    continue
                sel = (sets >> np.uint64(64 - bits)) == s
                sub.append(sets[sel])
                counts.append(slice_counts(sets, sizes, sel))
            yield (np.concatenate(sub) if sub else np.empty(0, np.uint64),
                   np.concatenate(counts) if counts else np.empty(0, np.int64), tids, doms, dom_names, params)

    shared: list[np.ndarray] = []
    by_domain: dict[str, list[np.ndarray]] = {}
    # one slice in flight per worker: each is a few hundred MB at a million pages
    for cs in workers.run(tasks(), common_from_sets, shards, ahead=1):
        shared.append(cs.shared)
        for d, arr in cs.by_domain.items():
            by_domain.setdefault(d, []).append(arr)
    return CommonShingles(np.sort(np.concatenate(shared)), {d: np.sort(np.concatenate(v)) for d, v in by_domain.items()})


class SetsOf:
    """page id -> its distinct shingles (equal to ``shingle_article(...).unique``) less those in ``drop``
    (the stock shingles every pair ignores: taken out once per part, not once per pair), as views into
    the parts shingle_sets made (``parts`` is filtered in place): no copy per page."""

    def __init__(self, parts: list[tuple[np.ndarray, np.ndarray]], ids: list[str],
                 drop: np.ndarray | None = None) -> None:
        if drop is not None and len(drop):
            for i, (sets, sizes) in enumerate(parts):  # in place: one part copied at a time, not all at once
                keep = ~ignored(sets, drop)
                parts[i] = (sets[keep], slice_counts(sets, sizes, keep))
        self.parts = parts
        self.where: dict[str, tuple[int, int, int]] = {}
        pids = iter(ids)
        for pi, (_, sizes) in enumerate(parts):
            ends = np.cumsum(sizes)
            for s, e in zip((ends - sizes).tolist(), ends.tolist()):
                self.where[next(pids)] = (pi, s, e)

    def __call__(self, page_id: str) -> np.ndarray:
        pi, s, e = self.where[page_id]
        return self.parts[pi][0][s:e]


def passing_set_test(pairs: list[tuple[str, str]], sets_of: SetsOf, common: CommonShingles,
                     domain: dict[str, str | None], params: VerifyParams) -> list[tuple[str, str]]:
    """The pairs verify() would not give up on before aligning (verify.passes_set_test), tested on the
    shingle sets the common count already made (stock shingles already out: see SetsOf): most pairs
    worth verifying stop there, and the chance pairs among them no longer glue unrelated stories into
    one component that a single worker verifies."""
    known = sets_of.where  # a page without an article row is skipped, as _verify_task skips it
    return [(a, b) for a, b in pairs if a in known and b in known
            and passes_set_test(sets_of(a), sets_of(b), common.templates_for(domain.get(a), domain.get(b)), params)]
