"""headline_changed: the two pages' headlines as a reader compares them, once a title an extractor
got wrong (a credit line, a date line, the site's tagline, the standfirst) is set aside.

Its own module because it reads titles and heading lines, not the aligned body text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from newstrace.model import Article, Edit
from newstrace.reuse.edit_outlets import MAX_LINE, _credit_name, _own, _squash
from newstrace.reuse.text import body_words

MIN_TOPIC = 0.25  # share of a headline's topic words the story's text must carry

_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:·]\s+([^|\-–—:·]{1,40})$")
_NOT_HEADLINE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?)\s+ago\b|"
                           r"\bsubscribers\b|^\s*hits\s*:", re.I)


def _title_key(t: str, own: set[str]) -> str:
    """A title as a reader compares it: case, quotes, dashes and spacing aside, without a trailing
    "| Site" naming a site in ``own``; all-capitals and exclamation marks do count."""
    t = unicodedata.normalize("NFKC", t).strip()
    while (m := _TITLE_SUFFIX.search(t)) and (suffix := _squash(m.group(1))) and \
            any(o == suffix or (len(o) >= 3 and (o in suffix or (suffix in o and len(suffix) >= 0.6 * len(o))))
                for o in own):
        t = t[: m.start()]
    letters = [c for c in t if c.isalpha()]
    shout = len(letters) >= 10 and all(c.isupper() for c in letters)
    marks = "".join(c for c in t.rstrip(". ") if c in "!?")
    return ("!caps " if shout else "") + " ".join(body_words(t)) + (" " + marks if marks else "")


_STOP = frozenset("""about after again also been before being between could does doing down during each from further
have having here into just more most much only other over same should some such than that their them then there these
they this those through under until very were what when where which while will with would your says said amid""".split())


def _content(t: str | None) -> set[str]:
    """Words that carry a headline's topic (four letters or more, not function words)."""
    return {w for w in body_words(t or "") if len(w) >= 4 and w not in _STOP}


def _heading_lines(a: Article) -> list[str]:
    """Lines where a page's real headline may sit when the extractor took another line as title."""
    return [b.text for b in a.boilerplate if b.kind not in ("related", "comments") and len(b.text) <= MAX_LINE]


def _keys(lines: Iterable[str | None], own: set[str]) -> set[str]:
    return {_title_key(t, own) for t in lines if t}


def _stems(t: str | None) -> set[str]:
    """Five-letter stems of content words: "terror" ~ "terrorism", "Russia" ~ "Russian"."""
    return {w[:5] for w in _content(t)}


def _title_status(a: Article, other: Article, story: set[str]) -> str:
    """"ok"; "standfirst": the other page has this title under its headline and this page nowhere
    else (an extractor that took the standfirst, or a copy that made the standfirst its headline),
    which gives way to a line matching the other page's headline; "no": a credit line, a date line,
    the site's name or tagline."""
    t = a.title or ""
    if not t or _credit_name(t) or _NOT_HEADLINE.search(t) or _squash(t) in _own(a):
        return "no"
    words, story = _stems(t), story | _stems(other.title)
    share = len(words & story) / max(len(words), 1)
    if share < MIN_TOPIC:
        return "no"  # a tagline or site line: shares too little with the story
    own, oth = _own(a), _own(other)
    key = _title_key(t, own)
    if key in _keys([other.standfirst, *other.body[:2]], oth) and key not in _keys([a.standfirst, *a.body[:2]], own):
        return "standfirst"
    return "ok"


def _best_heading(a: Article, ref: str | None) -> str | None:
    """The line of ``a`` that best matches the other page's headline (at least 60% of its words)."""
    want = _content(ref)
    best, score = None, 0.6
    lead = [p for p in [a.standfirst, *a.body[:2]] if p and len(p.split()) <= 20]  # a headline left in the body
    for line in _heading_lines(a) + lead:
        got = _content(line)
        if not got or len(got) > 2 * len(want) + 4:
            continue
        s = len(got & want) / max(len(want), 1)
        if s >= score:
            best, score = line, s + 1e-9
    return best


def _headline(a: Article, other: Article, story: set[str]) -> str | None:
    """The page's headline: its title, or the line the extractor passed over for a wrong title
    (None when no line of the page can be told to be it)."""
    status = _title_status(a, other, story)
    if status == "ok":
        return a.title
    ref = other.title if _title_status(other, a, story) != "no" else None
    found = _best_heading(a, ref) if ref else None
    return found or (a.title if status == "standfirst" else None)


def headline_edit(source: Article, copy: Article) -> Edit | None:
    """headline_changed, unless the titles differ only because an extractor took another line for
    one of them (the source's headline still stands on the copy's page, or the reverse)."""
    if source.title == copy.title:
        return None
    # the words a real headline shares with the story (titles apart: a tagline shares with itself)
    story = _stems(" ".join([source.standfirst or "", copy.standfirst or "", *source.body, *copy.body]))
    hs, hc = _headline(source, copy, story), _headline(copy, source, story)
    if not hs or not hc:
        return None
    own_s, own_c = _own(source, 2), _own(copy, 2)
    both = own_s | own_c  # a copy may keep the source's " | Site" suffix
    ks, kc = _title_key(hs, both), _title_key(hc, both)
    if ks == kc or ks in _keys(_heading_lines(copy), own_c) or kc in _keys(_heading_lines(source), own_s):
        return None
    span_s = (0, len(hs)) if hs == source.title else None
    span_c = (0, len(hc)) if hc == copy.title else None
    return Edit("headline_changed", "", hs, hc, span_s, span_c)

