"""Attach outlets to an Article (its credits and its publisher) and describe an outlet list by list."""

from __future__ import annotations

from dataclasses import replace

from newstrace.model import Article, Credit, Label, Outlet
from newstrace.outlets.names import host_of
from newstrace.outlets.registry import OutletRegistry

RULE_PUBLISHER_DOMAIN = "outlet.publisher_domain.v1"


def _label_dict(label: Label) -> dict:
    return {"list": label.list, "label": label.label, "score": label.score, "version": label.version,
            "licence": label.licence, "detail": label.detail}


def describe(outlet: Outlet) -> dict:
    """What each list says about ``outlet``, list by list (the ``newstrace outlet`` command)."""
    by_list: dict[str, list[dict]] = {}
    for label in outlet.labels:
        by_list.setdefault(label.list, []).append(_label_dict(label))
    return {
        "name": outlet.name,
        "domain": outlet.domain,
        "domains": list(outlet.domains),
        "aliases": list(outlet.aliases),
        "country": outlet.country,
        "parent": outlet.parent,
        "lists": [{"list": name, "labels": labels} for name, labels in by_list.items()],
        "labels": [_label_dict(x) for x in outlet.labels],
    }


def _resolve_credit(credit: Credit, registry: OutletRegistry) -> Credit:
    if credit.outlet is not None:
        return credit
    outlet = registry.lookup(credit.name)
    return replace(credit, outlet=outlet) if outlet else credit


def resolve_publisher(article: Article, registry: OutletRegistry) -> Outlet | None:
    """The site that published the page: its URL's domain first (the site name is self-declared
    and, on republishing blogs, sometimes the original's)."""
    for where in (article.canonical_url, article.url, article.domain):
        host = host_of(where or "")
        if host:
            found = registry.by_domain(host)
            if found:
                return found
    if article.site_name:
        found = registry.by_name(article.site_name)
        if found:
            return found
    host = host_of(article.canonical_url or article.url or article.domain or "")
    if host or article.site_name:
        return Outlet(name=article.site_name or host, domain=host or None, domains=(host,) if host else ())
    return None


def label_article(article: Article, registry: OutletRegistry) -> Article:
    """A new Article whose credits carry their resolved Outlet and whose publisher is set."""
    credits = [_resolve_credit(c, registry) for c in article.credits]
    publisher = article.publisher or resolve_publisher(article, registry)
    return replace(article, credits=credits, publisher=publisher)
