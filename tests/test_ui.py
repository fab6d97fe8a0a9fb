"""The local web UI: every page served from a real store (the demo crawl, and hostile pages), every
local link and anchor resolves, scraped text is never markup, and marks point at the right words."""

from __future__ import annotations

import html
import io
import json
import re
import threading
import urllib.request
from pathlib import Path
from urllib.parse import quote
from wsgiref.util import setup_testing_defaults

import pytest
from typer.testing import CliRunner

from newstrace import api
from newstrace.cli import app as cli
from newstrace.store.db import Store
from newstrace.ui import App, make_server
from newstrace.ui.marks import Mark, marked_html

RT_URL = "https://www.rt.com/news/585960-macron-coalition-isis-hamas/"
_TAG = re.compile(r"<[^>]+>")


def _plain(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment))


def get(app: App, target: str, method: str = "GET") -> tuple[str, dict, str]:
    path, _, query = target.partition("?")
    env: dict = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "wsgi.input": io.BytesIO()}
    setup_testing_defaults(env)
    seen: dict = {}
    body = b"".join(app(env, lambda status, headers: seen.update(status=status, headers=dict(headers))))
    return seen["status"], seen["headers"], body.decode("utf-8")


def _piece(page: str, anchor: str) -> str:
    """The words of the mark right after anchor ``anchor`` (its first piece)."""
    m = re.search(rf'id="{re.escape(anchor)}"></span>(?:<span class="anchor"[^>]*></span>)*<mark[^>]*>(.*?)</mark>',
                  page, re.S)
    assert m, f"no mark after #{anchor}"
    return _plain(m.group(1))


# ---------------------------------------------------------------------------------------------- marks


def test_marks_escape_the_text_and_keep_every_character_under_overlaps():
    text = "<script>alert(1)</script> & the \"mayor\" said 5,700 people fled on Tuesday."
    marks = [Mark(0, 25, "quote", "q-0-25", 'a "title" <b>'), Mark(10, 40, "claim", "c-10-40"),
             Mark(33, 40, "time", "t-33-40"), Mark(60, 500, "edit", "e0-c"), Mark(5, 5, "empty"), Mark(9, 3, "bad")]
    out = marked_html(text, marks)
    assert "<script" not in out and "<b>" not in out
    assert _plain(out) == text  # nothing lost, nothing added but markup
    assert out.count('class="anchor"') == 4  # the empty and the backwards spans are dropped
    # the piece both the quote and the claim cover carries both classes
    assert re.search(r'<mark class="quote claim"[^>]*>' + re.escape(html.escape(text[10:25], quote=False)), out)
    assert 'title="a &quot;title&quot; &lt;b&gt;"' in out
    # the span past the end is clipped to the text
    assert _piece(out, "e0-c") == text[60:]


def test_marks_are_linear_in_many_spans():
    text = "word " * 40_000
    out = marked_html(text, [Mark(i, i + 4, "claim", f"c{i}") for i in range(0, len(text), 5)])
    assert _plain(out) == text and out.count("<mark") == 40_000


# ---------------------------------------------------------------------------------------------- the demo store


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory) -> App:
    db = tmp_path_factory.mktemp("ui") / "demo.duckdb"
    api.demo(db)
    return App(db)


def _rt_story(app: App):
    return next(s for s in api.stories(app.db) if s.origin_url == RT_URL)


def test_every_page_is_safe_and_every_local_link_and_anchor_resolves(demo_app):
    """Walk the UI from / as a reader would: every local link answers 200 and every #anchor exists."""
    pages: dict[str, str] = {}
    queue, wanted = ["/"], []
    while queue and len(pages) < 400:
        target = queue.pop()
        if target in pages:
            continue
        status, headers, body = get(demo_app, target)
        assert status == "200 OK", target
        assert "script-src" not in headers["Content-Security-Policy"] and "default-src 'none'" in headers[
            "Content-Security-Policy"]
        assert "<script" not in body.lower()
        pages[target] = body
        for link in re.findall(r'href="([^"]+)"', body):
            link = html.unescape(link)
            if link.startswith(("http://", "https://")):
                continue
            path, _, frag = link.partition("#")
            path = path or target
            if path != "/static/style.css":
                queue.append(path)
            if frag:
                wanted.append((path, frag))
    assert any(p.startswith("/story/") and "/compare/" in p for p in pages)
    assert any(p.startswith("/article/") for p in pages) and "/claims" in pages and "/quarantine" in pages
    missing = [(p, f) for p, f in wanted if f'id="{f}"' not in pages[p]]
    assert not missing, missing[:5]
    for body in pages.values():  # outside links never leak the UI's address and never reach a script
        for a in re.findall(r'<a href="https?://[^>]*>', body):
            assert 'rel="noopener noreferrer nofollow"' in a


def test_story_page_shows_the_origin_its_evidence_and_each_copys_edits(demo_app):
    story = _rt_story(demo_app)
    status, _, page = get(demo_app, f"/story/{story.id}")
    assert status == "200 OK"
    text = _plain(page)
    assert "Macron wants anti-IS coalition to go after Hamas" in text
    for e in story.evidence:
        assert e.detail in text
    assert "credits it: 'Russia Today'" in text and "credit_added" in text and "truncated" in text
    # the claim drift trace adds is on the page too, not only the stored edits
    assert "hedge over -> nearly" in text


