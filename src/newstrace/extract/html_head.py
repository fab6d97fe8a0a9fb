"""The head of an article: headline, dek (standfirst) and byline lines, kept out of the body.

Main-text extractors often start the body with the headline and the dek (and sometimes the
byline), while dropping a dek that sits outside the text container. Here the dek is looked for
as a subtitle element (class or itemprop naming it, or a heading right after the h1), then as
the publisher's description when that is not simply the body's first lines.

A byline block that names more than the byline's people ("By Jane Doe, Associated Press" while the
byline is "Jane Doe"; a second block "By AP") is not thrown away: it may be an outlet credit. When
credits.py accepts the line it goes to the body's top, where ``find_credits`` reads it; otherwise it
is recorded as byline boilerplate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from lxml import etree
from lxml import html as lxml_html

from newstrace.extract import html_meta
from newstrace.extract.credits import match_credit_line
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


# Byline words that name no one: roles, dates, "by", "and". What a byline line holds beyond these and the
# byline's own names may be an outlet ("By Jane Doe, Associated Press", "By AP", "Jane Doe and agencies").
_BYLINE_FILLER = frozenset(
    "by and the of for with from via staff writer writers reporter reporters correspondent correspondents "
    "editor editors contributor contributors columnist senior chief special political foreign reporting written "
    "posted published updated last modified am pm gmt utc est edt bst cet min mins minute minutes read ago photo "
    "photos video follow mon tue wed thu fri sat sun email e mail twitter author authors more articles view all posts profile bio jan feb mar "
    "apr may jun jul aug sep sept oct nov dec january february march april june july august september october "
    "november december monday tuesday wednesday thursday friday saturday sunday today yesterday".split())
_OUTLET_WORDS = frozenset({"agencies", "agency", "wires", "wire"})
# byline-classed elements; an attribute-axis search, several times cheaper than testing every element
_BYLINE_ELEMENTS = etree.XPath(".//@class[contains(., 'yline') or contains(., 'uthor') or contains(., 'ontributor')]/..")
_HEAD_CLIMB = 3  # byline blocks sit near the headline: searched under the h1's third ancestor
_BYLINE_CLASS = re.compile(r"byline|author|contributor", re.I)
_MAX_BYLINE_LINE = 120
RULE_BYLINE_BLOCK = "head.byline_block.v1"  # a byline block naming more than the byline, not a credit to credits.py
_MAX_BYLINE_LINES = 2
_CREDIT_SHAPE = re.compile(r"^\s*by\s|[,|]|\s[-–—]\s|\sfor\s|\band agencies\b", re.I)
# "by Aleksei 2024-04-26", "by kitty_l » Tue Nov 05, 2023": a forum post's header (one handle, then a date)
_POST_HEADER = re.compile(r"^\s*by\s+\S+\s*(?:[»|,\-–—]\s*)?(?:\w{3},?\s+)?(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|"
                          r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})", re.I)
_SOURCE_CLASS = re.compile(r"source|agency|provider|credit|publisher|organi[sz]ation|affiliation", re.I)


def _outlet_remainder(line: str, byline: str) -> bool:
    """Does a byline line name something besides the byline's people? One of its parts (split at commas,
    bars, dashes, "for", "and") is a short name (capitalised words, a domain, or "agencies") holding none of
    the byline's words and not only roles or dates: "By Jane Doe, Associated Press", "By AP"."""
    known = set(norm(byline).split())
    for part in _BYLINE_PARTS.split(_LEADING_BY.sub("", line)):
        words = part.split()
        toks = [norm(w) for w in words]
        if not words or len(words) > 6 or any(t in known for t in toks if t):
            continue
        content = [w for w, t in zip(words, toks) if t and t not in _BYLINE_FILLER and not _NUMBERS.match(t)]
        if not content:
            continue  # "Staff Writer", "Updated Nov 5, 2023 10:03 AM"
        if all(norm(w) in _OUTLET_WORDS for w in content) or (len(words) == 1 and _DOMAIN_WORD.match(words[0])):
            return True
        if all(_NAME_WORD.match(w) for w in content) and any(w[0].isupper() for w in content):
            return True
    return False


_LEADING_BY = re.compile(r"^\s*(?:(?:posted|written|published)\s+)?by\s+", re.I)
_BYLINE_PARTS = re.compile(r"\s*(?:[,|;/·•]|\s[-–—]\s|\s(?:for|and|&)\s)\s*", re.I)
_NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w'’.&-]*|of|the|and|de|la|le|del|&)$")
_NUMBERS = re.compile(r"^[\d ]+$")
_DOMAIN_WORD = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,24}$", re.I)


