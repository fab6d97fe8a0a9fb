"""HTML extractor: realistic pages with must-contain / must-not-contain snippets, metadata with
its sources, dates never taken from the crawl time, and the boilerplate rules one by one."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newstrace.extract import html_boiler, html_dates
from newstrace.extract.credits import RULE_READ_MORE, find_credits
from newstrace.extract.html import EXTRACTOR, extract_html
from newstrace.model import Article

HTML = Path(__file__).parent / "fixtures" / "html"
FETCHED = "2025-01-02T03:04:05Z"


def load(name: str, **kw: str) -> Article:
    return extract_html((HTML / name).read_text(encoding="utf-8"), source=name, fetched_at=FETCHED, **kw)


def body_text(art: Article) -> str:
    return "\n".join(art.body)


def kinds(art: Article) -> set[str]:
    return {b.kind for b in art.boilerplate}


# -- a news article with everything around it ---------------------------------------------------


@pytest.fixture(scope="module")
def news() -> Article:
    return load("news_article.html", url="https://www.coastalherald.example/news/2023/10/24/harbour-bridge-closed?utm=x")


def test_news_metadata(news: Article) -> None:
    assert news.extractor == EXTRACTOR
    assert news.title == "Harbour bridge closed after cracks found in main span"
    assert news.byline == "Maria Jensen"
    assert news.site_name == "The Coastal Herald"
    assert news.language == "en"
    assert news.canonical_url == "https://www.coastalherald.example/news/2023/10/24/harbour-bridge-closed"
    assert news.domain == "www.coastalherald.example"
    assert news.errors == []


def test_news_date_is_declared_not_crawl(news: Article) -> None:
    assert news.published is not None
    assert (news.published.date, news.published.precision) == ("2023-10-24", "day")
    assert news.published.source == "meta:article:published_time"
    assert news.published.evidence is not None and news.published.evidence.rule == "date.meta.v1"


def test_news_standfirst_is_the_dek_and_not_body(news: Article) -> None:
    assert news.standfirst == "Engineers say the 1962 crossing could stay shut for months while repairs are planned."
    assert "could stay shut for months" not in body_text(news)


def test_news_body_keeps_article_paragraphs(news: Article) -> None:
    text = body_text(news)
    for snippet in ("closed to all traffic on Tuesday morning", "We cannot take any risk with a structure",
                    "last strengthened in 1998", "publish a timetable for repairs"):
        assert snippet in text
    assert news.body[0].startswith("The harbour bridge was closed")
    assert len(news.body) == 6


@pytest.mark.parametrize("leak", [
    "We use cookies", "Accept all cookies", "Ferry fares to rise", "Related stories", "Morning Briefing",
    "daily newsletter", "bound to happen", "islandbaker", "12 comments", "All rights reserved", "Privacy",
    "Harbour bridge closed after cracks found in main span",  # the headline is not body
])
def test_news_body_drops_boilerplate(news: Article, leak: str) -> None:
    assert leak not in body_text(news)


def test_news_boilerplate_recorded_by_kind(news: Article) -> None:
    assert {"cookie_banner", "related", "comments", "newsletter", "navigation"} <= kinds(news)
    cookie = [b for b in news.boilerplate if b.kind == "cookie_banner"]
    assert "We use cookies" in cookie[0].text and cookie[0].rule


# -- a blog copy with a credit line -------------------------------------------------------------


def test_blog_keeps_trailing_credit_line_for_credits_stage() -> None:
    art = load("blog_republish.html", url="https://truthseekers.example/2023/10/moscow-talks/")
    assert art.body[-1] == "Russia Today"
    assert "dismissing reports in Western media" in art.body[0]
    assert "mainstream media will never tell you" not in body_text(art)
    assert "Leave a Reply" not in body_text(art)
    assert "comments" in kinds(art)
    assert art.title == "Moscow says talks with Kyiv 'not on the agenda'"
    # no declared date: the URL's year/month is all there is, and it says so
    assert art.published is not None and art.published.precision == "month"
    assert (art.published.date, art.published.source) == ("2023-10", "url")


# -- dates --------------------------------------------------------------------------------------


def test_jsonld_only_date_and_metadata() -> None:
    art = load("jsonld_date.html")
    assert art.published is not None
    assert (art.published.date, art.published.source) == ("2021-06-03", "jsonld:datePublished")
    assert art.byline == "Jonas Keller"
    assert art.site_name == "Rheinbote"
    assert art.language == "de"
    assert "18 Millionen Euro" in body_text(art)


def test_undated_page_never_gets_the_crawl_date() -> None:
    art = load("undated.html", url="https://bakery.example/guides/sourdough-starter")
    assert art.fetched_at == FETCHED
    assert art.published is None
    assert "grey liquid on top is harmless" in body_text(art)


def test_date_after_crawl_time_is_rejected() -> None:
    page = (HTML / "jsonld_date.html").read_text(encoding="utf-8")
    art = extract_html(page, fetched_at="2020-01-01T00:00:00Z")  # crawled before the declared date
    assert art.published is None or art.published.date <= "2020-01-02"


@pytest.mark.parametrize("text,expected", [
    ("2023-10-24T08:15:00+01:00", ("2023-10-24", "day")),
    ("2023-10-24", ("2023-10-24", "day")),
    ("2023-10", ("2023-10", "month")),
    ("Tue, 24 Oct 2023 08:15:00 GMT", ("2023-10-24", "day")),
    ("20231024", ("2023-10-24", "day")),
    ("2023-02-30", None),
    ("yesterday", None),
])
def test_parse_date(text: str, expected: tuple[str, str] | None) -> None:
    assert html_dates.parse_date(text) == expected


def test_url_date_precision() -> None:
    bound = date(2030, 1, 1)
    day = html_dates.url_date("https://x.example/2019/11/18/story", bound)
    month = html_dates.url_date("https://x.example/news/2019/11/story", bound)
    assert day is not None and (day.date, day.precision) == ("2019-11-18", "day")
    assert month is not None and (month.date, month.precision) == ("2019-11", "month")
    assert html_dates.url_date("https://x.example/2019/11/18/story", date(2019, 1, 1)) is None
    assert html_dates.url_date("https://x.example/item/12345678", bound) is None


# -- non-articles -------------------------------------------------------------------------------


def test_login_page_gives_empty_body_and_error() -> None:
    art = load("login_page.html")
    assert art.body == []
    assert art.errors and art.errors[0].startswith("no_article:")
    assert art.published is None


@pytest.mark.parametrize("page", ["", "   ", "<html></html>", "not html at all \x00\x01"])
def test_empty_or_garbage_input_does_not_raise(page: str) -> None:
    art = extract_html(page, source="x")
    assert art.body == [] and art.errors and art.errors[0].startswith("no_article:")


# -- standfirst from meta description -----------------------------------------------------------

_PARAS = "".join(
    f"<p>{s}</p>" for s in (
        "The regional water authority announced on Friday that hosepipe restrictions will stay in place for the rest of the year across the valley.",
        "Reservoir levels remain at 41 per cent of capacity, the lowest autumn figure since records began in 1976, according to the authority.",
        "Farmers said the restrictions were hurting their winter crops and asked for an exemption for drip irrigation systems on small holdings.",
    )
)


def _page(description: str) -> str:
    return (f'<html lang="en"><head><title>Hosepipe ban to stay</title><meta name="description" content="{description}">'
            f"</head><body><article><h1>Hosepipe ban to stay</h1>{_PARAS}</article></body></html>")


def test_meta_description_used_as_dek_when_it_is_not_the_opening() -> None:
    art = extract_html(_page("Reservoirs are at their lowest autumn level in almost fifty years."))
    assert art.standfirst == "Reservoirs are at their lowest autumn level in almost fifty years."


def test_meta_description_repeating_the_first_sentence_is_not_a_dek() -> None:
    art = extract_html(_page("The regional water authority announced on Friday that hosepipe restrictions will stay in place"))
    assert art.standfirst is None
    assert art.body[0].startswith("The regional water authority")


# -- boilerplate rules --------------------------------------------------------------------------


@pytest.mark.parametrize("line,kind", [
    ("READ MORE: China plague outbreak confirmed in Beijing", "related"),
    ("Thanks for signing up!", "newsletter"),
    ("Sign up for our free daily newsletter to get the news delivered to your inbox.", "newsletter"),
    ("Like this story? Share it with a friend!", "share"),
    ("This site uses cookies to improve your experience. By continuing you accept our cookie policy.", "cookie_banner"),
    ("Leave a comment", "comments"),
    ("Write to Al Root at allen.root@dowjones.com", "byline"),
    ("Our NEWSLETTER lands in your inbox every weekday morning", "newsletter"),
    ("Cookies help us deliver our services. By using them you agree to our use of cookies.", "cookie_banner"),
])
def test_line_patterns(line: str, kind: str) -> None:
    assert html_boiler.line_kind(line) == kind


@pytest.mark.parametrize("line", [
    "Read more books, the minister told pupils at the school on Monday, and fewer screens.",
    "Trending downward since March, inflation fell to 3.1 per cent in the year to October.",
    "Copyright © 2019 The Associated Press. All rights reserved.",  # a credit: credits.py decides
    "Originally published on Live Science.",
    "This story was First Published in The Conversation and is republished under a Creative Commons licence.",
    "SOURCE: Reuters, Bloomberg",
])
def test_prose_and_credit_lines_are_not_boilerplate(line: str) -> None:
    body, removed = html_boiler.filter_body([line], [], [1.0], ["p"])
    assert body == [line] and removed == []


def test_wrapper_block_named_like_boilerplate_does_not_delete_the_article() -> None:
    pars = [f"Paragraph number {i} of the article carries enough words to count as real prose here." for i in range(6)]
    wrapper = html_boiler.Block("comments", " ".join(pars), html_boiler.norm(" ".join(pars)))
    body, removed = html_boiler.filter_body(pars, [wrapper])
    assert body == pars and removed == []


def test_paragraph_inside_related_block_is_removed() -> None:
    pars = [f"Paragraph number {i} of the article carries enough words to count as real prose here." for i in range(6)]
    teaser = "Ferry fares to rise by 12 per cent from January as fuel costs bite"
    block = html_boiler.Block("related", "Related stories " + teaser, html_boiler.norm("Related stories " + teaser))
    body, removed = html_boiler.filter_body(pars + [teaser], [block])
    assert body == pars
    assert [(b.kind, b.text) for b in removed] == [("related", teaser)]


def test_trailing_run_of_linked_items_is_related() -> None:
    pars = [f"Paragraph number {i} of the article carries enough words to count as real prose here." for i in range(4)]
    items = ["Pochettino fired by Tottenham", "Results from MLS Expansion Draft", "Maradona out as coach of Gimnasia"]
    body, removed = html_boiler.filter_body(pars + items, [], [0.0] * 4 + [0.6] * 3, ["p"] * 4 + ["item"] * 3)
    assert body == pars and {b.kind for b in removed} == {"related"}


# -- Readability test pages (Apache-2.0, see fixtures/html/NOTICE) ------------------------------


@pytest.mark.parametrize("name", ["ars-1", "herald-sun-1"])
def test_readability_pages_title_and_site(name: str) -> None:
    expected = json.loads((HTML / f"{name}.expected-metadata.json").read_text(encoding="utf-8"))
    art = load(f"{name}.html")
    assert art.title == expected["title"]
    assert art.site_name == expected["siteName"]
    assert len(body_text(art)) > 1500 and art.errors == []


def test_readability_ars_byline_and_body() -> None:
    expected = json.loads((HTML / "ars-1.expected-metadata.json").read_text(encoding="utf-8"))
    art = load("ars-1.html")
    assert art.byline == expected["byline"]
    assert art.standfirst == expected["excerpt"]
    assert "Minecraft" in art.body[0]
    assert expected["excerpt"] not in body_text(art)


# -- parsing and the dek search on realistic markup ---------------------------------------------

_STORY = "".join(
    f"<p>{s}</p>" for s in (
        "The city council voted on Tuesday night to close the old market hall for at least two years of repairs to its roof.",
        "Stallholders will move to a temporary site on the harbour car park from March, the council said in a statement.",
        "Traders said the move would cost them customers and asked for a rent reduction while the temporary site is in use.",
    )
)


def test_xml_declared_page_with_a_form_parses_and_extracts() -> None:
    # lxml refuses a str that declares its encoding: the bytes fallback must still give the article
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head>'
            "<title>Market hall to close for repairs</title></head><body><article><h1>Market hall to close for repairs</h1>"
            f'{_STORY}</article><form class="search"><input name="q"><select name="s"><option>All</option></select>'
            "</form></body></html>")
    art = extract_html(page)
    assert art.errors == []
    assert art.title == "Market hall to close for repairs"
    assert art.body[0].startswith("The city council voted on Tuesday night")


def test_named_dek_in_a_sibling_of_main_is_found() -> None:
    # the dek's grandparent (the page wrapper div, not body) holds the h1, two levels down inside <main>
    page = ('<html lang="en"><head><title>Market hall to close</title></head><body><div class="page">'
            "<main><article><h1>Market hall to close for repairs</h1>" + _STORY + "</article></main>"
            '<section class="intro"><p class="article-standfirst">Stallholders move to the harbour car park from March '
            "while the roof is rebuilt.</p></section></div></body></html>")
    art = extract_html(page)
    assert art.standfirst == "Stallholders move to the harbour car park from March while the roof is rebuilt."


def test_first_named_dek_in_page_order_wins() -> None:
    page = ('<html lang="en"><head><title>Market hall to close</title></head><body><article>'
            '<header><p class="kicker-subtitle">Two years of roof repairs will move every stall to the harbour.</p>'
            "<h1>Market hall to close for repairs</h1>"
            '<h2 class="subheadline">Traders ask for lower rents while the temporary site is in use.</h2></header>'
            + _STORY + "</article></body></html>")
    art = extract_html(page)
    assert art.standfirst == "Two years of roof repairs will move every stall to the harbour."


def test_teaser_summary_far_from_the_headline_is_not_a_dek() -> None:
    page = ('<html lang="en"><head><title>Market hall to close</title></head><body><article>'
            "<h1>Market hall to close for repairs</h1>" + _STORY + "</article>"
            '<div class="teasers"><ul><li><div class="card"><p class="summary">Ferry fares will rise by twelve per cent '
            "from January as fuel costs bite.</p></div></li></ul></div></body></html>")
    art = extract_html(page)
    assert art.standfirst is None


# -- credit lines the HTML path hands to credits.py -----------------------------------------------

_EXCERPT = ('<html lang="en"><head><title>Market hall to close for repairs | Harbour Notes</title>'
            '<meta property="og:site_name" content="Harbour Notes"></head><body><article>'
            "<h1>Market hall to close for repairs</h1>" + _STORY + "{tail}</article>"
            '<aside class="related-posts"><h3>Related</h3><p><a href="/a">Read more at Harbour Notes</a></p></aside>'
            "</body></html>")
_LOCAL_OUTLETS = {"the coastal herald", "associated press", "ap"}


def _is_outlet(name: str) -> bool:
    return name.casefold() in _LOCAL_OUTLETS


@pytest.mark.parametrize("line", ["Read the full article at AP", "Continue reading at reuters.com",
                                  "Read more at The Coastal Herald"])
def test_excerpt_link_back_reaches_credits(line: str) -> None:
    # trafilatura drops a link-only closing paragraph; the HTML path puts it back for credits.py
    page = _EXCERPT.format(tail=f'<p><a href="https://source.example/story" rel="nofollow">{line}</a></p>')
    art = extract_html(page, is_outlet=_is_outlet)
    assert art.body[-1] == line
    credited = find_credits(art, is_outlet=_is_outlet)
    assert [c.rule for c in credited.credits] == [RULE_READ_MORE]
    assert line not in credited.body
    assert "Read more at Harbour Notes" not in body_text(art)  # the sidebar teaser is not the article's


def test_link_back_naming_no_known_outlet_is_boilerplate_not_body() -> None:
    page = _EXCERPT.format(tail='<p><a href="https://x.example/1">Read the full article at Quiet Lantern</a></p>')
    art = extract_html(page, is_outlet=_is_outlet)
    assert "Quiet Lantern" not in body_text(art)
    assert any(b.text == "Read the full article at Quiet Lantern" and b.rule == html_boiler.RULE_LINK_BACK
               for b in art.boilerplate)


@pytest.mark.parametrize("line", ["Read more…", "Read more", "Read more: Ferry fares to rise by twelve per cent"])
def test_generic_read_more_is_no_link_back(line: str) -> None:
    assert not html_boiler.link_back(line)
    page = _EXCERPT.format(tail=f'<p><a href="/story/2">{line}</a></p>')
    art = extract_html(page, is_outlet=_is_outlet)
    assert line not in art.body


def test_trailing_link_back_kept_by_trafilatura_stays_for_credits() -> None:
    body = ["The council voted to close the hall for two years of repairs to its roof, officials said."] * 3
    lines = body + ["Read the full article at AP", "Tags: politics, harbour"]
    kept, removed = html_boiler.filter_body(lines, [], [0.0, 0.0, 0.0, 1.0, 0.0], ["p"] * 5,
                                            credit=lambda line: line.endswith("AP"))
    assert kept == body + ["Read the full article at AP"]
    assert [b.kind for b in removed] == ["navigation"]
    # without credits.py's verdict the line stays boilerplate, as before
    kept, _ = html_boiler.filter_body(lines, [], [0.0, 0.0, 0.0, 1.0, 0.0], ["p"] * 5)
    assert "Read the full article at AP" not in kept


_BYLINED = ('<html lang="en"><head><title>Market hall to close for repairs</title>'
            '<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Market hall to close for repairs", '
            '"author": {{"@type": "Person", "name": "Jane Doe"}}}}</script></head><body><article>'
            '<h1>Market hall to close for repairs</h1><div class="byline">{byline}</div>' + _STORY
            + "</article></body></html>")


def test_outlet_in_a_byline_block_beside_a_person_byline_becomes_a_credit() -> None:
    art = extract_html(_BYLINED.format(byline="By Jane Doe, Associated Press"), is_outlet=_is_outlet)
    assert art.byline == "Jane Doe"
    credited = find_credits(art, is_outlet=_is_outlet)
    assert [(c.name, c.kind) for c in credited.credits] == [("Associated Press", "agency_byline")]
    assert credited.body[0].startswith("The city council voted")


@pytest.mark.parametrize("byline", ["By Jane Doe, Staff Writer", "By Jane Doe | Updated Nov 5, 2023 10:03 AM"])
def test_byline_block_with_only_roles_and_dates_is_not_handed_over(byline: str) -> None:
    art = extract_html(_BYLINED.format(byline=byline), is_outlet=_is_outlet)
    assert art.body[0].startswith("The city council voted")
    assert not any(b.rule == "head.byline_block.v1" for b in art.boilerplate)


def test_byline_block_naming_an_unknown_name_is_recorded_not_body() -> None:
    art = extract_html(_BYLINED.format(byline="By Jane Doe | Quiet Lantern Weekly"), is_outlet=_is_outlet)
    assert art.body[0].startswith("The city council voted")
    assert any(b.rule == "head.byline_block.v1" and "Quiet Lantern" in b.text for b in art.boilerplate)


def _titled(title: str, extra: str = "") -> str:
    # no og:title and no h1: the <title> is the only title source, as on many forum and channel pages
    return (f'<html lang="en"><head><title>{title}</title>{extra}</head><body><div class="post">'
            f'<div class="top"><a href="/">The Coastal Herald</a></div>{_STORY}</div></body></html>')


@pytest.mark.parametrize(("title", "extra", "expected"), [
    ("Ferry fares to rise by twelve per cent – report", "", "Ferry fares to rise by twelve per cent – report"),
    ("Council backs harbour plan - poll", "", "Council backs harbour plan - poll"),
    ("Ferry fares to rise – report | The Coastal Herald", "", "Ferry fares to rise – report"),  # home link names it
    ("Ferry fares to rise | Harbour Notes", '<meta property="og:site_name" content="Harbour Notes">',
     "Ferry fares to rise"),
    ("Ferry fares to rise - coastalherald.example", "", "Ferry fares to rise"),  # the host names it
])
def test_title_suffix_is_cut_only_when_it_names_the_site(title: str, extra: str, expected: str) -> None:
    art = extract_html(_titled(title, extra), url="https://www.coastalherald.example/news/1")
    assert art.title == expected
