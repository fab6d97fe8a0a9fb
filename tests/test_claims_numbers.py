"""Numeric claims: values, intervals, hedges, what is counted, holder, place, time and source."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.claims import annotate, find_claims, find_entities, find_times
from newstrace.model import Article

SEED = Path(__file__).parent / "fixtures" / "000_ef756300ad867e8b.txt"


def seed_article() -> Article:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body = [line for line in lines[6:] if line.strip()][:8]
    return Article(source=str(SEED), title=lines[2], standfirst=lines[4], body=body)


def claims_of(text: str, published: str | None = "2024-03-14"):
    return find_claims(text, find_times(text, published), find_entities(text))


def one(claims, value):
    hits = [c for c in claims if c.value == value]
    assert len(hits) == 1, [(c.text, c.value) for c in claims]
    return hits[0]


@pytest.mark.parametrize(
    "value, hedge, counted, holder, where, source",
    [
        (2500, "around", "troops", "United States", "Iraq", None),
        (1000, "nearly", "troops", "United States", "Syria", None),
        (600, "some", "soldiers", "France", "the region", None),
        (13, "at least", "drone and rocket attacks", None, None, "the Pentagon"),
        (5700, "over", "Palestinians dead", None, None, "local officials"),
        (1400, "at least", "people killed", None, "Israel", "The Israeli government"),
        (200, "around", "captured", None, None, "The Israeli government"),
        (4, None, "detainees released", None, None, None),
    ],
)
def test_seed_numeric_claims(value, hedge, counted, holder, where, source):
    art = annotate(seed_article(), "2023-10-24")
    c = one(art.claims, value)
    assert (c.hedge, c.counted, c.holder, c.where, c.source) == (hedge, counted, holder, where, source)
    assert art.text[c.span[0] : c.span[1]] == c.text and c.rule.startswith("claim.")


def test_seed_claim_times():
    art = annotate(seed_article(), "2023-10-24")
    assert one(art.claims, 13).when.text == "since October 17"
    assert one(art.claims, 200).when.start == "2023-10-07"
    assert one(art.claims, 2500).when is None


def test_seed_years_and_dates_are_not_claims():
    values = {c.value for c in annotate(seed_article(), "2023-10-24").claims}
    assert not values & {2014, 7, 17}


def test_words_scales_and_vague_plurals():
    text = ("The storm left 1.2 million homes without power and forced tens of thousands of people from their homes. "
            "Three hospitals were damaged, and dozens of roads were closed.")
    cs = claims_of(text)
    assert one(cs, 1.2e6).counted == "homes"
    vague = next(c for c in cs if c.text.startswith("tens of thousands"))
    assert vague.value is None and (vague.low, vague.high) == (20000, 99999) and vague.counted == "people"
    assert one(cs, 3).counted == "hospitals damaged"
    dozens = next(c for c in cs if c.text.startswith("dozens"))
    assert dozens.counted == "roads closed" and dozens.low == 24


def test_intervals_and_hedges():
    text = ("Between 300 and 400 migrants were rescued off Lampedusa, the coast guard said. "
            "Up to 50 people are still missing, and fewer than 20 boats took part.")
    cs = claims_of(text)
    iv = next(c for c in cs if c.low == 300)
    assert (iv.low, iv.high, iv.value) == (300, 400, None) and iv.counted == "migrants rescued"
    assert iv.source == "the coast guard"
    assert one(cs, 50).hedge == "up to" and one(cs, 50).counted == "people missing"
    assert one(cs, 20).hedge == "fewer than"


def test_percent_and_money():
    cs = claims_of("Unemployment fell to 4.5 percent in March, while the government spent $2.3 billion on relief.")
    assert one(cs, 4.5).counted == "percent"
    assert one(cs, 2.3e9).value == 2.3e9


def test_not_claims_times_ordinals_names():
    text = ("The meeting started at 10:30 a.m. on March 3, 2021. It was the 5th round of talks on Covid-19 "
            "and the F-16 deal, held at No. 10 in 1998.")
    assert claims_of(text) == []


def test_source_from_reporting_verb():
    text = "The health ministry in Gaza says more than 30,000 people have been killed since October."
    c = one(claims_of(text), 30000)
    assert c.hedge == "more than" and c.source == "The health ministry in Gaza" and c.counted == "people killed"


def test_durations_ages_and_ids_are_not_counts():
    text = ("The talks lasted three weeks. The senator, 69 years old, posted tweet 748849779350777861 "
            "after 11 states held contests.")
    cs = claims_of(text)
    assert [c.value for c in cs] == [11]
    assert cs[0].counted == "states"


def test_money_without_noun_counts_currency():
    c = one(claims_of("The plan would cost $25 billion over a decade, officials said."), 25e9)
    assert c.counted == "dollars" and c.source == "officials"
