"""Plain-text extractor: the seed's must fields, realistic page layouts, furniture, pages with
no article, and hostile input. Self-contained: needs only tests/fixtures."""

from __future__ import annotations

import inspect
import json
import time
from pathlib import Path

import pytest

from newstrace.extract.credits import find_credits
from newstrace.extract.text import extract_text, normalise_line, site_furniture
from newstrace.extract.text_model import load_text_model

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "000_ef756300ad867e8b.txt"
SEED_EXPECTED = FIXTURES / "seed_expected.json"


def rt_outlet(name: str) -> bool:
    return name.strip().lower() in {"russia today", "rt"}


def ws(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


@pytest.fixture(scope="module")
def model():
    return load_text_model()


@pytest.fixture(scope="module")
def seed(model):
    return extract_text(SEED.read_text("utf-8"), source=str(SEED), is_outlet=rt_outlet, model=model)


@pytest.fixture(scope="module")
def must():
    return json.loads(SEED_EXPECTED.read_text("utf-8"))["must"]


# ---- the seed ---------------------------------------------------------------------------------


def test_seed_head_fields(seed, must):
    assert ws(seed.site_name) == ws(must["site_name"])
    assert ws(seed.title) == ws(must["title"])
    assert ws(seed.standfirst) == ws(must["standfirst"])
    assert seed.published is None  # the seed states no date: none may be invented
    assert seed.extractor == "text.v1"
    assert seed.errors == []


def test_seed_body_exact(seed, must):
    assert [ws(p) for p in seed.body] == [ws(p) for p in must["body_paragraphs"]]
    joined = "\n".join(seed.body)
    for bad in must["body_must_not_contain"]:
        assert bad not in joined


def test_seed_boilerplate_and_credit(seed, must):
    removed = [(b.kind, ws(b.text)) for b in seed.boilerplate]
    for want in must["boilerplate_removed"]:
        assert (want["kind"], ws(want["text"])) in removed
    # in page order: site name first, cookie banner last
    order = [removed.index((w["kind"], ws(w["text"]))) for w in must["boilerplate_removed"]]
    assert order == sorted(order)
    assert [c.text for c in seed.credits] == ["Russia Today"]
    assert all(b.rule for b in seed.boilerplate)


def test_seed_default_model_loads(must):
    art = extract_text(SEED.read_text("utf-8"), is_outlet=rt_outlet)
    assert ws(art.title) == ws(must["title"])


def test_public_signature():
    params = inspect.signature(extract_text).parameters
    assert list(params)[:5] == ["text", "source", "url", "furniture", "is_outlet"]
    assert all(params[p].kind is inspect.Parameter.KEYWORD_ONLY for p in ("source", "url", "furniture", "is_outlet"))


# ---- realistic layouts -------------------------------------------------------------------------

BODY_NEWS = [
    "The city council voted 7 to 2 on Tuesday night to approve a new budget that raises spending on public transport by 12 percent, ending months of debate over how to pay for the expansion of the tram network.",
    "Supporters said the increase was overdue after two years in which ridership grew faster than the fleet. \u201cWe are finally catching up with the people who already use the trams every day,\u201d said councillor Maria Jensen, who chairs the transport committee.",
    "Opponents argued that the plan relies on optimistic forecasts for property tax revenue and warned that a slowdown in the housing market could leave a gap of several million in the next financial year.",
    "The budget also sets aside money for 40 new bus shelters, longer opening hours at three public libraries and a pilot scheme that will make buses free for children under 16 during the summer holidays.",
    "Construction on the first section of the extended tram line is expected to begin in the spring, and the council said it would publish a detailed timetable for the works before the end of the year.",
]

NEWS_PAGE = "\n".join([
    "Council approves transport budget | Riverside Gazette",
    "",
    "Skip to content",
    "Home", "News", "Sport", "Business", "Opinion", "Weather", "Subscribe", "Sign in",
    "",
    "Local politics",
    "Council approves record transport budget after months of debate",
    "By Tom Hansen",
    "Published: 24 Oct 2023",
    "",
    "Share on Facebook", "Share on Twitter", "Email",
    "",
    *BODY_NEWS,
    "",
    "Related stories",
    "Tram line extension delayed again",
    "Library hours to be cut in January",
    "Sign up for our morning newsletter and get the day's top stories delivered to your inbox.",
    "\u00a9 2023 Riverside Gazette. All rights reserved.",
    "Privacy Policy", "Terms of Use", "Contact us",
])

BODY_BLOG = [
    "I spent the last three weekends rebuilding the old greenhouse at the bottom of the garden, and I want to write down what worked and what did not before I forget the details.",
    "The frame was in better shape than I expected. Most of the rot was in the lower boards, which I replaced with treated timber, and the glazing bars only needed a good clean and a coat of paint.",
    "The glass was the real problem. Several panes were cracked, and the putty had dried out so badly that it crumbled when I touched it, so in the end I took every pane out and started again.",
    "If you are planning something similar, buy more glazing clips than you think you need and do the work on a dry, still day. Wind and wet putty do not mix, as I learned the hard way.",
]

BLOG_PAGE = "\n".join([
    "Notes from a Small Garden",
    "Menu",
    "About", "Archive", "Contact",
    "Rebuilding the greenhouse",
    "Posted on March 3, 2021 by Ellen",
    *BODY_BLOG,
    "Share this:",
    "Twitter", "Facebook",
    "Like this:",
    "Read more",
    "3 Comments",
    "gardenfan says:",
    "March 4, 2021 at 9:12 am",
    "Great write-up, thanks for sharing all of this, it is exactly the kind of detail I was looking for before starting mine.",
    "Reply",
    "Ellen says:",
    "March 4, 2021 at 6:40 pm",
    "Thank you! Good luck with yours, and let me know how you get on with the glazing clips.",
    "Reply",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Blog at WordPress.com.",
])


def test_news_page_layout(model):
    art = extract_text(NEWS_PAGE, url="https://riverside.example/news/budget", model=model)
    assert [ws(p) for p in art.body] == [ws(p) for p in BODY_NEWS]
    assert art.title == "Council approves record transport budget after months of debate"
    assert art.byline == "By Tom Hansen"
    assert art.published is not None and art.published.date == "2023-10-24"
    assert art.published.precision == "day" and art.published.source == "text:dateline"
    kinds = {b.kind for b in art.boilerplate}
    assert {"copyright", "newsletter", "related", "share"} <= kinds
    removed = {b.text for b in art.boilerplate}
    assert "Related stories" in removed and "Share on Facebook" in removed


def test_blog_with_comments(model):
    art = extract_text(BLOG_PAGE, model=model)
    joined = "\n".join(art.body)
    for para in BODY_BLOG:
        assert para in art.body
    assert "Great write-up" not in joined and "Good luck with yours" not in joined
    assert "Leave a Reply" not in joined and "Read more" not in joined
    assert art.title == "Rebuilding the greenhouse"
    assert art.published is not None and art.published.date == "2021-03-03"
    assert any(b.kind == "comments" for b in art.boilerplate)


def test_wire_lead_stays_in_the_body_with_its_credit(model):
    """The lead of a wire story opens with its dateline; it is the first paragraph and the credit."""
    lead = ("LONDON (AP) — Britain's governing party was accused Wednesday of trying to mislead voters after "
            "it renamed one of its social media accounts during a televised election debate.")
    page = "\n".join(["Home", "World", "Business", "Technology", "Sign in",
                       "Party under fire for account name switch during debate", "By Jill Lawless", lead,
                       *BODY_NEWS, "Copyright 2019 The Associated Press. All rights reserved.", "Privacy policy"])
    known = lambda name: name.strip() in {"AP", "Associated Press"}  # noqa: E731
    art = find_credits(extract_text(page, model=model, is_outlet=known), is_outlet=known)  # as the pipeline runs them
    assert art.body[0] == lead
    assert any(c.name == "AP" and c.rule == "credit.dateline.v1" for c in art.credits)
    assert not any("Sign in" in p or "Privacy" in p for p in art.body)
    # even where the model scores it as furniture (as it did on AP and Reuters pages), the lead stays body
    from newstrace.extract.text import _first_labels
    from newstrace.extract.text_features import shapes_of

    labels = _first_labels(shapes_of([lead, "Sign in"]), [0.1, 0.1], frozenset(), 0.5)
    assert [(lab.role, lab.rule) for lab in labels] == [("body", "text.wire_lead.v1"), ("boilerplate", labels[1].rule)]


def test_agency_stamp_credits_and_related_lists_do_not(model):
    """A partner site runs wire copy under "Associated Press November 19, 2019, 9:02 AM" (shown twice, as
    sportsnet.ca does); below the article, the names under "More from ..." or "Related Topics" credit or
    tag other pages."""
    known = lambda name: name.strip() in {"Associated Press", "Canadian Press", "Wikileaks"}  # noqa: E731
    stamp = "Associated Press November 19, 2019, 9:02 AM"
    page = "\n".join(["Home", "Tennis", "Hockey", "Sign in",
                       "Council approves record transport budget after months of debate", stamp, stamp, "",
                       *BODY_NEWS, "", "More from Riverside", "Tram line extension delayed again",
                       "Canadian Press", "Related Topics", "Wikileaks", "Privacy policy"])
    art = find_credits(extract_text(page, model=model, is_outlet=known), is_outlet=known)
    assert [ws(p) for p in art.body] == [ws(p) for p in BODY_NEWS]
    assert [(c.name, c.rule, c.location) for c in art.credits] == [
        ("Associated Press", "credit.outlet_stamp.v1", "byline")]
    assert art.published is None  # a stamp's date is shown, not stated as the publication date
    # the same related list right after the body, without its heading, would be read as a credit
    bare = page.replace("More from Riverside\nTram line extension delayed again\n", "")
    bare = bare.replace("Related Topics\n", "")
    names = {c.name for c in find_credits(extract_text(bare, model=model, is_outlet=known), is_outlet=known).credits}
    assert "Canadian Press" in names


def test_long_contributors_note_is_a_credit_not_body(model):
    """A note naming many reporters runs past the short-line limit; it is still the story's credit."""
    note = ("Associated Press writers Alan Fram, Zeke Miller, Laurie Kellman, Colleen Long, Eric Tucker, "
            "Lolita Baldor and Jill Colvin contributed to this report.")
    known = lambda name: name.strip() in {"Associated Press", "AP"}  # noqa: E731
    page = "\n".join(["Home", "Politics", "Council approves record transport budget after months of debate",
                       *BODY_NEWS, note, "Privacy policy"])
    art = find_credits(extract_text(page, model=model, is_outlet=known), is_outlet=known)
    assert note not in art.body
    assert [(c.name, c.kind) for c in art.credits] == [("Associated Press", "contributed")]


def test_title_from_the_page_title_line_when_widgets_sit_above_the_body(model):
    """Converters (and Common Crawl's WET text) put the HTML <title> first; when what sits right above
    the story is a player or caption widget, that line names the story."""
    page = "\n".join(["Council approves record transport budget - Riverside Gazette", "Home", "News", "Sport",
                       "Media playback is unsupported on your device",
                       "Media caption Councillors explain the vote", *BODY_NEWS, "Privacy policy"])
    art = extract_text(page, model=model)
    assert art.title == "Council approves record transport budget"
    assert art.site_name == "Riverside Gazette"
    assert [ws(p) for p in art.body] == [ws(p) for p in BODY_NEWS]
    # a photo credit above the body is never the title; a near-body headline that matches the <title> wins
    page = "\n".join(["Council approves record transport budget - Riverside Gazette", "Home", "News",
                       "Council approves record transport budget after months of debate", "Photo: Jane Roe",
                       *BODY_NEWS])
    assert extract_text(page, model=model).title == "Council approves record transport budget after months of debate"


def test_a_text_record_takes_its_date_from_the_url_path_only():
    """A WET or JSON Lines record has no meta tags: a /2023/10/26/ path is the one date its publisher
    states. No date in the URL (or a date after the crawl) gives none, never a guess."""
    from newstrace.model import Page
    from newstrace.pipeline import Context, process

    ctx = Context.load()
    text = SEED.read_text("utf-8")

    def published(url, fetched_at="2023-11-03T14:02:11Z"):
        art = process(Page(source="rec", raw=b"", content_type="text", url=url, fetched_at=fetched_at,
                           text=text, format="jsonl"), ctx)
        return (art.published.date, art.published.precision, art.published.source) if art.published else None

    assert published("https://fr.newsmirror-24.com/2023/10/26/3004417.html") == ("2023-10-26", "day", "url")
    assert published("https://blog.example/2023/10/macron-wants/") == ("2023-10", "month", "url")
    assert published("https://blog.example/macron-wants/") is None
    assert published("https://blog.example/2023/12/01/macron/") is None  # after the crawl: impossible
    assert published(None) is None


def test_bare_date_is_not_a_publication_date(model):
    page = NEWS_PAGE.replace("Published: 24 Oct 2023", "24 Oct 2023")
    art = extract_text(page, model=model)
    assert art.published is None
    assert "24 Oct 2023" not in art.body


BODY_JA = [
    "市議会は火曜日の夜、路面電車の延伸に向けた新しい予算案を賛成多数で可決し、数か月に及んだ議論に決着がついた。",
    "賛成派の議員は、利用者の増加に車両の数が追いついていないと指摘し、今回の増額は遅すぎたくらいだと述べた。",
    "一方で反対派は、固定資産税の収入見通しが楽観的すぎるとして、来年度には数百万円規模の不足が生じるおそれがあると警告した。",
    "予算には、バス停の屋根四十か所の新設や、三つの図書館の開館時間の延長、夏休み中の子どものバス運賃を無料にする試みも盛り込まれた。",
    "延伸区間の最初の工事は春に始まる見込みで、市は年内に詳しい工程表を公表するとしている。",
]


def test_japanese_prose_is_body(model):
    """A sentence written without spaces is one \\w+ run: the line must still read as prose."""
    page = "\n".join(["市議会、交通予算を可決 | リバーサイド新聞", "ホーム", "ニュース", "スポーツ", "経済", "天気",
                      "市議会、過去最大の交通予算を可決", *BODY_JA, "関連記事", "図書館の開館時間を短縮へ",
                      "路面電車の延伸がまた遅れる", "利用規約", "プライバシーポリシー", "お問い合わせ"])
    art = extract_text(page, model=model)
    assert art.body == BODY_JA and art.errors == []


def test_model_has_two_passes_and_survives_json(model, tmp_path):
    from newstrace.extract.text_features import shapes_of
    from newstrace.extract.text_model import body_probabilities, model_to_json

    assert model.second is not None  # the shipped model rescores lines from their neighbours' verdicts
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(model_to_json(model, {})), "utf-8")
    again = load_text_model(path)
    shapes = shapes_of(NEWS_PAGE.splitlines())
    assert body_probabilities(again, shapes) == pytest.approx(body_probabilities(model, shapes), abs=1e-5)


