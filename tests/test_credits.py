"""Credit lines and datelines (extract/credits.py), with and without the shipped registry."""

from __future__ import annotations

import pytest

from newstrace.extract.credits import find_credits, inline_credits, match_credit_line
from newstrace.model import Article
from newstrace.outlets import OutletRegistry, label_article


@pytest.fixture(scope="module")
def reg() -> OutletRegistry:
    return OutletRegistry.load()


POSITIVE = [
    # (line, name, kind, rule)
    ("Russia Today", "Russia Today", "credit_line", "credit.trailing_line.v1"),
    ("— Reuters.", "Reuters", "credit_line", "credit.trailing_line.v1"),
    ("Source: RT", "RT", "source", "credit.source_line.v1"),
    ("By Reuters", "Reuters", "agency_byline", "credit.agency_byline.v1"),
    ("By The Associated Press", "The Associated Press", "agency_byline", "credit.agency_byline.v1"),
    ("By Jane Doe, Associated Press", "Associated Press", "agency_byline", "credit.agency_byline.v1"),
    ("WASHINGTON (AP) —", "AP", "dateline", "credit.dateline.v1"),
    ("This article originally appeared on The Conversation.", "The Conversation", "originally_appeared",
     "credit.originally_appeared.v1"),
    ("This story was first published by RT on 24 October 2023", "RT", "originally_appeared",
     "credit.originally_appeared.v1"),
    ("h/t: The Hill", "The Hill", "hat_tip", "credit.hat_tip.v1"),
    ("(h/t TheBlaze.)", "TheBlaze", "hat_tip", "credit.hat_tip.v1"),
    ("h/t/: Independent Journal.", "Independent Journal", "hat_tip", "credit.hat_tip.v1"),
    ("Read more at rt.com", "rt.com", "read_more", "credit.read_more.v1"),
    ("Courtesy of TASS", "TASS", "source", "credit.courtesy.v1"),
    ("© 2023 Associated Press", "Associated Press", "copyright", "credit.copyright.v1"),
    ("Copyright 2016 The Associated Press. All rights reserved.", "The Associated Press", "copyright",
     "credit.copyright.v1"),
    ("(Reporting by Amanda Becker; Editing by Leslie Adler)", "Reuters", "wire_signoff", "credit.wire_signoff.v1"),
    ("The Associated Press contributed to this report.", "The Associated Press", "contributed",
     "credit.contributed.v1"),
    ("Associated Press writers Jill Colvin and Zeke Miller contributed to this report.", "Associated Press",
     "contributed", "credit.contributed.v1"),
    ("This article is republished from The Conversation under a Creative Commons license. Read the original article.",
     "The Conversation", "originally_appeared", "credit.syndication_note.v1"),
    ("This column first appeared in the Detroit Free Press.", "the Detroit Free Press", "originally_appeared",
     "credit.syndication_note.v1"),
    ("Fox News’ Jessica Napoli contributed to this report.", "Fox News", "contributed", "credit.contributed.v1"),
    ("Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly; Editing by Nick Zieminski", "Reuters",
     "wire_signoff", "credit.wire_signoff.v1"),
    # an outlet's name over the headline with only a date or time stamp after it (aggregators, syndication partners)
    ("Associated Press November 19, 2019, 9:02 AM", "Associated Press", "agency_byline", "credit.outlet_stamp.v1"),
    ("Reuters | Nov. 3, 2019 · 3 min read", "Reuters", "agency_byline", "credit.outlet_stamp.v1"),
    ("AFP - 19 Nov 2019 at 10:02 GMT", "AFP", "agency_byline", "credit.outlet_stamp.v1"),
    ("Reuters 2 hours ago", "Reuters", "agency_byline", "credit.outlet_stamp.v1"),
]

