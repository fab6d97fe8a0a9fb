"""Fingerprint, candidates, verify, align and edits on realistic article pairs."""

from __future__ import annotations

import numpy as np
from test_reuse_helpers import BLOG, FURNITURE, HARVEST, STRIKE, STRIKE_OTHER, AGENCY, article, credit_to, template_page

from newstrace.reuse import (CandidateParams, FingerprintParams, VerifyParams, align, candidate_pairs, common_shingles,
                             diff, passages, shingle_article, signature, verify)
from newstrace.reuse.text import body_words

P = FingerprintParams()
K = P.shingle


def _sh(a):
    return shingle_article(a, K)


def test_normalisation_keeps_numbers_and_drops_punctuation():
    assert body_words("The Ministry said 12 drones—“ALL” downed, 3.5% of fuel.") == \
        ["the", "ministry", "said", "12", "drones", "all", "downed", "3", "5", "of", "fuel"]
    assert body_words("Café ＣＡＦÉ") == ["café", "café"]


def test_signature_is_pure_and_body_only():
    a = article("a", STRIKE)
    b = article("b", STRIKE, title="A completely different headline", domain="other.example")
    sa, sb = signature("a", a, P), signature("b", b, P)
    assert sa.minhash == sb.minhash and sa.bands == sb.bands  # title and domain do not enter the fingerprint
    assert sa == signature("a", a, P)
    assert len(sa.bands) == P.bands and len(sa.minhash) == P.num_perm


def test_tiny_bodies_get_no_bands():
    tiny = article("t", ["Read more: the latest news from our region, updated every hour by our team."])
    assert signature("t", tiny, P).bands == ()


def test_copies_share_bands_unrelated_do_not():
    sigs = [signature(p, a, P) for p, a in [
        ("orig", article("orig", STRIKE)),
        ("blog", article("blog", FURNITURE[:2] + STRIKE + FURNITURE[2:], domain="truthblog.example")),
        ("excerpt", article("excerpt", STRIKE[:3], domain="aggregator.example")),
        ("harvest", article("harvest", HARVEST, title="Wheat", domain="farm.example"))]]
    pairs = candidate_pairs(sigs, CandidateParams())
    assert ("blog", "orig") in pairs and ("excerpt", "orig") in pairs
    assert not any("harvest" in p for p in pairs)


def test_big_buckets_are_stars_and_stock_buckets_skipped():
    sigs = [signature(f"p{i:03d}", article(f"p{i:03d}", STRIKE), P) for i in range(60)]
    star = candidate_pairs(sigs, CandidateParams(max_clique=10, max_bucket=100))
    assert len(star) == 59 and all(a == "p000" for a, _ in star)
    assert candidate_pairs(sigs, CandidateParams(max_clique=10, max_bucket=50)) == []


def test_verify_excerpt_padded_copy_and_negatives():
    orig = _sh(article("orig", STRIKE))
    padded = _sh(article("blog", FURNITURE[:2] + STRIKE + FURNITURE[2:], domain="truthblog.example"))
    excerpt = _sh(article("exc", STRIKE[:3], domain="aggregator.example"))
    other = _sh(article("other", STRIKE_OTHER, domain="news.example"))
    harvest = _sh(article("harvest", HARVEST, domain="farm.example"))
    m = verify(orig, padded)
    assert m is not None and m.containment_ab > 0.95 and m.containment_ba < 0.8
    m = verify(orig, excerpt)
    assert m is not None and m.containment_ba > 0.95 and 0.3 < m.containment_ab < 0.6
    assert verify(orig, other) is None  # same event, one shared quote: not a copy
    assert verify(orig, harvest) is None


def test_site_template_pages_do_not_match_but_blog_copy_still_does():
    pages = [template_page(f"tag{i}", i) for i in range(6)]
    copy = article("blog", FURNITURE[:2] + STRIKE + FURNITURE[2:], domain="truthblog.example", title="Copied")
    docs = [_sh(a) for a in pages + [copy]]
    common = common_shingles(docs, [a.domain for a in pages + [copy]], [a.title for a in pages + [copy]],
                             VerifyParams())
    ignore = common.for_pair("truthblog.example", "truthblog.example")
    assert verify(docs[0], docs[1]) is not None  # without the template filter they would glue together
    assert verify(docs[0], docs[1], ignore) is None
    orig = _sh(article("orig", STRIKE))
    assert verify(orig, docs[-1], common.for_pair("globalwire.example", "truthblog.example")) is not None


