"""Generate a synthetic republication crawl (WARC + WET + truth.jsonl) and report what is in it.

    python bench/gen_crawl.py --pages 20000 --out /tmp/crawl [--seed 0] [--texts bundled|scrapinghub|polnear|all]

``--texts scrapinghub`` republishes the ScrapingHub gold bodies from ../shared (181 real articles)
instead of the bundled hand-written ones; ``polnear`` the PolNeAR US political news articles (903 after
dropping re-filed versions; many on the same events, with their real dates and outlets); ``all`` both. Prints a table; writes bench/results/gen_crawl.json.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from newstrace.synth import generate_crawl, load_texts
from newstrace.synth.texts import KINDS

RESULTS = Path(__file__).parent / "results" / "gen_crawl.json"


def summarise(truth: Path) -> dict:
    rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    stories = Counter(r["story"] for r in rows if r["story"])
    sizes = sorted(stories.values())
    return {
        "pages": len(rows),
        "relations": dict(Counter(r["relation"] for r in rows)),
        "formats": dict(Counter(r["format"] for r in rows)),
        "stories": len(stories),
        "story_size_min_median_max": [sizes[0], sizes[len(sizes) // 2], sizes[-1]] if sizes else [],
        "edits": dict(Counter(e for r in rows for e in r["edits"]).most_common()),
        "templates": len({r["template"] for r in rows}),
        "sites": len({r["outlet"] for r in rows}),
        "undated_pages": sum(r["published"] is None for r in rows),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--texts", choices=KINDS, default="bundled")
    ap.add_argument("--wet-share", type=float, default=0.1)
    ap.add_argument("--pages-per-warc", type=int, default=5000)
    args = ap.parse_args()
    texts = load_texts(args.texts)
    start, cpu = time.perf_counter(), time.process_time()
    paths = generate_crawl(args.out, args.pages, seed=args.seed, texts=texts, wet_share=args.wet_share,
                           pages_per_warc=args.pages_per_warc)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    size = sum(p.stat().st_size for p in paths.inputs)
    summary = {"command": f"python bench/gen_crawl.py --pages {args.pages} --out {args.out} --seed {args.seed} "
                          f"--texts {args.texts}", "texts": len(texts), "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
               "pages_per_second": round(args.pages / seconds), "bytes_on_disk": size,
               "files": [p.name for p in paths.inputs], **summarise(paths.truth)}
    width = max(len(k) for k in summary)
    for key, value in summary.items():
        print(f"{key:<{width}}  {value}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
