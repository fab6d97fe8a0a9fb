"""The default engine: a local process pool over the embedded DuckDB store.

It owns sharding, I/O and the corpus joins; everything per page is ``pipeline.process``. Pages are
streamed from the readers, hashed, skipped when already stored (idempotent, resumable), processed in
worker processes, and written in small transactions so a killed run loses at most one batch.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from newstrace.engine.furniture import collect_furniture
from newstrace.model import Article, Page, Quarantine
from newstrace.pipeline import Context, PipelineOptions, page_id, process
from newstrace.read import ReadOptions, read_paths
from newstrace.store.corpus import update_corpus
from newstrace.store.db import Store, page_row

ProgressFn = Callable[[int, int], None]  # (records done, bytes done)


@dataclass(slots=True)
class IngestStats:
    read: int = 0  # records seen (pages + unreadable records)
    articles: int = 0  # pages that gave an article with a body
    empty: int = 0  # pages read fine that hold no article (menus, login pages): kept, with a reason
    quarantined: int = 0
    skipped: int = 0  # already in the store
    reasons: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    corpus: object | None = None  # stats of the corpus stage, when it ran

    def count(self, result: Article | Quarantine) -> None:
        if isinstance(result, Quarantine):
            self.quarantined += 1
            self.reasons[result.reason] += 1
        elif result.body:
            self.articles += 1
        else:
            self.empty += 1


# A worker process's Context, set once by the pool initializer: loading the outlet registry per
# page would dominate the cost. This lives in the engine, never in library code.
_WORKER_CTX: Context | None = None


def _init_worker(options: PipelineOptions, furniture: dict) -> None:
    global _WORKER_CTX
    _WORKER_CTX = Context.load(options, furniture)


def _work(item: tuple[str, Page] | Quarantine) -> tuple[tuple | None, Article | Quarantine]:
    """Process one page in a worker; send back its pages-table row, not its bytes."""
    if isinstance(item, Quarantine):
        return None, item
    pid, page = item
    assert _WORKER_CTX is not None
    result = process(page, _WORKER_CTX)
    return page_row(page, pid, "quarantined" if isinstance(result, Quarantine) else "article"), result


def _new_pages(records: Iterable, known: set[str], stats: IngestStats) -> Iterator[tuple[str, Page] | Quarantine]:
    for rec in records:
        stats.read += 1
        if isinstance(rec, Quarantine):
            yield rec
            continue
        pid = page_id(rec)
        if pid in known:
            stats.skipped += 1
            continue
        known.add(pid)
        yield pid, rec


def _work_batch(items: list) -> list:
    return [_work(item) for item in items]


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_pool(items: Iterator, workers: int, options: PipelineOptions, furniture: dict,
              chunk: int = 16) -> Iterator:
    """Ordered results with a bounded window of work in flight, so memory stays flat on a 5 GB WARC
    (Executor.map and Pool.imap both drain their input eagerly)."""
    if workers <= 1:
        _init_worker(options, furniture)
        yield from map(_work, items)
        return
    window: deque[Future] = deque()
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(options, furniture)) as pool:
        for batch in _batches(items, chunk):
            window.append(pool.submit(_work_batch, batch))
            if len(window) >= workers * 4:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


def ingest(paths: Sequence[str | Path], store: Store, *, options: PipelineOptions = PipelineOptions(),
           read_options: ReadOptions = ReadOptions(), workers: int | None = None, batch_size: int = 256,
           progress: ProgressFn | None = None, corpus: bool = True) -> IngestStats:
    """Read, extract and store every page under ``paths``; then match new pages against the store."""
    started = time.perf_counter()
    stats = IngestStats()
    workers = workers or os.cpu_count() or 1
    furniture = collect_furniture(paths, read_options)
    known = store.page_ids()
    items = _new_pages(read_paths(paths, read_options), known, stats)
    pages, articles, quarantined, new_ids = [], [], [], []
    done_bytes = 0
    for row, result in _run_pool(items, workers, options, furniture):
        stats.count(result)
        if row is not None:
            pages.append(row)
            done_bytes += row[6]
        if isinstance(result, Quarantine):
            quarantined.append(result)
        else:
            articles.append(result)
            new_ids.append(result.page_id)
        if len(pages) + len(quarantined) >= batch_size:
            store.write(pages, articles, quarantined)
            pages, articles, quarantined = [], [], []
        if progress:
            progress(stats.read, done_bytes)
    store.write(pages, articles, quarantined)
    if corpus:
        stats.corpus = update_corpus(store.con, new_ids, workers=workers)
    stats.seconds = time.perf_counter() - started
    return stats
