"""Publication date of an HTML page, with where it came from.

Order of trust: what the publisher declared (JSON-LD, article meta, ``<time>``), then
htmldate (original date preferred, no extensive text search, so it cannot grab a sidebar or
copyright date), then a date in the URL path. The crawl time is only an upper bound: a date
after it is impossible and is rejected; it is never itself returned as a publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from email.utils import parsedate_to_datetime

from lxml import etree
from lxml import html as lxml_html

from newstrace.extract.html_meta import PageMeta
from newstrace.model import Evidence, Published

_META_KEYS = (
    "article:published_time", "og:article:published_time", "article.published", "datepublished",
    "publishdate", "publish-date", "publish_date", "pubdate", "publication_date", "date_published",
    "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "dcterms.created", "date", "citation_publication_date", "og:published_time", "article:published",
)
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?=$|[T\s]|[+-]\d\d:?\d\d$|Z)")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?=/|$|[-_.])")
_EARLIEST = date(1995, 1, 1)
# compiled once: XPath compilation costs more than these evaluations
_TIME_XPATH = etree.XPath("//time[@itemprop='datePublished' or @pubdate or contains(@class,'publish')]/@datetime")
_ITEMPROP_XPATH = etree.XPath("//*[@itemprop='datePublished']/@content")


def parse_date(text: str) -> tuple[str, str] | None:
    """(ISO date, precision) from a declared date string; the local date as written, not UTC."""
    text = (text or "").strip()
    m = _ISO.match(text)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        return _checked(int(y), int(mo) if mo else None, int(d) if d else None)
    try:
        dt = parsedate_to_datetime(text)  # RFC 2822, seen in some CMS metas
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is not None:
        return _checked(dt.year, dt.month, dt.day)
    m = re.match(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)", text)
    return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _checked(year: int, month: int | None, day: int | None) -> tuple[str, str] | None:
    try:
        if month and day:
            return date(year, month, day).isoformat(), "day"
        if month:
            return date(year, month, 1).isoformat()[:7], "month"
        return date(year, 1, 1).isoformat()[:4], "year"
    except ValueError:
        return None


def _upper_bound(fetched_at: str | None) -> date:
    """Latest plausible publication date: the crawl day (+1 for time zones), else today."""
    parsed = parse_date(fetched_at or "")
    if parsed and parsed[1] == "day":
        return date.fromisoformat(parsed[0]) + timedelta(days=1)
    return date.today() + timedelta(days=1)


def _plausible(iso: str, bound: date) -> bool:
    first_day = date.fromisoformat(iso + "-01-01"[len(iso) - 4:] if len(iso) < 10 else iso)
    return _EARLIEST <= first_day <= bound


def _make(iso: str, precision: str, source: str, rule: str, conf: float, detail: str) -> Published:
    return Published(iso, precision, source, Evidence(rule=rule, confidence=conf, detail=detail[:200]))


def declared_date(pm: PageMeta, tree: lxml_html.HtmlElement, bound: date) -> Published | None:
    """JSON-LD datePublished, then article meta tags, then a published <time> element."""
    for obj in pm.jsonld:
        value = obj.get("datePublished")
        parsed = parse_date(value) if isinstance(value, str) else None
        if parsed and _plausible(parsed[0], bound):
            return _make(*parsed, "jsonld:datePublished", "date.jsonld.v1", 0.95, value)
    for key in _META_KEYS:
        for value in pm.meta.get(key, ()):
            parsed = parse_date(value)
            if parsed and _plausible(parsed[0], bound):
                return _make(*parsed, f"meta:{key}", "date.meta.v1", 0.9, value)
    for obj in pm.jsonld:  # creation is weaker than a declared publication time
        value = obj.get("dateCreated")
        parsed = parse_date(value) if isinstance(value, str) else None
        if parsed and _plausible(parsed[0], bound):
            return _make(*parsed, "jsonld:dateCreated", "date.jsonld_created.v1", 0.8, value)
    for value in _TIME_XPATH(tree)[:3] + _ITEMPROP_XPATH(tree)[:3]:
        parsed = parse_date(str(value))
        if parsed and _plausible(parsed[0], bound):
            return _make(*parsed, "html:time", "date.time_element.v1", 0.85, str(value))
    return None


def htmldate_date(tree: lxml_html.HtmlElement, url: str | None, bound: date) -> Published | None:
    """htmldate's guess, original date preferred, no text-wide search, capped at the crawl day."""
    from htmldate import find_date  # imported here: heavy import only when the fallback is needed

    try:
        found = find_date(
            tree, url=url, original_date=True, extensive_search=False,
            max_date=bound.isoformat(), outputformat="%Y-%m-%d",
        )
    except Exception:  # htmldate raises assorted errors on odd markup; a missing date is the safe answer
        return None
    parsed = parse_date(found) if found else None
    if parsed and _plausible(parsed[0], bound):
        return _make(*parsed, "htmldate", "date.htmldate.v1", 0.7, found)
    return None


def url_date(url: str | None, bound: date) -> Published | None:
    """A /2019/11/18/ or /2019/11/ path segment; month precision when the day is absent."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    parsed = _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    if parsed and _plausible(parsed[0], bound):
        return _make(*parsed, "url", "date.url_path.v1", 0.6, m.group(0))
    return None


def url_published(url: str | None, fetched_at: str | None) -> Published | None:
    """The date a publisher wrote into the page's URL path, for pages that state none in their text
    (a WET or JSON Lines record has no meta tags to declare one)."""
    return url_date(url, _upper_bound(fetched_at))


def find_published(pm: PageMeta, tree: lxml_html.HtmlElement, url: str | None, fetched_at: str | None) -> Published | None:
    bound = _upper_bound(fetched_at)
    return declared_date(pm, tree, bound) or htmldate_date(tree, url, bound) or url_date(url, bound)


__all__ = ["find_published", "parse_date", "url_published"]
