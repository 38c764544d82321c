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
    coverage = doc["stories"][0]["coverage"]
    coverage["odd`name.txt"] = coverage.pop("inbox/tip-0042.txt")  # coverage names an outlet-less article by source
    assert "``odd`name.txt``" in render_markdown(doc)


def test_empty_database_says_how_to_start(empty_doc):
    assert "No stories yet. Add articles with `storyline ingest PATH…`" in render_markdown(empty_doc)


def _section(md: str, heading: str) -> str:
    """From the heading to the next heading or the sources."""
    start = md.index(f"### {heading}\n")
    end = re.compile(r"^(#|Sources:)", re.M).search(md, start + 1)
    return md[start:end.start() if end else None]


def test_claims_matrix_is_a_table_of_claims_by_outlet(doc):
    claims = _section(render_markdown(doc), "Claims")
    rows = [line for line in claims.splitlines() if line.startswith("|")]
    assert rows[0] == "| Claim | Status | Vellmar Courier | Northwire | Coastal Daily | unknown outlet \\[4\\] |"
    assert rows[1] == "| --- | --- | --- | --- | --- | --- |"
    assert rows[2] == ("| **workers evacuated · 2026-03-02** — More than 160 workers were evacuated. | 🟡 precision only "
                       "| more than 160 [1] | 164 [2] | 164 [3] | — |")
    assert rows[4].split(" | ")[1:] == ["🔴 conflicting", "Twelve [1]", "20 [2]", "—", "— |"]
    assert rows[5] == "| Dock workers raised three warnings about the brakes. | ⚪ single source | — | — | — | three [4] |"


def test_claim_statuses_are_explained_once(doc):
    md = render_markdown(doc)
    assert md.count("Claim statuses:") == 1
    assert "- 🟢 **corroborated**: the same value from at least two independent sources (a wire story" in md


def test_timeline_quotes_entities_and_coverage(doc):
    md = render_markdown(doc)
    crane = md[:md.index("## \\<script")]
    assert ("| 2026-03-02 | A harbour crane collapsed onto pier 4 in Vellmar at 06:40 on Monday. | [1][2][3] "
            "| 2026-03-02 07:15:00+01:00 |") in _section(crane, "Timeline")
    quotes = _section(crane, "Quotes")
    assert ("**Ilse Marrow**\n\n- “Nobody was hurt, and we will find out why the brakes failed.” [1]\n"
            "- _reported:_ pier 4 would stay closed until Friday [2][3]\n") in quotes
    assert "**Unknown speaker**\n\n- “We told them about the brakes for weeks.” [4]" in quotes
    assert ("- **Vellmar Port Authority** (organisation) — also: VPA, the port authority [2][3]"
            in _section(crane, "Entities"))
    assert ("- **unknown outlet \\[4\\]**\n  - only here: Dock workers raised three warnings about the brakes.\n"
            "  - omitted (corroborated elsewhere): The crane was 42 metres tall.") in _section(crane, "Coverage by outlet")
    assert "Coastal Daily**" not in _section(crane, "Coverage by outlet")  # nothing differs there


def test_facts_are_escaped(doc):
    odd = render_markdown(doc)
    odd = odd[odd.index("## \\<script"):]
    assert "<script>" not in odd
    assert "| Claim | Status | Odd \\<Outlet\\> |" in odd
    assert odd.count('\\<script\\>alert("x")\\</script\\> \\[bold red\\]boom\\[/\\] \\*\\*bold\\*\\* \\& \\[2J') >= 10


def test_story_without_facts_says_none_found(doc):
    for story in doc["stories"]:
        story.update(claims=[], timeline=[], quotes=[], entities=[], coverage={})
    md = render_markdown(doc)
    crane = md[:md.index("## \\<script")]
    assert crane.count("_None found._") == 5 and "Claim statuses" not in crane
