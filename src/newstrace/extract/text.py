"""Plain-text article extractor: label each line of a page's visible text (a WET record, a
C4-style dump, a .txt file) as site name, title, standfirst, byline, dateline, body, credit or
boilerplate of some kind, and build the Article from the labels.

Three layers, weakest first: a learned line model (text_model.py: P(body) from the line's
shape and its neighbourhood, then rescored from the first pass's verdicts on the lines around
it, since an article body is one contiguous run of prose), named wording rules that override
it (text_rules.py: cookie banners, "Comments are closed", share bars...), and site furniture
(lines the same site repeats across pages), the strongest evidence a line is not the article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from newstrace.extract import credits as credit_rules
from newstrace.extract.text_features import LineShape, clean_line, shapes_of
from newstrace.extract.text_head import LineLabel, find_head
from newstrace.extract.text_model import MODEL_VERSION, TextModel, body_probabilities, load_text_model
from newstrace.extract.text_rules import dateline_published, is_dateline, strong_kind, weak_kind
from newstrace.model import Article, Boilerplate, Credit

EXTRACTOR = "text.v1"
MIN_ARTICLE_WORDS = 25
MIN_ARTICLE_CHARS = 200
HEAD_LINES = 4  # lines above the first body line searched for an agency byline or stamp
LONG_CREDIT_WORDS = 40  # a contributors' note or sign-off naming many reporters, at most
WIRE_LEAD_WORDS = 15  # a dateline-led line this long is prose, not a dateline stamp
_SECTION_KINDS = frozenset({"related", "comments", "newsletter"})  # headings that end the article's tail
_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def normalise_line(line: str) -> str:
    """The key a site's repeated line is known by: lower case, digits folded to 0, punctuation
    and spacing dropped, so "© 2019 Foo" and "© 2023 Foo." are the same furniture."""
    text = clean_line(line[:1000]).lower()
    text = _DIGITS.sub("0", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


FURNITURE_MIN_PAGES = 3  # a line on this many pages of one site is furniture, not article
MAX_FURNITURE_LINE = 300  # furniture lines are short; long lines are never counted (bounds memory)


def furniture_keys(text: str) -> set[str]:
    """The normalised short lines of one page: what site furniture is counted over."""
    return {k for k in (normalise_line(x) for x in text.splitlines() if len(x) <= MAX_FURNITURE_LINE) if k}


def site_furniture(texts: Iterable[str], min_pages: int = FURNITURE_MIN_PAGES) -> frozenset[str]:
    """Normalised lines that occur on at least ``min_pages`` of one site's pages."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(furniture_keys(text))
    return frozenset(k for k, c in counts.items() if c >= min_pages)


def _first_labels(shapes: list[LineShape], probs: list[float], furniture: frozenset[str],
                  threshold: float) -> list[LineLabel]:
    """Model verdicts, overridden by furniture and by wording rules."""
    out = []
    for s, p in zip(shapes, probs):
        strong = strong_kind(s.text)
        if furniture and normalise_line(s.text) in furniture:
            out.append(LineLabel("boilerplate", strong or weak_kind(s.text, "navigation"), "text.furniture.v1", 0.95))
        elif strong:
            out.append(LineLabel("boilerplate", strong, f"text.kind.{strong}.v1", 0.9))
        elif p >= threshold:
            out.append(LineLabel("body", "", MODEL_VERSION, round(p, 3)))
        elif s.n_words >= WIRE_LEAD_WORDS and s.terminal and credit_rules.opens_with_dateline(s.text):
            # a prose line opening "LONDON (AP) —" is a wire story's lead, wherever the model puts it:
            # losing it loses the article's first paragraph and its credit
            out.append(LineLabel("body", "", "text.wire_lead.v1", 0.85))
        else:
            out.append(LineLabel("boilerplate", weak_kind(s.text, "navigation"), MODEL_VERSION, round(1 - p, 3)))
    return out


def _credit_for(line: str, is_outlet: Callable[[str], bool] | None) -> Credit | None:
    credit = credit_rules.match_credit_line(line, is_outlet=is_outlet)
    if credit is None and is_outlet is not None and len(line.split()) <= 6 and is_outlet(line):
        # a line that is nothing but an outlet's name, right after the article: its source
        credit = Credit(text=line, name=line.strip(), kind="credit_line", rule="text.credit.outlet_line.v1",
                        confidence=0.8, location="boilerplate")
    return credit


