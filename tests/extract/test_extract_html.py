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
