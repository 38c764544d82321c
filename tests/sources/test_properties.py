"""Whatever the bytes or the JSON values, the readers never raise and count every line they drop."""

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from sources import Recorded  # noqa: E402 - drops that keep their sources

from storyline.exceptions import BadDocument
from storyline.sources.decode import decode, looks_binary
from storyline.sources.jsonl import UTF16_OPENINGS, JsonlReader

NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)
FIELDS = ("text", "html", "url", "title", "outlet", "published")
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
records = st.dictionaries(st.sampled_from(FIELDS), json_values | st.text(min_size=1), max_size=len(FIELDS))
lines = st.one_of(records.map(json.dumps), st.text(max_size=40), json_values.map(json.dumps))
fast = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@fast
@given(st.binary(max_size=600))
def test_decode_returns_text_or_a_bad_document(data):
    try:
        text = decode(data)
    except BadDocument as e:
        assert e.reason in {"empty", "binary", "undecodable"}
    else:
        assert isinstance(text, str) and text.strip()


@fast
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffd"), max_size=200)
       .filter(lambda text: text.removeprefix("\ufeff").strip()))
def test_decode_reads_back_what_utf8_and_utf16_wrote(text):
    """Any text without control characters (binary) or replacement characters (undecodable) reads back."""
    assert decode(text.encode("utf-8")) == text.removeprefix("\ufeff")
    assert decode(b"\xff\xfe" + text.encode("utf-16-le")) == text


@fast
@given(st.lists(lines, max_size=8))
def test_jsonl_reader_never_raises_and_counts_each_unused_line(tmp_path, given_lines):
    one_line_each = [line.replace("\n", " ").replace("\r", " ").encode("utf-8", "surrogatepass") for line in given_lines]
    data = b"\n".join(one_line_each)
    assume(not data.startswith(UTF16_OPENINGS))  # read as UTF-16: its lines are not these lines
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data)
    drops = Recorded()
    articles = list(JsonlReader(path, "feed.jsonl", lambda: NOW).read(drops))
    if drops.sources == ["feed.jsonl"]:  # the whole file, once: its first line is binary
        assert not articles and looks_binary(next(line for line in one_line_each if line.strip()).strip())
    else:
        blank = sum(1 for line in one_line_each if not line.strip())
        assert len(articles) + drops.total + blank == len(one_line_each)
        numbers = [int(source.rpartition("#")[2]) for source in drops.sources]
        assert len(set(numbers)) == len(numbers) and all(1 <= n <= len(one_line_each) for n in numbers)
    for article in articles:
        for value in (article.raw, article.source, article.title, article.url, article.outlet, article.published):
            assert value is None or (isinstance(value, str) and value.encode("utf-8"))
    assert all(a.published is None or "1900" <= a.published < "2025-06-03" for a in articles)


@fast
@given(st.binary(max_size=400))
def test_jsonl_reader_survives_random_bytes(tmp_path, data):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data)
    list(JsonlReader(path, "feed.jsonl", lambda: NOW).read(Recorded()))
