"""The Spark engine gives the local engine's answers: same articles per page_id, same quarantine, same
stories (members, origins, relations, ids); its stages resume; manifests and remote paths expand.

One shared local[2] session (conftest), one small generated crawl run through both engines once;
every parity assertion reads those two outputs. tests/test_spark_parity.py does the same at 5,000 pages.
"""

from __future__ import annotations

import gzip
import random
import shutil
from pathlib import Path

import pytest

from newstrace.engine.spark_io import expand_inputs, manifest_base, manifest_lines, read_any
from newstrace.model import Quarantine

from conftest import spark_test, store_tables, write_warc


# ---- a crawl: the synthetic generator when it has texts, else a small hand-built one -------------

_SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "del", "pri", "sun", "ber", "gal", "nor", "tek", "zu", "fa"]


def _words(rng: random.Random, n: int) -> str:
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(n))


def _html(title: str, paras: list[str], date: str, site: str) -> bytes:
    body = "".join(f"<p>{p}.</p>" for p in paras)
    return (f"<html><head><title>{title} | {site}</title><meta property='article:published_time' content='{date}'>"
            f"<meta property='og:site_name' content='{site}'></head><body><nav>Home News Sport</nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Copyright {site}</footer></body></html>").encode()


def _handmade_crawl(out: Path) -> list[Path]:
    """Stories copied from an outlet to blogs (whole, excerpted, credited), unrelated pages, a WET
    file, a duplicate record and a broken file: every path the engines must agree on."""
    rng = random.Random(7)
    warc1, warc2, wet = [], [], []
    for s in range(8):
        title = _words(rng, 6).title()
        paras = [_words(rng, 45) for _ in range(5)]
        origin = f"https://news-outlet.example/2024/0{s % 9 + 1}/story-{s}"
        warc1.append({"url": origin, "body": _html(title, paras, f"2024-03-{10 + s}", "Outlet News")})
        for c in range(1 + s % 3):
            kept = paras if c != 1 else paras[:3]
            credit = [f"This article originally appeared on Outlet News"] if c % 2 == 0 else []
            page = _html(title if c else _words(rng, 5).title(), kept + credit, f"2024-03-{11 + s}", f"Blog {c}")
            (warc2 if c % 2 else warc1).append({"url": f"https://blog{c}.example/{s}", "body": page})
        wet.append({"url": f"https://plain-blog.example/{s}", "type": "conversion",
                    "body": ("Home | About | Contact\n" + title + "\n\n" + "\n\n".join(paras) + "\n\nSubscribe now").encode()})
    for n in range(12):
        warc2.append({"url": f"https://other.example/{n}", "body": _html(_words(rng, 5), [_words(rng, 60)], "2024-02-01", "Other")})
    warc2.append(dict(warc1[0]))  # the same record again: skipped as a duplicate by both engines
    warc2.append({"url": "https://other.example/missing", "body": b"gone", "status": "404 Not Found"})
    files = [write_warc(out / "a.warc.gz", warc1), write_warc(out / "b.warc.gz", warc2),
             write_warc(out / "c.wet.gz", wet)]
    broken = out / "d.warc.gz"
    broken.write_bytes(files[0].read_bytes()[:1500])  # truncated mid-record: a quarantine row
    return [*files, broken]


def _bad_inputs(out: Path) -> list[Path]:
    """Records both engines must quarantine identically: a non-JSON line, a missing file."""
    jsonl = out / "dump.jsonl"
    jsonl.write_text('{"url": "https://c4.example/1", "text": "A short page.\\nWith two lines."}\n{not json\n')
    return [jsonl, out / "missing.warc.gz"]


def _crawl(out: Path) -> list[Path]:
    try:
        from newstrace.synth import generate_crawl, load_texts

        texts = load_texts("bundled")
        if texts:
            return list(generate_crawl(out, 120, seed=3, texts=texts, pages_per_warc=40).inputs) + _bad_inputs(out)
    except Exception:  # noqa: BLE001 - the generator is optional here; the hand-built crawl always works
        pass
    return _handmade_crawl(out) + _bad_inputs(out)


