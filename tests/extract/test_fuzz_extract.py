"""Bad input, fuzzed: the cleaner and extraction never fail on any text or markup, and a bad page never
costs the pages beside it; plus the hostile inputs every crawler meets (each its own test)."""

import time

import pytest
from fuzzing import check_clean, check_extract, html_docs, texts
from hypothesis import HealthCheck, given, settings

from storyline.engine import Drops
from storyline.exceptions import BadDocument
from storyline.extract import Extract, extract
from storyline.extract.dates import MAX_DATE_SEARCH_CHARS, infer_published
from storyline.model import Article
from storyline.settings import Settings, Thresholds
from storyline.sources import read_paths

fast = settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@fast
@given(texts)
def test_cleaner_takes_any_text(text):
    check_clean(text)


@fast
@given(texts)
def test_text_extraction_keeps_or_counts_and_never_loses_neighbours(text):
    check_extract(text, "text")


@fast
@given(html_docs)
def test_html_extraction_keeps_or_counts_and_never_loses_neighbours(html):
    check_extract(html, "html")


STORY = ("The Orvey town council voted on Thursday to close the old quarry road after two lorries slid off it in "
         "the rain. Councillor Ada Brenn said a new bypass would cost less than the repairs.")


def article(raw, fmt="text"):
    return Article(id="h", source="hostile", raw=raw, format=fmt)


@pytest.mark.parametrize(("raw", "fmt", "reason"), [
    ("", "html", "empty"),
    ("\x00" * 100, "text", "binary"),
    ("GIF89a\x01\x00\x01\x00\x80\x00\x00" + "\x00\xff" * 200, "html", "binary"),
    (STORY[:60] + "\x00" + STORY[60:], "text", "binary"),
])
def test_empty_binary_and_nul_bytes_are_bad_documents(raw, fmt, reason):
    with pytest.raises(BadDocument) as err:
        extract(article(raw, fmt), Thresholds())
    assert err.value.reason == reason


def test_deeply_nested_html_is_bounded_and_keeps_or_counts():
    page = "<html><body>" + "<div>" * 100_000 + f"<p>{STORY}</p>" + "</div>" * 100_000 + "</body></html>"
    step = Extract(Settings())
    kept = step.process([article(page, "html"), Article(id="g", source="good", raw=f"<p>{STORY}</p>", format="html")])
    assert "good" in [a.source for a in kept] and len(kept) + step.drops.total == 2


def test_a_50_mb_single_line_is_counted_by_the_reader_and_the_file_beside_it_read(tmp_path):
    (tmp_path / "line.txt").write_bytes(b"x" * 50_000_000)
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    drops = Drops()
    raw = list(read_paths([tmp_path], drops))
    assert [a.source.rpartition("/")[2] for a in raw] == ["story.txt"]
    assert drops.as_dict() == {"ingest: too-large": 1}


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_a_50_mb_single_line_given_to_extraction_is_cut_before_the_work(fmt):
    """Regression: a 50 MB line of text took 137 s and 870 MB; extraction now reads at most its first
    million characters (text) or two million (HTML), whoever calls it."""
    raw = ("<p>" if fmt == "html" else "") + "word " * 10_000_000
    step = Extract(Settings())
    kept = step.process([article(raw, fmt), Article(id="g", source="good", raw=STORY, format="text")])
    assert [a.source for a in kept][-1] == "good"
    assert len(kept) == 2 and len(kept[0].text) <= 2_000_000


def test_a_date_is_searched_only_near_the_start_of_a_line():
    """Regression: a line of a million characters made every date pattern scan all of it, several times."""
    assert infer_published("Published: March 3, 2023") == ("2023-03-03", "header-line")
    assert infer_published("x" * 1_000_000) is None
    assert infer_published("Published: " + "x" * MAX_DATE_SEARCH_CHARS + " March 3, 2023") is None


def test_malformed_dates_are_unknown_not_guessed():
    for date in ("2024-02-30", "2023-13-01T10:00", "2023-02-29T10:00", "0000-00-00", "March 32, 2023"):
        page = f'<html><head><meta property="article:published_time" content="{date}"></head><body><p>{STORY}</p></body></html>'
        found = extract(article(page, "html"), Thresholds())
        assert found.published is None, date


def test_over_budget_work_is_stopped_within_the_budget_not_after_it(monkeypatch):
    import storyline.extract as extract_module

    def endless(article, raw, thresholds):
        while True:
            time.sleep(0.005)

    monkeypatch.setattr(extract_module, "extract_text", endless)
    start = time.monotonic()
    with pytest.raises(BadDocument) as err:
        extract(article(STORY), Thresholds(), budget=0.2)
    assert err.value.reason == "over-time-budget" and time.monotonic() - start < 5
