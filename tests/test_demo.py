"""End to end on the bundled demo crawl: the case that defines newstrace. RT's article and its
republications on blogs are grouped, RT is picked as the origin with its evidence, and each copy's
edits (credit added, number rounded, attribution dropped) show, in `stories` and in `trace`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace import api
from newstrace.cli import app

RT_URL = "https://www.rt.com/news/585960-macron-coalition-isis-hamas/"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    stats = api.demo(db)
    assert stats.quarantined == 0 and stats.articles == stats.read
    return db


def _rt_story(db: Path):
    return next(s for s in api.stories(db) if any(m.url == RT_URL for m in s.members))


def test_rt_is_the_origin_with_evidence(demo_db):
    story = _rt_story(demo_db)
    assert story.origin_url == RT_URL
    kinds = {e.kind for e in story.evidence}
    assert {"published_date", "credit_line"} <= kinds
    blog = next(m for m in story.members if "jesus-coming-back" in (m.url or ""))
    assert blog.relation == "copy" and blog.copied_from_url == RT_URL
    assert "credit_added" in {e.type for e in blog.edits}


def test_copies_show_what_they_changed(demo_db):
    story = _rt_story(demo_db)
    edits = {e.type for m in story.members for e in m.edits}
    assert {"numbers_changed", "attribution_removed", "truncated"} <= edits
    assert len({m.relation for m in story.members}) >= 3  # origin, copy, excerpt


def test_trace_adds_claim_drift_and_story_wide_names(demo_db):
    story = api.trace(RT_URL, demo_db)
    assert story is not None and story.origin_url == RT_URL
    hedges = [e for m in story.members for e in m.edits if e.type == "numbers_changed" and "hedge over -> nearly" in e.detail]
    assert hedges and "5,700" in hedges[0].before, "claim drift: 'over 5,700' became 'nearly 6,000'"
    dropped = [e for m in story.members for e in m.edits if "'local officials' dropped" in e.detail]
    assert dropped, "claim drift: the claim lost its source"
    names = {e.name: set(e.aliases) for e in story.entities}
    assert "Emmanuel Macron" in names and "Macron" in names["Emmanuel Macron"]
    assert {"IS", "ISIS"} <= names.get("Islamic State", set())


def test_cli_trace_json(demo_db):
    result = CliRunner().invoke(app, ["trace", RT_URL, "--db", str(demo_db), "--json"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout.splitlines()[0])
    assert obj["origin"]["url"] == RT_URL and obj["origin"]["evidence"]
    assert all({"url", "relation", "copied_from", "containment", "edits"} <= m.keys() for m in obj["members"])


def test_cli_stories_show_what_a_headline_became(demo_db):
    """An edit without a detail line (a changed headline) prints its before and after."""
    result = CliRunner().invoke(app, ["stories", "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    changed = [line for line in result.output.splitlines() if "edit: headline_changed" in line]
    assert changed and all(" -> " in line for line in changed)
