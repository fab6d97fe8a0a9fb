"""The corpus stages on DuckDB: signatures and bands -> candidate pairs (a SQL join) -> verified
matches -> stories. Incremental: new pages are matched against everything stored, and only the
stories whose components gained a match are rebuilt. Stage logic lives in newstrace.reuse; this
module owns tables, batching and I/O (Arrow in, Arrow out, no row-by-row inserts); the numpy half of
verification (template and stock shingles, the set test) is store/common.py, the pool store/pool.py.
"""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field

import duckdb
import numpy as np
import pyarrow as pa
import xxhash

from newstrace.model import Article, Edit, Match, OriginEvidence, Passage, Signature, Story, StoryMember
from newstrace.reuse.candidates import CandidateParams, candidate_sql, skipped_buckets_sql
from newstrace.reuse.fingerprint import FingerprintParams, SignatureBlock, fingerprint_arrow
from newstrace.reuse.lineage import EditMemo, build_story, components
from newstrace.reuse.text import shingle_article
from newstrace.reuse.verify import CommonShingles, VerifyParams, verify, worth_verifying
from newstrace.store.codec import record_from_dict, to_jsonable
from newstrace.store.common import SetsOf, passing_set_test, sharded_common, shingle_sets
from newstrace.store.pool import Workers

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
CREATE TABLE IF NOT EXISTS edit_keys (page_id VARCHAR, copied_from VARCHAR, key VARCHAR);
CREATE TABLE IF NOT EXISTS corpus_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
"""
# edit_keys: the memo key of each story edge's edits (lineage.EditMemo), so an incremental update
# reuses the edits of edges it leaves unchanged; a local-engine table (Spark builds stories whole).
CORPUS_TABLES = ("signatures", "bands", "checked_pairs", "matches", "stories", "story_members", "edit_keys")
FURNITURE_SAMPLE = 200  # other pages per domain read to learn that domain's template shingles
BATCH = 5_000  # pages per fingerprint task
CHUNK_PAGES = 2_000  # pages per verify / lineage task: bounds a task's memory; small stores still get 2+ tasks
WAVE_PAGES = 50_000  # pages read from the store in one query, then handed out a chunk at a time


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
    pairs_not_worth_verifying: int = 0  # candidates under the MinHash estimate (verify.worth_verifying)
    matches: int = 0
    skipped_buckets: int = 0
    stories_rebuilt: int = 0
    stories_total: int = 0
    full_rebuild: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # this process + its worker tasks


def _cpu() -> float:
    """CPU seconds of this process (its worker tasks are counted by Workers): on a shared machine,
    the cost that wall time hides."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def _has_tables(con: duckdb.DuckDBPyConnection, names: Sequence[str]) -> bool:
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    return all(n in have for n in names)


def _ids_table(con: duckdb.DuckDBPyConnection, name: str, ids: Iterable[str]) -> None:
    con.register(f"{name}_arrow", pa.table({"page_id": pa.array(sorted(set(ids)), pa.string())}))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT page_id FROM {name}_arrow")
    con.unregister(f"{name}_arrow")


def _rows_in(ids_table: str, extra: str = "") -> str:
    """A WHERE condition picking the articles whose page_id is in ``ids_table``, by rowid: DuckDB then
    reads the wide columns (record, body) of those rows only, where a join on page_id decompresses
    them for the whole table (a 100k-page store: 0.04 s instead of 0.23 s for 3,000 records)."""
    return f"a.rowid IN (SELECT articles.rowid FROM articles JOIN {ids_table} USING (page_id) {extra})"


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
    _insert_signatures(con, sig_tab, band_tab)


def _insert_arrow(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table, select: str = "*",
                  verb: str = "INSERT") -> None:
    """One bulk statement from an Arrow table (``select`` casts columns, e.g. JSON text to JSON)."""
    con.register("_rows_arrow", rows)
    try:
        con.execute(f"{verb} INTO {table} SELECT {select} FROM _rows_arrow")
    finally:
        con.unregister("_rows_arrow")


def _insert_signatures(con: duckdb.DuckDBPyConnection, sig_tab: pa.Table, band_tab: pa.Table) -> None:
    _insert_arrow(con, "signatures", sig_tab, "page_id, length, minhash::UINTEGER[]", "INSERT OR REPLACE")
    _insert_arrow(con, "bands", band_tab)


