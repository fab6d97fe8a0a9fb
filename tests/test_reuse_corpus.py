"""The DuckDB corpus stages: full build, incremental update equals full rebuild, queries."""

from __future__ import annotations

import duckdb
from test_reuse_helpers import AGENCY, FURNITURE, HARVEST, STRIKE, STRIKE_OTHER, article, credit_to, template_page

from newstrace.store import common as common_mod
from newstrace.store import corpus
from newstrace.store.pool import Workers
from newstrace.store.db import ARTICLE_COLUMNS, SCHEMA, article_row


def _articles():
    arts = [
        article("o1", STRIKE, published="2026-01-05"),
        article("c1", FURNITURE[:2] + STRIKE + FURNITURE[2:], domain="truthblog.example", credits=[credit_to(AGENCY)],
                title="Kyiv terror strike"),
        article("c2", STRIKE[:5] + FURNITURE[:2], domain="first.example", published="2026-01-06"),
        article("c3", STRIKE[:5] + FURNITURE[:2] + ["Reposted."], domain="second.example"),
        article("e1", STRIKE[:3], domain="aggregator.example", published="2026-01-08"),
        article("n1", STRIKE_OTHER, domain="news.example", published="2026-01-05"),
        article("h1", HARVEST, title="Wheat forecast cut", domain="farm.example", published="2025-05-01"),
        article("h2", HARVEST[:4], title="Wheat forecast cut", domain="farm.example", published="2025-05-02"),
        article("t0", ["Tiny page body with only a few words."], domain="tiny.example"),
    ]
    arts += [template_page(f"tag{i}", i) for i in range(6)]
    return arts


def _store(arts):
    con = duckdb.connect()
    con.execute(SCHEMA)
    if arts:
        con.executemany(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES "
                        f"({', '.join('?' * len(ARTICLE_COLUMNS))})", [article_row(a) for a in arts])
    return con


def _shape(stories):
    return sorted((s.id, s.origin, round(s.confidence, 3),
                   tuple(sorted((m.page_id, m.relation, m.copied_from, tuple(e.type for e in m.edits))
                                for m in s.members))) for s in stories)


def test_full_build_finds_the_story_and_nothing_else():
    con = _store(_articles())
    stats = corpus.update_corpus(con)
    assert stats.full_rebuild and stats.pages_fingerprinted == 15
    stories = corpus.stories(con)
    groups = sorted(sorted(m.page_id for m in s.members) for s in stories)
    assert groups == [["c1", "c2", "c3", "e1", "o1"], ["h1", "h2"]]
    strike = next(s for s in stories if s.origin == "o1")
    rel = {m.page_id: (m.relation, m.copied_from) for m in strike.members}
    assert rel["c3"] == ("copy", "c2") and rel["e1"][0] == "excerpt" and rel["o1"] == ("origin", None)
    assert corpus.story_for(con, "https://second.example/c3").id == strike.id
    assert corpus.story_for(con, strike.id).id == strike.id
    assert corpus.story_for(con, "https://news.example/n1") is None


def test_incremental_update_equals_full_rebuild():
    arts = _articles()
    full = _store(arts)
    corpus.update_corpus(full)
    inc = _store(arts)
    first = [a.page_id for a in arts if a.page_id not in {"c3", "h2", "tag5"}]
    inc_arts = {a.page_id for a in arts} - set(first)
    inc.execute("DELETE FROM articles WHERE page_id IN (SELECT unnest(?))", [sorted(inc_arts)])
    corpus.update_corpus(inc, first)
    before = _shape(corpus.stories(inc))
    inc.executemany(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES "
                    f"({', '.join('?' * len(ARTICLE_COLUMNS))})", [article_row(a) for a in arts if a.page_id in inc_arts])
    stats = corpus.update_corpus(inc, sorted(inc_arts))
    assert stats.pages_fingerprinted == 3 and not stats.full_rebuild
    assert _shape(corpus.stories(inc)) == _shape(corpus.stories(full))
    assert _shape(corpus.stories(inc)) != before
    # every field, every edit's detail and spans: the edits memo changes nothing
    key = lambda s: s.id  # noqa: E731
    assert sorted(corpus.stories(inc), key=key) == sorted(corpus.stories(full), key=key)
    assert inc.execute("SELECT count(*) FROM edit_keys").fetchall() == full.execute(
        "SELECT count(*) FROM edit_keys").fetchall() != [(0,)]
    again = corpus.update_corpus(inc, sorted(inc_arts))  # idempotent: nothing new to do
    assert again.pages_fingerprinted == 0 and again.candidate_pairs == 0


def test_rebuild_is_deterministic():
    a, b = _store(_articles()), _store(list(reversed(_articles())))
    corpus.update_corpus(a)
    corpus.update_corpus(b)
    assert _shape(corpus.stories(a)) == _shape(corpus.stories(b))


def test_queries_on_a_store_without_corpus_tables():
    con = _store([])
    assert corpus.stories(con) == [] and corpus.story_for(con, "x") is None


