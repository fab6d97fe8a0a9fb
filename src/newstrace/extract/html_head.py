"""The head of an article: headline, dek (standfirst) and byline lines, kept out of the body.

Main-text extractors often start the body with the headline and the dek (and sometimes the
byline), while dropping a dek that sits outside the text container. Here the dek is looked for
as a subtitle element (class or itemprop naming it, or a heading right after the h1), then as
the publisher's description when that is not simply the body's first lines.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import html as lxml_html

from newstrace.extract import html_meta
from newstrace.extract.html_boiler import norm
from newstrace.model import Article, Boilerplate

_DEK_TOKENS = {"dek", "deck", "standfirst", "subtitle", "subheadline", "subhead", "strapline", "subheading",
               "articlesummary", "alternativeheadline"}
_DEK_HINT = re.compile("dek|deck|standfirst|sub|strap|summary|alternative")  # cheap substring test first
_WORDS = re.compile(r"[a-z]+")
_DEK_TAGS = {"p", "h2", "h3", "h4", "div", "span"}
_PAGE_LEVEL = {"body", "html", "main"}  # a dek's parent or grandparent is never the page wrapper
_HEAD_WINDOW = 3  # how many leading body paragraphs may be headline / dek / byline repeats
_DEK_LEN = (30, 500)


def _tokens(el: lxml_html.HtmlElement) -> set[str]:
    raw = f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')}".lower()
    toks = _WORDS.findall(raw)
    return set(toks) | {a + b for a, b in zip(toks, toks[1:])}


def _ok_dek(text: str, title_n: str) -> bool:
    return _DEK_LEN[0] <= len(text) <= _DEK_LEN[1] and norm(text) != title_n


def dom_dek(tree: lxml_html.HtmlElement, title_n: str) -> html_meta.Found | None:
    """A subtitle element: named by class/itemprop, or an h2/h3 right after the h1."""
    h1s = list(tree.iter("h1"))
    named = [el for el in _near_h1_candidates(h1s) if _named_dek(el) and _near_h1(el)]
    for el in sorted(named, key=_doc_position):  # the first in the page, as a document-order walk finds it
        text = html_meta.clean(el.text_content())
        if _ok_dek(text, title_n):
            return html_meta.Found(text, "standfirst.dom_class.v1", 0.85)
    for h1 in h1s[:1]:
        sib = h1.getnext()
        hops = 0
        while sib is not None and hops < 2:
            if isinstance(sib.tag, str) and sib.tag in ("h2", "h3"):
                text = html_meta.clean(sib.text_content())
                if _ok_dek(text, title_n):
                    return html_meta.Found(text, "standfirst.heading_after_h1.v1", 0.75)
            sib, hops = sib.getnext(), hops + 1
    return None


def _named_dek(el: lxml_html.HtmlElement) -> bool:
    cls, ident, prop = el.get("class"), el.get("id"), el.get("itemprop")
    if not (cls or ident or prop):
        return False
    return bool(_DEK_HINT.search(f"{cls} {ident} {prop}".lower())) and bool(_tokens(el) & _DEK_TOKENS)


def _near_h1_candidates(h1s: list[lxml_html.HtmlElement]) -> list[lxml_html.HtmlElement]:
    """Every element that can pass ``_near_h1``: the children and grandchildren of the h1s' ancestors.

    Far fewer than all the page's elements, which is what a walk over the page would test.
    """
    seen: set[lxml_html.HtmlElement] = set()
    out: dict[lxml_html.HtmlElement, None] = {}
    for h1 in h1s:
        anc = h1.getparent()
        while anc is not None and anc not in seen:  # a seen ancestor's own ancestors are done too
            seen.add(anc)
            if anc.tag not in _PAGE_LEVEL:
                for child in anc:
                    if child.tag in _DEK_TAGS:
                        out[child] = None
                    if child.tag not in _PAGE_LEVEL:
                        out.update((g, None) for g in child if g.tag in _DEK_TAGS)
            anc = anc.getparent()
    return list(out)


def _doc_position(el: lxml_html.HtmlElement) -> list[int]:
    """Child indexes from the root: sorts elements in document order."""
    path = []
    parent = el.getparent()
    while parent is not None:
        path.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return path[::-1]


def _near_h1(el: lxml_html.HtmlElement) -> bool:
    """A dek sits next to the headline: its parent or grandparent (not the page wrapper) holds the h1.

    Teaser lists reuse "summary"/"standfirst" classes far from the headline; this keeps them out.
    """
    anc = el.getparent()
    for _ in range(2):
        if anc is None or anc.tag in _PAGE_LEVEL:
            return False
        if anc.find(".//h1") is not None:
            return True
        anc = anc.getparent()
    return False


def _overlap(a: str, b: str) -> float:
    """Share of a's word trigrams found in b."""
    ta, tb = norm(a).split(), norm(b).split()
    ga = Counter(zip(ta, ta[1:], ta[2:]))
    gb = Counter(zip(tb, tb[1:], tb[2:]))
    return sum((ga & gb).values()) / max(1, sum(ga.values()))


def meta_dek(pm: html_meta.PageMeta, body: list[str], title_n: str) -> html_meta.Found | None:
    """The description, when it is a real dek: not the title and not the body's opening lines."""
    desc = html_meta.description(pm)
    if desc is None or not _ok_dek(desc.value, title_n):
        return None
    opening = " ".join(body[:3])
    if _overlap(desc.value.rstrip(".…"), opening) >= 0.5:
        return None
    return desc


def _is_byline_line(par: str, byline: str | None) -> bool:
    if not byline or len(par) > len(byline) + 60:
        return False
    name = norm(html_meta.strip_by(byline))
    return bool(name) and name in norm(par) and len(par) < 160


def split_head(
    art: Article, pm: html_meta.PageMeta, tree: lxml_html.HtmlElement, body: list[str], headings: set[str]
) -> tuple[list[str], list[Boilerplate]]:
    """Set ``art.standfirst``; drop leading headline/dek/byline repeats from the body."""
    title_n = norm(art.title or "")
    titles = {title_n} | {norm(h) for h in pm.h1}
    dek = dom_dek(tree, title_n)
    out, removed = list(body), []
    i = 0
    while i < min(_HEAD_WINDOW, len(out)):
        pn = norm(out[i])
        if pn in titles and pn:
            removed.append(Boilerplate("other", out.pop(i), "head.title_repeat.v1", 0.9))
        elif dek is not None and pn == norm(dek.value):
            out.pop(i)
        elif dek is None and out[i] in headings and _desc_equal(pm, pn):
            dek = html_meta.Found(out.pop(i), "standfirst.heading_is_description.v1", 0.8)
        elif _is_byline_line(out[i], art.byline):
            removed.append(Boilerplate("byline", out.pop(i), "head.byline_line.v1", 0.8))
        else:
            i += 1
    if dek is None:
        dek = meta_dek(pm, out, title_n)
    art.standfirst = dek.value if dek else None
    return out, removed


def _desc_equal(pm: html_meta.PageMeta, pn: str) -> bool:
    desc = html_meta.description(pm)
    return desc is not None and norm(desc.value) == pn
