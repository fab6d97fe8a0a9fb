"""The per-file work of the Spark engine, run inside ``mapPartitions``: the same readers and the same
``pipeline.process`` as the local engine, with one Context loaded per partition.

Nothing here imports pyspark at module level: these functions are shipped to Python workers and
produce plain tuples that match the schemas in ``spark_schema``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from newstrace.engine.furniture import TEXT_FORMATS
from newstrace.engine.spark_io import localized, read_any
from newstrace.extract.text import furniture_keys
from newstrace.model import Page, Quarantine
from newstrace.pipeline import Context, PipelineOptions, domain_of, page_id, page_text, process
from newstrace.read import ReadOptions, detect_format, read_path
from newstrace.store.db import article_row, page_row, quarantine_row

# Kinds of output row; one row per input record, so nothing is dropped on the way to the tables.
ARTICLE = "article"
EXTRACT_QUARANTINE = "extract_quarantine"  # a page row plus a quarantine row
READ_QUARANTINE = "read_quarantine"  # a quarantine row only (no bytes to hash)
DUPLICATE = "duplicate"  # same page_id seen earlier in this partition: counted, not processed again



def record_row(file_idx: int, seq: int, rec: Page | Quarantine, ctx: Context, seen: set[str]) -> tuple:
    """One input record -> (file_idx, seq, kind, page_id, has_body, page, article, quarantine)."""
    if isinstance(rec, Quarantine):
        return file_idx, seq, READ_QUARANTINE, None, False, None, None, quarantine_row(rec)
    pid = page_id(rec)
    if pid in seen:
        return file_idx, seq, DUPLICATE, pid, False, None, None, None
    seen.add(pid)
    result = process(rec, ctx)
    if isinstance(result, Quarantine):
        return (file_idx, seq, EXTRACT_QUARANTINE, pid, False, page_row(rec, pid, "quarantined"), None,
                quarantine_row(result))
    return file_idx, seq, ARTICLE, pid, bool(result.body), page_row(rec, pid, "article"), article_row(result), None


def process_files(items: Iterable[tuple[int, str]], options: PipelineOptions, read_options: ReadOptions,
                  furniture: Mapping[str, frozenset[str]]) -> Iterator[tuple]:
    """mapPartitions body: every record of every file in this partition, through the per-page chain."""
    ctx = Context.load(options, furniture)  # once per partition: loading the outlet lists per page would dominate
    seen: set[str] = set()
    for file_idx, uri in items:
        for seq, rec in enumerate(read_any(uri, read_options)):
            yield record_row(file_idx, seq, rec, ctx, seen)


def page_furniture_lines(page: Page) -> tuple[str, list[str]] | None:
    """(domain, distinct normalised short lines) of a plain-text page, as ``collect_furniture`` counts them."""
    if page.content_type != "text":
        return None
    domain = domain_of(page.url)
    if not domain:
        return None
    return domain, sorted(furniture_keys(page_text(page)))


def furniture_lines(items: Iterable[tuple[int, str]], read_options: ReadOptions) -> Iterator[tuple[str, list[str]]]:
    """mapPartitions body of the furniture pass: only plain-text formats (WET, JSON Lines, .txt) count."""
    for _, uri in items:
        try:
            with localized(uri) as local:
                if not local.is_file() or detect_format(local) not in TEXT_FORMATS:
                    continue
                for rec in read_path(local, read_options):
                    if isinstance(rec, Page) and (found := page_furniture_lines(rec)) is not None:
                        yield found
        except Exception:  # noqa: BLE001 - an unreachable file is quarantined by the main pass
            continue
