"""Ingest at volume: throughput of `newstrace ingest` on every core, and peak memory while it reads a
large WARC that this script generates from the ScrapingHub pages (../shared, by path).

    python bench/ingest.py --size-mb 1024          # the issue's 1 GB figure
    python bench/ingest.py --size-mb 100           # a quick look

Prints a table and writes bench/results/ingest.json. RSS is summed over the whole process tree
(the CLI and its workers), sampled twice a second, so "flat" can be seen, not just the peak.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "data" / "extraction" / "scrapinghub" / "html"


def make_warc(path: Path, size_mb: int) -> tuple[int, int]:
    """Write response records cycling over the benchmark pages until the payload reaches size_mb."""
    pages = [p.read_bytes() for p in sorted(PAGES.glob("*.html"))]
    target, total, n = size_mb * 1024 * 1024, 0, 0
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        while total < target:
            body = pages[n % len(pages)]
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"https://site{n % 97}.example/news/{n}", "response",
                                            payload=io.BytesIO(body), http_headers=http,
                                            warc_headers_dict={"WARC-Date": "2024-01-01T00:00:00Z"})
            writer.write_record(rec)
            total += len(body)
            n += 1
    return n, total


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next(int(l.split()[1]) * 1024 for l in fh if l.startswith("VmRSS:"))
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except (OSError, StopIteration):
            continue
    return total


def run_ingest(warc: Path, db: Path, workers: int | None) -> dict:
    cmd = [sys.executable, "-m", "newstrace.cli", "ingest", str(warc), "--db", str(db)]
    if workers:
        cmd += ["--workers", str(workers)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    curve = []
    while proc.poll() is None:
        curve.append((round(time.perf_counter() - started, 1), tree_rss(proc.pid)))
        time.sleep(0.5)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    return {"seconds": time.perf_counter() - started, "exit": proc.returncode, "curve": curve, "stderr_tail": err[-800:]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "work")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    warc = args.work / f"bench-{args.size_mb}mb.warc.gz"
    meta = warc.with_suffix(".meta.json")
    if not meta.exists():
        n, payload = make_warc(warc, args.size_mb)
        meta.write_text(json.dumps([n, payload]))
    n, payload = json.loads(meta.read_text())
    db = args.work / f"bench-{args.size_mb}mb.duckdb"
    if db.exists():
        db.unlink()
    res = run_ingest(warc, db, args.workers)
    rss = [r for _, r in res["curve"]] or [0]
    quarter = max(1, len(rss) // 4)
    row = {"size_mb": args.size_mb, "records": n, "payload_mb": round(payload / 2**20, 1),
           "warc_gz_mb": round(warc.stat().st_size / 2**20, 1), "seconds": round(res["seconds"], 1),
           "cores": os.cpu_count(), "workers": args.workers or os.cpu_count(),
           "pages_per_s": round(n / res["seconds"], 1),
           "mb_per_s": round(payload / 2**20 / res["seconds"], 2),
           "peak_rss_mb": round(max(rss) / 2**20), "rss_first_quarter_max_mb": round(max(rss[:quarter]) / 2**20),
           "rss_last_quarter_max_mb": round(max(rss[-quarter:]) / 2**20), "exit": res["exit"]}
    print(f"{'metric':<28}value")
    for k, v in row.items():
        print(f"{k:<28}{v}")
    out = ROOT / "bench" / "results" / f"ingest-{args.size_mb}mb.json"
    out.write_text(json.dumps({**row, "rss_curve": res["curve"][::4], "stderr_tail": res["stderr_tail"]}, indent=1))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
