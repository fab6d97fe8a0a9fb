"""Corpus stages only, both engines, on page tables an earlier ``bench/spark.py`` run kept: the way to
measure a change to matching or verification at 100k pages without redoing ~1 hour of page stages.

    PYTHONPATH=src python bench/spark_corpus.py --spark-out SPARK_DIR --local-db LOCAL.duckdb --label NAME

SPARK_DIR is a Spark engine output folder and LOCAL.duckdb the local store of the same crawl (the folders
``bench/spark.py --keep`` leaves). Both are copied under --work without their corpus tables; the corpus
stages are rebuilt there (Spark local[2], 8 shuffle partitions; local engine with 2 workers) and the two
results compared (articles, pages, quarantine, every story). Appends a row to ``corpus_reruns`` in
bench/results/spark.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
RESULTS = ROOT / "bench" / "results" / "spark.json"
CORPUS_TABLES = ("signatures", "bands", "checked_pairs", "_worth_pairs", "common_shingles", "_shingled", "_set_pairs",
                 "matches", "components", "stories", "story_members")


def spark_corpus(src: Path, dst: Path) -> dict:
    from pyspark.sql import SparkSession

    from newstrace.engine.spark import StageWriter
    from newstrace.engine.spark_corpus import corpus_stages

    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(*CORPUS_TABLES))
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false").config("spark.sql.shuffle.partitions", "8")
             .config("spark.driver.memory", "4g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        w = StageWriter(spark, str(dst))
        t = time.perf_counter()
        stats = corpus_stages(w)
        w.finish()
        return {"seconds": round(time.perf_counter() - t, 1), "stages": stats.seconds, "matches": stats.matches,
                "pairs_worth_verifying": stats.candidate_pairs - stats.pairs_not_worth_verifying,
                "stories": stats.stories_total}
    finally:
        spark.stop()


def local_corpus(src: Path, dst: Path) -> dict:
    import duckdb

    from newstrace.store import corpus

    shutil.copyfile(src, dst)
    con = duckdb.connect(str(dst))
    try:
        t = time.perf_counter()
        stats = corpus.update_corpus(con, None, workers=2)
        return {"seconds": round(time.perf_counter() - t, 1), "stages": stats.seconds, "matches": stats.matches,
                "stories": stats.stories_total}
    finally:
        con.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--spark-out", type=Path, required=True)
    ap.add_argument("--local-db", type=Path, required=True)
    ap.add_argument("--work", type=Path, default=Path("/tmp/newstrace-spark-corpus"))
    ap.add_argument("--label", required=True)
    args = ap.parse_args()
    import spark as bench  # bench/spark.py: the parity check

    if args.work.exists():
        shutil.rmtree(args.work)
    args.work.mkdir(parents=True)
    pages = json.loads((args.spark_out / "_pages.stats.json").read_text()).get("read")
    local = local_corpus(args.local_db, args.work / "local.duckdb")
    print("local", local, flush=True)
    spark = spark_corpus(args.spark_out, args.work / "spark")
    print("spark", spark, flush=True)
    parity = bench.parity(args.work / "local.duckdb", args.work / "spark")
    print("parity", parity, flush=True)
    git = lambda *a: subprocess.run(["git", "-C", str(ROOT), *a], capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") + ("+dirty" if git("status", "--porcelain", "src") else "")
    row = {"label": args.label, "commit": commit, "pages": pages, "local_corpus": local, "spark_corpus": spark,
           "parity": parity, "load_average": list(os.getloadavg()),
           "command": f"python bench/spark_corpus.py --spark-out {args.spark_out} --local-db {args.local_db} "
                      f"--label {args.label}"}
    res = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    res.setdefault("corpus_reruns", []).append(row)
    RESULTS.write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    main()
