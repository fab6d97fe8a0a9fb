"""Quotes: direct, partial and indirect, with speakers resolved from the article's own names."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.claims import annotate, find_entities, find_quotes
from newstrace.model import Article

SEED = Path(__file__).parent / "fixtures" / "000_ef756300ad867e8b.txt"


def seed_article() -> Article:
    """Title is line 3, standfirst line 5, body the 8 paragraphs after (blank lines between)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body = [line for line in lines[6:] if line.strip()][:8]
    return Article(source=str(SEED), title=lines[2], standfirst=lines[4], body=body)


def quotes_of(text: str):
    return find_quotes(text, find_entities(text))


def by_text(quotes, fragment: str):
    hits = [q for q in quotes if q.kind != "indirect" and q.text == fragment]
    assert hits, f"no quote {fragment!r} in {[q.text for q in quotes]}"
    return hits[0]


@pytest.mark.parametrize(
    "fragment, kind, speaker, mention, cue",
    [
        ("common enemy", "partial", "Emmanuel Macron", "The French leader", "insisted"),
        ("France is ready for the coalition, which is fighting in Iraq and Syria against ISIS, to also fight against Hamas",
         "direct", "Emmanuel Macron", "the president", "said"),
        ("must be without mercy but not without rules", "partial", "Emmanuel Macron", "he", "cautioned"),
        ("the new Nazis", "partial", "Benjamin Netanyahu", None, "label"),
        ("the free world", "partial", "Benjamin Netanyahu", None, "said"),
        ("axis of evil", "partial", "Benjamin Netanyahu", None, "said"),
    ],
)
def test_seed_quotes(fragment, kind, speaker, mention, cue):
    art = annotate(seed_article(), "2023-10-24")
    q = by_text(art.quotes, fragment)
    assert (q.kind, q.speaker, q.cue) == (kind, speaker, cue)
    if mention:
        assert q.speaker_mention == mention
    text = art.text
    assert text[q.span[0] : q.span[1]] == fragment
    assert q.rule.startswith("quote.") and 0 < q.confidence <= 1
    assert text[q.cue_span[0] : q.cue_span[1]] == q.cue


def test_seed_statement_via_outlet():
    art = annotate(seed_article())
    q = by_text(art.quotes, "operations on the ground, but is also involved in the training of Iraqi forces, "
                            "the sharing of information between partners")
    assert q.speaker == "Macron’s office" and q.cue == "explaining" and q.via == "Reuters"


def test_wire_direct_quote_with_trailing_and_leading_cues():
    text = ("Defence Minister Anna Berg said the army would stay.\n\n"
            "“We are not leaving until the job is done,” Berg told reporters in Oslo on Monday.\n\n"
            "She added: “Our soldiers have done remarkable work under very hard conditions.”")
    qs = quotes_of(text)
    first = by_text(qs, "We are not leaving until the job is done")
    assert first.kind == "direct" and first.speaker == "Anna Berg" and first.cue == "told"
    second = by_text(qs, "Our soldiers have done remarkable work under very hard conditions")
    assert second.kind == "direct" and second.speaker == "Anna Berg" and second.speaker_mention == "She"


def test_inverted_cue_and_straight_quotes():
    text = ('Officials met in Geneva.\n\n"The talks were constructive and we expect progress soon," '
            'said Maria Lopez, a spokeswoman for the ministry.')
    q = by_text(quotes_of(text), "The talks were constructive and we expect progress soon")
    assert q.speaker == "Maria Lopez" and q.cue == "said" and q.kind == "direct"


def test_quote_running_across_paragraphs_keeps_one_speaker():
    text = ("Senator John Reed spoke after the vote.\n\n"
            "“This bill will cut costs for families across the state.\n\n"
            "“It is the most important thing we have done this year,” Reed said.")
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert len(qs) == 1
    q = qs[0]
    assert q.text.startswith("This bill will cut costs") and q.text.endswith("we have done this year")
    assert "\n" not in q.text and q.speaker == "John Reed"


def test_interrupted_quote_inherits_speaker_in_paragraph():
    text = ("“The city is calm,” the mayor, Lena Fischer, said. “But we remain on alert for more unrest tonight.”")
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert len(qs) == 2
    assert qs[1].speaker == qs[0].speaker and qs[1].rule == "quote.same_paragraph.v1"


def test_nested_quote_stays_inside_outer_quote():
    text = "“He told us ‘go home now’ and then he left,” said the witness, Omar Haddad."
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert len(qs) == 1 and "‘go home now’" in qs[0].text and qs[0].speaker == "Omar Haddad"


def test_indirect_quotes_said_that_and_according_to():
    text = ("The company said that its profits had doubled in the past year. "
            "Prices will rise again next month, according to the central bank. "
            "Police told reporters the suspect had been arrested near the border.")
    ind = [q for q in quotes_of(text) if q.kind == "indirect"]
    got = {(q.speaker_mention, q.cue) for q in ind}
    assert ("The company", "said") in got
    assert ("the central bank", "according to") in got
    assert ("Police", "told") in got
    said = next(q for q in ind if q.cue == "said")
    assert said.text == "that its profits had doubled in the past year"


def test_trailing_cue_indirect_quote():
    text = "The ceasefire collapsed within hours, two diplomats said."
    q = next(q for q in quotes_of(text) if q.kind == "indirect")
    assert q.text == "The ceasefire collapsed within hours" and q.speaker_mention == "two diplomats"


def test_no_quotes_for_scare_quotes_without_speaker_or_plain_text():
    assert quotes_of("The river rose overnight and roads were closed in three towns.") == []
    qs = quotes_of("The so-called “smart” meters were installed in 2019.")
    assert all(q.speaker is None for q in qs)


def test_pronoun_without_antecedent_is_not_guessed():
    q = by_text(quotes_of("“We will rebuild every house,” he said."), "We will rebuild every house")
    assert q.speaker_mention == "he" and q.speaker is None


def test_doubled_apostrophe_quotes_and_colon_lead_in():
    text = ("''We will not raise taxes on the middle class,'' Senator Ana Ruiz said on Tuesday.\n\n"
            "Her opponent, Mark Hale, answered at a rally in Ohio:\n\n"
            "“Nobody believes a word of it. Not one voter in this state.”")
    qs = {q.text: q for q in quotes_of(text) if q.kind == "direct"}
    assert qs["We will not raise taxes on the middle class"].speaker == "Ana Ruiz"
    lead = qs["Nobody believes a word of it. Not one voter in this state"]
    assert lead.speaker == "Mark Hale" and lead.rule == "quote.colon_previous_paragraph.v1"


def test_participle_cue_takes_sentence_subject():
    text = "The ministry rejected the report, saying the figures had been inflated by activists."
    q = next(q for q in quotes_of(text) if q.kind == "indirect")
    assert q.speaker_mention == "The ministry" and q.cue == "saying"
    assert q.text == "the figures had been inflated by activists"


def test_public_api_is_exported():
    import newstrace.claims as claims

    assert set(claims.__all__) >= {"annotate", "drift", "find_claims", "find_entities", "find_quotes", "find_times"}
    for name in claims.__all__:
        assert callable(getattr(claims, name))


def test_annotate_returns_a_copy():
    art = seed_article()
    out = annotate(art, "2023-10-24")
    assert out is not art and art.quotes == [] and out.quotes
    assert out.text == art.text
