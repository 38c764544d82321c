"""Bad input, fuzzed: JSONL, feeds and WARC archives never fail on what they are given, count what they cannot
use, and never lose the good documents beside a bad one; plus hostile inputs, each its own test."""

import gzip
import json
import zlib

from fuzzing import (
    check_feed,
    check_jsonl,
    check_warc,
    feed_documents,
    jsonl_lines,
    warc_records,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.engine import Drops
from storyline.sources import read_paths
from storyline.sources.decode import decode
from storyline.sources.feeds import parse_feed
from storyline.sources.warc import write_warc

fast = settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
STORY = ("The Orvey town council voted on Thursday to close the old quarry road after two lorries slid off it in "
         "the rain. Councillor Ada Brenn said a new bypass would cost less than the repairs.")


@fast
@given(st.lists(jsonl_lines, max_size=6))
def test_jsonl_lines_between_good_ones(lines):
    check_jsonl(lines)


@fast
@given(feed_documents())
def test_feeds_give_entries_with_http_links_or_a_bad_document(document):
    check_feed(document)


@fast
@given(st.lists(warc_records(), max_size=4), st.booleans(), st.none() | st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)))
def test_warc_records_between_good_ones(records, gzipped, damage):
    check_warc(records, gzipped, damage)


def test_jsonl_bad_line_in_the_middle_is_reported_with_its_line_number(tmp_path):
    lines = [json.dumps({"text": STORY.replace("Thursday", day)}) for day in ("Monday", "Tuesday")]
    lines.insert(1, '{"text": "cut short')
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    drops = Drops()
    articles = list(read_paths([tmp_path / "feed.jsonl"], drops))
    assert [a.source.rpartition("#")[2] for a in articles] == ["1", "3"]
    assert drops.as_dict() == {"ingest: invalid-json": 1} and next(iter(drops.reasons)).endswith("feed.jsonl#2")


def test_jsonl_with_invalid_utf8_and_a_50_mb_line_keeps_the_good_lines(tmp_path):
    good = json.dumps({"text": STORY}).encode()
    bad_utf8 = b'{"text": "' + STORY.encode()[:80] + b"\xff\xfe\xc3" + STORY.encode()[80:] + b'"}'
    huge = b'{"text": "' + b"x" * 50_000_000 + b'"}'
    (tmp_path / "feed.jsonl").write_bytes(b"\n".join([good, bad_utf8, huge, good.replace(b"Monday", b"Friday")]))
    drops = Drops()
    articles = list(read_paths([tmp_path / "feed.jsonl"], drops))
    assert [a.source.rpartition("#")[2] for a in articles] == ["1", "2", "4"]  # line 2 is read as Windows-1252
    assert drops.as_dict() == {"ingest: too-large": 1} and next(iter(drops.reasons)).endswith("#3")


def test_html_files_in_legacy_encodings_are_decoded_by_their_declared_charset(tmp_path):
    page = '<html><head><meta charset="windows-1251"><title>Новости Орвея</title></head><body><p>{}</p></body></html>'
    (tmp_path / "ru.html").write_bytes(page.format("Совет Орвея проголосовал в четверг закрыть старую дорогу.").encode("cp1251"))
    latin = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>'
             "<body><p>Le conseil d’Orvey a voté jeudi la fermeture de la route — « enfin », dit Zoé.</p></body></html>")
    (tmp_path / "fr.html").write_bytes(latin.encode("cp1252"))
    (tmp_path / "plain.txt").write_bytes("Ärger in Orvey: der Rat schließt die Straße.".encode("latin-1"))
    drops = Drops()
    articles = {a.source.rpartition("/")[2]: a.raw for a in read_paths([tmp_path], drops)}
    assert "Совет Орвея проголосовал" in articles["ru.html"]
    assert "d’Orvey a voté jeudi la fermeture de la route — « enfin », dit Zoé" in articles["fr.html"]
    assert articles["plain.txt"] == "Ärger in Orvey: der Rat schließt die Straße."  # undeclared Latin-1 reads right
    assert drops.total == 0


def test_a_utf8_page_keeps_utf8_whatever_its_old_meta_charset_says():
    page = '<meta charset="windows-1251"><p>Совет Орвея проголосовал</p>'
    assert decode(page.encode("utf-8")) == page


def http(body: bytes, content_type: str = "text/html") -> bytes:
    return f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode() + body


def test_warc_page_in_cp1251_without_a_header_charset_is_read_by_its_meta_charset(tmp_path):
    page = '<html><head><meta charset="windows-1251"></head><body><p>Совет Орвея проголосовал в четверг.</p></body></html>'
    path = tmp_path / "ru.warc.gz"
    write_warc(path, [("https://orvey.example/ru", "2026-04-02T08:15:00Z", http(page.encode("cp1251")))])
    assert "Совет Орвея проголосовал" in next(iter(read_paths([path], Drops()))).raw


