"""Numeric claims: a count or amount, its hedge, what is counted, whose it is, where, when, on whose word.

Rules over the sentence around each number. Dates, years, times of day, ordinals and numbers
glued to names ("F-16", "Covid-19") are not claims and are skipped; time expressions found by
:mod:`newstrace.claims.when` mark what is a date. Vague plurals ("dozens", "tens of
thousands") become intervals, never a made-up point value.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from newstrace.claims._text import sentence_of, sentences
from newstrace.claims.names import CAP
from newstrace.claims.quotes import find_quotes
from newstrace.model import Claim, Entity, Quote, Span, TimeExpr

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
_VAGUE = {  # (low, high): the smallest and largest amounts the plural can honestly name
    "a dozen": (12.0, 12.0), "dozens": (24.0, 99.0), "scores": (40.0, 99.0), "hundreds": (200.0, 999.0),
    "thousands": (2e3, 9999.0), "tens of thousands": (2e4, 99999.0), "hundreds of thousands": (2e5, 999999.0),
    "millions": (2e6, 999999999.0), "a handful": (2.0, 9.0), "a few": (2.0, 9.0),
}
_WORD = "|".join(sorted(list(_TENS) + [w for w in _UNITS if w not in ("zero", "one")], key=len, reverse=True))
_HEDGES = (
    "more than", "over", "at least", "at most", "around", "about", "nearly", "almost", "some", "up to", "roughly",
    "approximately", "an estimated", "fewer than", "less than", "close to", "as many as", "upwards of", "just over",
    "just under", "under", "well over", "in excess of", "as few as", "no fewer than", "no more than", "at least some",
    "only", "just", "a total of", "estimated",
)
_HEDGE_RE = re.compile(r"\b(?P<hedge>" + "|".join(sorted(map(re.escape, _HEDGES), key=len, reverse=True)) + r")[ \t]+$", re.I)
_NUM = re.compile(
    r"(?<![\w.,/-])(?P<cur>[$€£])?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d/:-]|,\d|\.\d)"
    r"(?:(?:[ \t]+|-)?(?P<scale>million|billion|trillion|thousand|hundred|bn|m|k)\b)?"
    r"|(?<![\w-])(?P<vague>tens of thousands|hundreds of thousands|a dozen|dozens|scores|hundreds|thousands|millions)\b"
    rf"|(?<![\w-])(?P<w>(?:{_WORD})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one(?=[ \t]+(?:million|billion|thousand|hundred)))"
    r"(?:[ \t]+(?P<wscale>million|billion|trillion|thousand|hundred))?\b",
    re.I,
)
_STOP = frozenset(
    "in at on during since from to for by with under across of into over after before against among amid near "
    "without within through toward towards about like via than because despite until throughout inside outside "
    "have has had were was are is be been will would could can may might should do did does who which that "
    "and or but than as the a an this these those its their his her it they he she per each said says told "
    "according while when where whom whose more other additional not no also still just only even".split()
)
_STATES = r"(?:dead|injured|wounded|killed|missing|displaced|homeless|arrested|detained|hurt|captured|kidnapped|affected|infected|evacuated)"
_PASSIVE = re.compile(r"^[ \t]+(?:(?:have|has|had|were|was|are|is|being|reportedly|now|also|since|already|been)[ \t]+){1,3}(?P<v>\w+(?:ed|en|wn|ld|ht))\b")
_STATE_AFTER = re.compile(
    rf"^[ \t]+(?:(?:have|has|had|were|was|are|is|been|remain|remained|remains|still|now|reportedly|also|believed|"
    rf"feared|confirmed|to|be)[ \t]+){{1,4}}(?P<v>{_STATES})\b"
)
_HOLD_VERBS = r"(?:maintains|maintained|keeps|kept|has|had|have|holds|held|deployed|deploys|stationed|fields|employs|employed|owns|operates|sent|sends|bases|based|lost|recruited)"
_HOLDER = re.compile(
    rf"(?P<h>(?:the[ \t]+)?{CAP}(?:[ \t]+{CAP}){{0,3}})(?:,[ \t]+(?:which|who|that))?[ \t]+(?:(?:also|now|still|currently|reportedly)[ \t]+)?"
    rf"{_HOLD_VERBS}[ \t]+(?:(?:a|an)[ \t]+(?:\w+[ \t]+)?(?:force|total|contingent|garrison|deployment|presence|army|fleet|staff|workforce)[ \t]+of[ \t]+)?$"
)
_WHERE = re.compile(
    rf"^[ \t]+(?:in|inside|across|throughout|within)[ \t]+(?P<w>the[ \t]+(?:[a-z]+[ \t]+)?(?:region|country|area|city|strip|territory|enclave|north|south|east|west)"
    rf"|(?:the[ \t]+)?{CAP}(?:[ \t]+{CAP}){{0,3}})"
)
_ACCORDING = re.compile(r"\b[Aa]ccording[ \t]+to[ \t]+(?P<src>[^,.;“”\"]{2,80}?)(?=[,.;]|$)")


def find_claims(text: str, times: list[TimeExpr], entities: list[Entity]) -> list[Claim]:
    """Numeric claims in ``text``; ``times`` mark dates (skipped) and give each claim its time."""
    return claims_with_quotes(text, times, find_quotes(text, entities))


def claims_with_quotes(text: str, times: list[TimeExpr], quotes: list[Quote]) -> list[Claim]:
    """:func:`find_claims` with the article's quotes already found (they give claims their source)."""
    sents = sentences(text)
    spans = _Spans(times, quotes)
    out: list[Claim] = []
    for m in _NUM.finditer(text):
        if _not_a_claim(text, m, spans):
            continue
        sent = sentence_of(sents, m.start())
        prev = out[-1] if out and out[-1].span[0] >= sent[0] else None  # the last claim of this sentence
        out.append(_claim(text, m, sent, spans, prev))
    return out


