"""The corpus stages on DuckDB: signatures and bands -> candidate pairs (a SQL join) -> verified
matches -> stories. Incremental: new pages are matched against everything stored, and only the
stories whose components gained a match are rebuilt. Stage logic lives in newstrace.reuse; this
module owns tables, batching and I/O (Arrow in, Arrow out, no row-by-row inserts).
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

import duckdb
import numpy as np
import pyarrow as pa

from newstrace.model import Article, Edit, Match, OriginEvidence, Passage, Signature, Story, StoryMember
from newstrace.reuse.candidates import CandidateParams, candidate_sql, skipped_buckets_sql
from newstrace.reuse.fingerprint import FingerprintParams, permutations, signature_from_body
from newstrace.reuse.lineage import build_story, components
from newstrace.reuse.text import Shingled, shingle_article
from newstrace.reuse.verify import CommonShingles, VerifyParams, common_shingles, verify
from newstrace.store.codec import record_from_dict, to_jsonable

SCHEMA = """
CREATE TABLE IF NOT EXISTS signatures (page_id VARCHAR PRIMARY KEY, length INTEGER, minhash UINTEGER[]);
CREATE TABLE IF NOT EXISTS bands (page_id VARCHAR, band SMALLINT, hash BIGINT);
CREATE TABLE IF NOT EXISTS checked_pairs (a VARCHAR, b VARCHAR);
CREATE TABLE IF NOT EXISTS matches (a VARCHAR, b VARCHAR, containment_ab DOUBLE, containment_ba DOUBLE,
    jaccard DOUBLE, passages JSON);
CREATE TABLE IF NOT EXISTS stories (id VARCHAR, origin VARCHAR, origin_url VARCHAR, confidence DOUBLE,
    evidence JSON, n_members INTEGER);
CREATE TABLE IF NOT EXISTS story_members (story_id VARCHAR, page_id VARCHAR, url VARCHAR, relation VARCHAR,
    copied_from VARCHAR, copied_from_url VARCHAR, containment DOUBLE, edits JSON, domain VARCHAR,
    published VARCHAR, title VARCHAR);
