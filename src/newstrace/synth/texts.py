"""Source texts that the synthetic crawl republishes: the bundled hand-written articles, or (for
benchmarks only) the gold bodies of the ScrapingHub extraction set from ../shared."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
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


def load_texts(kind: str = "bundled") -> list[SourceText]:
    """``bundled``: src/newstrace/data/synth_texts; ``scrapinghub``: ../shared ground-truth bodies (bench only)."""
    if kind == "bundled":
        return _load_bundled()
    if kind == "scrapinghub":
        return _load_scrapinghub(_shared_dir() / "data" / "extraction" / "scrapinghub" / "ground-truth.json")
    raise ValueError(f"unknown text kind {kind!r}: expected 'bundled' or 'scrapinghub'")


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
