"""Paragraph edits: each text of a pair cut into segments and what each one is (a Side), then
truncated, paragraphs_removed, paragraphs_added and boilerplate_added.

Side is defined here, below the credit and in-sentence edits that read it, so that no module
imports the one that imports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from newstrace.model import Article, Edit
from newstrace.reuse.edit_outlets import _COPYRIGHT, CREDIT_LINE, MAX_LINE, Outlets, _credit_key, _own, _squash
from newstrace.reuse.text import Shingled

# Site furniture a republisher drops into the article: share and follow prompts, subscribe and
# donate appeals, adverts, comment prompts. Judged on a paragraph's first sentence, so commentary
# that ends with "Share it before it disappears." stays commentary.
_FURNITURE = re.compile(r"\b(subscribe|newsletter|sign up|follow us|share (?:this|it|on|with)|like this (?:article|post)|"
                        r"cookies|comments are|leave a (?:comment|reply)|related (?:articles|stories|posts)|read more|"
                        r"click here|advertisement|sponsored|donate|donation|support (?:us|our work|independent)|"
                        r"become a (?:member|patron|supporter)|join (?:us|our)|tip jar|print this|"
                        r"download (?:our|the) app)\b", re.I)
_COMMENT_LINE = re.compile(r"^\s*(?:\S+(?: \S+)? says:|\d+ (?:comments?|thoughts? on)|posted (?:in|by)\b|tagged\b|"
                           r"leave a (?:comment|reply))", re.I)
# An appeal to the reader, furniture wherever it stands (not a share bar's bare "Share this:").
_APPEAL = re.compile(r"\b(?:subscribe|sign up|follow us|share (?:it|this article|this story) with|like this (?:article|post)|"
                     r"donate|support (?:us|our work|independent)|become a (?:member|patron|supporter)|join (?:us|our)|"
                     r"click here|download (?:our|the) app)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s+|$)")


def _ends_sentence(para: str) -> bool:
    """Ends like prose: a full stop, question or exclamation mark, maybe inside quotes or brackets."""
    return para.rstrip().rstrip("\"'”’)]")[-1:] in (".", "!", "?", "…")

# Paragraphs some page templates run together ("...systems are restoredNotice how quickly..."):
# a sentence end, or a lower-case letter, directly followed by a capital or an opening bracket.
_GLUE = re.compile(r"(?<=[.!?”\"’)\]])(?=[A-Z“\[(])|(?<=[a-z0-9])(?=\[)|(?<=[a-z])(?=[A-Z][a-z]{2,}\b)")
MIN_UNCOVERED = 0.8  # a paragraph counts as removed/added when this share of its words is unmatched
MIN_PROSE_WORDS = 8  # shorter unmatched lines are taglines, captions, fragments: no edit
TRUNCATED_WORDS = 15  # a missing tail shorter than this (and than a tenth of the text) is no truncation


def _span(doc: Shingled, w0: int, w1: int) -> tuple[int, int] | None:
    return (int(doc.starts[w0]), int(doc.ends[w1 - 1])) if w1 > w0 else None


def _text(article_text: str, span: tuple[int, int] | None) -> str:
    return article_text[span[0] : span[1]] if span else ""


def _segments(doc: Shingled) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Body paragraphs, with paragraphs a template ran together split back at their seams; and the
    segment of each word. A seam needs two sentence-end-to-capital joins in one paragraph, so a
    "McDonald" alone never splits one."""
    segs: list[tuple[int, int]] = []
    for s, e in doc.para_spans:
        para = doc.text[s:e]
        cuts = [m.start() for m in _GLUE.finditer(para)] if len(re.findall(r"[.!?”\"]\S", para)) >= 2 else []
        bounds = [0, *cuts, len(para)]
        segs += [(s + b0, s + b1) for b0, b1 in zip(bounds, bounds[1:]) if b1 > b0 and para[b0:b1].strip()]
    seg_of = np.searchsorted(np.array([s for s, _ in segs], np.int64), doc.starts, side="right") - 1
    return segs, np.maximum(seg_of, 0).astype(np.int32)


