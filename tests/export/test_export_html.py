import re

import pytest

from storyline.article import Article
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
    from storyline.dossier import Story

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
    from storyline.dossier import Story

    story = Story(id="s", title="T", article_ids=["s1"], independent_sources=1, first_published=None,
                  last_published=None)
    write_report(to_document([article], [story]), tmp_path)
    assert "broken &#56448; byte" in (tmp_path / "stories" / "s.html").read_text(encoding="utf-8")
