"""Plan a crawl: which pages exist, who copied whom, which edits each copy made, what each page
shows as its date and when the crawler fetched it. Rendering and writing happen elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from random import Random

from newstrace.synth import edits as ed
from newstrace.synth.edits import Doc
from newstrace.synth.htmlbits import Site
from newstrace.synth.names import BLOGGER_NAMES, OUTLETS, READ_MORE_FORMS, STAFF_NAMES, OutletSpec
from newstrace.synth.sites import blog_url, outlet_url
from newstrace.synth.texts import SourceText

EDIT_RATES: tuple[tuple[str, float], ...] = (  # cuts before additions, so an added paragraph is never cut again
    ("headline_changed", 0.2), ("truncated", 0.1), ("paragraphs_removed", 0.12), ("numbers_changed", 0.18),
    ("attribution_removed", 0.18), ("paragraphs_added", 0.12), ("boilerplate_added", 0.1),
)
_UPDATES = ("This story has been updated with additional details.",
            "UPDATE: Officials later revised some of the figures, and the article has been amended accordingly.",
            "Updated to add comment from the ministry, which responded after publication.")
_FIRST_DAY = date(2023, 1, 2)


@dataclass(slots=True)
class PageSpec:
    url: str
    site: Site
    doc: Doc
    story: str | None
    relation: str  # origin | copy | excerpt | version | negative
    copied_from: str | None
    origin: str | None
    edits: tuple[str, ...]
    published: date | None  # what the page shows; None when undated
    written: date  # when it was really written (orders chains even when not shown)
    fetched: datetime
    author: str | None
    seed: int
    modified: date | None = None
    related: tuple[str, ...] = ()
    fmt: str = "warc"


@dataclass(slots=True)
class Planner:
    """Holds the crawl-wide choices (sites, counters) while pages are planned; one per crawl."""

    rng: Random
    outlets: dict[str, tuple[OutletSpec, Site]]
    blogs: list[Site]
    blog_cum: list[float]  # cumulative weights: choices() with cum_weights is O(log n), not O(n)
    uid: int = 0
    urls: set[str] = field(default_factory=set)

    def next_uid(self) -> int:
        self.uid += 1
        return self.uid

    def unique(self, url: str) -> str:
        while url in self.urls:
            url = f"{url}{'&' if '?' in url else '?'}p={self.next_uid()}"
        self.urls.add(url)
        return url

    def fetch_time(self, written: date) -> datetime:
        """Crawl time: days to a year after writing, so fetch order says little about copy order."""
        r = self.rng.random()
        days = self.rng.randint(0, 2) if r < 0.35 else (self.rng.randint(3, 60) if r < 0.9 else self.rng.randint(61, 400))
        return datetime(written.year, written.month, written.day) + timedelta(days=days, seconds=self.rng.randint(3600, 86399))

    def pick_blog(self) -> Site:
        return self.rng.choices(self.blogs, cum_weights=self.blog_cum)[0]

    def pick_blogs(self, k: int) -> list[Site]:
        picked: dict[str, Site] = {}
        while len(picked) < min(k, len(self.blogs)):
            s = self.pick_blog()
            picked.setdefault(s.domain, s)
        return list(picked.values())


def origin_date(rng: Random, weekday: int | None) -> date:
    d = _FIRST_DAY + timedelta(days=rng.randint(0, 540))
    if weekday is not None:
        d += timedelta(days=(weekday - d.weekday()) % 7)
    return d


def plan_story(p: Planner, text: SourceText, size: int, story_id: str | None,
               written: date | None = None) -> list[PageSpec]:
    """An origin, maybe a same-outlet version, then copies/excerpts whose parents may be copies."""
    rng = p.rng
    spec, site = p.outlets[text.outlet] if text.outlet in p.outlets else p.outlets[_pick_outlet(rng)]
    written = written or origin_date(rng, text.weekday)
    doc = Doc(title=text.title, standfirst=text.standfirst, paragraphs=_with_dateline(spec, text.paragraphs, written))
    # a few origins show no date at all; only on outlets whose URLs carry no date either
    undated = rng.random() < 0.06 and spec.url_style in ("rt", "ap", "tass", "bbc", "dw")
    shown = None if undated else written
    url = p.unique(outlet_url(spec, text.title, written, p.next_uid()))
    relation = "origin" if size > 1 else "negative"
    origin = PageSpec(url=url, site=site, doc=doc, story=story_id, relation=relation, copied_from=None,
                      origin=url if story_id else None, edits=(), published=shown, written=written,
                      fetched=p.fetch_time(written), author=_outlet_author(rng, spec), seed=rng.getrandbits(32))
    pages = [origin]
    if size >= 3 and rng.random() < 0.25:
        pages.append(_version(p, spec, site, origin))
    for blog in p.pick_blogs(size - len(pages)):
        parents = [pg for pg in pages if pg.relation != "excerpt"]
        parent = origin if rng.random() < 0.55 else rng.choice(parents)
        pages.append(_copy(p, blog, parent, origin, spec))
    return pages


def _pick_outlet(rng: Random) -> str:
    weights = [4 if o.domain in ("rt.com", "sputnikglobe.com", "tass.com") else 2 for o in OUTLETS]
    return rng.choices(OUTLETS, weights=weights)[0].domain


def _with_dateline(spec: OutletSpec, paras: tuple[str, ...], d: date) -> tuple[str, ...]:
    if not spec.dateline_tag or not paras:
        return paras
    return (f"MOSCOW, {d.strftime('%B')} {d.day}. /{spec.dateline_tag}/. {paras[0]}",) + paras[1:]


def _outlet_author(rng: Random, spec: OutletSpec) -> str | None:
    return rng.choice(STAFF_NAMES) if spec.template in ("wire", "classic") and rng.random() < 0.7 else None


def _version(p: Planner, spec: OutletSpec, site: Site, origin: PageSpec) -> PageSpec:
    """Same outlet, updated text, new URL (outlets re-file updated stories under a new slug)."""
    rng, doc, applied = p.rng, origin.doc, []
    for name in ("numbers_changed", "headline_changed"):
        new = ed.EDIT_FUNCS[name](doc, rng) if rng.random() < 0.6 or not applied else None
        if new is not None and name == "headline_changed":
            new = replace(doc, title=f"{origin.doc.title} (updated)") if rng.random() < 0.5 else new
        if new is not None:
            doc, applied = new, applied + [name]
    doc = replace(doc, paragraphs=doc.paragraphs + (rng.choice(_UPDATES),))
    applied.append("paragraphs_added")
    modified = origin.written + timedelta(days=rng.randint(0, 1))
    url = p.unique(outlet_url(spec, doc.title, modified, p.next_uid()))
    return PageSpec(url=url, site=site, doc=doc, story=origin.story, relation="version", copied_from=origin.url,
                    origin=origin.url, edits=tuple(applied), published=origin.published, written=modified,
                    modified=modified, fetched=p.fetch_time(modified), author=origin.author, seed=rng.getrandbits(32))


def _copy(p: Planner, blog: Site, parent: PageSpec, origin: PageSpec, spec: OutletSpec) -> PageSpec:
    rng = p.rng
    written = parent.written + timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 5, 9)))
    is_excerpt = rng.random() < 0.15
    doc, applied = _apply_edits(rng, parent.doc, is_excerpt)
    doc, credit_edits = _credit(rng, doc, parent, spec, is_excerpt, blog)
    applied = applied + credit_edits
    shown = None if blog.date_style == "none" or rng.random() < 0.1 else written
    url = p.unique(blog_url(blog, doc.title, shown, p.next_uid()))
    return PageSpec(url=url, site=blog, doc=doc, story=origin.story, relation="excerpt" if is_excerpt else "copy",
                    copied_from=parent.url, origin=origin.url, edits=tuple(applied), published=shown, written=written,
                    fetched=p.fetch_time(written), author=rng.choice(BLOGGER_NAMES) if rng.random() < 0.5 else None,
                    seed=rng.getrandbits(32))


def _apply_edits(rng: Random, doc: Doc, is_excerpt: bool) -> tuple[Doc, list[str]]:
    base = replace(doc, read_more=None, read_more_url=None)
    applied: list[str] = []
    for name, rate in EDIT_RATES:
        if is_excerpt and name not in ("headline_changed",):
            continue
        if rng.random() < rate:
            new = ed.EDIT_FUNCS[name](base, rng)
            if new is not None and new != base:
                base, applied = new, applied + [name]
    return base, applied


def _credit(rng: Random, doc: Doc, parent: PageSpec, spec: OutletSpec, is_excerpt: bool,
            blog: Site) -> tuple[Doc, list[str]]:
    """Excerpts link back; full copies add, keep or drop a credit line (chains often lose it)."""
    had = parent.doc.credit is not None
    year = parent.written.year
    if is_excerpt:
        name = rng.choice(spec.aliases) if parent.relation in ("origin", "version") else parent.site.name
        domain = parent.site.domain
        more = rng.choice(READ_MORE_FORMS).format(name=name, domain=domain)
        new = ed.excerpt(doc, rng, more, parent.url)
        named = name in more or domain in more
        return new, ["truncated"] + (["credit_removed"] if had and new.credit is None else []) + \
            (["credit_added"] if named and not had else [])
    if had:
        if rng.random() < 0.3:
            return replace(doc, credit=None), ["credit_removed"]
        return doc, []
    if blog.template == "pravda" and rng.random() < 0.7:  # autogenerated mirrors cite a bare source link
        return replace(doc, credit=f"Source: {parent.url}", credit_pos="top"), ["credit_added"]
    if rng.random() < 0.72:
        if parent.relation in ("origin", "version") or rng.random() < 0.6:
            line = ed.credit_line(rng, spec.aliases, spec.domain, year)
        else:
            line = ed.credit_line(rng, (parent.site.name,), parent.site.domain, year)
        pos = "byline" if line.startswith("By ") and rng.random() < 0.6 else ("top" if rng.random() < 0.3 else "bottom")
        return replace(doc, credit=line, credit_pos=pos), ["credit_added"]
    return doc, []
