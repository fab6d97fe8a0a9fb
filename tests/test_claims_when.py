"""Time expressions normalised against the publication date."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.claims import annotate, find_times, timex_value
from newstrace.model import Article, Published

SEED = Path(__file__).parent / "fixtures" / "000_ef756300ad867e8b.txt"


def seed_article() -> Article:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body = [line for line in lines[6:] if line.strip()][:8]
    return Article(source=str(SEED), title=lines[2], standfirst=lines[4], body=body)


def values(text: str, published: str | None) -> dict[str, str | None]:
    return {t.text: timex_value(t) for t in find_times(text, published)}


@pytest.mark.parametrize(
    "expr, value",
    [
        ("on Tuesday", "2023-10-24"),
        ("since October 17", "2023-10-17/2023-10-24"),
        ("October 7", "2023-10-07"),
        ("as recently as August", "2023-08"),
        ("earlier this month", "2023-10-01/2023-10-24"),
        ("in 2014", "2014"),
    ],
)
def test_seed_dates(expr, value):
    art = annotate(seed_article(), "2023-10-24")
    got = {t.text: timex_value(t) for t in art.times}
    assert got.get(expr) == value
    t = next(t for t in art.times if t.text == expr)
    assert art.text[t.span[0] : t.span[1]] == expr and t.rule.startswith("time.")


def test_without_publication_date_relative_times_are_unanchored():
    art = annotate(seed_article())
    by = {t.text: t for t in art.times}
    for expr in ("on Tuesday", "since October 17", "October 7", "as recently as August", "earlier this month"):
        assert by[expr].anchored is False and by[expr].start is None and by[expr].end is None
    assert by["in 2014"].anchored and by["in 2014"].start == "2014-01-01"


def test_article_published_is_used_unless_overridden():
    art = seed_article()
    art.published = Published(date="2023-10-26", precision="day", source="test")
    on_thursday = {t.text: timex_value(t) for t in annotate(art).times}
    assert on_thursday["on Tuesday"] == "2023-10-24"
    assert {t.text: timex_value(t) for t in annotate(art, "2023-11-02").times}["on Tuesday"] == "2023-10-31"
    art.published = Published(date="2023-10", precision="month", source="test")
    assert all(not t.anchored for t in annotate(art).times if t.text == "on Tuesday")


def test_weekday_in_another_weekday_article_points_back():
    # Published on a Friday: "on Tuesday" is three days earlier, "on Friday" the same day.
    v = values("Talks began on Tuesday and ended on Friday.", "2024-03-15")
    assert v == {"on Tuesday": "2024-03-12", "on Friday": "2024-03-15"}


def test_future_weekday_and_relative_periods():
    v = values("The ministers will meet on Monday. Exports fell last week and rose last month. "
               "The plant opened two years ago, in the third quarter.", "2024-03-14")
    assert v["on Monday"] == "2024-03-18"
    assert v["last week"] == "2024-W10"
    assert v["last month"] == "2024-02"
    assert v["two years ago"] == "2022"
    assert v["the third quarter"] == "2023-Q3"


def test_absolute_dates_and_year_edge():
    v = values("The law passed on Jan. 5, 2021, was amended on 3 March 2022 and reviewed in December.", "2024-01-10")
    assert v["on Jan. 5, 2021"] == "2021-01-05"
    assert v["on 3 March 2022"] == "2022-03-03"
    assert v["in December"] == "2023-12"


def test_today_yesterday_and_no_false_years():
    v = values("Yesterday 2000 troops left; today the 1990s feel far away.", "2024-05-02")
    assert v["Yesterday"] == "2024-05-01" and v["today"] == "2024-05-02" and v["the 1990s"] == "199"
    assert "2000" not in v


def test_may_the_verb_is_not_a_month():
    assert values("Officials may extend the curfew, he said.", "2024-05-02") == {}


def test_seasons_spelled_years_and_vague_references():
    v = values("This summer the plan was shelved; it began in nineteen ninety-six. Prices are now higher "
               "and will rise in the coming months.", "1998-03-22")
    assert v["This summer"] == "1998-SU"
    assert v["nineteen ninety-six"] == "1996"
    times = {t.text: t for t in find_times("Prices are now higher and were recently lower.", "1998-03-22")}
    assert times["now"].start == "1998-03-22" and times["now"].rule == "time.present_ref.v1"
    assert times["recently"].start is None and times["recently"].end == "1998-03-22"


def test_upcoming_month_in_late_year_story():
    v = values("The tax takes effect in January. Sales fell in March.", "1989-10-30")
    assert v["in January"] == "1990-01" and v["in March"] == "1989-03"


def test_quarter_in_earnings_story():
    v = values("Profit rose 12% in the third quarter. A year earlier, the company lost money in the quarter.",
               "1989-10-30")
    assert v["the third quarter"] == "1989-Q3"
    assert v["A year earlier"] == "1988-Q3"


def test_weekend_and_reported_past_weekday():
    v = values("Talks resumed after the weekend. “We will sign soon,” the minister said Friday.", "1989-10-30")
    assert v["the weekend"] == "1989-W43-WE"
    assert v["Friday"] == "1989-10-27"


def test_month_without_year_follows_the_tense_of_its_clause():
    v = values("He stepped down as chairman in March for health reasons. The merger closes in January, the company "
               "said. The carrier has been on patrol since March.", "1989-11-02")
    assert v["in March"] == "1989-03"
    assert v["in January"] == "1990-01"  # "said" dates the report, not the closing
    assert v["since March"] == "1989-03-01/1989-11-02"


def test_the_verb_nearest_the_month_decides():
    assert values("The law, which passed last week, takes effect in January.", "2023-10-20")["in January"] == "2024-01"
    assert values("In January, the company received an offer.", "2023-10-20")["In January"] == "2023-01"
    assert values("The company opens a plant in January.", "2023-10-20")["in January"] == "2024-01"


def test_scheduled_days_stay_ahead_in_a_past_tense_sentence():
    v = values("The board cut the dividend, payable Jan. 2 to holders of record Dec. 15. Sales fell in November.",
               "1989-11-02")
    assert v["Jan. 2"] == "1990-01-02" and v["Dec. 15"] == "1989-12-15"
    assert v["in November"] == "1989-11"


def test_leading_preposition_is_part_of_the_span_only_as_a_whole_word():
    times = find_times("Since October 17 the reason 2014 matters.", "2023-10-24")
    by = {t.text: t for t in times}
    assert timex_value(by["Since October 17"]) == "2023-10-17/2023-10-24"
    assert "2014" in by and "on 2014" not in by


def test_decades_mid_years_and_spelled_years_after_months_and_seasons():
    v = values("Growth in the nineties outpaced the '80s. Prices peaked in mid-1996. Talks began January nineteen "
               "ninety-seven, after the winter of nineteen ninety-four.", "1998-03-03")
    assert v["the nineties"] == "199" and v["the '80s"] == "198"
    assert v["mid-1996"] == "1996"
    assert v["January nineteen ninety-seven"] == "1997-01"
    assert v["the winter of nineteen ninety-four"] == "1994-WI"
    assert values("Highs will be in the forties on Tuesday.", "1998-03-03") == {"on Tuesday": "1998-03-03"}


def test_half_years_need_a_year_or_a_results_story():
    v = values("Sales rose in the first half of 1990 and will slow in the second half of this year.", "1989-10-26")
    assert v["the first half of 1990"] == "1990-H1" and v["the second half of this year"] == "1989-H2"
    v = values("Profit fell 5% in the third quarter. Margins widened in the first half.", "1989-10-26")
    assert v["the first half"] == "1989-H1"
    assert values("The home side scored twice in the first half.", "1989-10-26") == {}


def test_comparison_periods_in_earnings_stories():
    v = values("Net income rose to $547 million, or $2.36 a share. In the year-earlier period, the company earned "
               "$461 million.", "1989-10-26")
    assert v["the year-earlier period"] == "1988-Q3"
    v = values("Third-quarter profit fell 10% from last year's quarter and from the quarter a year ago.", "1989-11-01")
    assert v["last year's quarter"] == "1988-Q3" and v["the quarter a year ago"] == "1988-Q3"
    v = values("It expects sales in the current fiscal year that are slightly above last year's.", "1989-11-02")
    assert v["the current fiscal year"] == "1989"


def test_vague_references_stay_open():
    times = {t.text: t for t in find_times(
        "Several years ago the then-current chief left. Rates will stay low in coming months and in the near term.",
        "1998-02-13")}
    ago = times["Several years ago"]
    assert ago.start is None and ago.end == "1998-02-13" and "past_ref" in ago.rule
    assert "current" not in times
    for expr in ("in coming months", "in the near term"):
        assert times[expr].rule == "time.future_ref.v1" and times[expr].start == "1998-02-13" and times[expr].end is None


def test_a_page_of_forty_thousand_dated_sentences_is_linear():
    """A 4 MB page (a dump, a log) with a time expression in every sentence: each expression is
    checked against the kept ones and its sentence found by binary search, not a scan of all."""
    import time

    text = "The committee met again on Thursday to discuss the plan, and members said more work was needed. " * 40_000
    start = time.perf_counter()
    found = find_times(text, "2023-10-26")
    assert time.perf_counter() - start < 30  # ~2 s here; the quadratic scans took minutes
    assert len(found) == 40_000 and (found[-1].text, found[-1].start) == ("on Thursday", "2023-10-26")
