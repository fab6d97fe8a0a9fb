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

FEATURE_VERSION = "text.features.v3"

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
# Scripts written without spaces (Chinese, Japanese): a whole sentence is one \w+ run, so a
# line's length in words is counted as about one word per two characters, and its share of
# function words as the share of its characters that are particles and function characters.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_FUNCTION = frozenset("のにはをがでとたてしもるいなかれだす的了是在和有不也这我他就都们个说")
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
    n_units: int = 0  # word-equivalents: n_words, plus about one per two CJK characters


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
    stop_ratio = stops / max(1, len(words))
    cjk = _CJK.findall(text[:20000])
    if len(cjk) >= 8:
        # particles and function characters are ~15-30% of CJK prose, stop words ~40-50% of
        # European prose: doubled, the two read on the same scale
        stop_ratio = max(stop_ratio, min(1.0, 2.0 * sum(c in _CJK_FUNCTION for c in cjk) / len(cjk)))
    return LineShape(
        text=text,
        n_words=n,
        n_chars=len(text),
        stop_ratio=stop_ratio,
        terminal=ends_sentence(text),
        gap_before=gap_before,
        n_units=n + len(cjk) // 2,
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
        math.log1p(max(s.n_words, s.n_units)),
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
    units = max(s.n_words, s.n_units)
    if units < 8:
        return 0.0
    return min(1.0, units / 40.0) * (0.5 + 0.5 * s.terminal) * min(1.0, s.stop_ratio / 0.25)


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
    lo, hi, _ = _max_segment([t - 0.25 for t in texty])
    return lo, hi


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


# ---- second pass: the first pass's verdicts on the neighbours ---------------------------------
# An article body is one contiguous run of prose: a long sentence between two teasers is a
# teaser, a short line between two body paragraphs is body. The second model sees, for each
# line, the first model's P(body) around it and where the most confident prose block lies
# (a stacked sequence model, a light CRF).


def _run_lengths(flags: list[bool]) -> tuple[list[int], list[int]]:
    """For each i: lines since the last flagged line before i, and until the next after i
    (len(flags) + 1 when there is none)."""
    n = len(flags)
    since, until = [n + 1] * n, [n + 1] * n
    last = None
    for i in range(n):
        if last is not None:
            since[i] = i - last
        if flags[i]:
            last = i
    nxt = None
    for i in range(n - 1, -1, -1):
        if nxt is not None:
            until[i] = nxt - i
        if flags[i]:
            nxt = i
    return since, until


def _max_segment(values: list[float]) -> tuple[int, int, float]:
    """(start, end, sum) of the maximum-sum run of ``values`` (Kadane); (0, -1, 0) if all <= 0."""
    best, cur, start, span = 0.0, 0.0, 0, (0, -1)
    for i, v in enumerate(values):
        if cur <= 0:
            cur, start = v, i
        else:
            cur += v
        if cur > best:
            best, span = cur, (start, i)
    return span[0], span[1], best


def stack_features(probs: list[float], log_words: list[float]) -> list[list[float]]:
    """Features of each line from the first pass: P(body) of the line and its neighbours,
    word-weighted window means, and the line's place relative to the main block (the run of
    lines with the most confident body words, max-sum of (p - 0.5) * log words)."""
    n = len(probs)
    weighted = [p * w for p, w in zip(probs, log_words)]
    near, mid, far = _window_means(weighted, 3), _window_means(weighted, 8), _window_means(weighted, 20)
    wnear, wmid, wfar = _window_means(log_words, 3), _window_means(log_words, 8), _window_means(log_words, 20)
    lo, hi, mass = _max_segment([(p - 0.5) * w for p, w in zip(probs, log_words)])
    total = sum(max(0.0, p - 0.5) * w for p, w in zip(probs, log_words)) or 1.0
    body = [p >= 0.5 for p in probs]
    since, until = _run_lengths(body)
    cum, before = 0.0, []
    for v in weighted:
        before.append(cum)
        cum += v
    cum = cum or 1.0
    # page-level calibration: how sure the first pass is of any line on this page
    top = max(probs, default=0.0) or 1.0
    mean_p = sum(probs) / max(1, n)
    share_body = sum(body) / max(1, n)
    rows = []
    for i in range(n):
        def at(j: int) -> float:
            return probs[j] if 0 <= j < n else 0.0
        rows.append([
            probs[i], at(i - 1), at(i + 1), at(i - 2), at(i + 2),
            max(at(j) for j in range(i - 5, i)) if i else 0.0,
            max(at(j) for j in range(i + 1, i + 6)) if i + 1 < n else 0.0,
            near[i] / (wnear[i] or 1.0), mid[i] / (wmid[i] or 1.0), far[i] / (wfar[i] or 1.0),
            1.0 if lo <= i <= hi else 0.0,
            math.log1p(max(0, lo - i, i - hi)),
            mass / total,
            before[i] / cum,
            math.log1p(since[i]), math.log1p(until[i]),
            probs[i] / top, mean_p, share_body,
        ])
    return rows
