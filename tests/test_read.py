"""Readers: every input format, and every kind of bad input the issue names, end in a Page or a
Quarantine row with a reason and a pointer to the raw bytes — never an exception, never a silent drop."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import write_warc
from newstrace.model import Page, Quarantine
from newstrace.read import ReadOptions, decode, read_path, read_paths

HTML = "<html><head><title>Flood warning</title></head><body><p>Rivers rose across the valley.</p></body></html>"


def _all(paths, **kw):
    return list(read_paths([str(p) for p in paths], **kw))


def test_html_folder_is_read_recursively_in_stable_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.htm").write_text(HTML)
    (tmp_path / "a.html").write_text(HTML)
    (tmp_path / ".hidden.html").write_text(HTML)
    recs = _all([tmp_path])
    assert [Path(r.source).name for r in recs] == ["a.html", "two.htm"]
    assert all(isinstance(r, Page) and r.content_type == "html" for r in recs)


def test_warc_response_records_keep_url_and_crawl_time(tmp_path: Path):
    path = write_warc(tmp_path / "crawl.warc.gz", [
        {"url": "https://example.org/a", "body": HTML.encode(), "date": "2023-11-02T10:00:00Z"},
        {"url": "https://example.org/moved", "body": b"", "status": "301 Moved"},
        {"url": "https://example.org/img.png", "body": b"\x89PNG", "ctype": "image/png"},
        {"url": "https://example.org/b", "body": HTML.encode("cp1252"), "ctype": "text/html; charset=windows-1252"},
    ])
    recs = _all([path])
    assert [r.url for r in recs] == ["https://example.org/a", "https://example.org/b"]
    assert recs[0].fetched_at == "2023-11-02T10:00:00Z"
    assert recs[1].declared_charset == "windows-1252"
    assert all("#offset=" in r.source for r in recs)


def test_wet_conversion_records_are_text_pages(tmp_path: Path):
    path = write_warc(tmp_path / "crawl.warc.wet.gz", [
        {"url": "https://blog.example/p", "body": "Title\n\nSome text.".encode(), "type": "conversion"}])
    (rec,) = _all([path])
    assert rec.content_type == "text" and rec.format == "wet" and rec.url == "https://blog.example/p"


def test_jsonl_c4_style_with_a_broken_line(tmp_path: Path):
    lines = [json.dumps({"text": "Body one.", "url": "https://a.example/1", "timestamp": "2019-04-25T12:57:54Z"}),
             "{not json",
             json.dumps({"html": HTML, "url": "https://a.example/2"}),
             json.dumps([1, 2]),
             json.dumps({"url": "https://a.example/3"})]
    path = tmp_path / "c4.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    recs = _all([path])
    assert [type(r).__name__ for r in recs] == ["Page", "Quarantine", "Page", "Quarantine", "Quarantine"]
    assert recs[0].fetched_at == "2019-04-25T12:57:54Z" and recs[0].content_type == "text"
    assert recs[1].reason == "not_json" and recs[1].source.endswith("#line=2")
    assert recs[2].content_type == "html"
    assert recs[3].reason == "not_an_object" and recs[4].reason == "no_text_field"


def test_missing_path_and_empty_file(tmp_path: Path):
    (tmp_path / "empty.html").write_bytes(b"")
    recs = _all([tmp_path / "nope.warc.gz", tmp_path / "empty.html"])
    assert isinstance(recs[0], Quarantine) and recs[0].reason == "not_found"
    assert isinstance(recs[1], Page) and recs[1].raw == b""


def test_truncated_gzip_warc_keeps_the_records_before_the_break(tmp_path: Path):
    good = write_warc(tmp_path / "good.warc.gz", [
        {"url": f"https://example.org/{i}", "body": (HTML * 20).encode()} for i in range(3)])
    data = good.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    recs = _all([cut])
    pages = [r for r in recs if isinstance(r, Page)]
    bad = [r for r in recs if isinstance(r, Quarantine)]
    assert len(pages) == 2 and len(bad) == 1
    assert bad[0].reason in ("corrupt_warc", "truncated_record", "corrupt_stream") and "#offset=" in bad[0].source


def test_warc_record_with_lying_content_length(tmp_path: Path):
    body = HTML.encode()
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/lie\r\n"
              b"WARC-Date: 2023-11-02T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
              b"Content-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body + b"\r\n\r\n")
    path = tmp_path / "lie.warc"
    path.write_bytes(record)
    recs = _all([path])
    assert recs, "a lying record must not vanish"
    assert all(isinstance(r, (Page, Quarantine)) for r in recs)


def test_too_large_page_is_quarantined_not_parsed(tmp_path: Path):
    big = tmp_path / "big.html"
    with open(big, "wb") as fh:
        fh.write(b"<html><body>" + b"<p>word </p>" * (50 * 1024 * 1024 // 12) + b"</body></html>")
    (rec,) = _all([big])
    assert isinstance(rec, Quarantine) and rec.reason == "too_large"
    (small,) = list(read_paths([str(big)], ReadOptions(max_page_bytes=60 * 1024 * 1024)))
    assert isinstance(small, Page)


def test_cp1251_declared_as_utf8_is_decoded_as_cyrillic():
    text = "<html><head><meta charset='utf-8'></head><body><p>Москва заявила, что переговоры продолжатся.</p></body></html>"
    decoded, enc, how = decode(text.encode("cp1251"), "utf-8")
    assert "Москва" in decoded and how == "detected"


def test_utf8_page_declared_latin1_stays_utf8():
    decoded, enc, how = decode("Zürich — “quoted”".encode("utf-8"), "iso-8859-1")
    assert decoded == "Zürich — “quoted”" and how == "valid_utf8"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096), name=st.sampled_from(["x.warc.gz", "x.warc", "x.jsonl", "x.jsonl.gz",
                                                             "x.html", "x.txt", "x.json", "x.wet.gz", "x.bin"]))
def test_random_bytes_never_raise(tmp_path_factory, data: bytes, name: str):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    recs = list(read_path(path))
    assert all(isinstance(r, (Page, Quarantine)) for r in recs)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2048), st.sampled_from([None, "utf-8", "cp1251", "latin-1", "bogus-charset"]))
def test_decode_never_raises(data: bytes, declared):
    text, enc, how = decode(data, declared)
    assert isinstance(text, str)
