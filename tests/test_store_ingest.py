"""Ingest into the embedded store: articles and quarantine rows land, the same input twice is stored
once, a run killed half way and run again loses nothing and doubles nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import PARAGRAPHS, article_html, write_warc
from newstrace.engine.local import ingest
from newstrace.store.db import Store


def _crawl(tmp_path: Path, n: int = 6) -> list[str]:
    records = [{"url": f"https://courier.example/news/{i}", "body": article_html(
        title=f"Story number {i} about the floods", paragraphs=[f"Report {i}: " + p for p in PARAGRAPHS]).encode()}
        for i in range(n)]
    warc = write_warc(tmp_path / "crawl.warc.gz", records)
    jsonl = tmp_path / "dump.jsonl"
    jsonl.write_text(json.dumps({"url": "https://c4.example/x", "text": "\n".join(PARAGRAPHS),
                                 "timestamp": "2019-04-25T12:57:54Z"}) + "\n{broken\n")
    return [str(warc), str(jsonl)]


def _counts(db: Path) -> tuple[int, int, int]:
    with Store(db) as s:
        return tuple(s.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("pages", "articles", "quarantine"))


def test_ingest_stores_articles_and_quarantine(tmp_path: Path):
    paths = _crawl(tmp_path)
    with Store(tmp_path / "a.duckdb") as store:
        stats = ingest(paths, store, workers=1)
        arts = list(store.articles())
    assert stats.read == 8 and stats.articles == 7 and stats.quarantined == 1
    assert stats.reasons == {"not_json": 1}
    assert {a.url for a in arts} >= {"https://courier.example/news/0", "https://c4.example/x"}
    warc_article = next(a for a in arts if a.url == "https://courier.example/news/3")
    assert warc_article.fetched_at == "2023-11-02T10:00:00Z"
    assert warc_article.published and warc_article.published.date == "2023-10-22"
    assert any("Report 3: Emergency crews" in p for p in warc_article.body)
    c4 = next(a for a in arts if a.url == "https://c4.example/x")
    assert c4.published is None, "a C4 timestamp is a crawl time, never a publication date"


def test_ingest_is_idempotent(tmp_path: Path):
    paths = _crawl(tmp_path)
    db = tmp_path / "b.duckdb"
    with Store(db) as store:
        ingest(paths, store, workers=1)
    first = _counts(db)
    with Store(db) as store:
        again = ingest(paths + paths, store, workers=1)
    assert _counts(db) == first
    assert again.skipped == 14 and again.articles == 0


def test_killed_ingest_resumes_without_loss_or_doubles(tmp_path: Path):
    paths = _crawl(tmp_path, n=12)
    full = tmp_path / "full.duckdb"
    with Store(full) as store:
        ingest(paths, store, workers=1)

    def die_after(n_done, _bytes):
        if n_done >= 7:
            raise KeyboardInterrupt

    part = tmp_path / "part.duckdb"
    with Store(part) as store, pytest.raises(KeyboardInterrupt):
        ingest(paths, store, workers=1, batch_size=3, progress=die_after)
    assert 0 < _counts(part)[0] < _counts(full)[0], "some batches were committed before the kill"
    with Store(part) as store:
        ingest(paths, store, workers=1)
    assert _counts(part) == _counts(full)
    with Store(part) as a, Store(full) as b:
        ids = lambda s: sorted(r[0] for r in s.con.execute("SELECT page_id FROM articles").fetchall())
        assert ids(a) == ids(b)


def test_parallel_ingest_matches_serial(tmp_path: Path):
    paths = _crawl(tmp_path, n=10)
    with Store(tmp_path / "s.duckdb") as s1, Store(tmp_path / "p.duckdb") as s2:
        ingest(paths, s1, workers=1)
        ingest(paths, s2, workers=2)
        rows = lambda s: s.con.execute("SELECT page_id, title, body_text FROM articles ORDER BY 1").fetchall()
        assert rows(s1) == rows(s2)


def test_parquet_folder_opens_as_a_read_only_store(tmp_path: Path):
    db = tmp_path / "c.duckdb"
    with Store(db) as store:
        ingest(_crawl(tmp_path), store, workers=1)
        out = tmp_path / "pq"
        out.mkdir()
        for t in ("pages", "articles", "quarantine"):
            (out / t).mkdir()
            store.con.execute(f"COPY {t} TO '{out / t / 'part-0.parquet'}' (FORMAT parquet)")
    with Store(out) as pq:
        assert pq.is_parquet and pq.summary().articles == _counts(db)[1]
        assert [a.page_id for a in pq.articles()] == sorted(a for a, in pq.con.execute("SELECT page_id FROM articles").fetchall())