def test_alignment_passages_point_at_the_same_words():
    src = article("orig", STRIKE)
    cpy = article("blog", FURNITURE[:2] + STRIKE[:4] + STRIKE[5:], domain="truthblog.example", title="Other title")
    a, b = _sh(src), _sh(cpy)
    blocks = align(a, b)
    ps = passages(blocks, a, b)
    assert ps
    for p in ps:
        assert body_words(src.text[p.a[0]:p.a[1]]) == body_words(cpy.text[p.b[0]:p.b[1]])
    covered = sum(p.a[1] - p.a[0] for p in ps)
    assert covered > 0.7 * len(src.text)


def test_alignment_is_subquadratic_on_long_texts():
    rng = np.random.default_rng(0)
    vocab = [w for p in STRIKE + HARVEST for w in p.split()]
    long_body = [" ".join(rng.choice(vocab, 120)) for _ in range(200)]  # ~24k words
    a = _sh(article("a", long_body))
    b = _sh(article("b", long_body[:100] + ["An inserted paragraph of new words here."] + long_body[100:]))
    import time
    t = time.perf_counter()
    blocks = align(a, b)
    assert time.perf_counter() - t < 2.0
    assert sum(bl.a1 - bl.a0 for bl in blocks) > 0.95 * len(a.words)


def test_edits_are_typed_with_spans():
    src = article("orig", STRIKE, credits=[])
    changed = list(STRIKE)
    changed[0] = changed[0].replace(", according to the regional governor, Alexander Bogomaz", "")
    changed[2] = changed[2].replace("destroyed 12 drones", "destroyed 27 drones")
    body = changed[:3] + changed[4:5] + FURNITURE[:1] + ["A new paragraph of commentary written by the blogger "
                                                         "about why this matters for everyone in Europe today."]
    cpy = article("blog", body, domain="truthblog.example", title="Kyiv terror attack on Russia",
                  credits=[credit_to(AGENCY, "Source: Global Wire")])
    cpy.body.append("Source: Global Wire")
    a, b = _sh(src), _sh(cpy)
    edits = diff(src, cpy, a, b, align(a, b))
    types = {e.type for e in edits}
    assert {"headline_changed", "numbers_changed", "attribution_removed", "truncated", "paragraphs_removed",
            "paragraphs_added", "boilerplate_added", "credit_added"} <= types, types
    num = next(e for e in edits if e.type == "numbers_changed")
    assert "12" in src.text[num.span_source[0]:num.span_source[1]]
    assert "27" in cpy.text[num.span_copy[0]:num.span_copy[1]]
    attr = next(e for e in edits if e.type == "attribution_removed")
    assert "according to" in src.text[attr.span_source[0]:attr.span_source[1]]
    removed = next(e for e in edits if e.type == "paragraphs_removed")
    assert src.text[removed.span_source[0]:removed.span_source[1]] == STRIKE[3]


def test_credit_removed():
    src = article("orig", STRIKE, credits=[credit_to(BLOG, "Via Truth Blog")])
    cpy = article("copy", STRIKE, domain="mirror.example")
    edits = diff(src, cpy, _sh(src), _sh(cpy), align(_sh(src), _sh(cpy)))
    assert [e.type for e in edits] == ["credit_removed"]


def test_fast_tokeniser_agrees_with_the_reference_on_ascii_and_unicode():
    from newstrace.reuse.text import _hash_words, word_hashes_of
    for text in ["The Ministry said 12 drones—ALL downed, 3.5% of fuel_tank.", "Café ＣＡＦÉ said 12 — naïve façade"]:
        assert word_hashes_of(text).tolist() == _hash_words(body_words(text)).tolist()
    a = article("u", ["Zürich: the façade fell, 12 hurt.", "Second paragraph here."], title="Título")
    sh = shingle_article(a, 2)
    assert [sh.word_text(i).lower() for i in range(len(sh.words))] == body_words("\n\n".join(a.body))
    assert sh.words.tolist() == word_hashes_of("\n\n".join(a.body)).tolist()
    assert sh.para_index.tolist() == [0] * 6 + [1] * 3