# ---- furniture ---------------------------------------------------------------------------------

PROMO = "Our reporting is paid for by readers like you, and every contribution, however big or small, helps keep it independent."


def test_site_furniture_counts_pages_not_lines():
    pages = [f"Home\nNews\n{PROMO}\nStory {i} text.\n\u00a9 202{i} Gazette" for i in range(3)]
    furn = site_furniture(pages, min_pages=3)
    assert normalise_line(PROMO) in furn
    assert normalise_line("\u00a9 2020 Gazette") in furn  # digits folded: the year changes, the line does not
    assert normalise_line("Story 1 text.") in furn  # digits folded too
    assert normalise_line("Home") in furn
    assert site_furniture(pages[:2], min_pages=3) == frozenset()
    assert site_furniture(["Home\nHome\nHome"], min_pages=3) == frozenset()


def test_furniture_removes_a_line_the_model_would_keep(model):
    page = "\n".join(BODY_NEWS[:3] + [PROMO] + BODY_NEWS[3:])
    plain = extract_text(page, model=model)
    assert PROMO in plain.body
    art = extract_text(page, model=model, furniture=frozenset({normalise_line(PROMO)}))
    assert PROMO not in art.body
    assert any(b.text == PROMO and b.rule == "text.furniture.v1" for b in art.boilerplate)
    assert len(art.body) == len(BODY_NEWS)


