import re

import pytest
from rich.console import Console

from storyline.exceptions import StoryNotFound
from storyline.export.terminal import render_stories_table, render_story


def _console() -> Console:
    return Console(record=True, width=120, color_system=None)


def test_stories_table_lists_id_title_counts_and_dates(doc):
    console = _console()
    render_stories_table(doc, console)
    text = console.export_text()
    for expected in ("2 stories", "id", "title", "articles", "independent", "sources", "dates",
                     "vellmar-crane", "Crane collapse at Vellmar port", "2026-03-02 – 2026-03-03",
                     "odd-one", "date unknown"):
        assert expected in text
    row = next(line for line in text.splitlines() if "vellmar-crane" in line)
    assert [cell.strip() for cell in row.split("│")[3:5]] == ["4", "3"]


def test_dossier_shows_summary_with_citations_and_numbered_sources(doc):
    console = _console()
    render_story(doc, "vellmar-crane", console)
    text = console.export_text()
    assert text.startswith("Crane collapse at Vellmar port\n2026-03-02 – 2026-03-03 · 4 articles · 3 independent sources")
    assert "• A harbour crane collapsed onto pier 4 in Vellmar on Monday. [1][2][3]" in text
    assert "• Nobody was hurt. [1][3]" in text
    assert "[1] Vellmar Courier — Crane collapses on Vellmar's pier 4" in text
    assert "2026-03-02 07:15:00+01:00 (from meta:article:published_time)" in text
    assert "[3] Coastal Daily — Crane falls at Vellmar port, no injuries  (syndicated copy of [2])" in text
    assert "[4] unknown outlet — untitled" in text and "inbox/tip-0042.txt" in text
    assert text.index("Summary") < text.index("Sources")


def test_untrusted_text_is_not_markup_and_loses_control_characters(doc):
    console = Console(record=True, width=200, color_system=None)
    render_story(doc, "odd-one", console)
    text = console.export_text()
    assert '<script>alert("x")</script> [bold red]boom[/] **bold** & [2J' in text  # literally, no style applied
    assert "\x1b" not in text  # an ESC from the article would drive the user's terminal


def test_unknown_story_raises_story_not_found(doc):
    with pytest.raises(StoryNotFound, match="no story with id 'nope'"):
        render_story(doc, "nope", _console())


def test_long_summary_lines_wrap_under_their_text(doc):
    doc["stories"][0]["summary"][0]["sentence"] = "The crane " + "fell and fell " * 12 + "onto pier 4."
    console = Console(record=True, width=60, color_system=None)
    render_story(doc, "vellmar-crane", console)
    lines = console.export_text().splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("• The crane"))
    assert re.match(r"  \w", lines[first + 1])  # indented under the text, not under the bullet


def test_empty_database_says_how_to_start(empty_doc):
    console = _console()
    render_stories_table(empty_doc, console)
    assert "No stories yet. Add articles with `storyline ingest PATH…`" in console.export_text()