def test_sql_candidates_equal_the_in_memory_reference():
    import duckdb

    from newstrace.reuse import candidate_sql
    from newstrace.store.corpus import SCHEMA, add_signatures
    arts = [article(f"p{i}", STRIKE[: 3 + i % 4], domain=f"d{i}.example") for i in range(30)]
    arts += [article("h", HARVEST, domain="farm.example"), article("h2", HARVEST[1:], domain="farm2.example")]
    sigs = [signature(a.page_id, a, P) for a in arts]
    con = duckdb.connect()
    con.execute(SCHEMA)
    add_signatures(con, sigs)
    for cp in (CandidateParams(), CandidateParams(max_clique=5, max_bucket=100), CandidateParams(max_clique=5, max_bucket=10)):
        got = con.execute(f"SELECT a, b FROM ({candidate_sql(cp)}) ORDER BY a, b").fetchall()
        assert got == candidate_pairs(sigs, cp)
    new = {"p3", "p17", "h2"}
    con.execute("CREATE TEMP TABLE _n AS SELECT unnest(?) AS page_id", [sorted(new)])
    got = con.execute(f"SELECT a, b FROM ({candidate_sql(CandidateParams(), new_pages='_n')}) ORDER BY a, b").fetchall()
    assert got == [p for p in candidate_pairs(sigs, CandidateParams()) if new & set(p)]


def test_listing_pages_sharing_teasers_are_not_copies():
    teasers = [p.split(". ")[0][:140] + "… Continue reading" for p in STRIKE + HARVEST + STRIKE_OTHER]
    a = _sh(article("l1", teasers[0:10:2] + teasers[1:6], title="Daily Notes – Latest posts", domain="a.example"))
    b = _sh(article("l2", list(reversed(teasers[0:10:2])) + teasers[11:15], title="Quiet – Latest", domain="b.example"))
    assert len(np.intersect1d(a.unique, b.unique)) >= 20  # they do share a lot of words...
    assert verify(a, b) is None  # ...but only in teaser-sized pieces


def test_chance_band_sharers_are_not_worth_verifying_and_no_match_is_lost():
    """Filler articles built from one phrase grammar (a town's weather, council, sport) share bands by
    chance; the MinHash estimate drops most of those pairs before exact verification, and never a pair
    that verification would have matched (the copy, the padded copy, the excerpt)."""
    from random import Random

    from newstrace.reuse.verify import worth_verifying
    from newstrace.synth.filler import filler_doc

    rng = Random(5)
    arts = [article(f"f{i:03d}", list(filler_doc(rng).paragraphs), title=f"filler {i}", domain=f"s{i % 7}.example")
            for i in range(400)]
    arts += [article("orig", STRIKE), article("copy", STRIKE, domain="mirror.example"),
             article("blog", FURNITURE[:2] + STRIKE + FURNITURE[2:], domain="truthblog.example"),
             article("excerpt", STRIKE[:3], domain="aggregator.example")]
    sigs = {a.page_id: signature(a.page_id, a, P) for a in arts}
    pairs = candidate_pairs(sigs.values(), CandidateParams())
    mh = lambda side: np.array([sigs[p[side]].minhash for p in pairs], np.uint32)
    length = lambda side: np.array([sigs[p[side]].length for p in pairs])
    worth = worth_verifying(mh(0), mh(1), length(0), length(1), VerifyParams())
    docs = {a.page_id: _sh(a) for a in arts}
    matched = np.array([verify(docs[a], docs[b]) is not None for a, b in pairs])
    chance = np.array([a.startswith("f") and b.startswith("f") for a, b in pairs])
    assert chance.sum() >= 20, "the grammar must make chance candidates for this test to mean anything"
    assert worth[chance & ~matched].mean() < 0.5  # most chance pairs are dropped ...
    assert worth[matched].all()  # ... and no match is
    story = {("blog", "orig"), ("copy", "orig"), ("excerpt", "orig"), ("blog", "copy")}
    assert story <= {p for p, w in zip(pairs, worth) if w}
    assert not worth_verifying(np.empty((0, P.num_perm), np.uint32), np.empty((0, P.num_perm), np.uint32),
                               np.empty(0), np.empty(0)).size