NEGATIVE = [
    "Comments are closed.",
    "Macron’s office later issued a statement to Reuters explaining that the coalition is not limited.",
    "According to Reuters, the talks collapsed on Friday.",
    "Reuters reported on Monday that the deal was off.",
    "By John Smith",
    "By Russia's standards it was a modest parade.",
    "Read More",
    "Source: NATO.",
    "Courtesy of the Smith family",
    "First published on November 19, 2019 / 8:16 AM",
    "Copyright 2024 Jesus' Coming Back",
    "Staff writer Jane Doe contributed to this report.",
    "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out "
    "if you wish. Accept Read More",
    "Facebook",
    "WordPress.com",
    "HT Media",
    "RSS",
    "New York",
    "Jesus' Coming Back",
    "The president said he would not run again.",
    "Hillary Clinton (D) - the candidate",
    # an outlet named as the source of a claim, or of a photo, is not the text's source (PolNeAR, ScrapingHub)
    "In a 2013 video uncovered by Fox News, a veteran diplomat said former Secretary Clinton put speed over security.",
    "According to a Reuters/Ipsos poll, the two candidates are in a dead heat nationally.",
    "CNN’s Dana Bash tweeted that Trump’s daughter Ivanka was behind the decision.",
    "O’Malley’s move was first reported by MSNBC.",
    "Scott Olson via Getty Images.",
    "Photograph: AFP",
    "This op-ed was first published in 2019 and has been updated.",
    # a station's number is not a date; a person's name over a date is a byline, not an outlet's stamp
    "CBS 62",
    "Tom Hansen November 19, 2019",
    "Reuters monster 3",
    "Her reporting by phone from Kyiv, and the editing by her desk in London, took all night.",
    "Reuters 2019 review of the year: the stories that shaped it",
]


@pytest.mark.parametrize("line,name,kind,rule", POSITIVE)
def test_credit_forms(reg, line, name, kind, rule):
    c = match_credit_line(line, reg.is_outlet)
    assert c is not None, line
    assert (c.name, c.kind, c.rule) == (name, kind, rule)
    assert 0 < c.confidence <= 1 and c.text


@pytest.mark.parametrize("line", NEGATIVE)
def test_not_credits(reg, line):
    assert match_credit_line(line, reg.is_outlet) is None
    assert match_credit_line(line) is None


def test_bare_name_needs_a_registry():
    assert match_credit_line("Russia Today") is None
    assert match_credit_line("By Reuters").name == "Reuters"  # wire agencies work without one


@pytest.mark.parametrize("para,name", [
    ("Washington (AFP) – Democrat Hillary Clinton has taken a swipe at Republican rival Donald Trump.", "AFP"),
    ("MOSCOW, Oct 24 (Reuters) - Russia said on Tuesday it would respond.", "Reuters"),
    ("DES MOINES, Iowa, Aug. 10 (UPI) — Hillary Clinton on Wednesday had her second run-in.", "UPI"),
    ("Dec 29 (Reuters) - U.S. Democratic presidential candidate Hillary Clinton said.", "Reuters"),
    ("NEW YORK (AP) — Hillary Clinton wins the Democratic presidential primary in New York.", "AP"),
])
def test_inline_datelines(reg, para, name):
    found = inline_credits(para, reg.is_outlet)
    assert [(c.name, c.kind) for c in found] == [(name, "dateline")]


def test_dateline_needs_an_outlet_in_parentheses(reg):
    assert inline_credits("WASHINGTON (Sen. Smith) — The senator said.", reg.is_outlet) == []
    assert inline_credits("Donald Trump (R) - the nominee - spoke on Monday.", reg.is_outlet) == []


def _seed_article(seed_text: str) -> Article:
    paras = [p.strip() for p in seed_text.split("\n\n") if p.strip()]
    # as an extractor would leave it: site name, title, standfirst, then the body incl. the trailing credit
    end = paras.index("Russia Today")
    return Article(source="seed", site_name=paras[0], title=paras[1], standfirst=paras[2], body=paras[3:end + 1])


