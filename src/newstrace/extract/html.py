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

import functools
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlparse

from lxml import etree
from lxml import html as lxml_html

from newstrace.extract import html_boiler, html_dates, html_head, html_meta
from newstrace.extract.credits import IsOutlet, match_credit_line
from newstrace.extract.html_meta import clean
from newstrace.model import Article, Boilerplate, Evidence

EXTRACTOR = "html.v1"
_PARA_TAGS = {"p", "head", "quote", "code", "item", "row"}
_MIN_BODY_CHARS = 200
_INVISIBLE = ("script", "style", "noscript", "template")

__all__ = ["extract_html", "EXTRACTOR"]


def extract_html(html: str, *, source: str = "", url: str | None = None, fetched_at: str | None = None,
                 is_outlet: IsOutlet | None = None) -> Article:
    """Extract one decoded HTML page. Never raises on bad markup: problems go to ``errors``.

    ``is_outlet`` (the registry the pipeline hands to credits.py) lets credits.py judge the credit
    lines trafilatura or the head split would drop (link backs, byline blocks naming an outlet): a
    line it accepts is put at the body's edge, where ``find_credits`` reads it; any other is recorded
    as boilerplate. Without it only wire agencies and domains are accepted.
    """
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
    credit = _credit_judge(is_outlet)
    body, removed = html_boiler.filter_body(
        [p.text for p in scored], blocks, [p.link_share for p in scored], [p.tag for p in scored], credit
    )
    body, unconfirmed = _recover_link_back(html, tree, scored, body, credit)
    body, head = html_head.split_head(art, pm, tree, body, {p.text for p in scored if p.tag == "head"}, credit)
    removed += unconfirmed
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
        "title": html_meta.find_title(pm, tree, url),
        "byline": html_meta.find_byline(pm, tree),
        "site_name": html_meta.find_site_name(pm),
        "canonical_url": html_meta.find_canonical(pm, url),
        "language": html_meta.find_language(pm),
    }
    for name, hit in found.items():
        if hit is not None:
            setattr(art, name, hit.value)
            art.evidence[name] = Evidence(rule=hit.rule, confidence=hit.confidence)


# -- link back to the source ------------------------------------------------------------------

# Substrings one of which every link-back line holds (html_boiler.link_back): a test on the raw page, far
# cheaper than a case-insensitive regex search, that rules out most pages before any tree work.
_LINK_BACK_NEEDLES = ("ead more", "ead More", "EAD MORE", "ead the", "ead The", "EAD THE", "ontinue reading",
                      "ontinue Reading", "ONTINUE READING", "ull story", "ull Story", "ULL STORY", "ull article",
                      "ull Article", "ULL ARTICLE", "riginal story", "riginal article", "riginal Article")


@functools.lru_cache(maxsize=64)
def _link_back_text(needles: tuple[str, ...]) -> etree.XPath:
    """Text nodes holding one of the needles the page holds (usually one: a search per needle costs)."""
    return etree.XPath("//body//text()[" + " or ".join(f"contains(., '{n}')" for n in needles) + "][position() <= 20]")


_BLOCK_TAGS = {"p", "div", "li", "td", "dd", "blockquote", "section", "article", "footer", "h2", "h3", "h4", "h5", "h6"}
_LOOK_BACK = 40  # elements walked back from a link-back line to the article's last paragraph


def _credit_judge(is_outlet: IsOutlet | None) -> Callable[[str], bool]:
    """credits.py's verdict on a whole line, with the caller's outlet registry."""
    return lambda line: match_credit_line(line, is_outlet) is not None


def _recover_link_back(html: str, tree: lxml_html.HtmlElement, scored: list[Para], body: list[str],
                       credit: Callable[[str], bool]) -> tuple[list[str], list[Boilerplate]]:
    """A link-back line trafilatura dropped: put back at the end of the body when credits.py accepts it
    (``find_credits`` then moves it to ``credits``), else recorded as boilerplate (kind related, its own rule).

    Only a line that closes the article (the nearest text before it is a body paragraph, within a few
    elements) and sits in no boilerplate block: a "Read more at X" in a sidebar or teaser list is not
    the article's credit. Lines trafilatura kept were judged by ``html_boiler.filter_body``.
    """
    window = _tail_window(html, body)
    needles = tuple(n for n in _LINK_BACK_NEEDLES if n in window)
    if not needles:
        return body, []
    seen = {html_boiler.norm(p.text) for p in scored}
    index = {html_boiler.norm(p): i for i, p in enumerate(body)}
    out = list(body)
    records: list[Boilerplate] = []
    placed: set[str] = set()
    for node in _link_back_text(needles)(tree):
        el = node.getparent()
        while el is not None and el.tag not in _BLOCK_TAGS:
            el = el.getparent()
        if el is None:
            continue
        text = clean(el.text_content())
        key = html_boiler.norm(text)
        if key in seen or key in placed or not html_boiler.link_back(text) or _in_boilerplate(el):
            continue
        after = _preceding_body_paragraph(el, index)
        if after is None:
            continue
        placed.add(key)
        if credit(text):
            out.append(text)  # last, where find_credits reads trailing credits, even if page chrome was kept
        else:
            records.append(Boilerplate("related", text, html_boiler.RULE_LINK_BACK, 0.6))
    return out, records


_SNIPPET = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ]{14,}")  # plain words: written the same in the markup


def _tail_window(html: str, body: list[str]) -> str:
    """The markup from the body's first paragraph on, where a closing link back sits (page chrome kept
    after it can make up most of a short excerpt's body): the needle search skips the page's head and
    navigation. The whole page when the paragraph is not found verbatim."""
    if not body:
        return ""
    runs = _SNIPPET.findall(body[0])
    at = html.rfind(runs[-1]) if runs else -1  # the last: a meta description may repeat an opening line
    return html if at < 0 else html[at:]


def _in_boilerplate(el: lxml_html.HtmlElement) -> bool:
    anc = el
    while anc is not None:
        if isinstance(anc.tag, str) and anc.tag not in ("html", "body") and html_boiler.subtractable(anc):
            return True
        anc = anc.getparent()
    return False


def _preceding_body_paragraph(el: lxml_html.HtmlElement, index: dict[str, int]) -> int | None:
    """Index of the body paragraph whose element comes just before ``el`` (reverse document order), or None
    when other text or nothing comes first within ``_LOOK_BACK`` elements."""
    for n, prev in enumerate(_reverse_preceding(el)):
        if n >= _LOOK_BACK:
            return None
        if not isinstance(prev.tag, str):
            continue
        text = prev.text_content() if len(prev) or prev.text else ""
        key = html_boiler.norm(text)
        if key in index:
            return index[key]
        if prev.tag in ("p", "li", "blockquote", "h2", "h3", "h4") and len(key) > 40:
            return None  # another paragraph of text closes the article: the line is not its tail
    return None


def _reverse_preceding(el: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    """Elements before ``el`` in reverse document order, ancestors excluded."""
    while el is not None:
        for sib in el.itersiblings(preceding=True):
            yield from reversed(list(sib.iter()))
        el = el.getparent()


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
