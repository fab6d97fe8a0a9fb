"""Drift between a source and a copy: numbers changed, attribution removed, speaker changed."""

from __future__ import annotations

from newstrace.claims import annotate, drift
from newstrace.model import Article

SOURCE = [
    "The strikes have left over 5,700 Palestinians dead, according to local officials.",
    "“We will not stop until the hostages are home,” the prime minister, Benjamin Netanyahu, said on Monday.",
    "At least 13 attacks on US bases were reported since October 17, the Pentagon said.",
]


def article(body: list[str]) -> Article:
    return annotate(Article(source="x", title="Strikes continue", body=body), "2023-10-24")


def test_identical_copy_has_no_drift():
    assert drift(article(SOURCE), article(list(SOURCE))) == []


def test_number_and_hedge_changed():
    body = list(SOURCE)
    body[0] = body[0].replace("over 5,700", "6,000")
    edits = [e for e in drift(article(SOURCE), article(body)) if e.type == "numbers_changed"]
    assert len(edits) == 1
    e = edits[0]
    assert e.before == "over 5,700 Palestinians dead" and e.after == "6,000 Palestinians dead"
    assert "5700 -> 6000" in e.detail and "hedge over -> none" in e.detail
    assert e.span_source is not None and e.span_copy is not None


def test_hedge_dropped_only():
    body = list(SOURCE)
    body[2] = body[2].replace("At least 13", "13")
    edits = drift(article(SOURCE), article(body))
    assert [e.detail for e in edits if e.type == "numbers_changed"] == ["hedge at least -> none"]


def test_attribution_removed_for_claim_and_quote():
    body = list(SOURCE)
    body[0] = "The strikes have left over 5,700 Palestinians dead."
    body[1] = "“We will not stop until the hostages are home.”"
    edits = drift(article(SOURCE), article(body))
    kinds = sorted(e.type for e in edits)
    assert kinds.count("attribution_removed") == 2 and "numbers_changed" not in kinds


def test_speaker_changed():
    body = list(SOURCE)
    body[1] = "“We will not stop until the hostages are home,” the defence minister, Yoav Gallant, said on Monday."
    edits = [e for e in drift(article(SOURCE), article(body)) if e.type == "speaker_changed"]
    assert len(edits) == 1 and edits[0].before == "Benjamin Netanyahu" and edits[0].after == "Yoav Gallant"


def test_unrelated_copy_has_no_edits():
    other = article(["Rain is expected across the north on Friday, forecasters said, with up to 40 mm in places."])
    assert drift(article(SOURCE), other) == []
