"""Reuse benchmark: quality on a generated crawl, speed against datasketch, scale curve, incremental cost.

    python bench/reuse.py quality --pages 20000      # newstrace.synth crawl -> ingest -> stories vs truth.jsonl
    python bench/reuse.py speed --docs 10000         # ours vs a datasketch MinHashLSH pipeline, same shingles
    python bench/reuse.py scale --sizes 10000 100000 # bodies through fingerprint, matching and lineage
    python bench/reuse.py incremental --docs 100000  # +1% pages vs a full rebuild
    python bench/reuse.py fill --docs 1000000 --keep DIR   # generate a store once; scale --keep DIR reuses it
    python bench/reuse.py estimate --pages 10000 --texts polnear --story-share 0.05   # MinHash pre-check off vs on

Each part prints a table and merges its figures into bench/results/reuse.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).parent))
from reuse_eval import load_truth, score  # noqa: E402
from reuse_gen import generate  # noqa: E402

from newstrace.reuse import CandidateParams, FingerprintParams, VerifyParams, candidate_sql, shingle_article, verify  # noqa: E402
from newstrace.reuse.fingerprint import fingerprint_arrow  # noqa: E402
from newstrace.reuse.text import body_words  # noqa: E402
from newstrace.store import corpus  # noqa: E402
from newstrace.store.codec import article_to_json  # noqa: E402
from newstrace.store.db import ARTICLE_COLUMNS, SCHEMA, article_row  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "reuse.json"
DUCKDB_MEMORY = "2GB"


def _save(key: str, value: dict) -> None:
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data[key] = value
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(data, indent=1))
    print(json.dumps({key: value}, indent=1))


def _load(con: duckdb.DuckDBPyConnection, articles) -> None:
    rows = [article_row(a) for a in articles]
    cols = list(zip(*rows))
    tab = pa.table({c: pa.array(list(v)) for c, v in zip(ARTICLE_COLUMNS, cols)})
    con.register("_load_arrow", tab)
    con.execute(f"INSERT INTO articles SELECT {', '.join(ARTICLE_COLUMNS)} FROM _load_arrow")
    con.unregister("_load_arrow")


def _fill(con: duckdb.DuckDBPyConnection, n: int, seed: int, start: int = 0) -> dict[str, str | None]:
    truth: dict[str, str | None] = {}
    batch = []
    for a, story in generate(n, seed, start=start):
        truth[a.page_id] = story
        batch.append(a)
        if len(batch) >= 20_000:
            _load(con, batch)
            batch = []
    if batch:
        _load(con, batch)
    return truth


def quality(args) -> None:
    """Generate a crawl with newstrace.synth, ingest it (extraction), build stories, score vs truth."""
    from newstrace.engine.local import ingest
    from newstrace.store.db import Store
    from newstrace.synth.crawl import generate_crawl

    out = Path(args.dir or tempfile.mkdtemp(prefix="reuse-crawl-"))
    db = out / "store.duckdb"
    if not db.exists():
        t = time.perf_counter()
        paths = generate_crawl(out / "crawl", args.pages, seed=args.seed)
        with Store(db) as st:
            ingest(paths.inputs, st, workers=args.workers, corpus=False)
        print(f"generated + ingested {args.pages} pages in {time.perf_counter() - t:.0f}s")
    con = duckdb.connect(str(db))
    if args.sample:  # score on the first N pages (truth order) when the whole crawl is too slow here
        with open(out / "crawl" / "truth.jsonl") as f:
            keep = [json.loads(line)["url"] for _, line in zip(range(args.sample), f)]
        con.execute("DELETE FROM articles WHERE url NOT IN (SELECT unnest(?))", [keep])
    t = time.perf_counter()
    stats = corpus.update_corpus(con, None, workers=args.workers)
    seconds = time.perf_counter() - t
    urls = {r[0] for r in con.execute("SELECT url FROM articles").fetchall()}
    res = score(corpus.stories(con), load_truth(out / "crawl" / "truth.jsonl"), urls)
    res |= {"pages": args.pages, "sample": args.sample, "articles": len(urls), "corpus_seconds": round(seconds, 1),
            "corpus_stats": str(stats)}
    _save("quality" if not args.sample else f"quality_sample_{args.sample}_of_{args.pages}", res)


class _Clock:
    """Wall and CPU seconds since start. On a shared machine CPU time is the per-core cost; wall time
    also counts the waits for the other processes (both are reported)."""

    def __init__(self) -> None:
        self.w, self.c = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        return time.perf_counter() - self.w, time.process_time() - self.c


def _ours(bodies: list[tuple[str, str]], arts: dict, fp: FingerprintParams,
          cp: CandidateParams) -> tuple[int, tuple[float, float], tuple[float, float]]:
    clock = _Clock()
    # The store's own path: bodies as one Arrow column, fingerprinted in vectorised slices.
    block = fingerprint_arrow([p for p, _ in bodies], pa.array([b for _, b in bodies], pa.large_string()), fp)
    con = duckdb.connect()
    con.execute("SET threads = 1")  # one core, like the datasketch loop
    con.execute(corpus.SCHEMA)
    corpus.add_signature_block(con, block)
    pairs = con.execute(candidate_sql(cp)).fetchall()
    t_cand = clock.lap()
    return _verify_all(pairs, arts, fp), t_cand, clock.lap()


def _verify_all(pairs, arts, fp: FingerprintParams) -> int:
    docs = {}
    n = 0
    for a, b in pairs:
        da = docs.get(a) or docs.setdefault(a, shingle_article(arts[a], fp.shingle))
        db_ = docs.get(b) or docs.setdefault(b, shingle_article(arts[b], fp.shingle))
        n += verify(da, db_, None, VerifyParams()) is not None
    return n


def _datasketch(bodies: list[tuple[str, str]], arts: dict,
                fp: FingerprintParams) -> tuple[int, tuple[float, float], tuple[float, float]]:
    from datasketch import MinHash, MinHashLSH

    clock = _Clock()
    lsh = MinHashLSH(num_perm=fp.num_perm, params=(fp.bands, fp.rows))
    hashes = {}
    for pid, body in bodies:
        w = body_words(body)
        if len(w) < fp.min_words:
            continue
        m = MinHash(num_perm=fp.num_perm, seed=fp.seed)
        m.update_batch([" ".join(w[i : i + fp.shingle]).encode() for i in range(len(w) - fp.shingle + 1)])
        lsh.insert(pid, m)
        hashes[pid] = m
    pairs = {tuple(sorted((pid, o))) for pid, m in hashes.items() for o in lsh.query(m) if o != pid}
    t_cand = clock.lap()
    return _verify_all(sorted(pairs), arts, fp), t_cand, clock.lap()


def speed(args) -> None:
    fp, cp = FingerprintParams(), CandidateParams()
    arts = {a.page_id: a for a, _ in generate(args.docs, seed=3)}
    bodies = [(p, "\n\n".join(a.body)) for p, a in arts.items()]
    n_ours, (cw_o, cc_o), (tw_o, tc_o) = _ours(bodies, arts, fp, cp)
    n_ds, (cw_d, cc_d), (tw_d, tc_d) = _datasketch(bodies, arts, fp)
    _save("speed", {"docs": args.docs, "params": [fp.num_perm, fp.bands, fp.rows, fp.shingle], "processes": 1,
                    "ours_cpu_seconds": round(tc_o, 2), "ours_docs_per_s_core": round(args.docs / tc_o),
                    "datasketch_cpu_seconds": round(tc_d, 2), "datasketch_docs_per_s_core": round(args.docs / tc_d),
                    "speedup_with_verification": round(tc_d / tc_o, 2),
                    "ours_fingerprint_candidates_cpu_seconds": round(cc_o, 2),
                    "datasketch_fingerprint_candidates_cpu_seconds": round(cc_d, 2),
                    "speedup_fingerprint_candidates": round(cc_d / cc_o, 2),
                    "verify_cpu_seconds": {"ours": round(tc_o - cc_o, 2), "datasketch": round(tc_d - cc_d, 2)},
                    "wall_seconds": {"ours": round(tw_o, 2), "ours_fingerprint_candidates": round(cw_o, 2),
                                     "datasketch": round(tw_d, 2), "datasketch_fingerprint_candidates": round(cw_d, 2),
                                     "speedup_with_verification": round(tw_d / tw_o, 2)},
                    "load_avg_1m_at_end": round(os.getloadavg()[0], 1),
                    "matches_ours": n_ours, "matches_datasketch": n_ds,
                    "note": "CPU seconds of the one process (DuckDB limited to 1 thread): per-core cost on a shared machine"})


def _pair_scores(stories, truth: dict[str, str | None]) -> tuple[float, float]:
    from itertools import combinations
    groups: dict[str, list[str]] = {}
    for p, s in truth.items():
        if s:
            groups.setdefault(s, []).append(p)
    tp = {c for g in groups.values() for c in combinations(sorted(g), 2)}
    pp = {c for s in stories for c in combinations(sorted(m.page_id for m in s.members), 2)}
    return len(tp & pp) / max(1, len(pp)), len(tp & pp) / max(1, len(tp))


def _store(path: str, n: int) -> tuple[duckdb.DuckDBPyConnection, dict[str, str | None], float]:
    """A store of ``n`` generated bodies with its truth table, loaded once: a kept store (``--keep``) is
    reused as is, so a 1M-body point pays the generation only once. Returns (connection, truth, load s)."""
    con = duckdb.connect(path)
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")  # DuckDB spills past this: part of the RSS budget
    con.execute(SCHEMA)
    con.execute("CREATE TABLE IF NOT EXISTS bench_truth (page_id VARCHAR, story VARCHAR)")
    con.execute("CREATE TABLE IF NOT EXISTS bench_meta (key VARCHAR, value DOUBLE)")
    loaded = con.execute("SELECT value FROM bench_meta WHERE key = 'load_seconds'").fetchall()
    if loaded and con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == n:
        for t in (*corpus.CORPUS_TABLES, "corpus_meta"):  # a kept store is measured from scratch every time
            con.execute(f"DROP TABLE IF EXISTS {t}")
        truth = dict(con.execute("SELECT page_id, story FROM bench_truth").fetchall())
        return con, truth, loaded[0][0]
    for t in ("articles", "bench_truth", "bench_meta"):
        con.execute(f"DELETE FROM {t}")
    t = time.perf_counter()
    truth = _fill(con, n, seed=11)
    t_load = time.perf_counter() - t
    con.register("_truth_arrow", pa.table({"page_id": list(truth), "story": list(truth.values())}))
    con.execute("INSERT INTO bench_truth SELECT * FROM _truth_arrow")
    con.unregister("_truth_arrow")
    con.execute("INSERT INTO bench_meta VALUES ('load_seconds', ?)", [t_load])
    con.execute("CHECKPOINT")
    return con, truth, t_load


def _peak_rss_gb() -> tuple[float, float]:
    """(this process, largest worker process) peak RSS in GB (Linux reports KB)."""
    return (round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6, 2),
            round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e6, 2))


class _TreeRss:
    """Peak RSS of this process and all its workers together, sampled twice a second from /proc: the
    per-process peaks getrusage reports can fall at different times, and the budget is for the sum."""

    def __init__(self) -> None:
        import threading
        self.peak, self.at, self._stop = 0, ("", []), threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    @staticmethod
    def _tree(pid: int) -> list[int]:
        out, todo = [], [pid]
        while todo:
            p = todo.pop()
            out.append(p)
            for task in Path(f"/proc/{p}/task").glob("*/children"):
                try:
                    todo += [int(c) for c in task.read_text().split()]
                except OSError:
                    pass
        return out

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            return 0

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            each = [self._rss(p) for p in self._tree(os.getpid())]
            if sum(each) > self.peak:  # when, and how it splits: main process first
                self.peak, self.at = sum(each), (time.strftime("%H:%M:%S"), [round(r / 1e9, 2) for r in each])

    def stop(self) -> float:
        self._stop.set()
        self._t.join()
        return round(self.peak / 1e9, 2)


def _progress(n: int):
    def show(stage: str, wall: float, cpu: float) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {n} docs: {stage} {wall:.1f} s wall, {cpu:.1f} s cpu, "
              f"rss {_peak_rss_gb()}", flush=True)
    return show


def fill(args) -> None:
    """Generate and load a kept store only (run ahead of ``scale --keep``)."""
    os.makedirs(args.keep, exist_ok=True)
    con, truth, t_load = _store(os.path.join(args.keep, f"scale-{args.docs}.duckdb"), args.docs)
    print({"docs": args.docs, "load_seconds": round(t_load, 1), "truth": len(truth)})


def scale(args) -> None:
    curve = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(dir=args.tmp) as d:
            path = os.path.join(args.keep, f"scale-{n}.duckdb") if args.keep else os.path.join(d, "s.duckdb")
            con, truth, t_load = _store(path, n)
            t, tree = time.perf_counter(), _TreeRss()
            stats = corpus.update_corpus(con, None, workers=args.workers, progress=_progress(n))
            t_all, tree_peak = time.perf_counter() - t, tree.stop()
            p, r = _pair_scores(corpus.stories(con), truth)
            main_rss, worker_rss = _peak_rss_gb()
            if args.incremental and n == args.sizes[-1]:
                _save("incremental", _add_one_percent(con, n, t_all, f"full rebuild used {args.workers} workers, "
                                                                       "the update 1", sum(stats.cpu_seconds.values())))
            row = {"docs": n, "load_seconds": round(t_load, 1), "corpus_seconds": round(t_all, 1),
                   "stage_seconds": stats.seconds, "stage_cpu_seconds": stats.cpu_seconds,
                   "load_avg_1m_at_end": round(os.getloadavg()[0], 1), "candidate_pairs": stats.candidate_pairs, "matches": stats.matches,
                   "stories": stats.stories_total, "pair_precision": round(p, 4), "pair_recall": round(r, 4),
                   "peak_rss_gb": main_rss, "peak_rss_worker_gb": worker_rss,
                   "peak_rss_all_processes_gb": tree_peak, "peak_rss_all_processes_at": tree.at,
                   "workers": args.workers}
            print(row, flush=True)
            curve.append(row)
            con.close()
            if args.keep and args.incremental and n == args.sizes[-1]:
                os.remove(path)  # the +1% pages are in it now: not the store the next run expects
    _save(args.key, {"curve": curve})


def estimate(args) -> None:
    """The MinHash estimate before exact verification (verify.worth_verifying), off and on, on one stored
    crawl: candidate pairs verified, verify stage time, and whether the stories are the same."""
    from dataclasses import replace

    from newstrace.engine.local import ingest
    from newstrace.model import to_dict
    from newstrace.store.db import Store
    from newstrace.synth import load_texts
    from newstrace.synth.crawl import generate_crawl

    out = Path(args.dir or tempfile.mkdtemp(prefix="reuse-estimate-"))
    db = out / "store.duckdb"
    if not db.exists():
        texts = load_texts(args.texts) or load_texts("scrapinghub")
        paths = generate_crawl(out / "crawl", args.pages, seed=args.seed, texts=texts, story_share=args.story_share)
        with Store(db) as st:
            ingest(paths.inputs, st, workers=args.workers, corpus=False)
    con = duckdb.connect(str(db))
    urls = {r[0] for r in con.execute("SELECT url FROM articles").fetchall()}
    truth = load_truth(out / "crawl" / "truth.jsonl")
    rows, kept = [], {}
    for name, bar in (("off", 0.0), ("on", VerifyParams().min_estimated_containment)):
        params = corpus.CorpusParams(verify=replace(VerifyParams(), min_estimated_containment=bar))
        stats = corpus.update_corpus(con, None, params, workers=args.workers)
        stories = corpus.stories(con)
        kept[name] = sorted((to_dict(st) for st in stories), key=lambda d: d["id"])
        res = score(stories, truth, urls)
        rows.append({"estimate": name, "min_estimated_containment": bar, "candidate_pairs": stats.candidate_pairs,
                     "pairs_verified": stats.candidate_pairs - stats.pairs_not_worth_verifying,
                     "matches": stats.matches, "verify_seconds": stats.seconds["verify"],
                     "verify_cpu_seconds": stats.cpu_seconds["verify"], "stories": stats.stories_total,
                     "pair_precision": res["pair_precision"], "pair_recall": res["pair_recall"],
                     "origin_accuracy": res["origin_accuracy"]})
    con.close()
    print(f"{'estimate':>8} {'candidates':>10} {'verified':>9} {'matches':>8} {'verify s':>9} {'cpu s':>7} {'P':>6} {'R':>6}")
    for r in rows:
        print(f"{r['estimate']:>8} {r['candidate_pairs']:>10} {r['pairs_verified']:>9} {r['matches']:>8} "
              f"{r['verify_seconds']:>9.1f} {r['verify_cpu_seconds']:>7.1f} {r['pair_precision']:>6.3f} {r['pair_recall']:>6.3f}")
    _save(f"estimate_{args.texts}_{args.pages}_{args.story_share}",
          {"rows": rows, "same_stories": kept["off"] == kept["on"], "workers": args.workers,
           "load_avg_1m_at_end": round(os.getloadavg()[0], 1),
           "command": "python bench/reuse.py " + " ".join(sys.argv[1:])})


def _add_one_percent(con: duckdb.DuckDBPyConnection, n: int, full: float, note: str, full_cpu: float = 0.0) -> dict:
    """Append 1% new pages (half re-posts of stored bodies, half fresh) and update incrementally."""
    from newstrace.store.codec import article_from_json
    add = max(2, n // 100)
    old = [r[0] for r in con.execute(f"SELECT record FROM articles ORDER BY hash(page_id) LIMIT {add // 2}").fetchall()]
    new = [a for a, _ in generate(add - len(old), seed=6, start=n)]
    for i, rec in enumerate(old):
        a = article_from_json(rec)
        a.page_id = a.source = f"new-{i:06d}"
        a.url, a.domain = f"https://late{i}.example/x", f"late{i}.example"
        new.append(a)
    _load(con, new)
    t = time.perf_counter()
    stats = corpus.update_corpus(con, [a.page_id for a in new], workers=1)
    inc = time.perf_counter() - t
    return {"docs": n, "added": len(new), "full_seconds": round(full, 2), "incremental_seconds": round(inc, 2),
            "ratio": round(inc / full, 4), "incremental_stage_seconds": stats.seconds,
            "full_cpu_seconds": round(full_cpu, 2), "incremental_cpu_seconds": round(sum(stats.cpu_seconds.values()), 2),
            "cpu_ratio": round(sum(stats.cpu_seconds.values()) / full_cpu, 4) if full_cpu else None,
            "incremental_stage_cpu_seconds": stats.cpu_seconds,
            "stories_rebuilt": stats.stories_rebuilt, "note": note}


def incremental(args) -> None:
    with tempfile.TemporaryDirectory(dir=args.tmp) as d:
        con = duckdb.connect(os.path.join(d, "i.duckdb"))
        con.execute(SCHEMA)
        _fill(con, args.docs, seed=5)
        t = time.perf_counter()
        st = corpus.update_corpus(con, None, workers=1)
        full = time.perf_counter() - t
        row = _add_one_percent(con, args.docs, full, "full rebuild and update both with 1 worker",
                               sum(st.cpu_seconds.values()))
    _save("incremental", row)


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--pages", type=int, default=20_000)
    q.add_argument("--seed", type=int, default=7)
    q.add_argument("--dir")
    q.add_argument("--workers", type=int, default=2)
    q.add_argument("--sample", type=int, default=0, help="keep only the first N pages of the crawl (DESTRUCTIVE on --dir's store)")
    s = sub.add_parser("speed")
    s.add_argument("--docs", type=int, default=10_000)
    c = sub.add_parser("scale")
    c.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    c.add_argument("--workers", type=int, default=2)
    c.add_argument("--tmp")
    c.add_argument("--incremental", action="store_true", help="then add 1%% to the largest store")
    c.add_argument("--keep", help="folder of kept generated stores (scale-N.duckdb), reused across runs")
    c.add_argument("--key", default="scale", help="key in reuse.json (a partial curve can go under its own)")
    f = sub.add_parser("fill")
    f.add_argument("--docs", type=int, required=True)
    f.add_argument("--keep", required=True)
    i = sub.add_parser("incremental")
    i.add_argument("--docs", type=int, default=100_000)
    i.add_argument("--tmp")
    e = sub.add_parser("estimate")
    e.add_argument("--pages", type=int, default=10_000)
    e.add_argument("--texts", default="polnear", choices=["bundled", "scrapinghub", "polnear", "all"])
    e.add_argument("--story-share", type=float, default=0.05)
    e.add_argument("--seed", type=int, default=42)
    e.add_argument("--workers", type=int, default=2)
    e.add_argument("--dir", help="keeps the generated crawl and its store for a rerun")
    args = ap.parse_args()
    {"quality": quality, "speed": speed, "scale": scale, "incremental": incremental, "fill": fill,
     "estimate": estimate}[args.cmd](args)


if __name__ == "__main__":
    main()
