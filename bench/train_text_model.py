"""Train the plain-text line model (src/newstrace/data/text_model/weights.json).

Labels: a line of ScrapingHub page-text.json is "body" when its words belong to the gold
articleBody (MIT). Each page is used twice: as page-text.json has it and as a second converter
(text_common.html_to_text) makes it from the same HTML, so the model learns what a body line
is, not one converter's line breaks (in site-grouped CV this alone lifts F1 by ~.02).
Cross-validation is grouped by site: a site's pages are never in both the training and the
evaluation folds. Optionally (--with-readability) add lines of Mozilla Readability test pages
(Apache-2.0) converted to text by html_to_text and labelled by trafilatura's extraction of the
same HTML.

Two passes (text_model.TextModel): the first model scores lines from their own features; the
second rescores them from the same features plus the first pass's verdicts on the neighbours,
learnt from out-of-fold first-pass verdicts (site-grouped, INNER_FOLDS).

    /work/venv/bin/python bench/train_text_model.py [--with-readability]

Site-grouped cross-validated figures come from bench/text_extraction.py --cv.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

# One OpenMP thread: on a small shared machine the default (all cores) is ~6x slower to fit
# these small tree ensembles than one thread, and one thread gives identical trees.
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from text_common import ROOT, RP, SH, html_to_text, line_labels, load_scrapinghub, use_source_tree  # noqa: E402

use_source_tree()

from newstrace.extract.text_features import shapes_of  # noqa: E402
from newstrace.extract.text_model import (  # noqa: E402
    Ensemble, TextModel, Tree, feature_matrix, model_to_json, second_pass_matrix)

OUT = ROOT / "src" / "newstrace" / "data" / "text_model" / "weights.json"
PARAMS = {"max_iter": 150, "learning_rate": 0.1, "max_leaf_nodes": 15, "min_samples_leaf": 40, "random_state": 0}
INNER_FOLDS = 3  # the second pass learns from first-pass verdicts on pages the first pass did not see


def page_rows(text: str, gold: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    shapes = shapes_of(text.splitlines())
    lines = [s.text for s in shapes]
    return feature_matrix(shapes), np.asarray(line_labels(lines, gold)), lines


def export_hgb(clf) -> Ensemble:
    """Copy a fitted HistGradientBoostingClassifier into plain arrays (see text_model.Tree)."""
    trees = []
    for (pred,) in clf._predictors:
        nd = pred.nodes
        leaf = nd["is_leaf"].astype(bool)
        trees.append(Tree(
            feature=np.where(leaf, 0, nd["feature_idx"].astype(np.int64)),
            threshold=nd["num_threshold"].astype(float),
            left=np.where(leaf, -1, nd["left"].astype(np.int64)),
            right=np.where(leaf, -1, nd["right"].astype(np.int64)),
            value=np.where(leaf, nd["value"], 0.0).astype(float),
            nan_left=nd["missing_go_to_left"].astype(bool),
        ))
    return Ensemble(tuple(trees), float(np.ravel(clf._baseline_prediction)[0]))


def fit_ensemble(xs: list[np.ndarray], ys: list[np.ndarray]) -> Ensemble:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return export_hgb(HistGradientBoostingClassifier(**PARAMS).fit(np.vstack(xs), np.concatenate(ys)))


def out_of_fold(pages: list[dict]) -> list[np.ndarray]:
    """First-pass P(body) of each page from a first pass trained without that page's site:
    what the second pass will see at run time (in-sample verdicts are too sure of themselves)."""
    from sklearn.model_selection import GroupKFold

    out: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for tr, te in GroupKFold(n_splits=INNER_FOLDS).split(pages, groups=[p["site"] for p in pages]):
        first = fit_ensemble([pages[i]["x"] for i in tr], [pages[i]["y"] for i in tr])
        for i in te:
            out[i] = first.probabilities(pages[i]["x"])
    return out


def fit_model(pages: list[dict], threshold: float = 0.5, stacked: bool = True) -> TextModel:
    first = fit_ensemble([p["x"] for p in pages], [p["y"] for p in pages])
    if not stacked:
        return TextModel(first, None, threshold)
    oof = out_of_fold(pages)
    second = fit_ensemble([second_pass_matrix(p["x"], q) for p, q in zip(pages, oof)], [p["y"] for p in pages])
    return TextModel(first, second, threshold)


def load_pages(with_readability: bool) -> list[dict]:
    pages = []
    for rec in load_scrapinghub():
        html = (SH / "html" / f"{rec['id']}.html").read_text("utf-8", errors="replace")
        for source, text in (("scrapinghub", rec["text"]), ("scrapinghub_lxml", html_to_text(html))):
            x, y, lines = page_rows(text, rec["gold"])
            if len(lines):
                pages.append({**rec, "x": x, "y": y, "source": source})
    if with_readability:
        pages += readability_pages()
    return pages


def readability_pages() -> list[dict]:
    import trafilatura

    out = []
    for d in sorted(x for x in RP.iterdir() if (x / "source.html").is_file()):
        html = (d / "source.html").read_text("utf-8", errors="replace")
        gold = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
        if len(gold.split()) < 50:
            continue
        x, y, lines = page_rows(html_to_text(html), gold)
        if len(lines):
            out.append({"id": d.name, "site": "rp:" + d.name, "x": x, "y": y, "source": "readability"})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--with-readability", action="store_true")
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    pages = load_pages(args.with_readability)
    model = fit_model(pages, args.threshold)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "trained_on": "ScrapingHub article-extraction-benchmark page-text.json + ground-truth.json (MIT),"
        " each page also as bench/text_common.html_to_text makes it from the HTML"
        + (" + Mozilla Readability test pages labelled by trafilatura 2.3.1 (Apache-2.0)" if args.with_readability else ""),
        "pages": len(pages),
        "params": PARAMS,
        "trainer": "bench/train_text_model.py (scikit-learn HistGradientBoostingClassifier)",
    }
    OUT.write_text(json.dumps(model_to_json(model, meta), separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB) from {len(pages)} pages")

if __name__ == "__main__":
    main()
