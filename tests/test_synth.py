"""Synthetic crawl generator: determinism, truth consistency, readable WARC/WET, real edits, demo."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from html import unescape
from pathlib import Path
from random import Random

import pytest
from warcio.archiveiterator import ArchiveIterator

import newstrace.synth as synth
from newstrace.synth import edits as ed
from newstrace.synth.crawl import plan_crawl
from newstrace.synth.demo_build import SEED_COPY_URL, SEED_ORIGIN_URL, build_demo, seed_doc
from newstrace.synth.htmlbits import html_to_text
from newstrace.synth.plan import EDIT_RATES

FIXTURES = Path(__file__).parent / "fixtures"
RELATIONS = {"origin", "copy", "excerpt", "version", "negative"}
_NUMBER = re.compile(r"\d[\d,.]*")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    out = tmp_path_factory.mktemp("crawl")
    paths = synth.generate_crawl(out, 320, seed=11, wet_share=0.15, pages_per_warc=120)
    rows = [json.loads(line) for line in paths.truth.read_text(encoding="utf-8").splitlines()]
    return paths, rows


def _records(path: Path, kind: str) -> list[tuple[str, str, str]]:
    out = []
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type == kind:
                body = _decode(rec.content_stream().read())
                out.append((rec.rec_headers.get_header("WARC-Target-URI"), rec.rec_headers.get_header("WARC-Date"), body))
    return out


def _decode(raw: bytes) -> str:
    """Decode as the page declares: <meta charset> (some synthetic blogs serve windows-1252)."""
    m = re.search(rb'<meta charset="([\w-]+)"', raw[:300])
    return raw.decode(m.group(1).decode() if m else "utf-8")


def test_public_api():
    for name in synth.__all__:
        assert getattr(synth, name) is not None
    assert set(synth.__all__) >= {"generate_crawl", "load_texts", "demo_paths", "SourceText", "CrawlPaths"}


def test_bundled_texts_are_wire_style():
    texts = synth.load_texts()
    assert 25 <= len(texts) <= 40
    assert len({t.key for t in texts}) == len(texts)
    assert all(4 <= len(t.paragraphs) <= 10 and t.title for t in texts)
    events = Counter(t.event for t in texts)
    assert sum(1 for n in events.values() if n >= 2) >= 5  # same-event pairs: hard negatives
    prose = " ".join(p for t in texts for p in t.paragraphs)
    assert prose.count("according to") >= 20
    assert len(re.findall(r"(?:at least|around|some|nearly|more than|over) \d", prose)) >= 30
    assert len(re.findall(r"[”\"],? (?:the \w+ )?\w+ said", prose)) >= 3 or prose.count(",” ") >= 10


def test_load_texts_rejects_unknown_kind_and_missing_shared(tmp_path, monkeypatch):
    with pytest.raises(ValueError):
        synth.load_texts("nope")
    monkeypatch.setenv("NEWSTRACE_SHARED", str(tmp_path))
    with pytest.raises(FileNotFoundError):
        synth.load_texts("scrapinghub")


def test_same_seed_gives_identical_files(tmp_path):
    a = synth.generate_crawl(tmp_path / "a", 90, seed=5, pages_per_warc=40)
    b = synth.generate_crawl(tmp_path / "b", 90, seed=5, pages_per_warc=40)
    c = synth.generate_crawl(tmp_path / "c", 90, seed=6, pages_per_warc=40)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert a.truth.read_text() != c.truth.read_text()
    assert len(a.warcs) == 3 and a.pages == b.pages == 90


def test_story_share_bounds_the_pages_in_stories(tmp_path):
    """A big crawl from a fixed pool of texts keeps its stories to a realistic size when most pages belong
    to none; the default share (half) is what every earlier crawl was made with."""
    from newstrace.synth.crawl import plan_crawl

    texts = synth.load_texts("bundled")
    few = plan_crawl(texts, 400, seed=5, wet_share=0.1, story_share=0.1)
    half = plan_crawl(texts, 400, seed=5, wet_share=0.1)
    in_story = lambda pages: sum(1 for pg in pages if pg.relation != "negative")  # noqa: E731
    assert len(few) == len(half) == 400
    assert in_story(few) <= 40 < in_story(half) <= 200
    tiny = plan_crawl(texts, 400, seed=5, wet_share=0.1, story_share=0.05)  # a pool larger than the budget
    assert 0 < in_story(tiny) <= 20
    with pytest.raises(ValueError):
        synth.generate_crawl(tmp_path, 10, story_share=0)


def test_truth_is_consistent(crawl):
    paths, rows = crawl
    assert len(rows) == 320 == paths.pages
    by_url = {r["url"]: r for r in rows}
    assert len(by_url) == len(rows), "urls must be unique"
    assert {r["relation"] for r in rows} <= RELATIONS
    stories = Counter(r["story"] for r in rows if r["story"])
    assert len(stories) >= 5 and all(n >= 2 for n in stories.values())
    for r in rows:
        if r["relation"] == "negative":
            assert r["story"] is None and r["copied_from"] is None and not r["edits"]
            continue
        assert r["story"] and r["origin"] in by_url
        assert by_url[r["origin"]]["relation"] == "origin" and by_url[r["origin"]]["story"] == r["story"]
        if r["relation"] == "origin":
            assert r["copied_from"] is None and r["origin"] == r["url"]
        else:
            parent = by_url[r["copied_from"]]
            assert parent["story"] == r["story"] and parent["relation"] != "excerpt"
            assert _root(by_url, r["url"]) == r["origin"]
    origins = [r for r in rows if r["relation"] == "origin"]
    assert sum(r["published"] is not None for r in origins) >= 0.8 * len(origins)
    assert Counter(r["story"] for r in origins) == Counter(stories.keys())  # one origin per story


def _root(by_url: dict, url: str) -> str:
    seen = set()
    while by_url[url]["copied_from"]:
        assert url not in seen, "copy chain has a cycle"
        seen.add(url)
        url = by_url[url]["copied_from"]
    return url


def test_crawl_has_the_hard_cases(crawl):
    _, rows = crawl
    rels = Counter(r["relation"] for r in rows)
    assert rels["copy"] > 20 and rels["excerpt"] >= 2 and rels["negative"] > 50
    by_url = {r["url"]: r for r in rows}
    chains = [r for r in rows if r["copied_from"] and by_url[r["copied_from"]]["relation"] == "copy"]
    assert chains, "expected copies of copies"
    assert any(r["published"] is None for r in rows if r["relation"] in ("copy", "excerpt"))
    fetched_before_origin = [r for r in rows if r["relation"] == "copy"
                             and r["fetched_at"] < by_url[r["origin"]]["fetched_at"]]
    assert fetched_before_origin, "crawl order should not reveal copy order"
    assert len({r["template"] for r in rows}) >= 10
    assert len({r["credit"] for r in rows if r["credit"]}) >= 8


def test_some_blogs_serve_legacy_charsets(tmp_path):
    paths = synth.generate_crawl(tmp_path, 300, seed=4, wet_share=0.0)
    checked = 0
    with paths.warcs[0].open("rb") as fh:
        for rec in ArchiveIterator(fh):
            raw = rec.content_stream().read() if rec.rec_type == "response" else b""
            if b'charset="windows-1252"' not in raw[:200] or not re.search(rb"[\x80-\xff]", raw):
                continue
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")  # curly quotes and dashes really are cp1252 bytes
            assert re.search("[\u2018-\u201d\u2013\u2014\u2026]", raw.decode("windows-1252"))
            checked += 1
    assert checked


def test_warc_and_wet_records_match_truth(crawl):
    paths, rows = crawl
    assert paths.wets and all(p.name.endswith(".wet.gz") for p in paths.wets)
    expected = {r["url"]: r for r in rows}
    seen = 0
    for path in paths.warcs:
        for url, date, html in _records(path, "response"):
            row = expected[url]
            assert row["format"] == "warc" and row["warc"] == path.name and date == row["fetched_at"]
            assert "<html" in html and "</html>" in html
            for shown in (row["credit"], row["read_more"], row["title"]):
                assert not shown or shown in unescape(html), (url, shown)
            if row["published"] is None:
                assert "article:published_time" not in html and "datePublished" not in html
            seen += 1
    for path in paths.wets:
        for url, date, text in _records(path, "conversion"):
            row = expected[url]
            assert row["format"] == "wet" and row["warc"] == path.name and date == row["fetched_at"]
            assert "<p>" not in text and row["title"] in text
            assert not row["credit"] or row["credit"] in text
            seen += 1
    assert seen == len(rows)


def test_origin_pages_carry_their_dates(crawl):
    paths, rows = crawl
    by_url = {r["url"]: r for r in rows}
    checked = 0
    for path in paths.warcs:
        for url, _, html in _records(path, "response"):
            row = by_url[url]
            if row["relation"] == "origin" and row["published"]:
                d = row["published"]
                human = f"{int(d[8:]):d}"
                assert d in html or re.search(rf"\b{human} [A-Z]{{3}}", html), url
                checked += 1
    assert checked >= 3


def test_requested_edits_were_applied():
    pages = plan_crawl(synth.load_texts(), 600, seed=3, wet_share=0.0)
    by_url = {p.url: p for p in pages}
    counts: Counter = Counter()
    for p in pages:
        if not p.copied_from:
            continue
        parent = by_url[p.copied_from].doc
        edits = set(p.edits)
        for e in edits:
            counts[e] += 1
        if "headline_changed" in edits:
            assert p.doc.title != parent.title
        if "truncated" in edits and not edits & {"paragraphs_added", "boilerplate_added"}:
            assert len(p.doc.paragraphs) < len(parent.paragraphs)
        if "numbers_changed" in edits:
            assert _NUMBER.findall(" ".join(p.doc.paragraphs)) != _NUMBER.findall(" ".join(parent.paragraphs))
        if "attribution_removed" in edits:
            assert " ".join(p.doc.paragraphs).count("according to") < " ".join(parent.paragraphs).count("according to")
        if "paragraphs_added" in edits or "boilerplate_added" in edits:
            assert set(p.doc.paragraphs) - set(parent.paragraphs)
        if "paragraphs_removed" in edits:
            assert set(parent.paragraphs) - set(p.doc.paragraphs)
        if "credit_added" in edits:
            assert (p.doc.credit or p.doc.read_more) and parent.credit is None
        if "credit_removed" in edits:
            assert parent.credit and not p.doc.credit
        if not edits:
            assert p.doc.paragraphs == parent.paragraphs and p.doc.title == parent.title
    assert all(counts[e] > 0 for e, _ in EDIT_RATES)


def test_edit_functions_on_the_seed_text():
    doc = seed_doc()
    rng = Random(1)
    rounded = ed.numbers_changed(doc, rng)
    assert rounded is not None and rounded.paragraphs != doc.paragraphs
    changed = [(a, b) for a, b in zip(doc.paragraphs, rounded.paragraphs) if a != b]
    assert len(changed) == 1 and _NUMBER.findall(changed[0][0]) != _NUMBER.findall(changed[0][1])
    assert "October 17" in " ".join(rounded.paragraphs)  # dates are not numbers to round
    dropped = ed.attribution_removed(doc, rng)
    assert " ".join(dropped.paragraphs).count("according to") == " ".join(doc.paragraphs).count("according to") - 1
    short = ed.truncated(doc, rng)
    assert 2 <= len(short.paragraphs) < len(doc.paragraphs) and short.paragraphs == doc.paragraphs[: len(short.paragraphs)]
    ex = ed.excerpt(doc, rng, "Read more at RT", "https://www.rt.com/")
    assert ex.read_more == "Read more at RT" and 1 <= len(ex.paragraphs) <= 5
    assert ed.numbers_changed(ed.Doc(title="t", standfirst=None, paragraphs=("In 2014, on October 7.",)), rng) is None


def test_html_to_text_keeps_blocks_and_drops_markup():
    text = html_to_text("<html><head><title>x</title><script>var a=1;</script></head><body><h1>Title &amp; more"
                        "</h1><p>One <b>bold</b> line.</p><div>Two</div></body></html>")
    assert text.splitlines() == ["Title & more", "One bold line.", "Two"]


def test_generation_speed_is_sane(tmp_path):
    start = time.perf_counter()
    synth.generate_crawl(tmp_path, 400, seed=2)
    assert time.perf_counter() - start < 20  # ~0.3 s on an idle core; generous for loaded CI


def test_demo_crawl_is_bundled_and_holds_the_seed_case():
    paths = synth.demo_paths()
    suffixes = {p.name.split(".", 1)[1] for p in paths}
    assert {"warc.gz", "wet.gz", "jsonl", "html"} <= suffixes
    assert sum(p.stat().st_size for p in paths) < 400_000
    truth = json.loads(synth.demo_truth_path().read_text(encoding="utf-8"))
    warc = next(p for p in paths if p.name.endswith(".warc.gz"))
    wet = next(p for p in paths if p.name.endswith(".wet.gz"))
    origin = [r for r in _records(warc, "response") if r[0] == SEED_ORIGIN_URL]
    assert len(origin) == 1 and "Macron wants anti-IS coalition to go after Hamas" in origin[0][2]
    assert "2023-10-24" in origin[0][2] and "over 5,700" in origin[0][2]
    copy = [r for r in _records(wet, "conversion") if r[0] == SEED_COPY_URL]
    seed_text = (FIXTURES / "000_ef756300ad867e8b.txt").read_text(encoding="utf-8")
    assert len(copy) == 1 and copy[0][2] == seed_text
    seed_rows = [r for r in truth if r["story"] == "seed-macron"]
    assert len(seed_rows) >= 4 and sum(r["relation"] == "origin" for r in seed_rows) == 1
    edited = [r for r in seed_rows if "numbers_changed" in r["edits"]]
    assert edited and "attribution_removed" in edited[0]["edits"]
    assert any(r["relation"] == "excerpt" and r["read_more"] == "Read more at RT" for r in seed_rows)
    assert len({r["story"] for r in truth if r["story"]}) >= 3 and any(r["relation"] == "negative" for r in truth)


def test_demo_rebuilds_to_the_same_truth(tmp_path):
    build_demo(tmp_path)
    assert json.loads((tmp_path / "truth.json").read_text()) == json.loads(synth.demo_truth_path().read_text())


def test_drop_same_texts_keeps_the_first_of_a_refiled_article():
    a = synth.SourceText("a", "a", "Senate passes bill", None, tuple(f"Paragraph {i} says the senate voted on "
                                                                      f"measure {i} late on Tuesday night." for i in range(8)))
    refiled = synth.SourceText("b", "b", "Senate passes bill (updated)", None, a.paragraphs[:6] + ("New line here.",))
    other = synth.SourceText("c", "c", "House stalls", None, ("The house did not vote on anything this week at all.",) * 3)
    from newstrace.synth.texts import drop_same_texts
    assert [t.key for t in drop_same_texts([a, refiled, other])] == ["a", "c"]


@pytest.mark.skipif(not (Path(__file__).parents[2] / "shared" / "data" / "attribution" / "polnear").is_dir(),
                    reason="needs ../shared (bench data)")
def test_polnear_texts_keep_their_outlet_and_date_and_plan_on_us_outlets():
    texts = synth.load_texts("polnear")
    assert 850 <= len(texts) <= 924 and len({t.key for t in texts}) == len(texts)
    assert all(t.published and t.outlet and len(t.paragraphs) >= 2 for t in texts)
    assert Counter(t.outlet for t in texts)["apnews.com"] >= 20  # wire copies originate at the agency
    pages = plan_crawl(texts[:40], 200, seed=1, wet_share=0.0)
    origins = [p for p in pages if p.relation in ("origin", "negative") and p.site.kind == "outlet" and p.story]
    assert origins and all(p.published is None or p.published.year in (2015, 2016) for p in origins)
    assert {p.site.domain for p in origins} <= {t.outlet for t in texts[:40]}