def test_compare_marks_each_edit_on_the_words_it_names(demo_app):
    story = api.trace(RT_URL, demo_app.db)
    copy = next(m for m in story.members if any(e.type == "numbers_changed" for e in m.edits))
    status, _, page = get(demo_app, f"/story/{story.id}/compare/{copy.page_id}")
    assert status == "200 OK"
    checked = 0
    for i, e in enumerate(copy.edits):
        for side, span, words in (("s", e.span_source, e.before), ("c", e.span_copy, e.after)):
            if span and words:
                assert words.startswith(_piece(page, f"e{i}-{side}")), (e.type, side)
                checked += 1
    assert checked >= 4
    assert "aligned passages" in page and 'class="passage' in page


def test_article_page_of_the_blog_copy_shows_credit_outlet_furniture_and_marks(demo_app):
    blog = next(m for m in _rt_story(demo_app).members if "jesus-coming-back" in (m.url or ""))
    _, _, page = get(demo_app, f"/article/{blog.page_id}")
    text = _plain(page)
    assert "Russia Today" in text and "state-affiliated (State Media Matrix)" in text
    assert "Comments are closed." in text and "cookie_banner" in text
    with Store(demo_app.db, read_only=True) as st:
        article = st.article(blog.page_id)
    for q in article.quotes:
        assert _piece(page, f"q-{q.span[0]}-{q.span[1]}") in q.text
    assert article.claims and all(f'id="c-{c.span[0]}-{c.span[1]}"' in page for c in article.claims)


def test_find_a_page_by_url_leads_to_its_story_or_to_the_page(demo_app):
    story = _rt_story(demo_app)
    blog = next(m for m in story.members if "jesus-coming-back" in (m.url or ""))
    status, headers, _ = get(demo_app, f"/find?ref={quote(blog.url, safe='')}")
    assert status == "303 See Other" and headers["Location"] == f"/story/{story.id}"
    with Store(demo_app.db, read_only=True) as st:
        in_story = {m.page_id for s in api.stories(demo_app.db) for m in s.members}
        alone = next(a for a in st.articles() if a.page_id not in in_story and a.url)
    status, headers, _ = get(demo_app, f"/find?ref={quote(alone.url, safe='')}")
    assert status == "303 See Other" and headers["Location"] == f"/article/{alone.page_id}"
    assert get(demo_app, "/find?ref=https%3A%2F%2Fnowhere.example%2Fx")[0] == "404 Not Found"
    assert 'action="/find"' in get(demo_app, "/")[2]


def test_stories_come_a_page_at_a_time_in_the_order_of_stories(demo_app, monkeypatch):
    from newstrace.ui import pages

    monkeypatch.setattr(pages, "STORIES_PER_PAGE", 3)
    everything = [s.id for s in api.stories(demo_app.db)]
    seen, n = [], 0
    while True:
        _, _, page = get(demo_app, f"/?page={n}")
        seen += re.findall(r'<td><a href="/story/([^"]+)">', page)
        assert f"{len(everything)} stories of two or more pages" in page
        if "next →" not in page:
            break
        n += 1
    assert n == 2 and seen == everything and "← previous" in page


def test_claims_search_and_errors(demo_app):
    _, _, page = get(demo_app, "/claims?about=troops")
    rows = _plain(page)
    assert "2,500 troops" in rows and "600 soldiers" not in rows
    assert get(demo_app, "/story/nope")[0] == "404 Not Found"
    assert get(demo_app, "/article/nope")[0] == "404 Not Found"
    assert get(demo_app, "/etc/passwd")[0] == "404 Not Found"
    assert get(demo_app, "/", method="POST")[0] == "405 Method Not Allowed"
    assert get(App(demo_app.db.parent / "missing.duckdb"), "/")[0] == "503 Service Unavailable"
    assert get(demo_app, "/?page=zz")[0] == "200 OK"


# ---------------------------------------------------------------------------------------------- hostile pages


def test_hostile_text_and_urls_are_shown_never_run(tmp_path: Path):
    """A page whose title, body and URL are attacks: the UI shows them as text, links none of them."""
    body = ("Flood <script>alert('t')</script> hits the town\n\n"
            "Residents said on Monday that <img src=x onerror=alert(1)> more than 2,000 people had left their "
            "homes as the river rose, according to the mayor, who called it \"the worst flood in memory\".\n\n"
            "The council said it had opened 14 shelters and asked volunteers to bring <b>food</b> and water, "
            "and warned that the water would keep rising until Thursday at least.")
    dump = tmp_path / "hostile.jsonl"
    dump.write_text(json.dumps({"url": "javascript:alert(document.cookie)", "text": body}) + "\n")
    db = tmp_path / "h.duckdb"
    api.ingest([str(dump)], db=db, workers=1)
    app = App(db)
    with Store(db, read_only=True) as st:
        (article,) = list(st.articles())
    assert "<script>" in article.text  # the attack survived extraction, so the page below is a real test
    _, _, page = get(app, f"/article/{article.page_id}")
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<b>food" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "javascript:" in _plain(page) and 'href="javascript' not in page.lower()
    _, _, listing = get(app, "/claims")
    assert "<script" not in listing.lower()


def test_served_over_http_and_cli_refuses_a_missing_store(demo_app, tmp_path: Path):
    server = make_server(demo_app.db, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/"
        with urllib.request.urlopen(url, timeout=10) as res:
            assert res.status == 200 and res.headers["Content-Security-Policy"].startswith("default-src 'none'")
            assert b"Macron wants anti-IS coalition" in res.read()
    finally:
        server.shutdown()
        server.server_close()
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no store" in result.output
