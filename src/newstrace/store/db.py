"""The embedded store: one DuckDB file (default ``./newstrace.duckdb``) holding pages, articles and
quarantine — or a folder of Parquet tables written by the Spark engine, opened read-only as views.

Writes are idempotent: every row is keyed by a content hash (page_id, quarantine id) and inserted
with INSERT OR IGNORE, so the same record twice is stored once and a killed run resumes cleanly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import xxhash

from newstrace.model import Article, Page, Quarantine
from newstrace.store.codec import article_from_json, article_to_json

DEFAULT_DB = "newstrace.duckdb"

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    page_id VARCHAR PRIMARY KEY, source VARCHAR, url VARCHAR, format VARCHAR, content_type VARCHAR,
    fetched_at VARCHAR, size BIGINT, status VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    page_id VARCHAR PRIMARY KEY, source VARCHAR, url VARCHAR, domain VARCHAR, site_name VARCHAR,
    title VARCHAR, published VARCHAR, published_precision VARCHAR, fetched_at VARCHAR, publisher VARCHAR,
    credited VARCHAR, n_words INTEGER, body_text VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS quarantine (
    qid VARCHAR PRIMARY KEY, source VARCHAR, reason VARCHAR, detail VARCHAR, stage VARCHAR, url VARCHAR,
    raw_size BIGINT);
"""

PAGE_COLUMNS = ("page_id", "source", "url", "format", "content_type", "fetched_at", "size", "status")
ARTICLE_COLUMNS = ("page_id", "source", "url", "domain", "site_name", "title", "published", "published_precision",
                   "fetched_at", "publisher", "credited", "n_words", "body_text", "record")
QUARANTINE_COLUMNS = ("qid", "source", "reason", "detail", "stage", "url", "raw_size")
TABLES = ("pages", "articles", "quarantine")


def quarantine_id(q: Quarantine) -> str:
    return xxhash.xxh3_64_hexdigest(f"{q.source}\0{q.stage}\0{q.reason}".encode("utf-8", "surrogatepass"))


def page_row(page: Page, page_id: str, status: str) -> tuple:
    return (page_id, page.source, page.url, page.format, page.content_type, page.fetched_at, len(page.raw), status)


def article_row(a: Article) -> tuple:
    credited = "; ".join(sorted({c.outlet.name for c in a.credits if c.outlet})) or None
    pub = a.published
    return (a.page_id, a.source, a.url, a.domain, a.site_name, a.title, pub.date if pub else None,
            pub.precision if pub else None, a.fetched_at, a.publisher.name if a.publisher else None, credited,
            sum(len(p.split()) for p in a.body), "\n\n".join(a.body), article_to_json(a))


def quarantine_row(q: Quarantine) -> tuple:
    return (quarantine_id(q), q.source, q.reason, q.detail, q.stage, q.url, q.raw_size)


@dataclass(frozen=True, slots=True)
class Summary:
    pages: int
    articles: int
    quarantined: int
    reasons: dict[str, int]


class Store:
    """A DuckDB file (read-write) or a Parquet folder (read-only views). Use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False):
        self.path = Path(path)
        self.is_parquet = self.path.is_dir()
        if self.is_parquet:
            self.con = duckdb.connect(":memory:")
            self._attach_parquet(self.path)
            self.read_only = True
        else:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
            self.read_only = read_only
            if not read_only:
                self.con.execute(SCHEMA)

    def _attach_parquet(self, folder: Path) -> None:
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() or p.suffix == ".parquet"):
            name = sub.stem
            pattern = str(sub / "**" / "*.parquet") if sub.is_dir() else str(sub)
            if sub.is_dir() and not any(sub.rglob("*.parquet")):
                continue
            self.con.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{pattern}')")

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def has_table(self, name: str) -> bool:
        q = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
        return bool(self.con.execute(q, [name]).fetchone()[0])

    def page_ids(self) -> set[str]:
        if not self.has_table("pages"):
            return set()
        return {r[0] for r in self.con.execute("SELECT page_id FROM pages").fetchall()}

    def _insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        arrow = pa.Table.from_arrays([pa.array([r[i] for r in rows]) for i in range(len(columns))], names=list(columns))
        self.con.register("_incoming", arrow)
        try:
            cols = ", ".join(columns)
            self.con.execute(f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    def write(self, pages: list[tuple], articles: Iterable[Article], quarantined: Iterable[Quarantine]) -> None:
        """One transaction per batch: a crash loses at most the batch in flight, never half of it."""
        self.con.execute("BEGIN")
        try:
            self._insert("pages", PAGE_COLUMNS, pages)
            self._insert("articles", ARTICLE_COLUMNS, [article_row(a) for a in articles])
            self._insert("quarantine", QUARANTINE_COLUMNS, [quarantine_row(q) for q in quarantined])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def articles(self, page_ids: Iterable[str] | None = None) -> Iterator[Article]:
        if page_ids is None:
            cur = self.con.execute("SELECT record FROM articles ORDER BY page_id")
        else:
            ids = list(page_ids)
            if not ids:
                return
            cur = self.con.execute("SELECT record FROM articles WHERE page_id IN (SELECT unnest(?)) ORDER BY page_id",
                                   [ids])
        while batch := cur.fetchmany(1000):
            for (record,) in batch:
                yield article_from_json(record)

    def article(self, page_id: str) -> Article | None:
        return next(self.articles([page_id]), None)

    def find_page_ids(self, url_or_id: str) -> list[str]:
        q = "SELECT page_id FROM articles WHERE page_id = ? OR url = ? OR source = ? ORDER BY page_id"
        return [r[0] for r in self.con.execute(q, [url_or_id, url_or_id, url_or_id]).fetchall()]

    def quarantine(self) -> list[Quarantine]:
        rows = self.con.execute("SELECT source, reason, detail, stage, url, raw_size FROM quarantine "
                                "ORDER BY source").fetchall()
        return [Quarantine(source=r[0], reason=r[1], detail=r[2] or "", stage=r[3], url=r[4], raw_size=r[5])
                for r in rows]

    def summary(self) -> Summary:
        count = lambda t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] if self.has_table(t) else 0
        reasons = {}
        if self.has_table("quarantine"):
            reasons = dict(self.con.execute("SELECT reason, count(*) FROM quarantine GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
        return Summary(count("pages"), count("articles"), count("quarantine"), reasons)
