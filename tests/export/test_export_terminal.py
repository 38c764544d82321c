import re

import pytest
from rich.console import Console

from storyline.exceptions import StoryNotFound
from storyline import views
from storyline.export import terminal
from storyline.store import Page


def render_story(doc: dict, story_id: str, console: Console) -> None:
    terminal.render_story(views.story(doc, story_id), console)


def _console() -> Console:
    return Console(record=True, width=120, color_system=None)


def test_stories_table_lists_id_title_counts_and_dates(stories):
    console = _console()
    terminal.render_stories_table(Page(stories, len(stories), 0, 50), console)
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


def test_empty_database_says_how_to_start():
    console = _console()
    terminal.render_stories_table(Page([], 0, 0, 50), console)
    assert "No stories yet. Add articles with `storyline ingest PATH…`" in console.export_text()


def _part(text: str, heading: str, following: str) -> str:
    return text[text.index(f"\n{heading}\n"):text.index(f"\n{following}\n")]


def test_dossier_shows_the_claims_matrix_with_outlets_as_columns(doc):
    console = _console()
    render_story(doc, "vellmar-crane", console)
    claims = _part(console.export_text(), "Claims", "Timeline")
    header = next(line for line in claims.splitlines() if line.startswith("claim"))
    assert re.split(r"\s{2,}", header.strip()) == ["claim", "status", "Vellmar Courier", "Northwire", "Coastal Daily",
                                                   "unknown outlet [4]"]
    rows = {line.split("  ")[0]: re.split(r"\s{2,}", line.strip()) for line in claims.splitlines()}
    assert rows["workers evacuated · 2026-03-02"][1:] == ["precision only", "more than 160 [1]", "164 [2]", "164 [3]", "—"]
    assert rows["ships held outside the harbour"][1:] == ["conflicting", "Twelve [1]", "20 [2]", "—", "—"]
    assert rows["Dock workers raised three"][1:] == ["single source", "—", "—", "—", "three [4]"]


def test_claim_status_is_a_word_in_colour(doc):
    console = Console(record=True, width=120, color_system="truecolor", force_terminal=True)
    render_story(doc, "vellmar-crane", console)
    ansi = console.export_text(styles=True)
    assert "\x1b[1;31mconflicting" in ansi and "\x1b[1;32mcorroborated" in ansi and "\x1b[1;33mprecision only" in ansi


def test_narrow_terminal_lists_each_claims_values_instead_of_cropping_outlets(doc):
    console = Console(record=True, width=60, color_system=None)
    render_story(doc, "vellmar-crane", console)
    claims = _part(console.export_text(), "Claims", "Timeline")
    assert "• precision only — workers evacuated · 2026-03-02" in claims
    assert "  Coastal Daily: 164 [3]" in claims and "  unknown outlet [4]: three [4]" in claims


def test_dossier_shows_timeline_quotes_entities_and_coverage(doc):
    console = _console()
    render_story(doc, "vellmar-crane", console)
    text = console.export_text()
    timeline = _part(text, "Timeline", "Quotes")
    assert "2026-02-10  Dock workers first reported problems with the crane's brakes. [4]" in timeline
    assert re.search(r"2026-03-02  A harbour crane collapsed .* \[1\]\[2\]\[3\]\s*\n\s+first reported 2026-03-02 "
                     r"07:15:00\+01:00", timeline)
    quotes = _part(text, "Quotes", "Entities")
    assert ("Ilse Marrow\n  • “Nobody was hurt, and we will find out why the brakes failed.” [1]\n"
            "  • reported: pier 4 would stay closed until Friday [2][3]") in quotes
    assert "Unknown speaker\n  • “We told them about the brakes for weeks.” [4]" in quotes
    entities = _part(text, "Entities", "Coverage by outlet")
    assert "• Ilse Marrow (person, Port director) — also: Marrow [1][2]" in entities
    coverage = _part(text, "Coverage by outlet", "Sources")
    assert re.search(r"unknown outlet \[4\]\n  only here +Dock workers raised three warnings about the brakes\.\s*\n"
                     r"  omitted +The crane was 42 metres tall\.", coverage)
    assert text.index("Summary") < text.index("Claims") < text.index("Sources")


def test_story_without_facts_says_none_found(doc):
    doc["stories"][0].update(claims=[], timeline=[], quotes=[], entities=[], coverage={})
    console = _console()
    render_story(doc, "vellmar-crane", console)
    text = console.export_text()
    assert text.count("None found.") == 5


def test_untrusted_facts_are_not_markup(doc):
    console = Console(record=True, width=200, color_system=None)
    render_story(doc, "odd-one", console)
    text = console.export_text()
    assert text.count('<script>alert("x")</script> [bold red]boom[/] **bold** & [2J') >= 8
    assert "\x1b" not in text and "Odd <Outlet>" in text


def test_views_refuse_a_storyline_1_document():
    from storyline.exceptions import InvalidExport

    old = {"schema": "storyline/1", "articles": [], "stories": []}
    with pytest.raises(InvalidExport, match="the views read storyline/3 documents, this one is storyline/1"):
        views.stories(old)


def test_a_page_says_how_many_more_there_are(stories):
    console = _console()
    terminal.render_stories_table(Page(stories[:1], 7, 0, 1), console)
    text = console.export_text()
    assert "1–1 of 7 stories" in text and "6 more: use --offset 1" in text


def test_an_outlet_giving_no_figure_keeps_its_column(doc):
    for claim in doc["stories"][0]["claims"]:
        claim["values"].pop("a4", None)
    doc["stories"][0]["claims"].pop()  # the only claim from the tip
    console = _console()
    render_story(doc, "vellmar-crane", console)
    claims = _part(console.export_text(), "Claims", "Timeline")
    header = next(line for line in claims.splitlines() if line.startswith("claim"))
    assert header.rstrip().endswith("Coastal Daily   unknown outlet [4]")
