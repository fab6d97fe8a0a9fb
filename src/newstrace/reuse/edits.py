"""Typed edits of a copy against its source, read off the alignment, each with spans in both texts.

Numbers and attributions are compared inside aligned blocks only (the gaps), so a changed figure is
reported where the surrounding words prove it is the same sentence. Claim-level drift lives in
newstrace.claims (drift.py), which reads stories as records; this module never imports it.
"""

from __future__ import annotations

import re

import numpy as np

from newstrace.model import Article, Credit, Edit
from newstrace.reuse.align import Block, coverage
from newstrace.reuse.text import Shingled

RULE = "reuse.edits.v1"
_NUM = re.compile(r"^\d[\d.,]*$")
_ATTRIB = re.compile(r"\b(according to|said|says|say|told|reported|reports|claimed|claims|stated|announced|"
                     r"cited|quoted|citing|quoting)\b", re.I)
CREDIT_LINE = re.compile(r"^\s*(?:source|sources|via|credit|courtesy|h/t|hat tip)\b\s*[:\-–—]?|"
                         r"originally (?:appeared|published|posted)|first (?:appeared|published)|"
                         r"republished (?:from|with)|reprinted (?:from|with)|read (?:more|the full (?:article|story)) "
                         r"(?:at|on)|^\s*\(?(?:reuters|ap|afp|rt|tass|xinhua|sputnik|bloomberg|ria novosti)\)?\s*$",
                         re.I)
_FURNITURE = re.compile(r"\b(subscribe|newsletter|sign up|follow us|share this|share on|cookies|"
                        r"comments are|leave a (?:comment|reply)|related (?:articles|stories|posts)|read more|"
                        r"click here|all rights reserved|copyright ©|advertisement|donate|donation|"
                        r"support (?:us|our work))\b", re.I)
MIN_UNCOVERED = 0.8  # a paragraph counts as removed/added when this share of its words is unaligned


def _span(doc: Shingled, w0: int, w1: int) -> tuple[int, int] | None:
    return (int(doc.starts[w0]), int(doc.ends[w1 - 1])) if w1 > w0 else None


def _text(article_text: str, span: tuple[int, int] | None) -> str:
    return article_text[span[0] : span[1]] if span else ""


_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:]\s+[^|\-–—:]{1,40}$")


def _norm_title(t: str | None) -> str:
    """Title words without a trailing " | Site name" / " - Site" segment that sites append."""
    t = t or ""
    m = _TITLE_SUFFIX.search(t)
    if m and len(m.group(0).split()) <= 6:
        t = t[: m.start()]
    return " ".join(re.findall(r"[^\W_]+", t.lower()))


def _credit_key(c: Credit) -> str:
    if c.outlet and c.outlet.domain:
        return c.outlet.domain.lower()
    return (c.outlet.name if c.outlet else c.name).strip().lower()


def credit_edits(source: Article, copy: Article) -> list[Edit]:
    src = {_credit_key(c): c for c in source.credits}
    cpy = {_credit_key(c): c for c in copy.credits}
    out = []
    for key in sorted(cpy.keys() - src.keys()):
        c, t = cpy[key], copy.text
        i = t.find(c.text)
        out.append(Edit("credit_added", f"{c.kind}: {c.name}", None, c.text, None, (i, i + len(c.text)) if i >= 0 else None))
    for key in sorted(src.keys() - cpy.keys()):
        c, t = src[key], source.text
        i = t.find(c.text)
        out.append(Edit("credit_removed", f"{c.kind}: {c.name}", c.text, None, (i, i + len(c.text)) if i >= 0 else None, None))
    return out


def _uncovered_paragraphs(doc: Shingled, covered: np.ndarray) -> list[int]:
    n = len(doc.para_spans)
    total = np.bincount(doc.para_index, minlength=n)
    unc = np.bincount(doc.para_index, weights=~covered, minlength=n)
    return [i for i in range(n) if total[i] and unc[i] / total[i] >= MIN_UNCOVERED]


_PROSE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def _squash(s: str) -> str:
    return re.sub(r"[\W_]", "", s.lower())


def _kind(para: str, names: frozenset[str], heads: set[str], boiler: set[str]) -> str | None:
    """What an unaligned paragraph is: credit, boilerplate, prose; None for fragments (a tagline, a
    related-links headline, a standfirst the other extractor put elsewhere) that are no edit at all."""
    short = len(para) < 300
    sq = _squash(para)
    if short and (CREDIT_LINE.search(para) or (len(para) < 120 and any(n in sq for n in names))):
        return "credit"
    if para.strip().lower() in boiler or (len(para) < 400 and _FURNITURE.search(para)):
        return "boilerplate"
    if sq in heads or len(para.split()) < 8 or not _PROSE_END.search(para):
        return None
    return "prose"


def _kinds(doc: Shingled, names: frozenset[str], heads: set[str], boiler: set[str]) -> list[str | None]:
    return [_kind(doc.text[s:e], names, heads, boiler) for s, e in doc.para_spans]


def _heads(*arts: Article) -> set[str]:
    return {_squash(t) for a in arts for t in (a.title, a.standfirst) if t}


