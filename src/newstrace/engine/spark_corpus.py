"""Corpus stages on Spark DataFrames, mirroring ``store.corpus`` table for table with the same pure
functions from ``newstrace.reuse``:

    signatures + bands   fingerprint.signature_from_body per page (rows reach Python as Arrow batches)
    checked_pairs        candidates.candidate_sql, the very same SQL, run by Spark SQL
    _worth_pairs         the candidates verify.worth_verifying keeps (a work table: pairs only)
    common_shingles      template / stock shingles (verify.common_shingles) as two group-bys
    _shingled            each paired page shingled once (a work table, dropped once matches exist)
    _set_pairs           the pairs whose distinct shingle sets pass verify's set test (a work table)
    matches              verify.verify per pair of _set_pairs, ignoring the pair's common shingles
    components           min-label propagation with pointer jumping (no GraphFrames), checkpointed
    stories + story_members   lineage.build_story per component (a grouped map over an RDD cogroup)

Each stage is skipped when its tables are complete (see ``spark.StageWriter``). The row functions below run
through ``_in_arrow`` (mapInArrow), not one pickled row at a time; only lineage's grouped map (an RDD cogroup
of a component's records and matches) still goes through the pickler.
"""

from __future__ import annotations

import json
import pickle
import time
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

import numpy as np
import pyarrow as pa
from pyspark import StorageLevel
from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import to_arrow_schema
from pyspark.sql.types import (ArrayType, BinaryType, DoubleType, IntegerType, LongType, ShortType, StringType,
                               StructField, StructType)

from newstrace.model import Article, Match, Passage, Story
from newstrace.reuse.candidates import candidate_sql, skipped_buckets_sql
from newstrace.reuse.fingerprint import FingerprintParams, permutations, signature_from_body
from newstrace.reuse.lineage import build_story
from newstrace.reuse.text import shingle_article
from newstrace.reuse.verify import CommonShingles, VerifyParams, passes_set_test, verify, worth_verifying
from newstrace.store.codec import article_from_json, article_text_from_json, to_jsonable
from newstrace.store.corpus import FURNITURE_SAMPLE, CorpusParams, CorpusStats

SHINGLED = "_shingled"  # work table between the common and verify stages
SET_PAIRS = "_set_pairs"  # work table: the pairs verify_stage moves whole pages to
WORTH = "_worth_pairs"  # candidate pairs worth exact verification (store.corpus._worth_verifying)
MAX_ITERATIONS = 200  # label propagation rounds; pointer jumping makes real copy graphs converge in a few
ARROW_ROWS = 4096  # rows per Arrow batch a row function's output is sent back in

_SIG = StructType([StructField("page_id", StringType(), False), StructField("length", IntegerType(), False),
                   StructField("minhash", ArrayType(LongType()), False), StructField("bands", ArrayType(LongType()), False)])
_DOC = StructType([StructField("page_id", StringType(), False), StructField("domain", StringType(), True),
                   StructField("title_key", StringType(), False), StructField("shingles", ArrayType(LongType()), False),
                   StructField("payload", BinaryType(), True), StructField("unique", BinaryType(), True)])
_PAIR = StructType([StructField("a", StringType(), False), StructField("b", StringType(), False)])
_TEMPLATE = StructType([StructField("domain", StringType(), False), StructField("template", BinaryType(), False)])
_MATCH = StructType([StructField("a", StringType(), False), StructField("b", StringType(), False),
                     StructField("containment_ab", DoubleType(), False), StructField("containment_ba", DoubleType(), False),
                     StructField("jaccard", DoubleType(), False), StructField("passages", StringType(), False)])
_STORY = StructType([StructField("id", StringType(), False), StructField("origin", StringType(), False),
                     StructField("origin_url", StringType(), True), StructField("confidence", DoubleType(), False),
                     StructField("evidence", StringType(), False), StructField("n_members", IntegerType(), False)])
_MEMBER = StructType([StructField("story_id", StringType(), False), StructField("page_id", StringType(), False),
                      StructField("url", StringType(), True), StructField("relation", StringType(), False),
                      StructField("copied_from", StringType(), True), StructField("copied_from_url", StringType(), True),
                      StructField("containment", DoubleType(), False), StructField("edits", StringType(), False),
                      StructField("domain", StringType(), True), StructField("published", StringType(), True),
                      StructField("title", StringType(), True)])
