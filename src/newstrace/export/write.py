"""Writers behind ``newstrace export``. Each returns the paths it wrote."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import quoteattr

from newstrace.export.views import article_view, outlet_view, story_view
from newstrace.model import Story
from newstrace.outlets import OutletRegistry
from newstrace.store import corpus
from newstrace.store.db import Store

EXPORT_FORMATS = ("csv", "jsonl", "parquet", "gexf")

ARTICLE_FIELDS = ("page_id", "url", "domain", "site_name", "title", "published", "published_precision",
                  "fetched_at", "publisher", "credited", "n_words")
MEMBER_FIELDS = ("story_id", "origin_url", "url", "domain", "relation", "copied_from", "containment", "edits")


def copy_edges(stories: list[Story]) -> Counter:
    """(source domain, copy domain) -> number of copies, from each member's copied_from."""
    edges: Counter = Counter()
    for s in stories:
        domain_of = {m.page_id: m.domain for m in s.members}
        for m in s.members:
            src = domain_of.get(m.copied_from or "")
            if m.relation != "origin" and src and m.domain:
                edges[(src, m.domain)] += 1
    return edges


def _member_rows(stories: list[Story]):
    for s in stories:
        for m in story_view(s)["members"]:
            yield {"story_id": s.id, "origin_url": s.origin_url, "url": m["url"], "domain": m["domain"],
                   "relation": m["relation"], "copied_from": m["copied_from"], "containment": m["containment"],
                   "edits": ";".join(e["type"] for e in m["edits"])}


def _write_csv(store: Store, out: Path, stories: list[Story]) -> list[Path]:
    cols = ", ".join(ARTICLE_FIELDS)
    rows = store.con.execute(f"SELECT {cols} FROM articles ORDER BY page_id").fetchall()
    paths = [out / "articles.csv", out / "story_members.csv", out / "edges.csv"]
    with open(paths[0], "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(ARTICLE_FIELDS)
        w.writerows(rows)
    with open(paths[1], "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, MEMBER_FIELDS)
        w.writeheader()
        w.writerows(_member_rows(stories))
    with open(paths[2], "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(("Source", "Target", "Weight"))
        w.writerows((a, b, n) for (a, b), n in sorted(copy_edges(stories).items()))
    return paths


def _write_jsonl(store: Store, out: Path, stories: list[Story]) -> list[Path]:
    paths = [out / "articles.jsonl", out / "stories.jsonl"]
    with open(paths[0], "w", encoding="utf-8") as fh:
        for a in store.articles():
            fh.write(json.dumps(article_view(a), ensure_ascii=False) + "\n")
    with open(paths[1], "w", encoding="utf-8") as fh:
        for s in stories:
            fh.write(json.dumps(story_view(s), ensure_ascii=False) + "\n")
    return paths


def _write_parquet(store: Store, out: Path, stories: list[Story]) -> list[Path]:
    paths = []
    tables = [r[0] for r in store.con.execute(
        "SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall()]
    for table in tables:
        path = out / f"{table}.parquet"
        store.con.execute(f"COPY (SELECT * FROM \"{table}\") TO '{path}' (FORMAT parquet)")
        paths.append(path)
    return paths


def _node_attrs(domain: str, registry: OutletRegistry) -> tuple[str, str, str]:
    o = outlet_view(registry.by_domain(domain))
    if not o:
        return domain, "", ""
    labels = ";".join(sorted({f"{lb['list']}:{lb['label']}" for lb in o["labels"]}))
    return o["name"], o["country"] or "", labels


def _write_gexf(store: Store, out: Path, stories: list[Story]) -> list[Path]:
    registry = OutletRegistry.load()
    edges = copy_edges(stories)
    domains = sorted({d for pair in edges for d in pair} | {m.domain for s in stories for m in s.members if m.domain})
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
             '<graph mode="static" defaultedgetype="directed">',
             '<attributes class="node"><attribute id="0" title="outlet" type="string"/>'
             '<attribute id="1" title="country" type="string"/><attribute id="2" title="labels" type="string"/>'
             '</attributes>', '<nodes>']
    for d in domains:
        name, country, labels = _node_attrs(d, registry)
        lines.append(f'<node id={quoteattr(d)} label={quoteattr(d)}><attvalues>'
                     f'<attvalue for="0" value={quoteattr(name)}/><attvalue for="1" value={quoteattr(country)}/>'
                     f'<attvalue for="2" value={quoteattr(labels)}/></attvalues></node>')
    lines.append('</nodes><edges>')
    for i, ((a, b), n) in enumerate(sorted(edges.items())):
        lines.append(f'<edge id="{i}" source={quoteattr(a)} target={quoteattr(b)} weight="{n}"/>')
    lines += ['</edges>', '</graph>', '</gexf>']
    path = out / "outlets.gexf"
    path.write_text("\n".join(lines), encoding="utf-8")
    return [path]


_WRITERS = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet, "gexf": _write_gexf}


def write_export(store: Store, fmt: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    stories = corpus.stories(store.con) if store.has_table("stories") else []
    return _WRITERS[fmt](store, out, stories)
