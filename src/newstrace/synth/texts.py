"""Source texts that the synthetic crawl republishes: the bundled hand-written articles, or (for
benchmarks only) real articles from ../shared: the gold bodies of the ScrapingHub extraction set, and
the PolNeAR US political news articles (many on the same events: natural hard negatives)."""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SourceText:
    """One article as its originating outlet wrote it.

    ``event`` is shared by different articles about the same event (hard negatives for each other);
    ``weekday`` (0=Monday) is the day the prose assumes it was published ("on Tuesday" style
    references), so generated dates keep relative references true; None when the text has none.
    ``day`` orders texts within an event: days after the event's first report.
    """

    key: str
    event: str
    title: str
    standfirst: str | None
    paragraphs: tuple[str, ...]
    weekday: int | None = None
    outlet: str | None = None  # domain the story should originate on, when the text implies one
    day: int = 0
    published: date | None = None  # the real publication date, when the text comes with one


KINDS = ("bundled", "scrapinghub", "polnear", "all")


def load_texts(kind: str = "bundled") -> list[SourceText]:
    """``bundled``: src/newstrace/data/synth_texts; from ../shared (bench only): ``scrapinghub`` gold
    bodies, ``polnear`` political news (train + dev), ``all`` both of those."""
    if kind == "bundled":
        return _load_bundled()
    shared = _shared_dir() / "data"
    if kind == "scrapinghub":
        return _load_scrapinghub(shared / "extraction" / "scrapinghub" / "ground-truth.json")
    if kind == "polnear":
        return _load_polnear(shared / "attribution" / "polnear")
    if kind == "all":
        return _load_scrapinghub(shared / "extraction" / "scrapinghub" / "ground-truth.json") + \
            _load_polnear(shared / "attribution" / "polnear")
    raise ValueError(f"unknown text kind {kind!r}: expected one of {', '.join(KINDS)}")


def text_from_dict(d: dict) -> SourceText:
    paragraphs = tuple(p.strip() for p in d["paragraphs"] if p and p.strip())
    if not d.get("title") or not paragraphs:
        raise ValueError(f"text {d.get('key')!r} needs a title and paragraphs")
    return SourceText(
        key=str(d["key"]), event=str(d.get("event") or d["key"]), title=d["title"].strip(),
        standfirst=(d.get("standfirst") or None), paragraphs=paragraphs,
        weekday=d.get("weekday"), outlet=d.get("outlet"), day=int(d.get("day") or 0),
    )


def _load_bundled() -> list[SourceText]:
    folder = resources.files("newstrace") / "data" / "synth_texts"
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            out.append(text_from_dict(json.loads(entry.read_text(encoding="utf-8"))))
    return out


def _shared_dir() -> Path:
    """../shared relative to the repository root (or $NEWSTRACE_SHARED)."""
    env = os.environ.get("NEWSTRACE_SHARED")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for root in here.parents:
        if (root / "src" / "newstrace").is_dir():
            return root.parent / "shared"
    return Path.cwd().parent / "shared"


def _load_scrapinghub(path: Path) -> list[SourceText]:
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: the scrapinghub texts need ../shared (bench only)")
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for key in sorted(data):
        paras = [p.strip() for p in data[key]["articleBody"].split("\n") if len(p.strip()) > 1]
        if len(paras) < 3:
            continue
        out.append(SourceText(key=f"sh-{key[:12]}", event=f"sh-{key[:12]}", title=_title_from_url(data[key]["url"]),
                              standfirst=None, paragraphs=tuple(paras)))
    return out


def _title_from_url(url: str) -> str:
    """The gold set has no titles: the URL slug is the closest honest stand-in."""
    slug = max(re.split(r"[/?#]", url), key=lambda part: part.count("-"))
    words = [w for w in re.split(r"[-_.]", slug) if w and not w.isdigit() and w not in ("html", "htm", "shtml")]
    return " ".join(words[:14]).capitalize() or url


# PolNeAR publishers -> the domain a story originates on; wire copies originate at the agency.
POLNEAR_OUTLETS = {"breitbart": "breitbart.com", "west-journal": "westernjournal.com", "wash-post": "washingtonpost.com",
                   "usa-today": "usatoday.com", "politico": "politico.com", "nyt": "nytimes.com",
                   "huff-post": "huffpost.com"}
_WIRE_OUTLETS = {"ap": "apnews.com", "reuters": "reuters.com"}
SAME_TEXT = 0.5  # share of a text's word 5-grams found in another text above which the two are one text


def _load_polnear(root: Path) -> list[SourceText]:
    """Title from metadata.tsv (else the first line), one paragraph per line, the real date.
    Re-filed versions of one article (live blogs, next-day updates) are kept once: two such texts are
    the same story in truth, so keeping both would score correct matches as false merges."""
    meta_path = root / "metadata.tsv"
    if not meta_path.exists():
        raise FileNotFoundError(f"{meta_path} not found: the polnear texts need ../shared (bench only)")
    with meta_path.open(encoding="utf-8", newline="") as fh:
        meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    out = []
    for path in sorted(p for part in ("train", "dev") for p in (root / part / "text").glob("*.txt")):
        text = _polnear_text(path, meta.get(path.stem, {}))
        if text is not None:
            out.append(text)
    return drop_same_texts(out)


def _polnear_text(path: Path, row: dict) -> SourceText | None:
    lines = path.read_text(encoding="utf-8").split("\n")  # first line the title, then one paragraph a line
    paras = tuple(p for p in (" ".join(line.split()) for line in lines[1:]) if len(p) > 1)
    if len(paras) < 2 or sum(len(p.split()) for p in paras) < 50:
        return None
    title = (row.get("title") or "").strip() or lines[0].strip().rstrip(".")
    try:
        published = date.fromisoformat(row.get("publication_date") or "")
    except ValueError:
        published = None
    wire = (row.get("wire") or "").strip().lower()
    outlet = _WIRE_OUTLETS.get(wire) or POLNEAR_OUTLETS.get(row.get("publisher") or path.stem.split("_")[0])
    return SourceText(key=f"pn-{path.stem}", event=f"pn-{path.stem}", title=title, standfirst=None, paragraphs=paras,
                      weekday=published.weekday() if published else None, outlet=outlet, published=published)


def _grams(text: SourceText) -> set[int]:
    words = re.findall(r"[^\W_]+", " ".join(text.paragraphs).lower())
    return {hash(tuple(words[i : i + 5])) for i in range(len(words) - 4)}


def drop_same_texts(texts: list[SourceText], threshold: float = SAME_TEXT) -> list[SourceText]:
    """Keep the first of any texts that share ``threshold`` of the smaller one's 5-grams."""
    kept: list[tuple[SourceText, set[int]]] = []
    index: dict[int, list[int]] = {}
    for t in texts:
        g = _grams(t)
        hits: dict[int, int] = {}
        for h in g:
            for j in index.get(h, ()):
                hits[j] = hits.get(j, 0) + 1
        if any(n >= threshold * min(len(g), len(kept[j][1])) for j, n in hits.items()):
            continue
        for h in g:
            index.setdefault(h, []).append(len(kept))
        kept.append((t, g))
    return [t for t, _ in kept]