# ---- fixtures ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def runs(spark, tmp_path_factory):
    """The same crawl through the local engine (DuckDB) and the Spark engine (Parquet)."""
    from newstrace.engine.local import ingest as local_ingest
    from newstrace.engine.spark import ingest as spark_ingest
    from newstrace.store.db import Store

    root = tmp_path_factory.mktemp("spark")
    (root / "crawl").mkdir()
    files = [str(p) for p in _crawl(root / "crawl")]
    with Store(root / "local.duckdb") as store:
        local_stats = local_ingest(files, store, workers=1)
    spark_stats = spark_ingest(files, root / "out", spark=spark)
    return {"files": files, "db": root / "local.duckdb", "out": root / "out",
            "local": local_stats, "spark": spark_stats}


# ---- parity ---------------------------------------------------------------------------------------

@spark_test
def test_articles_identical_per_page_id(runs):
    a, b = store_tables(runs["db"]), store_tables(runs["out"])
    assert len(a["articles"]) >= 30
    assert a["articles"].keys() == b["articles"].keys()
    for pid, row in a["articles"].items():
        assert b["articles"][pid] == row, pid
    assert a["pages"] == b["pages"]
    assert len(a["quarantine"]) >= 2
    assert a["quarantine"] == b["quarantine"]


@spark_test
def test_stories_identical(runs):
    a, b = store_tables(runs["db"])["stories"], store_tables(runs["out"])["stories"]
    assert len(a) >= 3, "the crawl must hold stories for this test to mean anything"
    assert a.keys() == b.keys()
    for sid, story in a.items():
        assert b[sid]["origin"] == story["origin"]
        assert sorted((m["page_id"], m["relation"], m["copied_from"]) for m in b[sid]["members"]) == \
            sorted((m["page_id"], m["relation"], m["copied_from"]) for m in story["members"])
        assert b[sid] == story


@spark_test
def test_stats_match_local_engine(runs):
    lo, sp = runs["local"], runs["spark"]
    for name in ("read", "articles", "empty", "quarantined", "skipped"):
        assert getattr(sp, name) == getattr(lo, name), name
    assert sp.reasons == lo.reasons
    assert sp.corpus.matches == lo.corpus.matches
    assert sp.corpus.stories_total == lo.corpus.stories_total


@spark_test
def test_cli_reads_the_parquet_folder(runs):
    from newstrace import api

    stories = api.stories(runs["out"])
    assert stories and all(len(s.members) >= 2 for s in stories)
    member = stories[0].members[-1]
    assert api.trace(member.page_id, runs["out"]).id == stories[0].id


@spark_test
def test_ui_serves_the_parquet_folder_as_it_serves_the_store(runs):
    """Every story, comparison and member page of the web UI is the same page on both engines' output."""
    from test_ui import get

    from newstrace import api
    from newstrace.ui import App

    local, spark = App(runs["db"]), App(runs["out"])
    paths = ["/", "/quarantine", "/claims"]
    for s in api.stories(runs["db"]):
        paths.append(f"/story/{s.id}")
        paths += [f"/story/{s.id}/compare/{m.page_id}" for m in s.members if m.relation != "origin"]
        paths += [f"/article/{m.page_id}" for m in s.members]
    assert len(paths) > 10
    for path in paths:
        lo, sp = get(local, path), get(spark, path)
        assert lo[0] == "200 OK" and sp[0] == "200 OK", path
        assert sp[2] == lo[2], path


# ---- restartable stages ---------------------------------------------------------------------------

def _success_times(out: Path) -> dict[str, float]:
    return {p.parent.name: p.stat().st_mtime for p in out.glob("*/_SUCCESS")}


@spark_test
def test_rerun_skips_finished_stages(runs, spark):
    from newstrace.engine.spark import ingest

    before = _success_times(runs["out"])
    assert {"pages", "articles", "quarantine", "signatures", "bands", "matches", "components", "stories"} <= set(before)
    assert not (runs["out"] / "_shingled").exists(), "the verify stage's work table is dropped once matches exist"
    stats = ingest(runs["files"], runs["out"], spark=spark)
    assert _success_times(runs["out"]) == before
    assert (stats.read, stats.articles, stats.quarantined) == (runs["spark"].read, runs["spark"].articles,
                                                               runs["spark"].quarantined)


