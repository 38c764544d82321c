"""Bad documents raise BadDocument with a reason; the pipeline step counts and skips them."""

import pickle

import pytest

from storyline.exceptions import BadDocument
from storyline.extract import Extract, extract
from storyline.settings import Settings


@pytest.mark.parametrize(
    ("raw", "fmt", "reason"),
    [
        ("", "text", "empty"),
        ("   \n\t\n", "html", "empty"),
        ("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "text", "binary"),
        ("\ufffd\ufffd abc \ufffd\ufffd def " * 30, "text", "bad-encoding"),
        ("Page not found", "text", "too-short"),
        ("Home\nNews\nSport\nContact us\n© 2024 Example", "text", "too-short"),
    ],
)
def test_bad_documents(raw, fmt, reason, thresholds, make_article):
    with pytest.raises(BadDocument) as err:
        extract(make_article(raw, fmt), thresholds)
    assert err.value.reason == reason


def test_unknown_format(thresholds, make_article):
    with pytest.raises(BadDocument) as err:
        extract(make_article("x" * 100, "pdf"), thresholds)
    assert err.value.reason == "unknown-format"


def test_mojibake_is_repaired(thresholds, fixture_text, make_article):
    good = fixture_text("german_short.txt")
    broken = good.encode("utf-8").decode("cp1252", errors="replace")  # UTF-8 read as Windows-1252
    assert "Ã" in broken
    article = extract(make_article(broken), thresholds)
    assert "Überfahrt" in article.text and "Ã" not in article.text
    assert article.raw == broken  # the input itself is left as it came


def test_step_skips_and_counts_bad_documents(fixture_text, make_article):
    step = Extract(Settings())
    articles = [make_article(fixture_text("undated_dateline.txt")), make_article("", source="empty.txt"),
                make_article("\x00\x01\x02" * 50, source="blob.bin")]
    out = list(step.run(articles))
    assert step.name == "extract"
    assert len(out) == 1 and out[0].text
    assert step.drops.as_dict() == {"extract: binary": 1, "extract: empty": 1}


def test_a_bug_met_on_one_page_costs_that_page_only(make_article, monkeypatch):
    import storyline.extract as extract_module

    def broken(article, raw, thresholds):
        raise RuntimeError("boom")

    monkeypatch.setattr(extract_module, "extract_text", broken)
    step = Extract(Settings())
    assert step.process([make_article("Some text " * 20, source="a.txt")]) == []
    assert step.drops.as_dict() == {"extract: extraction-failed": 1}


def test_extract_is_picklable():
    assert pickle.loads(pickle.dumps(extract)) is extract


def test_a_document_over_the_time_budget_is_stopped_counted_and_the_run_goes_on(make_article, monkeypatch):
    import time

    import storyline.extract as extract_module

    real = extract_module.extract_text

    def slow_on_one(article, raw, thresholds):
        while raw.startswith("SLOW"):  # a pathological page that would never finish
            time.sleep(0.01)
        return real(article, raw, thresholds)

    monkeypatch.setattr(extract_module, "extract_text", slow_on_one)
    step = Extract(Settings(extract_budget_seconds=0.3))
    text = "The Orvey council voted on Thursday to close the old quarry road after two lorries slid off it."
    out = step.process([make_article(text, source="a.txt"), make_article("SLOW " + text, source="slow.txt"),
                        make_article(text, source="c.txt")])
    assert [a.source for a in out] == ["a.txt", "c.txt"]
    assert step.drops.as_dict() == {"extract: over-time-budget": 1}
    assert "took over 0.3 s" in step.drops.reasons["slow.txt"]