@dataclass(frozen=True, slots=True)
class Side:
    """One text of the pair: its segments, which segment each word is in, what each segment is
    (and the outlet it credits, when it is a credit line), which words match the other text, and
    the names the page uses for itself."""

    doc: Shingled
    segs: list[tuple[int, int]]
    seg_of: np.ndarray
    kinds: list[str | None]
    credit_keys: list[str | None]
    hit: np.ndarray
    own: set[str]
    own_key: str
    unmatched: tuple[int, ...]  # segments with at least MIN_UNCOVERED of their words unmatched

    def uncovered(self) -> list[int]:
        return list(self.unmatched)


def _kind(para: str, credit: str | None, heads: set[str]) -> str | None:
    """What an unmatched paragraph is: credit, boilerplate (furniture), prose; None for fragments
    (a tagline, a heading, a site footer, a standfirst the other extractor put elsewhere)."""
    if credit or (len(para) <= MAX_LINE and CREDIT_LINE.search(para)):
        return "credit"
    if len(para) <= MAX_LINE and _COPYRIGHT.search(para):
        return None  # the site's own copyright footer, left in the body by its extractor
    first = _SENTENCE_END.split(para.strip(), maxsplit=1)[0]
    if len(para) < 400 and (_FURNITURE.search(first) or _COMMENT_LINE.search(first)):
        return "boilerplate"
    if not _ends_sentence(para) or len(para.split()) < MIN_PROSE_WORDS or _squash(para) in heads:
        return None
    return "prose"


def _side(a: Article, doc: Shingled, hit: np.ndarray, heads: set[str], outlets: Outlets) -> Side:
    """A segment both texts share word for word is content, or a line copied along with it (the
    same on both sides, so no edit): only the others are looked at closely."""
    segs, seg_of = _segments(doc)
    own, own_key, text = _own(a), outlets.key(a.domain), doc.text
    n = len(segs)
    total = np.bincount(seg_of, minlength=n)
    unc = np.bincount(seg_of, weights=~hit, minlength=n)
    credit_keys: list[str | None] = [None] * n
    kinds: list[str | None] = []
    for i, (s, e) in enumerate(segs):
        t = text[s:e]
        if unc[i] or not total[i]:
            credit_keys[i] = _credit_key(t, outlets, own, own_key, True) if len(t) <= MAX_LINE else None
            kinds.append(_kind(t, credit_keys[i], heads))
        else:
            kinds.append("prose" if _ends_sentence(t) and len(t.split()) >= MIN_PROSE_WORDS else None)
    unmatched = tuple(i for i in range(n) if total[i] and unc[i] / total[i] >= MIN_UNCOVERED)
    return Side(doc, segs, seg_of, kinds, credit_keys, hit, own, own_key, unmatched)


def _heads(*arts: Article) -> set[str]:
    return {_squash(t) for a in arts for t in (a.title, a.standfirst) if t}


def _carried(side: Side, other: Side, other_art: Article) -> set[int]:
    """Unmatched paragraphs of ``side`` the other page carries all the same: word for word
    elsewhere (a repeated passage, which alignment anchors once) or among its boilerplate (its
    extractor set the line aside). Neither is an edit. Furniture counts as carried only when the
    other page had it inside its article too (its template's own box is another matter)."""
    if not side.unmatched:
        return set()
    lines = {_squash(other.doc.text[s:e]) for s, e in other.segs}
    boiler = [(q, b.rule.startswith(IN_BODY_RULE)) for b in other_art.boilerplate if len(q := _squash(b.text)) >= 30]
    out = set()
    for p in side.uncovered():
        q = _squash(side.doc.text[side.segs[p][0]:side.segs[p][1]])
        prose = side.kinds[p] != "boilerplate"
        if q in lines or any((prose or in_body) and (q in b or (b in q and 2 * len(b) >= len(q)))
                             for b, in_body in boiler):
            out.add(p)
    return out


