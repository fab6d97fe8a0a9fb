"""Small text helpers shared by the claim rules: sentence spans, word tables, cue verbs.

Everything here is a pure function of its input or an immutable constant, so the rules stay
usable in a process pool or on Spark without shared state.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from newstrace.model import Span

# Abbreviations whose final period does not end a sentence (news style).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gov gen lt col sgt capt st jr sr inc corp co ltd no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n a.m p.m e.g i.e fig dept "
    "prof rev pres ave blvd mt ft approx est".split()
)

_SENT_END = re.compile(r"[.!?。！？]+[”\"’')\]]*(?=\s+(?:''|[“\"‘(\[])?(?P<next>[^\W_]))|\n\s*\n")
# Past this a "sentence" is no prose sentence (a table, a list run together, text with no full stops):
# it is cut at a space, so every rule that reads a sentence reads at most this much, on any page.
MAX_SENTENCE = 1500

# Reporting verbs, with their inflections, that introduce speech or a claim.
_CUE_LEMMAS = (
    "say add tell state warn insist argue claim explain note stress suggest announce report "
    "caution acknowledge admit allege assert confirm declare deny emphasize emphasise "
    "estimate predict promise reply respond write tweet testify urge vow complain concede "
    "contend maintain observe point remark reveal recall repeat reiterate predict describe "
    "call label dub brand believe think ask recount agree disclose signal indicate continue conclude exclaim quip "
    "joke post echo shout chant yell scream muse wonder boast brag lament retort counter interject snap whisper "
    "explain warn tell"
).split()

_IRREGULAR = {
    "say": ("said", "says", "saying"),
    "tell": ("told", "tells", "telling"),
    "write": ("wrote", "writes", "writing"),
    "think": ("thought", "thinks", "thinking"),
    "quip": ("quipped", "quips", "quipping"),
    "snap": ("snapped", "snaps", "snapping"),
    "admit": ("admitted", "admits", "admitting"),
}


def _inflect(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        return (lemma,) + _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return (lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return (lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    if re.fullmatch(r".*[^aeiou][aeiou][ptgbl]", lemma) and lemma not in ("label", "signal", "recall"):
        return (lemma, lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing")
    if lemma in ("label", "signal"):
        return (lemma, lemma + "s", lemma + "ed", lemma + "led", lemma + "ing", lemma + "ling")
    if lemma.endswith(("sh", "ch", "ss")):
        return (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    return (lemma, lemma + "s", lemma + "ed", lemma + "ing")


CUE_WORDS = frozenset(w for lemma in _CUE_LEMMAS for w in _inflect(lemma))
# Cues strong enough to carry a quote on their own (others, like "call", need a quoted object).
SPEECH_CUES = frozenset(
    w for lemma in _CUE_LEMMAS for w in _inflect(lemma)
    if lemma not in ("call", "label", "describe", "think", "believe", "ask", "dub", "brand", "signal", "indicate", "point")
)
CUE_RE = r"(?:" + "|".join(sorted(CUE_WORDS, key=len, reverse=True)) + r")"

ADVERBS = r"(?:(?:also|later|then|further|previously|again|once|recently|reportedly|repeatedly|has|had|have|would|will|is|was|were|did|does|just|quickly|flatly|publicly|privately|earlier|separately|[a-z]+ly)\s+)"

PRONOUNS = frozenset("he she they it we i you".split())

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")]
    )
    for m in names
}

WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}


def sentences(text: str) -> list[Span]:
    """Sentence spans: split at end punctuation before a capital, a digit or a letter of a script
    without case (any script, not only A-Z), and at paragraph breaks; none longer than MAX_SENTENCE."""
    out: list[Span] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group("next") and m.group("next").islower():
            continue
        end = m.end()
        if m.group(0).startswith((".",)) and not m.group(0).startswith("\n") and _is_abbreviation(text, m.start()):
            continue
        _push(out, text, start, end)
        start = end
    _push(out, text, start, len(text))
    return out


def _push(out: list[Span], text: str, start: int, end: int) -> None:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        _push_one(out, text, start, cut)
        start = cut
    _push_one(out, text, start, end)


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12) : dot])
    if not word:
        return False
    w = word.group(1).lower()
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha() and text[dot - 1].isupper())


def _push_one(out: list[Span], text: str, start: int, end: int) -> None:
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    if end - trail > start + lead:
        out.append((start + lead, end - trail))


def sentence_of(sents: list[Span], pos: int) -> Span:
    """The sentence span holding ``pos`` (or the nearest one before it). Binary search: a long
    page has tens of thousands of sentences and every claim asks."""
    i = bisect_right(sents, pos, key=lambda s: s[0])
    return sents[i - 1] if i else (sents[0] if sents else (0, 0))


def paragraphs(text: str) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for part in text.split("\n\n"):
        if part.strip():
            out.append((pos, pos + len(part)))
        pos += len(part) + 2
    return out


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
