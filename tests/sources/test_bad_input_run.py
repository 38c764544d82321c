"""End to end: a feed with every kind of bad field is ingested, not a crash after minutes of work."""

import json

import pytest
from typer.testing import CliRunner

from storyline.cli import app

pytestmark = pytest.mark.slow

STORIES = [
    "The Orvey town council voted on Thursday to close the old quarry road.\n\nTwo lorries slid off it in the rain "
    "last month, and the council said repairs would cost more than a new bypass.",
    "Fishermen in Lusk said the new harbour fees would cost each boat about four hundred crowns a month.\n\nThe "
    "harbour master said the fees pay for dredging the channel before the winter storms.",
    "A school in Kessel reopened its science wing on Monday.\n\nThe laboratories were damaged by a boiler fire "
    "eight months ago, and pupils had been taught in portable classrooms since then.",
    "Veldoria's rail operator promised to restore the night trains to Talvik by spring.\n\nIts chief executive "
    "told reporters that the new sleeper carriages had passed their safety tests.",
    "Volunteers in Hollin planted two thousand oak saplings along the river bank.\n\nThey hope the trees will slow "
    "the floods that hit the town last year and washed away the footbridge.",
]


def test_a_feed_of_bad_fields_is_ingested_and_exported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = [
        json.dumps({"text": STORIES[0], "title": 7}),
        json.dumps({"text": STORIES[1], "url": ["https://example.org/lusk"], "outlet": ["Lusk Daily"]}),
        json.dumps({"text": STORIES[2] + " \ud800", "title": "Kessel \udfff school"}),  # escaped as \ud800 in JSON
        json.dumps({"text": STORIES[3], "published": "0001-01-01"}),
        json.dumps({"text": STORIES[4], "published": "9999-12-31"}),
        json.dumps({"text": {"nested": "object"}}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "feed.jsonl", "--db", "s.db"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "6 documents: added 5" in result.output and "ingest: bad-field" in result.output
    result = runner.invoke(app, ["export", "-f", "json", "-o", "out.json", "--db", "s.db"], catch_exceptions=False)
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert sorted(a["source"] for a in doc["articles"]) == [f"feed.jsonl#{n}" for n in range(1, 6)]
    assert all(a["published"] is None for a in doc["articles"])
