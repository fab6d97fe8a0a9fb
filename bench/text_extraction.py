"""Plain-text body extraction on ScrapingHub page-text.json (181 pages), scored the published
way (bench/text_common.py). Prints a table and writes bench/results/text_extraction.json.

    /work/venv/bin/python bench/text_extraction.py            # baselines + shipped model + site-grouped CV
    /work/venv/bin/python bench/text_extraction.py --quick    # skip CV and the other converters

Rows:
- unfiltered: the whole page text.
- c4_line_rules: the line filter of C4 (Raffel et al. 2020, JMLR 21(140), sec. 2.2, as implemented
  in tensorflow_datasets c4_utils.clean_page): keep lines ending in . ? ! or " (not "..."), with
  >= 5 words, without "javascript" or a policy phrase ("terms of use", "privacy policy",
  "cookie policy", "uses cookies", "use of cookies", "use cookies"), [citation] marks removed.
  Page-level rules (drop pages with "lorem ipsum", "{", < 3 sentences) are in c4_page_rules:
  they drop whole pages, so they cost recall on an article benchmark.
- justext_lines: jusText 3 (English stoplist) over the lines, each line wrapped as <p>.
- newstrace (in-sample): the shipped weights, trained on these very pages: an upper bound.
- newstrace (site-grouped 5-fold CV): a model trained without the evaluated page's site (as the
  shipped one is trained: both text versions of each training page, plus the Readability pages).
- ..._lxml: the same pages converted from HTML by a different converter (text_common.html_to_text),
  scored against the same gold, by the same CV models.
- readability_*: Mozilla Readability test pages through html_to_text, scored against trafilatura's
  extraction of the HTML (silver labels), with the shipped model. NOTE: the shipped model is
  trained on these pages too (train_text_model.py --with-readability), so this row is in-sample;
  title exact-match against expected-metadata.json (up to case, spacing and quote style) is not trained on.
- scrapinghub_title_agrees_with_html_path: the text path's title equals the HTML path's (whole, or one
  part of "Title | Site") on the same page; silver, as ScrapingHub ships no gold titles.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # see train_text_model.py: 6x faster on a shared machine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from text_common import ROOT, RP, SH, corpus_f1, html_to_text, load_scrapinghub, use_source_tree  # noqa: E402

use_source_tree()

from newstrace.extract.text import extract_text  # noqa: E402
from newstrace.extract.text_model import load_text_model  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "text_extraction.json"
_C4_END = (".", "?", "!", '"')
_C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
_CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")


def c4_lines(text: str, page_rules: bool = False) -> str:
    kept, sentences = [], 0
    for line in text.splitlines():
        line = _CITATION.sub("", line.strip())
        if not line.endswith(_C4_END) or line.endswith("..."):
            continue
        if len(line.split()) < 5:
            continue
        low = line.lower()
        if page_rules and ("lorem ipsum" in low or "{" in line):
            return ""
        if "javascript" in low or any(p in low for p in _C4_POLICY):
            continue
        sentences += len(re.findall(r"[.!?]+(?:\s|$)", line)) or 1
        kept.append(line)
    if page_rules and sentences < 3:
        return ""
    return "\n".join(kept)


def justext_lines(text: str) -> str:
    import html

    import justext

    doc = "<html><body>" + "".join(f"<p>{html.escape(x)}</p>" for x in text.splitlines() if x.strip()) + "</body></html>"
    paras = justext.justext(doc.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


def body_of(text: str, model) -> str:
    return "\n".join(extract_text(text, model=model).body)


def cv_predictions(pages: list[dict], keys: tuple[str, ...], extra: list[dict], folds: int = 5) -> dict[str, list[str]]:
    """Site-grouped CV: each page is extracted by a model trained on other sites only: both text
    versions of their pages (``views``), plus the Readability pages, as the shipped model is.
    One set of fold models extracts every text version in ``keys``."""
    from sklearn.model_selection import GroupKFold
    from train_text_model import fit_model

    preds = {k: [""] * len(pages) for k in keys}
    for tr, te in GroupKFold(n_splits=folds).split(pages, groups=[p["site"] for p in pages]):
        train = [{"x": x, "y": y, "site": pages[i]["site"]} for i in tr for x, y in pages[i]["views"]]
        model = fit_model(train + extra)
        for i in te:
            for k in keys:
                preds[k][i] = body_of(pages[i][k], model)
    return preds


def readability_rows(model) -> dict[str, dict]:
    import trafilatura

    pairs, titles = [], []
    for d in sorted(x for x in RP.iterdir() if (x / "source.html").is_file()):
        html = (d / "source.html").read_text("utf-8", errors="replace")
        silver = trafilatura.extract(html) or ""
        meta = json.loads((d / "expected-metadata.json").read_text("utf-8"))
        if len(silver.split()) < 50:
            continue
        art = extract_text(html_to_text(html), model=model)
        pairs.append(("\n".join(art.body), silver))
        want = " ".join((meta.get("title") or "").split())
        if want:
            titles.append(_same_title(art.title, want))
    return {"readability_lxml_vs_trafilatura (shipped model)": corpus_f1(pairs),
            "readability_title_exact": {"accuracy": round(sum(titles) / max(1, len(titles)), 4), "pages": len(titles)}}


def _same_title(got: str | None, want: str) -> bool:
    """Equal up to spacing, case and typographic quotes (the text carries "’" where <title> has "'")."""
    def norm(t: str) -> str:
        return " ".join(t.translate(_QUOTES).split()).casefold()
    return norm(got or "") == norm(want)


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def scrapinghub_title_rows(pages: list[dict], model) -> dict[str, dict]:
    """The text path's title against the HTML path's on the same page (silver: no gold titles ship with
    ScrapingHub), either whole or as the title part of "Title | Site"."""
    import html as html_lib

    from newstrace.extract.html import extract_html
    from newstrace.extract.text_head import _TITLE_SEP  # the separator the text path splits titles on

    agree = []
    for p in pages:
        page_html = (SH / "html" / f"{p['id']}.html").read_text("utf-8", errors="replace")
        silver = html_lib.unescape(extract_html(page_html).title or "")
        if silver:
            got = extract_text(p["text"], model=model).title
            agree.append(any(_same_title(got, t) for t in (silver, *_TITLE_SEP.split(silver))))
    return {"scrapinghub_title_agrees_with_html_path": {"accuracy": round(sum(agree) / max(1, len(agree)), 4),
                                                        "pages": len(agree)}}


def _print(rows: dict[str, dict]) -> None:
    print(f"{'method':66} {'P':>6} {'R':>6} {'F1':>6}")
    for name, r in rows.items():
        if "f1" in r:
            print(f"{name:66} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}")
        else:
            print(f"{name:66} {json.dumps(r)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    t0 = time.time()
    pages = load_scrapinghub()
    model = load_text_model()
    rows: dict[str, dict] = {}
    rows["unfiltered"] = corpus_f1([(p["text"], p["gold"]) for p in pages])
    rows["c4_line_rules"] = corpus_f1([(c4_lines(p["text"]), p["gold"]) for p in pages])
    rows["c4_page_rules"] = corpus_f1([(c4_lines(p["text"], True), p["gold"]) for p in pages])
    rows["justext_lines"] = corpus_f1([(justext_lines(p["text"]), p["gold"]) for p in pages])
    rows["newstrace (in-sample, shipped weights)"] = corpus_f1([(body_of(p["text"], model), p["gold"]) for p in pages])
    if not args.quick:
        from train_text_model import page_rows, readability_pages

        extra = readability_pages()
        for p in pages:
            p["lxml"] = html_to_text((SH / "html" / f"{p['id']}.html").read_text("utf-8", errors="replace"))
            p["views"] = [page_rows(p[k], p["gold"])[:2] for k in ("text", "lxml")]
        preds = cv_predictions(pages, ("text", "lxml"), extra)
        rows["newstrace (site-grouped 5-fold CV)"] = corpus_f1([(b, p["gold"]) for b, p in zip(preds["text"], pages)])
        print("cv:", rows["newstrace (site-grouped 5-fold CV)"], flush=True)
        rows["unfiltered_lxml"] = corpus_f1([(p["lxml"], p["gold"]) for p in pages])
        rows["c4_line_rules_lxml"] = corpus_f1([(c4_lines(p["lxml"]), p["gold"]) for p in pages])
        rows["newstrace_lxml (site-grouped 5-fold CV, trained on page-text + lxml + readability)"] = corpus_f1(
            [(b, p["gold"]) for b, p in zip(preds["lxml"], pages)])
        rows.update(readability_rows(model))
        rows.update(scrapinghub_title_rows(pages, model))
    _print(rows)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"rows": rows, "seconds": round(time.time() - t0, 1),
                                   "command": "/work/venv/bin/python bench/text_extraction.py"}, indent=1) + "\n")

if __name__ == "__main__":
    main()
