"""Time expressions, normalised against the publication date into intervals with a granularity.

Relative expressions ("on Tuesday", "last week", "earlier this month", "as recently as August")
need the publication date; without one they are kept but marked ``anchored=False`` with no
start or end: a guessed date would be worse than none. Weekdays and bare months point back to
the most recent such day or month on or before publication, unless the sentence looks ahead
("will", "next").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from newstrace.claims._text import MONTHS, WEEKDAYS, sentence_of, sentences
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
_PRE = r"(?:(?=[abdefilmostu])(?P<pre>since|as recently as|as early as|as late as|on|in|until|till|by|from|during|before|after|through|starting|ending|of|earlier|late|early|mid)(?:\s+|(?<=mid)-))?"
_ORD = r"(?:st|nd|rd|th)?"
_NUMW = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3}
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_FUTURE = re.compile(r"\b(?:will|shall|next|upcoming|scheduled to|set to|expected to|plans? to|is to|are to|is due|are due|coming)\b", re.I)
_PAST_VERB_BEFORE = re.compile(r"\b(?:\w+ed|said|told|met|held|came|went|gave|took|made|saw|began|won|lost|spoke|wrote|was|were)[ \t]+$", re.I)
_COUNT_NOUNS = re.compile(
    r"[ \t]+(?:people|persons|troops|soldiers|workers|employees|jobs|homes|houses|cases|deaths|vehicles|units|shares|"
    r"members|residents|students|children|civilians|refugees|migrants|tons|tonnes|miles|kilometers|kilometres|feet|"
    r"meters|metres|acres|dollars|euros|pounds|rounds|missiles|rockets|cars|votes|signatures|patients|dead)\b", re.I)
_QUARTER_CONTEXT = re.compile(r"\bquarter|\bquarterly\b", re.I)


def find_times(text: str, published: str | None) -> list[TimeExpr]:
    """Every time expression in ``text`` with its interval; ``published`` is YYYY-MM-DD or None."""
    pub = _parse_pub(published)
    sents = sentences(text)
    found: list[tuple[int, int, str, Interval | None]] = []
    for rule, rx, fn in _RULES:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _, _ in found):
                continue
            sent = sentence_of(sents, m.start())
            future = bool(_FUTURE.search(text[sent[0] : m.start()]) or _FUTURE.search(m.group(0)))
            future = future and not _PAST_VERB_BEFORE.search(text[max(sent[0], m.start() - 20) : m.start()])
            try:
                val = fn(m, pub, future)
            except (ValueError, OverflowError):
                continue
            if val is _SKIP:
                continue
            found.append((m.start(), m.end(), rule, val))
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
    if g == "month" and s.day == 1 and e == _month_end(s.year, s.month):
        return s.isoformat()[:7]
    if g == "week" and (e - s).days == 6:
        y, w, _ = s.isocalendar()
        return f"{y}-W{w:02d}"
    return s.isoformat() if s == e else f"{s.isoformat()}/{e.isoformat()}"


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _since(m: re.Match, pub: date | None, iv: Interval | None) -> Interval | None:
    """"since October 17" runs from that date to publication."""
    if iv is None or m.groupdict().get("pre") != "since" or pub is None or iv[0] > pub:
        return iv
    return (iv[0], pub, iv[2])


def _year_of(pub: date | None, month: int, day: int | None, future: bool) -> int | None:
    """Year of a month (and day) written without one. News looks back: the latest such date on or before
    publication, unless the sentence looks ahead or the date is near ahead (within about four months) and
    a look back would be long (over five months): "in January" written in October is upcoming."""
    if pub is None:
        return None
    ref = pub if day else date(pub.year, pub.month, 1)

    def at(y: int) -> date:
        return date(y, month, min(day or 1, calendar.monthrange(y, month)[1]))

    past = pub.year if at(pub.year) <= ref else pub.year - 1
    ahead = pub.year if at(pub.year) >= ref else pub.year + 1
    if future:
        return ahead
    if (at(ahead) - ref).days <= 125 and (ref - at(past)).days > 150:
        return ahead
    return past


def _full_date(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    d = date(int(m.group("y")), MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("d")))
    return _since(m, pub, (d, d, "day"))


def _iso(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    d = date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    return _since(m, pub, (d, d, "day"))


def _month_year(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    y, mo = int(m.group("y")), MONTHS[m.group("mon").lower().rstrip(".")]
    return _since(m, pub, (date(y, mo, 1), _month_end(y, mo), "month"))


def _month_day(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    mo, d = MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("d"))
    if not 1 <= d <= 31:
        return _SKIP
    y = _year_of(pub, mo, d, future)
    if y is None:
        return None
    day = date(y, mo, d)
    return _since(m, pub, (day, day, "day"))


def _month(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    word = m.group("mon")
    if word.lower().startswith("may") and not m.group("pre") and not m.group("rel"):
        return _SKIP  # "may" the verb
    mo = MONTHS[word.lower().rstrip(".")]
    rel = (m.group("rel") or "").lower()
    y = _year_of(pub, mo, None, future or rel == "next")
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
    y = int(m.group("y"))
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
        y = y or y0 - (1 if m.group("ago") else 0)
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


def _reporting(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """"the quarter", "the year-ago period": only inside a sentence about quarterly results."""
    if not _QUARTER_CONTEXT.search(_context(m)):
        return _SKIP
    return _quarter(m, pub, future)


def _context(m: re.Match) -> str:
    """The sentence holding the match and the two before it."""
    sents = sentences(m.string)
    i = max((k for k, s in enumerate(sents) if s[0] <= m.start()), default=0)
    return m.string[sents[max(0, i - 2)][0] : sents[i][1]] if sents else m.string


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
    y = int(m.group("y")) if m.group("y") else None
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


def _spelled_year(m: re.Match, pub: date | None, future: bool) -> Interval | None:
    """"nineteen ninety-six", "the year two thousand" (broadcast transcripts spell years out)."""
    words = m.group("y").lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        y = 2000 + sum(_SPELLED_UNITS.get(w, _SPELLED_TENS.get(w, 0)) for w in words[2:] if w != "and")
    else:
        y = _SPELLED_TENS[words[0]] * 100 + sum(_SPELLED_UNITS.get(w, _SPELLED_TENS.get(w, 0)) for w in words[1:])
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
    ("time.iso_date.day.v1", re.compile(rf"{_PRE}\b(?P<y>\d{{4}})-(?P<mo>\d{{2}})-(?P<d>\d{{2}})\b"), _iso),
    ("time.month_day_year.day.v1", re.compile(rf"{_PRE}{_WDP}\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})\b"), _full_date),
    ("time.day_month_year.day.v1", re.compile(rf"{_PRE}{_WDP}\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON})\s+(?P<y>\d{{4}})\b"), _full_date),
    ("time.edge_of_period.day.v1", re.compile(r"\b(?P<edge>earlier|later)\s+this\s+(?P<unit>week|month|year)\b", re.I), _edge),
    ("time.month_year.month.v1", re.compile(rf"{_PRE}\b(?P<mon>{_MON}),?\s+(?P<y>\d{{4}})\b"), _month_year),
    ("time.month_day.day.v1", re.compile(rf"{_PRE}{_WDP}\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD}\b(?![,.]?\d)"), _month_day),
    ("time.day_month.day.v1", re.compile(rf"{_PRE}{_WDP}\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON})\b"), _month_day),
    ("time.quarter.v1", re.compile(
        r"\b(?:(?P<yr>this|last|next)\s+year['’]s\s+|the\s+)?(?:(?P<y2>\d{4})\s+)?(?:fiscal\s+)?"
        r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?:\s+of\s+(?:fiscal\s+)?(?P<y>\d{4}))?", re.I), _quarter),
    ("time.reporting_quarter.v1", re.compile(
        r"\b[Tt]he\s+(?:(?:latest|most recent|same|comparable|(?P<ago>year-ago|year-earlier))\s+|(?P<y>(?:19|20)\d\d)\s+)?"
        r"(?:quarter|period)\b(?!\s+of\b)(?P<q>)(?P<y2>)(?P<yr>)"), _reporting),
    ("time.year_ago.v1", re.compile(r"\b(?:(?:a|one)\s+year\s+(?:ago|earlier|before)|year-(?:earlier|ago)(?!\s+(?:quarter|period)))\b", re.I), _year_ago),
    ("time.month.month.v1", re.compile(rf"{_PRE}\b(?:(?P<rel>last|this|next|early|late|mid-?)\s*)?(?P<mon>{_MON[:-3]})\b(?!\s+\d)(?:,?\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year\b)?"), _month),
    ("time.relative_period.v1", re.compile(rf"{_PRE}\b(?P<rel>this|last|past|previous|next|coming|current)\s+(?P<unit>week|month|year|quarter)\b", re.I), _relative),
    ("time.weekday.day.v1", re.compile(rf"{_PRE}\b(?:(?P<rel>last|this|next|early|late)\s+)?(?P<wd>{_DAY})\b"), _weekday),
    ("time.weekend.v1", re.compile(r"\b(?:(?P<rel>this|last|next|the|over\s+the|past)\s+)weekend\b", re.I), _weekend),
    ("time.deictic.day.v1", re.compile(r"\b(?P<w>today|yesterday|tomorrow|tonight|last night|this morning|this afternoon|this evening)\b", re.I), _deictic),
    ("time.ago.day.v1", re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b", re.I), _ago),
    ("time.season.v1", re.compile(r"\b(?:(?P<rel>this|last|next|past|this past|early|late)\s+|the\s+(?:early\s+|late\s+)?)?(?P<season>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?", re.I), _season),
    ("time.spelled_year.year.v1", re.compile(r"\b(?:the\s+year\s+)?(?P<y>(?:nineteen|eighteen|twenty)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?)\b", re.I), _spelled_year),
    ("time.this_year.year.v1", re.compile(r"\b[Tt]he\s+(?:full\s+|current\s+|whole\s+|entire\s+)?(?:fiscal\s+|calendar\s+)?year\b(?!\s+(?:before|after|earlier|ago|of|when|in\s+which|that))(?!['’]s)"), _this_year),
    ("time.century.v1", re.compile(r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century\b", re.I), _century),
    ("time.decade.v1", re.compile(r"\b(?:the\s+)?(?P<y>1[89]\d0|20\d0)['’]?s\b"), _decade),
    ("time.year.year.v1", re.compile(rf"{_PRE}(?<![\d,.$€£-])\b(?:fiscal\s+(?:year\s+)?)?(?P<y>1[89]\d\d|20\d\d)\b(?!\d|,\d|-\d|%|\.\d|\s*(?:percent|per cent|%))"), _year),
    ("time.present_ref.v1", re.compile(r"\b(?:right now|now|currently|current|at present|at the moment|these days|nowadays)\b", re.I), _ref),
    ("time.past_ref.v1", re.compile(r"\b(?:recently|(?:in\s+)?recent(?:\s+(?:days|weeks|months|years))?|(?:in\s+)?the\s+past(?!\s+\w+\s+(?:days|weeks|months|years))|previously)\b", re.I), _ref),
    ("time.future_ref.v1", re.compile(r"\b(?:soon|(?:in\s+)?the\s+(?:near\s+)?future|(?:in\s+)?the\s+coming\s+(?:days|weeks|months|years))\b", re.I), _ref),
)
