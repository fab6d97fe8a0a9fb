"""Records as the JSON shapes of the command-line contract (../DESIGN.md): what `inspect --json`,
`stories --json` and `trace --json` print, and what the exports write."""

from __future__ import annotations

from typing import Any

from newstrace.model import Article, Claim, Credit, Outlet, Quarantine, Quote, Story, StoryMember, TimeExpr
from newstrace.store.codec import to_jsonable


def outlet_view(outlet: Outlet | None) -> dict | None:
    if outlet is None:
        return None
    return {"name": outlet.name, "domain": outlet.domain, "country": outlet.country,
            "aliases": list(outlet.aliases), "parent": outlet.parent,
            "labels": [to_jsonable(label) for label in outlet.labels]}


def credit_view(c: Credit) -> dict:
    return {"text": c.text, "name": c.name, "kind": c.kind, "rule": c.rule, "confidence": c.confidence,
            "location": c.location, "outlet": outlet_view(c.outlet)}


def time_view(t: TimeExpr | None) -> dict | None:
    if t is None:
        return None
    return {"text": t.text, "start": t.start, "end": t.end, "granularity": t.granularity,
            "anchored": t.anchored, "span": list(t.span), "rule": t.rule}


def quote_view(q: Quote) -> dict:
    d = to_jsonable(q)
    d["span"] = list(q.span)
    return d


def claim_view(c: Claim) -> dict:
    d = to_jsonable(c)
    d["when"] = time_view(c.when)
    return d


def article_view(a: Article) -> dict[str, Any]:
    pub = a.published
    return {
        "source": a.source, "page_id": a.page_id, "url": a.url, "canonical_url": a.canonical_url,
        "domain": a.domain, "site_name": a.site_name, "title": a.title, "standfirst": a.standfirst,
        "byline": a.byline,
        "published": {"date": pub.date, "precision": pub.precision, "from": pub.source} if pub else None,
        "fetched_at": a.fetched_at, "language": a.language, "body": list(a.body),
        "publisher": outlet_view(a.publisher),
        "credits": [credit_view(c) for c in a.credits],
        "boilerplate": [{"kind": b.kind, "text": b.text, "rule": b.rule} for b in a.boilerplate],
        "quotes": [quote_view(q) for q in a.quotes],
        "claims": [claim_view(c) for c in a.claims],
        "times": [time_view(t) for t in a.times],
        "entities": [to_jsonable(e) for e in a.entities],
        "errors": list(a.errors),
        "extractor": a.extractor,
        "evidence": {k: to_jsonable(v) for k, v in a.evidence.items()},
        "text": a.text,
    }


def quarantine_view(q: Quarantine) -> dict[str, Any]:
    """A quarantined record printed where an article would be, so a JSON Lines consumer sees every input."""
    return {"source": q.source, "url": q.url, "quarantined": True, "reason": q.reason, "detail": q.detail,
            "stage": q.stage, "body": [], "credits": [], "boilerplate": [], "quotes": [], "claims": [],
            "times": [], "errors": [f"{q.reason}: {q.detail}"]}


def member_view(m: StoryMember, url_of: dict[str, str | None]) -> dict[str, Any]:
    return {"url": m.url, "page_id": m.page_id, "relation": m.relation,
            "copied_from": m.copied_from_url or url_of.get(m.copied_from or "", None),
            "containment": round(m.containment, 4), "domain": m.domain, "published": m.published,
            "title": m.title, "edits": [to_jsonable(e) for e in m.edits]}


def story_view(s: Story) -> dict[str, Any]:
    url_of = {m.page_id: m.url for m in s.members}
    return {"id": s.id,
            "origin": {"url": s.origin_url, "page_id": s.origin, "confidence": round(s.confidence, 3),
                       "evidence": [{"kind": e.kind, "detail": e.detail, "weight": e.weight} for e in s.evidence]},
            "members": [member_view(m, url_of) for m in s.members],
            "entities": [{"name": e.name, "kind": e.kind, "aliases": list(e.aliases)} for e in s.entities]}
