"""HTML path: trafilatura plus Storyline's cleaner; dates only with evidence from the page."""

import pytest

from storyline.exceptions import BadDocument
from storyline.extract import extract


def test_article_page(thresholds, fixture_text, make_article):
    article = extract(make_article(fixture_text("gazette_article.html"), "html"), thresholds)
    assert article.text.startswith("The Saltmarsh tidal bridge reopened")
    assert "applications open next month." in article.text
    for noise in ("Related Articles", "Accept all cookies", "SaltyDog", "Leave a Reply", "All rights reserved", "Share on"):
        assert noise not in article.text
    assert article.title == "Tidal bridge reopens to traffic after eight months"
    assert article.outlet == "The Harbour Gazette"
    assert (article.published, article.published_evidence) == ("2024-10-14T08:30:00+01:00", "meta:article:published_time")
    assert article.language == "en"


def test_blog_post_json_ld_date_and_inline_links(thresholds, fixture_text, make_article):
    article = extract(make_article(fixture_text("blog_post.html"), "html"), thresholds)
    assert "412 grey seals" in article.text
    assert "READ ALSO" not in article.text
    assert any(r.reason == "related-links" and r.text.startswith("READ ALSO") for r in article.removed)
    for noise in ("Most read", "Storm damage at the old lighthouse", "Post Comment", "Back to top"):
        assert noise not in article.text
    assert (article.published, article.published_evidence) == ("2023-03-03T09:15:00+00:00", "json-ld:datePublished")


def test_page_without_date_gets_none(thresholds, fixture_text, make_article):
    article = extract(make_article(fixture_text("undated_page.html"), "html"), thresholds)
    assert "Ashby Vale community choir" in article.text
    assert article.published is None and article.published_evidence is None


def test_url_date_is_used_when_the_page_states_none(thresholds, fixture_text, make_article):
    article = make_article(fixture_text("undated_page.html"), "html", url="https://example.org/2022/06/18/choir")
    extract(article, thresholds)
    assert (article.published, article.published_evidence) == ("2022-06-18", "url")


def test_truncated_html_is_handled(thresholds, fixture_text, make_article):
    html = fixture_text("gazette_article.html")
    cut = html[: html.index("Okoro said the bridge")]  # page ends mid-article, tags left open
    article = extract(make_article(cut, "html"), thresholds)
    assert article.text.startswith("The Saltmarsh tidal bridge reopened")


def test_html_with_no_text_is_bad(thresholds, make_article):
    with pytest.raises(BadDocument) as err:
        extract(make_article("<html><body><nav><a href='/'>Home</a></nav></body></html>", "html"), thresholds)
    assert err.value.reason == "too-short"


BYLINE_PAGE = """<html lang="en"><head><title>Ferry strike ends after talks - Veldoria Today</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<aside class="most-read"><span class="date">1 January 2020</span> An older story</aside>
<article><h1>Ferry strike ends after talks</h1>
<div class="byline">By Jana Holm | <time>3 December 2024, 18:20</time></div>
<p>Ferry crews in Marhaven voted on Tuesday to end their nine-day strike after the operator offered a pay rise
of 4 percent and two extra rest days a month, the crew union said.</p>
<p>Services to the northern islands will resume on Thursday morning, the operator said in a statement, and
tickets bought for cancelled crossings will be refunded in full within the next fortnight.</p>
</article></body></html>"""


def test_byline_date_and_title_outlet_when_the_page_has_no_metadata(thresholds, make_article):
    article = extract(make_article(BYLINE_PAGE, "html"), thresholds)
    assert (article.published, article.published_evidence) == ("2024-12-03T18:20", "byline")  # not the sidebar's date
    assert article.outlet == "Veldoria Today"


def test_impossible_meta_dates_are_no_dates(thresholds, make_article):
    page = BYLINE_PAGE.replace("<head>", '<head><meta property="article:published_time" content="2024-00-00T25:61">')
    article = extract(make_article(page.replace("<time>3 December 2024, 18:20</time>", ""), "html"), thresholds)
    assert article.published is None


FERRY_PAGE = """<html lang="en"><head><title>Night ferry back after repairs - Lindenholm Post</title></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<main><article><h1>Night ferry back after repairs</h1>
<p>The Lindenholm ferry resumed its night crossings on Friday after a three-week repair of its bow door, the
operator said in a short statement on its website.</p>
<p>Engineers replaced two hinges and a hydraulic ram at a cost of about 80,000 crowns, and inspectors from the
maritime authority signed off the work on Thursday.</p>
<p>Passengers booked on cancelled sailings can rebook free of charge until the end of the month, and the
operator will add an extra early crossing on Saturdays.</p>
<div class="author-bio"><p>Mira Solberg covers transport and the islands for the Lindenholm Post and has reported
from the archipelago for twelve years.</p></div>
</article></main>
<footer><p>Lindenholm Post, 4 Quay Street. Printed and published on the island since 1921.</p></footer>
</body></html>"""


def test_what_one_extractor_kept_and_the_result_dropped_is_reported(thresholds, make_article):
    article = extract(make_article(FERRY_PAGE, "html"), thresholds)
    assert article.text.startswith("The Lindenholm ferry resumed")
    assert article.text.endswith("an extra early crossing on Saturdays.")
    assert any(r.reason == "dropped-by-extractor" and r.text.startswith("Mira Solberg covers") for r in article.removed)
    assert article.title == "Night ferry back after repairs" and article.outlet == "Lindenholm Post"


def test_a_page_too_big_for_a_second_opinion_still_gets_its_article(thresholds, make_article):
    from storyline.extract.html import SECOND_OPINION_MAX_ELEMENTS

    clutter = "<div class='tags'>" + "<span>tag</span>" * (SECOND_OPINION_MAX_ELEMENTS + 10) + "</div>"
    article = extract(make_article(FERRY_PAGE.replace("<footer>", clutter + "<footer>"), "html"), thresholds)
    assert article.text.startswith("The Lindenholm ferry resumed")
    assert not any(r.reason == "dropped-by-extractor" for r in article.removed)  # no second opinion was asked


def test_a_page_neither_extractor_reads_falls_back_to_all_its_text(thresholds, make_article):
    # readability strips the <aside> from the parsed tree, so the fallback must read the page afresh
    page = ("<html><body><aside>The Lindenholm ferry is back tonight after three weeks of repairs to its bow door, "
            "the operator said on Friday.</aside></body></html>")
    article = extract(make_article(page, "html"), thresholds)
    assert article.text.startswith("The Lindenholm ferry is back tonight")