_BUILT = StructType([StructField("story", _STORY, False), StructField("members", ArrayType(_MEMBER), False)])


def _u64(values: Iterable[int]) -> np.ndarray:
    """Spark longs back to the sorted, distinct uint64 shingle hashes numpy code expects."""
    return np.unique(np.asarray(list(values), dtype=np.int64).view(np.uint64))


def _signed(arr: np.ndarray) -> list[int]:
    return [int(x) for x in np.asarray(arr, dtype=np.uint64).view(np.int64)]


def _rows(batches: Iterator[pa.RecordBatch]) -> Iterator[tuple]:
    """The rows of Arrow batches as named tuples: attribute access, as the row functions read Spark Rows."""
    kind = None
    for batch in batches:
        if kind is None or kind._fields != tuple(batch.schema.names):
            kind = namedtuple("Row", batch.schema.names)
        yield from map(kind, *batch.to_pydict().values())


def _in_arrow(df: DataFrame, walk: Callable[[Iterator], Iterator[tuple]], schema: StructType) -> DataFrame:
    """``walk`` (rows in, tuples out) over each partition of ``df`` in its order, through mapInArrow: rows
    cross between the JVM and Python as Arrow batches. Row by row (rdd.mapPartitions), the JVM's pickler
    spent most of a 100k-page run converting binary and long-array columns one value at a time."""
    arrow = to_arrow_schema(schema)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        out = walk(_rows(batches))
        while chunk := list(islice(out, ARROW_ROWS)):
            cols = [pa.array(col, type=f.type) for col, f in zip(zip(*chunk), arrow)]
            yield pa.RecordBatch.from_arrays(cols, schema=arrow)

    return df.mapInArrow(run, schema)


# ---- per-partition functions (shipped to Python workers) -------------------------------------------

def signature_rows(rows: Iterator, params: FingerprintParams) -> Iterator[tuple]:
    perms = permutations(params)  # once per partition
    for r in rows:
        sig = signature_from_body(r.page_id, r.body_text or "", params, perms)
        yield sig.page_id, sig.length, list(sig.minhash), list(sig.bands)


def _title_key(title: str | None, page_id: str) -> str:
    return (title or page_id).strip().lower()  # as verify.common_shingles keys distinct articles


def doc_rows(rows: Iterator, k: int) -> Iterator[tuple]:
    """(page id, domain, title key, unique shingles, payload, packed unique) of each page in the
    common-shingle count. A page in a pair worth verifying also carries its pickled ``Shingled`` so that
    verification unpickles it (~0.5 ms) instead of parsing its record and shingling it again for every
    pair it is in, and its distinct shingles packed as uint64 bytes for the set test (about a seventh of it)."""
    for r in rows:
        if r.record is not None:  # a page to verify: its title, standfirst and body, as store.corpus reads them
            art = article_text_from_json(r.record)
        else:  # counted only (a sample page, a pair under the estimate): from body_text, as store.corpus does
            art = Article(source="", page_id=r.page_id, body=(r.body_text or "").split("\n\n"))
        doc = shingle_article(art, k)
        # pickle of our own just-built arrays, read back only by verify_rows in this job
        payload = pickle.dumps(doc, protocol=5) if r.record is not None else None
        unique = doc.unique.tobytes() if r.record is not None else None
        yield r.page_id, r.domain or None, _title_key(r.title, r.page_id), _signed(doc.unique), payload, unique


def worth_rows(rows: Iterator, params: VerifyParams, batch: int = 50_000) -> Iterator[tuple]:
    """(a, b) of the candidate pairs worth verifying, through the same numpy test as the local engine, a
    batch of rows at a time (rows: a, b, length_a, length_b, minhash_a, minhash_b): a partition of a
    Common Crawl run can hold millions of pairs, 64 minhash values each."""
    while chunk := list(islice(rows, batch)):
        keep = worth_verifying(np.array([r.minhash_a for r in chunk], np.int64),
                               np.array([r.minhash_b for r in chunk], np.int64),
                               np.array([r.length_a for r in chunk]), np.array([r.length_b for r in chunk]), params)
        yield from ((r.a, r.b) for r, k in zip(chunk, keep.tolist()) if k)


