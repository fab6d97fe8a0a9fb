"""Candidate pairs: pages sharing an LSH band, as a join on ``(band, hash)``.

Written as SQL over a ``bands(page_id, band, hash)`` table so the same statement runs on DuckDB and
on Spark SQL. Bucket size is bounded by construction:
- buckets of up to ``max_clique`` pages pair every member with every other;
- larger buckets (a story copied hundreds of times) pair each member with the bucket's anchor
  (its smallest page_id) only: linear, and the component stays connected;
- buckets over ``max_bucket`` pages are stock text (a template, a boilerplate sentence) and are skipped,
  so no stock sentence can make a million-member story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newstrace.model import Signature

RULE = "reuse.candidates.band_join.v1"


@dataclass(frozen=True, slots=True)
class CandidateParams:
    max_clique: int = 50
    max_bucket: int = 10_000


def candidate_sql(params: CandidateParams, bands: str = "bands", new_pages: str | None = None) -> str:
    """SQL returning distinct ``(a, b)`` with ``a < b``; with ``new_pages`` (a table of page_id), only
    pairs involving at least one of them, matched against everything in ``bands``."""
    probe = bands if new_pages is None else f"(SELECT * FROM {bands} WHERE page_id IN (SELECT page_id FROM {new_pages}))"
    # Incremental: only the buckets the new pages fall into are counted, not every bucket in the store.
    scope = bands if new_pages is None else \
        f"(SELECT o.* FROM {bands} o JOIN (SELECT DISTINCT band, hash FROM {probe}) k " \
        f"ON o.band = k.band AND o.hash = k.hash)"
    return f"""
WITH bucket AS (
    SELECT band, hash, count(*) AS n, min(page_id) AS anchor
    FROM {scope} GROUP BY band, hash
    HAVING count(*) > 1 AND count(*) <= {int(params.max_bucket)}
), probe AS (
    SELECT p.page_id, p.band, p.hash, k.n, k.anchor
    FROM {probe} p JOIN bucket k ON p.band = k.band AND p.hash = k.hash
), pairs AS (
    SELECT p.page_id AS x, o.page_id AS y
    FROM probe p JOIN {bands} o ON p.band = o.band AND p.hash = o.hash
    WHERE p.page_id <> o.page_id
      AND (p.n <= {int(params.max_clique)} OR p.page_id = p.anchor OR o.page_id = p.anchor)
)
SELECT DISTINCT least(x, y) AS a, greatest(x, y) AS b FROM pairs
"""


def skipped_buckets_sql(params: CandidateParams, bands: str = "bands") -> str:
    return (f"SELECT count(*) FROM (SELECT 1 FROM {bands} GROUP BY band, hash "
            f"HAVING count(*) > {int(params.max_bucket)})")


def candidate_pairs(signatures: Iterable[Signature], params: CandidateParams) -> list[tuple[str, str]]:
    """In-memory reference of :func:`candidate_sql` (same pairs), for small inputs and tests."""
    buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
    for sig in signatures:
        for i, h in enumerate(sig.bands):
            buckets[(i, h)].append(sig.page_id)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        n = len(members)
        if n < 2 or n > params.max_bucket:
            continue
        members = sorted(members)
        if n <= params.max_clique:
            pairs.update((x, y) for i, x in enumerate(members) for y in members[i + 1 :] if x != y)
        else:
            pairs.update((members[0], y) for y in members[1:] if y != members[0])
    return sorted(pairs)
