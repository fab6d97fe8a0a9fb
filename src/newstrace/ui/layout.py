"""The HTML around the pages: escaping, links, tables, the document shell and its style sheet.

Everything that comes from a page (titles, URLs, credits, edits) is text to escape, never markup.
Outside links are only drawn for http(s) URLs, open in a new tab and send no referrer, so a click
on a scraped link is the reader's choice and tells the site nothing about the local UI.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from urllib.parse import quote, urlsplit

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 78rem; padding: 0 1rem 3rem; color: #222; }
nav { padding: .6rem 0; border-bottom: 1px solid #ddd; margin-bottom: 1rem; }
nav a { margin-right: 1rem; }
h1 { font-size: 1.35rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid #eee; }
th { background: #f6f6f6; }
.dim { color: #777; } .num { text-align: right; white-space: nowrap; }
.text { white-space: pre-wrap; border: 1px solid #ddd; padding: .75rem; background: #fcfcfc; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.tag { display: inline-block; padding: 0 .35rem; margin: 0 .2rem .2rem 0; border-radius: 3px; background: #eef;
       font-size: .85em; }
mark { background: #fff3b0; } mark.quote { background: #d8ecff; } mark.claim { background: #ffe0c2; }
mark.time { background: #e3f6d8; } mark.credit { background: #f3d9f7; } mark.edit { background: #ffc9c9; }
mark.passage { background: #eaeaea; } mark.passage.edit { background: #ffc9c9; }
span.anchor:target + mark { outline: 2px solid #c00; }
form { margin: .5rem 0; }
"""

# No script may run and nothing may load from elsewhere, whatever a stored page holds.
SECURITY_HEADERS = (
    ("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'none'; base-uri 'none'; "
                                "form-action 'self'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
)


def esc(value: object) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def href(*parts: str, query: str = "") -> str:
    """A local path from its parts, each quoted (ids come from stored data too)."""
    path = "/" + "/".join(quote(p, safe="") for p in parts)
    return esc(path + (f"?{query}" if query else ""))


def local(label: str, *parts: str, anchor: str = "") -> str:
    return f'<a href="{href(*parts)}{"#" + esc(anchor) if anchor else ""}">{esc(label)}</a>'


def outside(url: str | None, label: str | None = None) -> str:
    """A scraped URL as text, and as a link only when it is plain http(s)."""
    if not url:
        return '<span class="dim">no URL</span>'
    text = esc(label or url)
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return text
    if scheme not in ("http", "https"):
        return text
    return f'<a href="{esc(url)}" rel="noopener noreferrer nofollow" target="_blank">{text}</a>'


def tags(values: Iterable[str]) -> str:
    return "".join(f'<span class="tag">{esc(v)}</span>' for v in values)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, empty: str = "none") -> str:
    """Cells are HTML already (callers escape what they put in)."""
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    if not body:
        return f'<p class="dim">{esc(empty)}</p>'
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def document(title: str, body: str) -> str:
    nav = (f'<nav>{local("stories", "")} {local("claims", "claims")} {local("quarantine", "quarantine")}'
           f'<span class="dim">newstrace</span></nav>')
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)} · newstrace</title>'
            f'<link rel="stylesheet" href="/static/style.css"></head><body>{nav}{body}</body></html>')
