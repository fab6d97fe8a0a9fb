"""Hostile and broken pages through the whole per-page chain: never an exception, never a silent drop."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings, strategies as st

from newstrace.model import Article, Page, Quarantine
from newstrace.pipeline import Context, process


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context.load()


def _page(raw: bytes, kind: str) -> Page:
    return Page(source="fuzz", raw=raw, content_type=kind, url="https://fuzz.example/a")


@settings(max_examples=40, deadline=None)
@given(raw=st.binary(max_size=3000), kind=st.sampled_from(["html", "text"]))
def test_random_bytes_give_an_article_or_a_quarantine(ctx, raw, kind):
    result = process(_page(raw, kind), ctx)
    assert isinstance(result, (Article, Quarantine))


@settings(max_examples=30, deadline=None)
@given(text=st.text(max_size=2000))
def test_random_text_never_raises(ctx, text):
    result = process(_page(text.encode("utf-8", "surrogatepass"), "text"), ctx)
    assert isinstance(result, (Article, Quarantine))


def test_empty_pages_give_an_empty_body_with_a_reason(ctx):
    for kind in ("html", "text"):
        result = process(_page(b"", kind), ctx)
        assert isinstance(result, Article) and result.body == [] and result.errors


def test_deeply_nested_html_does_not_crash(ctx):
    raw = b"<html><body>" + b"<div>" * 50_000 + b"<p>deep</p>" + b"</div>" * 50_000 + b"</body></html>"
    assert isinstance(process(_page(raw, "html"), ctx), (Article, Quarantine))


def test_control_characters_and_mixed_scripts(ctx):
    text = ("Заголовок новости\n\n" + "\x00\x01\x1b[31m Normal words and  عربي نص 中文 mixed in one line, as scraped. " * 30
            + "\n\nAnother paragraph that reads like a sentence of a news report, with words.\n")
    result = process(_page(text.encode(), "text"), ctx)
    assert isinstance(result, Article)
    assert all("\x00" not in p for p in result.body)


def test_ten_megabyte_single_line_is_linear(ctx):
    line = ("The council said the new budget would be published next week, officials added. " * 130_000)[:10_000_000]
    started = time.perf_counter()
    result = process(_page(line.encode(), "text"), ctx)
    elapsed = time.perf_counter() - started
    assert isinstance(result, (Article, Quarantine))
    assert elapsed < 60, f"10 MB single line took {elapsed:.1f}s"
