"""WARC archives: HTML responses become articles; other records are counted and skipped; a cut archive keeps
what came before the cut; the crawl time is ``fetched_at``, never ``published``."""

import gzip

from storyline.engine import Drops
from storyline.sources import read_paths
from storyline.sources.warc import write_warc

CRAWLED = "2026-04-02T08:15:00Z"
PAGE = ("<html><head><title>Lusk dockers end strike</title></head><body><article><h1>Lusk dockers end strike</h1>"
        "<p>Dock workers in Lusk returned to the quays on Wednesday after a nine-day strike over night shifts, "
        "the Lusk Harbour Union said.</p><p>Union secretary Brenna Holt said the new rota caps night shifts at "
        "two a week.</p></article></body></html>")


def http(body: str | bytes, status: str = "200 OK", content_type: str | None = "text/html; charset=utf-8") -> bytes:
    headers = f"HTTP/1.1 {status}\r\n" + (f"Content-Type: {content_type}\r\n" if content_type else "") + "\r\n"
    return headers.encode() + (body.encode() if isinstance(body, str) else body)


def archive(tmp_path, name="crawl.warc.gz"):
    path = tmp_path / name
    write_warc(path, [
        ("https://lusk-courier.example/strike", CRAWLED, http(PAGE)),
        ("https://lusk-courier.example/logo.png", CRAWLED, http(b"\x89PNG\r\n\x1a\n", content_type="image/png")),
        ("https://lusk-courier.example/gone", CRAWLED, http("<html>moved</html>", status="301 Moved Permanently")),
        ("https://lusk-courier.example/bare", CRAWLED, http(PAGE.replace("Wednesday", "Thursday"), content_type=None)),
        ("https://lusk-courier.example/latin", CRAWLED,
         http(PAGE.replace("Holt", "Hölt").encode("cp1252"), content_type="text/html; charset=windows-1252")),
    ])
    return path


def test_html_responses_become_articles_with_url_and_crawl_time(tmp_path):
    drops = Drops()
    articles = list(read_paths([archive(tmp_path)], drops))
    assert [a.url for a in articles] == ["https://lusk-courier.example/strike", "https://lusk-courier.example/bare",
                                         "https://lusk-courier.example/latin"]
    first = articles[0]
    assert first.format == "html" and first.raw == PAGE and first.source == "crawl.warc.gz#1"
    assert first.fetched_at == "2026-04-02T08:15:00+00:00"
    assert all(a.published is None for a in articles)  # a crawl time is no publication date
    assert "Hölt" in articles[2].raw  # the declared charset is used
    assert drops.as_dict() == {"ingest: http-status": 1, "ingest: not-html": 1}


def test_plain_warc_and_folders_are_found(tmp_path):
    archive(tmp_path, "plain.warc")
    (tmp_path / "notes.gz").write_bytes(gzip.compress(b"not an archive"))
    drops = Drops()
    articles = list(read_paths([tmp_path], drops))
    assert len(articles) == 3 and all(a.source.endswith(("plain.warc#1", "plain.warc#4", "plain.warc#5")) for a in articles)
    assert drops.total == 2  # the image and the redirect; a .gz that is no .warc.gz is not looked at


def test_truncated_archive_keeps_the_records_before_the_cut(tmp_path):
    whole = archive(tmp_path).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 60])  # the last record's gzip member loses its end
    drops = Drops()
    articles = list(read_paths([cut], drops))
    assert [a.url for a in articles] == ["https://lusk-courier.example/strike", "https://lusk-courier.example/bare"]
    broken = {k: v for k, v in drops.as_dict().items() if k not in ("ingest: http-status", "ingest: not-html")}
    assert sum(broken.values()) == 1 and set(broken) <= {"ingest: truncated-record", "ingest: broken-archive"}


def test_garbage_file_with_warc_name_is_counted_not_fatal(tmp_path):
    bad = tmp_path / "junk.warc.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage that is not deflate data at all")
    (tmp_path / "text.warc").write_text("just some notes")
    drops = Drops()
    assert list(read_paths([tmp_path], drops)) == []
    assert drops.as_dict() == {"ingest: not-warc": 2}
