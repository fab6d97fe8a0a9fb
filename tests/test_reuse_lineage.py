"""Stories: origin with evidence, copy chains, versions, undated pages, determinism."""

from __future__ import annotations

from test_reuse_helpers import AGENCY, BLOG, FURNITURE, HARVEST, STRIKE, article, credit_to

from newstrace.model import Credit, Outlet
from newstrace.reuse import FingerprintParams, build_story, components, shingle_article, verify

K = FingerprintParams().shingle


def _story(arts):
    docs = {a.page_id: shingle_article(a, K) for a in arts}
    ids = sorted(docs)
    matches = [m for i, x in enumerate(ids) for y in ids[i + 1:] if (m := verify(docs[x], docs[y]))]
    return build_story(arts, matches, K)


def _by_id(story):
    return {m.page_id: m for m in story.members}


def test_components_are_order_independent():
    pairs = [("c", "d"), ("a", "b"), ("b", "c"), ("x", "y")]
    assert components(pairs) == components(list(reversed(pairs))) == [["a", "b", "c", "d"], ["x", "y"]]
    assert components([], ["z"]) == [["z"]]


def test_origin_from_dates_not_crawl_date():
    # The origin was crawled last; the copy was crawled first. Only publication dates count.
    orig = article("p2", STRIKE, published="2026-01-05", fetched_at="2026-03-01T00:00:00Z")
    cpy = article("p1", STRIKE[:6], domain="mirror.example", published="2026-01-06",
                  fetched_at="2026-01-06T00:00:00Z")
    s = _story([cpy, orig])
    assert s.origin == "p2"
    assert any(e.kind == "published_date" for e in s.evidence)
    assert _by_id(s)["p1"].copied_from == "p2"


def test_credit_line_beats_a_misleading_date_and_records_conflict():
    orig = article("a", STRIKE, published="2026-01-07")  # date is the agency's last update
    blog = article("b", FURNITURE[:1] + STRIKE, domain="truthblog.example", published="2026-01-06",
                   credits=[credit_to(AGENCY)])
    s = _story([orig, blog])
    assert s.origin == "a"
    kinds = [e.kind for e in s.evidence]
    assert "credit_line" in kinds and "conflict" in kinds
    assert 0 < s.confidence < 0.9


def test_canonical_and_publisher_evidence():
    pub = Outlet(name="Global Wire", domain="globalwire.example")
    orig = article("a", STRIKE, publisher=pub, url="https://globalwire.example/story")
    cpy = article("b", STRIKE, domain="partner.example", canonical="https://globalwire.example/story",
                  credits=[credit_to(AGENCY, "(Global Wire)")])
    s = _story([cpy, orig])
    assert s.origin == "a"
    assert {"canonical_url", "credit_line"} <= {e.kind for e in s.evidence}


def test_copy_of_a_copy_is_a_chain():
    orig = article("o", STRIKE, published="2026-01-05")
    # the first copy drops a paragraph and adds its furniture; the second copies the first, furniture and all
    first = article("c1", STRIKE[:5] + FURNITURE[:2], domain="first.example", published="2026-01-06")
    second = article("c2", STRIKE[:5] + FURNITURE[:2] + ["Reposted with thanks."], domain="second.example")
    s = _story([second, first, orig])
    m = _by_id(s)
    assert s.origin == "o"
    assert m["c1"].copied_from == "o" and m["c2"].copied_from == "c1"
    assert m["c2"].copied_from_url == first.url


def test_same_outlet_update_is_a_version_and_excerpt_is_an_excerpt():
    v1 = article("v1", STRIKE[:5], published="2026-01-05")
    v2 = article("v2", STRIKE, published="2026-01-06", title="Drones hit oil depot in Bryansk, governor says")
    exc = article("ex", STRIKE[:3], domain="aggregator.example", published="2026-01-07")
    s = _story([v2, exc, v1])
    m = _by_id(s)
    assert s.origin == "v1"
    assert m["v2"].relation == "version"
    assert m["ex"].relation == "excerpt"
    assert any(e.type == "headline_changed" for e in m["v2"].edits)


def test_undated_pages_still_get_an_origin_with_low_confidence():
    a = article("a", STRIKE)
    b = article("b", STRIKE, domain="mirror.example")
    s = _story([a, b])
    assert s.origin in {"a", "b"} and s.confidence <= 0.5
    assert len(s.members) == 2