@spark_test
def test_incomplete_stage_is_redone(runs, spark, tmp_path):
    from newstrace.engine.spark import ingest

    out = tmp_path / "copy"
    shutil.copytree(runs["out"], out)
    (out / "stories" / "_SUCCESS").unlink()  # as if the job died while writing stories
    for part in (out / "stories").glob("*.parquet"):
        part.unlink()
    before = _success_times(out)
    ingest(runs["files"], out, spark=spark)
    after = _success_times(out)
    assert after["pages"] == before["pages"] and after["matches"] == before["matches"]
    assert "stories" in after
    assert store_tables(out)["stories"] == store_tables(runs["out"])["stories"]
    assert not Path(f"{out}.staging").exists()


@spark_test
def test_other_inputs_refused(runs, spark):
    from newstrace.engine.spark import ingest

    with pytest.raises(ValueError, match="other inputs"):
        ingest(runs["files"][:1], runs["out"], spark=spark)


# ---- connected components on DataFrames vs union-find ----------------------------------------------

@spark_test
def test_components_match_union_find(spark):
    from newstrace.engine.spark_corpus import components_of
    from newstrace.reuse.lineage import components

    rng = random.Random(11)
    nodes = [f"p{i:03d}" for i in range(120)]
    edges = [(nodes[i], nodes[i + 1]) for i in range(0, 12)]  # a chain: several propagation rounds
    edges += [(rng.choice(nodes[40:]), rng.choice(nodes[40:])) for _ in range(60)]
    edges = [(a, b) for a, b in edges if a != b]
    df = spark.createDataFrame(edges, "src string, dst string")
    got = {r.node: r.label for r in components_of(df).collect()}
    want = {n: comp[0] for comp in components(edges) for n in comp}
    assert got == want


def test_pair_rows_read_templates_and_docs_off_lead_rows_as_for_pair_gives_them():
    """verify_stage ships a (domain_a, domain_b) group's templates on its first row and ``a``'s doc on
    the first row of each run of ``a``, first each page's distinct shingles (set_test_rows), then whole
    pages (verify_rows). Both must answer as passes_set_test and verify() do with
    CommonShingles.for_pair, and refuse rows in another order rather than answer differently."""
    import pickle

    import numpy as np
    from pyspark.sql import Row

    from newstrace.engine.spark_corpus import set_test_rows, verify_rows
    from newstrace.model import Article
    from newstrace.reuse.text import shingle_article
    from newstrace.reuse.verify import CommonShingles, VerifyParams, passes_set_test, verify

    rng = random.Random(5)
    story = [_words(rng, 40) + "." for _ in range(6)]
    furniture = {"one.example": _words(rng, 30) + ".", "two.example": _words(rng, 30) + "."}
    pages = {f"{d[:3]}{i}": (d, Article(source="t", page_id=f"{d[:3]}{i}", body=story[: 4 + i] + [furniture[d]]))
             for d in furniture for i in range(2)}
    pages["one9"] = ("one.example", Article(source="t", page_id="one9", body=[_words(rng, 80) + ".", furniture["one.example"]]))
    docs = {p: shingle_article(a, 5) for p, (_, a) in pages.items()}
    templates = {d: np.unique(shingle_article(Article(source="t", body=[f]), 5).unique) for d, f in furniture.items()}
    common = CommonShingles(np.empty(0, np.uint64), templates)
    params = VerifyParams()
    pairs = sorted(((a, b) for a in docs for b in docs if a < b), key=lambda ab: (pages[ab[0]][0], pages[ab[1]][0], ab))

    def rows_of(pack):
        rows, prev = [], None
        for a, b in pairs:
            da, db = pages[a][0], pages[b][0]
            lead = (da, db) != (prev[0] if prev else None)
            a_lead = lead or a != prev[1]
            rows.append(Row(a=a, b=b, domain_a=da, domain_b=db, lead=lead,
                            tmpl_a=templates[da].tobytes() if lead else None,
                            tmpl_b=templates[db].tobytes() if lead else None,
                            doc_a=pack(docs[a]) if a_lead else None, doc_b=pack(docs[b])))
            prev = ((da, db), a)
        return rows

    whole, sets = rows_of(pickle.dumps), rows_of(lambda d: d.unique.tobytes())
    got = {(r[0], r[1]): r[2:5] for r in verify_rows(iter(whole), np.empty(0, np.uint64), params)}
    want = {(a, b): (m.containment_ab, m.containment_ba, m.jaccard) for a, b in pairs
            if (m := verify(docs[a], docs[b], common.for_pair(pages[a][0], pages[b][0]), params))}
    assert got == want and len(got) == 6  # the story's pages pair up, the page of other words with none
    assert any(pages[a][0] != pages[b][0] for a, b in got)
    kept = set(set_test_rows(iter(sets), np.empty(0, np.uint64), params))
    assert kept == {(a, b) for a, b in pairs if passes_set_test(docs[a].unique, docs[b].unique,
                                                               common.for_pair(pages[a][0], pages[b][0]), params)}
    assert kept == set(want)
    for rows, walk in ((whole, verify_rows), (sets, set_test_rows)):
        i = next(i for i, r in enumerate(rows) if r.lead and not rows[i + 1].lead)  # a group of several pairs
        for broken in (rows[:i] + rows[i + 1:], [r for r in rows if r.lead or r.doc_a is None]):
            with pytest.raises(RuntimeError):  # a group without its templates, a run of ``a`` without its doc
                list(walk(iter(broken), np.empty(0, np.uint64), params))