def test_seed_trailing_credit_moves_out_and_resolves_to_rt(reg, seed_text):
    art = _seed_article(seed_text)
    out = label_article(find_credits(art, reg.is_outlet), reg)
    assert "Russia Today" in art.body  # the input is untouched
    assert all("Russia Today" not in p for p in out.body)
    assert len(out.body) == len(art.body) - 1
    assert [(b.kind, b.text) for b in out.boilerplate] == [("credit", "Russia Today")]
    (credit,) = out.credits
    assert credit.text == "Russia Today" and credit.rule == "credit.trailing_line.v1"
    assert credit.outlet.name == "RT" and credit.outlet.domain == "rt.com" and credit.outlet.country == "Russia"
    assert "state-affiliated" in {lab.label for lab in credit.outlet.labels}
    # "a statement to Reuters" in the body is the source of a claim, not a credit
    assert all(c.name != "Reuters" for c in out.credits)


def test_find_credits_inline_keeps_body_and_edges_move(reg):
    body = [
        "By Reuters",
        "LONDON (Reuters) - Britain's economy grew faster than expected in the third quarter, data showed.",
        "Economists had expected growth of 0.2 percent. (Reporting by Jane Doe; Editing by John Roe)",
        "Copyright 2023 Reuters. All rights reserved.",
    ]
    out = find_credits(Article(source="t", body=body), reg.is_outlet)
    assert out.body == body[1:3]
    kinds = [(c.kind, c.location) for c in out.credits]
    assert ("agency_byline", "boilerplate") in kinds and ("copyright", "boilerplate") in kinds
    assert ("dateline", "body") in kinds and ("wire_signoff", "body") in kinds
    assert {b.kind for b in out.boilerplate} == {"credit", "copyright"}


def test_closing_copyright_notice_of_the_site_is_furniture_and_frees_the_credit_above_it(reg):
    """A repost blog's own notice closes the body: it is not article text (two blogs sharing a theme's
    disclaimer would look like a shared edit), and the hat tip above it is still read as a credit."""
    body = [
        "Flood waters rose again on Tuesday across the region, officials said.",
        "Repairs would begin as soon as the water receded, the ministry said.",
        "H/T: Truth Insider",
        "Copyright © 2021–2024 The Saffron Post. Articles reposted here remain the property of their authors; "
        "views expressed are not necessarily ours.",
    ]
    out = find_credits(Article(source="t", body=body), reg.is_outlet)
    assert out.body == body[:2]
    assert [(c.kind, c.text) for c in out.credits] == [("hat_tip", "H/T: Truth Insider")]
    notice = [b for b in out.boilerplate if b.kind == "copyright"]
    assert [b.text for b in notice] == [body[3]] and notice[0].rule == "boiler.copyright_notice.v1"
    # a sentence about copyright is body text; a short notice naming no known outlet still closes it off
    prose = ["Copyright law was the subject of the hearing on Tuesday.", "The court ruled on Friday.",
             "© 2024 Some Blog"]
    assert find_credits(Article(source="t", body=prose[:2]), reg.is_outlet).body == prose[:2]
    assert find_credits(Article(source="t", body=prose[1:]), reg.is_outlet).body == prose[1:2]


def test_find_credits_never_empties_the_body_and_ignores_leading_bare_names(reg):
    out = find_credits(Article(source="t", body=["Reuters", "The vote was held on Sunday."]), reg.is_outlet)
    assert out.body == ["Reuters", "The vote was held on Sunday."] and out.credits == []
    only = find_credits(Article(source="t", body=["Russia Today"]), reg.is_outlet)
    assert only.body == ["Russia Today"]


def test_find_credits_agency_byline_field(reg):
    out = find_credits(Article(source="t", byline="Associated Press", body=["Text."]), reg.is_outlet)
    assert [(c.name, c.kind, c.location) for c in out.credits] == [("Associated Press", "agency_byline", "byline")]
    person = find_credits(Article(source="t", byline="By Jane Doe", body=["Text."]), reg.is_outlet)
    assert person.credits == []