def removal_edits(src: Side, skip: set[int] = frozenset()) -> list[Edit]:
    """truncated: the source's tail is missing; paragraphs_removed: inner paragraphs missing.
    The source's furniture, credits and fragments are not content, except list lines (tour dates,
    a table of results) when the shared text already holds some of them; nor is what the copy
    carries elsewhere (``skip``)."""
    doc, out = src.doc, []
    if not len(doc.words):
        return out
    content = {"prose"}
    listed = [p for p, k in enumerate(src.kinds) if k is None and src.segs[p][1] - src.segs[p][0] >= 20]
    if len(listed) >= 3 and src.hit[np.isin(src.seg_of, listed)].mean() >= 0.3:
        content.add(None)
    prose = np.array([k in content and p not in skip for p, k in enumerate(src.kinds)] or [False], bool)[src.seg_of]
    covered_idx = np.flatnonzero(src.hit & prose)
    n = int(prose.sum())
    last = int(covered_idx[-1]) + 1 if len(covered_idx) else 0
    tail = int(prose[last:].sum())
    truncated = tail >= max(TRUNCATED_WORDS, 0.1 * n)
    if truncated:
        span = _span(doc, last, len(doc.words))
        out.append(Edit("truncated", f"{tail} of {n} words missing at the end", _text(doc.text, span)[:300],
                        None, span, None))
    cut = int(src.seg_of[last]) if last < len(doc.words) else len(src.segs)
    for p in src.uncovered():
        if src.kinds[p] == "prose" and p not in skip and not (truncated and p >= cut):
            s = src.segs[p]
            out.append(Edit("paragraphs_removed", f"paragraph {p + 1}", doc.text[s[0]:s[1]][:300], None, s, None))
    return out


def addition_edits(cpy: Side, skip: set[int] = frozenset()) -> list[Edit]:
    """Unmatched paragraphs of the copy: its furniture, or text it added (credits are credit_edits').
    Furniture before the first or after the last shared word is often the page template the
    extractor kept (a share bar, tags, comments): there only a full appeal to the reader counts."""
    label = {"boilerplate": "boilerplate_added", "prose": "paragraphs_added"}
    hits = np.flatnonzero(cpy.hit)
    out = []
    for p in cpy.uncovered():
        if (t := label.get(cpy.kinds[p] or "")) is None or p in skip:
            continue
        s = cpy.segs[p]
        para = cpy.doc.text[s[0]:s[1]]
        words = np.flatnonzero(cpy.seg_of == p)
        inside = len(hits) and hits[0] < words[0] and hits[-1] > words[-1]
        if t == "boilerplate_added" and not inside and not (_APPEAL.search(para) and len(para.split()) >= 5):
            continue
        out.append(Edit(t, f"paragraph {p + 1}", None, para[:300], None, s))
    return out


# The extractor's rule for a paragraph of the article's own text that it set aside as furniture (a DOM
# block around the article has another rule): the evidence that a prompt sat inside the body.
IN_BODY_RULE = "boiler.line_pattern."
_IN_BODY_KINDS = ("share", "newsletter", "advert")
_LINK_PROMPT = re.compile(r"^\s*(?:read more|also read|read also|see also)\s*:?\s*\w+\W+\w+\W+\w+", re.I)


def furniture_edits(source: Article, copy: Article) -> list[Edit]:
    """boilerplate_added for prompts the copy's extractor lifted out of the article's paragraphs
    (share, subscribe, donate, advert lines, "Read more: ..." links) that the source does not carry."""
    seen = {_squash(t) for t in [*source.body, *(b.text for b in source.boilerplate)]}
    out, done = [], set()
    for b in copy.boilerplate:
        in_body = b.rule.startswith(IN_BODY_RULE) and (b.kind in _IN_BODY_KINDS or
                                                        (b.kind == "related" and _LINK_PROMPT.match(b.text)))
        if in_body and (q := _squash(b.text)) not in seen and q not in done:
            done.add(q)
            out.append(Edit("boilerplate_added", f"{b.kind} line in the body ({b.rule})", None, b.text[:300]))
    return out

