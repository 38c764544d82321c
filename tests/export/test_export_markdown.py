import re

from storyline.export.markdown import render_markdown


def test_each_story_has_heading_dates_counts_cited_summary_and_numbered_sources(doc):
    md = render_markdown(doc)
    assert md.startswith("# Storyline report\n")
    crane = md[md.index("## Crane collapse at Vellmar port"):md.index("\n## ", md.index("## Crane"))]
    assert "2026-03-02 – 2026-03-03 · 4 articles · 3 independent sources · 3 outlets" in crane
    assert "- A harbour crane collapsed onto pier 4 in Vellmar on Monday. [1][2][3]" in crane
    assert "- Nobody was hurt. [1][3]" in crane  # citations in source order, whatever order the dossier gave
    assert "- Dock workers had warned about the crane's brakes. [4]" in crane
    assert ("1. **Vellmar Courier** — Crane collapses on Vellmar's pier 4 — 2026-03-02 07:15:00+01:00 "
            "(meta:article:published\\_time) — `https://courier.vellmar.example/news/crane-collapse`") in crane
    assert "2. **Northwire** — Crane falls at Vellmar port, no injuries — 2026-03-02 (dateline) — `wire/northwire-0302.txt`" in crane
    assert re.search(r"^3\. \*\*Coastal Daily\*\* .* — _syndicated copy of \[2\]_$", crane, re.M)
    # no title, no outlet, no date: says so and still shows where it came from
    assert "4. _untitled_ — date unknown — `inbox/tip-0042.txt`" in crane


def test_untrusted_text_is_escaped(doc):
    md = render_markdown(doc)
    odd = md[md.index("## \\<script"):]
    assert "<script>" not in md and "\x1b" not in md
    assert odd.startswith('## \\<script\\>alert("x")\\</script\\> \\[bold red\\]boom\\[/\\] \\*\\*bold\\*\\* \\& \\[2J\n')
    assert "date unknown · 1 article · 1 independent source · 1 outlet" in odd


def test_a_leading_list_marker_in_a_sentence_stays_text(doc):
    doc["stories"][0]["summary"][0]["sentence"] = "1. Crane down."
    assert "- 1\\. Crane down. [1][2][3]" in render_markdown(doc)


def test_a_source_with_backticks_stays_one_code_span(doc):
    doc["articles"][3]["source"] = "odd`name.txt"
    assert "``odd`name.txt``" in render_markdown(doc)


def test_empty_database_says_how_to_start(empty_doc):
    assert "No stories yet. Add articles with `storyline ingest PATH…`" in render_markdown(empty_doc)
