from html import unescape
import re

import pytest

from storyline.model import Article
from storyline.export.document import to_document
from storyline.export.html import write_report


@pytest.fixture
def report(tmp_path, doc):
    index = write_report(doc, tmp_path / "report")
    return tmp_path / "report", index


def test_writes_an_index_and_one_page_per_story(report):
    out, index = report
    assert index == out / "index.html"
    assert sorted(p.name for p in (out / "stories").iterdir()) == ["odd-one.html", "vellmar-crane.html"]
    html = index.read_text(encoding="utf-8")
    assert 'href="stories/vellmar-crane.html">Crane collapse at Vellmar port</a>' in html
    assert "2026-03-02 – 2026-03-03" in html and "<b>4</b> articles" in html and "<b>3</b> independent sources" in html
    assert '<b>4</b> claims</span> <span class="status conflicting">1 conflicting</span>' in html


def test_pages_are_self_contained(report):
    out, _ = report
    for page in [out / "index.html", *(out / "stories").iterdir()]:
        html = page.read_text(encoding="utf-8")
        assert "<style>" in html and 'name="viewport"' in html
        assert not re.search(r"<(script|link|img|iframe)\b", html)
        assert not re.search(r'(src|href)="(https?:)?//(?!courier\.vellmar|coastal-daily)', html)


def test_story_page_cites_articles_and_shows_their_text(report):
    page = (report[0] / "stories" / "vellmar-crane.html").read_text(encoding="utf-8")
    sentence = page[page.index("A harbour crane collapsed onto pier 4 in Vellmar on Monday."):]
    sentence = sentence[:sentence.index("</li>")]
    assert re.findall(r'href="#(source-\d)"[^>]*>\[(\d)\]', sentence) == [("source-1", "1"), ("source-2", "2"),
                                                                        ("source-3", "3")]
    for n in (1, 2, 3, 4):
        assert f'<article id="source-{n}"' in page
    card = page[page.index('<article id="source-1"'):page.index('<article id="source-2"')]
    assert "<p>A harbour crane collapsed onto pier 4 in Vellmar at 06:40 on Monday.</p>" in card
    assert "<p>Port director Ilse Marrow said nobody was hurt.</p>" in card
    assert "2026-03-02 07:15:00+01:00</time> <span class=\"evidence\">(from meta:article:published_time)" in card
    assert '<a href="../index.html">' in page


def test_syndicated_copy_is_marked(report):
    page = (report[0] / "stories" / "vellmar-crane.html").read_text(encoding="utf-8")
    card = page[page.index('<article id="source-3"'):page.index('<article id="source-4"')]
    assert 'class="card article copy"' in card and "syndicated copy of [2]" in card


def test_removed_parts_are_shown_greyed_with_their_reasons(report):
    page = (report[0] / "stories" / "vellmar-crane.html").read_text(encoding="utf-8")
    assert '<div class="removed">' in page and ".removed {" in page and "color: var(--cut-fg)" in page
    for reason, text in [("navigation", "Home | News | Sport"), ("related-links", "Read more: Ferry fares rise"),
                         ("photo-credit", "Photo: J. Okafor / Northwire"), ("comments", "12 comments: first!"),
                         ("off-topic-appendix", "Unrelated: the harbour festival is in May.")]:
        assert f'<span class="reason">{reason}</span><div class="cut-text">{text}</div>' in page


def test_article_without_title_outlet_or_date_shows_its_source(report):
    page = (report[0] / "stories" / "vellmar-crane.html").read_text(encoding="utf-8")
    card = page[page.index('<article id="source-4"'):]
    assert "<h3>inbox/tip-0042.txt</h3>" in card and "Unknown outlet" in card and "<dd>unknown</dd>" in card


