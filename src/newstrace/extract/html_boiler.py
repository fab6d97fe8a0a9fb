"""Boilerplate the main-text extractor leaks, found two ways and removed by kind.

1. DOM blocks: elements whose class/id/role/tag say what they are (cookie banner, comments,
   related stories, newsletter box, share bar...). Their text is recorded as Boilerplate and
   any body paragraph lying wholly inside such a block is dropped.
2. Paragraph patterns: short lines that are boilerplate whatever the markup ("Read more: ...",
   "Thanks for signing up!", "Copyright © 2019 ...", a lone URL).

A block that holds a large share of the body is taken for a wrapper (class names like
``post-with-comments``) and ignored: the guard keeps a class name from deleting an article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import html as lxml_html

from newstrace.model import Boilerplate

_SEP = r"[-_ ]?"


def _tokens_body(*alternatives: str) -> str:
    """Whole class/id tokens (``a-b`` compounds allowed): 'related-posts' matches, 'unrelated' not."""
    return "|".join(a.replace(" ", _SEP) for a in alternatives)


def _bounded(body: str) -> re.Pattern[str]:
    """Token boundaries as lookarounds, not consumed characters: the same matches as
    ``(?:^|[^a-z0-9])...(?:$|[^a-z0-9])``, found ~4x faster (this runs on every classed element)."""
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


# class/id/role tokens per kind, checked in this order
_KIND_BODIES: tuple[tuple[str, str], ...] = (
    ("cookie_banner", _tokens_body(r"cookie\w*", r"cookies", r"consent\w*", r"gdpr\w*", r"onetrust\w*", "cmp", "ccpa")),
    ("comments", _tokens_body(r"comments?", r"comment (?:list|section|area|form|thread|s?wrap\w*)", r"disqus\w*",
                              r"discussion\w*", "respond", "replies")),
    ("newsletter", _tokens_body(r"newsletter\w*", r"subscribe\w*", r"subscription\w*", r"sign up\w*", r"optin\w*",
                                r"mailchimp\w*", r"mailing\w*")),
    ("related", _tokens_body(r"related\w*", r"recommend\w*", r"more (?:stories|news|articles|from\w*)",
                             r"read (?:more|next)", r"trending\w*", r"popular\w*", r"most (?:popular|read|viewed)",
                             r"you may also\w*", r"also like", r"outbrain\w*", r"taboola\w*", "teasers",
                             r"further reading")),
    ("share", _tokens_body(r"share\w*", r"sharing\w*", r"social\w*", r"addthis\w*", r"sharethis\w*")),
    ("advert", _tokens_body("ad", "ads", r"advert\w*", r"ad (?:slot|unit|container|wrap\w*|box)", "adsense", "dfp",
                            r"sponsor\w*", r"promo\w*")),
    ("navigation", _tokens_body("nav", r"navbar\w*", r"navigation\w*", r"menu\w*", r"breadcrumbs?", r"skip link\w*")),
    ("copyright", _tokens_body(r"copyright\w*", r"footer\w*", "colophon")),
)
_KIND_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, _bounded(body)) for kind, body in _KIND_BODIES)
_ANY_KIND = _bounded("|".join(body for _, body in _KIND_BODIES))  # one search rules most elements out
_TAG_KINDS = {"nav": "navigation", "footer": "copyright", "aside": "related"}
_OPAQUE_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
_SKIP_TAGS = {"html", "body", "head", "main", "article", "script", "style", "noscript", "meta", "link", "template"}
_RULE_DOM = "boiler.dom_class.v1"
_RULE_PATTERN = "boiler.line_pattern.v1"
RULE_LINK_BACK = "boiler.link_back.v1"  # a link back to the source that credits.py did not accept

_RELATED_LEAD = (r"read more|see more|also read|read also|related(?: articles?| stories| posts| coverage)?|more on this"
                 r"|don'?t miss|you (?:may|might) also like|recommended(?: for you)?|also on [\w.]+|more from [\w .]{1,30}"
                 r"|most (?:read|popular)|trending(?: now)?|leia também|leia mais|lee también|lea también|lire aussi"
                 r"|à lire aussi|leggi anche(?: su)?|lesen sie auch|mehr zum thema|ver también|veja também")
# (kind, pattern, needle): an unanchored pattern is only searched in lines containing its lower-case
# needle, a substring test far cheaper than the regex search (this runs on every body paragraph)
_LINE_PATTERNS: tuple[tuple[str, re.Pattern[str], str | None], ...] = (
    ("cookie_banner", re.compile(r"\bcookies?\b.{0,120}\b(?:use|accept|consent|polic|browsing|experience|agree|settings)",
                                 re.I), "cookie"),
    ("newsletter", re.compile(r"^(?:thanks? (?:you )?for (?:signing up|subscribing)|keep an eye on your inbox"
                              r"|there was an error processing your subscription)", re.I), None),
    ("newsletter", re.compile(r"\b(?:sign(?:ing)? up|subscribe|subscribing)\b.{0,160}\bnewsletters?\b"
                              r"|\bnewsletters?\b.{0,160}\b(?:sign(?:ing)? up|subscribe|inbox)\b", re.I), "newsletter"),
    ("related", re.compile(rf"^[(\[]?(?:{_RELATED_LEAD})\s*(?:[:|»›>–—-]|\.\.\.|…|$)", re.I), None),
    ("share", re.compile(r"^(?:share (?:this|on|it|via)\b|like this (?:story|article)\?|follow (?:us|him|her|them|me) on\b"
                         r"|share this (?:article|story|post)|follow @?\w+ on (?:twitter|facebook|instagram))", re.I), None),
    ("byline", re.compile(r"^(?:have a tip\?|write to [\w .'-]{2,60} at \S+@\S+|e-?mail [\w .'-]{2,60} at \S+@\S+)",
                          re.I), None),
    ("advert", re.compile(r"^(?:click here\b|get (?:the|our) [\w ]{2,30} app\b|download (?:the|our) [\w ]{0,30}app\b)",
                          re.I), None),
    ("comments", re.compile(r"^(?:\d+\s+comments?|leave a (?:comment|reply)|post a comment|comments are closed|"
                            r"add (?:a|your) comment|show comments|view comments|tell us what you think)\b", re.I), None),
    ("other", re.compile(r"^(?:\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?"
                         r"|https?://\S+\.(?:jpe?g|png|gif|webp|svg)(?:\?\S*)?)$", re.I), None),
)
# Kinds whose DOM blocks remove body paragraphs. Not share (pull quotes sit in click-to-tweet
# boxes) and not copyright (agency lines like "(c) 2019 AP" are credits: credits.py decides).
_SUBTRACT = {"cookie_banner", "comments", "newsletter", "related", "advert", "navigation"}
_MIN_SUBTRACT_CHARS = 25  # short headings also appear in menus; too weak a signal alone
_MAX_PATTERN_LEN = 300  # long paragraphs are prose even if they mention cookies or newsletters
# Lines saying where the text came from are credits, never boilerplate here: credits.py reads them.
_CREDIT_LEAD = re.compile(r"\s*(?:source|via|credits?|courtesy(?: of)?)\s*[:\-–]", re.I)
_CREDIT_WORDS = re.compile(r"\b(?:originally (?:published|appeared)|first (?:published|appeared)|republished|"
                           r"reprinted|syndicated)\b", re.I)
_CREDIT_NEEDLES = ("publish", "appear", "reprint", "syndicat")  # one is in every _CREDIT_WORDS match
# A link back to the source at the end of an excerpt ("Read the full article at AP", "Continue reading on
# reuters.com", "[…] Read the rest at The Guardian", "Full story: DW"): a credit, read by credits.py. The lead
# alone ("Read more", "Read more…") or followed by a headline ("Read more: Biden signs the bill") is not one.
_LINK_BACK = re.compile(
    r"^[\[(]?(?:…|\.\.\.)?[\])]?\s*(?:read\s+(?:more|the\s+(?:full|original|rest|entire|whole)(?:\s+(?:story|article|"
    r"post|piece|report))?)|continue\s+reading(?:\s+(?:the\s+)?(?:full\s+)?(?:story|article))?|(?:full|original)\s+"
    r"(?:story|article))\s*(?:(?P<prep>at|on|via|from)\s+|[:\-–—]\s*)(?P<rest>\S.{0,80}?)\s*[.»›>]?\s*$", re.I)
# Post taxonomy under an article ("Tags: politics, world", "Filed under: Europe"): removed from the body's
# last lines only, after the related-links run (a "Tag:" line often closes one, and counts in it).
_TAXONOMY = re.compile(r"^(?:tags?|tagged(?: with)?|filed under|posted in|categories)\s*:\s*\S.{0,150}$", re.I)
_TAXONOMY_TAIL = 3
# lines that may follow an article's link back without ending it: taxonomy, a copyright line
_CLOSING = re.compile(rf"{_TAXONOMY.pattern}|^\s*(?:©|\(c\)|copyright\b)", re.I)
_LINK_BACK_NEEDLES = ("read", "full", "original")  # one is in every _LINK_BACK match (a cheap test first)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,24}(?:/\S*)?$", re.I)
_NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w'’.&-]*|of|the|and|de|la|le|del|&)$")
# a headline-like line: short, no sentence-final punctuation, not a bare URL or reference
_LINKED_HEADLINE = re.compile(r"^(?!https?://|www\.|\[?\d)(?=.{8,120}$).*[^.?!…:;\"”’)\]]$", re.S)


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    text: str
    norm: str  # normalised text used for containment tests


_WORD = re.compile(r"\w+")


def norm(text: str) -> str:
    """Lower-cased word tokens, space-joined: the form paragraphs and blocks are compared in."""
    return " ".join(_WORD.findall(text.lower()))


def _kind_of(el: lxml_html.HtmlElement) -> str | None:
    cls, ident, role = el.get("class"), el.get("id"), el.get("role")
    if cls or ident or role:
        attrs = f"{cls or ''} {ident or ''} {role or ''}".lower()
        if _ANY_KIND.search(attrs):  # one search rules most elements out
            for kind, pattern in _KIND_RES:
                if pattern.search(attrs):
                    return kind
    return _TAG_KINDS.get(el.tag)


def subtractable(el: lxml_html.HtmlElement) -> bool:
    """Is the element classed as boilerplate whose text never belongs to the body (related, comments...)?"""
    return _kind_of(el) in _SUBTRACT


def _text(el: lxml_html.HtmlElement) -> str:
    """Visible text; the caller has stripped script/style from the tree."""
    return " ".join(" ".join(el.itertext()).split())


def dom_blocks(tree: lxml_html.HtmlElement) -> list[Block]:
    """Outermost elements classed as boilerplate, with their visible text.

    A walk that does not descend into a classified element: a menu's hundred items are
    never looked at once the menu is known.
    """
    blocks: list[Block] = []
    stack = [tree]
    while stack:
        el = stack.pop()
        for child in reversed(el):
            tag = child.tag
            if not isinstance(tag, str) or tag in _OPAQUE_TAGS:
                continue
            kind = None if tag in _SKIP_TAGS else _kind_of(child)
            if kind is None:
                stack.append(child)
                continue
            text = _text(child)
            if len(text) >= 20:  # only subtractable kinds are ever compared with paragraphs
                blocks.append(Block(kind, text, norm(text) if kind in _SUBTRACT else ""))
    return blocks


def _containing(pars_norm: list[str], blocks: list[Block]) -> list[list[int]]:
    """For each paragraph, the subtractable blocks whose text contains it."""
    candidates = [i for i, b in enumerate(blocks) if b.kind in _SUBTRACT]
    combined = "\x00".join(blocks[i].norm for i in candidates)  # one search rules most paragraphs out
    out: list[list[int]] = []
    for pn in pars_norm:
        if len(pn) < _MIN_SUBTRACT_CHARS or pn not in combined:
            out.append([])
        else:
            out.append([i for i in candidates if pn in blocks[i].norm])
    return out


def _wrappers(pars_norm: list[str], hits: list[list[int]]) -> set[int]:
    """Blocks that hold much of the body: containers, not boilerplate."""
    total = sum(len(p) for p in pars_norm) or 1
    held: dict[int, int] = {}
    for pn, blocks_in in zip(pars_norm, hits):
        for i in blocks_in:
            held[i] = held.get(i, 0) + len(pn)
    return {i for i, h in held.items() if h > 0.3 * total or len(pars_norm) <= 2}


def line_kind(paragraph: str) -> str | None:
    """Kind of a short paragraph that is boilerplate by its wording alone."""
    if len(paragraph) > _MAX_PATTERN_LEN:
        return None
    text = paragraph.strip()
    low = text.lower()
    for kind, pattern, needle in _LINE_PATTERNS:
        if (needle is None or needle in low) and pattern.search(text):
            return kind
    return None


def _credit_like(par: str) -> bool:
    """A line saying where the text came from ("Originally published on...", "Source: AP")."""
    if _CREDIT_LEAD.match(par):
        return True
    low = par.lower()
    return any(n in low for n in _CREDIT_NEEDLES) and _CREDIT_WORDS.search(par) is not None


def link_back(par: str) -> bool:
    """A line pointing the reader to the source of an excerpt: the lead, then a site name or domain.

    After "at/on/via/from" any short name counts; after a colon or dash the rest must look like a name
    (domain, or <= 3 capitalised words), since "Read more: <headline>" is a related-story link.
    """
    if len(par) > 120:
        return False
    low = par[:30].lower()
    if not any(n in low for n in _LINK_BACK_NEEDLES):
        return False
    m = _LINK_BACK.match(par.strip())
    if m is None:
        return False
    rest = m.group("rest")
    if _DOMAIN.match(rest):
        return True
    words = rest.split()
    limit = 6 if m.group("prep") else 3
    return len(words) <= limit and rest[0].isupper() and all(_NAME_WORD.match(w) for w in words)


def filter_body(
    paragraphs: list[str], blocks: list[Block], link_shares: list[float] | None = None, tags: list[str] | None = None,
    credit: Callable[[str], bool] | None = None,
) -> tuple[list[str], list[Boilerplate]]:
    """Split paragraphs into kept body and removed boilerplate (with kind and rule).

    ``link_shares`` (share of each paragraph's characters inside links) enables the link rules:
    a short unpunctuated paragraph (not a list item or heading) that is one link is a headline pointing
    elsewhere, and a trailing run of linked
    list lines is a related-stories list. ``credit`` (credits.py's verdict on a line) keeps a link-back
    line that ends the article in the body, for credits.py; without it such lines are boilerplate.
    """
    shares = list(link_shares or [0.0] * len(paragraphs))
    pars_norm = [norm(p) for p in paragraphs]
    hits = _containing(pars_norm, blocks)
    wrappers = _wrappers(pars_norm, hits)
    verdicts = [_verdict(par, share, tag, next((blocks[i] for i in blocks_in if i not in wrappers), None))
                for par, share, tag, blocks_in in zip(paragraphs, shares, tags or [""] * len(paragraphs), hits)]
    for i in _trailing_link_backs(paragraphs, verdicts) if credit is not None else ():
        if credit(paragraphs[i]):
            verdicts[i] = None
            shares[i] = 0.0  # a credit now: never part of a trailing related-links run (_drop_link_tail)
        elif verdicts[i] is not None:
            verdicts[i] = (verdicts[i][0], RULE_LINK_BACK, verdicts[i][2])
    kept: list[tuple[str, float]] = []
    removed: list[Boilerplate] = []
    for par, share, verdict in zip(paragraphs, shares, verdicts):
        if verdict is None:
            kept.append((par, share))
        else:
            removed.append(Boilerplate(verdict[0], par, verdict[1], verdict[2]))
    body, tail = _drop_link_tail(kept)
    body, taxonomy = _drop_taxonomy(body)
    return body, removed + tail + taxonomy


def _drop_taxonomy(body: list[str]) -> tuple[list[str], list[Boilerplate]]:
    start = max(0, len(body) - _TAXONOMY_TAIL)
    drop = {i for i in range(start, len(body)) if len(body[i]) < 160 and _TAXONOMY.match(body[i])}
    if not drop:
        return body, []
    return ([p for i, p in enumerate(body) if i not in drop],
            [Boilerplate("navigation", body[i], "boiler.taxonomy_line.v1", 0.7) for i in sorted(drop)])


def _trailing_link_backs(paragraphs: list[str], verdicts: list[tuple[str, str, float] | None]) -> list[int]:
    """Link-back lines after the article's last body paragraph: an excerpt's credit, kept for credits.py.
    Mid-body ones ("Read more on Brexit" above a list) stay boilerplate."""
    out = []
    for i in range(len(paragraphs) - 1, -1, -1):
        if link_back(paragraphs[i]):
            out.append(i)
        elif verdicts[i] is None and not _credit_like(paragraphs[i]) and not _CLOSING.match(paragraphs[i]):
            break
    return out


def _verdict(par: str, share: float, tag: str, block: Block | None) -> tuple[str, str, float] | None:
    """(kind, rule, confidence) when the paragraph is boilerplate, else None."""
    if _credit_like(par):
        return None
    kind = line_kind(par)
    if kind:
        return kind, _RULE_PATTERN, 0.8
    if share >= 0.95 and _LINKED_HEADLINE.match(par) and tag not in ("item", "head"):
        return "related", "boiler.linked_line.v1", 0.7
    if block is not None:
        return block.kind, _RULE_DOM, 0.7
    return None


def _drop_link_tail(kept: list[tuple[str, float]]) -> tuple[list[str], list[Boilerplate]]:
    """Trailing run (>= 3) of short paragraphs led by links: a related-stories list."""
    cut = len(kept)
    while cut > 0 and kept[cut - 1][1] >= 0.3 and len(kept[cut - 1][0]) < 300 and not _credit_like(kept[cut - 1][0]):
        cut -= 1
    body = [p for p, _ in kept]
    if len(kept) - cut < 3 or cut < 2:
        return body, []
    return body[:cut], [Boilerplate("related", p, "boiler.link_tail.v1", 0.7) for p in body[cut:]]


def block_records(blocks: list[Block], limit: int = 2000) -> list[Boilerplate]:
    """Boilerplate records for the DOM blocks (what the page carried around the article)."""
    return [Boilerplate(b.kind, b.text[:limit], _RULE_DOM, 0.6) for b in blocks]
