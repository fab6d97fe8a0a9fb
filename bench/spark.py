"""Spark engine vs local engine: parity on a generated crawl of >= 5,000 pages, and throughput of
local[2] against the local process pool (2 workers) at several sizes.

    /work/venv/bin/python bench/spark.py                      # 1k and 5k pages (5k checks parity)
    /work/venv/bin/python bench/spark.py --sizes 1000,10000,100000 --parity 5000

Both engines run the full ingest (pages -> articles -> corpus stages). Parity compares every article
column per page_id, pages, quarantine and every story (members, origin, relations, edits, id).
Writes bench/results/spark.json. Run by hand, not as a test; timings depend on machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "spark.json"


def _texts(which: str = "bundled"):
    """Article texts the crawl is built from. The 34 bundled texts make stories that grow with the
    crawl (~220 pages each at 10k); ``polnear`` (924 texts) keeps them far smaller."""
    from newstrace.synth import load_texts

    texts = load_texts(which)
    return texts if texts else load_texts("scrapinghub")  # reads ../shared: benchmarks may


def _tables(path: Path) -> dict:
    from newstrace.model import to_dict
    from newstrace.store import corpus
    from newstrace.store.db import ARTICLE_COLUMNS, PAGE_COLUMNS, QUARANTINE_COLUMNS, Store

    with Store(path, read_only=True) as s:
        q = lambda cols, t: sorted(s.con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall())
        return {"articles": q(ARTICLE_COLUMNS, "articles"), "pages": q(PAGE_COLUMNS, "pages"),
                "quarantine": q(QUARANTINE_COLUMNS, "quarantine"),
                "stories": sorted((to_dict(st) for st in corpus.stories(s.con)), key=lambda d: d["id"])}


def parity(db: Path, out: Path) -> dict:
    a, b = _tables(db), _tables(out)
    report = {name: a[name] == b[name] for name in a}
    report["n_articles"] = len(a["articles"])
    report["n_stories"] = len(a["stories"])
    report["article_mismatches"] = len(set(a["articles"]) ^ set(b["articles"])) // 2
    return report


def _corpus_s(stats) -> float:
    return sum(stats.corpus.seconds.values()) if stats.corpus else 0.0


def run_size(n: int, spark, workers: int, check: bool, work: Path, texts: str = "bundled",
             story_share: float = 0.5) -> dict:
    from newstrace.engine.local import ingest as local_ingest
    from newstrace.engine.spark import ingest as spark_ingest
    from newstrace.store.db import Store
    from newstrace.synth import generate_crawl

    crawl = generate_crawl(work / f"crawl-{n}", n, seed=42, texts=_texts(texts), pages_per_warc=max(50, n // 20),
                           story_share=story_share)
    files = [str(p) for p in crawl.inputs]
    t = time.perf_counter()
    with Store(work / f"local-{n}.duckdb") as store:
        lo = local_ingest(files, store, workers=workers)
    local_s = time.perf_counter() - t
    print(f"{n:>7} pages  local engine done in {local_s:.1f}s (corpus stages {lo.corpus.seconds if lo.corpus else None}); "
          "Spark next", flush=True)  # a run stopped during Spark still tells the local figure
    t = time.perf_counter()
    sp = spark_ingest(files, work / f"spark-{n}", spark=spark)
    spark_s = time.perf_counter() - t
    row = {"pages": n, "texts": texts, "story_share": story_share, "files": len(files),
           "local_seconds": round(local_s, 1), "spark_seconds": round(spark_s, 1),
           "local_pages_per_s": round(n / local_s, 2), "spark_pages_per_s": round(n / spark_s, 2),
           "spark_overhead_ms_per_page": round(1000 * (spark_s - local_s) / n, 1),
           "local_page_stage_seconds": round(local_s - _corpus_s(lo), 1),
           "spark_page_stage_seconds": round(spark_s - _corpus_s(sp), 1),
           "spark_page_stage_overhead_ms_per_page": round(1000 * ((spark_s - _corpus_s(sp)) - (local_s - _corpus_s(lo))) / n, 1),
           "local_corpus_seconds": lo.corpus.seconds if lo.corpus else None,
           "spark_corpus_seconds": sp.corpus.seconds if sp.corpus else None,
           "articles": sp.articles, "stories": sp.corpus.stories_total if sp.corpus else None}
    if check:
        row["parity"] = parity(work / f"local-{n}.duckdb", work / f"spark-{n}")
    return row


def _save(rows: list[dict], args, startup: float) -> None:
    """Merge this run's rows into the results: a row replaces an earlier one of the same size and
    texts, the other sizes of the curve (measured in other runs) and the file's notes stay."""
    old = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    command = "python bench/spark.py " + " ".join(sys.argv[1:])

    def key(r: dict) -> tuple:
        return r["pages"], r.get("texts", "bundled"), r.get("story_share", 0.5)

    mine = {key(r) for r in rows}
    kept = [r for r in old.get("runs", []) if key(r) not in mine]
    stamped = [{**r, "command": command, "load_average": os.getloadavg(),
                "spark_session_startup_seconds": round(startup, 1)} for r in rows]
    result = {**old, "machine": f"{os.cpu_count()} cores (shared with other jobs)", "workers": args.workers,
              "runs": sorted(kept + stamped, key=lambda r: (r.get("texts", "bundled"), r["pages"]))}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,5000", help="comma-separated page counts")
    ap.add_argument("--parity", type=int, default=5000, help="sizes >= this (and 1000) get a full parity check")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--texts", default="bundled", choices=["bundled", "scrapinghub", "polnear", "all"],
                    help="article texts the crawl is built from (see _texts)")
    ap.add_argument("--story-share", type=float, default=0.5,
                    help="at most this share of pages in stories (generate_crawl); the rest belong to none")
    args = ap.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    t = time.perf_counter()
    spark = (SparkSession.builder.master(f"local[{args.workers}]").config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false").config("spark.sql.shuffle.partitions", "8")
             .config("spark.driver.memory", "4g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - t
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="newstrace-bench-spark-") as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            rows.append(run_size(n, spark, args.workers, n >= args.parity or n == 1000, Path(tmp), args.texts,
                                 args.story_share))
            print(f"{n:>7} pages  local {rows[-1]['local_seconds']:>7}s  spark {rows[-1]['spark_seconds']:>7}s  "
                  f"overhead {rows[-1]['spark_overhead_ms_per_page']:>6} ms/page  parity {rows[-1].get('parity')}",
                  flush=True)
            _save(rows, args, startup)  # after every size: a long run that is stopped keeps what it measured
    spark.stop()
    print(f"{'pages':>7} {'local s':>8} {'spark s':>8} {'local p/s':>9} {'spark p/s':>9} {'ms/page extra':>13}")
    for r in rows:
        print(f"{r['pages']:>7} {r['local_seconds']:>8} {r['spark_seconds']:>8} {r['local_pages_per_s']:>9} "
              f"{r['spark_pages_per_s']:>9} {r['spark_overhead_ms_per_page']:>13}")
    print(f"wrote {RESULTS}")
    broken = [r["pages"] for r in rows if "parity" in r and not all(v for k, v in r["parity"].items()
                                                                     if not k.startswith(("n_", "article_mis")))]
    if broken:
        sys.exit(f"PARITY FAILED at {broken} pages: the engines disagree")


if __name__ == "__main__":
    main()
