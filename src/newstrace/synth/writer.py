"""Write rendered pages as Common Crawl does: WARC request/response pairs, and WET conversion
records (plain text) for pages crawled as text, each record gzipped on its own. Record ids are
drawn from the crawl's seed so the same seed gives byte-identical files."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from email.utils import format_datetime
from io import BytesIO
from random import Random
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

USER_AGENT = "CCBot/2.0 (https://commoncrawl.org/faq/)"


def warc_date(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def record_id(rng: Random) -> str:
    return f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}>"


def open_writer(fh: BinaryIO, filename: str, rng: Random, when: datetime, description: str) -> WARCWriter:
    """A gzip-per-record writer that starts with a warcinfo record, as crawl files do."""
    writer = WARCWriter(fh, gzip=True)
    fields = (f"software: newstrace.synth\r\nformat: WARC File Format 1.0\r\ndescription: {description}\r\n"
              "isPartOf: newstrace-synthetic-crawl\r\n").encode()
    rec = writer.create_warc_record("", "warcinfo", payload=BytesIO(fields), length=len(fields),
                                    warc_content_type="application/warc-fields",
                                    warc_headers_dict={"WARC-Date": warc_date(when), "WARC-Record-ID": record_id(rng),
                                                       "WARC-Filename": filename})
    writer.write_record(rec)
    return writer


def write_response(writer: WARCWriter, url: str, html: str, fetched: datetime, rng: Random,
                   charset: str = "utf-8", charset_in_http: bool = True) -> None:
    """A WARC request + response pair for one fetched HTML page, encoded as the site serves it."""
    body = html.encode(charset, errors="xmlcharrefreplace")
    content_type = f"text/html; charset={charset}" if charset_in_http else "text/html"
    date, req_id, resp_id = warc_date(fetched), record_id(rng), record_id(rng)
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "") or "/"
    req_headers = StatusAndHeaders(f"GET {path} HTTP/1.1", [("Host", parts.netloc), ("User-Agent", USER_AGENT),
                                   ("Accept", "text/html,application/xhtml+xml")], is_http_request=True)
    req = writer.create_warc_record(url, "request", payload=BytesIO(b""), length=0, http_headers=req_headers,
                                    warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": req_id,
                                                       "WARC-Concurrent-To": resp_id})
    http_headers = StatusAndHeaders("200 OK", [
        ("Date", format_datetime(fetched.replace(tzinfo=timezone.utc), usegmt=True)),
        ("Server", "nginx"), ("Content-Type", content_type), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1")
    resp = writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                     http_headers=http_headers,
                                     warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": resp_id})
    writer.write_record(req)
    writer.write_record(resp)


def write_conversion(writer: WARCWriter, url: str, text: str, fetched: datetime, rng: Random) -> None:
    """A WET conversion record: the page's visible text, one block a line."""
    body = text.encode("utf-8")
    rec = writer.create_warc_record(url, "conversion", payload=BytesIO(body), length=len(body),
                                    warc_content_type="text/plain",
                                    warc_headers_dict={"WARC-Date": warc_date(fetched),
                                                       "WARC-Record-ID": record_id(rng),
                                                       "WARC-Refers-To": record_id(rng),
                                                       "WARC-Identified-Content-Language": "eng"})
    writer.write_record(rec)
