"""Site furniture for plain-text pages: lines a site repeats across its pages (menus, footers,
banners) are strong evidence of boilerplate. A cheap first pass over the text inputs only."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from newstrace.extract.text import FURNITURE_MIN_PAGES, furniture_keys
from newstrace.model import Page
from newstrace.pipeline import domain_of, page_text
from newstrace.read import ReadOptions, detect_format, read_paths

TEXT_FORMATS = ("wet", "jsonl", "txt")


def _text_files(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        candidates = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p] if p.is_file() else []
        files += [f for f in candidates if detect_format(f) in TEXT_FORMATS]
    return files


def collect_furniture(paths: Sequence[str | Path], options: ReadOptions = ReadOptions(),
                      min_pages: int = FURNITURE_MIN_PAGES) -> dict[str, frozenset[str]]:
    """domain -> normalised lines seen on at least ``min_pages`` of that domain's text pages."""
    counts: dict[str, Counter] = defaultdict(Counter)
    pages: Counter = Counter()
    for rec in read_paths(_text_files(paths), options):
        if not isinstance(rec, Page) or rec.content_type != "text":
            continue
        domain = domain_of(rec.url)
        if not domain:
            continue
        pages[domain] += 1
        counts[domain].update(furniture_keys(page_text(rec)))
    return {d: frozenset(k for k, n in c.items() if n >= min_pages) for d, c in counts.items() if pages[d] >= min_pages}
