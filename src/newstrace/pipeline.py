"""The per-page chain both engines call: decode -> extract -> credits -> outlets -> claims.

Every function here is pure given its Context (no I/O, no module state), which is what lets the
local process pool and Spark's mapPartitions run the very same code and give the same answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

import xxhash

from newstrace.claims import annotate
from newstrace.extract.credits import find_credits
from newstrace.extract.html import extract_html
from newstrace.extract.html_dates import url_published
from newstrace.extract.text import extract_text
from newstrace.extract.text_model import TextModel, load_text_model
from newstrace.model import Article, Page, Quarantine
from newstrace.outlets import OutletRegistry, label_article
from newstrace.read.charset import decode


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """Per-page options, in one frozen place (not keyword arguments threaded through every stage)."""

    published: str | None = None  # YYYY-MM-DD: anchor for time expressions when the page states none
    claims: bool = True


@dataclass(frozen=True)
class Context:
    """What a worker loads once and hands to every page: options, the outlet registry, the plain-text
    line model, site furniture."""

    options: PipelineOptions
    registry: OutletRegistry
    text_model: TextModel
    furniture: Mapping[str, frozenset[str]] = field(default_factory=dict)  # domain -> repeated lines

    @classmethod
    def load(cls, options: PipelineOptions = PipelineOptions(),
             furniture: Mapping[str, frozenset[str]] | None = None) -> "Context":
        return cls(options=options, registry=OutletRegistry.load(), text_model=load_text_model(),
                   furniture=furniture or {})


def page_id(page: Page) -> str:
    """Content address of a record: the same URL with the same bytes is the same page."""
    h = xxhash.xxh3_128()
    h.update((page.url or page.source).encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(page.raw)
    return h.hexdigest()[:20]


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def page_text(page: Page) -> str:
    if page.text is not None:
        return page.text
    text, _, _ = decode(page.raw, page.declared_charset, html=page.content_type == "html")
    return text


def extract(page: Page, ctx: Context) -> Article:
    """Page -> Article: the HTML or the plain-text extractor, then credits and outlet labels."""
    text = page_text(page)
    if page.content_type == "html":
        article = extract_html(text, source=page.source, url=page.url, fetched_at=page.fetched_at,
                               is_outlet=ctx.registry.is_outlet)
    else:
        furniture = ctx.furniture.get(domain_of(page.url) or "", frozenset())
        article = extract_text(text, source=page.source, url=page.url, furniture=furniture,
                               is_outlet=ctx.registry.is_outlet, model=ctx.text_model)
        if article.published is None and article.body:  # the text states none: the URL path may
            article = replace(article, published=url_published(page.url, page.fetched_at))
    article = replace(article, page_id=page_id(page), source=page.source, fetched_at=page.fetched_at,
                      url=article.url or page.url)
    if article.domain is None:
        article = replace(article, domain=domain_of(article.url or article.canonical_url))
    article = find_credits(article, is_outlet=ctx.registry.is_outlet)
    return label_article(article, ctx.registry)


def process(page: Page, ctx: Context) -> Article | Quarantine:
    """The whole per-page chain. A failing stage quarantines the page (extract) or is noted in
    ``errors`` (claims), so one bad page never ends a batch and never vanishes."""
    try:
        article = extract(page, ctx)
    except RecursionError:
        return Quarantine(page.source, "extract_error", "document nesting too deep", stage="extract", url=page.url,
                          raw_size=len(page.raw))
    except Exception as exc:  # noqa: BLE001 - kept as a quarantine row with its reason
        return Quarantine(page.source, "extract_error", f"{type(exc).__name__}: {exc}"[:500], stage="extract",
                          url=page.url, raw_size=len(page.raw))
    if ctx.options.claims and article.body:
        try:
            article = annotate(article, published=ctx.options.published)
        except Exception as exc:  # noqa: BLE001
            article = replace(article, errors=[*article.errors, f"claims_error: {type(exc).__name__}: {exc}"[:300]])
    return article
