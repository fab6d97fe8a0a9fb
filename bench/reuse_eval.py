"""Scoring stories against a synthetic crawl's truth.jsonl (used by bench/reuse.py)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from newstrace.model import Story

EDIT_TYPES = ("credit_added", "credit_removed", "headline_changed", "truncated", "paragraphs_removed",
              "paragraphs_added", "numbers_changed", "attribution_removed", "boilerplate_added")


def load_truth(path: Path) -> dict[str, dict]:
    with open(path) as f:
        return {(row := json.loads(line))["url"]: row for line in f if line.strip()}


def _pairs(groups: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {p for g in groups.values() for p in combinations(sorted(g), 2)}


def score(stories: list[Story], truth: dict[str, dict], stored_urls: set[str]) -> dict:
    """Pairwise same-story precision/recall, origin accuracy, copied_from accuracy, edit-type F1."""
    true_groups: dict[str, set[str]] = defaultdict(set)
    for url, row in truth.items():
        if row.get("story") and url in stored_urls:
            true_groups[row["story"]].add(url)
    pred_groups = {s.id: {m.url for m in s.members if m.url} for s in stories}
    tp, pp = _pairs(true_groups), _pairs(pred_groups)
    hit = len(tp & pp)
    member_of = {u: s for s in stories for m in s.members if (u := m.url)}
    origin_ok = origin_n = 0
    for sid, urls in true_groups.items():
        if len(urls) < 2:
            continue
        origin = truth[next(iter(urls))].get("origin")
        if origin not in urls:
            continue
        origin_n += 1
        votes = Counter(member_of[u].id for u in urls if u in member_of)
        if votes:
            best = next(s for s in stories if s.id == votes.most_common(1)[0][0])
            origin_ok += best.origin_url == origin
    parent_ok = parent_n = 0
    etp = efp = efn = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    rel = Counter()
    for s in stories:
        for m in s.members:
            row = truth.get(m.url or "")
            if not row or not row.get("story") or m.relation == "origin" or row.get("relation") == "origin":
                continue
            parent_n += 1
            rel[(row["relation"], m.relation)] += 1
            if m.copied_from_url != row.get("copied_from"):
                continue
            parent_ok += 1
            want = set(row.get("edits") or []) & set(EDIT_TYPES)
            got = {e.type for e in m.edits}
            etp += len(want & got)
            efp += len(got - want)
            efn += len(want - got)
            for t in EDIT_TYPES:
                per_type[t]["tp"] += (t in want and t in got)
                per_type[t]["fp"] += (t in got and t not in want)
                per_type[t]["fn"] += (t in want and t not in got)
    p = hit / len(pp) if pp else 1.0
    r = hit / len(tp) if tp else 1.0
    ep = etp / (etp + efp) if etp + efp else 1.0
    er = etp / (etp + efn) if etp + efn else 1.0
    return {"pairs_true": len(tp), "pairs_pred": len(pp), "pair_precision": round(p, 4), "pair_recall": round(r, 4),
            "origin_accuracy": round(origin_ok / origin_n, 4) if origin_n else None, "stories_scored": origin_n,
            "copied_from_accuracy": round(parent_ok / parent_n, 4) if parent_n else None,
            "edit_precision": round(ep, 4), "edit_recall": round(er, 4),
            "edit_f1": round(2 * ep * er / (ep + er), 4) if ep + er else 0.0,
            "edit_per_type": {t: dict(c) for t, c in per_type.items()},
            "relation_confusion": {f"{a}->{b}": n for (a, b), n in sorted(rel.items())}}


def _crawl_store(base: Path, pages: int, texts: str, seed: int, workers: int) -> Path:
    """Generate and ingest a crawl once (kept under ``base``); later runs only rebuild the stories."""
    from newstrace.engine.local import ingest
    from newstrace.store.db import Store
    from newstrace.synth import generate_crawl, load_texts

    out = base / f"{texts}-{pages}-s{seed}"
    db = out / "store.duckdb"
    if not db.exists():
        paths = generate_crawl(out / "crawl", pages, seed=seed, texts=load_texts(texts))
        with Store(db) as st:
            ingest(paths.inputs, st, workers=workers, corpus=False)
    return out


def origin_run(base: Path, pages: int, texts: str, seed: int, workers: int) -> dict:
    """Rebuild all stories of one generated crawl and score them."""
    import duckdb

    from newstrace.store import corpus

    out = _crawl_store(base, pages, texts, seed, workers)
    con = duckdb.connect(str(out / "store.duckdb"))
    try:
        corpus.update_corpus(con, None, workers=workers)
        urls = {r[0] for r in con.execute("SELECT url FROM articles").fetchall()}
        res = score(corpus.stories(con), load_truth(out / "crawl" / "truth.jsonl"), urls)
    finally:
        con.close()
    keep = ("stories_scored", "origin_accuracy", "pair_precision", "pair_recall", "copied_from_accuracy", "edit_f1")
    return {"texts": texts, "pages": pages, "seed": seed} | {k: res[k] for k in keep}


def main() -> None:
    """python bench/reuse_eval.py --base /tmp/origin-bench --pages 500 2000 --texts bundled scrapinghub
    [--label after]: origin accuracy, pair P/R, edit F1; merges rows into bench/results/reuse_origin.json."""
    import argparse

    ap = argparse.ArgumentParser(description="origin accuracy on generated crawls")
    ap.add_argument("--base", default="/tmp/origin-bench")
    ap.add_argument("--pages", type=int, nargs="+", default=[500, 2000])
    ap.add_argument("--texts", nargs="+", default=["bundled", "scrapinghub"])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--label", default="run")
    args = ap.parse_args()
    results = Path(__file__).parent / "results" / "reuse_origin.json"
    data = json.loads(results.read_text()) if results.exists() else {}
    rows = []
    for texts in args.texts:
        for pages in args.pages:
            row = origin_run(Path(args.base), pages, texts, args.seed, args.workers)
            print(json.dumps(row), flush=True)
            rows.append(row)
    data[args.label] = rows
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(data, indent=1) + "\n")


if __name__ == "__main__":
    main()
