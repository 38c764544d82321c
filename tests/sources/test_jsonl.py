import json
from datetime import datetime, timezone

import pytest

from storyline.engine import Drops
from storyline.sources import base, read_all, read_paths
from storyline.sources.jsonl import JsonlReader

TEXT = "Dock workers in Marhaven ended their strike after the port authority agreed to new shift rules."
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)


def read(tmp_path, *lines, raw: bytes | None = None):
    path = tmp_path / "feed.jsonl"
    if raw is None:
        raw = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines).encode("utf-8")
    path.write_bytes(raw)
    drops = Drops()
    return list(read_paths([path], drops, clock=lambda: NOW)), drops


def test_lines_with_metadata_and_bad_lines(tmp_path):
    articles, drops = read(
        tmp_path,
        {"text": TEXT, "url": "https://example.org/a", "title": "Strike ends", "outlet": "Coastal Courier",
         "published": "2024-11-30T08:00:00Z"},
        "{not json",
        {"title": "no body"},
        {"html": "<p>Port fees rise</p>", "published": "last Tuesday"},
        ["a list"],
    )
    first, second = articles
    assert first.source == "https://example.org/a" and first.outlet == "Coastal Courier"
    assert first.published == "2024-11-30T08:00:00+00:00" and first.published_evidence == "jsonl"
    assert second.format == "html" and second.source.endswith("feed.jsonl#4")
    assert second.published is None and second.published_evidence is None  # unparseable: unknown, not guessed
    assert drops.as_dict() == {"ingest: invalid-json": 2, "ingest: no-text": 1}


def test_metadata_of_the_wrong_type_is_ignored_and_the_article_kept(tmp_path):
    [article], drops = read(tmp_path, {"text": TEXT, "title": 7, "url": ["https://example.org/a"], "outlet": {"name": "X"}})
    assert (article.title, article.url, article.outlet) == (None, None, None)
    assert article.source.endswith("feed.jsonl#1") and drops.total == 0


def test_a_body_of_the_wrong_type_drops_that_line_with_its_number(tmp_path, caplog):
    articles, drops = read(tmp_path, {"text": TEXT}, {"text": ["a", "list"]}, {"html": 3, "text": TEXT}, {"text": TEXT + "!"})
    assert len(articles) == 2 and drops.as_dict() == {"ingest: bad-field": 2}
    assert "feed.jsonl#2" in caplog.text and "feed.jsonl#3" in caplog.text


def test_lone_surrogates_are_replaced_everywhere(tmp_path):
    line = '{"text": "%s \\ud800", "title": "Strike \\udfff ends", "url": "https://example.org/\\ud83d"}' % TEXT
    [article], _ = read(tmp_path, line)
    for value in (article.raw, article.title, article.url, article.source):
        value.encode("utf-8")  # a lone surrogate would raise here, as it did in the tokenizer
    assert article.raw.endswith("\ufffd") and article.title == "Strike \ufffd ends"


def test_paired_surrogate_escapes_are_one_character(tmp_path):
    [article], _ = read(tmp_path, '{"text": "Fans cheered \\ud83d\\ude00 as %s"}' % TEXT)
    assert "\U0001f600" in article.raw


def test_an_overlong_text_is_truncated_with_a_counted_reason(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(base, "MAX_ARTICLE_CHARS", 50)
    [article], drops = read(tmp_path, {"text": TEXT * 3})
    assert len(article.raw) == 50 and drops.total == 0
    assert "truncated" in caplog.text and "articles kept after a repair: truncated 1" in caplog.text


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "1899-12-31T23:00:00Z", "2025-06-02T13:00:00+00:00",
                                       "2025-06-03"])
def test_implausible_publication_dates_are_unknown(tmp_path, published, caplog):
    [article], drops = read(tmp_path, {"text": TEXT, "published": published})
    assert article.published is None and article.published_evidence is None and drops.total == 0
    assert "published-implausible" in caplog.text


@pytest.mark.parametrize("published, kept", [("1900-01-01", "1900-01-01"), ("2025-06-02", "2025-06-02"),
                                             ("2025-06-02T11:00:00Z", "2025-06-02T11:00:00+00:00"),
                                             ("20250530", "2025-05-30")])
def test_plausible_publication_dates_are_kept_without_inventing_a_time(tmp_path, published, kept):
    [article], _ = read(tmp_path, {"text": TEXT, "published": published})
    assert article.published == kept


def test_a_line_separator_inside_a_string_does_not_split_the_line(tmp_path):
    articles, drops = read(tmp_path, raw=('{"text": "%s\u2028Second paragraph."}\n{"text": "%s"}' % (TEXT, TEXT)).encode())
    assert len(articles) == 2 and drops.total == 0 and "\u2028" in articles[0].raw


def test_line_numbers_count_blank_lines_and_bad_lines_do_not_stop_the_file(tmp_path, caplog):
    articles, drops = read(tmp_path, raw=b'{"text": "%s"}\n\n\x00\x00\x01\x02\x03\x04\x05\x06\n' % TEXT.encode()
                           + b"[" * 100_000 + b"\n" + b'{"text": "%s"}\n' % TEXT.encode())
    assert len(articles) == 2 and drops.as_dict() == {"ingest: binary": 1, "ingest: invalid-json": 1}
    assert "feed.jsonl#3" in caplog.text and "feed.jsonl#4" in caplog.text


def test_utf16_jsonl_and_binary_jsonl(tmp_path):
    articles, drops = read(tmp_path, raw=('{"text": "%s"}\r\n{"text": "%s"}' % (TEXT, TEXT + "?")).encode("utf-16"))
    assert len(articles) == 2 and drops.total == 0
    articles, drops = read(tmp_path, raw=bytes(range(256)) * 50)
    assert articles == [] and drops.as_dict() == {"ingest: binary": 1}  # one drop for the file, not one per line


def test_a_failing_reader_loses_only_its_own_input(tmp_path):
    class Broken(JsonlReader):
        def _article(self, line, where):
            raise KeyError("x" * 30_000)

    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"text": TEXT}), encoding="utf-8")
    drops = Drops()
    articles = list(read_all([Broken(good, "broken.jsonl"), JsonlReader(good, "good.jsonl")], drops))
    assert [a.source for a in articles] == ["good.jsonl#1"] and drops.as_dict() == {"ingest: reader-failed": 1}


def test_the_length_cap_keeps_every_article_within_what_spacy_parses():
    import spacy

    assert base.MAX_ARTICLE_CHARS <= spacy.blank("en").max_length  # above it spaCy raises E088


def test_an_oversized_line_is_dropped_and_the_next_one_read(tmp_path, monkeypatch):
    from storyline.sources import jsonl

    monkeypatch.setattr(jsonl, "MAX_BYTES", 500)
    articles, drops = read(tmp_path, {"text": TEXT * 10}, {"text": TEXT})
    assert len(articles) == 1 and drops.as_dict() == {"ingest: too-large": 1}
