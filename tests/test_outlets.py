"""Outlet registry on the shipped lists (package data only; no /work/shared)."""

from __future__ import annotations

import time
from importlib import resources

import pytest

from newstrace.model import Article, Credit
from newstrace.outlets import OutletRegistry, describe, host_of, label_article, normalise_name


@pytest.fixture(scope="module")
def reg() -> OutletRegistry:
    return OutletRegistry.load()


def _labels(outlet, list_name=None):
    return {lab.label for lab in outlet.labels if list_name is None or lab.list == list_name}


def test_load_is_fast_and_fresh():
    t0 = time.perf_counter()
    a = OutletRegistry.load()
    assert time.perf_counter() - t0 < 2.0  # < 0.5 s on a quiet machine; slack for loaded CI runners
    assert OutletRegistry.load() is not a  # no module-level cache


def test_russia_today_is_rt_not_sputnik(reg):
    rt = reg.by_name("Russia Today")
    assert rt is not None
    assert (rt.name, rt.domain, rt.country) == ("RT", "rt.com", "Russia")
    assert "state-affiliated" in _labels(rt)
    assert "Sputnik" not in rt.name and "sputnik" not in (rt.domain or "")
    # the media group whose name carries "(Russia Today)" is Sputnik's owner, not RT
    group = reg.by_name("Rossiya Segodnya (Russia Today)")
    assert group is not None and group.name == "Rossiya Segodnya"


@pytest.mark.parametrize("query", ["rt.com", "arabic.rt.com", "actualidad.rt.com",
                                   "https://www.rt.com/news/585-macron/",
                                   "RT en Español", "RT Arabic", "RT", "russia today", "RUSSIA TODAY."])
def test_rt_variants_resolve_to_rt(reg, query):
    found = reg.lookup(query)
    assert found is not None and found.name == "RT", query


def test_sputnik_has_its_parent(reg):
    sp = reg.by_name("Sputnik")
    assert sp is not None and sp.parent == "Rossiya Segodnya"
    assert reg.by_domain("sputniknews.com").name == "Sputnik"
    edition = reg.by_domain("https://sputniknews.in/world/")
    assert edition is not None and edition.parent == "Rossiya Segodnya"


def test_state_media_label_keeps_list_version_licence_and_raw_code(reg):
    rt = reg.by_name("RT")
    sm = [lab for lab in rt.labels if lab.label == "state-affiliated"]
    assert sm and sm[0].list == "State Media Matrix"
    assert sm[0].licence == "MIT" and sm[0].version
    assert "SC" in sm[0].detail  # raw typology code kept
    assert all(lab.list and lab.version and lab.licence for lab in rt.labels)


def test_labels_stay_list_by_list(reg):
    rt = reg.by_name("RT")
    lists = {lab.list for lab in rt.labels}
    assert {"State Media Matrix", "EUvsDisinfo", "Wikipedia perennial sources"} <= lists
    assert "deprecated" in _labels(rt, "Wikipedia perennial sources")
    score = [lab.score for lab in rt.labels if lab.list.startswith("Lin et al.")]
    assert len(score) == 1 and 0.0 <= score[0] <= 1.0


def test_sites_of_concern_keep_source_list_name(reg):
    listed = reg.by_domain("news.allauction.live")
    assert listed is not None
    assert {lab.list for lab in listed.labels} == {"RT mirror/repost"}
    assert reg.by_domain("piter-news.net") is not None
    assert "Viginum Portal Kombat" in {lab.list for lab in reg.by_domain("piter-news.net").labels}


def test_wire_agencies_and_majors(reg):
    cases = {"AP": "Associated Press", "The Associated Press": "Associated Press",
             "Agence France-Presse": "Agence France-Presse",
             "AFP": "Agence France-Presse", "UPI": "United Press International", "Reuters": "Reuters", "TASS": "TASS",
             "RIA Novosti": "RIA Novosti", "Xinhua": "Xinhua", "CGTN": "CGTN", "Global Times": "Global Times",
             "Al Jazeera": "Al Jazeera", "Washington Post": "The Washington Post", "NYT": "The New York Times",
             "PressTV": "Press TV", "Anadolu": "Anadolu Agency", "dpa": "Deutsche Presse-Agentur"}
    for query, name in cases.items():
        found = reg.by_name(query)
        assert found is not None and found.name == name, query
    assert reg.by_name("RIA Novosti").parent == "Rossiya Segodnya"
    assert reg.by_domain("apnews.com").name == "Associated Press"


@pytest.mark.parametrize("query", ["Jesus' Coming Back", "Comments are closed.", "Today", "Hill", "New York",
                                   "Facebook", "RSS", "", "According to Reuters", "Associated"])
def test_unknown_or_ambiguous_names_give_none(reg, query):
    assert reg.by_name(query) is None
    assert not reg.is_outlet(query)


def test_domains_not_listed_and_platform_subdomains(reg):
    assert reg.by_domain("example-unknown-blog-4711.net") is None
    assert reg.by_domain("someone.blogspot.com") is None
    assert reg.by_domain("") is None


def test_www_and_subdomains_walk_up(reg):
    assert reg.by_domain("www.bbc.co.uk").name == "BBC"
    assert reg.by_domain("edition.cnn.com/2023/10/24/world/index.html").name == "CNN"
    assert host_of("https:/www.rt.com/russia") == "rt.com"
    assert normalise_name("Agence France–Presse") == normalise_name("agence france presse")


def test_cc_by_sa_list_ships_separately_with_its_licence():
    root = resources.files("newstrace").joinpath("data/outlets")
    wiki = root.joinpath("wikipedia")
    assert wiki.joinpath("perennial_sources.csv").is_file()
    assert "CC BY-SA" in wiki.joinpath("LICENSE.md").read_text(encoding="utf-8") or \
        "Attribution-ShareAlike" in wiki.joinpath("LICENSE.md").read_text(encoding="utf-8")
    assert not root.joinpath("perennial_sources.csv").is_file()
    for lic in ("state_media_matrix.LICENSE", "sites_of_concern.LICENSE", "specious_sites_unreliable.LICENSE"):
        assert root.joinpath(lic).is_file()
    attribution = root.joinpath("lin2023_domain_pc1.ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "Feel free to reuse the data" in attribution


def test_describe_is_list_by_list(reg):
    d = describe(reg.by_name("Russia Today"))
    assert d["name"] == "RT" and d["country"] == "Russia"
    names = [x["list"] for x in d["lists"]]
    assert len(names) == len(set(names))
    sm = next(x for x in d["lists"] if x["list"] == "State Media Matrix")
    assert sm["labels"][0]["label"] == "state-affiliated" and sm["labels"][0]["licence"] == "MIT"


def test_label_article_resolves_credits_and_publisher(reg):
    art = Article(source="t", url="https://www.rt.com/news/1/", site_name="RT International", body=["x"],
                  credits=[Credit(text="Russia Today", name="Russia Today", kind="credit_line",
                                  rule="credit.trailing_line.v1", confidence=0.85)])
    out = label_article(art, reg)
    assert out is not art and art.credits[0].outlet is None  # input untouched
    assert out.credits[0].outlet.name == "RT" and out.publisher.name == "RT"
    blog = label_article(Article(source="t", site_name="Jesus' Coming Back", body=["x"]), reg)
    assert blog.publisher is not None and blog.publisher.name == "Jesus' Coming Back" and not blog.publisher.labels
