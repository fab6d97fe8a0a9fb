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

The page is parsed once; trafilatura works on its own copy of the tree.
"""

from __future__ import annotations

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
    from trafilatura.utils import load_html  # tolerant parser: handles encodings declared in text, broken markup

    try:
        return load_html(html) if html and html.strip() else None
    except Exception:  # lxml raises several error types on hostile input; the page is then quarantined
        return None


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
            tree, url=url, include_comments=False, include_links=True, include_tables=True, with_metadata=False
        )
    except Exception:  # trafilatura can fail on pathological trees; treated as no article
        return []
    if doc is None or getattr(doc, "body", None) is None:
        return []
    return _paragraphs(doc.body)


def _paragraphs(body: lxml_html.HtmlElement) -> list[Para]:
    """Flatten trafilatura's XML body: one entry per p/head/quote/list item/table row."""
    out: list[Para] = []
    for lb in body.iter("lb"):  # a line break separates words even where no space was written
        lb.tail = " " + (lb.tail or "")
    for el in body.iter():
        if el.tag not in _PARA_TAGS or _has_para_ancestor(el, body):
            continue
        if el.tag == "row":
            text = " | ".join(clean(c.xpath("string()")) for c in el if clean(c.xpath("string()")))
        else:
            text = clean(el.xpath("string()"))
        if not text:
            continue
        linked = sum(len(clean(r.xpath("string()"))) for r in el.iter("ref"))
        out.append(Para(text, min(1.0, linked / len(text)), el.tag))
    return out


def _has_para_ancestor(el: lxml_html.HtmlElement, stop: lxml_html.HtmlElement) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _PARA_TAGS:
            return True
        parent = parent.getparent()
    return False