def test_a_zip_bomb_record_is_dropped_in_bounded_memory_and_the_records_beside_it_read(tmp_path):
    """256 MB of zeros in about 1 MB of gzip, declared as such: fastwarc skips it in a bounded buffer (25 MB peak
    for a gigabyte) and the reader counts it, since its declared length is over the cap per record."""
    path = tmp_path / "bomb.warc.gz"
    write_warc(path, [("https://lusk.example/1", "2026-04-02T08:15:00Z", http(f"<p>{STORY}</p>".encode()))])
    good = path.read_bytes()
    size, mb = 1 << 28, bytes(1 << 20)  # benchmarks/fuzz.py reads a 1 GB one
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\nWARC-Date: 2026-04-02T08:15:00Z"
            b"\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (size + 44))
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)  # level 1: the test spends its time reading, not packing
    bomb = [packer.compress(head + http(b""))] + [packer.compress(mb) for _ in range(size >> 20)]
    path.write_bytes(good + b"".join(bomb) + packer.compress(b"\r\n\r\n") + packer.flush() + good)
    drops = Drops()
    articles = list(read_paths([path], drops))
    assert [a.source for a in articles] == ["bomb.warc.gz#1", "bomb.warc.gz#3"]
    assert drops.as_dict() == {"ingest: too-large": 1}


def test_a_garbled_charset_is_sniffed_instead(tmp_path):
    """Regression (found by benchmarks/fuzz.py): a NUL inside a declared charset made codecs.lookup raise
    ValueError, which lost the rest of the archive."""
    path = tmp_path / "a.warc"
    write_warc(path, [("https://lusk.example/1", "2026-04-02T08:15:00Z", http(f"<p>{STORY}</p>".encode(), "text/html; charset=utf\x008")),
                      ("https://lusk.example/2", "2026-04-02T08:15:00Z", http(f"<p>{STORY}</p>".encode()))])
    drops = Drops()
    assert [a.url for a in read_paths([path], drops)] == ["https://lusk.example/1", "https://lusk.example/2"]
    assert decode(STORY.encode(), "utf\x008") == STORY


def _warc_head(length: int) -> bytes:
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bad.example/\r\nWARC-Date: 2026-04-02T08:15:00Z"
            b"\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % length)


def test_a_damaged_record_costs_only_itself(tmp_path):
    """Regression: garbage after a record inside its gzip member, or an endless HTTP header, stopped the
    archive there; reading now resumes at the next intact record."""
    path = tmp_path / "a.warc.gz"
    members = []
    for n in (1, 2, 3):
        write_warc(path, [(f"https://lusk.example/{n}", "2026-04-02T08:15:00Z", http(f"<p>{STORY} {n}</p>".encode()))])
        members.append(path.read_bytes())
    page = http(f"<p>{STORY}</p>".encode())
    trailing = gzip.compress(_warc_head(len(page)) + page + b"\r\n\r\n" + b"\x00garbage" * 10_000)
    endless = gzip.compress(_warc_head(2_000_000) + b"HTTP/1.1 200 OK\r\nX: " + b"a" * 2_000_000)
    path.write_bytes(members[0] + trailing + members[1] + endless + members[2])
    drops = Drops()
    urls = [a.url for a in read_paths([path], drops)]
    assert urls == ["https://lusk.example/1", "https://bad.example/", "https://lusk.example/2", "https://lusk.example/3"]
    assert drops.as_dict() == {"ingest: broken-archive": 2}


def test_feed_entries_without_links_are_counted_and_the_others_kept():
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Orvey Courier</title>'
           b"<item><title>No link here</title></item>"
           b"<item><title>Quarry road closes</title><link>https://orvey.example/quarry</link>"
           b"<pubDate>Mon, 30 Feb 2026 10:00:00 GMT</pubDate></item>"
           b"<item><title>Script link</title><link>javascript:alert(1)</link></item>"
           b"<item><title>Broken address</title><link>http://[::1</link></item>"
           b"<item><title>Relative</title><link>/bypass</link><pubDate>yesterday</pubDate></item>"
           b"</channel></rss>")
    feed = parse_feed(rss, "application/rss+xml", "https://orvey.example/feed")
    assert [e.link for e in feed.entries] == ["https://orvey.example/quarry", "https://orvey.example/bypass"]
    assert feed.skipped == 3 and all(e.published is None for e in feed.entries)  # malformed dates: unknown


def test_json_feed_with_malformed_dates_and_missing_links():
    doc = {"version": "https://jsonfeed.org/version/1.1", "items": [
        {"title": "no link"}, {"url": "http://[::1"}, {"url": "https://orvey.example/a", "date_published": "2026-02-30T10:00:00Z"},
        {"url": "https://orvey.example/b", "date_published": "2026-03-01T10:00:00Z"}, "not an object"]}
    feed = parse_feed(json.dumps(doc).encode(), "application/feed+json", "https://orvey.example/feed.json")
    assert [(e.link, e.published) for e in feed.entries] == [("https://orvey.example/a", None),
                                                             ("https://orvey.example/b", "2026-03-01T10:00:00+00:00")]
    assert feed.skipped == 3  # regression: "http://[::1" raised ValueError and lost the whole feed


def test_cp1251_feed_declared_in_its_xml_declaration_is_read_right():
    rss = ('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Вести Орвея</title>'
           "<item><title>Дорога закрыта</title><link>https://orvey.example/road</link></item></channel></rss>")
    feed = parse_feed(rss.encode("cp1251"), "application/rss+xml", "https://orvey.example/feed")
    assert feed.title == "Вести Орвея" and feed.entries[0].title == "Дорога закрыта"


def test_an_unreadable_record_is_counted_not_skipped_unseen(tmp_path):
    (tmp_path / "a.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\n" + bytes(range(256)) * 100))
    drops = Drops()
    assert list(read_paths([tmp_path], drops)) == []
    assert drops.as_dict() == {"ingest: not-a-record": 1}