def template_rows(rows: Iterator) -> Iterator[tuple]:
    """(domain, template) with the domain's template shingles packed once as sorted uint64 bytes."""
    for r in rows:
        yield r.domain, _u64(r.shingles).tobytes()


def _pair_docs(rows: Iterator, shared: np.ndarray, load: Callable[[bytes], object]) -> Iterator[tuple]:
    """(row, a's doc, b's doc, the pair's ignore sets) per pair row. Rows come grouped by (domain_a,
    domain_b), each group's first row (``lead``) carrying the two domains' templates and the others none,
    and sorted by ``a`` inside a group, the first row of each run of one ``a`` carrying its doc (see
    _grouped_pairs); ``load`` makes a doc of the shipped bytes."""
    last: tuple[str | None, object] = (None, None)
    group, ignore = None, [shared]
    for r in rows:
        if (r.domain_a, r.domain_b) != group:
            if not r.lead:  # a broken order would silently drop templates: never give other answers
                raise RuntimeError(f"verify rows of ({r.domain_a}, {r.domain_b}) do not start with the group's lead row")
            group = (r.domain_a, r.domain_b)
            by_domain = {d: np.frombuffer(t, np.uint64) for d, t in ((r.domain_a, r.tmpl_a), (r.domain_b, r.tmpl_b)) if t}
            ignore = CommonShingles(shared, by_domain).for_pair(r.domain_a, r.domain_b)
        if r.a != last[0]:
            if r.doc_a is None:
                raise RuntimeError(f"verify rows of {r.a} do not start with the row carrying its shingles")
            last = (r.a, load(r.doc_a))
        yield r, last[1], load(r.doc_b), ignore


def _unique(packed: bytes) -> np.ndarray:
    return np.frombuffer(packed, np.uint64)


def set_test_rows(rows: Iterator, shared: np.ndarray, params: VerifyParams) -> Iterator[tuple]:
    """(a, b) of the pairs whose distinct shingle sets pass verify's set test (verify.passes_set_test)."""
    for r, ua, ub, ignore in _pair_docs(rows, shared, _unique):
        if passes_set_test(ua, ub, ignore, params):
            yield r.a, r.b


def verify_rows(rows: Iterator, shared: np.ndarray, params: VerifyParams) -> Iterator[tuple]:
    """Match rows of verify() on pickled ``Shingled`` docs shipped as _pair_docs reads them."""
    for r, doc_a, doc_b, ignore in _pair_docs(rows, shared, pickle.loads):
        m = verify(doc_a, doc_b, ignore, params)
        if m is not None:
            yield (m.a, m.b, m.containment_ab, m.containment_ba, m.jaccard,
                   json.dumps([[list(p.a), list(p.b)] for p in m.passages]))


def _match(r) -> Match:
    passages = tuple(Passage(tuple(p[0]), tuple(p[1])) for p in json.loads(r[5] or "[]"))
    return Match(r[0], r[1], r[2], r[3], r[4], passages)


def _story_tuples(s: Story) -> tuple:
    story = (s.id, s.origin, s.origin_url, float(s.confidence), json.dumps(to_jsonable(s.evidence)), len(s.members))
    members = [(s.id, m.page_id, m.url, m.relation, m.copied_from, m.copied_from_url, float(m.containment),
                json.dumps(to_jsonable(m.edits)), m.domain, m.published, m.title) for m in s.members]
    return story, members


def story_rows(group, k: int) -> Iterator[tuple]:
    """Grouped map: one component's articles and matches -> its story (two or more members)."""
    _, (records, match_rows) = group
    arts = [article_from_json(r) for r in records]
    if len(arts) >= 2:
        yield _story_tuples(build_story(arts, [_match(m) for m in match_rows], k))


# ---- stages (driver side) ---------------------------------------------------------------------------

def _articles(w) -> DataFrame:
    return w.read("articles")