def removal_edits(src: Shingled, cov_src: np.ndarray, kinds: list[str | None]) -> list[Edit]:
    """truncated: the source's tail is missing; paragraphs_removed: inner paragraphs missing;
    credit_removed: a credit line gone. The source's furniture and fragments are not content."""
    out = []
    prose = np.array([k == "prose" for k in kinds] or [False], bool)[src.para_index] if len(src.words) else \
        np.zeros(0, bool)
    covered_idx = np.flatnonzero(cov_src & prose)
    n = int(prose.sum())
    last = int(covered_idx[-1]) + 1 if len(covered_idx) else 0
    tail = int(prose[last:].sum())
    truncated = tail >= max(15, 0.1 * n)
    if truncated:
        span = _span(src, last, len(src.words))
        out.append(Edit("truncated", f"{tail} of {n} words missing at the end", _text(src.text, span)[:300],
                        None, span, None))
    cut_para = int(src.para_index[last]) if last < len(src.words) else len(src.para_spans)
    for p in _uncovered_paragraphs(src, cov_src):
        s = src.para_spans[p]
        if kinds[p] == "credit":
            out.append(Edit("credit_removed", "credit line", src.text[s[0]:s[1]], None, s, None))
        elif kinds[p] == "prose" and not (truncated and p >= cut_para):
            out.append(Edit("paragraphs_removed", f"paragraph {p + 1}", src.text[s[0]:s[1]][:300], None, s, None))
    return out


def _inline_credits(cpy: Shingled, cov_cpy: np.ndarray, skip: set[int], names: frozenset[str]) -> list[Edit]:
    """Credits inside a paragraph that is otherwise aligned: pages whose paragraphs were run
    together ("...espionage rowCourtesy of Associated PressThe foreign...") hide their credit lines."""
    out = []
    d = np.diff(np.concatenate(([0], (~cov_cpy).view(np.int8), [0])))
    for w0, w1 in zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()):
        if w1 - w0 > 25 or int(cpy.para_index[w0]) in skip:
            continue
        span = _span(cpy, w0, w1)
        run = _text(cpy.text, span)
        sq = _squash(run)
        if CREDIT_LINE.search(run) or (names and any(n in sq for n in names)):
            out.append(Edit("credit_added", "credit inside a paragraph", None, run, None, span))
    return out


def addition_edits(cpy: Shingled, cov_cpy: np.ndarray, copy: Article, kinds: list[str | None],
                   names: frozenset[str] = frozenset()) -> list[Edit]:
    """Unaligned paragraphs of the copy: its credit lines, its furniture, or added text."""
    out = _inline_credits(cpy, cov_cpy, set(_uncovered_paragraphs(cpy, cov_cpy)), names)
    credit_texts = [c.text for c in copy.credits]
    label = {"credit": "credit_added", "boilerplate": "boilerplate_added", "prose": "paragraphs_added"}
    for p in _uncovered_paragraphs(cpy, cov_cpy):
        s = cpy.para_spans[p]
        para = cpy.text[s[0] : s[1]]
        if kinds[p] is None or any(ct and ct in para for ct in credit_texts):
            continue  # a fragment, or a credit already reported by credit_edits
        out.append(Edit(label[kinds[p]], f"paragraph {p + 1}", None, para[:300], None, s))
    return out


def gap_edits(blocks: list[Block], src: Shingled, cpy: Shingled, source_text: str, copy_text: str) -> list[Edit]:
    """numbers_changed and attribution_removed, from the small differences inside aligned blocks."""
    out = []
    for bl in blocks:
        for g in bl.gaps:
            wa = [src.word_text(i) for i in range(g.a0, g.a1)]
            wb = [cpy.word_text(i) for i in range(g.b0, g.b1)]
            sa, sb = _span(src, g.a0, g.a1), _span(cpy, g.b0, g.b1)
            ta, tb = _text(source_text, sa), _text(copy_text, sb)
            na = [w for w in wa if _NUM.match(w)]
            nb = [w for w in wb if _NUM.match(w)]
            if na and nb and na != nb:
                out.append(Edit("numbers_changed", f"{' '.join(na)} -> {' '.join(nb)}", ta, tb, sa, sb))
            if _ATTRIB.search(ta) and not _ATTRIB.search(tb):
                out.append(Edit("attribution_removed", _ATTRIB.search(ta).group(0).lower(), ta, tb or None, sa, sb))
    return out


def diff(source: Article, copy: Article, src: Shingled, cpy: Shingled, blocks: list[Block],
         outlet_names: dict[str | None, frozenset[str]] | None = None) -> list[Edit]:
    """All typed edits that turn ``source`` into ``copy``, in a stable order. ``outlet_names``:
    squashed names of the story's outlets by domain, so a bare "[Associated Press]" line reads as a
    credit (a page naming its own outlet is not crediting anyone)."""
    names = outlet_names or {}
    out: list[Edit] = []
    site_titles = {_squash(a.title or "") in names.get(a.domain, ()) or _squash(a.title or "") == _squash(a.site_name or "")
                   for a in (source, copy)}  # a site's name extracted as the title is no headline
    if source.title and copy.title and _norm_title(source.title) != _norm_title(copy.title) and True not in site_titles:
        out.append(Edit("headline_changed", "", source.title, copy.title, _title_span(source), _title_span(copy)))
    out += credit_edits(source, copy)
    cov_src, cov_cpy = coverage(blocks, len(src.words), len(cpy.words))
    heads = _heads(source, copy)
    src_kinds = _kinds(src, _others(names, source.domain), heads, {b.text.strip().lower() for b in source.boilerplate})
    cpy_kinds = _kinds(cpy, _others(names, copy.domain), heads, {b.text.strip().lower() for b in copy.boilerplate})
    out += removal_edits(src, cov_src, src_kinds)
    out += addition_edits(cpy, cov_cpy, copy, cpy_kinds, _others(names, copy.domain))
    out += gap_edits(blocks, src, cpy, source.text, copy.text)
    return out


def _others(names: dict[str | None, frozenset[str]], domain: str | None) -> frozenset[str]:
    return frozenset(n for d, ns in names.items() if d != domain for n in ns)


def _title_span(a: Article) -> tuple[int, int] | None:
    return (0, len(a.title)) if a.title else None
