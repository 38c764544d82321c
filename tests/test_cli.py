"""End to end: the CLI on the bundled sample corpus, re-ingest, and bad files."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.export.document import validate
from storyline.sources.files import shown_path

CORPUS = Path(__file__).parents[1] / "examples" / "corpus"
runner = CliRunner()

pytestmark = pytest.mark.slow


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    invoke("run", str(CORPUS), "--out", str(out))
    return out


def file_key(source: str) -> str:
    """A file's source within the corpus: sources show the corpus path as given, never an absolute one."""
    assert not Path(source).is_absolute()
    shown = shown_path(CORPUS).as_posix() + "/"
    return source.removeprefix(shown)


def test_run_writes_all_formats_and_the_json_is_valid(report):
    doc = json.loads((report / "storyline.json").read_text(encoding="utf-8"))
    validate(doc)
    assert doc["schema"] == "storyline/2"
    assert (report / "index.html").exists() and (report / "storyline.md").exists()
    for story in doc["stories"]:
        assert (report / "stories" / f"{story['id']}.html").exists()
        assert 1 <= len(story["summary"]) <= 7
        for sentence in story["summary"]:
            assert set(sentence["article_ids"]) <= set(story["article_ids"])


def test_corpus_stories_syndication_and_undated_articles(report):
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    doc = json.loads((report / "storyline.json").read_text(encoding="utf-8"))
    by_source = {file_key(a["source"]): a for a in doc["articles"]}

    def find(name: str) -> dict:
        path, _, line = name.partition("#")
        if line:  # a JSONL line: its source is its url when it has one, else "file.jsonl#n"
            record = json.loads((CORPUS / path).read_text(encoding="utf-8").splitlines()[int(line) - 1])
            key = record.get("url") or f"{path}#{line}"
            return by_source[key]
        return by_source[name]

    got_groups = {frozenset(find(n)["id"] for n in group) for group in expected["stories"]}
    actual_groups = {frozenset(s["article_ids"]) for s in doc["stories"]}
    assert got_groups == actual_groups
    for original, copy in expected["syndicated"]:
        assert find(copy)["duplicate_of"] == find(original)["id"]
    for name in expected["undated"]:
        assert find(name)["published"] is None


def test_reingest_is_idempotent_and_terminal_views_work(report):
    db = str(report / "storyline.db")
    before = (report / "storyline.json").read_text(encoding="utf-8")
    result = invoke("ingest", str(CORPUS), "--db", db)
    assert "added 0" in result.output
    invoke("export", "--format", "json", "--out", str(report / "again.json"), "--db", db)
    assert json.loads((report / "again.json").read_text(encoding="utf-8")) == json.loads(before)
    listing = invoke("stories", "--db", db).output
    story_id = json.loads(before)["stories"][0]["id"]
    assert story_id in listing
    assert json.loads(before)["stories"][0]["title"][:20] in invoke("show", story_id, "--db", db).output
    missing = runner.invoke(app, ["show", "nope", "--db", db])
    assert missing.exit_code != 0


def test_bad_files_are_skipped_with_counted_reasons(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    good = sorted(p for p in CORPUS.rglob("*.txt"))[0]
    shutil.copy(good, corpus / "good.txt")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "latin1.txt").write_bytes("Ã©tÃ© déjà vu — café".encode("latin-1", errors="replace"))
    (corpus / "truncated.html").write_text("<html><head><title>Port</title></head><body><div><p>Fire at the do", encoding="utf-8")
    result = invoke("ingest", str(corpus), "--db", str(tmp_path / "db.sqlite"))
    assert "added 1" in result.output or "added 2" in result.output
    assert "ingest: empty" in result.output and "ingest: binary" in result.output
    assert "extract:" in result.output  # the truncated / too-short documents are counted by the extractor