def test_find_credits_is_idempotent(reg, seed_text):
    once = find_credits(_seed_article(seed_text), reg.is_outlet)
    twice = find_credits(once, reg.is_outlet)
    assert twice.credits == once.credits and twice.body == once.body


CLAIM_SOURCE_PARAGRAPHS = [
    "“Obama … argued that some of the scorn directed at him personally stems from the fact that he is the first "
    "African-American to hold the White House,” the New York Times reported Monday in its story on the interview.",
    "Melissa Cronin of Gawker then describes what happens on a video of the encounter.",
    "On Friday, Gingrich — mentioned by Newsmax as the leading choice for Republican presidential nominee Donald "
    "Trump’s running mate — told Bill O’Reilly of Fox News, that “you have to look at it very seriously, of course.”",
    "TheBlaze did the math on that feat, and found that the odds of winning all six comes out to 1 in 64.",
    "Scully's involvement was first reported by the New York Times.",
    "The story first appeared in the Guardian on Sunday and was denied by the ministry hours later.",
    "He moved to Paris, where the novel was first published in 1922.",
    "It takes 2,383 delegates to win. A look at where the race stands, based on an Associated Press count:",
]


@pytest.mark.parametrize("para", CLAIM_SOURCE_PARAGRAPHS)
def test_claim_sources_are_not_inline_credits(reg, para):
    assert inline_credits(para, reg.is_outlet) == []
    body = ["The vote was held on Sunday.", para, "Officials said turnout was high."]
    assert find_credits(Article(source="t", body=body), reg.is_outlet).credits == []


def test_hat_tip_mid_body_stays_in_the_body_with_its_span(reg):
    # Breitbart's layout (PolNeAR): the hat tip sits above the author's Twitter line, so it is not the last paragraph
    body = ["Trump said Cruz had a long way to go.", "(h/t Mediaite.)", "Follow Ian Hanchett on Twitter @IanHanchett."]
    art = Article(source="t", title="Trump: Cruz has to come a long way", body=body)
    out = label_article(find_credits(art, reg.is_outlet), reg)
    assert out.body == body
    (c,) = out.credits
    assert (c.name, c.kind, c.rule, c.location) == ("Mediaite", "hat_tip", "credit.marker_paragraph.v1", "body")
    assert c.outlet.name == "Mediaite"
    assert out.text[c.span[0]:c.span[1]] == "(h/t Mediaite.)"


def test_originally_appeared_mid_body_before_related_links(reg):
    body = ["Switzerland presents itself as an excellent barometer of public sentiment.",
            "This piece first appeared on Global Risk Insights.", "Also on WorldPost:"]
    (c,) = find_credits(Article(source="t", body=body), reg.is_outlet).credits
    assert (c.name, c.kind, c.rule) == ("Global Risk Insights", "originally_appeared", "credit.marker_paragraph.v1")


def test_author_note_where_first_published(reg):
    note = ("Aaron Kall is director of debate at the University of Michigan and a guest writer for the Detroit Free "
            "Press, where this piece was first published.")
    (c,) = inline_credits(note, reg.is_outlet)
    assert (c.kind, c.rule) == ("originally_appeared", "credit.where_first_published.v1")
    assert reg.lookup(c.name).name == "Detroit Free Press"
    # the outlet must be known: a place or a person before "where" is not one
    assert inline_credits("She wrote for a small quarterly, where this essay first appeared.", reg.is_outlet) == []


def test_mid_body_hat_tip_needs_a_known_outlet(reg):
    assert inline_credits("H/T John Smith", reg.is_outlet) == []
    assert match_credit_line("H/T John Smith", reg.is_outlet) is not None  # as a closing line it still counts


def test_mid_body_marker_needs_a_short_paragraph(reg):
    long = ("h/t to everyone who wrote in about the council meeting, which ran for six hours and ended with a vote "
            "that surprised almost every member of the public who had stayed to the very end of it")
    assert inline_credits(long, reg.is_outlet) == []