def test_deterministic_regardless_of_input_order():
    arts = [article("o", STRIKE, published="2026-01-05"),
            article("c1", STRIKE[:5] + FURNITURE[:2], domain="first.example"),
            article("c2", FURNITURE[:1] + STRIKE, domain="second.example", credits=[credit_to(AGENCY)])]
    s1, s2 = _story(arts), _story(list(reversed(arts)))
    assert s1 == s2
    assert s1.id == _story(arts).id


def test_unrelated_articles_never_share_a_story():
    arts = [article("o", STRIKE), article("h", HARVEST, domain="farm.example")]
    docs = {a.page_id: shingle_article(a, K) for a in arts}
    assert verify(docs["o"], docs["h"]) is None


def test_public_api_matches_all():
    import newstrace.reuse as reuse
    assert all(hasattr(reuse, n) for n in reuse.__all__)
    from pathlib import Path
    for f in Path(reuse.__file__).parent.glob("*.py"):  # reuse/ never imports claims/ (design rule)
        text = f.read_text()
        assert "from newstrace.claims" not in text and "import newstrace.claims" not in text, f


def test_a_credit_to_a_copy_does_not_make_it_the_origin():
    # origin -> blog A (undated, no credit) -> blog B crediting A: the credit only orders A before B;
    # the dated newsroom precedes the other dated copies and stays the origin.
    orig = article("o", STRIKE, published="2026-01-05")
    blog_a = article("a", STRIKE + FURNITURE[:1], domain="truthblog.example")
    blog_b = article("b", STRIKE + FURNITURE[:1], domain="echo.example", credits=[credit_to(BLOG)])
    later = [article(f"c{i}", STRIKE[:6], domain=f"copy{i}.example", published=f"2026-01-0{6 + i}")
             for i in range(2)]
    s = _story([blog_b, blog_a, orig, *later])
    assert s.origin == "o"
    kinds = {e.kind for e in s.evidence}
    assert "precedence" in kinds and "conflict" in kinds  # the credit to A is reported, not obeyed
    assert s.confidence < 0.9
    assert _by_id(s)["b"].copied_from == "a"


def test_first_version_beats_its_dated_update():
    # The first version shows no date; the outlet's update (new URL, same date, an update notice) does.
    v1 = article("v1", STRIKE, url="https://globalwire.example/world-1")
    v2 = article("v2", STRIKE + ["UPDATE: Officials later revised some of the figures."], published="2026-01-05",
                 domain="www.globalwire.example", title="Drones hit oil depot in Bryansk (updated)")
    cpy = article("c", STRIKE[:6], domain="mirror.example", published="2026-01-06")
    s = _story([cpy, v2, v1])
    assert s.origin == "v1"
    assert _by_id(s)["v2"].relation == "version"
    assert any(e.kind == "precedence" for e in s.evidence)


def test_undated_member_with_no_ordering_evidence_does_not_win_over_a_dated_chain():
    # Two dated copies follow the origin; an undated mirror has no evidence either way.
    orig = article("o", STRIKE, published="2026-01-05")
    mirror = article("m", STRIKE, domain="mirror.example")
    copies = [article(f"c{i}", STRIKE[:6], domain=f"copy{i}.example", published="2026-01-07") for i in range(2)]
    assert _story([mirror, *copies, orig]).origin == "o"


def test_url_dates_are_read_only_from_date_shaped_path_segments():
    from newstrace.reuse.origin import url_date
    assert url_date("https://www.france24.com/en/world/20230405-flood-fund") == "2023-04-05"
    assert url_date("https://blog.example/2023/04/flood-fund/") == "2023-04"
    assert url_date("https://news.example/news/2024-04-05/heatwave/index.html") == "2024-04-05"
    assert url_date("https://www.rt.com/news/585960-macron/") is None  # an article id, not a date
    assert url_date("https://blog.example/?p=2023") is None
    assert url_date("https://blog.example/p/202304") is None


def test_an_undated_origin_with_a_dated_url_precedes_the_copies():
    orig = article("o", STRIKE, url="https://globalwire.example/20260105/drones-hit-depot")
    copies = [article(f"c{i}", STRIKE[:6], domain=f"copy{i}.example", published=f"2026-01-0{6 + i}")
              for i in range(2)]
    s = _story([*copies, orig])
    assert s.origin == "o"
    assert any(e.kind == "precedence" and "date" in e.detail for e in s.evidence)