def fingerprint_stage(w, params: CorpusParams) -> None:
    if w.done(["signatures", "bands"]):
        return
    fp = params.fingerprint
    sigs = _in_arrow(_articles(w).select("page_id", "body_text"), lambda it: signature_rows(it, fp), _SIG)
    sigs = sigs.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        bands = sigs.select("page_id", F.posexplode("bands").alias("band", "hash"))
        w.write({"signatures": sigs.select("page_id", "length", "minhash"),
                 "bands": bands.select("page_id", F.col("band").cast(ShortType()).alias("band"), "hash")})
    finally:
        sigs.unpersist()


def candidate_stage(w, params: CorpusParams) -> None:
    if w.done(["checked_pairs"]):
        return
    w.read("bands").createOrReplaceTempView("bands")
    w.write({"checked_pairs": w.spark.sql(candidate_sql(params.candidates, "bands"))})


def worth_stage(w, params: CorpusParams) -> None:
    if w.done([WORTH]):
        return
    sig = w.read("signatures")

    def side(s: str) -> DataFrame:
        return sig.select(F.col("page_id").alias(s), F.col("length").alias(f"length_{s}"), F.col("minhash").alias(f"minhash_{s}"))

    v = params.verify
    pairs = w.read("checked_pairs").join(side("a"), "a").join(side("b"), "b")
    w.write({WORTH: _in_arrow(pairs, lambda it: worth_rows(it, v), _PAIR)})


def common_stage(w, params: CorpusParams) -> None:
    """Template (per domain) and stock (everywhere) shingles over the pages in candidate pairs plus a
    sample of each same-domain pair's domain: what ``store.corpus`` hands to ``common_shingles``. Only
    the pages of pairs worth verifying get a ``_shingled`` payload."""
    if w.done(["common_shingles", SHINGLED]):
        return
    arts = _articles(w).select("page_id", "domain", "title", "body_text", "record")
    pairs = w.read("checked_pairs")
    in_pairs = pairs.select(F.col("a").alias("page_id")).union(pairs.select(F.col("b").alias("page_id"))).distinct()
    dom = arts.select("page_id", "domain")
    same = (pairs.join(dom.withColumnRenamed("page_id", "a").withColumnRenamed("domain", "da"), "a")
            .join(dom.withColumnRenamed("page_id", "b").withColumnRenamed("domain", "db"), "b")
            .filter("da IS NOT NULL AND da <> '' AND da = db").select(F.col("da").alias("domain")).distinct())
    rank = F.row_number().over(Window.partitionBy("domain").orderBy("page_id"))
    sample = (arts.join(same, "domain").withColumn("_r", rank).filter(F.col("_r") <= FURNITURE_SAMPLE)
              .join(in_pairs, "page_id", "left_anti").withColumn("record", F.lit(None).cast(StringType())))
    worth = w.read(WORTH)
    in_worth = (worth.select(F.col("a").alias("page_id")).union(worth.select(F.col("b").alias("page_id"))).distinct()
                .withColumn("_w", F.lit(True)))
    docs = (arts.join(in_pairs, "page_id", "left_semi").join(in_worth, "page_id", "left")
            .withColumn("record", F.when(F.col("_w"), F.col("record"))).drop("_w")  # no record: counted, not verified
            .unionByName(sample.drop("_r")))
    k, v = params.fingerprint.shingle, params.verify
    rows = _in_arrow(docs, lambda it: doc_rows(it, k), _DOC).persist(StorageLevel.MEMORY_AND_DISK)  # shingled once, read by both outputs
    flat = rows.select("domain", "title_key", F.explode("shingles").alias("shingle"))
    try:
        shared = (flat.groupBy("shingle").agg(F.countDistinct("title_key").alias("n"))
                  .filter(F.col("n") >= v.common_min_titles).select(F.lit(None).cast(StringType()).alias("domain"), "shingle"))
        by_domain = (flat.filter("domain IS NOT NULL AND domain <> ''").groupBy("domain", "shingle")
                     .agg(F.countDistinct("title_key").alias("n")).filter(F.col("n") >= v.furniture_min_docs)
                     .select("domain", "shingle"))
        w.write({"common_shingles": shared.unionByName(by_domain),
                 SHINGLED: rows.filter("payload IS NOT NULL").select("page_id", "payload", "unique")})
    finally:
        rows.unpersist()


