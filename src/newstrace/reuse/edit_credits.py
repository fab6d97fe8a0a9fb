"""credit_added and credit_removed: the outlets each page credits, wherever its extractor left the
line (credits, body, boilerplate, byline, a title it took by mistake), compared by outlet.

What a line credits is edit_outlets' job; this module only gathers each page's credits and compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.model import Article, Edit
from newstrace.reuse.edit_outlets import Outlets, _credit_key, _credit_name, _squash
from newstrace.reuse.edit_paragraphs import Side

@dataclass(frozen=True, slots=True)
class CreditSeen:
    """A credit line found in one article: the site it names (or the name, when unknown)."""

    key: str
    text: str
    span: tuple[int, int] | None


def _credits(a: Article, side: Side, outlets: Outlets) -> dict[str, CreditSeen]:
    """Every outlet ``a`` credits, wherever its extractor left the line."""
    own, own_key, text = side.own, side.own_key, side.doc.text
    out: dict[str, CreditSeen] = {}

    def see(line: str, span: tuple[int, int] | None, bare: bool = True) -> None:
        if (key := _credit_key(line, outlets, own, own_key, bare)) and key not in out:
            out[key] = CreditSeen(key, line.strip(), span)

    for c in a.credits:
        key = outlets.key(c.outlet.domain) if c.outlet and c.outlet.domain else None
        key = key or outlets.resolve(c.name) or outlets.resolve(c.text) or _squash(c.name)
        if key != own_key and not (c.outlet is None and _squash(c.name) in own) and key not in out:
            i = text.find(c.text)
            out[key] = CreditSeen(key, c.text, c.span or ((i, i + len(c.text)) if i >= 0 else None))
    for (s, e), key in zip(side.segs, side.credit_keys):
        if key and key not in out:
            out[key] = CreditSeen(key, text[s:e].strip(), (s, e))
        for m in _INLINE.finditer(text, s, e):  # a credit run into a paragraph by the page template
            if key := outlets.resolve(m.group("name") or m.group("name2")):
                if key != own_key and key not in out:
                    out[key] = CreditSeen(key, m.group(0), (m.start(), m.end()))
    for b in a.boilerplate:
        see(b.text, None, bare=False)  # a bare site name in a menu or header is no credit
    if a.title and _credit_name(a.title):
        see(a.title, (0, len(a.title)), bare=False)  # an extractor that took the credit line for the title
    if a.byline:
        i = text.find(a.byline)
        see(a.byline, (i, i + len(a.byline)) if i >= 0 else None)
    return out


# Inline credits need a strong cue and a known outlet: prose says "told Reuters", not "Source: Reuters".
# A capitalised cue may follow the previous paragraph's last letter directly ("...GreeceCredit: AP").
_INLINE = re.compile(r"(?:(?:\b(?i:source|credit|via|courtesy of|h/t|republished from|originally (?:published|appeared) "
                     r"(?:at|on|in|by))|(?<=[a-z])(?:Source|Credit|Via|Courtesy of|Republished from))"
                     r"\s*[:\-–—]?\s*(?P<name>[A-Z][\w.&' -]{1,40}?)(?=[^a-z\w' .&-]|[A-Z][a-z]|$)|"
                     r"\[(?P<name2>[^\[\]]{2,40})\])")


def credit_edits(source: Article, copy: Article, s_side: Side, c_side: Side, outlets: Outlets) -> list[Edit]:
    """credit_added: a credit naming an outlet the source does not credit; credit_removed: the reverse."""
    src, cpy = _credits(source, s_side, outlets), _credits(copy, c_side, outlets)
    # a line both pages carry word for word was copied along (the source's own copyright line
    # crediting the source once it sits on the copy): no edit either way
    # (a dateline "ST. JOSEPH, Mich. (AP) —" still in the copy's text, whatever its extractor made of it)
    in_src, in_cpy = _carries(source, s_side), _carries(copy, c_side)
    out = [Edit("credit_added", f"credits {k}", None, c.text, None, c.span) for k, c in sorted(cpy.items())
           if k not in src and not in_src(c.text)]
    out += [Edit("credit_removed", f"credited {k}", c.text, None, c.span, None) for k, c in sorted(src.items())
            if k not in cpy and not in_cpy(c.text)]
    return out


def _carries(a: Article, side: Side):
    """A test: does the page's article text hold this line (as a whole line, or verbatim inside
    a paragraph when it is long enough to be specific)?"""
    lines = {_squash(t) for t in a.parts() if t}
    flat = " ".join(side.doc.text.split())

    def test(line: str) -> bool:
        line = " ".join(line.split())
        return _squash(line) in lines or (len(line) >= 20 and line in flat)

    return test