def add_signature_block(con: duckdb.DuckDBPyConnection, block: SignatureBlock) -> None:
    """Bulk-insert a block of signatures (arrays, as a fingerprint worker returns them) and their bands."""
    n = len(block.page_ids)
    if not n:
        return
    ids = pa.array(block.page_ids, pa.string())
    mh = block.minhash
    sig_tab = pa.table({"page_id": ids, "length": pa.array(block.length, pa.int32()),
                        "minhash": pa.FixedSizeListArray.from_arrays(pa.array(mh.ravel()), mh.shape[1])})
    rows = np.flatnonzero(block.has_bands)
    nb = block.bands.shape[1]
    band_tab = pa.table({"page_id": ids.take(pa.array(np.repeat(rows, nb))),
                         "band": pa.array(np.tile(np.arange(nb, dtype=np.int16), len(rows))),
                         "hash": pa.array(block.bands[rows].ravel())})
    _insert_signatures(con, sig_tab, band_tab)


def signature_batch(rows: Sequence[tuple[str, str | None]], params: FingerprintParams) -> list[Signature]:
    """Signatures of (page_id, body_text) rows: the unit of work a process pool or Spark partition runs."""
    return fingerprint_arrow([r[0] for r in rows], pa.array([r[1] for r in rows], pa.large_string()),
                             params).signatures()


def _fingerprint_part(ids: pa.Array, bodies: pa.Array, params: FingerprintParams) -> SignatureBlock:
    return fingerprint_arrow(ids.to_pylist(), bodies, params)


