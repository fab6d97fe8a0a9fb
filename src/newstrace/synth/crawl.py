"""generate_crawl: plan a republication crawl, render every page, write WARC/WET files and the
ground truth (truth.jsonl, one line per page)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from random import Random

from newstrace.synth.edits import Doc
from newstrace.synth.filler import filler_doc, short_doc
from newstrace.synth.html_blog import render_blog
from newstrace.synth.html_outlet import render_outlet
from newstrace.synth.htmlbits import PageView, html_to_text
from newstrace.synth.names import BLOGGER_NAMES, STAFF_NAMES
from newstrace.synth.plan import PageSpec, Planner, origin_date, plan_story
from newstrace.synth.sites import all_outlet_sites, blog_sites, blog_url, extra_outlet_sites, outlet_url
from newstrace.synth.texts import SourceText, load_texts
from newstrace.synth.writer import open_writer, warc_date, write_conversion, write_response


@dataclass(frozen=True, slots=True)
class CrawlPaths:
    out_dir: Path
    warcs: tuple[Path, ...]
    wets: tuple[Path, ...]
    truth: Path
    pages: int

    @property
    def inputs(self) -> tuple[Path, ...]:
        """The crawl files to ingest (not truth.jsonl, which is not a page source)."""
        return self.warcs + self.wets


def generate_crawl(out_dir: str | Path, n_pages: int, seed: int = 0, texts: Sequence[SourceText] | None = None,
                   wet_share: float = 0.1, pages_per_warc: int = 5000, story_share: float = 0.5) -> CrawlPaths:
    """Write ``n_pages`` pages as *.warc.gz (+ *.wet.gz for ``wet_share`` of them) and truth.jsonl.
    ``story_share``: at most this share of the pages are story members (the rest are pages in no story);
    with a fixed pool of texts, a big crawl at 0.5 makes stories of thousands of copies."""
    if n_pages < 1:
        raise ValueError("n_pages must be at least 1")
    if not 0 < story_share <= 1:
        raise ValueError("story_share must be in (0, 1]")
    source = list(texts) if texts is not None else load_texts("bundled")
    pages = plan_crawl(source, n_pages, seed, wet_share, story_share)
    return write_crawl(pages, Path(out_dir), seed, max(1, pages_per_warc))


def plan_crawl(texts: Sequence[SourceText], n_pages: int, seed: int, wet_share: float,
               story_share: float = 0.5) -> list[PageSpec]:
    rng = Random(seed)
    blogs = blog_sites(rng, max(8, min(4000, n_pages // 8)))
    outlets = all_outlet_sites(rng)
    # own random stream: crawls whose texts name no extra outlet stay byte-identical
    outlets |= extra_outlet_sites(Random(f"{seed}:outlets"), {t.outlet for t in texts if t.outlet} - set(outlets))
    planner = Planner(rng=rng, outlets=outlets, blogs=blogs,
                      blog_cum=list(accumulate(1 / (i + 1) ** 0.7 for i in range(len(blogs)))))
    chosen = _choose_texts(rng, texts, n_pages, story_share)
    budget = max(len(chosen), min(int(n_pages * story_share), len(chosen) * 80))
    pages: list[PageSpec] = []
    dates = event_dates(rng, chosen)
    for i, (text, size) in enumerate(zip(chosen, story_sizes(rng, len(chosen), budget))):
        pages += plan_story(planner, text, size, f"s{seed}-{i:04d}" if size > 1 else None, dates[text.key])
    pages = pages[:n_pages]
    teasers = [(pg.doc.title, pg.doc.paragraphs[0]) for pg in pages if pg.relation == "origin"]
    pages += [_negative(planner, teasers) for _ in range(n_pages - len(pages))]
    for pg in pages:
        pg.fmt = "wet" if rng.random() < wet_share else "warc"
    rng.shuffle(pages)
    return pages


def _choose_texts(rng: Random, texts: Sequence[SourceText], n_pages: int, story_share: float) -> list[SourceText]:
    """Whole events first (pairs on one event stay together as hard negatives), in seeded order. At most
    one text per two story pages: a pool larger than the story budget would leave every text alone
    (no story at all). At the default share (half) this is the n_pages // 4 of every earlier crawl."""
    events: dict[str, list[SourceText]] = {}
    for t in texts:
        events.setdefault(t.event, []).append(t)
    order = sorted(events)
    rng.shuffle(order)
    flat = [t for e in order for t in events[e]]
    return flat[: min(len(flat), max(1, int(n_pages * story_share / 2)))]


def event_dates(rng: Random, texts: Sequence[SourceText]) -> dict[str, date]:
    """Texts on one event are published ``day`` days after the event's first report, on their weekday."""
    base: dict[str, date] = {}
    out: dict[str, date] = {}
    for t in texts:
        if t.published is not None:  # a real article keeps its real date: same-event texts share days
            out[t.key] = t.published
            continue
        if t.event not in base:
            weekday = (t.weekday - t.day) % 7 if t.weekday is not None else None
            base[t.event] = origin_date(rng, weekday)
        out[t.key] = base[t.event] + timedelta(days=t.day)
    return out


