"""Line features for the plain-text extractor: what a line looks like and what surrounds it.

Shared by ``text.py`` (runtime) and ``bench/train_text_model.py`` (training), so the model
is always applied to exactly the features it was trained on. Everything here is linear in
the input size: hostile text (one 10 MB line, control characters) must not blow up.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from types import MappingProxyType

FEATURE_VERSION = "text.features.v2"

# Function words of the languages most news on the open web is written in. Prose is dense
# in them; menus, tags and headlines are not, whatever the language (after jusText's idea).
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own said same she should so some such than that the their theirs
    them then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours was says one two new
    der die das und ist nicht ein eine zu den mit sich des auf für im dem von sie es auch als
    wird bei nach aus noch wie einer um oder aber vor zur bis mehr durch man sind
    le la les et est un une des du en que qui dans pour pas sur au avec il elle ce se ne sont
    par plus ou été cette mais nous vous aux ont
    el los las y es del que en por con para una su al lo como más pero sus le ya fue este ha
    il di che è per non con della si gli nel sono da alla anche
    o os as um uma não com para por mais dos das foi ao na no
    het een van en ik je dat niet zijn op te er maar om ook als dan bij
    и в не на что с по это как он но из за то все она так его же от для""".split()
)

_WORD = re.compile(r"\w+")
# Unicode "C" characters that occur in scraped text (C0/C1 controls, soft hyphen, zero-width
# and bidi marks, BOM) map to a space; str.translate is one C-level pass, linear on 10 MB.
_CONTROL = MappingProxyType({c: " " for r in ((0, 0x20), (0x7F, 0xA0), (0xAD, 0xAE), (0x200B, 0x2010),
                                             (0x2028, 0x202F), (0x2060, 0x2070), (0xFEFF, 0xFF00))
                             for c in range(*r)})
_TERMINAL = re.compile(r"(?:[.!?…。！？]|[.!?…][\"”’»)\]']+)$")
_LINKY = re.compile(r"https?://|www\.|\.com\b|@\w|#\w", re.I)
_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\b",
    re.I,
)
_SEPARATORS = re.compile(r"[|•·»›/]|\s-\s")

# Cue families: a hit is weak evidence on its own; the model weighs it with layout.
CUES = {
    "cookie": re.compile(r"cookie|gdpr|consent|privacy (?:policy|settings)", re.I),
    "copyright": re.compile(r"©|\(c\)\s*\d{4}|copyright|all rights reserved", re.I),
    "share": re.compile(r"\b(?:share|tweet|pin it|whatsapp|email this|facebook|twitter|linkedin)\b", re.I),
    "comments": re.compile(r"\bcomments?\b|\breply\b|\bdisqus\b|leave a", re.I),
    "related": re.compile(r"\b(?:related|read more|more from|recommended|you may also|also read|trending|most (?:read|popular))\b", re.I),
    "newsletter": re.compile(r"newsletter|subscribe|sign up|inbox", re.I),
    "account": re.compile(r"\b(?:sign in|log ?in|log out|register|my account|password)\b", re.I),
    "advert": re.compile(r"\badvert|\bsponsored\b|\bad\b|promoted", re.I),
    "byline": re.compile(r"^\s*(?:by|from|written by|posted by|author)\b", re.I),
    "media": re.compile(r"\b(?:photo|image|video|getty|reuters|ap photo|credit|caption)\b", re.I),
}
N_BASE = 22

# Where a comment thread starts ("34 responses to ...", "Leave a reply") and how a comment
# is signed ("joe says:", "Ann on May 3, 2019 at 4:47 pm said:").
_COMMENT_HEAD = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies|reactions)\b|(?:comments?|discussion|reader comments|"
    r"leave a (?:reply|comment)|post a comment|add a comment|join the (?:discussion|conversation)|"
    r"what do you think)\b)",
    re.I,
)
_SIGNED = re.compile(r"\b(?:says|said|wrote|writes)\s*:?$|^reply$|^\d+\s+(?:likes?|points?)$", re.I)
_COUNT_TAIL = re.compile(r"\(\d+\)$")


@dataclass(frozen=True, slots=True)
class LineShape:
    """Cheap facts about one non-blank line; ``gap_before`` says a blank line preceded it."""

    text: str
    n_words: int
    n_chars: int
    stop_ratio: float
    terminal: bool
    gap_before: bool


def clean_line(line: str) -> str:
    """Drop control and format characters (they break regexes and comparisons), squeeze spaces."""
    if line.isprintable():
        return " ".join(line.split())
    return " ".join(line.translate(_CONTROL).split())


def ends_sentence(text: str) -> bool:
    """Ends like a sentence: .!? (possibly inside a closing quote); a bare closing quote does not."""
    return _TERMINAL.search(text[-8:].rstrip()) is not None


def shape(text: str, gap_before: bool) -> LineShape:
    words = _WORD.findall(text[:20000].lower())
    n = len(words) if len(text) <= 20000 else len(_WORD.findall(text))
    stops = sum(1 for w in words if w in STOP_WORDS)
    return LineShape(
        text=text,
        n_words=n,
        n_chars=len(text),
        stop_ratio=stops / max(1, len(words)),
        terminal=ends_sentence(text),
        gap_before=gap_before,
    )


