"""Feed parsing: RSS, Atom and JSON Feed entries, dates only when the feed gives them, linkless entries counted."""

import json

import pytest

from storyline.exceptions import BadDocument
from storyline.sources.feeds import FEED_DATE_EVIDENCE, parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Quillon Courier</title>
<item><title>Ferry  aground off Quillon Point</title><link>https://courier.example/ferry</link>
<pubDate>Mon, 07 Dec 2026 09:30:00 +0100</pubDate></item>
<item><title>Harbour notice</title><link>/notices/12</link></item>
<item><title>No link here</title><description>Only text.</description></item>
<item><title>Mail me</title><link>mailto:desk@courier.example</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Bellhaven Gazette</title>
<entry><title>Library reopens</title><link href="https://gazette.example/library"/>
<published>2026-12-05T08:00:00Z</published><updated>2026-12-06T08:00:00Z</updated></entry>
<entry><title>Corvane maps restored</title><link href="https://gazette.example/maps"/>
<updated>2026-12-06T10:00:00Z</updated></entry>
</feed>"""


def test_rss_entries_with_dates_and_absolute_links():
    feed = parse_feed(RSS, "application/rss+xml", "https://courier.example/feed.xml")
    assert feed.title == "Quillon Courier"
    assert [e.link for e in feed.entries] == ["https://courier.example/ferry", "https://courier.example/notices/12"]
    first, second = feed.entries
    assert first.title == "Ferry aground off Quillon Point"
    assert first.published == "2026-12-07T08:30:00+00:00" and first.published_evidence == FEED_DATE_EVIDENCE
    assert second.published is None and second.published_evidence is None
    assert feed.skipped == 2


def test_atom_updated_is_not_a_publication_date():
    feed = parse_feed(ATOM, "application/atom+xml", "https://gazette.example/atom")
    library, maps = feed.entries
    assert library.published == "2026-12-05T08:00:00+00:00"
    assert maps.published is None


def test_json_feed():
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Orvey Post", "items": [
        {"id": "1", "url": "https://post.example/storm", "title": "Storm aid arrives", "date_published": "2026-12-04T12:00:00Z"},
        {"id": "2", "url": "https://post.example/later", "date_published": "last Tuesday"},
        {"id": "3", "content_text": "no url"},
        "not an object",
    ]}
    feed = parse_feed(json.dumps(doc).encode(), "application/feed+json", "https://post.example/feed.json")
    assert feed.title == "Orvey Post" and feed.skipped == 2
    storm, later = feed.entries
    assert storm.published == "2026-12-04T12:00:00+00:00" and later.published is None
    assert storm.as_item() == {"url": "https://post.example/storm", "title": "Storm aid arrives",
                               "published": "2026-12-04T12:00:00+00:00", "published_evidence": FEED_DATE_EVIDENCE}
    assert later.as_item() == {"url": "https://post.example/later"}


@pytest.mark.parametrize("content, media_type", [
    (b"<html><body><p>Just a page</p></body></html>", "text/html"),
    (b'{"items": 3}', "application/json"),
    (b"{broken", "application/feed+json"),
])
def test_what_is_no_feed_is_a_bad_document(content, media_type):
    with pytest.raises(BadDocument, match="not-a-feed"):
        parse_feed(content, media_type, "https://x.example/")
