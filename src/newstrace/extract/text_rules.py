"""Named rules of the plain-text extractor: what kind of boilerplate a line is, bylines, and
explicitly stated publication dates. Each rule has a versioned name its evidence records."""

from __future__ import annotations

import re

from newstrace.model import Evidence, Published

# Strong kinds: wordings specific enough to override the line model (a cookie notice is a
# long, well-punctuated sentence the model alone would keep as prose).
STRONG_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cookie_banner", re.compile(
        r"\b(?:uses? cookies|use of cookies|cookie (?:policy|settings|preferences)|accept (?:all )?cookies|"
        r"we use cookies|this (?:web)?site uses|by (?:continuing|using) (?:to (?:use|browse) )?(?:this|our) (?:site|website))",
        re.I)),
    ("comments", re.compile(
        r"^(?:comments are closed|leave a (?:reply|comment)|post a comment|add a comment|\d+ (?:comments?|responses?|replies)\b|"
        r"(?:show|view|load) (?:all )?(?:\d+ )?comments|join the (?:discussion|conversation)|"
        r"you must be logged in to post a comment|comments? \(\d+\)$|comments?$)",
        re.I)),
    ("copyright", re.compile(r"(?:©|\(c\)\s*(?:19|20)\d\d|^copyright\b|all rights reserved)", re.I)),
    ("newsletter", re.compile(
        r"\b(?:sign up (?:for|to) (?:our|the)\b.*newsletter|subscribe to (?:our|the)\b.*(?:newsletter|mailing list)|"
        r"newsletter sign[- ]?up|get (?:our|the) .*newsletter|delivered (?:straight )?to your inbox)",
        re.I)),
    ("share", re.compile(
        r"^(?:share(?: this(?: article| story| post)?)?:?|share on \w+|click to (?:share|email|print)\b.*|"
        r"(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit|email|print)(?:[ ,|/]+(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit|email|print|share))*)$",
        re.I)),
    ("related", re.compile(
        r"^(?:related(?: stories| articles| posts| content| coverage)?|read more|more from [\w ]{2,40}|you may also like|"
        r"you might also like|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|also read|see also|more stories|"
        r"(?:related )?(?:topics|tags)|more on this (?:story|topic))\s*:?$",
        re.I)),
    ("advert", re.compile(r"^(?:advertisement|advertising|sponsored(?: content)?|ad|promoted|story continues below(?: advertisement)?)$", re.I)),
)

# Weak cues: used only to name the kind of a line the model already dropped.
WEAK_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cookie_banner", re.compile(r"cookie|gdpr|consent", re.I)),
    ("comments", re.compile(r"\bcomments?\b|\breply\b|\bsays:$|\bsaid:$", re.I)),
    ("copyright", re.compile(r"privacy policy|terms of (?:use|service)", re.I)),
    ("newsletter", re.compile(r"newsletter|subscribe|inbox", re.I)),
    ("share", re.compile(r"\b(?:share|tweet|facebook|twitter|whatsapp|linkedin)\b", re.I)),
    ("related", re.compile(r"\b(?:related|read more|more stories|recommended|popular)\b|\(\d+\)$", re.I)),
    ("advert", re.compile(r"\badverti[sz]|\bsponsored\b", re.I)),
)

BYLINE = re.compile(r"^(?:by|written by|posted by|words by|story by|von|par|por)\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,6}", re.I)

_MONTHS = {m: i for i, ms in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"), start=1) for m in ms.split()}
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_FORMS = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
)
_PUBLISHED_CUE = re.compile(r"\b(?:published|posted|first published|publication date|date published|released|"
                            r"publié|veröffentlicht|publicado|pubblicato)\b|^on\s", re.I)
DATELINE_RULE = "text.dateline.published_cue.v1"


def strong_kind(line: str) -> str | None:
    """A boilerplate kind when the wording alone settles it; short lines only, except cookie banners."""
    head = line[:400]
    for kind, rx in STRONG_KINDS:
        if kind != "cookie_banner" and len(head.split()) > 25:
            continue
        if rx.search(head):
            return kind
    return None


def weak_kind(line: str, default: str) -> str:
    head = line[:400]
    for kind, rx in WEAK_KINDS:
        if rx.search(head):
            return kind
    return default


def find_date(line: str) -> tuple[str, str] | None:
    """(ISO date, precision) of the first full date written in ``line``, else None."""
    head = line[:300]
    for rx in _DATE_FORMS:
        m = rx.search(head)
        if not m:
            continue
        gd = m.groupdict()
        month = int(gd["m"]) if gd.get("m") else _MONTHS.get(gd["mon"].lower().rstrip("."), 0)
        day, year = int(gd["d"]), int(gd["y"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}", "day"
    return None


def dateline_published(line: str) -> Published | None:
    """A publication date the text states explicitly ("Published: 24 Oct 2023", "Posted on ...").
    A bare date or an "Updated" date is not a publication date: never guess."""
    cue = _PUBLISHED_CUE.search(line[:300])
    if cue is None or len(line) > 300:
        return None
    found = find_date(line[cue.start():])  # "Updated 3 May | Published 1 May": read after the cue
    if not found:
        return None
    date, precision = found
    return Published(date=date, precision=precision, source="text:dateline",
                     evidence=Evidence(rule=DATELINE_RULE, confidence=0.9, detail=line.strip()[:200]))


def is_dateline(line: str) -> bool:
    """A short line that is mostly a date or time stamp (kept out of the body)."""
    words = line.split()
    return len(words) <= 14 and find_date(line) is not None and not line.rstrip().endswith((".", "!", "?"))
