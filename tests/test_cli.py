"""End to end: the CLI on the bundled sample corpus, re-ingest, and bad files."""

import json
import re
import shutil
import subprocess
import sys
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
    assert doc["schema"] == "storyline/3"
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
    good = min(CORPUS.rglob("*.txt"))
    shutil.copy(good, corpus / "good.txt")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "latin1.txt").write_bytes("Ã©tÃ© déjà vu — café".encode("latin-1", errors="replace"))
    (corpus / "truncated.html").write_text("<html><head><title>Port</title></head><body><div><p>Fire at the do", encoding="utf-8")
    result = invoke("ingest", str(corpus), "--db", str(tmp_path / "db.sqlite"))
    assert "added 1" in result.output or "added 2" in result.output
    assert "ingest: empty" in result.output and "ingest: binary" in result.output
    assert "extract:" in result.output  # the truncated / too-short documents are counted by the extractor


def test_reading_commands_filter_page_and_print_json(report):
    db = str(report / "storyline.db")
    everything = json.loads(invoke("stories", "--db", db, "--json").output)
    assert everything["total"] == len(everything["stories"]) >= 2
    first = everything["stories"][0]
    page = json.loads(invoke("stories", "--db", db, "--json", "--limit", "1", "--offset", "1").output)
    assert page["total"] == everything["total"] and page["stories"] == everything["stories"][1:2]
    assert "more: use --offset 1" in invoke("stories", "--db", db, "--limit", "1").output
    assert json.loads(invoke("stories", "--db", db, "--json", "--since", "2999-01-01").output)["total"] == 0
    bad = runner.invoke(app, ["stories", "--db", db, "--since", "yesterday"])
    assert bad.exit_code != 0
    shown = json.loads(invoke("show", first["id"], "--db", db, "--json").output)
    assert shown["id"] == first["id"] and "claims" in shown
    claims_only = invoke("show", first["id"], "--db", db, "--section", "claims").output
    assert "Claims" in claims_only and "Summary" not in claims_only and "Sources" not in claims_only
    articles = json.loads(invoke("articles", "list", "--db", db, "--json", "--story", first["id"]).output)
    assert {a["id"] for a in articles["articles"]} == set(first["article_ids"])
    one = json.loads(invoke("articles", "show", first["article_ids"][0], "--db", db, "--json").output)
    assert one["id"] == first["article_ids"][0] and "raw" not in one and one["text"]
    hits = json.loads(invoke("search", "the", "--db", db, "--json", "--limit", "2").output)
    assert hits["total"] > 2 and len(hits["hits"]) == 2


def test_deleting_an_article_rebuilds_its_story(report, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(report / "storyline.db", db)
    story = json.loads(invoke("stories", "--db", str(db), "--json", "--sort", "size").output)["stories"][0]
    out = invoke("articles", "delete", story["article_ids"][0], "--db", str(db)).output
    assert f"story {story['id']} rebuilt" in out
    after = json.loads(invoke("show", story["id"], "--db", str(db), "--json").output)
    assert after["article_ids"] == story["article_ids"][1:]


def test_misuse_gets_one_line_errors_not_tracebacks(report, tmp_path):
    db = str(report / "storyline.db")
    for args, message in (
        (["ingest", str(CORPUS), "--db", str(tmp_path / "x.db"), "--workers", "0"], "equal to 1"),
        (["export", "-f", "md", "-o", str(tmp_path), "--db", db], "is a folder"),
        (["articles", "show", "nope", "--db", db], "no article with id 'nope'"),
        (["show", "nope", "--db", db, "--section", "gossip"], "unknown section gossip"),
        (["stories", "--db", "postgresql+nosuchdriver://u@localhost/x"], "cannot open database"),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code != 0, args
        assert message in result.output + str(result.exception), args
        assert "Traceback" not in result.output
    (tmp_path / "file").write_text("x")
    result = runner.invoke(app, ["export", "-f", "html", "-o", str(tmp_path / "file"), "--db", db])
    assert result.exit_code != 0


def test_version_and_schema_commands(report):
    assert invoke("--version").output.startswith("storyline ")
    assert "already the newest" in invoke("db", "upgrade", "--db", str(report / "storyline.db")).output
    status = invoke("db", "status", "--db", str(report / "storyline.db")).output
    current, newest = re.search(r"schema (\w+); newest (\w+)", status).groups()
    assert current == newest


def test_python_dash_m_runs_the_same_command_line():
    done = subprocess.run([sys.executable, "-m", "storyline", "--version"], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.startswith("storyline ")


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_sigterm_stops_an_ingest_and_its_workers(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    command = [sys.executable, "-m", "storyline.cli", "ingest", str(CORPUS), "--db", str(tmp_path / "db.sqlite"),
               "--workers", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 240
    while len(_children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)  # wait until the worker pool is up
    workers = _children(proc.pid)
    if proc.poll() is not None or not workers:
        pytest.skip("the ingest finished before its worker pool could be seen")
    proc.send_signal(signal.SIGTERM)
    output, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130, output
    assert "interrupted" in output
    time.sleep(1)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and "(Z)" not in Path(f"/proc/{w}/stat").read_text()]


def test_batch_then_load_gives_the_stories_of_ingest(report, tmp_path):
    out, db = tmp_path / "batch", tmp_path / "loaded.db"
    invoke("batch", str(CORPUS), "--out", str(out))
    assert "finished earlier" in invoke("batch", str(CORPUS), "--out", str(out)).stdout  # a re-run redoes nothing
    invoke("load", str(out), "--db", str(db))

    def stories(database) -> set:
        listed = json.loads(invoke("stories", "--db", str(database), "--json", "--limit", "500").stdout)
        return {frozenset(s["article_ids"]) for s in listed["stories"]}

    assert stories(db) == stories(report / "storyline.db")


def test_batch_stages_group_groups_without_models_and_load_says_facts_are_absent(tmp_path):
    out, db = tmp_path / "batch", tmp_path / "fast.db"
    assert "stories" in invoke("batch", str(CORPUS), "--out", str(out), "--stages", "group").stdout
    assert "no facts" in invoke("load", str(out), "--db", str(db)).stdout
    listed = json.loads(invoke("stories", "--db", str(db), "--json", "--limit", "500").stdout)["stories"]
    assert listed and all(s["title"] for s in listed)
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    assert len(listed) <= 2 * len(expected["stories"])  # grouped, not one story per article
