"""Page metadata for the HTML extractor: title, byline, site name, canonical URL, language.

Reads only what the publisher declared (``<meta>``, JSON-LD, ``<link>``) plus a few DOM hints
(``h1``, ``rel=author``). Every value comes back with the named rule that produced it, so an
Article can say where its title or byline came from. Pure functions over a parsed lxml tree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlparse

from lxml import etree
from lxml import html as lxml_html

_ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
    "techarticle", "liveblogposting", "posting", "socialmediaposting", "report", "webpage",
}
_LD_WRAP_HEAD = re.compile(r"^\s*(?:(?://\s*)?<!\[CDATA\[|<!--)\s*")  # CMS wrappers around the JSON
_LD_WRAP_TAIL = re.compile(r"\s*(?:(?://\s*)?\]\]>|-->)\s*$")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»·•/]\s+")
_BY_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di|door)\s*[:\-]?\s+", re.I)
_POSTED_BY = re.compile(r"^(?:posted|written|published)\s+by\s+", re.I)  # CMS chrome, not part of the name
_BYLINE_CLASS = re.compile(r"byline|author|writtenby|p-author|article-by|contributor", re.I)


def clean(text: str | None) -> str:
    """Collapse whitespace; '' for None. (str.split() splits on exactly what a regex ``\\s`` matches,
    several times faster than substituting ``\\s+``.)"""
    return " ".join(text.split()) if text else ""


@dataclass(frozen=True, slots=True)
class Found:
    """A metadata value and the rule that found it."""

    value: str
    rule: str
    confidence: float = 0.9


@dataclass(slots=True)
class PageMeta:
    """Everything the publisher declared about the page, gathered in one pass."""

    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased name/property -> contents
    jsonld: list[dict[str, Any]] = field(default_factory=list)  # article-like objects first
    title_tag: str = ""
    h1: list[str] = field(default_factory=list)
    html_lang: str = ""
    canonical: str = ""

    def first(self, *keys: str) -> tuple[str, str] | None:
        """(key, value) of the first non-empty meta among ``keys``."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if clean(value):
                    return key, clean(value)
        return None

    def ld(self, key: str) -> Any:
        for obj in self.jsonld:
            if obj.get(key):
                return obj[key]
        return None


def gather(tree: lxml_html.HtmlElement) -> PageMeta:
    """One read-only pass over head-level declarations (one tree walk for all the tags read)."""
    pm = PageMeta()
    head_title: str | None = None
    any_title: str | None = None
    for el in tree.iter("meta", "script", "title", "h1", "link"):
        tag = el.tag
        if tag == "meta":
            key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
            content = el.get("content")
            if key and content:
                for k in key.lower().split():
                    pm.meta.setdefault(k.strip(), []).append(content)
        elif tag == "script":
            if (el.get("type") or "").lower().strip() == "application/ld+json" and el.text:
                pm.jsonld.extend(_ld_objects(el.text))
        elif tag == "title":
            text = _first_text_node(el)
            if text is not None:
                any_title = text if any_title is None else any_title
                parent = el.getparent()
                if head_title is None and parent is not None and parent.tag == "head":
                    head_title = text
        elif tag == "h1":
            if len(pm.h1) < 5:
                text = clean(el.text_content())
                if text:
                    pm.h1.append(text)
        elif not pm.canonical and "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            pm.canonical = clean(el.get("href"))
    pm.jsonld.sort(key=lambda o: 0 if _ld_is_article(o) else 1)
    title = head_title if head_title is not None else any_title  # <head><title> first, as XPath //head/title
    pm.title_tag = clean(title)
    pm.html_lang = clean(tree.get("lang") or tree.get("xml:lang") or "")
    return pm


def _first_text_node(el: lxml_html.HtmlElement) -> str | None:
    """The element's first direct text node (what XPath ``title/text()`` gives first), if any."""
    if el.text is not None:
        return el.text
    return next((child.tail for child in el if child.tail is not None), None)


def _ld_objects(text: str) -> list[dict[str, Any]]:
    """Decode one JSON-LD script; publishers often wrap or break it, so failures give []."""
    text = _LD_WRAP_HEAD.sub("", text)
    text = _LD_WRAP_TAIL.sub("", text)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    out: list[dict[str, Any]] = []
    stack = [data]
    while stack and len(out) < 50:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "@graph" in item:
                stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
            out.append(item)
            main = item.get("mainEntity")
            if isinstance(main, dict):
                stack.append(main)
    return out


def _ld_types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type", "")
    return {str(x).lower() for x in (t if isinstance(t, list) else [t])}


def _ld_is_article(obj: dict[str, Any]) -> bool:
    return bool(_ld_types(obj) & _ARTICLE_TYPES) and ("headline" in obj or "datePublished" in obj)