def test_a_large_stock_set_gives_the_same_answer_without_a_cost_per_pair():
    """The stock-phrase set grows with the corpus; a pair's check must look its own shingles up in it
    (binary search), not merge the sets per pair, and answer as with one merged array."""
    import time

    from newstrace.reuse.verify import ignored

    pages = [template_page(f"tag{i}", i) for i in range(6)]
    docs = [_sh(a) for a in pages]
    common = common_shingles(docs, [a.domain for a in pages], [a.title for a in pages], VerifyParams())
    template = common.by_domain["truthblog.example"]
    stock = np.unique(np.random.default_rng(1).integers(0, 2**63, 500_000, dtype=np.uint64))
    merged = np.union1d(stock, template)
    assert ignored(docs[0].unique, (stock, template)).tolist() == np.isin(docs[0].unique, merged).tolist()
    assert verify(docs[0], docs[1], merged) is None and verify(docs[0], docs[1], (stock, template)) is None
    orig, blog = _sh(article("orig", STRIKE)), _sh(article("blog", FURNITURE[:2] + STRIKE + FURNITURE[2:]))
    assert verify(orig, blog, (stock, template)) == verify(orig, blog, merged) is not None
    t = time.perf_counter()
    for _ in range(300):
        verify(orig, blog, (stock, template))
    assert time.perf_counter() - t < 5  # ~0.2 s here; a merge of the sets per pair took ~0.05 s or more each


def test_the_set_test_is_verify_before_alignment():
    """passes_set_test (what the Spark engine runs before moving whole pages to a pair) is False exactly
    when verify() gives up before aligning: never on a pair verify() matches, and True on a pair that
    shares enough shingles but only in runs too short to count, which alignment then rejects."""
    from newstrace.reuse.verify import passes_set_test

    words = " ".join(STRIKE).split()
    filler = " ".join(HARVEST * 4).split()
    # the story's words in runs of 12, each followed by 25 words of another story: no run reaches min_run
    mixed = [" ".join(words[i:i + 12] + filler[i * 2:i * 2 + 25]) for i in range(0, len(words), 12)]
    orig, cut = _sh(article("orig", STRIKE)), _sh(article("cut", mixed, domain="mixer.example"))
    assert passes_set_test(orig.unique, cut.unique) and verify(orig, cut) is None
    pages = [template_page(f"tag{i}", i) for i in range(6)]
    docs = [_sh(a) for a in pages]
    common = common_shingles(docs, [a.domain for a in pages], [a.title for a in pages], VerifyParams())
    ignore = common.for_pair("truthblog.example", "truthblog.example")
    assert passes_set_test(docs[0].unique, docs[1].unique) and not passes_set_test(docs[0].unique, docs[1].unique, ignore)
    others = [_sh(article(p, body, domain=f"{p}.example")) for p, body in
              (("blog", FURNITURE[:2] + STRIKE + FURNITURE[2:]), ("excerpt", STRIKE[:3]), ("other", STRIKE_OTHER),
               ("harvest", HARVEST))]
    every = [orig, cut, *docs, *others]
    for a in every:
        for b in every:
            if a is not b:
                for ig in (None, ignore):
                    m = verify(a, b, ig)
                    assert m is None or passes_set_test(a.unique, b.unique, ig)
    assert verify(orig, others[0]) is not None and verify(orig, others[1]) is not None
    rng = np.random.default_rng(3)  # the shared count by binary search equals the listed intersection
    params = VerifyParams(min_shared=8)
    outcomes = set()
    for _ in range(300):
        pool = rng.integers(0, 2**63, 60, dtype=np.uint64)
        ua, ub = (np.unique(rng.choice(pool, int(rng.integers(0, 50)))) for _ in range(2))
        got = passes_set_test(ua, ub, None, params)
        n = len(np.intersect1d(ua, ub))
        assert got == (len(ua) > 0 and len(ub) > 0 and n >= params.min_shared
                       and n / min(len(ua), len(ub)) >= params.min_containment)
        outcomes.add(got)
    assert outcomes == {True, False}
