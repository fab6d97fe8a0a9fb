"""The command-line contract as outside checks call it: keys, exit codes, thin commands over the library."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import FIXTURES, article_html, write_warc
from newstrace.cli import app

runner = CliRunner()
SEED = str(FIXTURES / "000_ef756300ad867e8b.txt")
ARTICLE_KEYS = {"source", "url", "site_name", "title", "standfirst", "byline", "published", "body", "credits",
                "boilerplate", "quotes", "claims", "times", "errors", "text"}


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_inspect_json_on_the_seed_has_the_contract_keys():
    result = runner.invoke(app, ["inspect", SEED, "--json"])
    assert result.exit_code == 0, result.output
    (obj,) = _jsonl(result.stdout)
    assert ARTICLE_KEYS <= obj.keys()
    assert obj["published"] is None
    assert obj["title"] == "Macron wants anti-IS coalition to go after Hamas"
    credit = obj["credits"][0]
    assert credit["text"] == "Russia Today" and credit["outlet"]["name"] == "RT"
    assert credit["outlet"]["domain"] == "rt.com"
    # spans point into the printed text
    for q in obj["quotes"]:
        start, end = q["span"]
        assert q["text"] in obj["text"][start - 1:end + 1]


def test_inspect_html_page_and_exit_code_for_bad_records(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(article_html())
    ok = runner.invoke(app, ["inspect", str(page), "--json"])
    assert ok.exit_code == 0
    (obj,) = _jsonl(ok.stdout)
    assert obj["published"]["date"] == "2023-10-22" and obj["published"]["precision"] == "day"
    assert not any("cookie" in p.lower() for p in obj["body"])
    assert obj["evidence"]["published"]["rule"].startswith("date.")
    assert obj["evidence"]["title"]["rule"].startswith("title.") and 0 < obj["evidence"]["title"]["confidence"] <= 1
    bad = runner.invoke(app, ["inspect", str(page), str(tmp_path / "missing.html"), "--json"])
    assert bad.exit_code == 3
    rows = _jsonl(bad.stdout)
    assert rows[1]["quarantined"] and rows[1]["reason"] == "not_found"


def test_usage_errors_exit_2():
    assert runner.invoke(app, ["inspect"]).exit_code == 2
    assert runner.invoke(app, ["ingest", SEED, "--engine", "flink"]).exit_code == 2
    assert runner.invoke(app, ["export", "--format", "xls", "--out", "x"]).exit_code == 2
    assert runner.invoke(app, ["inspect", SEED, "--published", "last tuesday"]).exit_code == 2


def test_ingest_then_read_commands(tmp_path: Path):
    warc = write_warc(tmp_path / "c.warc.gz", [{"url": "https://courier.example/flood", "body": article_html().encode()}])
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n")
    db = tmp_path / "t.duckdb"
    result = runner.invoke(app, ["ingest", str(warc), str(bad), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 3, result.output
    assert "not_json" in result.output
    again = runner.invoke(app, ["ingest", str(warc), "--db", str(db), "--workers", "1"])
    assert again.exit_code == 0
    assert runner.invoke(app, ["stories", "--db", str(db), "--json"]).exit_code == 0
    claims = runner.invoke(app, ["claims", "--db", str(db), "--json", "--about", "residents"])
    assert claims.exit_code == 0
    assert any(row["domain"] == "courier.example" for row in _jsonl(claims.stdout))
    for fmt in ("csv", "jsonl", "parquet", "gexf"):
        r = runner.invoke(app, ["export", "--format", fmt, "--out", str(tmp_path / fmt), "--db", str(db)])
        assert r.exit_code == 0, r.output
    assert (tmp_path / "csv" / "edges.csv").read_text().startswith("Source,Target,Weight")


def test_outlet_command_answers_rt_for_russia_today():
    result = runner.invoke(app, ["outlet", "Russia Today", "--json"])
    assert result.exit_code == 0, result.output
    (info,) = _jsonl(result.stdout)
    assert info["name"] == "RT" and info["domain"] == "rt.com"
    assert any(lb["label"] == "state-affiliated" for lb in info["labels"])
    assert runner.invoke(app, ["outlet", "no-such-outlet-zzz.example"]).exit_code == 1


def test_stories_name_a_member_without_a_url_by_its_page(tmp_path: Path):
    """A C4-style JSON line may carry no URL: the story still shows which page the copy is."""
    from test_reuse_helpers import STRIKE

    text = "\n\n".join(STRIKE)
    lines = [{"url": "https://globalwire.example/news/bryansk-depot", "text": text},
             {"text": text + "\n\nShared by a reader of this list."}]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    db = tmp_path / "t.duckdb"
    assert runner.invoke(app, ["ingest", str(dump), "--db", str(db), "--workers", "1"]).exit_code == 0
    result = runner.invoke(app, ["stories", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "globalwire.example/news/bryansk-depot" in result.output
    assert "(no URL" in result.output and " None " not in result.output