def test_untrusted_content_is_escaped_everywhere(report):
    out, index = report
    for page in (index, out / "stories" / "odd-one.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html and "\x1b" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    story = (out / "stories" / "odd-one.html").read_text(encoding="utf-8")
    assert "Odd &lt;Outlet&gt;" in story
    assert "cut &lt;script&gt;" in story  # removed parts too
    assert "date unknown" in story  # a story with no dates


def test_only_web_sources_become_links(tmp_path, articles, stories):
    articles[0].source = "javascript:alert(1)"
    page = (write_report(to_document(articles, stories), tmp_path).parent / "stories" / "vellmar-crane.html")
    html = page.read_text(encoding="utf-8")
    assert 'href="javascript:' not in html and "<code>javascript:alert(1)</code>" in html
    assert '<a href="https://coastal-daily.example/2026/03/02/crane"' in html


def test_story_ids_that_are_not_safe_file_names_get_a_digest_name(tmp_path):
    article = Article(id="x1", source="a.txt", raw="x", format="text", text="t", story_id="../../etc/passwd")
    from storyline.model import Story

    story = Story(id="../../etc/passwd", title="T", article_ids=["x1"], independent_sources=1,
                  first_published=None, last_published=None)
    index = write_report(to_document([article], [story]), tmp_path / "r")
    [page] = (tmp_path / "r" / "stories").iterdir()
    assert re.fullmatch(r"story-[0-9a-f]{20}\.html", page.name)
    assert f'href="stories/{page.name}"' in index.read_text(encoding="utf-8")


def test_empty_database_index_says_how_to_ingest(tmp_path, empty_doc):
    html = write_report(empty_doc, tmp_path).read_text(encoding="utf-8")
    assert "No stories yet." in html and "<code>storyline ingest PATH…</code>" in html


def test_lone_surrogate_does_not_abort_the_report(tmp_path):
    article = Article(id="s1", source="bad.txt", raw="x", format="text", text="broken \udc80 byte", story_id="s")
    from storyline.model import Story

    story = Story(id="s", title="T", article_ids=["s1"], independent_sources=1, first_published=None,
                  last_published=None)
    write_report(to_document([article], [story]), tmp_path)
    assert "broken &#56448; byte" in (tmp_path / "stories" / "s.html").read_text(encoding="utf-8")


def _section(page: str, section_id: str) -> str:
    start = page.index(f'<section id="{section_id}">')
    return page[start:page.index("</section>", start)]


def _cells(row: str) -> list[str]:
    """The text of a table row's cells, tags and the (folded) "why this status" explanations dropped."""
    row = re.sub(r"<details class=\"why\">.*?</details>", "", row, flags=re.S)
    return [unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.S)]


def test_claims_matrix_has_a_column_per_outlet_and_a_row_per_claim(report):
    claims = _section((report[0] / "stories" / "vellmar-crane.html").read_text(encoding="utf-8"), "claims")
    assert '<div class="table-scroll" role="region" aria-label="Claims by outlet" tabindex="0">' in claims
    head, *rows = re.findall(r"<tr\b[^>]*>(.*?)</tr>", claims, re.S)
    assert _cells(head) == ["Claim", "Status", "Vellmar Courier", "Northwire", "Coastal Daily", "unknown outlet [4]"]
    assert [_cells(row)[1:] for row in rows] == [  # conflicts first, then the dossier's order
        ["conflicting", "Twelve\u2060[1]", "20\u2060[2]", "—", "—"],
        ["precision only", "more than 160\u2060[1]", "164\u2060[2]", "164\u2060[3]", "—"],
        ["corroborated", "42 metres\u2060[1]", "42 metres\u2060[2]", "—", "—"],
        ["single source", "—", "—", "—", "three\u2060[4]"],
    ]
    first = _cells(rows[1])[0]
    assert "workers evacuated · 2026-03-02" in first and "More than 160 workers were evacuated." in first
    # the status is a word with a colour class, never colour alone; each value cites its article
    assert '<span class="status conflicting">conflicting</span>' in claims
    assert '164&#8288;<span class="cites"><a class="cite" href="#source-3"' in claims
    assert "What the statuses mean" in claims and "a wire story and its copies count once" in claims


def test_claims_table_fits_every_outlet_and_scrolls_sideways_only_on_narrow_screens(report):
    page = (report[0] / "stories" / "vellmar-crane.html").read_text(encoding="utf-8")
    rule = re.search(r"\.table-scroll \{([^}]*)\}", page).group(1)
    assert "overflow-x: auto" in rule and "width: min(76rem, calc(100vw - 2rem))" in rule
    table = re.search(r"\.claims \{([^}]*)\}", page).group(1)
    assert "table-layout: fixed" in table and "min-width: 40rem" in table  # columns share the width; values wrap


