"""Small shared pieces for the page templates: escaping, date formats, slugs, and the
HTML -> visible-text conversion used for WET records (one block a line, as Common Crawl does)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from random import Random

from newstrace.synth.edits import Doc

esc = html.escape

COOKIE_TEXTS: tuple[str, ...] = (
    "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out "
    "if you wish. Accept Read More",
    "We use cookies to personalise content and ads and to analyse our traffic. Accept all Manage preferences",
    "By continuing to browse this site you agree to our use of cookies. OK",
    "Our site uses cookies. Learn more about our use of cookies: cookie policy. Got it!",
)


@dataclass(frozen=True, slots=True)
class Site:
    """A web site and the furniture every page of it repeats (what makes same-site pages look alike)."""

    domain: str
    name: str
    kind: str  # outlet | blog
    template: str
    nav: tuple[str, ...]
    about: str
    footer: str
    cookie: str | None
    recent: tuple[str, ...]  # sidebar "recent posts" / "most read" titles
    date_style: str  # iso | long | dmy | relative | none
    comments: str  # closed | open | many | none
    tagline: str = ""
    charset: str = "utf-8"  # some old blogs still serve windows-1252
    charset_in_http: bool = True  # False: only the <meta charset> says it


@dataclass(frozen=True, slots=True)
class PageView:
    """Everything a template needs to render one page."""

    url: str
    site: Site
    doc: Doc
    author: str | None
    published: date | None
    modified: date | None
    fetched: datetime
    related: tuple[str, ...]
    seed: int


def slugify(title: str, words: int = 8) -> str:
    toks = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(toks[:words]) or "post"


def human_date(d: date, style: str, fetched: datetime, rng: Random) -> str:
    if style == "long":
        return f"{d.strftime('%B')} {d.day}, {d.year}"
    if style == "dmy":
        return d.strftime("%d/%m/%Y")
    if style == "relative":
        days = max(0, (fetched.date() - d).days)
        return "today" if days == 0 else ("1 day ago" if days == 1 else f"{days} days ago")
    if style == "agency":
        return f"{d.day} {d.strftime('%b').upper()}, {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
    return d.isoformat()


def paragraphs_html(paras: tuple[str, ...] | list[str]) -> str:
    return "".join(f"<p>{esc(p)}</p>\n" for p in paras)


_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<head\b.*?</head\s*>", re.S | re.I)
_BLOCK = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|header|footer|nav|section|article|aside|br|tr|table|blockquote|"
                    r"figure|figcaption|form|time|title|dd|dt|main)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(page: str) -> str:
    """Visible text, one block a line: what a WET conversion record holds."""
    s = _DROP.sub(" ", page)
    s = _BLOCK.sub("\n", s)
    s = html.unescape(_TAG.sub("", s))
    lines = (" ".join(line.split()) for line in s.split("\n"))
    return "\n".join(line for line in lines if line)
