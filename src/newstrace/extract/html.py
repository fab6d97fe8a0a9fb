"""HTML page -> Article, on trafilatura (main text) and htmldate (dates), with its gaps filled.

What this adds over trafilatura alone:
- comments are never body (trafilatura includes them by default);
- leaked boilerplate is removed and kept by kind: DOM blocks classed as cookie banner,
  related stories, newsletter, comments... (``html_boiler``), boilerplate wording, and
  trailing runs of linked lines (related-story lists); copyright and "originally published"
  lines stay in the body because they are credits, which credits.py reads after this stage;
- the headline and the dek are not body: a leading paragraph equal to the title is dropped, one
  equal to the dek moves to ``standfirst``; the dek trafilatura drops is recovered from a
  subtitle element near the h1 or from a meta description that is not the body's first lines;
- metadata with evidence (``html_meta``), publication date never taken from the crawl time
  (``html_dates``).

The page is parsed once (trafilatura's parser settings, a cheaper element lookup: ``_parser``);
trafilatura works on its own copy of the tree.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import urlparse

from lxml import etree
from lxml import html as lxml_html

from newstrace.extract import html_boiler, html_dates, html_head, html_meta
from newstrace.extract.html_meta import clean
from newstrace.model import Article, Boilerplate, Evidence

EXTRACTOR = "html.v1"
_PARA_TAGS = {"p", "head", "quote", "code", "item", "row"}
_MIN_BODY_CHARS = 200
_INVISIBLE = ("script", "style", "noscript", "template")

__all__ = ["extract_html", "EXTRACTOR"]


def extract_html(html: str, *, source: str = "", url: str | None = None, fetched_at: str | None = None) -> Article:
    """Extract one decoded HTML page. Never raises on bad markup: problems go to ``errors``."""
    art = Article(source=source, url=url, fetched_at=fetched_at, extractor=EXTRACTOR)
    art.domain = urlparse(url).hostname if url else None
    tree = _parse(html)
    if tree is None:
        art.errors.append("no_article: empty or unparsable HTML")
        return art
    pm = html_meta.gather(tree)  # reads JSON-LD scripts: before they are stripped below
    _fill_meta(art, pm, tree, url)
    scored = _main_text(tree, url)  # trafilatura works on its own copy of the tree
    etree.strip_elements(tree, *_INVISIBLE, with_tail=False)  # so later text reads skip code
    blocks = html_boiler.dom_blocks(tree)
    body, removed = html_boiler.filter_body(
        [p.text for p in scored], blocks, [p.link_share for p in scored], [p.tag for p in scored]
    )
    body, head = html_head.split_head(art, pm, tree, body, {p.text for p in scored if p.tag == "head"})
    art.body = body
    art.boilerplate = removed + head + html_boiler.block_records(blocks)
    art.published = html_dates.find_published(pm, tree, url, fetched_at)
    if art.published is not None and art.published.evidence is not None:
        art.evidence["published"] = art.published.evidence
    if sum(len(p) for p in body) < _MIN_BODY_CHARS:
        art.errors.append(f"no_article: {sum(len(p) for p in body)} characters of body text")
        art.body = []
    return art


def _parse(html: str) -> lxml_html.HtmlElement | None:
    """trafilatura's tolerant loading (repairs, bytes fallback, not-HTML check) on a faster parser."""
    from trafilatura.utils import repair_faulty_html

    if not html or not html.strip():
        return None
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    tree = _fromstring(html)
    if tree is None or len(tree) < 1:  # e.g. an encoding declaration lxml refuses in a str
        tree = _fromstring(html.encode("utf8", "surrogatepass"))
    if tree is not None and "html" not in beginning and len(tree) < 2:  # not HTML at all
        return None
    return tree


def _fromstring(markup: str | bytes) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.fromstring(markup, parser=_parser())
    except Exception:  # lxml raises several error types on hostile input; the page is then quarantined
        return None


_PARSERS = threading.local()


def _parser() -> etree.HTMLParser:
    """trafilatura's parser settings with a C-level element class lookup.

    lxml.html's default lookup is a Python method called for every element proxy created,
    ~10% of trafilatura's run time here. Every element becomes a plain HtmlElement (no form or
    input subclasses, which neither trafilatura nor this module uses). One parser per thread:
    an lxml parser must not be used by two threads at once.
    """
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(
            collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
        )
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
            element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
            pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity,
        ))
        _PARSERS.parser = parser
    return parser


def _fill_meta(art: Article, pm: html_meta.PageMeta, tree: lxml_html.HtmlElement, url: str | None) -> None:
    found = {
        "title": html_meta.find_title(pm),
        "byline": html_meta.find_byline(pm, tree),
        "site_name": html_meta.find_site_name(pm),
        "canonical_url": html_meta.find_canonical(pm, url),
        "language": html_meta.find_language(pm),
    }
    for name, hit in found.items():
        if hit is not None:
            setattr(art, name, hit.value)
            art.evidence[name] = Evidence(rule=hit.rule, confidence=hit.confidence)


# -- main text -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    link_share: float  # share of the characters inside links
    tag: str  # trafilatura's XML tag: p, head, item, quote, row, code


def _main_text(tree: lxml_html.HtmlElement, url: str | None) -> list[Para]:
    """trafilatura's main text as (paragraph, link share) pairs; comments excluded."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            # url=None: only link text is used (for link shares), so targets need no resolving;
            # "txt": with the default "python" format the body is also serialised to text, unused here
            tree, url=None, output_format="txt", include_comments=False, include_links=True, include_tables=True,
            with_metadata=False,
        )
    except Exception:  # trafilatura can fail on pathological trees; treated as no article
        return []
    if doc is None or getattr(doc, "body", None) is None:
        return []
    return _paragraphs(doc.body)


def _paragraphs(body: lxml_html.HtmlElement) -> list[Para]:
    """Flatten trafilatura's XML body: one entry per outermost p/head/quote/list item/table row."""
    out: list[Para] = []
    for lb in body.iter("lb"):  # a line break separates words even where no space was written
        lb.tail = " " + (lb.tail or "")
    stack = list(reversed(body))
    while stack:  # pre-order walk that stops at paragraphs: nested ones belong to their outer one
        el = stack.pop()
        if el.tag not in _PARA_TAGS:
            stack.extend(reversed(el))
            continue
        if el.tag == "row":
            text = " | ".join(t for t in (_string(c) for c in el) if t)
        else:
            text = _string(el)
        if text:
            linked = sum(len(_string(r)) for r in el.iter("ref"))
            out.append(Para(text, min(1.0, linked / len(text)), el.tag))
    return out


def _string(el: lxml_html.HtmlElement) -> str:
    """The element's text (descendants included, own tail excluded), whitespace collapsed."""
    return clean("".join(el.itertext()))
