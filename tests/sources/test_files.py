import os
from datetime import datetime, timezone

from storyline.engine import Drops
from storyline.sources import read_paths

FERRY = "The Marhaven ferry sailed again on Monday after three weeks of repairs to its hull."


def test_reads_supported_files_recursively_and_skips_bad_ones(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "ferry.txt").write_text(FERRY, encoding="utf-8")
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


def test_utf16_without_bom_is_decoded_not_called_binary(tmp_path):
    for codec in ("utf-16-le", "utf-16-be"):
        (tmp_path / f"{codec}.txt").write_bytes(FERRY.encode(codec))
    (tmp_path / "greek.txt").write_bytes("Το πλοίο του Μάρχαβεν έπλευσε ξανά τη Δευτέρα.".encode("utf-16-le"))
    drops = Drops()
    articles = list(read_paths([tmp_path], drops))
    assert [a.raw for a in articles] == ["Το πλοίο του Μάρχαβεν έπλευσε ξανά τη Δευτέρα.", FERRY, FERRY]
    assert drops.total == 0


def test_same_content_has_same_id(tmp_path):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text("Identical wire text about the Veldorian budget.", encoding="utf-8")
    a, b = read_paths([tmp_path], Drops())
    assert a.id == b.id and a.source != b.source


def test_sources_are_shown_as_given_never_as_absolute_paths(tmp_path, monkeypatch):
    (tmp_path / "clips" / "march").mkdir(parents=True)
    (tmp_path / "clips" / "march" / "ferry.txt").write_text(FERRY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [typed] = read_paths(["clips"], Drops())
    [inside_cwd] = read_paths([tmp_path / "clips"], Drops())
    monkeypatch.chdir(tmp_path / "clips" / "march")
    [outside_cwd] = read_paths([tmp_path / "clips"], Drops())
    [up] = read_paths([os.path.join("..", "march", "ferry.txt")], Drops())
    assert typed.source == inside_cwd.source == outside_cwd.source == "clips/march/ferry.txt"
    assert up.source == "../march/ferry.txt"
    drops = Drops()
    assert list(read_paths([tmp_path / "gone.txt"], drops)) == [] and drops.as_dict() == {"ingest: not-found": 1}


def test_fetched_at_is_the_read_time_and_never_the_publication_date(tmp_path):
    (tmp_path / "ferry.txt").write_text(FERRY, encoding="utf-8")
    at = datetime(2025, 3, 4, 5, 6, tzinfo=timezone.utc)
    [article] = read_paths([tmp_path], Drops(), clock=lambda: at)
    assert article.fetched_at == "2025-03-04T05:06:00+00:00" and article.published is None


def test_a_path_the_os_refuses_is_counted_and_the_rest_is_read(tmp_path):
    (tmp_path / "ferry.txt").write_text(FERRY, encoding="utf-8")
    drops = Drops()
    articles = list(read_paths(["bad\x00name.txt", "x" * 5000 + ".txt", tmp_path], drops))
    assert len(articles) == 1 and drops.total == 2