# ---- inputs: manifests and remote paths (no Spark needed) -------------------------------------------

def test_manifest_lines_resolve_relative_paths(tmp_path):
    (tmp_path / "x.warc.gz").write_bytes(b"")
    manifest = tmp_path / "warc.paths.gz"
    manifest.write_bytes(gzip.compress(b"x.warc.gz\n# a comment\n\n/abs/y.warc.gz\ns3a://bucket/z.warc.gz\n"))
    files = expand_inputs([str(manifest)], read_remote_text=None)
    assert files == [str(tmp_path / "x.warc.gz"), "/abs/y.warc.gz", "s3a://bucket/z.warc.gz"]
    cc = "s3a://commoncrawl/crawl-data/CC-MAIN-2024-10/warc.paths.gz"
    assert manifest_base(cc) == "s3a://commoncrawl/"
    assert manifest_lines("crawl-data/a.warc.gz", manifest_base(cc, "https://data.commoncrawl.org")) == \
        ["https://data.commoncrawl.org/crawl-data/a.warc.gz"]


def test_remote_manifest_goes_through_the_given_reader():
    seen = []
    files = expand_inputs(["hdfs://nn:8020/crawl/wet.paths.gz"],
                          read_remote_text=lambda uri: seen.append(uri) or "segments/a.wet.gz\n")
    assert seen == ["hdfs://nn:8020/crawl/wet.paths.gz"]
    assert files == ["hdfs://nn:8020/segments/a.wet.gz"]


def test_folders_expand_like_the_local_reader(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.html", "a.html", "sub/c.txt", ".hidden.html"):
        (tmp_path / name).write_text("<p>x</p>")
    assert expand_inputs([str(tmp_path)], read_remote_text=None) == [
        str(tmp_path / "a.html"), str(tmp_path / "b.html"), str(tmp_path / "sub" / "c.txt")]


def test_unreachable_remote_file_is_quarantined_not_raised():
    out = list(read_any("hdfs://127.0.0.1:1/nowhere/x.warc.gz"))
    assert len(out) == 1 and isinstance(out[0], Quarantine)
    assert out[0].reason == "fetch_error" and out[0].source == "hdfs://127.0.0.1:1/nowhere/x.warc.gz"


@pytest.fixture
def http_folder(tmp_path):
    """A local HTTP server over ``tmp_path``: a remote file the way https:// Common Crawl paths are read."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep pytest output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_remote_warc_is_fetched_and_its_pointers_name_the_remote_file(http_folder):
    folder, base = http_folder
    body = _html("Remote page title", ["remote words here " * 10], "2024-03-01", "Remote")
    write_warc(folder / "r.warc.gz", [{"url": "https://remote.example/1", "body": body},
                                      {"url": "https://remote.example/2", "body": body}])
    out = list(read_any(f"{base}/r.warc.gz"))
    assert [p.url for p in out] == ["https://remote.example/1", "https://remote.example/2"]
    assert all(p.source.startswith(f"{base}/r.warc.gz#offset=") for p in out)
    assert b"Remote page title" in out[0].raw
    missing = list(read_any(f"{base}/gone.warc.gz"))  # a 404 is one quarantine row with the URI
    assert len(missing) == 1 and missing[0].reason == "fetch_error" and "404" in missing[0].detail