def _grouped_pairs(pairs: DataFrame, dom: DataFrame, templates: DataFrame, docs: DataFrame) -> DataFrame:
    """Pairs (a, b) as _pair_docs reads them: with their domains, partitioned by (domain_a, domain_b) and
    sorted by (domain_a, domain_b, a, b); the first row ("lead") of each domain pair carries both
    domains' templates, the first row of each run of ``a`` carries a's doc, every row b's (docs:
    page_id, doc). A domain's template (up to ~20,000 shingles for a big site at 100k pages) joined onto
    every pair row, or even every page row, had the JVM spend the run pickling it."""
    pairs = (pairs.join(dom.select(F.col("page_id").alias("a"), F.col("domain").alias("domain_a")), "a")
             .join(dom.select(F.col("page_id").alias("b"), F.col("domain").alias("domain_b")), "b"))
    group = ["domain_a", "domain_b"]
    pairs = (pairs.withColumn("lead", F.row_number().over(Window.partitionBy(*group).orderBy("a", "b")) == 1)
             .withColumn("a_lead", F.row_number().over(Window.partitionBy(*group, "a").orderBy("b")) == 1))
    for s in ("a", "b"):
        t = templates.select(F.col("domain").alias(f"_d{s}"), F.col("template").alias(f"tmpl_{s}"))
        pairs = pairs.join(t, (F.col(f"domain_{s}") == F.col(f"_d{s}")) & F.col("lead"), "left").drop(f"_d{s}")
    return (pairs.join(docs.select(F.col("page_id").alias("_pa"), F.col("doc").alias("doc_a")),
                       (F.col("a") == F.col("_pa")) & F.col("a_lead"), "left").drop("_pa")
            .join(docs.select(F.col("page_id").alias("b"), F.col("doc").alias("doc_b")), "b")
            .repartition(*group).sortWithinPartitions(*group, "a", "b"))


def verify_stage(w, params: CorpusParams) -> None:
    """verify.verify per pair worth it, in two passes over the same grouping (_grouped_pairs): first
    each page's distinct shingles (packed uint64s) for verify's set test, which most pairs fail (94% at
    100k generated pages), then the whole pickled pages for the pairs that passed. Pages shipped whole
    to every pair they are in made the run a shuffle of tens of gigabytes at 100k pages."""
    if w.done(["matches"]):
        return
    common = w.read("common_shingles")
    shared = _u64(r.shingle for r in common.filter("domain IS NULL").collect())  # stock phrases: a small set
    by_domain = common.filter("domain IS NOT NULL").groupBy("domain").agg(F.collect_list("shingle").alias("shingles"))
    templates = _in_arrow(by_domain, template_rows, _TEMPLATE).persist()
    dom = _articles(w).select("page_id", "domain")
    docs = w.read(SHINGLED)
    v = params.verify
    bshared = w.spark.sparkContext.broadcast(shared)
    try:
        if not w.done([SET_PAIRS]):
            sets = _grouped_pairs(w.read(WORTH), dom, templates, docs.select("page_id", F.col("unique").alias("doc")))
            w.write({SET_PAIRS: _in_arrow(sets, lambda it: set_test_rows(it, bshared.value, v), _PAIR)})
        whole = _grouped_pairs(w.read(SET_PAIRS), dom, templates, docs.select("page_id", F.col("payload").alias("doc")))
        w.write({"matches": _in_arrow(whole, lambda it: verify_rows(it, bshared.value, v), _MATCH)})
    finally:
        bshared.unpersist()
        templates.unpersist()
    for table in (SHINGLED, SET_PAIRS):  # work tables: the matches are what later stages and users read
        w.fs.delete(w.path(table))


def _checkpoint(df: DataFrame) -> DataFrame:
    """Cut the lineage of an iteration: reliably when the session has a checkpoint folder, else locally."""
    sc = df.sparkSession.sparkContext
    return df.checkpoint(eager=True) if sc.getCheckpointDir() else df.localCheckpoint(eager=True)


