"""JSON Lines dumps (C4, FineWeb, and home-made): one page per line with ``text`` or ``html``.

C4's ``timestamp`` and FineWeb's ``date`` are crawl times, so they become ``fetched_at``, never a
publication date.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from newstrace.model import Page
from newstrace.read.base import ReadOptions, Record, open_maybe_gzip, quarantine

_TEXT_KEYS = ("text", "content", "raw_content")
_HTML_KEYS = ("html", "raw_html")
_TIME_KEYS = ("timestamp", "date", "fetched_at", "crawl_date", "WARC-Date")


def _line_page(obj: object, source: str) -> Record:
    if not isinstance(obj, dict):
        return quarantine(source, "not_an_object", f"JSON value is a {type(obj).__name__}, not an object")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    fetched = next((str(obj[k]) for k in _TIME_KEYS if obj.get(k) not in (None, "")), None)
    for keys, kind in ((_HTML_KEYS, "html"), (_TEXT_KEYS, "text")):
        for key in keys:
            value = obj.get(key)
            if isinstance(value, str):
                return Page(source=source, raw=value.encode("utf-8", "surrogatepass"), content_type=kind, url=url,
                            fetched_at=fetched, text=value, format="jsonl")
    return quarantine(source, "no_text_field", f"none of {_TEXT_KEYS + _HTML_KEYS} holds a string", url=url)


def _read_whole_json(path: Path, options: ReadOptions) -> list[Record] | None:
    """A ``.json`` file may hold one document (an object or a list of objects) rather than lines."""
    with open_maybe_gzip(path) as fh:
        data = fh.read(options.max_line_bytes + 1)
    if len(data) > options.max_line_bytes:
        return None
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None  # not one document: read it as JSON Lines
    items = obj if isinstance(obj, list) else [obj]
    return [_line_page(item, f"{path}#item={i}") for i, item in enumerate(items)]


def read_jsonl(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    if path.name.lower().removesuffix(".gz").endswith(".json"):
        whole = _read_whole_json(path, options)
        if whole is not None:
            yield from whole
            return
    with open_maybe_gzip(path) as fh:
        for lineno, line in enumerate(fh, start=1):
            source = f"{path}#line={lineno}"
            if len(line) > options.max_line_bytes:
                yield quarantine(source, "too_large", f"line of {len(line)} bytes", raw_size=len(line))
                continue
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield quarantine(source, "not_json", str(exc), raw_size=len(line))
                continue
            yield _line_page(obj, source)