class _Spans:
    """The page's times and quotes sorted by start, with the running maximum of their ends, so that
    "which of them holds this position" is a binary search, not a scan per number (a long page has
    thousands of numbers, times and quotes)."""

    def __init__(self, times: list[TimeExpr], quotes: list[Quote]):
        order = sorted(range(len(times)), key=lambda i: times[i].span[0])
        self.times = [(i, times[i]) for i in order]  # with its place in ``times``: ties go to the first there
        self.time_starts = [t.span[0] for _, t in self.times]
        self.time_reach = list(itertools.accumulate((t.span[1] for _, t in self.times), max))
        self.quotes = sorted(quotes, key=lambda q: q.span[0])
        self.quote_reach = list(itertools.accumulate((q.span[1] for q in quotes), max))

    def time_overlaps(self, span: Span) -> bool:
        i = bisect_left(self.time_starts, span[1])
        return i > 0 and self.time_reach[i - 1] > span[0]

    def times_within(self, lo: int, hi: int) -> list[TimeExpr]:
        """Times inside [lo, hi], in the order they were given."""
        got = [(i, t) for i, t in self.times[bisect_left(self.time_starts, lo):bisect_right(self.time_starts, hi)]
               if t.span[1] <= hi]
        return [t for _, t in sorted(got, key=lambda it: it[0])]

    def quotes_holding(self, pos: int) -> Iterator[Quote]:
        """Quotes whose span holds ``pos``, in span order: none ends past ``pos`` before index i."""
        for q in self.quotes[bisect_right(self.quote_reach, pos):]:
            if q.span[0] > pos:
                return
            if pos < q.span[1]:
                yield q


_INTERVAL_END = re.compile(r"[ \t]*(?:to|and|-|–)[ \t]*(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d,.])")
_DURATION = re.compile(
    r"[ \t]+(?:(?:more|other|additional|full|straight|consecutive|long)[ \t]+)?"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|nights?)\b", re.I)