def test_normalise_line():
    assert normalise_line("  \u00a9 2019  Foo Media. ") == normalise_line("\u00a9 2023 Foo Media")
    assert normalise_line("Share   on\tTwitter") == "share on twitter"
    assert normalise_line("") == ""


# ---- no article --------------------------------------------------------------------------------

MENU = "\n".join(["Home", "World", "Politics", "Business", "Tech", "Science", "Health", "Sports", "Arts",
                  "Books", "Style", "Food", "Travel", "Magazine", "Real Estate", "Video", "Podcasts"])
LOGIN = "\n".join(["Sign in to your account", "Email address", "Password", "Forgot your password?",
                   "Keep me signed in", "Sign in", "Don't have an account? Register", "Privacy Policy"])
PRODUCTS = "\n".join(["Shop", "Men's running shoes", "Trail Runner X2", "$129.99", "Add to cart",
                      "Road Racer Lite", "$99.00", "Add to cart", "Cloud Walker", "$149.50", "Add to cart",
                      "Filter", "Sort by price", "Free delivery on orders over $50"])


@pytest.mark.parametrize("page", [MENU, LOGIN, PRODUCTS], ids=["menu", "login", "products"])
def test_no_article_gives_reason_not_guess(model, page):
    art = extract_text(page, model=model)
    assert art.body == []
    assert art.errors and art.errors[0].startswith("no_article: ")