def test_sharded_common_shingles_in_the_pool_equal_one_count(monkeypatch):
    """A million pages are counted a slice of the shingle space at a time, slices in worker processes:
    the template and stock shingles must be exactly those one count over everything finds."""
    import numpy as np

    from newstrace.reuse import VerifyParams, common_shingles, shingle_article

    arts = _articles()
    docs = [shingle_article(a, 5) for a in arts]
    params = VerifyParams(common_min_titles=3)  # small corpus: make both kinds occur
    ids, domains, titles = [a.page_id for a in arts], [a.domain for a in arts], [a.title for a in arts]
    one = common_shingles(docs, domains, titles, params)
    assert len(one.shared) and one.by_domain  # the test means something only if both kinds occur
    parts = [(np.concatenate([d.unique for d in ds]), np.array([len(d.unique) for d in ds]))
             for ds in (docs[:4], docs[4:5], docs[5:])]  # as the pool returns them: consecutive docs per part
    monkeypatch.setattr(common_mod, "COMMON_SHARD", max(1, sum(len(p[0]) for p in parts) // 6))  # -> 8 slices
    pool = Workers(2)
    try:
        sharded = common_mod.sharded_common(parts, ids, domains, titles, params, pool)
    finally:
        pool.close()
    assert np.array_equal(sharded.shared, np.sort(one.shared))
    assert sharded.by_domain.keys() == one.by_domain.keys()
    assert all(np.array_equal(sharded.by_domain[d], one.by_domain[d]) for d in one.by_domain)


def test_small_chunks_and_waves_give_the_same_stories(monkeypatch):
    """Pages are read from the store a wave at a time and handed to tasks a chunk at a time: how the
    pages are cut up must not change a single story."""
    whole = _store(_articles())
    corpus.update_corpus(whole)
    monkeypatch.setattr(corpus, "CHUNK_PAGES", 2)
    monkeypatch.setattr(corpus, "WAVE_PAGES", 3)
    cut = _store(_articles())
    corpus.update_corpus(cut, workers=2)
    assert _shape(corpus.stories(cut)) == _shape(corpus.stories(whole)) and corpus.stories(whole)


def test_shingle_sets_of_a_chunked_column_in_pieces_equal_one_pass(monkeypatch):
    """Bodies arrive as a chunked Arrow column (paired pages plus a template sample) and are shingled
    a piece at a time in the pool: the sets must be those of one pass over one array."""
    import numpy as np
    import pyarrow as pa

    from newstrace.reuse.fingerprint import shingle_sets_arrow

    bodies = ["\n\n".join(a.body) for a in _articles()]
    chunked = pa.chunked_array([bodies[:5], bodies[5:6], bodies[6:]])
    monkeypatch.setattr(common_mod, "SHINGLE_PIECE", 4)  # pieces cross the chunk boundaries
    pool = Workers(2)
    try:
        parts = common_mod.shingle_sets(chunked, 5, pool, whole_below=4)
    finally:
        pool.close()
    sets, sizes = shingle_sets_arrow(pa.array(bodies), 5)
    assert len(parts) == 4
    assert np.array_equal(np.concatenate([p[0] for p in parts]), sets)
    assert np.array_equal(np.concatenate([p[1] for p in parts]), sizes)


def test_the_set_test_drops_only_pairs_verify_rejects_and_reads_each_pages_own_set():
    """Before pages are shingled whole for verification, every pair worth it is tested on the shingle
    sets the template count made (in parts, as the pool returns them, stock shingles taken out once):
    each page's set must be its own, and a pair is dropped only if verify() rejects it."""
    import numpy as np

    from newstrace.reuse import VerifyParams, common_shingles, shingle_article, verify

    arts = _articles()
    docs = {a.page_id: shingle_article(a, 5) for a in arts}
    ids = [a.page_id for a in arts]
    params = VerifyParams(common_min_titles=3)  # small corpus: stock shingles occur too
    common = common_shingles(list(docs.values()), [a.domain for a in arts], [a.title for a in arts], params)
    assert len(common.shared) and common.by_domain  # the test means something only if both kinds occur
    parts = [(np.concatenate([docs[p].unique for p in ps]), np.array([len(docs[p].unique) for p in ps]))
             for ps in (ids[:4], ids[4:5], ids[5:])]
    sets_of = common_mod.SetsOf(parts, ids, drop=common.shared)
    assert all(np.array_equal(sets_of(p), np.setdiff1d(docs[p].unique, common.shared)) for p in ids)
    domain = {a.page_id: a.domain for a in arts}
    pairs = [(a, b) for a in sorted(ids) for b in sorted(ids) if a < b] + [("o1", "gone")]
    kept = common_mod.passing_set_test(pairs, sets_of, common, domain, params)
    matched = {(a, b) for a, b in pairs[:-1]
               if verify(docs[a], docs[b], common.for_pair(domain[a], domain[b]), params) is not None}
    assert matched <= set(kept) and len(kept) < len(pairs) / 4  # most pairs stop at the set test
    assert ("c1", "o1") in matched and ("o1", "gone") not in kept
    assert not any(a.startswith("tag") and b.startswith("tag") for a, b in kept)  # the blog's template ignored
