"""Long and hostile pages through the per-page pipeline: seconds by size, to show the cost grows
linearly (issue #3's bad-input part: very long lines, no newlines, mixed scripts, control characters).

    PYTHONPATH=src nice -n 5 /work/venv/bin/python bench/long_pages.py          (from the repo root)

Rows:
- polnear_prose: PolNeAR train texts joined into one plain-text page (real news prose, growing names);
- one_line_*: 10 MB on one line (prose, no spaces, mixed scripts with control characters);
- dense_*: the claims stage alone on paragraphs packed with speech cues, quote marks or pronouns,
  the worst case for the quote rules (a cue every few words, no full stop).
BEFORE holds the same measurements of commit 905987c (before the claims indexes), taken by hand on
this machine in the same session, with the command that gave them. Writes bench/results/long_pages.json.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrace.claims.annotate import annotate  # noqa: E402
from newstrace.model import Article, Page  # noqa: E402
from newstrace.pipeline import Context, PipelineOptions, process  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "data" / "attribution" / "polnear" / "train" / "text"
RESULTS = ROOT / "bench" / "results" / "long_pages.json"
BEFORE = {
    "commit": "905987c",
    "how": "the same process() calls on the same inputs, with src/ at 905987c, 2026-11-26",
    "polnear_prose_seconds": {"250000": 10.84, "500000": 84.72, "1000000": 394.19},
    "one_line_mixed_scripts_seconds": {"100000": 237.84, "10000000": "stopped after 10 minutes"},
}
ONE_LINE = {
    "one_line_prose": "The council said the new budget would be published next week, officials added. ",
    "one_line_no_spaces": "x",
    "one_line_mixed_scripts": "Совет заявил 委员会表示 \x01\x02 the council said. ",
}
DENSE = {
    "dense_cues": "the mayor said that officials said ",
    "dense_quote_marks": "“He said” she said “they said” ",
    "dense_pronouns": "He said she told them he said ",
}


def _timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return round(time.perf_counter() - t, 2), out


def run() -> dict:
    ctx = Context.load(PipelineOptions())
    rows = []
    if POLNEAR.exists():
        big = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt")))
        for n in (250_000, 500_000, 1_000_000, 2_000_000):
            secs, a = _timed(lambda: process(Page(source="polnear", raw=big[:n].encode(), content_type="text"), ctx))
            rows.append({"input": "polnear_prose", "chars": n, "seconds": secs, "quotes": len(a.quotes),
                         "claims": len(a.claims), "entities": len(a.entities)})
    for name, unit in ONE_LINE.items():
        n = 10_000_000
        line = (unit * (n // len(unit) + 1))[:n]
        secs, a = _timed(lambda: process(Page(source=name, raw=line.encode(), content_type="text"), ctx))
        rows.append({"input": name, "chars": n, "seconds": secs, "body_paragraphs": len(getattr(a, "body", [])),
                     "errors": list(getattr(a, "errors", []))[:1]})
    for name, unit in DENSE.items():
        for n in (100_000, 200_000):
            text = (unit * (n // len(unit) + 1))[:n]
            body = [text[i:i + 4000] for i in range(0, n, 4000)]
            secs, a = _timed(lambda: annotate(Article(source=name, body=body)))
            rows.append({"input": name, "chars": n, "seconds": secs, "quotes": len(a.quotes)})
    return {"rows": rows, "before": BEFORE, "cpus": os.cpu_count()}


def main() -> None:
    res = run()
    print(f"{'input':28s} {'chars':>10s} {'seconds':>8s}  before")
    before = {("polnear_prose", k): v for k, v in BEFORE["polnear_prose_seconds"].items()}
    before |= {("one_line_mixed_scripts", k): v for k, v in BEFORE["one_line_mixed_scripts_seconds"].items()}
    for r in res["rows"]:
        print(f"{r['input']:28s} {r['chars']:>10,d} {r['seconds']:>8.2f}  {before.get((r['input'], str(r['chars'])), '')}")
    RESULTS.write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    main()