def _not_a_claim(text: str, m: re.Match, spans: _Spans) -> bool:
    span = (m.start(), m.end())
    if _DURATION.match(text, m.end()) and not m.group("cur"):
        return True  # a duration or an age ("three weeks", "69 years old"), not a count
    if m.group("n") and len(m.group("n")) > 12 and "," not in m.group("n"):
        return True  # an identifier
    if spans.time_overlaps(span):
        return True
    after = text[m.end() : m.end() + 14]
    before = text[max(0, m.start() - 12) : m.start()]
    if m.group("n"):
        n = m.group("n")
        if re.fullmatch(r"(?:1[89]|20)\d\d", n) and not m.group("cur"):
            return True  # a year the time rules did not take
        if re.match(r"(?:st|nd|rd|th)\b|[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|GMT|o[’']clock|-year-old|-years?-old|year-old)", after, re.I):
            return True
    if re.search(r"(?:No\.|#|[Nn]umber|Level|Article|Section|Resolution|Chapter|[Pp]age|Flight|Route|Highway|[Pp]hase)[ \t]*$", before):
        return True
    if m.group("w") and re.match(r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:best|most|few|first|last|main|key|top)\b", after):
        return True
    return False


def _value(m: re.Match) -> tuple[float | None, float | None, float | None]:
    """(value, low, high)."""
    if m.group("vague"):
        low, high = _VAGUE[m.group("vague").lower()]
        return (low if low == high else None), low, high
    if m.group("n"):
        v = float(m.group("n").replace(",", ""))
        scale = (m.group("scale") or "").lower()
        if scale in ("m", "k", "bn") and not m.group("cur"):
            scale = "" if scale in ("m", "k") else scale
        return v * _SCALES.get(scale, 1.0), None, None
    words = m.group("w").lower().split("-")
    v = float(sum(_TENS.get(w, _UNITS.get(w, 1 if w == "one" else 0)) for w in words))
    if m.group("wscale"):
        v *= _SCALES[m.group("wscale").lower()]
    return v, None, None


def _claim(text: str, m: re.Match, sent: Span, spans: _Spans, prev: Claim | None) -> Claim:
    value, low, high = _value(m)
    start, end = m.start(), m.end()
    h = _HEDGE_RE.search(text[max(sent[0], start - 30) : start])
    hedge = h.group("hedge").lower() if h else None
    if h:
        start = start - (len(text[max(sent[0], m.start() - 30) : m.start()]) - h.start())
    iv = _INTERVAL_END.match(text, end)
    iv_end = iv.end() - end if iv else 0
    if iv and value is not None and (re.search(r"between[ \t]+$", text[max(0, m.start() - 10) : m.start()], re.I) or iv.group(0).strip()[0] in "-–"):
        low, high, value = value, float(iv.group("n").replace(",", "")), None
        btw = re.search(r"between[ \t]+$", text[max(sent[0], m.start() - 10) : m.start()], re.I)
        if btw and not h:
            start = max(sent[0], m.start() - 10) + btw.start()
        end += iv_end
    counted, c_end = _counted(text, m, end, sent)
    coordinated = prev is not None and re.search(r"\band[ \t]+(?:\w+[ \t]+)?$", text[prev.span[1] : start] or "x") is not None
    if counted is None and prev is not None and coordinated:
        counted = prev.counted
    where, w_end = _where(text, c_end)
    holder = _holder(text, sent, start)
    if holder is None and prev is not None and coordinated:
        holder = prev.holder
    clause = _clause(text, sent, m.start())
    when = _when(spans, clause, m.start())
    source = _source(text, sent, m.start(), spans)
    e = max(c_end, w_end)
    conf = 0.85 if counted else 0.5
    rule = "claim.number_np.v1" if counted else "claim.bare_number.v1"
    return Claim(text[start:e], (start, e), value, low, high, hedge, counted, holder, where, when, source, rule, conf,
                 source_span=_name_span(text, sent, source, m.start()), holder_span=_name_span(text, sent, holder, m.start()))


def _name_span(text: str, sent: Span, name: str | None, near: int) -> Span | None:
    """Where in the claim's sentence a source or holder is named: the occurrence nearest the number."""
    if not name:
        return None
    starts = [mm.start() for mm in re.finditer(re.escape(name), text[sent[0] : sent[1]])]
    if not starts:
        return None
    best = sent[0] + min(starts, key=lambda s: abs(sent[0] + s - near))
    return (best, best + len(name))


