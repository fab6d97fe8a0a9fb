"""Single files: saved HTML pages and plain-text pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newstrace.model import Page
from newstrace.read.base import ReadOptions, Record, open_maybe_gzip, quarantine, read_limited


def _read_file(path: Path, kind: str, fmt: str, options: ReadOptions) -> Iterator[Record]:
    with open_maybe_gzip(path) as fh:
        raw, too_big = read_limited(fh, options.max_page_bytes)
    if too_big:
        yield quarantine(str(path), "too_large", f"file over {options.max_page_bytes} bytes")
        return
    yield Page(source=str(path), raw=raw, content_type=kind, format=fmt)


def read_html_file(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    yield from _read_file(path, "html", "html", options)


def read_text_file(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    yield from _read_file(path, "text", "txt", options)