def story_sizes(rng: Random, k: int, budget: int) -> list[int]:
    """Heavy-tailed story sizes; about one text in five stays alone (a hard negative for its pair)."""
    weights = [0.0 if rng.random() < 0.2 else 1 / (i + 1) ** 0.9 for i in range(k)]
    if not any(weights):
        weights[0] = 1.0
    sizes = [1] * k
    for j in rng.choices(range(k), weights=weights, k=max(0, budget - k)):
        sizes[j] += 1
    return sizes


def _negative(p: Planner, teasers: list[tuple[str, str]]) -> PageSpec:
    """A page in no story: filler on an outlet or a blog (same furniture as story pages), a stub, a listing."""
    rng = p.rng
    kind = rng.choices(("blog", "outlet", "short", "listing"), weights=(40, 30, 15, 15))[0]
    written = origin_date(rng, None)
    on_outlet = kind == "outlet" or (kind == "short" and rng.random() < 0.5)
    if on_outlet:
        spec, site = p.outlets[rng.choice(sorted(p.outlets))]
    else:
        spec, site = None, p.pick_blog()
    doc = short_doc(rng) if kind == "short" else (_listing(rng, site.name, teasers) if kind == "listing"
                                                  else filler_doc(rng))
    shown = written if (on_outlet or site.date_style != "none") and rng.random() < 0.9 else None
    url = outlet_url(spec, doc.title, written, p.next_uid()) if spec else blog_url(site, doc.title, shown, p.next_uid())
    author = rng.choice(STAFF_NAMES if on_outlet else BLOGGER_NAMES) if rng.random() < 0.5 else None
    return PageSpec(url=p.unique(url), site=site, doc=doc, story=None, relation="negative", copied_from=None,
                    origin=None, edits=(), published=shown, written=written, fetched=p.fetch_time(written),
                    author=author, seed=rng.getrandbits(32), related=tuple(rng.sample(site.recent, 3)))


def _listing(rng: Random, site_name: str, teasers: list[tuple[str, str]]) -> Doc:
    """A home or tag page: headlines and the first words of several posts."""
    items = []
    for _ in range(rng.randint(4, 7)):
        if teasers and rng.random() < 0.5:
            title, lead = rng.choice(teasers)
        else:
            d = filler_doc(rng, 1)
            title, lead = d.title, d.paragraphs[0]
        items.append(f"{title} — {' '.join(lead.split()[:14])}… Continue reading")
    return Doc(title=f"{site_name} – Latest posts", standfirst=None, paragraphs=tuple(items))


def render(pg: PageSpec) -> str:
    view = PageView(url=pg.url, site=pg.site, doc=pg.doc, author=pg.author, published=pg.published,
                    modified=pg.modified, fetched=pg.fetched, related=pg.related or pg.site.recent[:3], seed=pg.seed)
    return render_outlet(view) if pg.site.kind == "outlet" else render_blog(view)


def truth_row(pg: PageSpec, file_name: str) -> dict:
    return {"url": pg.url, "warc": file_name, "story": pg.story, "relation": pg.relation,
            "copied_from": pg.copied_from, "origin": pg.origin, "edits": list(pg.edits),
            "published": pg.published.isoformat() if pg.published else None, "fetched_at": warc_date(pg.fetched),
            "outlet": pg.site.domain, "format": pg.fmt, "title": pg.doc.title, "template": pg.site.template,
            "credit": pg.doc.credit, "read_more": pg.doc.read_more}


def write_crawl(pages: list[PageSpec], out: Path, seed: int, per_file: int) -> CrawlPaths:
    out.mkdir(parents=True, exist_ok=True)
    warcs, wets = [], []
    truth_path = out / "truth.jsonl"
    with truth_path.open("w", encoding="utf-8") as truth:
        for n, start in enumerate(range(0, len(pages), per_file)):
            chunk = pages[start: start + per_file]
            names = (f"synth-{seed}-{n:05d}.warc.gz", f"synth-{seed}-{n:05d}.wet.gz")
            rows = _write_chunk(chunk, out, names, Random(f"{seed}:{n}"))
            warcs.append(out / names[0])
            if any(pg.fmt == "wet" for pg in chunk):
                wets.append(out / names[1])
            truth.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    return CrawlPaths(out_dir=out, warcs=tuple(warcs), wets=tuple(wets), truth=truth_path, pages=len(pages))


def _write_chunk(chunk: list[PageSpec], out: Path, names: tuple[str, str], rng: Random) -> list[dict]:
    first = min(pg.fetched for pg in chunk)
    rows = []
    with (out / names[0]).open("wb") as wf:
        wwriter = open_writer(wf, names[0], rng, first, "synthetic republication crawl (HTML responses)")
        wet_pages = [pg for pg in chunk if pg.fmt == "wet"]
        for pg in chunk:
            if pg.fmt == "warc":
                write_response(wwriter, pg.url, render(pg), pg.fetched, rng, pg.site.charset, pg.site.charset_in_http)
            rows.append(truth_row(pg, names[1] if pg.fmt == "wet" else names[0]))
    if wet_pages:
        with (out / names[1]).open("wb") as tf:
            twriter = open_writer(tf, names[1], rng, first, "synthetic republication crawl (WET plain text)")
            for pg in wet_pages:
                write_conversion(twriter, pg.url, html_to_text(render(pg)), pg.fetched, rng)
    return rows

