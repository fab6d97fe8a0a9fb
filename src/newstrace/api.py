"""The library's front door: what the CLI calls, and what a notebook user calls directly.

Each function opens what it needs, does one job and closes it again; none prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, is_dataclass, replace
from pathlib import Path

from newstrace.claims import drift, story_entities
from newstrace.engine.local import IngestStats, ingest as _ingest
from newstrace.export import EXPORT_FORMATS, write_export
from newstrace.model import Article, Quarantine, Story
from newstrace.outlets import OutletRegistry, describe
from newstrace.pipeline import Context, PipelineOptions, process
from newstrace.read import read_paths
from newstrace.store import corpus
from newstrace.store.db import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "EXPORT_FORMATS", "check_date", "claims", "claims_in", "corpus_summary", "demo", "export", "ingest",
           "ingest_spark", "inspect", "outlet", "stories", "trace", "trace_in"]


def check_date(value: str) -> str:
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}") from exc
    return value


def inspect(paths: Sequence[str | Path], *, published: str | None = None) -> Iterator[Article | Quarantine]:
    """Every page under ``paths`` through the per-page pipeline, in input order (no store)."""
    ctx = Context.load(PipelineOptions(published=published))
    for rec in read_paths(paths):
        yield rec if isinstance(rec, Quarantine) else process(rec, ctx)


def ingest(paths: Sequence[str | Path], *, db: str | Path = DEFAULT_DB, workers: int | None = None,
           published: str | None = None, progress: Callable[[int, int], None] | None = None) -> IngestStats:
    with Store(db) as store:
        return _ingest(paths, store, options=PipelineOptions(published=published), workers=workers, progress=progress)


def ingest_spark(paths: Sequence[str], out_dir: str | Path, *, published: str | None = None):
    from newstrace.engine.spark import ingest as spark_ingest  # pyspark is an optional extra

    return spark_ingest(paths, out_dir, options=PipelineOptions(published=published))


def corpus_summary(stats: object) -> dict[str, object]:
    return asdict(stats) if is_dataclass(stats) else {"corpus": stats}


def _open(db: str | Path) -> Store:
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(f"no store at {path}: run `newstrace ingest` first")
    return Store(path, read_only=True)


def stories(db: str | Path = DEFAULT_DB) -> list[Story]:
    with _open(db) as store:
        return corpus.stories(store.con)


def trace(ref: str, db: str | Path = DEFAULT_DB) -> Story | None:
    """One story, each copy's edits joined by the claim drift against its source (numbers, hedges,
    attributions, speakers), which only the claims stage can see."""
    with _open(db) as store:
        return trace_in(store, ref)


def trace_in(store: Store, ref: str) -> Story | None:
    """``trace`` on a store already open (the web UI holds one per request)."""
    story = corpus.story_for(store.con, ref)
    if story is None:
        return None
    return with_claim_drift(story, {a.page_id: a for a in store.articles(m.page_id for m in story.members)})


def with_claim_drift(story: Story, articles: dict[str, Article]) -> Story:
    members = []
    for m in story.members:
        src, cpy = articles.get(m.copied_from or ""), articles.get(m.page_id)
        if m.relation != "origin" and src is not None and cpy is not None:
            seen = {(e.type, e.before, e.after) for e in m.edits}
            extra = [e for e in drift(src, cpy) if (e.type, e.before, e.after) not in seen]
            m = replace(m, edits=[*m.edits, *extra])
        members.append(m)
    return replace(story, members=members, entities=story_entities(list(articles.values())))


def claims(db: str | Path = DEFAULT_DB, *, about: str | None = None) -> Iterator[dict]:
    """Numeric claims across the store, each with the page's outlet and date."""
    with _open(db) as store:
        yield from claims_in(store, about=about)


def claims_in(store: Store, *, about: str | None = None) -> Iterator[dict]:
    """``claims`` on a store already open (the web UI holds one per request)."""
    needle = (about or "").lower()
    for a in store.articles():
        for c in a.claims:
            if needle and needle not in c.text.lower() and needle not in (c.counted or "").lower():
                continue
            yield {"page_id": a.page_id, "url": a.url, "domain": a.domain,
                   "outlet": a.publisher.name if a.publisher else a.site_name,
                   "published": a.published.date if a.published else None,
                   "text": c.text, "value": c.value, "low": c.low, "high": c.high, "hedge": c.hedge,
                   "counted": c.counted, "holder": c.holder, "where": c.where, "source": c.source,
                   "when": {"start": c.when.start, "end": c.when.end} if c.when else None,
                   "span": list(c.span)}


def outlet(query: str) -> dict | None:
    registry = OutletRegistry.load()
    found = registry.lookup(query)
    return describe(found) if found else None


def export(db: str | Path, fmt: str, out_dir: str | Path) -> list[Path]:
    with _open(db) as store:
        return write_export(store, fmt, Path(out_dir))


def demo(db: str | Path = "newstrace-demo.duckdb") -> IngestStats:
    """A fresh store built from the bundled sample crawl."""
    from newstrace.synth import demo_paths

    path = Path(db)
    if path.exists():
        path.unlink()
    return ingest([str(p) for p in demo_paths()], db=path, published=None)
