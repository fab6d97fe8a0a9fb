"""Shared by bench/text_extraction.py and bench/train_text_model.py: data, labels, the metric,
and a second HTML-to-text converter. Run by hand; reads ../shared/data by path."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "extraction"
SH = DATA / "scrapinghub"
RP = DATA / "readability-pages"

_TOKEN = re.compile(r"\w+")


def use_source_tree() -> None:
    """Import newstrace.extract.* from this checkout without running the package __init__
    (which pulls in the whole pipeline): the benchmark only needs the extractor, and should
    still run while other parts of the tree are mid-change."""
    import sys
    import types

    src = ROOT / "src"
    if "newstrace" not in sys.modules:
        pkg = types.ModuleType("newstrace")
        pkg.__path__ = [str(src / "newstrace")]
        sys.modules["newstrace"] = pkg


def shingles(text: str, k: int = 4) -> Counter:
    toks = _TOKEN.findall(text)
    return Counter(tuple(toks[i : i + k]) for i in range(max(0, len(toks) - k + 1)))


def page_scores(pred: str, gold: str) -> tuple[float, float]:
    """(precision, recall) of one page, the ScrapingHub benchmark way: tp/fp/fn over 4-token
    shingle multisets, normalised to sum to 1 per page."""
    p, g = shingles(pred), shingles(gold)
    tp = sum((p & g).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    tot = tp + fp + fn
    if tot == 0:
        return 1.0, 1.0
    tp, fp, fn = tp / tot, fp / tot, fn / tot
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec


def corpus_f1(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Precision and recall averaged over pages; F1 is the harmonic mean of the two averages."""
    ps, rs = zip(*(page_scores(p, g) for p, g in pairs)) if pairs else ((), ())
    P = sum(ps) / max(1, len(ps))
    R = sum(rs) / max(1, len(rs))
    F = 2 * P * R / (P + R) if P + R else 0.0
    return {"precision": round(P, 4), "recall": round(R, 4), "f1": round(F, 4), "pages": len(pairs)}


def load_scrapinghub() -> list[dict]:
    """[{id, text, gold, url, site}] sorted by id."""
    texts = json.loads((SH / "page-text.json").read_text())
    gold = json.loads((SH / "ground-truth.json").read_text())
    out = []
    for pid in sorted(texts):
        url = gold[pid]["url"]
        site = urlparse(url).netloc.lower().removeprefix("www.")
        out.append({"id": pid, "text": texts[pid]["text"], "gold": gold[pid]["articleBody"], "url": url, "site": site})
    return out


def line_labels(lines: list[str], gold: str) -> list[int]:
    """1 when a line's words belong to the gold body: most of its 4-shingles occur in the gold,
    or, for lines too short to shingle, the exact word sequence occurs in it next to a body line."""
    gset = shingles(gold)
    gjoined = " " + " ".join(_TOKEN.findall(gold)) + " "
    labels = []
    for line in lines:
        toks = _TOKEN.findall(line)
        if len(toks) >= 4:
            sh = shingles(line)
            hit = sum(1 for s, c in sh.items() if s in gset) / max(1, len(sh))
            labels.append(1 if hit >= 0.5 else 0)
        else:
            labels.append(2 if toks and (" " + " ".join(toks) + " ") in gjoined else 0)
    # short lines count as body only when a neighbouring long line is body
    for i, v in enumerate(labels):
        if v == 2:
            near = [labels[j] for j in (i - 1, i + 1) if 0 <= j < len(labels)]
            labels[i] = 1 if 1 in near else 0
    return labels


_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "nav", "aside", "main", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th", "figure",
    "figcaption", "form", "br", "dd", "dt", "dl", "title", "body", "button", "label", "option",
}


def html_to_text(html: str) -> str:
    """A different converter from the one that made page-text.json: lxml tree, one line per
    block element, inline text joined, no blank-line structure at all. Used to check the
    extractor does not depend on one converter's habits."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - benchmark helper: an unparsable page becomes empty text
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template|//svg|//iframe"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(root)
    lines = (" ".join(x.split()) for x in "".join(parts).split("\n"))
    return "\n".join(x for x in lines if x)