def _fingerprint_missing(con: duckdb.DuckDBPyConnection, params: FingerprintParams, workers: Workers) -> int:
    """Bodies stream out of DuckDB as Arrow batches (no Python string per row on this side) and are
    fingerprinted a batch at a time, in the worker processes while this one inserts the finished ones."""
    todo = con.execute("SELECT count(*) FROM _new ANTI JOIN signatures s USING (page_id)").fetchall()[0][0]
    reader = con.sql("SELECT a.page_id, a.body_text FROM articles a WHERE "
                     + _rows_in("_new", "ANTI JOIN signatures USING (page_id)")).to_arrow_reader(BATCH)
    ins = con.cursor()  # inserts go through a second cursor while the reader streams
    done = 0
    for block in workers.run(((rb.column(0), rb.column(1), params) for rb in reader), _fingerprint_part,
                             -(-todo // BATCH)):
        add_signature_block(ins, block)
        done += len(block.page_ids)
    return done


# What reuse reads of an Article: decoding only these skips quotes, claims and entities (most of a record).
REUSE_FIELDS = ("source", "page_id", "url", "canonical_url", "domain", "site_name", "title", "standfirst", "byline",
                "published", "fetched_at", "body", "credits", "boilerplate", "publisher")


def reuse_view(record: str) -> Article:
    """The Article fields the corpus stages use, from a stored record."""
    d = json.loads(record)
    return record_from_dict(Article, {k: d[k] for k in REUSE_FIELDS if k in d})


def _record_rows(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> list[tuple]:
    """(page_id, stored record as JSON text) of ``ids``: decoded by the worker that uses them, not here."""
    _ids_table(con, "_want", ids)
    return con.execute("SELECT a.page_id, a.record FROM articles a WHERE " + _rows_in("_want")).fetchall()


def _text_rows(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> list[tuple]:
    """(page_id, domain, title, standfirst, body as JSON) of ``ids``: the part of a record that
    verification reads (the text spans point into), cut out by DuckDB's JSON reader instead of decoding
    every record in Python."""
    _ids_table(con, "_want", ids)
    return con.execute("SELECT a.page_id, a.domain, a.title, json_extract_string(a.record, '$.standfirst'), "
                       "json_extract(a.record, '$.body')::VARCHAR FROM articles a WHERE " + _rows_in("_want")).fetchall()


def _rows_by_chunk(con: duckdb.DuckDBPyConnection, chunks: Sequence[set[str]],
                   fetch: Callable[[duckdb.DuckDBPyConnection, Iterable[str]], list[tuple]]) -> Iterator[list[tuple]]:
    """Each chunk's rows (``fetch`` gives rows keyed by page_id, first), fetched for a wave of chunks at
    once: every fetch scans the articles table, so one per chunk cost a million-page store hundreds of
    scans, with the pool idle meanwhile. A wave holds up to WAVE_PAGES pages, bounding this process's memory."""
    i = 0
    while i < len(chunks):
        j, n = i, 0
        while j < len(chunks) and (j == i or n + len(chunks[j]) <= WAVE_PAGES):
            n, j = n + len(chunks[j]), j + 1
        rows = {r[0]: r for r in fetch(con, set().union(*chunks[i:j]))}
        for ids in chunks[i:j]:
            yield [rows[p] for p in sorted(ids) if p in rows]
        i = j


def _text_article(row: tuple) -> Article:
    pid, domain, title, standfirst, body = row
    return Article(source="", page_id=pid, domain=domain, title=title, standfirst=standfirst,
                   body=json.loads(body) if body else [])


def _pack(groups: Sequence[Sequence[str]], size: int) -> list[list[int]]:
    """Indices of ``groups`` packed in order into chunks of about ``size`` pages (a bigger group alone)."""
    chunks: list[list[int]] = [[]]
    n = 0
    for i, g in enumerate(groups):
        if n and n + len(g) > size:
            chunks.append([])
            n = 0
        chunks[-1].append(i)
        n += len(g)
    return [c for c in chunks if c]


def _common(con: duckdb.DuckDBPyConnection, pages: list[str], pairs: list[tuple[str, str]],
            params: CorpusParams, workers: Workers) -> tuple[CommonShingles, dict[str, str | None], SetsOf]:
    """Template and stock shingles among the paired pages plus, for each domain seen in a same-domain
    pair, up to FURNITURE_SAMPLE other pages of it (to learn its template). Shingle sets come from the
    bodies in bulk (vectorised, in the pool), not from a Shingled per page. Also returns page -> domain
    and the pages' shingle sets, for verify's set test."""
    _ids_table(con, "_want", pages)
    tab = con.sql("SELECT a.page_id, a.domain, a.title, a.body_text FROM articles a WHERE "
                  + _rows_in("_want")).to_arrow_table()
    domain = dict(zip(tab.column(0).to_pylist(), tab.column(1).to_pylist()))
    doms = sorted({domain[a] for a, b in pairs if domain.get(a) and domain[a] == domain.get(b)})
    if doms:
        extra = con.sql(  # the sample is picked on narrow columns, then its bodies are read by rowid
            "SELECT a.page_id, a.domain, a.title, a.body_text FROM articles a WHERE a.rowid IN (SELECT rowid FROM "
            "(SELECT rowid, page_id, row_number() OVER (PARTITION BY domain ORDER BY page_id) AS r FROM articles "
            f"WHERE domain IN (SELECT unnest(?))) WHERE r <= {FURNITURE_SAMPLE} AND page_id NOT IN "
            "(SELECT page_id FROM _want))", params=[doms]).to_arrow_table()
        tab = pa.concat_tables([tab, extra.cast(tab.schema)])
    k = params.fingerprint.shingle
    ids, doms_, titles = (tab.column(i).to_pylist() for i in range(3))
    bodies = tab.column(3)
    del tab
    parts = shingle_sets(bodies, k, workers, whole_below=4 * CHUNK_PAGES)
    del bodies  # about 3 KB a page, not needed past this point
    common = sharded_common(parts, ids, doms_, titles, params.verify, workers)
    return common, domain, SetsOf(parts, ids, drop=common.shared)


def _worth_verifying(con: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]],
                     params: VerifyParams) -> list[tuple[str, str]]:
    """The candidate pairs whose MinHash estimate is worth an exact check (verify.worth_verifying)."""
    if not pairs:
        return []
    _ids_table(con, "_paired", (p for pair in pairs for p in pair))
    tab = con.sql("SELECT page_id, length, minhash FROM signatures JOIN _paired USING (page_id)").to_arrow_table()
    row = {pid: i for i, pid in enumerate(tab.column(0).to_pylist())}
    length = tab.column(1).to_numpy()
    mh = np.asarray(tab.column(2).combine_chunks().flatten(), np.uint32).reshape(len(row), -1)
    ia = np.array([row[a] for a, _ in pairs])
    ib = np.array([row[b] for _, b in pairs])
    keep = worth_verifying(mh[ia], mh[ib], length[ia], length[ib], params)
    return [pair for pair, k in zip(pairs, keep.tolist()) if k]


def _verify_task(rows: list[tuple], pairs: list[tuple[str, str]], common: CommonShingles,
                 params: VerifyParams, k: int) -> list[Match]:
    """Verify one chunk of pairs (a worker's unit): build its pages' texts, shingle each once, verify."""
    arts = {a.page_id: a for a in map(_text_article, rows)}
    docs = {pid: shingle_article(a, k) for pid, a in arts.items()}
    out = []
    for a, b in pairs:
        if a in docs and b in docs:
            m = verify(docs[a], docs[b], common.for_pair(arts[a].domain, arts[b].domain), params)
            if m is not None:
                out.append(m)
    return out


def _verify_stage(con: duckdb.DuckDBPyConnection, candidates: list[tuple[str, str]], pairs: list[tuple[str, str]],
                  params: CorpusParams, workers: Workers | None = None) -> list[Match]:
    """Candidate pairs -> matches: ``pairs`` (the candidates worth verifying) are verified, ignoring the
    template and stock shingles counted over all ``candidates``' pages (so skipping a pair on its estimate
    changes no other pair's figures). Only the pairs that pass verify's set test on the shingle sets that
    count made go on; those are cut along their connected components into chunks, so each page is decoded
    and shingled in one chunk only, and chunks run in ``workers`` processes."""
    if not pairs:
        return []
    workers = workers or Workers(1)
    pages = sorted({p for pair in candidates for p in pair})
    common, domain, sets_of = _common(con, pages, candidates, params, workers)
    pairs = passing_set_test(pairs, sets_of, common, domain, params.verify)
    del sets_of
    if not pairs:
        return []
    comps = components(pairs)
    packed = _pack(comps, CHUNK_PAGES)
    chunk_of = {p: ci for ci, chunk in enumerate(packed) for i in chunk for p in comps[i]}
    chunk_pairs: dict[int, list[tuple[str, str]]] = {}
    for pair in pairs:
        chunk_pairs.setdefault(chunk_of[pair[0]], []).append(pair)

    order = sorted(chunk_pairs)
    chunk_ids = [{p for pair in chunk_pairs[ci] for p in pair} for ci in order]

    def tasks():
        for ci, ids, rows in zip(order, chunk_ids, _rows_by_chunk(con, chunk_ids, _text_rows)):
            doms = {domain.get(p) for p in ids}
            sub = CommonShingles(common.shared, {d: v for d, v in common.by_domain.items() if d in doms})
            yield rows, chunk_pairs[ci], sub, params.verify, params.fingerprint.shingle

    out = sorted((m for part in workers.run(tasks(), _verify_task, len(packed)) for m in part),
                 key=lambda m: (m.a, m.b))
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
    _insert_arrow(con, "matches", tab, "a, b, containment_ab, containment_ba, jaccard, passages::JSON")


def match_between(con: duckdb.DuckDBPyConnection, a: str, b: str) -> Match | None:
    """The stored match of two pages, whichever way round it was stored (None: they were not verified
    as a pair, e.g. a copy-tree edge the band join did not pair)."""
    if not _has_tables(con, ("matches",)):
        return None
    row = con.execute("SELECT a, b, containment_ab, containment_ba, jaccard, passages FROM matches "
                      "WHERE (a = ? AND b = ?) OR (a = ? AND b = ?) LIMIT 1", [a, b, b, a]).fetchone()
    return _match_from_row(row) if row else None


def _match_from_row(r: tuple) -> Match:
    passages = tuple(Passage(tuple(p[0]), tuple(p[1])) for p in json.loads(r[5] or "[]"))
    return Match(r[0], r[1], r[2], r[3], r[4], passages)


def _lineage_task(rows: list[tuple], comps: list[tuple[list[str], list[Match], tuple]],
                  k: int) -> tuple[list[Story], list[tuple[str, str, str]]]:
    """Stories of a chunk of components (a worker's unit), each with the edits memo of the stories it
    replaces; also the memo keys of every edge built, as (copy, source, key) rows."""
    arts = {a.page_id: a for a in (reuse_view(r) for _, r in rows)}
    digests = {p: xxhash.xxh3_64_hexdigest(r.encode()) for p, r in rows}
    built, keys = [], []
    for c, ms, (known, before) in comps:
        members = [arts[p] for p in c if p in arts]
        if len(members) >= 2:
            memo = EditMemo(digests, known, before)
            built.append(build_story(members, ms, k, memo=memo))
            keys += [(copy, source, key) for (source, copy), key in memo.made.items()]
    return built, keys


def _memo_of(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[tuple[str, ...], dict]]:
    """For each stored story with a member in ``_nodes``: its members and its edges' memo entries
    ((source, copy) -> (key, edits)), read before those stories are replaced."""
    touched = "SELECT DISTINCT story_id FROM story_members WHERE page_id IN (SELECT page_id FROM _nodes)"
    out: dict[str, tuple[list[str], dict]] = {}
    for sid, page in con.execute(f"SELECT story_id, page_id FROM story_members WHERE story_id IN ({touched})").fetchall():
        out.setdefault(sid, ([], {}))[0].append(page)
    for sid, page, source, key, edits in con.execute(
            "SELECT m.story_id, m.page_id, m.copied_from, k.key, m.edits FROM story_members m "
            f"JOIN edit_keys k USING (page_id, copied_from) WHERE m.story_id IN ({touched})").fetchall():
        out[sid][1][(source, page)] = (key, [record_from_dict(Edit, e) for e in json.loads(edits or "[]")])
    return {sid: (tuple(sorted(ms)), known) for sid, (ms, known) in out.items()}


def _component_memo(comp: list[str], old: dict[str, tuple[tuple[str, ...], dict]],
                    story_of: dict[str, str]) -> tuple[dict, list[tuple[str, ...]]]:
    """The memo entries of the stored stories inside one component, in EditMemo's shape."""
    known, before = {}, []
    for sid in sorted({story_of[p] for p in comp if p in story_of}):
        members, entries = old[sid]
        known |= {edge: (key, edits, len(before)) for edge, (key, edits) in entries.items()}
        before.append(members)
    return known, before


def _lineage_stage(con: duckdb.DuckDBPyConnection, touched: set[str], params: CorpusParams,
                   workers: Workers | None = None) -> int:
    """Rebuild the stories of every component that contains a touched page, chunks of components in
    ``workers`` processes (each story depends on its own component only). The edits of edges a
    rebuilt story keeps unchanged come from the memo (EditMemo)."""
    if not touched:
        return 0
    edges = con.execute("SELECT a, b FROM matches").fetchall()
    comps = [c for c in components(edges) if any(p in touched for p in c)]
    nodes = {p for c in comps for p in c}
    _ids_table(con, "_nodes", nodes)
    old = _memo_of(con)
    story_of = {p: sid for sid, (members, _) in old.items() for p in members}
    con.execute("DELETE FROM stories WHERE id IN (SELECT DISTINCT story_id FROM story_members "
                "WHERE page_id IN (SELECT page_id FROM _nodes))")
    con.execute("DELETE FROM story_members WHERE story_id NOT IN (SELECT id FROM stories)")
    con.execute("DELETE FROM edit_keys WHERE page_id IN (SELECT page_id FROM _nodes)")
    rows = con.execute("SELECT m.* FROM matches m JOIN _nodes n ON m.a = n.page_id").fetchall()
    by_comp: dict[str, list[Match]] = {}
    root = {p: c[0] for c in comps for p in c}
    for r in rows:
        by_comp.setdefault(root[r[0]], []).append(_match_from_row(r))
    k = params.fingerprint.shingle

    packed = _pack(comps, CHUNK_PAGES)
    chunk_ids = [{p for i in chunk for p in comps[i]} for chunk in packed]

    def tasks():
        for chunk, rows in zip(packed, _rows_by_chunk(con, chunk_ids, _record_rows)):
            yield rows, [(comps[i], by_comp.get(comps[i][0], []), _component_memo(comps[i], old, story_of))
                         for i in chunk], k

    workers = workers or Workers(1)
    n = 0
    for built, keys in workers.run(tasks(), _lineage_task, len(packed)):
        _insert_stories(con, built)
        if keys:
            _insert_arrow(con, "edit_keys", pa.table({c: [r[i] for r in keys] for i, c in
                                                      enumerate(("page_id", "copied_from", "key"))}))
        n += len(built)
    return n


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
    _insert_arrow(con, "stories", st, "id, origin, origin_url, confidence, evidence::JSON, n_members")
    _insert_arrow(con, "story_members", pa.table(mt), "story_id, page_id, url, relation, copied_from, copied_from_url, "
                  "containment, edits::JSON, domain, published, title")


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
                  params: CorpusParams | None = None, workers: int = 1,
                  progress: Callable[[str, float, float], None] | None = None) -> CorpusStats:
    """Fingerprint, match and build stories for ``new_page_ids`` (None: rebuild everything).
    ``workers`` > 1 runs fingerprinting, verification and lineage in a process pool; candidates are
    one SQL join. ``progress(stage, wall s, cpu s)`` is called as each stage ends (long runs)."""
    params = params or CorpusParams()
    pool = Workers(workers)
    try:
        return _update(con, new_page_ids, params, pool, progress)
    finally:
        pool.close()


def _update(con: duckdb.DuckDBPyConnection, new_page_ids: list[str] | None, params: CorpusParams,
            workers: Workers, progress: Callable[[str, float, float], None] | None) -> CorpusStats:
    stats, t0, c0 = CorpusStats(), time.perf_counter(), _cpu()

    def done(stage: str, t: float, c: float) -> tuple[float, float]:
        now, cpu = time.perf_counter(), _cpu() + workers.cpu
        if progress is not None:
            progress(stage, now - t, cpu - c)
        return now, cpu

    stats.full_rebuild = _prepare(con, new_page_ids, params)
    stats.pages_fingerprinted = _fingerprint_missing(con, params.fingerprint, workers)
    t1, c1 = done("fingerprint", t0, c0)
    sql = candidate_sql(params.candidates, "bands", None if stats.full_rebuild else "_new")
    pairs = con.execute(f"SELECT a, b FROM ({sql}) ANTI JOIN checked_pairs USING (a, b) ORDER BY a, b").fetchall()
    stats.candidate_pairs = len(pairs)
    if stats.full_rebuild:  # a whole-store scan: counted on rebuilds only
        stats.skipped_buckets = con.execute(skipped_buckets_sql(params.candidates)).fetchall()[0][0]
    t2, c2 = done("candidates", t1, c1)
    checked = pa.table({"a": pa.array([p[0] for p in pairs], pa.string()), "b": pa.array([p[1] for p in pairs], pa.string())})
    _insert_arrow(con, "checked_pairs", checked)  # every candidate: an estimate under the bar is a check too
    worth = _worth_verifying(con, pairs, params.verify)
    stats.pairs_not_worth_verifying = len(pairs) - len(worth)
    found = _verify_stage(con, pairs, worth, params, workers)
    stats.matches = len(found)
    t3, c3 = done("verify", t2, c2)
    stats.stories_rebuilt = _lineage_stage(con, {p for m in found for p in (m.a, m.b)}, params, workers)
    stats.stories_total = con.execute("SELECT count(*) FROM stories").fetchall()[0][0]
    stats.pages_with_bands = con.execute("SELECT count(DISTINCT page_id) FROM bands").fetchall()[0][0]
    t4, c4 = done("lineage", t3, c3)
    names = ("fingerprint", "candidates", "verify", "lineage")
    stats.seconds = {k: round(b - a, 3) for k, a, b in zip(names, (t0, t1, t2, t3), (t1, t2, t3, t4))}
    stats.cpu_seconds = {k: round(b - a, 3) for k, a, b in zip(names, (c0, c1, c2, c3), (c1, c2, c3, c4))}
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


def stories_page(con: duckdb.DuckDBPyConnection, offset: int, limit: int) -> tuple[list[Story], int]:
    """One page of ``stories`` (same order) and how many there are: a large crawl holds too many
    stories to read whole for one screen."""
    if not _has_tables(con, ("stories", "story_members")):
        return [], 0
    total = con.execute("SELECT count(*) FROM stories WHERE n_members >= 2").fetchone()[0]
    page = _stories_where(con, "id IN (SELECT id FROM stories WHERE n_members >= 2 ORDER BY n_members DESC, id "
                               "LIMIT ? OFFSET ?)", [limit, offset])
    return page, total


def story_for(con: duckdb.DuckDBPyConnection, url_or_id: str) -> Story | None:
    """The story of a page (by page_id, url or source) or a story by its id."""
    if not _has_tables(con, ("stories", "story_members", "articles")):
        return None
    found = _stories_where(con, "id IN (SELECT ? UNION SELECT story_id FROM story_members WHERE page_id IN "
                                "(SELECT page_id FROM articles WHERE page_id = ? OR url = ? OR source = ?) "
                                "OR url = ?)", [url_or_id] * 5)
    return found[0] if found else None
