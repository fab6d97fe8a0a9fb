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
