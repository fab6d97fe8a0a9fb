"""The Spark engine: the local engine's ingest at Common Crawl scale, with the same answers.

It owns sharding, I/O and the corpus joins; everything per page is ``pipeline.process``, run inside
``mapPartitions`` over the FILE LIST (one task per file, one Context per partition). Output is a
folder of Parquet tables with the DuckDB store's columns, which ``Store(out_dir)`` opens as views.

Stages write their tables to a staging folder and rename them into place when complete, so a
rerun skips finished stages and never mistakes a half-written table for a finished one:

    furniture -> pages + articles + quarantine -> corpus stages (see ``spark_corpus``)
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from newstrace.engine.local import IngestStats
from newstrace.engine.spark_io import HadoopFS, expand_inputs, scheme_of
from newstrace.engine.spark_pages import (ARTICLE, DUPLICATE, EXTRACT_QUARANTINE, READ_QUARANTINE,
                                          furniture_lines, process_files)
from newstrace.engine.furniture import TEXT_FORMATS
from newstrace.engine.spark_schema import FURNITURE_SCHEMA, RECORD_SCHEMA
from newstrace.extract.text import FURNITURE_MIN_PAGES
from newstrace.pipeline import PipelineOptions
from newstrace.read import ReadOptions, detect_format

__all__ = ["ingest", "PAGE_TABLES", "RUN_FILE"]

PAGE_TABLES = ("pages", "articles", "quarantine")
RUN_FILE = "_newstrace.json"  # what this folder was built from: a rerun over other inputs is refused
PAGES_STATS = "_pages.stats.json"
MANIFEST_BASE_CONF = "spark.newstrace.manifest.base"  # what relative lines in a manifest are relative to
FORMAT_VERSION = 1


def _out_uri(out_dir: str | Path) -> str:
    text = str(out_dir)
    return text.rstrip("/") if scheme_of(text) not in ("", "file") else str(Path(text.removeprefix("file://")).resolve())


def _session() -> tuple[SparkSession, bool]:
    """The active session, else a new one (local[*] unless spark-submit set a master); True if we made it."""
    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    from pyspark import SparkConf

    builder = SparkSession.builder.appName("newstrace")
    if not SparkConf().contains("spark.master"):
        # Python workers must run this interpreter (the one with newstrace installed), not "python3" on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # Laptop-sized shuffles: the default 200 partitions is pure fixed cost on a few cores.
        builder = (builder.master("local[*]").config("spark.ui.enabled", "false")
                   .config("spark.sql.shuffle.partitions", str(max(4, 2 * (os.cpu_count() or 2)))))
    return builder.getOrCreate(), True


class StageWriter:
    """Writes a stage's tables under a staging folder, then renames them into ``out``."""

    def __init__(self, spark: SparkSession, out: str) -> None:
        self.spark = spark
        self.out = out
        self.fs = HadoopFS(spark)
        self.staging = f"{out}.staging"  # a sibling: Store(out) must never see a half-written table

    def path(self, table: str) -> str:
        return f"{self.out}/{table}"

    def done(self, tables: Sequence[str]) -> bool:
        return all(self.fs.exists(f"{self.path(t)}/_SUCCESS") for t in tables)

    def write(self, frames: dict[str, DataFrame], before_commit=None) -> None:
        tmp = f"{self.staging}/{uuid.uuid4().hex}"
        for table, df in frames.items():
            df.write.mode("overwrite").parquet(f"{tmp}/{table}")
        if before_commit:
            before_commit()
        for table in frames:
            self.fs.delete(self.path(table))
            self.fs.rename(f"{tmp}/{table}", self.path(table))
        self.fs.delete(tmp)

    def read(self, table: str) -> DataFrame:
        return self.spark.read.parquet(self.path(table))

    def finish(self) -> None:
        self.fs.delete(self.staging)


