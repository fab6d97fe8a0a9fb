"""Long pages: the claims stage stays linear in the text, and each index it uses to stay linear gives
what the plain scan it replaced gives.

Before these indexes (name lookups, mention resolution, quote and time containment were scans per
mention) a 1 MB page of real news prose took 394 s, and this test's 400 KB page 392 s against 33 s
for 100 KB; now about 18 s and 4 s (bench/long_pages.py).
"""

from __future__ import annotations

import itertools
import random
import re
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.claims._text import MAX_SENTENCE, sentences
from newstrace.claims.annotate import annotate
from newstrace.claims.names import Mentions, _occurrences, find_entities, resolve_mention
from newstrace.claims.numbers import _Spans
from newstrace.claims.quotes import _last_cue
from newstrace.model import Article, Quote, TimeExpr
from newstrace.synth import load_texts


_SYLLABLES = ["ba", "ko", "mi", "ru", "te", "lan", "dor", "vi", "sen", "gal", "ma", "nu"]


def _prose(n_chars: int) -> list[str]:
    """Paragraphs of the bundled news texts, each with a new spokesman quoted with a figure, to
    ``n_chars``: as on a real long page, the people and quotes grow with the text."""
    paras = [p for t in load_texts("bundled") for p in t.paragraphs if p]
    names = (((a + b).capitalize(), (c + d + "ski").capitalize()) for a, b, c, d in itertools.product(_SYLLABLES, repeat=4))
    out, size = [], 0
    for i, (first, last) in enumerate(names):
        if size >= n_chars:
            break
        out.append(f"{paras[i % len(paras)]} {first} {last}, a spokesman for the {last} Institute, said "
                   f"{i % 900 + 12} people had been moved, and {last} told reporters: “We will stay.”")
        size += len(out[-1]) + 2
    return out


def test_the_claims_stage_grows_linearly_with_the_page():
    small, large = _prose(100_000), _prose(400_000)
    t0 = time.perf_counter()
    a = annotate(Article(source="small", body=small))
    t1 = time.perf_counter()
    b = annotate(Article(source="large", body=large))
    t2 = time.perf_counter()
    assert len(b.quotes) > 3 * len(a.quotes) > 0 and len(b.claims) > 3 * len(a.claims) > 0
    # 4x the text: linear is 4x the time, quadratic 16x; the bound leaves room for a noisy machine
    assert (t2 - t1) < 8 * (t1 - t0) + 1.0, f"100 KB: {t1 - t0:.1f}s, 400 KB: {t2 - t1:.1f}s"


def test_sentences_split_before_any_script_and_stay_short():
    text = "Il a parlé. Émile Zola a répondu. 委员会表示同意。 The council met. Совет заявил. it was late."
    got = [text[s:e] for s, e in sentences(text)]
    assert got[:2] == ["Il a parlé.", "Émile Zola a répondu."]
    assert "The council met." in got and "Совет заявил. it was late." in got  # no split before lower case
    run_on = "the mayor said that officials said " * 2000
    spans = sentences(run_on)
    assert max(e - s for s, e in spans) <= MAX_SENTENCE
    assert "".join(run_on[s:e] + " " for s, e in spans).split() == run_on.split()  # nothing lost at the cuts


_NAMES = ["Emmanuel Macron", "Macron", "Hamas", "Islamic State", "IS", "ISIS", "Netanyahu", "Benjamin Netanyahu",
          "U.S.", "Jean-Luc Mélenchon", "Mélenchon", "al-Qaeda", "Al"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_NAMES + ["said", "the", "-", "pro-", ",", ".", "’s", "x", "\n\n", "Macronist"]),
                max_size=60))
def test_occurrences_are_what_a_regex_per_form_finds(words):
    text = " ".join(words).replace(" ,", ",").replace("pro- ", "pro-")
    found = _occurrences(text, _NAMES)
    for form in _NAMES:
        want = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)]
        got = found[form]
        # one regex scan never overlaps a form with itself; the index may, and its user skips those
        assert set(want) <= set(got) and all(any(w <= g < w + len(form) for w in want) for g in got), form


def test_mention_index_resolves_as_the_plain_scan():
    seed = Path(__file__).parent / "fixtures" / "000_ef756300ad867e8b.txt"
    ents = find_entities(seed.read_text(encoding="utf-8"))
    index = Mentions(ents)
    mentions = ["Macron", "the French leader", "Netanyahu’s", "the president", "French President Emmanuel Macron",
                "Israeli Prime Minister Benjamin Netanyahu", "IS", "the Pentagon", "nobody here", "he"]
    for i, m in enumerate(mentions):
        pos = 200 * i
        assert resolve_mention(m, pos, ents, index) == resolve_mention(m, pos, ents), m
    assert resolve_mention("the French leader", 10_000, ents, index) == "Emmanuel Macron"


def test_spans_index_answers_as_scans():
    rng = random.Random(7)
    times = [TimeExpr(f"t{i}", (s, s + rng.randint(1, 30))) for i, s in enumerate(rng.sample(range(2000), 80))]
    quotes = sorted((Quote(f"q{i}", "direct", (s, s + rng.randint(1, 200))) for i, s in enumerate(
        rng.sample(range(2000), 60))), key=lambda q: q.span)
    idx = _Spans(times, quotes)
    for _ in range(500):
        a = rng.randrange(2100)
        b = a + rng.randint(0, 50)
        assert idx.time_overlaps((a, b)) == any(t.span[0] < b and a < t.span[1] for t in times)
        assert idx.times_within(a, b) == [t for t in times if a <= t.span[0] and t.span[1] <= b]
        assert list(idx.quotes_holding(a)) == [q for q in quotes if q.span[0] <= a < q.span[1]]


def test_last_cue_skips_cues_inside_an_open_quote():
    def naive(prefix: str):
        from newstrace.claims.quotes import _CUE_WORD

        hits = [m for m in _CUE_WORD.finditer(prefix)
                if not re.search(r"[“\"][^”\"]*$", prefix[: m.start()]) and not prefix[: m.start()].endswith("so-")]
        return hits[-1].start() if hits else None

    for prefix in ("He said “we said", "He said “we said” and she added", "so-called experts said \"it said",
                   "the so-said", "“no”, he told reporters, “they said” and", ""):
        got = _last_cue(prefix)
        assert (got.start() if got else None) == naive(prefix), prefix
