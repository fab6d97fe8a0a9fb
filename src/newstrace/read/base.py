"""What every reader shares: one loop that turns a file into Pages, and turns every failure into a
Quarantine row with a reason and a pointer to the raw bytes, so nothing is dropped silently."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newstrace.model import Page, Quarantine

Record = Page | Quarantine

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Limits that protect a batch from one pathological record."""

    max_page_bytes: int = 20 * 1024 * 1024  # larger records are quarantined, not parsed
    max_line_bytes: int = 64 * 1024 * 1024  # JSON Lines: a longer line is quarantined


def quarantine(source: str, reason: str, detail: str = "", *, url: str | None = None,
               raw_size: int | None = None) -> Quarantine:
    return Quarantine(source=source, reason=reason, detail=detail[:500], stage="read", url=url, raw_size=raw_size)


def open_maybe_gzip(path: Path) -> io.BufferedIOBase:
    """Open a file, transparently gunzipping it when it starts with the gzip magic (whatever its name says)."""
    fh = open(path, "rb")
    head = fh.peek(2)[:2] if hasattr(fh, "peek") else b""
    if head == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=fh)  # type: ignore[return-value]
    return fh


# Errors a corrupt or truncated compressed stream raises while being read.
STREAM_ERRORS = (EOFError, OSError, zlib.error, gzip.BadGzipFile, ValueError)


def read_limited(fh: io.BufferedIOBase, limit: int) -> tuple[bytes, bool]:
    """Read at most ``limit`` bytes; the flag says whether more was there (the record is too large)."""
    data = fh.read(limit + 1)
    return data[:limit], len(data) > limit


def guarded(source: str, records: Iterator[Record]) -> Iterator[Record]:
    """Run a reader's generator; an unexpected exception becomes one quarantine row instead of ending the batch."""
    try:
        yield from records
    except STREAM_ERRORS as exc:
        yield quarantine(source, "corrupt_stream", f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # noqa: BLE001 - the batch goes on; the reason is kept
        yield quarantine(source, "reader_error", f"{type(exc).__name__}: {exc}")
