"""Readers: every input people have (HTML files, WARC/WET, JSON Lines, plain text) as a stream of Pages.

``read_paths`` is the one entry point: it walks folders, picks a reader per file by name and by
sniffing its first bytes, and yields a Quarantine (never an exception) for anything unreadable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newstrace.read.base import ReadOptions, Record, guarded, open_maybe_gzip, quarantine
from newstrace.read.charset import decode
from newstrace.read.files import read_html_file, read_text_file
from newstrace.read.jsonl import read_jsonl
from newstrace.read.warc import read_warc

__all__ = ["ReadOptions", "Record", "decode", "detect_format", "read_path", "read_paths"]

Reader = Callable[[Path, ReadOptions], Iterator[Record]]

_READERS: dict[str, Reader] = {
    "warc": read_warc,
    "wet": read_warc,
    "jsonl": read_jsonl,
    "html": read_html_file,
    "txt": read_text_file,
}

_SUFFIXES = (
    ((".warc", ".arc"), "warc"),
    ((".wet",), "wet"),
    ((".jsonl", ".ndjson", ".json"), "jsonl"),
    ((".html", ".htm", ".xhtml", ".shtml"), "html"),
    ((".txt", ".text"), "txt"),
)


def _sniff(path: Path) -> str:
    try:
        with open_maybe_gzip(path) as fh:
            head = fh.read(512)
    except OSError:
        return "txt"
    stripped = head.lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped[:1] == b"<":
        return "html"
    return "txt"


def detect_format(path: Path) -> str:
    name = path.name.lower()
    for suffix in (".gz", ".bz2"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    for suffixes, fmt in _SUFFIXES:
        if name.endswith(suffixes):
            return fmt
    return _sniff(path)


def _walk(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                yield child
    else:
        yield path


def read_path(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    """Pages of one file (not a folder)."""
    if not path.exists():
        yield quarantine(str(path), "not_found", "no such file or folder")
        return
    if not path.is_file():
        yield quarantine(str(path), "not_a_file", "not a regular file")
        return
    fmt = detect_format(path)
    yield from guarded(str(path), _READERS[fmt](path, options))


def read_paths(paths: Iterable[str | Path], options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    """All pages under the given files and folders, in a stable order."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield quarantine(str(path), "not_found", "no such file or folder")
            continue
        for file in _walk(path):
            yield from read_path(file, options)
