import json

from storyline.ingest import read_paths
from storyline.engine import Drops


def test_reads_supported_files_recursively_and_skips_bad_ones(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "ferry.txt").write_text("The Marhaven ferry sailed again on Monday after repairs.", encoding="utf-8")
    (tmp_path / "page.HTML").write_text("<html><body><p>Harbour reopens.</p></body></html>", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("not for us")
    drops = Drops()
    articles = list(read_paths([tmp_path, tmp_path / "notes.pdf", tmp_path / "missing.txt"], drops))
    assert sorted(a.format for a in articles) == ["html", "text"]
    assert drops.as_dict() == {
        "ingest: binary": 1,
        "ingest: empty": 1,
        "ingest: not-found": 1,
        "ingest: unsupported-file-type": 1,
    }


def test_windows_1252_text_is_recovered_not_dropped(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Café owners in Marhaven said the “storm” was the worst in years.".encode("cp1252"))
    drops = Drops()
    [article] = read_paths([path], drops)
    assert "Café" in article.raw and "“storm”" in article.raw
    assert drops.total == 0


def test_jsonl_lines_with_metadata_and_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "Dock workers in Marhaven ended their strike.", "url": "https://example.org/a", "title": "Strike ends",
                    "outlet": "Coastal Courier", "published": "2024-11-30T08:00:00Z"}),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"html": "<p>Port fees rise</p>", "published": "last Tuesday"}),
        json.dumps(["a list"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    drops = Drops()
    first, second = read_paths([path], drops)
    assert first.source == "https://example.org/a" and first.outlet == "Coastal Courier"
    assert first.published == "2024-11-30T08:00:00+00:00" and first.published_evidence == "jsonl"
    assert second.format == "html" and second.source.endswith("feed.jsonl#4")
    assert second.published is None and second.published_evidence is None  # unparseable: unknown, not guessed
    assert drops.as_dict() == {"ingest: invalid-json": 2, "ingest: no-text": 1}


def test_same_content_has_same_id(tmp_path):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text("Identical wire text about the Veldorian budget.", encoding="utf-8")
    a, b = read_paths([tmp_path], Drops())
    assert a.id == b.id and a.source != b.source