def _counted(text: str, m: re.Match, end: int, sent: Span) -> tuple[str | None, int]:
    """What is counted: the noun phrase after the number, plus a state ("dead") or passive verb ("were captured")."""
    rest = text[end : sent[1]]
    pos = 0
    of = re.match(r"^[ \t]+of[ \t]+(?:(?:the|these|those|its|their|his|her)[ \t]+)?(?=[a-z])", rest)
    if of:
        pos = of.end()
    pct = re.match(r"^[ \t]*(?:%|percent\b|per[ \t]+cent\b)", rest[pos:])
    words: list[str] = ["percent"] if pct else []
    if pct:
        pos += pct.end()
    while True:
        w = re.match(r"[ \t]*(?P<w>[A-Za-z][\w’'-]*)", rest[pos:])
        if not w:
            break
        token = w.group("w")
        low = token.lower()
        if low in ("more", "other", "additional") and not words:
            pos += w.end()
            continue
        if low in _STOP and not (low == "and" and words and _more_nouns(rest[pos + w.end() :])):
            break
        if words and re.fullmatch(r"[a-z]{2,}[^s]s", words[-1]) and not re.fullmatch(_STATES, low):
            break  # the plural head noun ends the phrase ("11 states hold contests")
        if re.fullmatch(_STATES, low) and words:
            words.append(token)
            pos += w.end()
            break
        if len(words) >= 5 or (re.fullmatch(r"\w+(?:ed|ing)", low) and words) or (token[0].isupper() and words):
            break
        words.append(token)
        pos += w.end()
    pas = _PASSIVE.match(rest[pos:]) or _STATE_AFTER.match(rest[pos:])
    if pas:
        words.append(pas.group("v"))
        pos += pas.end()
    while words and words[-1].lower() in ("and", "or"):
        words.pop()
        pos = rest.rfind(" ", 0, pos) if " " in rest[:pos] else pos
    if not words:
        cur = {"$": "dollars", "€": "euros", "£": "pounds"}.get(m.group("cur") or "")
        return cur, end
    return " ".join(words), end + len(rest[:pos].rstrip())


def _more_nouns(rest: str) -> bool:
    nxt = re.match(r"[ \t]+(?P<a>[a-z][\w-]*)(?:[ \t]+(?P<b>[a-z][\w-]*))?", rest)
    if not nxt or nxt.group("a") in _STOP or re.search(r"(?:ed|ing)$", nxt.group("a")):
        return False
    return nxt.group("a").endswith("s") or (nxt.group("b") or "").endswith("s")


def _where(text: str, pos: int) -> tuple[str | None, int]:
    m = _WHERE.match(text[pos : pos + 80])
    if not m:
        return None, pos
    return re.sub(r"^the[ \t]+(?=[A-Z])", "", m.group("w")), pos + m.end()


def _holder(text: str, sent: Span, start: int) -> str | None:
    m = _HOLDER.search(text[sent[0] : start])
    if not m:
        return None
    return re.sub(r"^the[ \t]+", "", m.group("h"))


def _clause(text: str, sent: Span, pos: int) -> Span:
    """The stretch of the sentence between commas, semicolons or dashes that holds ``pos``."""
    cuts = [sent[0]] + [sent[0] + c.end() for c in re.finditer(r"[,;—–]", text[sent[0] : sent[1]])] + [sent[1]]
    lo = max(c for c in cuts if c <= pos)
    hi = min(c for c in cuts if c > pos) if any(c > pos for c in cuts) else sent[1]
    return lo, hi


def _when(spans: _Spans, clause: Span, pos: int) -> TimeExpr | None:
    inside = [t for t in spans.times_within(*clause) if not t.rule.endswith("_ref.v1")]
    if not inside:
        return None
    return min(inside, key=lambda t: (t.span[0] < pos, abs(t.span[0] - pos)))


def _source(text: str, sent: Span, pos: int, spans: _Spans) -> str | None:
    """On whose word: "according to X" in the sentence, else the speaker of a quote that holds the number."""
    acc = _ACCORDING.search(text[sent[0] : sent[1]])
    if acc:
        return acc.group("src").strip()
    for q in spans.quotes_holding(pos):
        if q.speaker_mention and not q.speaker_mention[:1].isdigit():
            if q.speaker_mention.lower() in ("he", "she", "they", "we", "i"):
                return q.speaker or q.speaker_mention
            return q.speaker_mention
    return None
