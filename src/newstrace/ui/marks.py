"""Scraped text as HTML with marked spans, so a reader can click from a quote, a claim or an edit back
to the words it came from.

The text is hostile: every character goes through ``html.escape``; marks are the only markup added.
Spans come from stored records and may overlap, nest, run past the end or be empty: overlapping marks
are cut at every boundary (each piece carries the classes of all spans over it), out-of-range spans
are clipped and empty ones dropped. One sweep over the sorted boundaries: linear in text plus marks.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the text to mark: ``kind`` becomes a CSS class, ``anchor`` an id links can jump to."""

    start: int
    end: int
    kind: str
    anchor: str = ""
    title: str = ""


def _clipped(marks: Iterable[Mark], n: int) -> list[Mark]:
    out = []
    for m in marks:
        s, e = max(0, min(m.start, n)), max(0, min(m.end, n))
        if e > s:
            out.append(Mark(s, e, m.kind, m.anchor, m.title) if (s, e) != (m.start, m.end) else m)
    return out


def _open(active: list[Mark]) -> str:
    kinds = " ".join(dict.fromkeys(m.kind for m in active))
    titles = " | ".join(t for t in dict.fromkeys(m.title for m in active) if t)
    title = f' title="{html.escape(titles, quote=True)}"' if titles else ""
    return f'<mark class="{html.escape(kinds, quote=True)}"{title}>'


def marked_html(text: str, marks: Iterable[Mark]) -> str:
    """``text`` escaped, each mark's piece wrapped in ``<mark>`` and preceded by an empty anchor."""
    spans = sorted(_clipped(marks, len(text)), key=lambda m: (m.start, -m.end))
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    starts: dict[int, list[Mark]] = {}
    for m in spans:
        starts.setdefault(m.start, []).append(m)
    out: list[str] = []
    active: list[Mark] = []
    for lo, hi in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > lo] + starts.get(lo, [])
        out += [f'<span class="anchor" id="{html.escape(m.anchor, quote=True)}"></span>'
                for m in starts.get(lo, []) if m.anchor]
        piece = html.escape(text[lo:hi], quote=False)
        out.append(f"{_open(active)}{piece}</mark>" if active else piece)
    return "".join(out)
