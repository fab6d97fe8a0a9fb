"""Stories: origin with evidence, copy chains, versions, undated pages, determinism."""

from __future__ import annotations

from test_reuse_helpers import AGENCY, FURNITURE, HARVEST, STRIKE, article, credit_to

from newstrace.model import Outlet
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
