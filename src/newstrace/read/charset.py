"""Bytes to text for pages whose declared charset may lie.

Order of trust, and why: a BOM is unambiguous; bytes that decode as strict UTF-8 are UTF-8 with
overwhelming likelihood whatever the header says (the common lie is "ISO-8859-1" on UTF-8 pages);
then a declared charset (HTTP header, then <meta>) is tried strictly; when it fails (cp1251 declared
as UTF-8), charset-normalizer guesses; last, UTF-8 with replacement characters so nothing is lost.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{2,40})""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SNIFF_BYTES = 4096
_DETECT_BYTES = 256 * 1024  # enough for charset-normalizer; keeps a 50 MB page from costing seconds


def normalise_charset(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None


def meta_charset(raw: bytes) -> str | None:
    m = _META_CHARSET.search(raw[:_SNIFF_BYTES])
    return normalise_charset(m.group(1).decode("ascii", "ignore")) if m else None


def decode(raw: bytes, declared: str | None = None, *, html: bool = True) -> tuple[str, str, str]:
    """Return (text, encoding, how): ``how`` says which rule chose the encoding, for the record's evidence."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return raw.decode(enc, errors="replace"), enc, "bom"
    try:
        return raw.decode("utf-8"), "utf-8", "valid_utf8"
    except UnicodeDecodeError:
        pass
    for how, enc in (("declared", normalise_charset(declared)), ("meta", meta_charset(raw) if html else None)):
        if enc and enc != "utf-8":
            try:
                return raw.decode(enc), enc, how
            except (UnicodeDecodeError, LookupError):
                continue
    best = from_bytes(raw[:_DETECT_BYTES]).best()
    if best is not None and best.encoding:
        return raw.decode(best.encoding, errors="replace"), best.encoding, "detected"
    return raw.decode("utf-8", errors="replace"), "utf-8", "fallback_replace"