def _long_credit(s: LineShape, is_outlet: Callable[[str], bool] | None) -> Credit | None:
    """A long line is a credit only as a one-sentence note that ends the story: "Associated Press writers
    A, B, C and D contributed to this report.", "Reporting by X; additional reporting by Y; Editing by Z"."""
    if s.n_words > LONG_CREDIT_WORDS:
        return None
    credit = credit_rules.match_credit_line(s.text, is_outlet=is_outlet)
    return credit if credit is not None and credit.kind in ("contributed", "wire_signoff") else None


def _find_credits(shapes: list[LineShape], labels: list[LineLabel],
                  is_outlet: Callable[[str], bool] | None) -> list[Credit]:
    """Short lines inside the body or just after it that credit an outlet, and an agency byline or
    stamp ("Associated Press November 19, 2019, 9:02 AM") just above it."""
    body = [i for i, lab in enumerate(labels) if lab.role == "body"]
    if not body:
        return []
    found = []
    for i in range(max(0, body[0] - HEAD_LINES), min(len(shapes), body[-1] + 6)):
        s, lab = shapes[i], labels[i]
        if i > body[-1] and s.n_words <= 6 and (strong_kind(s.text) or weak_kind(s.text, "")) in _SECTION_KINDS:
            break  # "Related Topics", "More from Sportsnet": the names below it tag or credit other pages
        if lab.role == "boilerplate" and lab.rule.startswith("text.kind"):
            continue
        credit = _credit_for(s.text, is_outlet) if s.n_words <= 12 else _long_credit(s, is_outlet)
        if credit is None or (i < body[0] and credit.kind != "agency_byline"):
            continue  # above the article a bare name is the site's or a kicker; "By Reuters" or a stamp is not
        if i < body[0]:
            credit = replace(credit, location="byline")
        if (credit.text, credit.kind) not in {(c.text, c.kind) for c in found}:  # a stamp shown twice is one credit
            found.append(credit)
        labels[i] = LineLabel("credit", "credit", credit.rule, credit.confidence)
    return found


def _datelines(shapes: list[LineShape], labels: list[LineLabel], art: Article) -> None:
    """Publication date only where the text states it; date-stamp lines leave the body."""
    for i, (s, lab) in enumerate(zip(shapes, labels)):
        if lab.role not in ("body", "boilerplate") or s.n_words > 20:
            continue
        pub = dateline_published(s.text)
        if pub is not None and art.published is None:
            art.published = pub
        if pub is not None or (lab.role == "body" and is_dateline(s.text)):
            labels[i] = LineLabel("dateline", "dateline", "text.dateline.v1", 0.8)


def _no_article_reason(shapes: list[LineShape], labels: list[LineLabel]) -> str | None:
    """Too little prose to call it an article. Characters count too: in scripts written without
    spaces (Chinese, Japanese, Thai) a whole sentence is one \\w+ run."""
    body = [s for s, lab in zip(shapes, labels) if lab.role == "body"]
    words = sum(s.n_words for s in body)
    chars = sum(s.n_chars for s in body)
    if not body:
        return "no_article: no line reads as article prose"
    sentence = any((s.n_words >= 10 or s.n_chars >= 60) and s.terminal for s in body)
    if (words < MIN_ARTICLE_WORDS and chars < MIN_ARTICLE_CHARS) or not sentence:
        return f"no_article: too little prose ({words} words in {len(body)} lines)"
    return None


def extract_text(text: str, *, source: str = "", url: str | None = None,
                 furniture: frozenset[str] = frozenset(),
                 is_outlet: Callable[[str], bool] | None = None,
                 model: TextModel | None = None) -> Article:
    """Article from a page's plain text. ``model``: pass a loaded TextModel when extracting many
    pages (default: the shipped one, read per call)."""
    art = Article(source=source, url=url, extractor=EXTRACTOR)
    shapes = shapes_of(text.splitlines()) if text else []
    if not shapes:
        art.errors.append("no_article: empty input")
        return art
    model = model or load_text_model()
    labels = _first_labels(shapes, body_probabilities(model, shapes), furniture, model.threshold)
    art.credits = _find_credits(shapes, labels, is_outlet)
    fields, relabelled = find_head(shapes, labels)
    for name, value in fields.items():
        setattr(art, name, value)
    for i, lab in relabelled.items():
        labels[i] = lab
    _datelines(shapes, labels, art)
    reason = _no_article_reason(shapes, labels)
    if reason:
        art.errors.append(reason)
        labels = [LineLabel("boilerplate", "other", "text.no_article.v1", 0.7) if lab.role == "body" else lab
                  for lab in labels]
    for s, lab in zip(shapes, labels):
        if lab.role == "body":
            art.body.append(s.text)
        elif lab.kind:
            art.boilerplate.append(Boilerplate(lab.kind, s.text, lab.rule, lab.confidence))
    return art
