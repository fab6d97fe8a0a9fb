"""Shared test helpers: build real WARC/WET files with warcio, as a crawler writes them."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURES = Path(__file__).parent / "fixtures"

HAVE_JAVA = bool(shutil.which("java") or os.environ.get("JAVA_HOME"))
try:
    import pyspark  # noqa: F401

    HAVE_SPARK = True
except ImportError:
    HAVE_SPARK = False


def spark_test(fn):
    """Marked ``spark`` (run in CI) and skipped cleanly where pyspark or Java is missing."""
    return pytest.mark.spark(pytest.mark.skipif(not (HAVE_SPARK and HAVE_JAVA), reason="needs pyspark and Java")(fn))


@pytest.fixture(scope="session")
def spark():
    """One local[2] session for the whole run (small shuffle partitions, no UI): starting one costs ~10 s."""
    if not (HAVE_SPARK and HAVE_JAVA):
        pytest.skip("needs pyspark and Java")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("newstrace-tests")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "4").config("spark.default.parallelism", "2")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def store_tables(path: Path) -> dict:
    """Everything two engines must agree on, from a DuckDB file or a Parquet folder."""
    from newstrace.model import to_dict
    from newstrace.store import corpus
    from newstrace.store.db import ARTICLE_COLUMNS, PAGE_COLUMNS, QUARANTINE_COLUMNS, Store

    with Store(path, read_only=True) as s:
        q = lambda cols, t: sorted(s.con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall())
        return {"articles": {r[0]: r for r in q(ARTICLE_COLUMNS, "articles")},
                "pages": q(PAGE_COLUMNS, "pages"), "quarantine": q(QUARANTINE_COLUMNS, "quarantine"),
                "stories": {st.id: to_dict(st) for st in corpus.stories(s.con)}}


def write_warc(path: Path, records: list[dict], gzip: bool = True) -> Path:
    """records: {"url", "body": bytes, "type": "response"|"conversion"|"request", "date", "ctype", "status"}."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for r in records:
            rtype = r.get("type", "response")
            headers = {"WARC-Date": r.get("date", "2023-11-02T10:00:00Z")}
            http = None
            if rtype == "response":
                http = StatusAndHeaders(r.get("status", "200 OK"),
                                        [("Content-Type", r.get("ctype", "text/html; charset=utf-8"))],
                                        protocol="HTTP/1.1")
            rec = writer.create_warc_record(r["url"], rtype, payload=io.BytesIO(r["body"]), http_headers=http,
                                            warc_headers_dict=headers,
                                            warc_content_type="text/plain" if rtype == "conversion" else None)
            writer.write_record(rec)
    return path


@pytest.fixture
def seed_text() -> str:
    return (FIXTURES / "000_ef756300ad867e8b.txt").read_text(encoding="utf-8")


PARAGRAPHS = [
    "Emergency crews in the northern province evacuated more than 3,200 residents on Sunday after the Varna river "
    "burst its banks following four days of heavy rain, the regional governor said.",
    "“We have never seen the water rise this fast,” governor Elena Marković told reporters in the town of Brezovo, "
    "adding that at least 14 villages had been cut off by the flooding.",
    "According to the national weather service, some 180 millimetres of rain fell in 72 hours, nearly double the "
    "amount the region usually receives in the whole of October.",
    "The army deployed around 400 soldiers and a dozen helicopters to help with rescue operations, the defence "
    "ministry said in a statement, while volunteers filled sandbags along the embankments overnight.",
    "Officials said two people were missing and that damage to roads and bridges would take months to repair. "
    "Residents were told to boil drinking water until further notice.",
]


def article_html(title: str = "Thousands evacuated as Varna river floods northern towns", paragraphs=None,
                 site: str = "The Daily Courier", published: str | None = "2023-10-22T09:30:00Z",
                 extra_body: str = "") -> str:
    """A realistic news page: navigation, cookie banner, dek, byline, time element, related links, footer."""
    paras = "\n".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    meta_date = f'<meta property="article:published_time" content="{published}">' if published else ""
    time_el = f'<time datetime="{published}">22 October 2023</time>' if published else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">
<meta name="description" content="Rescue teams worked through the night as the worst floods in decades hit the north.">
{meta_date}</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. By continuing you accept our cookie policy. Accept</div>
<main><article><h1>{title}</h1>
<p class="standfirst">Rescue teams worked through the night as the worst floods in decades hit the north.</p>
<div class="byline">By Anna Keller</div>{time_el}
<div class="article-body">{paras}{extra_body}</div></article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Drought fears return to the south</a></li>
<li><a href="/b">Government unveils new flood defence plan</a></li></ul></aside></main>
<footer><p>© 2023 The Daily Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""
