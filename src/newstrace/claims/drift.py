"""How claims and quotes drift from a source to a copy: numbers changed, attribution dropped, speaker swapped.

Both articles must already be annotated. Claims are lined up by the words of their sentence
(numbers and hedges left out, so "over 5,700 Palestinians dead" still meets "6,000 Palestinians
dead"); quotes by their own words. An attribution counts as removed only when the same passage
is present in the copy without it.
"""

from __future__ import annotations

import re

from newstrace.claims._text import sentence_of, sentences
from newstrace.model import Article, Claim, Edit, Quote

_NUMBERISH = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|millions|"
    r"over|more|than|at|least|around|about|nearly|almost|some|up|to|roughly|approximately|estimated|an|fewer|less|"
    r"close|as|many|just|under|the|a|of|and|in|according|said|says)$"
)
_MIN_CLAIM_MATCH = 0.5
_MIN_QUOTE_MATCH = 0.7


def drift(source: Article, copy: Article) -> list[Edit]:
    """Typed edits between ``source`` and ``copy`` for numbers, attributions and speakers."""
    return _claim_edits(source, copy) + _quote_edits(source, copy)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w’'-]+", text.lower()) if not _NUMBERISH.match(w)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _claim_context(text: str, sents: list, c: Claim) -> set[str]:
    s = sentence_of(sents, c.span[0])
    return _words(text[s[0] : s[1]]) | _words(c.counted or "")


def _pairs(src: list, dst: list, score, floor: float) -> list[tuple[object, object]]:
    """Greedy one-to-one pairing by descending score."""
    cands = sorted(((score(a, b), i, j) for i, a in enumerate(src) for j, b in enumerate(dst)), reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for sc, i, j in cands:
        if sc < floor or i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((src[i], dst[j]))
    return out


def _claim_edits(source: Article, copy: Article) -> list[Edit]:
    st, ct = source.text, copy.text
    ss, cs = sentences(st), sentences(ct)

    def score(a: Claim, b: Claim) -> float:
        base = _jaccard(_claim_context(st, ss, a), _claim_context(ct, cs, b))
        same_noun = bool(a.counted and b.counted and a.counted.lower() == b.counted.lower())
        return base + (0.2 if same_noun else 0.0)

    edits = []
    for a, b in _pairs(source.claims, copy.claims, score, _MIN_CLAIM_MATCH):
        changes = _number_changes(a, b)
        if changes:
            edits.append(Edit("numbers_changed", "; ".join(changes), a.text, b.text, a.span, b.span))
        if a.source and not b.source:
            edits.append(Edit("attribution_removed", f"claim source {a.source!r} dropped", a.text, b.text, a.span, b.span))
    return edits


def _number_changes(a: Claim, b: Claim) -> list[str]:
    out = []
    for name in ("value", "low", "high"):
        x, y = getattr(a, name), getattr(b, name)
        if x != y:
            out.append(f"{name} {_fmt(x)} -> {_fmt(y)}")
    if (a.hedge or None) != (b.hedge or None):
        out.append(f"hedge {a.hedge or 'none'} -> {b.hedge or 'none'}")
    return out


def _fmt(x: float | None) -> str:
    if x is None:
        return "none"
    return str(int(x)) if float(x).is_integer() else str(x)


def _quote_edits(source: Article, copy: Article) -> list[Edit]:
    def own(qs: list[Quote]) -> list[Quote]:
        indirect = [q for q in qs if q.kind == "indirect"]
        return [q for q in qs if q.kind == "indirect" or not any(i.span[0] <= q.span[0] and q.span[1] <= i.span[1] for i in indirect)]

    def score(a: Quote, b: Quote) -> float:
        return _jaccard(set(re.findall(r"\w+", a.text.lower())), set(re.findall(r"\w+", b.text.lower())))

    edits = []
    for a, b in _pairs(own(source.quotes), own(copy.quotes), score, _MIN_QUOTE_MATCH):
        if a.speaker and not b.speaker_mention:
            edits.append(Edit("attribution_removed", f"quote no longer attributed to {a.speaker}", a.text, b.text, a.span, b.span))
        elif a.speaker and b.speaker and _norm(a.speaker) != _norm(b.speaker):
            edits.append(Edit("speaker_changed", f"{a.speaker} -> {b.speaker}", a.speaker, b.speaker, a.span, b.span))
    return edits


def _norm(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.lower()).strip()