def test_timeline_quotes_entities_and_coverage_are_shown_with_sources(report):
    page = (report[0] / "stories" / "vellmar-crane.html").read_text(encoding="utf-8")
    timeline = _section(page, "timeline")
    assert timeline.index("2026-02-10") < timeline.index("2026-03-02")
    assert re.search(r'<time class="when" datetime="2026-03-02">2026-03-02</time>\s*<div class="what">A harbour crane '
                     r"collapsed onto pier 4 in Vellmar at 06:40 on Monday\.&#8288;<span class=\"cites\">.*\[1\].*\[2\].*\[3\]",
                     timeline)
    assert "first reported 2026-03-02 07:15:00+01:00" in timeline and "first reported on an unknown date" in timeline
    quotes = _section(page, "quotes")
    assert [h for h in re.findall(r"<h3>(.*?)</h3>", quotes)] == ["Ilse Marrow", "Vellmar Port Authority",
                                                                  "Unknown speaker"]
    marrow = quotes[:quotes.index("Vellmar Port Authority")]
    assert "<q>Nobody was hurt, and we will find out why the brakes failed.</q>" in marrow
    assert '<span class="kind">reported</span> pier 4 would stay closed until Friday' in marrow
    assert re.search(r'until Friday&#8288;<span class="cites"><a [^>]*href="#source-2"[^>]*>\[2\]</a><a [^>]*>\[3\]', marrow)
    entities = _section(page, "entities")
    assert re.search(r'<span class="name">Ilse Marrow</span>&#8288;<span class="cites">.*?</span> <span class="type">person</span>'
                     r'<span class="role">Port director</span>', entities)
    assert "also: VPA · the port authority" in entities
    coverage = _section(page, "coverage")
    assert re.findall(r"<h3>(.*?)</h3>", coverage) == ["Northwire", "Vellmar Courier", "unknown outlet [4]"]
    tip = coverage[coverage.index("unknown outlet [4]"):]
    assert "<li>Dock workers raised three warnings about the brakes.</li>" in tip
    assert "Omitted" in tip and "<li>The crane was 42 metres tall.</li>" in tip


def test_each_article_lists_the_facts_found_in_it(report):
    page = (report[0] / "stories" / "vellmar-crane.html").read_text(encoding="utf-8")
    card = page[page.index('<article id="source-1"'):page.index('<article id="source-2"')]
    assert "<summary>Facts found in this article (8)</summary>" in card
    assert "<b>between 40 and 50 minutes</b> — length of the evacuation" in card
    assert '<b>Monday</b> → <time datetime="2026-03-02">2026-03-02</time>' in card
    assert '<b>last spring</b> → <span class="muted">not resolved</span>' in card
    assert '<b>Ilse Marrow</b> <span class="type">person</span> Port director' in card
    assert "Facts found" not in page[page.index('<article id="source-4"'):]  # none found: no empty box


def test_story_without_facts_says_none_found(tmp_path):
    from storyline.model import Story

    article = Article(id="x1", source="a.txt", raw="x", format="text", text="t", story_id="s")
    story = Story(id="s", title="T", article_ids=["x1"], independent_sources=1, first_published=None,
                  last_published=None)
    write_report(to_document([article], [story]), tmp_path)
    page = (tmp_path / "stories" / "s.html").read_text(encoding="utf-8")
    for section in ("claims", "timeline", "quotes", "entities", "coverage"):
        assert '<p class="muted">None found.</p>' in _section(page, section)
    assert "<table" not in page


def test_untrusted_facts_are_escaped(report):
    page = (report[0] / "stories" / "odd-one.html").read_text(encoding="utf-8")
    assert "<script" not in page and "\x1b" not in page
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"
    for section in ("claims", "timeline", "quotes", "entities", "coverage", "articles"):
        assert escaped in _section(page, section), section
    assert "<th scope=\"col\">Odd &lt;Outlet&gt;</th>" in page


def test_story_page_says_why_each_article_is_in_the_story(tmp_path, articles, stories):
    from storyline.model import Membership, StoryMatch

    joined = Membership("a2", "vellmar-crane", "joined", 0.5,
                        StoryMatch("vellmar-crane", 0.71, None, 0.6, 0.8, 0.0, ["marrow", "vellmar"]),
                        StoryMatch("odd-one", 0.2, None, 0.1, 0.0, None, []))
    copy = Membership("a3", "vellmar-crane", "copy", 0.5, copy_of="a2")
    write_report(to_document(articles, stories, {"a2": joined, "a3": copy}), tmp_path / "r")
    page = unescape((tmp_path / "r" / "stories" / "vellmar-crane.html").read_text(encoding="utf-8"))
    sources = page[page.index('<section id="sources">'):page.index('<section id="articles">')]
    assert sources.count("<summary>Why is this article in this story?</summary>") == 2
    assert ("Joined with score 0.71 ≥ 0.5: text 0.60, entities 0.80 (marrow, vellmar), within the story's dates."
            in sources)
    assert "Next best story: odd-one (" in sources and "with 0.20." in sources
    assert "A syndicated copy of article a2 (" in sources