def _ld_names(value: Any) -> list[str]:
    """Names in a JSON-LD author/publisher value (string, object or list of either)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and clean(name) and not _looks_like_url(name):
            names.append(clean(name))
    return names


def _looks_like_url(text: str) -> bool:
    return bool(re.match(r"^\s*(?:https?:)?//|^\s*www\.", text))


def find_title(pm: PageMeta, tree: lxml_html.HtmlElement | None = None, url: str | None = None) -> Found | None:
    """Declared headline first (it is what the publisher means), then h1, then a trimmed <title>.

    A declared value that shares no words with any other title source (Wikipedia puts a short
    description in JSON-LD ``headline``) is passed over while another source agrees. ``tree`` and
    ``url`` name the site (home-page link text, host) for trimming the <title>.
    """
    declared: list[Found] = []
    headline = pm.ld("headline")
    if isinstance(headline, str) and clean(headline):
        declared.append(Found(clean(headline), "title.jsonld_headline.v1", 0.95))
    for key in ("dc:title", "dcterms.title", "dc.title", "og:title", "twitter:title", "parsely-title", "title"):
        hit = pm.first(key)
        if hit:
            declared.append(Found(hit[1], f"title.meta_{key.replace(':', '_').replace('.', '_')}.v1", 0.9))
    others = [f.value for f in declared] + pm.h1 + [pm.title_tag]
    for found in declared:
        if any(_agrees(found.value, o) for o in others if o and o != found.value):
            return found
    if declared:
        return declared[0]
    if len(pm.h1) == 1 and (not pm.title_tag or pm.h1[0].lower() in pm.title_tag.lower()):
        return Found(pm.h1[0], "title.h1.v1", 0.85)
    if pm.title_tag:
        return Found(trim_title(pm.title_tag, site_names(pm, tree, url)), "title.title_tag.v1", 0.7)
    if pm.h1:
        return Found(pm.h1[0], "title.h1.v1", 0.6)
    return None


def _agrees(a: str, b: str) -> bool:
    """Half the words of the shorter title appear in the other."""
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(wa and wb) and len(wa & wb) >= 0.5 * min(len(wa), len(wb))


def trim_title(title: str, names: SiteNames) -> str:
    """Drop ' | Site' parts at either end of a <title>, only where the part names this site.

    Headlines end in dash phrases of their own ("... – report", "... - poll"), so a suffix is cut
    only when it matches the declared site name, the host, or the home link's text; what is
    left must still be a headline (>= 3 words). A leading part is cut only when no trailing one was.
    """
    parts = _TITLE_SEPARATORS.split(title)
    seps = _TITLE_SEPARATORS.findall(title)
    lo, hi = 0, len(parts)
    while hi > 1 and names.match(parts[hi - 1]):
        hi -= 1
    while hi == len(parts) and lo < hi - 1 and names.match(parts[lo]):  # "Site | Headline" when no suffix
        lo += 1
    if (lo, hi) == (0, len(parts)) or len(" ".join(parts[lo:hi]).split()) < 3:
        return title
    return parts[lo] + "".join(sep + part for sep, part in zip(seps[lo:hi - 1], parts[lo + 1:hi]))


def _compact(text: str) -> str:
    """'The Guardian' / 'theguardian.com' -> 'theguardian...': names compared without spaces or case."""
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


_TLDS = {"com", "net", "org", "info", "co", "uk", "news", "online", "site", "io", "de", "fr", "es", "it", "ru",
         "au", "ca", "in", "us", "eu", "gov", "edu", "ac", "tv", "me", "www", "m", "amp", "mobile", "edition"}


@dataclass(frozen=True, slots=True)
class SiteNames:
    """What a page calls its own site: declared names (compacted) and the host's name labels."""

    names: frozenset[str]
    labels: frozenset[str]  # host labels that name the site ("bbc" of www.bbc.co.uk), >= 3 characters

    def match(self, part: str) -> bool:
        c = _compact(part)
        if not c:
            return False
        if c in self.names:
            return True
        # "BBC News" on bbc.co.uk, "Reuters.com" on reuters.com, "The Guardian" on theguardian.com
        return any(c == lab or c.startswith(lab) or c.removeprefix("the") == lab or c == lab + "com"
                   for lab in self.labels)


_HOME_LINKS = etree.XPath("//a[@href='/' or @href='./' or @href=$root or @href=$root_slash][position() <= 5]")


def site_names(pm: PageMeta, tree: lxml_html.HtmlElement | None, url: str | None) -> SiteNames:
    """Declared site names, the text of links to the home page, and the host's distinctive labels."""
    names = [v for v in (pm.first("og:site_name", "application-name", "al:ios:app_name") or ("", ""))[1:] if v]
    names += _ld_names(pm.ld("publisher"))
    host = (urlparse(url).hostname or "") if url else ""
    if tree is not None:
        root = f"{urlparse(url).scheme}://{host}" if host else "-"
        names += [clean(a.text_content()) for a in _HOME_LINKS(tree, root=root, root_slash=root + "/")]
    labels = {lab for lab in re.split(r"[.]", host.lower()) if len(lab) >= 3 and lab not in _TLDS}
    labels |= {_compact(lab) for lab in labels}
    return SiteNames(frozenset(c for c in map(_compact, names) if c), frozenset(labels))