CREATE TABLE IF NOT EXISTS corpus_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
"""
CORPUS_TABLES = ("signatures", "bands", "checked_pairs", "matches", "stories", "story_members")
FURNITURE_SAMPLE = 200  # other pages per domain read to learn that domain's template shingles
BATCH = 20_000


@dataclass(frozen=True, slots=True)
class CorpusParams:
    fingerprint: FingerprintParams = FingerprintParams()
    candidates: CandidateParams = CandidateParams()
    verify: VerifyParams = VerifyParams()


@dataclass(slots=True)
class CorpusStats:
    pages_fingerprinted: int = 0
    pages_with_bands: int = 0
    candidate_pairs: int = 0
    matches: int = 0
    skipped_buckets: int = 0
    stories_rebuilt: int = 0
    stories_total: int = 0
    full_rebuild: bool = False
    seconds: dict[str, float] = field(default_factory=dict)


def _has_tables(con: duckdb.DuckDBPyConnection, names: Sequence[str]) -> bool:
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    return all(n in have for n in names)


def _ids_table(con: duckdb.DuckDBPyConnection, name: str, ids: Iterable[str]) -> None:
    con.register(f"{name}_arrow", pa.table({"page_id": pa.array(sorted(set(ids)), pa.string())}))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT page_id FROM {name}_arrow")
    con.unregister(f"{name}_arrow")


def add_signatures(con: duckdb.DuckDBPyConnection, sigs: Sequence[Signature]) -> None:
    """Bulk-insert signatures and their bands (an engine may compute them in parallel and call this)."""
    if not sigs:
        return
    mh = np.array([s.minhash for s in sigs], dtype=np.uint32)
    ids = pa.array([s.page_id for s in sigs], pa.string())
    sig_tab = pa.table({"page_id": ids, "length": pa.array([s.length for s in sigs], pa.int32()),
                        "minhash": pa.FixedSizeListArray.from_arrays(pa.array(mh.ravel()), mh.shape[1])})
    nb = np.array([len(s.bands) for s in sigs])
    band_tab = pa.table({"page_id": pa.array(np.repeat(np.array([s.page_id for s in sigs], object), nb), pa.string()),
                         "band": pa.array(np.concatenate([np.arange(n, dtype=np.int16) for n in nb])),
                         "hash": pa.array(np.fromiter((h for s in sigs for h in s.bands), np.int64, int(nb.sum())))})
    con.register("_sig_arrow", sig_tab)
    con.register("_band_arrow", band_tab)
    con.execute("INSERT OR REPLACE INTO signatures SELECT page_id, length, minhash::UINTEGER[] FROM _sig_arrow")
    con.execute("INSERT INTO bands SELECT * FROM _band_arrow")
    con.unregister("_sig_arrow")
    con.unregister("_band_arrow")


def signature_batch(rows: Sequence[tuple[str, str | None]], params: FingerprintParams) -> list[Signature]:
    """Signatures of (page_id, body_text) rows: the unit of work a process pool or Spark partition runs."""
    perms = permutations(params)
    return [signature_from_body(pid, body or "", params, perms) for pid, body in rows]


def _fingerprint_missing(con: duckdb.DuckDBPyConnection, params: FingerprintParams, workers: int) -> int:
    cur = con.execute("SELECT a.page_id, a.body_text FROM articles a JOIN _new n USING (page_id) "
                      "ANTI JOIN signatures s USING (page_id) ORDER BY a.page_id")
    done = 0
    pool = ProcessPoolExecutor(workers) if workers > 1 else None
    try:
        while rows := cur.fetchmany(BATCH * max(1, workers)):
            if pool is None:
                sigs = signature_batch(rows, params)
            else:
                step = -(-len(rows) // workers)
                parts = pool.map(signature_batch, [rows[i : i + step] for i in range(0, len(rows), step)],
                                 [params] * workers)
                sigs = [s for part in parts for s in part]
            add_signatures(con.cursor(), sigs)
            done += len(sigs)
    finally:
        if pool is not None:
            pool.shutdown()
    return done


# What reuse reads of an Article: decoding only these skips quotes, claims and entities (most of a record).
REUSE_FIELDS = ("source", "page_id", "url", "canonical_url", "domain", "site_name", "title", "standfirst", "byline",
                "published", "fetched_at", "body", "credits", "boilerplate", "publisher")


def reuse_view(record: str) -> Article:
    """The Article fields the corpus stages use, from a stored record."""
    d = json.loads(record)
    return record_from_dict(Article, {k: d[k] for k in REUSE_FIELDS if k in d})


def _load_articles(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, Article]:
    _ids_table(con, "_want", ids)
    rows = con.execute("SELECT a.record FROM articles a JOIN _want USING (page_id)").fetchall()
    return {(a := reuse_view(r[0])).page_id: a for r in rows}


def _furniture_docs(con: duckdb.DuckDBPyConnection, arts: dict[str, Article], pairs: list[tuple[str, str]],
                    k: int) -> tuple[list[Shingled], list[str | None], list[str | None]]:
    """Extra pages of each domain seen in a same-domain candidate pair, to learn its template."""
    doms = sorted({arts[a].domain for a, b in pairs if a in arts and b in arts and arts[a].domain
                   and arts[a].domain == arts[b].domain})
    if not doms:
        return [], [], []
    rows = con.execute(
        "SELECT page_id, domain, title, body_text FROM (SELECT page_id, domain, title, body_text, row_number() "
        "OVER (PARTITION BY domain ORDER BY page_id) AS r FROM articles WHERE domain IN (SELECT unnest(?))) "
        f"WHERE r <= {FURNITURE_SAMPLE}", [doms]).fetchall()
    docs, ds, ts = [], [], []
    for pid, dom, title, body in rows:
        if pid in arts:
            continue
        docs.append(shingle_article(Article(source="", page_id=pid, body=(body or "").split("\n\n")), k))
        ds.append(dom)
        ts.append(title)
    return docs, ds, ts


def _common(con, arts: dict[str, Article], docs: dict[str, Shingled], pairs, params: CorpusParams) -> CommonShingles:
    extra, ed, et = _furniture_docs(con, arts, pairs, params.fingerprint.shingle)
    ids = sorted(docs)
    return common_shingles([docs[i] for i in ids] + extra, [arts[i].domain for i in ids] + ed,
                           [arts[i].title for i in ids] + et, params.verify)


def _verify_stage(con: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]], params: CorpusParams) -> list[Match]:
    if not pairs:
        return []
    arts = _load_articles(con, {p for pair in pairs for p in pair})
    k = params.fingerprint.shingle
    docs = {pid: shingle_article(a, k) for pid, a in arts.items()}
    common = _common(con, arts, docs, pairs, params)
    out = []
    for a, b in pairs:
        if a in docs and b in docs:
            ignore = common.for_pair(arts[a].domain, arts[b].domain)
            m = verify(docs[a], docs[b], ignore, params.verify)
            if m is not None:
                out.append(m)
    checked = pa.table({"a": pa.array([p[0] for p in pairs], pa.string()), "b": pa.array([p[1] for p in pairs], pa.string())})
    con.register("_checked_arrow", checked)
    con.execute("INSERT INTO checked_pairs SELECT * FROM _checked_arrow")
    con.unregister("_checked_arrow")
    _insert_matches(con, out)
    return out


def _insert_matches(con: duckdb.DuckDBPyConnection, matches: Sequence[Match]) -> None:
    if not matches:
        return
    tab = pa.table({"a": [m.a for m in matches], "b": [m.b for m in matches],
                    "containment_ab": pa.array([m.containment_ab for m in matches], pa.float64()),
                    "containment_ba": pa.array([m.containment_ba for m in matches], pa.float64()),
                    "jaccard": pa.array([m.jaccard for m in matches], pa.float64()),
                    "passages": [json.dumps([[list(p.a), list(p.b)] for p in m.passages]) for m in matches]})
    con.register("_match_arrow", tab)
    con.execute("INSERT INTO matches SELECT a, b, containment_ab, containment_ba, jaccard, passages::JSON FROM _match_arrow")
    con.unregister("_match_arrow")


def _match_from_row(r: tuple) -> Match:
    passages = tuple(Passage(tuple(p[0]), tuple(p[1])) for p in json.loads(r[5] or "[]"))
    return Match(r[0], r[1], r[2], r[3], r[4], passages)


def _lineage_stage(con: duckdb.DuckDBPyConnection, touched: set[str], params: CorpusParams) -> int:
    """Rebuild the stories of every component that contains a touched page."""
    if not touched:
        return 0
    edges = con.execute("SELECT a, b FROM matches").fetchall()
    comps = [c for c in components(edges) if any(p in touched for p in c)]
    nodes = {p for c in comps for p in c}
    _ids_table(con, "_nodes", nodes)
    con.execute("DELETE FROM stories WHERE id IN (SELECT DISTINCT story_id FROM story_members "
                "WHERE page_id IN (SELECT page_id FROM _nodes))")
    con.execute("DELETE FROM story_members WHERE story_id NOT IN (SELECT id FROM stories)")
    rows = con.execute("SELECT m.* FROM matches m JOIN _nodes n ON m.a = n.page_id").fetchall()
    by_comp: dict[str, list[Match]] = {}
    root = {p: c[0] for c in comps for p in c}
    for r in rows:
        by_comp.setdefault(root[r[0]], []).append(_match_from_row(r))
    built = []
    for start in range(0, len(comps), 2000):  # bounded memory: articles loaded per slice of components
        chunk = comps[start : start + 2000]
        arts = _load_articles(con, {p for c in chunk for p in c})
        for c in chunk:
            members = [arts[p] for p in c if p in arts]
            if len(members) >= 2:
                built.append(build_story(members, by_comp.get(c[0], []), params.fingerprint.shingle))
    _insert_stories(con, built)
    return len(built)


def _insert_stories(con: duckdb.DuckDBPyConnection, stories_: Sequence[Story]) -> None:
    if not stories_:
        return
    st = pa.table({"id": [s.id for s in stories_], "origin": [s.origin for s in stories_],
                   "origin_url": pa.array([s.origin_url for s in stories_], pa.string()),
                   "confidence": pa.array([s.confidence for s in stories_], pa.float64()),
                   "evidence": [json.dumps(to_jsonable(s.evidence)) for s in stories_],
                   "n_members": pa.array([len(s.members) for s in stories_], pa.int32())})
    mem = [(s.id, m) for s in stories_ for m in s.members]
    cols = ("page_id", "url", "relation", "copied_from", "copied_from_url", "containment")
    mt = {"story_id": [sid for sid, _ in mem]} | {c: [getattr(m, c) for _, m in mem] for c in cols}
    mt |= {"edits": [json.dumps(to_jsonable(m.edits)) for _, m in mem]}
    mt |= {c: [getattr(m, c) for _, m in mem] for c in ("domain", "published", "title")}
    con.register("_st_arrow", st)
    con.register("_mem_arrow", pa.table(mt))
    con.execute("INSERT INTO stories SELECT id, origin, origin_url, confidence, evidence::JSON, n_members FROM _st_arrow")
    con.execute("INSERT INTO story_members SELECT story_id, page_id, url, relation, copied_from, copied_from_url, "
                "containment, edits::JSON, domain, published, title FROM _mem_arrow")
    con.unregister("_st_arrow")
    con.unregister("_mem_arrow")


def _params_key(params: CorpusParams) -> str:
    return json.dumps(asdict(params), sort_keys=True)


def _prepare(con: duckdb.DuckDBPyConnection, new_page_ids: list[str] | None, params: CorpusParams) -> bool:
    """Create tables; clear them for a full rebuild (asked for, or parameters changed). True if full."""
    con.execute(SCHEMA)
    stored = next(iter(con.execute("SELECT value FROM corpus_meta WHERE key = 'params'").fetchall()), None)
    full = new_page_ids is None or (stored is not None and stored[0] != _params_key(params))
    if full:
        # Signatures are a pure function of (body, params): kept across rebuilds unless params changed.
        keep = ("signatures", "bands") if stored is not None and stored[0] == _params_key(params) else ()
        for t in CORPUS_TABLES:
            if t not in keep:
                con.execute(f"DELETE FROM {t}")
        con.execute("CREATE OR REPLACE TEMP TABLE _new AS SELECT page_id FROM articles")
    else:
        _ids_table(con, "_new", new_page_ids)
        con.execute("DELETE FROM _new WHERE page_id IN (SELECT page_id FROM signatures)")
    con.execute("INSERT OR REPLACE INTO corpus_meta VALUES ('params', ?)", [_params_key(params)])
    return full


def update_corpus(con: duckdb.DuckDBPyConnection, new_page_ids: list[str] | None = None,
                  params: CorpusParams | None = None, workers: int = 1) -> CorpusStats:
    """Fingerprint, match and build stories for ``new_page_ids`` (None: rebuild everything).
    ``workers`` > 1 fingerprints in a process pool; everything else is joins and one pass."""
    params = params or CorpusParams()
    stats, t0 = CorpusStats(), time.perf_counter()
    stats.full_rebuild = _prepare(con, new_page_ids, params)
    stats.pages_fingerprinted = _fingerprint_missing(con, params.fingerprint, workers)
    t1 = time.perf_counter()
    sql = candidate_sql(params.candidates, "bands", None if stats.full_rebuild else "_new")
    pairs = con.execute(f"SELECT a, b FROM ({sql}) ANTI JOIN checked_pairs USING (a, b) ORDER BY a, b").fetchall()
    stats.candidate_pairs = len(pairs)
    if stats.full_rebuild:  # a whole-store scan: counted on rebuilds only
        stats.skipped_buckets = con.execute(skipped_buckets_sql(params.candidates)).fetchall()[0][0]
    t2 = time.perf_counter()
    found = _verify_stage(con, pairs, params)
    stats.matches = len(found)
    t3 = time.perf_counter()
    stats.stories_rebuilt = _lineage_stage(con, {p for m in found for p in (m.a, m.b)}, params)
    stats.stories_total = con.execute("SELECT count(*) FROM stories").fetchall()[0][0]
    stats.pages_with_bands = con.execute("SELECT count(DISTINCT page_id) FROM bands").fetchall()[0][0]
    t4 = time.perf_counter()
    stats.seconds = {"fingerprint": round(t1 - t0, 3), "candidates": round(t2 - t1, 3),
                     "verify": round(t3 - t2, 3), "lineage": round(t4 - t3, 3)}
    return stats


def _stories_where(con: duckdb.DuckDBPyConnection, where: str, args: list) -> list[Story]:
    if not _has_tables(con, ("stories", "story_members")):
        return []
    srows = con.execute(f"SELECT id, origin, origin_url, confidence, evidence FROM stories WHERE n_members >= 2 "
                        f"AND {where} ORDER BY n_members DESC, id", args).fetchall()
    if not srows:
        return []
    mrows = con.execute("SELECT story_id, page_id, url, relation, copied_from, copied_from_url, containment, edits, "
                        "domain, published, title FROM story_members WHERE story_id IN (SELECT unnest(?))",
                        [[r[0] for r in srows]]).fetchall()
    members: dict[str, list[StoryMember]] = {}
    for r in mrows:
        edits = [record_from_dict(Edit, e) for e in json.loads(r[7] or "[]")]
        members.setdefault(r[0], []).append(StoryMember(r[1], r[2], r[3], r[4], r[5], r[6], edits, r[8], r[9], r[10]))
    out = []
    for sid, origin, url, conf, ev in srows:
        evidence = [record_from_dict(OriginEvidence, e) for e in json.loads(ev or "[]")]
        ms = sorted(members.get(sid, []), key=lambda m: (m.relation != "origin", m.published is None,
                                                          m.published or "", m.page_id))
        out.append(Story(sid, origin, url, conf, evidence, ms))
    return out


def stories(con: duckdb.DuckDBPyConnection) -> list[Story]:
    """Every story with two or more members, largest first."""
    return _stories_where(con, "TRUE", [])


def story_for(con: duckdb.DuckDBPyConnection, url_or_id: str) -> Story | None:
    """The story of a page (by page_id, url or source) or a story by its id."""
    if not _has_tables(con, ("stories", "story_members", "articles")):
        return None
    found = _stories_where(con, "id IN (SELECT ? UNION SELECT story_id FROM story_members WHERE page_id IN "
                                "(SELECT page_id FROM articles WHERE page_id = ? OR url = ? OR source = ?) "
                                "OR url = ?)", [url_or_id] * 5)
    return found[0] if found else None