def components_of(edges: DataFrame, max_iterations: int = MAX_ITERATIONS) -> DataFrame:
    """(node, label) with label = the smallest node of its connected component: min-label propagation
    along edges, plus pointer jumping (label <- label of label), until no label changes."""
    und = edges.select("src", "dst").unionByName(edges.select(F.col("dst").alias("src"), F.col("src").alias("dst")))
    und = und.distinct().persist(StorageLevel.MEMORY_AND_DISK)
    labels = _checkpoint(und.select(F.col("src").alias("node")).distinct().withColumn("label", F.col("node")))
    try:
        for _ in range(max_iterations):
            pushed = und.join(labels, und.src == labels.node).select(F.col("dst").alias("node"), "label")
            nxt = labels.unionByName(pushed).groupBy("node").agg(F.min("label").alias("label"))
            hop = nxt.alias("x").join(nxt.alias("y"), F.col("x.label") == F.col("y.node"))
            nxt = _checkpoint(hop.select(F.col("x.node").alias("node"), F.least("x.label", "y.label").alias("label")))
            changed = nxt.join(labels.withColumnRenamed("label", "old"), "node").filter("label <> old").limit(1).count()
            labels = nxt
            if not changed:
                return labels
        raise RuntimeError(f"connected components did not converge in {max_iterations} rounds")
    finally:
        und.unpersist()


def components_stage(w) -> None:
    if w.done(["components"]):
        return
    edges = w.read("matches").select(F.col("a").alias("src"), F.col("b").alias("dst"))
    labels = components_of(edges)
    w.write({"components": labels.select(F.col("node").alias("page_id"), F.col("label").alias("component"))})


def lineage_stage(w, params: CorpusParams, slices: int) -> None:
    if w.done(["stories", "story_members"]):
        return
    comps = w.read("components")
    members = comps.join(_articles(w).select("page_id", "record"), "page_id").rdd.map(lambda r: (r.component, r.record))
    edges = w.read("matches").join(comps.withColumnRenamed("page_id", "a"), "a").rdd.map(
        lambda r: (r.component, (r.a, r.b, r.containment_ab, r.containment_ba, r.jaccard, r.passages)))
    k = params.fingerprint.shingle
    built = members.cogroup(edges, max(1, slices)).flatMap(lambda g: story_rows(g, k))
    df = w.spark.createDataFrame(built, _BUILT).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        w.write({"stories": df.select("story.*"), "story_members": df.select(F.explode("members").alias("m")).select("m.*")})
    finally:
        df.unpersist()


def _count(w, table: str) -> int:
    return w.read(table).count()


def corpus_stages(w, params: CorpusParams | None = None) -> CorpusStats:
    """All corpus stages over the articles table; a full build (a Spark run is a batch, not an increment)."""
    params = params or CorpusParams()
    stats, marks = CorpusStats(full_rebuild=True), [time.perf_counter()]
    slices = int(w.spark.conf.get("spark.sql.shuffle.partitions", "200"))
    for stage in (lambda: fingerprint_stage(w, params), lambda: (candidate_stage(w, params), worth_stage(w, params)),
                  lambda: w.done(["matches"]) or (common_stage(w, params), verify_stage(w, params)),
                  lambda: (components_stage(w), lineage_stage(w, params, slices))):
        stage()
        marks.append(time.perf_counter())
    stats.seconds = {name: round(b - a, 3) for name, a, b in
                     zip(("fingerprint", "candidates", "verify", "lineage"), marks, marks[1:])}
    stats.pages_fingerprinted = _count(w, "signatures")
    stats.pages_with_bands = w.read("bands").select("page_id").distinct().count()
    stats.candidate_pairs = _count(w, "checked_pairs")
    stats.pairs_not_worth_verifying = stats.candidate_pairs - _count(w, WORTH)
    stats.matches = _count(w, "matches")
    w.read("bands").createOrReplaceTempView("bands")
    stats.skipped_buckets = w.spark.sql(skipped_buckets_sql(params.candidates, "bands")).collect()[0][0]
    stats.stories_total = stats.stories_rebuilt = _count(w, "stories")
    return stats