def base_features(s: LineShape) -> list[float]:
    """Per-line features (N_BASE of them), looking at the line alone."""
    head = s.text[:2000]
    words = head.split()
    caps = sum(1 for w in words if w[:1].isupper()) / max(1, len(words))
    digits = sum(ch.isdigit() for ch in head) / max(1, len(head))
    commas = head.count(",") / max(1, len(words))
    cues = [1.0 if rx.search(head) else 0.0 for rx in CUES.values()]
    return [
        math.log1p(s.n_words),
        math.log1p(s.n_chars),
        s.stop_ratio,
        1.0 if s.terminal else 0.0,
        1.0 if head.rstrip().endswith(":") else 0.0,
        caps,
        digits,
        commas,
        1.0 if _SEPARATORS.search(head) else 0.0,
        1.0 if _LINKY.search(head) else 0.0,
        1.0 if _DATE.search(head) else 0.0,
        1.0 if head.isupper() and s.n_words > 0 else 0.0,
        *cues,
    ]


def _texty(s: LineShape) -> float:
    """How much a line looks like running prose, 0..1 (long, wordy, punctuated)."""
    if s.n_words < 8:
        return 0.0
    return min(1.0, s.n_words / 40.0) * (0.5 + 0.5 * s.terminal) * min(1.0, s.stop_ratio / 0.25)


def _window_means(values: list[float], radius: int) -> list[float]:
    """Mean of values[i-radius : i+radius+1] for each i, via prefix sums (linear time)."""
    pre = [0.0]
    for v in values:
        pre.append(pre[-1] + v)
    n = len(values)
    out = []
    for i in range(n):
        lo, hi = max(0, i - radius), min(n, i + radius + 1)
        out.append((pre[hi] - pre[lo]) / (hi - lo))
    return out


def _title_overlap(first: str, text: str) -> float:
    a = set(_WORD.findall(first[:500].lower()))
    b = set(_WORD.findall(text[:500].lower()))
    return len(a & b) / max(1, len(b)) if a and b else 0.0


def _main_block(texty: list[float]) -> tuple[int, int]:
    """The run of lines with the most prose in it (maximum-sum segment of texty - 0.25)."""
    best, cur, start, span = 0.0, 0.0, 0, (0, -1)
    for i, t in enumerate(texty):
        v = t - 0.25
        if cur <= 0:
            cur, start = v, i
        else:
            cur += v
        if cur > best:
            best, span = cur, (start, i)
    return span


def _thread_flags(shapes: list[LineShape]) -> tuple[list[float], list[float]]:
    """(after a comment-thread heading, share of signed-comment lines in the 12 lines around)."""
    after, seen = [], 0.0
    signed = []
    for s in shapes:
        head = s.text[:200]
        if s.n_words <= 12 and _COMMENT_HEAD.search(head):
            seen = 1.0
        after.append(seen)
        signed.append(1.0 if s.n_words <= 14 and _SIGNED.search(head) else 0.0)
    return after, _window_means(signed, 6)


def context_features(shapes: list[LineShape]) -> list[list[float]]:
    """Features of each line in its page: position, neighbours, and where the prose mass is."""
    n = len(shapes)
    base = [base_features(s) for s in shapes]
    texty = [_texty(s) for s in shapes]
    lo_m, hi_m = _main_block(texty)
    after_thread, signed = _thread_flags(shapes)
    counts: dict[str, int] = {}
    for s in shapes:
        key = s.text[:200].lower()
        counts[key] = counts.get(key, 0) + 1
    near, mid, far = _window_means(texty, 2), _window_means(texty, 6), _window_means(texty, 15)
    total = sum(texty) or 1.0
    cum, before = 0.0, []
    for t in texty:
        before.append(cum / total)
        cum += t
    first_t = next((i for i, t in enumerate(texty) if t > 0.3), n)
    last_t = max((i for i, t in enumerate(texty) if t > 0.3), default=-1)
    first = shapes[0].text if shapes else ""
    rows = []
    for i, s in enumerate(shapes):
        prev = base[i - 1] if i > 0 else [0.0] * N_BASE
        nxt = base[i + 1] if i + 1 < n else [0.0] * N_BASE
        inside = 1.0 if first_t <= i <= last_t else 0.0
        dist = 0 if inside else (first_t - i if i < first_t else i - last_t)
        row = base[i] + prev[:6] + nxt[:6]
        row += [
            i / max(1, n - 1),
            1.0 if s.gap_before else 0.0,
            1.0 if i + 1 < n and shapes[i + 1].gap_before else 0.0,
            near[i], mid[i], far[i], before[i], inside,
            math.log1p(dist),
            _title_overlap(first, s.text) if i > 0 else 1.0,
            1.0 if lo_m <= i <= hi_m else 0.0,
            math.log1p(max(0, lo_m - i, i - hi_m)),
            after_thread[i], signed[i],
            math.log(counts[s.text[:200].lower()]),
            1.0 if _COUNT_TAIL.search(s.text[-12:]) else 0.0,
        ]
        rows.append(row)
    return rows


def shapes_of(lines: list[str]) -> list[LineShape]:
    """Shapes of the non-blank lines, remembering which came after a blank line."""
    out: list[LineShape] = []
    gap = False
    for raw in lines:
        text = clean_line(raw)
        if not text:
            gap = True
            continue
        out.append(shape(text, gap))
        gap = False
    return out
