"""The bundled demo crawl (src/newstrace/data/demo): where it is. Building it lives in demo_build."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_INPUT_SUFFIXES = (".warc.gz", ".wet.gz", ".jsonl", ".html", ".txt")


def _demo_dir() -> Path:
    return Path(str(resources.files("newstrace") / "data" / "demo"))


def demo_paths() -> list[Path]:
    """The demo's page files (WARC, WET, JSON Lines, HTML, text), sorted; not its README or truth."""
    folder = _demo_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name.endswith(_INPUT_SUFFIXES))


def demo_truth_path() -> Path:
    """Ground truth for the demo pages: a JSON list with the same keys as truth.jsonl."""
    return _demo_dir() / "truth.json"
