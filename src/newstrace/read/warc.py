"""WARC and WET files (Common Crawl): response records are HTML pages, conversion records are plain text.

Streaming: records are read one at a time from the (gzipped) stream, so a 5 GB file is never held
whole. A record that cannot be read becomes a quarantine row pointing at ``path#offset=N``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newstrace.read.base import STREAM_ERRORS, ReadOptions, Record, quarantine, read_limited
from newstrace.model import Page

_HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml")


def _charset_of(content_type: str | None) -> str | None:
    if not content_type or "charset=" not in content_type.lower():
        return None
    return content_type.lower().split("charset=", 1)[1].split(";")[0].strip() or None


def _record_page(record, source: str, options: ReadOptions) -> Record | None:
    rtype = record.rec_type
    if rtype not in ("response", "conversion", "resource"):
        return None  # request, metadata, warcinfo: not pages
    url = record.rec_headers.get_header("WARC-Target-URI")
    fetched = record.rec_headers.get_header("WARC-Date")
    ctype = None
    if rtype == "response":
        if record.http_headers is None:
            return quarantine(source, "no_http_headers", "response record without an HTTP header block", url=url)
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None  # redirects and errors are not pages; counted by the caller as skipped
        ctype = record.http_headers.get_header("Content-Type") or ""
        if ctype and not ctype.lower().startswith(_HTML_TYPES):
            return None
    raw, too_big = read_limited(record.content_stream(), options.max_page_bytes)
    if too_big:
        return quarantine(source, "too_large", f"record payload over {options.max_page_bytes} bytes", url=url)
    if rtype == "conversion":
        return Page(source=source, raw=raw, content_type="text", url=url, fetched_at=fetched, format="wet")
    kind = "text" if (ctype or "").lower().startswith("text/plain") else "html"
    return Page(source=source, raw=raw, content_type=kind, url=url, fetched_at=fetched,
                declared_charset=_charset_of(ctype), format="warc")


def read_warc(path: Path, options: ReadOptions = ReadOptions()) -> Iterator[Record]:
    """Yield a Page per HTML response or WET conversion record, a Quarantine per unreadable one."""
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh, arc2warc=True)
        offset, end = 0, 0
        try:
            for record in it:
                # warcio knows a record's offset only once its payload was read, so the pointer is set after.
                try:
                    out = _record_page(record, "", options)
                except STREAM_ERRORS + (ArchiveLoadFailed,) as exc:
                    yield quarantine(f"{path}#offset={end}", "truncated_record", f"{type(exc).__name__}: {exc}")
                    return
                offset = it.get_record_offset()
                end = offset + (it.get_record_length() or 0)
                if out is not None:
                    yield replace(out, source=f"{path}#offset={offset}")
        except (ArchiveLoadFailed, *STREAM_ERRORS) as exc:
            # The stream is broken past this point (bad gzip member, lying Content-Length, truncation).
            yield quarantine(f"{path}#offset={offset}", "corrupt_warc",
                             f"{type(exc).__name__}: {str(exc)[:200]}; the stream breaks after the record at "
                             f"this offset; later records were not read")
            return
    size = path.stat().st_size
    if size - end > 4:  # warcio ends quietly on a truncated last member: bytes left unread are a lost record
        yield quarantine(f"{path}#offset={end}", "truncated_record",
                         f"{size - end} bytes after the last complete record could not be read as a record",
                         raw_size=size - end)