def _run_key(files: Sequence[str], options: PipelineOptions) -> str:
    blob = json.dumps({"files": list(files), "options": asdict(options), "v": FORMAT_VERSION}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _claim_folder(w: StageWriter, files: Sequence[str], options: PipelineOptions) -> None:
    """Record what the folder is built from; refuse to resume a run over different inputs."""
    key = _run_key(files, options)
    path = f"{w.out}/{RUN_FILE}"
    meta = w.fs.read_json(path) if w.fs.exists(path) else None
    if meta is not None and meta.get("key") != key:
        raise ValueError(f"{w.out} holds a run over other inputs or options; use a new --out folder or delete it")
    if meta is None:
        w.fs.write_text(path, json.dumps({"key": key, "files": len(files), "options": asdict(options),
                                          "format": FORMAT_VERSION}, indent=1))


def _maybe_text(uri: str) -> bool:
    """Could this file hold plain-text pages (so count towards site furniture)? Local files are sniffed
    as the local engine does; remote ones are judged by name here and sniffed in the task."""
    if scheme_of(uri) in ("", "file"):
        path = Path(uri.removeprefix("file://"))
        return path.is_file() and detect_format(path) in TEXT_FORMATS
    return detect_format(Path(uri.rsplit("/", 1)[-1])) in TEXT_FORMATS  # unknown suffix: "txt", sniffed later


def furniture(w: StageWriter, files: Sequence[str], slices: int, read_options: ReadOptions) -> dict[str, frozenset[str]]:
    """Site furniture (lines a domain repeats on >= 3 text pages) as a distributed count, then broadcast."""
    if not w.done(["furniture"]):
        items = [(i, f) for i, f in enumerate(files) if _maybe_text(f)]
        rdd = w.spark.sparkContext.parallelize(items, max(1, min(slices, len(items))))
        lines = w.spark.createDataFrame(rdd.mapPartitions(lambda it: furniture_lines(it, read_options)),
                                        FURNITURE_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK)  # read files once
        try:
            domains = lines.groupBy("domain").count().filter(F.col("count") >= FURNITURE_MIN_PAGES).select("domain")
            counts = (lines.select("domain", F.explode("lines").alias("line")).groupBy("domain", "line").count()
                      .filter(F.col("count") >= FURNITURE_MIN_PAGES))
            w.write({"furniture": counts.join(domains, "domain").select("domain", "line")})
        finally:
            lines.unpersist()
    out: dict[str, set[str]] = {}
    for row in w.read("furniture").toLocalIterator():
        out.setdefault(row.domain, set()).add(row.line)
    return {d: frozenset(v) for d, v in out.items()}


def _first(df: DataFrame, key: str) -> DataFrame:
    """The first occurrence per key in input order: what the local engine keeps (INSERT OR IGNORE)."""
    win = Window.partitionBy(key).orderBy("file_idx", "seq")
    return df.withColumn("_rn", F.row_number().over(win)).filter("_rn = 1").drop("_rn")


def _first_pages(records: DataFrame) -> DataFrame:
    return _first(records.filter(F.col("kind").isin(ARTICLE, EXTRACT_QUARANTINE)), "page_id")


def _page_frames(records: DataFrame, pages: DataFrame) -> dict[str, DataFrame]:
    quarantined = (records.filter(F.col("kind") == READ_QUARANTINE)
                   .unionByName(pages.filter(F.col("kind") == EXTRACT_QUARANTINE))
                   .withColumn("qid", F.col("quarantine.qid")))
    return {"pages": pages.select("page.*"),
            "articles": pages.filter(F.col("kind") == ARTICLE).select("article.*"),
            "quarantine": _first(quarantined, "qid").select("quarantine.*")}


def _page_stats(records: DataFrame, firsts: DataFrame) -> IngestStats:
    """Counted as the local engine counts: a duplicate page is skipped; every read failure counts."""
    stats = IngestStats()
    stats.read = records.count()
    n_pages = records.filter(F.col("kind").isin(ARTICLE, EXTRACT_QUARANTINE, DUPLICATE)).count()
    for row in firsts.groupBy("kind", "has_body").count().collect():
        if row.kind == ARTICLE:
            if row.has_body:
                stats.articles += row["count"]
            else:
                stats.empty += row["count"]
    stats.skipped = n_pages - firsts.count()
    failed = records.filter(F.col("kind") == READ_QUARANTINE).unionByName(
        firsts.filter(F.col("kind") == EXTRACT_QUARANTINE))
    stats.reasons = Counter({r.reason: r["count"] for r in failed.groupBy("quarantine.reason").count().collect()})
    stats.quarantined = sum(stats.reasons.values())
    return stats


def _stats_json(stats: IngestStats) -> str:
    return json.dumps({"read": stats.read, "articles": stats.articles, "empty": stats.empty,
                       "quarantined": stats.quarantined, "skipped": stats.skipped, "reasons": dict(stats.reasons)})


def _stats_from(meta: dict) -> IngestStats:
    return IngestStats(read=meta["read"], articles=meta["articles"], empty=meta["empty"],
                       quarantined=meta["quarantined"], skipped=meta["skipped"], reasons=Counter(meta["reasons"]))


def page_stage(w: StageWriter, files: Sequence[str], options: PipelineOptions, partitions: int | None,
               read_options: ReadOptions = ReadOptions()) -> IngestStats:
    """pages + articles + quarantine: readers and ``pipeline.process`` per file, deduplicated by page_id."""
    stats_path = f"{w.out}/{PAGES_STATS}"
    if w.done(PAGE_TABLES) and w.fs.exists(stats_path):
        return _stats_from(w.fs.read_json(stats_path))
    slices = partitions or max(1, len(files))
    sc = w.spark.sparkContext
    furn = sc.broadcast(furniture(w, files, slices, read_options))
    rdd = sc.parallelize(list(enumerate(files)), slices).mapPartitions(
        lambda it: process_files(it, options, read_options, furn.value))
    records = w.spark.createDataFrame(rdd, RECORD_SCHEMA).persist(StorageLevel.MEMORY_AND_DISK)
    firsts = _first_pages(records).persist(StorageLevel.MEMORY_AND_DISK)  # one dedup shuffle, used 4 times
    try:
        stats = _page_stats(records, firsts)
        w.write(_page_frames(records, firsts), before_commit=lambda: w.fs.write_text(stats_path, _stats_json(stats)))
    finally:
        firsts.unpersist()
        records.unpersist()
        furn.unpersist()
    return stats


def ingest(paths: Sequence[str], out_dir: str | Path, *, options: PipelineOptions = PipelineOptions(),
           spark: SparkSession | None = None, partitions: int | None = None) -> IngestStats:
    """Read, extract and match every page under ``paths`` (files, local folders, or manifests such as
    Common Crawl's ``warc.paths.gz``; local, hdfs://, s3a:// or https://) into Parquet tables in ``out_dir``."""
    started = time.perf_counter()
    owned = False
    if spark is None:
        spark, owned = _session()
    try:
        w = StageWriter(spark, _out_uri(out_dir))
        base = spark.conf.get(MANIFEST_BASE_CONF, None)
        files = expand_inputs(paths, w.fs.read_text, base)
        _claim_folder(w, files, options)
        stats = page_stage(w, files, options, partitions)
        stats.corpus = _corpus(w)
        w.finish()
    finally:
        if owned:
            spark.stop()
    stats.seconds = time.perf_counter() - started
    return stats


def _corpus(w: StageWriter):
    from newstrace.engine.spark_corpus import corpus_stages

    return corpus_stages(w)