def find_byline(pm: PageMeta, tree: lxml_html.HtmlElement) -> Found | None:
    names = _ld_names(pm.ld("author"))
    if names:
        return Found(", ".join(dict.fromkeys(names)), "byline.jsonld_author.v1", 0.9)
    for key in ("author", "article:author", "dc.creator", "dc:creator", "parsely-author", "sailthru.author", "byl"):
        hit = pm.first(key)
        if hit and not _looks_like_url(hit[1]) and len(hit[1]) < 120:
            return Found(hit[1], f"byline.meta_{key.replace(':', '_')}.v1", 0.85)
    return _dom_byline(tree)


_BYLINE_XPATHS = (  # compiled once: XPath compilation costs more than these evaluations
    (etree.XPath("//*[@itemprop='author']//*[@itemprop='name']"), "byline.itemprop_name.v1"),
    (etree.XPath("//a[@rel='author']"), "byline.rel_author.v1"),
    (etree.XPath("//*[@itemprop='author']"), "byline.itemprop_author.v1"),
)


def _dom_byline(tree: lxml_html.HtmlElement) -> Found | None:
    """rel=author / itemprop=author / a byline-classed element, short enough to be a name."""
    for xp, rule in _BYLINE_XPATHS:
        for el in xp(tree)[:3]:
            text = _POSTED_BY.sub("", clean(el.get("content") or el.text_content()))
            if 2 < len(text) < 100:
                return Found(text, rule, 0.75)
    for el in tree.iter("*"):
        cls, ident = el.get("class"), el.get("id")
        if not (cls or ident) or el.tag in ("html", "body", "meta", "link", "script", "style", "img"):
            continue
        if _BYLINE_CLASS.search(f"{cls or ''} {ident or ''}"):
            text = _POSTED_BY.sub("", clean(el.text_content()))
            if 2 < len(text) < 100 and not re.search(r"\d{4}", text):
                return Found(text, "byline.dom_class.v1", 0.6)
    return None


def strip_by(byline: str) -> str:
    """'By Jane Doe' -> 'Jane Doe', for comparing a byline with body lines."""
    return _BY_PREFIX.sub("", byline)


def find_site_name(pm: PageMeta) -> Found | None:
    hit = pm.first("og:site_name")
    if hit:
        return Found(hit[1], "site_name.og_site_name.v1", 0.95)
    names = _ld_names(pm.ld("publisher"))
    if names:
        return Found(names[0], "site_name.jsonld_publisher.v1", 0.85)
    hit = pm.first("application-name", "al:ios:app_name", "twitter:app:name:iphone")
    if hit:
        return Found(hit[1], f"site_name.meta_{hit[0].replace(':', '_')}.v1", 0.6)
    return None


def find_canonical(pm: PageMeta, url: str | None) -> Found | None:
    """rel=canonical, else og:url; relative hrefs resolved against the page URL; http(s) only."""
    candidates = [(pm.canonical, "canonical.link_rel.v1")]
    hit = pm.first("og:url")
    if hit:
        candidates.append((hit[1], "canonical.og_url.v1"))
    for href, rule in candidates:
        if not href:
            continue
        absolute = urljoin(url, href) if url else href
        if urlparse(absolute).scheme in ("http", "https") and urlparse(absolute).netloc:
            return Found(absolute, rule, 0.9)
    return None


def find_language(pm: PageMeta) -> Found | None:
    """Primary language subtag ('en', 'pt') from html@lang, then declared meta."""
    lang_ld = pm.ld("inLanguage")
    options = [
        (pm.html_lang, "language.html_lang.v1"),
        ((pm.first("content-language", "og:locale", "dc.language", "language") or ("", ""))[1], "language.meta.v1"),
        (lang_ld if isinstance(lang_ld, str) else "", "language.jsonld.v1"),
    ]
    for value, rule in options:
        m = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", value or "")
        if m:
            return Found(m.group(1).lower(), rule, 0.8)
    return None


def description(pm: PageMeta) -> Found | None:
    """The publisher's summary: og:description, then description, then JSON-LD."""
    hit = pm.first("og:description", "description", "twitter:description", "dc.description")
    if hit:
        return Found(hit[1], f"standfirst.meta_{hit[0].replace(':', '_')}.v1", 0.6)
    desc = pm.ld("description")
    if isinstance(desc, str) and clean(desc):
        return Found(clean(desc), "standfirst.jsonld_description.v1", 0.6)
    return None