def test_an_inherited_headline_and_credit_wording_make_a_chain():
    # Same body everywhere: only the copy's edited headline and its credit wording, which the second
    # copy kept and the third did not, say who copied whom.
    orig = article("o", STRIKE, published="2026-01-05")
    line = credit_to(AGENCY, "Republished from Global Wire with permission.")
    first = article("c1", STRIKE, domain="first.example", title="BREAKING: Drones hit oil depot in Bryansk",
                    credits=[line])
    second = article("c2", STRIKE, domain="second.example", title="BREAKING: Drones hit oil depot in Bryansk",
                     credits=[line])
    other = article("c3", STRIKE, domain="third.example", credits=[credit_to(AGENCY)])
    m = _by_id(_story([orig, first, second, other]))
    assert m["c2"].copied_from in ("c1",) and m["c1"].copied_from == "o" and m["c3"].copied_from == "o"


def test_an_unresolved_hat_tip_the_extractor_moved_out_of_the_body_names_its_source():
    """"H/T: Truth Insider" closing a copy is a credit no outlet list resolves; it names a member's site,
    so that member is the copy's source although the body is the origin's word for word."""
    orig = article("o", STRIKE, published="2026-01-05")
    mid = article("t", STRIKE, domain="truthinsider.example", published="2026-01-06")
    tip = Credit(text="H/T: Truth Insider", name="Truth Insider", kind="hat_tip", rule="credit.hat_tip.v1",
                 confidence=0.8, location="boilerplate")
    copy = article("c", STRIKE, domain="saffron.example", credits=[tip])
    m = _by_id(_story([orig, mid, copy]))
    assert m["c"].copied_from == "t" and m["t"].copied_from == "o"


def test_a_copy_of_a_copy_is_found_from_one_rounded_number():
    # c1 rounds one figure; c2 copies c1 and credits the agency anyway (copies of copies often do);
    # c3 copies the origin directly.
    rounded = [STRIKE[0], STRIKE[1], STRIKE[2].replace("destroyed 12 drones", "destroyed over 10 drones")] + STRIKE[3:]
    orig = article("o", STRIKE, published="2026-01-05")
    c1 = article("c1", rounded, domain="first.example")
    c2 = article("c2", rounded, domain="second.example", credits=[credit_to(AGENCY)])
    c3 = article("c3", STRIKE, domain="third.example", credits=[credit_to(AGENCY)])
    m = _by_id(_story([orig, c1, c2, c3]))
    assert m["c1"].copied_from == "o" and m["c2"].copied_from == "c1" and m["c3"].copied_from == "o"


def test_a_copy_closer_to_the_origin_than_its_source_still_finds_it():
    """The demo's RT story: c1 rounds a figure and its page kept a furniture line; c2 copied c1 (the figure),
    changed the headline, and its extractor dropped the furniture, so c2 is the nearer to the origin. c1
    keeps the origin's headline word for word, so it did not copy c2: c2 copied c1."""
    rounded = [STRIKE[0], STRIKE[1], STRIKE[2].replace("destroyed 12 drones", "destroyed over 10 drones")] + STRIKE[3:]
    orig = article("o", STRIKE, published="2026-01-05")
    line = credit_to(AGENCY, "Source: Global Wire")
    c1 = article("c1", rounded + FURNITURE[2:3], domain="first.example", credits=[line])
    c2 = article("c2", rounded, domain="second.example", title="BREAKING: Ukraine strikes Russian fuel depot",
                 credits=[line])
    s = _story([orig, c1, c2])
    m = _by_id(s)
    assert s.origin == "o"
    assert m["c1"].copied_from == "o" and m["c2"].copied_from == "c1"
    assert "headline_changed" in {e.type for e in m["c2"].edits}  # (and the furniture line c2 lacks)


def test_a_teaser_is_not_the_source_of_a_shorter_teaser():
    orig = article("o", STRIKE, published="2026-01-05")
    t1 = article("t1", STRIKE[:3], domain="first.example")
    t2 = article("t2", STRIKE[:2], domain="second.example")
    full = article("c", STRIKE, domain="third.example")
    m = _by_id(_story([orig, t1, t2, full]))
    assert m["t2"].copied_from == "o" and m["c"].copied_from == "o"