def byline_credit_lines(tree: lxml_html.HtmlElement, byline: str | None) -> list[str]:
    """Byline blocks that say more than the chosen byline: each may credit an outlet, which credits.py
    decides ("By Jane Doe, Associated Press" beside a JSON-LD author "Jane Doe"; "By AP" beside "by Jane").

    The outermost short byline-classed elements, in document order, whose text has a remainder beyond
    the byline's names (``_outlet_remainder``).
    """
    if not byline:
        return []
    out: dict[str, None] = {}
    taken: list[lxml_html.HtmlElement] = []
    for el in _BYLINE_ELEMENTS(_article_root(tree)):
        if not _BYLINE_CLASS.search(el.get("class", "")):
            continue
        if any(t in el.iterancestors() for t in taken):
            continue  # inside a byline block already read
        text = html_meta.clean(el.text_content())
        if not text or len(text) > _MAX_BYLINE_LINE:
            continue  # an author bio box or a wrapper: its short children are read instead
        taken.append(el)
        if (norm(text) != norm(byline) and _credit_shaped(text, el) and not _POST_HEADER.match(text)
                and _outlet_remainder(text, byline)):
            out[text] = None
    return list(out)[:_MAX_BYLINE_LINES]


def _article_root(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The first h1's third ancestor (below body), where a byline block sits; the page without an h1."""
    h1 = next(tree.iter("h1"), None)
    root = tree
    anc = h1.getparent() if h1 is not None else None
    for _ in range(_HEAD_CLIMB):
        if anc is None or anc.tag in _PAGE_LEVEL:
            break
        root, anc = anc, anc.getparent()
    return root


def _credit_shaped(text: str, el: lxml_html.HtmlElement) -> bool:
    """Written as a credit ("By AP", "Jane Doe, Reuters", "Jane Doe for The Guardian", "Staff and agencies"),
    or in an element named for the source: a bare name in an author box (a commenter, a second author) is not."""
    if _CREDIT_SHAPE.search(text):
        return True
    return bool(_SOURCE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"))


def split_head(
    art: Article, pm: html_meta.PageMeta, tree: lxml_html.HtmlElement, body: list[str], headings: set[str],
    credit: Callable[[str], bool] = lambda line: False,
) -> tuple[list[str], list[Boilerplate]]:
    """Set ``art.standfirst``; drop leading headline/dek/byline repeats from the body.

    A byline line saying more than the byline, in the body or in a byline block, stays at the body's top
    when ``credit`` (credits.py's verdict) accepts it, and is recorded as boilerplate otherwise.
    """
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
        elif _is_byline_line(out[i], art.byline) and not (_credit_candidate(out[i], art.byline) and credit(out[i])):
            removed.append(Boilerplate("byline", out.pop(i), "head.byline_line.v1", 0.8))
        else:
            i += 1
    present = {norm(p) for p in body}
    lines = [line for line in byline_credit_lines(tree, art.byline) if norm(line) not in present]
    out = _with_byline_lines(out, [line for line in lines if credit(line)])
    removed += [Boilerplate("byline", line, RULE_BYLINE_BLOCK, 0.6) for line in lines if not credit(line)]
    if dek is None:
        dek = meta_dek(pm, out, title_n)
    art.standfirst = dek.value if dek else None
    return out, removed


def _with_byline_lines(body: list[str], lines: list[str]) -> list[str]:
    """The body with byline credit candidates at its top, where credits.py reads leading credits: after
    the credit lines already there, so that a candidate credits.py rejects does not hide them."""
    if not lines:
        return body
    at = 0
    while at < min(len(body), _HEAD_WINDOW) and match_credit_line(body[at]) is not None:
        at += 1
    return body[:at] + lines + body[at:]


def _credit_candidate(par: str, byline: str | None) -> bool:
    """A byline line that says more than the byline ("By Jane Doe, Associated Press"): kept for credits.py."""
    return bool(byline) and norm(par) != norm(byline) and _outlet_remainder(par, byline or "")


def _desc_equal(pm: html_meta.PageMeta, pn: str) -> bool:
    desc = html_meta.description(pm)
    return desc is not None and norm(desc.value) == pn
