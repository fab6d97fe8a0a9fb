"""Typed edits of a copy against its source, as a reader would name them, on realistic pages."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
from test_reuse_helpers import AGENCY, BLOG, HARVEST, STRIKE, article, credit_to

from newstrace.model import Boilerplate, Credit, Outlet
from newstrace.reuse import FingerprintParams, align, diff, shingle_article

K = FingerprintParams().shingle
TITLE = "Drones hit oil depot in Bryansk"
STANDFIRST = "Four fuel tanks burned after the overnight attack"


def _source(**kw):
    return article("orig", STRIKE, publisher=AGENCY, **kw)


def _copy(body, **kw):
    kw.setdefault("domain", "truthblog.example")
    return article("blog", body, **kw)


def _edits(src, cpy, names=None):
    a, b = shingle_article(src, K), shingle_article(cpy, K)
    return diff(src, cpy, a, b, align(a, b), names)


def _types(src, cpy, names=None):
    return sorted(e.type for e in _edits(src, cpy, names))


def test_noise_alone_is_no_edit():
    """Quotes, dashes, spacing, a paragraph split in two, a site suffix on the title, and the
    template lines another extractor kept around the article: none of it is an edit."""
    noisy = [p.replace(", ", ",  ").replace("'", "’") for p in STRIKE]
    first, rest = noisy[2].split(". ", 1) if ". " in noisy[2] else (noisy[2], "")
    body = ["Reposting what matters", "January 3, 2024 by admin"] + noisy[:2] + [first + ".", rest] + noisy[3:] + \
        ["Share this:", "Facebook", "Posted in News | Tagged world", "Leave a Reply",
         "Fitz says: Does anyone have a link to the original? I would like to read all of it.",
         "Copyright © 2024 Truth Blog. All rights reserved."]
    src = _source(title=TITLE)
    cpy = _copy([b for b in body if b], title=TITLE + " | Truth Blog", publisher=BLOG)
    assert _edits(src, cpy) == []
    shouting_case = _copy(STRIKE, title="Drones Hit Oil Depot In Bryansk")  # title case is house style
    assert _edits(src, shouting_case) == []


def test_inserted_promo_and_commentary_inside_the_body():
    promo = "Support independent media: donate today and keep this site free."
    note = "Editor's note: we are sharing this because the mainstream press has barely mentioned it."
    cpy = _copy(STRIKE[:2] + [promo] + STRIKE[2:] + [note])
    edits = _edits(_source(), cpy)
    assert sorted(e.type for e in edits) == ["boilerplate_added", "paragraphs_added"]
    for e in edits:
        assert cpy.text[e.span_copy[0]:e.span_copy[1]] in (promo, note)


def test_furniture_the_copy_extractor_lifted_out_of_the_body():
    """The extractor set a subscribe line aside as boilerplate; its rule says it sat among the
    article's paragraphs, unlike the page's own newsletter box (a DOM block)."""
    line = "Subscribe to our daily newsletter so you never miss a story."
    lifted = replace(_copy(STRIKE), boilerplate=[Boilerplate("newsletter", line, "boiler.line_pattern.v1", 0.8)])
    assert _types(_source(), lifted) == ["boilerplate_added"]
    box = replace(_copy(STRIKE), boilerplate=[Boilerplate("newsletter", line, "boiler.dom_class.v1", 0.7)])
    assert _edits(_source(), box) == []


def test_credit_lines_wherever_the_extractor_left_them():
    src = _source()
    in_body = _copy(STRIKE + ["Via globalwire.example"])
    assert _types(src, in_body) == ["credit_added"]
    short_copyright = _copy(STRIKE + ["© 2024 Global Wire"])
    assert _types(src, short_copyright) == ["credit_added"]
    in_boilerplate = replace(_copy(STRIKE), boilerplate=[Boilerplate("navigation", "Source: https://globalwire.example/a/1")])
    e = _edits(src, in_boilerplate)
    assert [x.type for x in e] == ["credit_added"] and "globalwire.example" in e[0].detail
    as_title = _copy(STRIKE, title="SOURCE: Global Wire")  # a plain-text extractor took it for the title
    assert _types(src, as_title) == ["credit_added"]
    own_footer = _copy(STRIKE + ["Copyright © 2019–2024 Truth Blog. Articles reposted here remain the property of "
                                 "their authors."], publisher=BLOG)
    assert _edits(src, own_footer) == []


def test_a_credited_outlet_is_named_by_its_own_domain():
    """An outlet with many sites (RT: rt.com, actualidad-rt.com, arabic.rt.com...) is named in the edit by
    its main domain, whichever of its sites sorts first."""
    rt = Outlet(name="RT", domain="rt.com", domains=("rt.com", "actualidad-rt.com", "arabic.rt.com"), aliases=("Russia Today",))
    src = _source()
    cpy = replace(_copy(STRIKE + ["Russia Today"]), credits=[credit_to(rt, "Russia Today")])
    e = _edits(src, cpy)
    assert [(x.type, x.detail) for x in e] == [("credit_added", "credits rt.com")]


def test_glued_paragraphs_hide_a_credit_and_a_comment():
    """Some templates run the paragraphs together: the credit and the note are found at the seams."""
    glued = TITLE + "[Global Wire]" + STANDFIRST + "Notice how quickly this was buried. Share it before it " \
        "disappears." + "".join(STRIKE)
    cpy = _copy(["Reposting what matters", glued])
    assert _types(_source(title=TITLE), cpy) == ["credit_added", "paragraphs_added"]


def test_credit_kept_in_other_words_is_no_edit_and_dropped_is_removed():
    src = _copy(STRIKE, credits=[credit_to(AGENCY, "Source: Global Wire")])
    src = replace(src, page_id="parent", body=STRIKE + ["Source: Global Wire"])
    kept = _copy(STRIKE + ["This article originally appeared on Global Wire."], domain="mirror.example")
    assert _edits(src, kept, {"globalwire.example": frozenset({"globalwire"})}) == []
    dropped = _copy(STRIKE, domain="mirror.example")
    e = _edits(src, dropped)
    assert [x.type for x in e] == ["credit_removed"]
    assert src.text[e[0].span_source[0]:e[0].span_source[1]] == "Source: Global Wire"


def test_headline_changes_a_reader_sees():
    src = _source(title=TITLE)
    for new in ("BREAKING: " + TITLE, TITLE.upper(), TITLE + "!", "Kyiv terror attack on Russia"):
        e = _edits(src, _copy(STRIKE, title=new))
        assert [x.type for x in e] == ["headline_changed"], new
        assert (e[0].before, e[0].after) == (TITLE, new)


def test_titles_an_extractor_got_wrong_are_no_headline_change():
    src = replace(_source(title=TITLE), standfirst=STANDFIRST)
    # the copy's plain-text extractor took the standfirst for the title; the headline is a menu line
    wet = replace(_copy(STRIKE, title=STANDFIRST),
                  boilerplate=[Boilerplate("navigation", "Truth Blog"), Boilerplate("navigation", TITLE)])
    assert _edits(src, wet) == []
    tagline = replace(_copy(STRIKE, title="All the news, none of the spin"),
                      boilerplate=[Boilerplate("navigation", TITLE)])
    assert _edits(src, tagline) == []
    dated = _copy(STRIKE, title="27/04/2024 by the_watcher")
    assert _edits(src, dated) == []
    # but a copy that made the standfirst its headline did change it
    promoted = _copy([STANDFIRST] + STRIKE, title=STANDFIRST)
    assert _types(src, promoted) == ["headline_changed"]


def test_attribution_and_numbers_inside_kept_sentences():
    lead = "fuel depots in the region have been hit since January. "
    src = replace(_source(), body=STRIKE[:5] + ["About 30 " + lead + STRIKE[5]] + STRIKE[6:])
    body = list(src.body)
    body[0] = body[0].replace(", according to the regional governor, Alexander Bogomaz", "")
    body[2] = body[2].replace("destroyed 12 drones", "destroyed over 20 drones")
    body[5] = "Nearly 40 " + lead + STRIKE[5]  # a figure at the very start of a paragraph
    body.insert(1, "Make of this what you will. It is not the first time this has happened, as one reader said.")
    e = _edits(src, _copy(body))
    assert sorted(x.type for x in e) == ["attribution_removed", "numbers_changed", "numbers_changed",
                                         "paragraphs_added"]
    attr = next(x for x in e if x.type == "attribution_removed")
    assert "according to the regional governor" in attr.before
    nums = {x.detail for x in e if x.type == "numbers_changed"}
    assert "12 -> 20" in nums


def test_a_short_removed_paragraph_is_no_removed_attribution():
    src = _source()
    body = STRIKE[:1] + ["Bogomaz said that no one had been injured in the attack."] + STRIKE[1:]
    parent = replace(src, page_id="p", body=body)
    assert _types(parent, _copy(STRIKE)) == ["paragraphs_removed"]


def test_truncation_versus_inner_removal():
    src = _source()
    assert _types(src, _copy(STRIKE[:4])) == ["truncated"]
    assert _types(src, _copy(STRIKE[:2] + STRIKE[3:])) == ["paragraphs_removed"]
    assert _types(src, _copy(STRIKE[:-1] + ["Share this:"])) == ["truncated"]


def test_edits_stay_fast_on_long_articles():
    rng = np.random.default_rng(0)
    vocab = [w for p in STRIKE + HARVEST for w in p.split()]
    body = [" ".join(rng.choice(vocab, 120)) + "." for _ in range(200)]  # ~24k words
    src = article("long", body)
    cpy = _copy(body[:80] + ["Subscribe to our newsletter for more."] + body[81:150])
    t = time.perf_counter()
    types = _types(src, cpy)
    assert time.perf_counter() - t < 3.0
    assert types == ["boilerplate_added", "paragraphs_removed", "truncated"]


def test_a_dateline_credit_still_in_the_copy_is_not_removed():
    """The source's extractor recorded its dateline as a credit; the copy's did not, but the words
    are there, so nothing was removed."""
    dateline = "BRYANSK, Russia (Global Wire) —"
    body = [dateline + " " + STRIKE[0]] + STRIKE[1:]
    cred = Credit(text=dateline, name="Global Wire", kind="dateline", rule="test", confidence=0.8, outlet=AGENCY)
    src = replace(_copy(body, credits=[cred]), page_id="parent", domain="mirror.example")
    assert _edits(src, _copy(body)) == []
    assert _types(src, _copy(STRIKE)) == ["credit_removed"]