def _memo_build(arts, memo):
    docs = {a.page_id: shingle_article(a, K) for a in arts}
    ids = sorted(docs)
    matches = [m for i, x in enumerate(ids) for y in ids[i + 1:] if (m := verify(docs[x], docs[y]))]
    return build_story(arts, matches, K, memo=memo)


def test_edit_memo_reuses_unchanged_edges_and_recomputes_edges_a_new_outlet_name_reaches(monkeypatch):
    """An incremental update rebuilds a story whole but takes unchanged edges' edits from the memo.
    A page joining from the outlet a copy credits by name changes that copy's edit (its credit now
    resolves to the outlet's domain): that edge must be recomputed, the others reused."""
    import newstrace.reuse.lineage as lineage
    from newstrace.reuse.lineage import EditMemo

    origin = article("o1", STRIKE, published="2026-01-05")
    credited = article("c1", STRIKE + ["Republished from The Vesper Feed with permission."],
                       domain="truthblog.example")
    plain = article("c2", STRIKE[:6] + FURNITURE[1:2], domain="first.example")
    vesper = article("v1", STRIKE[:6], domain="vesperfeed.example", published="2026-01-06")
    vesper.site_name = "The Vesper Feed"
    before = [origin, credited, plain]
    digests = {a.page_id: a.page_id + "-v1" for a in before + [vesper]}  # stand-ins for record digests

    first = EditMemo(digests)
    story = _memo_build(before, first)
    assert "credits thevesperfeed" in {e.detail for e in _by_id(story)["c1"].edits}  # unknown outlet: its name
    edits = {(m.copied_from, m.page_id): m.edits for m in story.members if m.copied_from}
    known = {edge: (key, edits[edge], 0) for edge, key in first.made.items()}

    calls = []
    real_diff = lineage.diff
    monkeypatch.setattr(lineage, "diff", lambda s, c, *a: calls.append((s.page_id, c.page_id)) or real_diff(s, c, *a))
    fresh = _memo_build(before + [vesper], None)
    calls.clear()
    again = _memo_build(before + [vesper], EditMemo(digests, known, [tuple(sorted(digests.keys() - {"v1"}))]))
    assert again == fresh
    assert "credits vesperfeed.example" in {e.detail for e in _by_id(again)["c1"].edits}
    assert {c for _, c in calls} == {"c1", "v1"}  # the credited copy and the newcomer; c2's edits came from the memo

    stale = EditMemo({**digests, "c2": "c2-v2"}, known, [("c1", "c2", "o1")])  # a page's record changed
    calls.clear()
    assert _memo_build(before + [vesper], stale) == fresh
    assert {c for _, c in calls} == {"c1", "c2", "v1"}


def test_edit_memo_recomputes_when_a_new_domain_changes_which_outlet_a_credit_resolves_to(monkeypatch):
    """A newcomer on another domain under the agency's own name joins the agency's outlet. If its
    domain sorts first, the agency's credits now resolve to it: every edge is recomputed. If not,
    nothing an existing edge reads has changed: only the newcomer's edge is computed."""
    import newstrace.reuse.lineage as lineage
    from newstrace.reuse.lineage import EditMemo

    origin = article("o1", STRIKE, published="2026-01-05")
    credited = article("c1", STRIKE[:6] + ["This article originally appeared on Global Wire."],
                       domain="truthblog.example", credits=[credit_to(AGENCY)])
    plain = article("c2", STRIKE[:6] + FURNITURE[1:2], domain="first.example")
    before = [origin, credited, plain]
    digests = {a.page_id: a.page_id for a in before} | {"m1": "m1"}
    first = EditMemo(digests)
    story = _memo_build(before, first)
    edits = {(m.copied_from, m.page_id): m.edits for m in story.members if m.copied_from}
    known = {edge: (key, edits[edge], 0) for edge, key in first.made.items()}
    calls = []
    real_diff = lineage.diff
    monkeypatch.setattr(lineage, "diff", lambda s, c, *a: calls.append(c.page_id) or real_diff(s, c, *a))
    for domain, recomputed in (("zz-mirror.example", {"m1"}), ("aa-mirror.example", {"c1", "c2", "m1"})):
        mirror = article("m1", STRIKE[:5], domain=domain, published="2026-01-07")
        mirror.site_name = "Global Wire"
        fresh = _memo_build(before + [mirror], None)
        calls.clear()
        assert _memo_build(before + [mirror], EditMemo(digests, known, [("c1", "c2", "o1")])) == fresh
        assert set(calls) == recomputed, domain
