"""Time expressions, normalised against the publication date into intervals with a granularity.

Relative expressions ("on Tuesday", "last week", "earlier this month", "as recently as August")
need the publication date; without one they are kept but marked ``anchored=False`` with no
start or end: a guessed date would be worse than none. Weekdays and bare months point back to
the most recent such day or month on or before publication, unless the sentence looks ahead
("will", "next"); a bare month a few months ahead is upcoming unless its clause is in the past tense.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable
from datetime import date, timedelta

from newstrace.claims._text import CUE_WORDS, MONTHS, WEEKDAYS, sentence_of, sentences
from newstrace.model import TimeExpr

Interval = tuple[date, date, str]

_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_SEASON_CODE = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
_SPELLED_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                 "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                 "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SPELLED_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}

_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WDP = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
# The leading preposition ("since", "on", "as recently as") is looked for backwards from a match, not
# tried by every date rule at every position: that optional prefix was most of find_times' regex time.
_PRE_BACK = re.compile(
    r"(?:^|[^\w-])(?:(?P<pre>since|as recently as|as early as|as late as|on|in|until|till|by|from|during|before|"
    r"after|through|starting|ending|of|earlier|late|early)\s+|(?P<mid>mid)-)\Z", re.I)
_PRE_RULES = frozenset({"time.iso_date.day.v1", "time.month_day_year.day.v1", "time.day_month_year.day.v1",
                        "time.month_year.month.v1", "time.month_day.day.v1", "time.day_month.day.v1",
                        "time.month.month.v1", "time.relative_period.v1", "time.weekday.day.v1", "time.year.year.v1"})
_ORD = r"(?:st|nd|rd|th)?"
_SPELLED_Y = (r"(?i:(?:nineteen|eighteen|twenty)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
              r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|"
              r"sixteen|seventeen|eighteen|nineteen)|two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|"
              r"eight|nine|ten|eleven|twelve))?)")
_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                 "eighties": 80, "nineties": 90}
_HALVES = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "last": 2, "latter": 2}
_NUMW = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3}
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_FUTURE = re.compile(r"\b(?:will|shall|next|upcoming|scheduled to|set to|expected to|plans? to|is to|are to|is due|are due|coming)\b", re.I)
_PAST_VERB_BEFORE = re.compile(r"\b(?:\w+ed|said|told|met|held|came|went|gave|took|made|saw|began|won|lost|spoke|wrote|was|were)[ \t]+$", re.I)
_COUNT_NOUNS = re.compile(
    r"[ \t]+(?:people|persons|troops|soldiers|workers|employees|jobs|homes|houses|cases|deaths|vehicles|units|shares|"
    r"members|residents|students|children|civilians|refugees|migrants|tons|tonnes|miles|kilometers|kilometres|feet|"
    r"meters|metres|acres|dollars|euros|pounds|rounds|missiles|rockets|cars|votes|signatures|patients|dead)\b", re.I)
_PAST_TENSE = re.compile(
    r"(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bto )(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bits )(?<!still )\b(?:was|were|had|did|began|came|went|took|made|met|won|lost|bought|"
    r"sold|rose|fell|left|\w{3,}ed)\b", re.I)
_PRESENT_TENSE = re.compile(
    r"\b(?:is|are|takes|begins|starts|ends|expires|opens|closes|comes|goes|runs|remains|becomes|meets|plans?|"
    r"hopes?|wants?|intends?|needs?|seeks?|aims?)\b", re.I)
_NOT_PAST = frozenset("hundred united limited based proposed expected scheduled planned intended need".split())
_DEADLINE = frozenset({"by", "until", "till", "through", "before"})
_FORWARD = re.compile(r"\b(?:payable|effective|record|due|expires?|to)[ \t]+\Z", re.I)
_QUARTER_CONTEXT = re.compile(r"\bquarter|\bquarterly\b", re.I)
_EARNINGS = re.compile(r"\b(?:earn(?:ed|ings)|net\s+(?:income|loss)|profits?|revenues?|sales|(?:a|per)\s+share)\b", re.I)


def find_times(text: str, published: str | None) -> list[TimeExpr]:
    """Every time expression in ``text`` with its interval; ``published`` is YYYY-MM-DD or None."""
    pub = _parse_pub(published)
    sents = sentences(text)
    found: list[tuple[int, int, str, Interval | None]] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    for rule, rx, fn in _RULES:
        if rule in _NEEDLES and not any(w in low for w in _NEEDLES[rule]):
            continue
        for m in rx.finditer(text):
            start = _pre_start(m) if rule in _PRE_RULES else m.start()
            at = bisect_right(taken, (start, m.end()))  # ``taken``: the kept spans, sorted and disjoint
            if (at and taken[at - 1][1] > start) or (at < len(taken) and taken[at][0] < m.end()):
                continue
            sent = sentence_of(sents, start)
            future = bool(_FUTURE.search(text, sent[0], start) or _FUTURE.search(m.group(0)))
            future = future and not _PAST_VERB_BEFORE.search(text, max(sent[0], start - 20), start)
            try:
                val = fn(m, pub, future)
            except (ValueError, OverflowError):
                continue
            if val is _SKIP:
                continue
            found.append((start, m.end(), rule, val))
            taken.insert(at, (start, m.end()))
    out = []
    for s, e, rule, val in sorted(found):
        if val is None:
            out.append(TimeExpr(text[s:e], (s, e), None, None, _gran_of(rule), anchored=False, rule=rule))
        else:
            start = None if "past_ref" in rule else val[0].isoformat()
            end = None if "future_ref" in rule else val[1].isoformat()
            gran = None if ("past_ref" in rule or "future_ref" in rule) else val[2]
            out.append(TimeExpr(text[s:e], (s, e), start, end, gran, True, rule))
    return out


_SKIP: Interval = (date.min, date.min, "skip")


def _parse_pub(published: str | None) -> date | None:
    if not published or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published[:10]):
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _gran_of(rule: str) -> str:
    for g in ("day", "week", "month", "quarter", "year", "decade"):
        if g in rule:
            return g
    return "day"


def timex_value(t: TimeExpr) -> str | None:
    """TimeML-style value: 2023-10-24, 2023-10, 2023, 2023-W43, 2023-Q4, 199, or start/end for open intervals."""
    if not t.start or not t.end:
        return None
    s, e = date.fromisoformat(t.start), date.fromisoformat(t.end)
    g = t.granularity
    if g == "year" and s.month == 1 and s.day == 1 and e == date(s.year, 12, 31):
        return str(s.year)
    if g == "decade":
        return str(s.year)[:3]
    if g == "century":
        return str(s.year)[:2]
    if g == "weekend":
        y, w, _ = s.isocalendar()
        return f"{y}-W{w:02d}-WE"
    if g == "season":
        return f"{s.year}-{_SEASON_CODE[s.month]}"
    if g == "quarter":
        return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
    if g == "half":
        return f"{s.year}-H{1 if s.month < 7 else 2}"
    if g == "month" and s.day == 1 and e == _month_end(s.year, s.month):
        return s.isoformat()[:7]
    if g == "week" and (e - s).days == 6:
        y, w, _ = s.isocalendar()
        return f"{y}-W{w:02d}"
    return s.isoformat() if s == e else f"{s.isoformat()}/{e.isoformat()}"


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _pre_match(m: re.Match) -> re.Match | None:
    return _PRE_BACK.search(m.string, max(0, m.start() - 32), m.start())


def _pre_start(m: re.Match) -> int:
    """Start of the match widened over its leading preposition, if any."""
    pm = _pre_match(m)
    return m.start() if pm is None else pm.start("pre" if pm.group("pre") else "mid")


def _pre(m: re.Match) -> str:
    pm = _pre_match(m)
    return "" if pm is None else (pm.group("pre") or pm.group("mid")).lower()


def _since(m: re.Match, pub: date | None, iv: Interval | None) -> Interval | None:
    """"since October 17" runs from that date to publication."""
    if iv is None or pub is None or iv[0] > pub or _pre(m) != "since":
        return iv
    return (iv[0], pub, iv[2])


def _year_of(pub: date | None, month: int, day: int | None, lean: str) -> int | None:
    """Year of a month (and day) written without one. News looks back: the latest such date on or before
    publication, unless the clause looks ahead (``lean`` "ahead"), or the date is near ahead (within about
    four months), a look back would be long (over five months) and the clause is not told in the past
    (``lean`` "back"): "takes effect in January" written in October is upcoming, "stepped down in March" is not.
    A date within about six weeks ahead stays ahead even so: news rarely means one eleven months back
    without giving its year."""
    if pub is None:
        return None
    ref = pub if day else date(pub.year, pub.month, 1)

    def at(y: int) -> date:
        return date(y, month, min(day or 1, calendar.monthrange(y, month)[1]))

    past = pub.year if at(pub.year) <= ref else pub.year - 1
    ahead = pub.year if at(pub.year) >= ref else pub.year + 1
    if lean == "ahead":
        return ahead
    near = (at(ahead) - ref).days
    if (lean != "back" or near <= 45) and near <= 125 and (ref - at(past)).days > 150:
        return ahead
    return past


def _lean(m: re.Match, future: bool) -> str:
    """Which way a date without a year points: "back" after "since" or in a past-tense clause (speech verbs
    aside: "said" dates the report, not the event; a present-tense verb nearer the date wins: "the law, which
    passed last week, takes effect in January"), "ahead" when the sentence looks ahead, else ""."""
    pre = _pre(m)
    if pre in ("since", "as recently as"):
        return "back"
    if future:
        return "ahead"
    if pre in _DEADLINE:
        return ""
    text = m.string
    if _FORWARD.search(text, max(0, m.start() - 24), m.start()):
        return ""  # "payable Jan. 2", "effective Feb. 1", "of record Dec. 15", "extended to Nov. 20"
    lo, hi = max(0, m.start() - 100), min(len(text), m.end() + 60)
    before = re.split(r"[.;!?]\s|\n", text[lo : m.start()])[-1]
    after = re.split(r"[.;!?]\s|\n", text[m.end() : hi])[0]
    past = [w.start() for w in _PAST_TENSE.finditer(before) if _is_past(w.group(0))]
    present = [w.start() for w in _PRESENT_TENSE.finditer(before)]
    if past and (not present or past[-1] > present[-1]):
        return "back"
    if not present and any(_is_past(w.group(0)) for w in _PAST_TENSE.finditer(after)):
        return "back"  # "In March, the company received an offer"
    return ""


def _is_past(word: str) -> bool:
    return word.lower() not in _NOT_PAST and word.lower() not in CUE_WORDS


def _full_date(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    d = date(int(m.group("y")), MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("d")))
    return _since(m, pub, (d, d, "day"))


def _iso(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    d = date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    return _since(m, pub, (d, d, "day"))


def _month_year(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    y = int(m.group("y")) if m.group("y") else _spelled(m.group("sy"))
    mo = MONTHS[m.group("mon").lower().rstrip(".")]
    return _since(m, pub, (date(y, mo, 1), _month_end(y, mo), "month"))


def _month_day(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    mo, d = MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("d"))
    if not 1 <= d <= 31:
        return _SKIP
    y = _year_of(pub, mo, d, _lean(m, future))
    if y is None:
        return None
    day = date(y, mo, d)
    return _since(m, pub, (day, day, "day"))


def _month(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    word = m.group("mon")
    if word.lower().startswith("may") and not m.group("rel") and not _pre(m):
        return _SKIP  # "may" the verb
    mo = MONTHS[word.lower().rstrip(".")]
    rel = (m.group("rel") or "").lower()
    y = _year_of(pub, mo, None, "ahead" if rel == "next" else _lean(m, future))
    if y is None:
        return None
    if rel == "this" and pub:
        y = pub.year
    elif rel == "last" and pub:
        y = pub.year if mo < pub.month else pub.year - 1
    yrel = (m.group("yrel") or "").lower()
    if yrel and pub:
        y = pub.year + {"last": -1, "this": 0, "next": 1}[yrel]
    return _since(m, pub, (date(y, mo, 1), _month_end(y, mo), "month"))


def _weekday(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    if pub is None:
        return None
    wd = WEEKDAYS[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    back = (pub.weekday() - wd) % 7
    if rel == "next" or (future and rel != "last"):
        ahead = (wd - pub.weekday()) % 7
        d = pub + timedelta(days=ahead + (7 if rel == "next" and ahead == 0 else 0))
    else:
        d = pub - timedelta(days=back + (7 if rel == "last" and back == 0 else 0))
    return _since(m, pub, (d, d, "day"))


def _year(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    y = int(m.group("y"))
    after = m.string[m.end() : m.end() + 14]
    before = m.string[max(0, m.start() - 14) : m.start()]
    if _COUNT_NOUNS.match(after) or re.search(r"\b(?:about|some|around|over|nearly|almost|than|to|least|estimated)[ \t]+$", before):
        return _SKIP  # "2000 troops", "about 1500"
    return _since(m, pub, (date(y, 1, 1), date(y, 12, 31), "year"))


def _decade(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """"the 1990s"; "the '80s" and "the nineties" are the latest such decade begun by publication."""
    if m.group("y"):
        y = int(m.group("y"))
    else:
        if pub is None:
            return None
        near = m.string[max(0, m.start() - 40) : m.end() + 12]
        if m.group("w") and re.search(r"\b(?:temperatures?|degrees|highs?|lows?)\b", near, re.I):
            return _SKIP  # "highs in the forties" is the weather
        d = int(m.group("yy")) if m.group("yy") else _DECADE_WORDS[m.group("w").lower()]
        y = pub.year // 100 * 100 + d
        y -= 100 if y > pub.year else 0
    return (date(y, 1, 1), date(y + 9, 12, 31), "decade")


def _reporting_quarter(pub: date) -> tuple[int, int]:
    """The last full quarter before publication: what "the quarter" means in an earnings story."""
    q = (pub.month - 1) // 3  # quarters completed this year
    return (pub.year, q) if q else (pub.year - 1, 4)


def _quarter(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    word = (m.group("q") or "").lower()
    y = int(m.group("y") or m.group("y2") or 0) or None
    rel = (m.group("yr") or "").lower()
    if pub is None and y is None:
        return None
    if not word:  # "the quarter", "the latest quarter", "the year-ago quarter", "the 1988 period"
        if pub is None:
            return None
        y0, q = _reporting_quarter(pub)
        y = y or y0 - (1 if m.group("ago") or m.group("ago2") or m.group("ly") else 0)
    else:
        q = _QUARTERS[word]
        if y is None:
            cur = (pub.month - 1) // 3 + 1
            y = pub.year if (q <= cur or future) else pub.year - 1
            y += {"last": -1, "next": 1, "this": 0}.get(rel, 0) if rel else 0
            if rel == "this":
                y = pub.year
    start = date(y, 3 * q - 2, 1)
    return (start, _month_end(y, 3 * q), "quarter")


def _half(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """"the first half of 1990", "the second half of this year"; a bare "the first half" only in a story
    about results (elsewhere it is as likely a match or a game), the latest such half begun by publication."""
    h = _HALVES[m.group("h").lower()]
    if m.group("y"):
        y = int(m.group("y"))
    elif pub is None:
        return None
    elif m.group("yr"):
        y = pub.year + {"last": -1, "next": 1}.get(m.group("yr").lower(), 0)
    elif not _QUARTER_CONTEXT.search(_context(m)):
        return _SKIP
    else:
        y = pub.year if future or pub >= date(pub.year, 6 * h - 5, 1) else pub.year - 1
    return (date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half")


def _reporting(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """"the quarter", "the year-ago period": only inside a sentence about quarterly results (for an
    explicit comparison period, "the year-earlier period", a sentence about earnings will do)."""
    ctx = _context(m)
    if not (_QUARTER_CONTEXT.search(ctx) or (m.group("ago") or m.group("ago2")) and _EARNINGS.search(ctx)):
        return _SKIP
    return _quarter(m, pub, future)


def _context(m: re.Match) -> str:
    """The sentence holding the match and the two before it (split within a window around the match,
    not over the whole text again for every match)."""
    lo = max(0, m.start() - 1500)
    sents = sentences(m.string[lo : m.end() + 1500])
    at = m.start() - lo
    i = max((k for k, s in enumerate(sents) if s[0] <= at), default=0)
    return m.string[lo + sents[max(0, i - 2)][0] : lo + sents[i][1]] if sents else m.string


def _year_ago(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """"a year ago" / "a year earlier": in an earnings sentence it is the same quarter a year before."""
    if pub is None:
        return None
    if _QUARTER_CONTEXT.search(_context(m)):
        y, q = _reporting_quarter(pub)
        return (date(y - 1, 3 * q - 2, 1), _month_end(y - 1, 3 * q), "quarter")
    return (date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year")


def _season(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """Seasons as three-month blocks (northern hemisphere, as the wires write them); winter opens in December."""
    start_month = _SEASONS[m.group("season").lower()]
    y = int(m.group("y")) if m.group("y") else _spelled(m.group("sy")) if m.group("sy") else None
    if y is None:
        if pub is None:
            return None
        rel = (m.group("rel") or "").lower()
        cur = pub.year if pub.month >= start_month or start_month == 12 and pub.month >= 12 else pub.year - 1
        if start_month == 12 and pub.month < 3:
            cur = pub.year - 1
        y = cur
        if rel == "this":
            y = pub.year - (1 if start_month == 12 and pub.month < 3 else 0)
        elif rel in ("next",) or (future and rel != "last" and date(cur, start_month, 1) < pub - timedelta(days=92)):
            y = cur + 1
        elif rel in ("last", "past") and (pub - date(cur, start_month, 1)).days < 92:
            y = cur - 1
    start = date(y, start_month, 1)
    end_month = (start_month + 2 - 1) % 12 + 1
    end_year = y + (1 if end_month < start_month else 0)
    return (start, _month_end(end_year, end_month), "season")


def _spelled(text: str) -> int:
    """"nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_SPELLED_UNITS.get(w, _SPELLED_TENS.get(w, 0)) for w in words[2:] if w != "and")
    return _SPELLED_TENS[words[0]] * 100 + sum(_SPELLED_UNITS.get(w, _SPELLED_TENS.get(w, 0)) for w in words[1:])


def _spelled_year(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """"nineteen ninety-six", "the year two thousand" (broadcast transcripts spell years out)."""
    y = _spelled(m.group("y"))
    return _since(m, pub, (date(y, 1, 1), date(y, 12, 31), "year"))


def _this_year(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """"the year", "the full year", "the current fiscal year": the publication year."""
    if pub is None:
        return None
    return (date(pub.year, 1, 1), date(pub.year, 12, 31), "year")


def _century(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    n = int(m.group("n"))
    return (date(max(1, (n - 1) * 100), 1, 1), date((n - 1) * 100 + 99, 12, 31), "century")


def _weekend(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """The Saturday and Sunday meant: the coming one when the sentence looks ahead, else the last one."""
    if pub is None:
        return None
    rel = (m.group("rel") or "").lower()
    sat = pub + timedelta(days=(5 - pub.weekday()) % 7)
    if not (rel == "next" or (future and rel != "last")) and sat > pub:
        sat -= timedelta(days=7)
    if rel == "last" and sat + timedelta(days=1) >= pub:
        sat -= timedelta(days=7)
    return (sat, sat + timedelta(days=1), "weekend")


def _ref(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """Vague present, past and future ("now", "recently", "in the coming weeks"): open on the unknown side."""
    if pub is None:
        return None
    return (pub, pub, "day")


def _period(unit: str, ref: date, shift: int) -> Interval:
    if unit == "day":
        d = ref + timedelta(days=shift)
        return (d, d, "day")
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        return (monday, monday + timedelta(days=6), "week")
    if unit == "month":
        y, mo = divmod(ref.year * 12 + ref.month - 1 + shift, 12)
        return (date(y, mo + 1, 1), _month_end(y, mo + 1), "month")
    if unit == "quarter":
        q0 = (ref.month - 1) // 3 + shift
        y, q = divmod(ref.year * 4 + q0, 4)
        return (date(y, 3 * q + 1, 1), _month_end(y, 3 * q + 3), "quarter")
    y = ref.year + shift
    return (date(y, 1, 1), date(y, 12, 31), "year")


def _relative(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    if pub is None:
        return None
    word = m.group("rel").lower()
    unit = m.group("unit").lower()
    shift = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "current": 0}[word]
    return _since(m, pub, _period(unit, pub, shift))


def _edge(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """"earlier this month": first day of the month up to publication; "later this week": the rest."""
    if pub is None:
        return None
    s, e, _ = _period(m.group("unit").lower(), pub, 0)
    return (s, pub, "day") if m.group("edge").lower() == "earlier" else (pub, e, "day")


def _deictic(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    if pub is None:
        return None
    w = m.group("w").lower()
    shift = -1 if w in ("yesterday", "last night") else 1 if w == "tomorrow" else 0
    d = pub + timedelta(days=shift)
    return (d, d, "day")


def _ago(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    if pub is None:
        return None
    n = m.group("n").lower()
    k = int(n) if n.isdigit() else _NUMW.get(n, 0)
    unit = m.group("unit").lower().rstrip("s")
    if not k:
        return _SKIP
    if unit == "decade":
        unit, k = "year", 10 * k
    if unit == "day":
        return _period("day", pub, -k)
    if unit == "week":
        return _period("week", pub, -k)
    return _period(unit, pub, -k)


Rule = tuple[str, "re.Pattern[str]", Callable[[re.Match, date | None, bool], Interval | None]]
_RULES: tuple[Rule, ...] = (
    ("time.iso_date.day.v1", re.compile(rf"\b(?P<y>\d{{4}})-(?P<mo>\d{{2}})-(?P<d>\d{{2}})\b"), _iso),
    ("time.month_day_year.day.v1", re.compile(rf"{_WDP}\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})\b"), _full_date),
    ("time.day_month_year.day.v1", re.compile(rf"{_WDP}\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON})\s+(?P<y>\d{{4}})\b"), _full_date),
    ("time.edge_of_period.day.v1", re.compile(r"\b(?P<edge>earlier|later)\s+this\s+(?P<unit>week|month|year)\b", re.I), _edge),
    ("time.month_year.month.v1", re.compile(rf"\b(?P<mon>{_MON}),?\s+(?:(?P<y>\d{{4}})|(?P<sy>{_SPELLED_Y}))\b"), _month_year),
    ("time.month_day.day.v1", re.compile(rf"{_WDP}\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD}\b(?![,.]?\d)"), _month_day),
    ("time.day_month.day.v1", re.compile(rf"{_WDP}\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON})\b"), _month_day),
    ("time.quarter.v1", re.compile(
        r"\b(?:(?P<yr>this|last|next)\s+year['’]s\s+|the\s+)?(?:(?P<y2>\d{4})\s+)?(?:fiscal\s+)?"
        r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?:\s+of\s+(?:fiscal\s+)?(?P<y>\d{4}))?", re.I), _quarter),
    ("time.half_year.v1", re.compile(
        r"\b(?:the\s+)?(?P<h>first|second|last|latter|1st|2nd)\s+(?:half|two\s+quarters)\b(?:\s+of\s+(?:(?:fiscal\s+)?"
        r"(?P<y>(?:19|20)\d\d)\b|(?P<yr>the|this|last|next)\s+(?:fiscal\s+)?year\b)|(?!\s+of\b))", re.I), _half),
    ("time.reporting_quarter.v1", re.compile(
        r"\b(?:[Tt]he\s+(?:(?:latest|most recent|same|comparable|corresponding)\s+)?(?:(?P<ago>year-ago|year-earlier)\s+|"
        r"(?P<y>(?:19|20)\d\d)\s+)?|(?P<ly>[Ll]ast\s+year['’]s)\s+)(?:quarter|period)\b"
        r"(?:\s+(?P<ago2>a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year))?(?!\s+of\b)(?P<q>)(?P<y2>)(?P<yr>)"), _reporting),
    ("time.year_ago.v1", re.compile(r"\b(?:(?:a|one)\s+year\s+(?:ago|earlier|before)|year-(?:earlier|ago)(?!\s+(?:quarter|period)))\b", re.I), _year_ago),
    ("time.month.month.v1", re.compile(rf"\b(?:(?P<rel>last|this|next|early|late|mid-?)\s*)?(?P<mon>{_MON[:-3]})\b(?!\s+\d)(?:,?\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year\b)?"), _month),
    ("time.relative_period.v1", re.compile(rf"\b(?P<rel>this|last|past|previous|next|coming|current)\s+(?P<unit>week|month|year|quarter)\b", re.I), _relative),
    ("time.weekday.day.v1", re.compile(rf"\b(?:(?P<rel>last|this|next|early|late)\s+)?(?P<wd>{_DAY})\b"), _weekday),
    ("time.weekend.v1", re.compile(r"\b(?:(?P<rel>this|last|next|the|over\s+the|past)\s+)weekend\b", re.I), _weekend),
    ("time.deictic.day.v1", re.compile(r"\b(?P<w>today|yesterday|tomorrow|tonight|last night|this morning|this afternoon|this evening)\b", re.I), _deictic),
    ("time.past_ref.vague_ago.v1", re.compile(r"\b(?:a\s+)?(?:few|several|many)\s+(?:days|weeks|months|years|decades)\s+ago\b", re.I), _ref),
    ("time.ago.day.v1", re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b", re.I), _ago),
    ("time.season.v1", re.compile(rf"\b(?:(?P<rel>this|last|next|past|this past|early|late)\s+|the\s+(?:early\s+|late\s+)?)?(?P<season>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?:(?P<y>(?:19|20)\d\d)|(?P<sy>{_SPELLED_Y})\b))?", re.I), _season),
    ("time.spelled_year.year.v1", re.compile(rf"\b(?:the\s+year\s+)?(?P<y>{_SPELLED_Y})\b", re.I), _spelled_year),
    ("time.this_year.year.v1", re.compile(
        r"\b[Tt]he\s+(?:(?:current|present)\s+(?:fiscal\s+|calendar\s+)?year\b|(?:full\s+|whole\s+|entire\s+)?(?:fiscal\s+|calendar\s+)?"
        r"year\b(?!\s+(?:before|after|earlier|ago|of|when|in\s+which|that))(?![-'’]))"), _this_year),
    ("time.century.v1", re.compile(r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century\b", re.I), _century),
    ("time.decade.v1", re.compile(r"(?=[Tt'’12])(?:\b[Tt]he\s+)?(?:\b(?P<y>1[89]\d0|20\d0)['’]?s|(?<!\w)['’](?P<yy>\d0)s|(?<=[Tt]he )"
                                  r"(?:mid-)?(?P<w>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))\b"), _decade),
    ("time.year.year.v1", re.compile(rf"(?:(?<=mid-)|(?<![\d,.$€£-]))\b(?:fiscal\s+(?:year\s+)?)?(?P<y>1[89]\d\d|20\d\d)\b(?!\d|,\d|-\d|%|\.\d|\s*(?:percent|per cent|%))"), _year),
    ("time.present_ref.v1", re.compile(r"\b(?:right now|now|currently|current(?<!\bthen current)(?<!\bthen-current)|at present|at the moment|these days|nowadays)\b", re.I), _ref),
    ("time.past_ref.v1", re.compile(r"\b(?:recently|(?:in\s+)?recent(?:\s+(?:days|weeks|months|years))?|(?:in\s+)?the\s+past(?!\s+\w+\s+(?:days|weeks|months|years))|previously)\b", re.I), _ref),
    ("time.future_ref.v1", re.compile(r"\b(?:soon|(?:in\s+)?the\s+(?:near\s+)?future|(?:in\s+)?(?:the\s+)?coming\s+(?:days|weeks|months|years|quarters)|(?:in\s+|over\s+)?the\s+(?:near|short)\s+term)\b", re.I), _ref),
)

_MONTH_NEEDLES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Words a rule cannot match without (lower case): a substring test per document skips most rules on a short
# article before their regex scans it.
_NEEDLES: dict[str, tuple[str, ...]] = {
    "time.month_day_year.day.v1": _MONTH_NEEDLES, "time.day_month_year.day.v1": _MONTH_NEEDLES,
    "time.month_year.month.v1": _MONTH_NEEDLES, "time.month_day.day.v1": _MONTH_NEEDLES,
    "time.day_month.day.v1": _MONTH_NEEDLES, "time.month.month.v1": _MONTH_NEEDLES,
    "time.edge_of_period.day.v1": ("this",), "time.quarter.v1": ("quarter",), "time.half_year.v1": ("half", "quarters"),
    "time.reporting_quarter.v1": ("quarter", "period"), "time.year_ago.v1": ("year",),
    "time.relative_period.v1": ("week", "month", "year", "quarter"), "time.weekday.day.v1": ("day",),
    "time.weekend.v1": ("weekend",), "time.deictic.day.v1": ("today", "yesterday", "tomorrow", "night", "this "),
    "time.past_ref.vague_ago.v1": ("ago",), "time.ago.day.v1": ("ago",),
    "time.season.v1": ("spring", "summer", "fall", "autumn", "winter"),
    "time.spelled_year.year.v1": ("nineteen", "eighteen", "twenty", "thousand"), "time.this_year.year.v1": ("year",),
    "time.century.v1": ("century",), "time.decade.v1": ("0s", "0's", "0’s", "ties"),
    "time.present_ref.v1": ("now", "current", "present", "moment", "these days"),
    "time.past_ref.v1": ("recent", "past", "previously"), "time.future_ref.v1": ("soon", "future", "coming", "term"),
}
