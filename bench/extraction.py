"""HTML extraction benchmark: newstrace html.v1 against trafilatura alone, same run, same machine.

1. Body F1 on the ScrapingHub article-extraction benchmark (181 pages, gold articleBody).
   Tokens are ``\\w+``; each text is a multiset of 4-token shingles; per page tp/fp/fn are
   normalised to sum to 1; precision and recall are averaged over pages; F1 is their harmonic
   mean. trafilatura is scored on ``trafilatura.extract(html)`` (defaults) and newstrace on its
   body paragraphs joined by newlines (title and standfirst are not part of the body).
2. Metadata exact-match accuracy (title, byline, site name, published day) on Mozilla
   Readability's test pages, against trafilatura's own metadata (``bare_extraction``).
3. Throughput, one core: pages/s and MB/s over the ScrapingHub pages.

Run by hand:  /work/venv/bin/python bench/extraction.py [--skip-meta] [--skip-speed]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
if "newstrace" not in sys.modules:
    sys.path.insert(0, str(ROOT / "src"))
from newstrace.extract.html import extract_html  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "extraction"
SH = DATA / "scrapinghub"
RP = DATA / "readability-pages"
OUT = ROOT / "bench" / "results" / "extraction.json"


def shingles(text: str) -> Counter:
    toks = re.findall(r"\w+", text or "")
    return Counter(tuple(toks[i : i + 4]) for i in range(max(0, len(toks) - 3)))


def page_pr(pred: str, gold: str) -> tuple[float, float]:
    """Precision and recall of one page, tp/fp/fn normalised to sum to 1."""
    a, b = shingles(pred), shingles(gold)
    tp = sum((a & b).values())
    fp, fn = sum(a.values()) - tp, sum(b.values()) - tp
    if tp + fp + fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def f1_table(rows: list[tuple[float, float]]) -> dict[str, float]:
    p = sum(r[0] for r in rows) / len(rows)
    r = sum(r[1] for r in rows) / len(rows)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def load_sh() -> list[tuple[str, str, str, str]]:
    gold = json.loads((SH / "ground-truth.json").read_text())
    pages = []
    for pid in sorted(gold):
        html = (SH / "html" / f"{pid}.html").read_bytes().decode("utf-8", errors="replace")
        pages.append((pid, html, gold[pid]["articleBody"], gold[pid].get("url") or ""))
    return pages


def ours_body(html: str, url: str) -> str:
    return "\n".join(extract_html(html, url=url or None).body)


def body_f1(pages: list[tuple[str, str, str, str]]) -> dict:
    traf = [page_pr(trafilatura.extract(html) or "", gold) for _, html, gold, _ in pages]
    ours = [page_pr(ours_body(html, url), gold) for _, html, gold, url in pages]
    worse = sum(1 for t, o in zip(traf, ours) if sum(o) < sum(t) - 0.02)
    better = sum(1 for t, o in zip(traf, ours) if sum(o) > sum(t) + 0.02)
    return {"pages": len(pages), "trafilatura": f1_table(traf), "newstrace": f1_table(ours),
            "pages_better": better, "pages_worse": worse}


def _n(v: object) -> str:
    return " ".join(str(v).split()) if v else ""


def _day(v: object) -> str:
    m = re.match(r"\d{4}-\d{2}-\d{2}", str(v or "").strip())
    return m.group(0) if m else ""


def meta_accuracy() -> dict:
    """Exact match per field on pages whose expected value is non-empty."""
    fields = {"title": ("title", "title", _n), "byline": ("byline", "author", _n),
              "siteName": ("site_name", "sitename", _n), "publishedTime": ("published", "date", _day)}
    hits = {f: {"newstrace": 0, "trafilatura": 0, "pages": 0} for f in fields}
    for d in sorted(p for p in RP.iterdir() if (p / "expected-metadata.json").exists()):
        exp = json.loads((d / "expected-metadata.json").read_text())
        html = (d / "source.html").read_text(encoding="utf-8", errors="replace")
        art = extract_html(html)
        tdoc = trafilatura.bare_extraction(html, with_metadata=True)
        for f, (ours_attr, traf_attr, normf) in fields.items():
            gold = normf(exp.get(f))
            if not gold:
                continue
            ours_val = getattr(art, ours_attr)
            ours_val = ours_val.date if ours_attr == "published" and ours_val else ours_val
            traf_val = getattr(tdoc, traf_attr, None) if tdoc is not None else None
            hits[f]["pages"] += 1
            hits[f]["newstrace"] += normf(ours_val) == gold
            hits[f]["trafilatura"] += normf(traf_val) == gold
    return {f: {k: (round(v / h["pages"], 3) if k != "pages" else v) for k, v in h.items()} for f, h in hits.items()}


def throughput(pages: list[tuple[str, str, str, str]], rounds: int = 2) -> dict:
    """CPU seconds per extractor, interleaved page by page so machine load hits both alike."""
    mb = sum(len(html.encode("utf-8")) for _, html, _, _ in pages) / 1e6 * rounds
    fns = {"trafilatura": lambda h, u: trafilatura.extract(h), "newstrace": ours_body}
    secs = dict.fromkeys(fns, 0.0)
    for _ in range(rounds):
        for _, html, _, url in pages:
            for name, fn in fns.items():
                start = time.process_time()
                fn(html, url)
                secs[name] += time.process_time() - start
    n = len(pages) * rounds
    out: dict = {name: {"pages_per_s": round(n / s, 1), "mb_per_s": round(mb / s, 2), "cpu_s": round(s, 2)}
                 for name, s in secs.items()}
    out["ratio"] = round(secs["trafilatura"] / secs["newstrace"], 2)
    out["rounds"] = rounds
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-meta", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args()
    import logging

    logging.disable(logging.WARNING)  # trafilatura logs every discarded page
    pages = load_sh()
    result: dict = {"trafilatura_version": trafilatura.__version__, "body": body_f1(pages)}
    b = result["body"]
    print(f"Body F1, ScrapingHub ({b['pages']} pages)   precision  recall   F1")
    for name in ("trafilatura", "newstrace"):
        t = b[name]
        print(f"  {name:<34} {t['precision']:.4f}    {t['recall']:.4f}   {t['f1']:.4f}")
    print(f"  pages better/worse by >0.02 (P+R): {b['pages_better']}/{b['pages_worse']}")
    if not args.skip_meta:
        result["metadata"] = meta_accuracy()
        print("Metadata exact match, Readability pages   pages  newstrace  trafilatura")
        for f, m in result["metadata"].items():
            print(f"  {f:<38} {m['pages']:>5}  {m['newstrace']:.3f}      {m['trafilatura']:.3f}")
    if not args.skip_speed:
        result["throughput"] = throughput(pages)
        print("Throughput, one core (CPU time)          pages/s   MB/s")
        for name in ("trafilatura", "newstrace"):
            t = result["throughput"][name]
            print(f"  {name:<38} {t['pages_per_s']:>6}   {t['mb_per_s']:>5}")
        print(f"  ratio newstrace/trafilatura: {result['throughput']['ratio']}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