@pytest.mark.parametrize("page", ["", "   \n\n\t\n", "\x00\x01\x02"])
def test_empty_input(model, page):
    art = extract_text(page, model=model)
    assert art.body == [] and art.errors == ["no_article: empty input"]


# ---- hostile input -----------------------------------------------------------------------------


def test_control_characters_and_mixed_scripts(model):
    dirty = [p[:40] + "\x00\x1b[31m\u200b" + p[40:] for p in BODY_NEWS]
    page = "Главная\nNachrichten\n新闻\n" + "\r\n".join(dirty) + "\n\x0c\u2028Комментарии"
    art = extract_text(page, model=model)
    assert len(art.body) >= 4
    for para in art.body:
        assert "\x00" not in para and "\x1b" not in para and "\u200b" not in para
    assert "新闻" not in art.body


def test_ten_megabyte_single_line(model):
    sentence = "The committee met again on Thursday to discuss the plan, and members said more work was needed. "
    text = sentence * (10_000_000 // len(sentence))
    start = time.perf_counter()
    art = extract_text(text, model=model)
    elapsed = time.perf_counter() - start
    assert elapsed < 60, elapsed  # generous: measured well under this; quadratic behaviour would take hours
    assert len(art.body) == 1 and len(art.body[0]) >= 9_000_000


def test_many_short_lines_is_linear(model):
    page = "\n".join(f"Item {i}" for i in range(20_000))
    start = time.perf_counter()
    art = extract_text(page, model=model)
    assert time.perf_counter() - start < 60
    assert art.body == [] and art.errors
