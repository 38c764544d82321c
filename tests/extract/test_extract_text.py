"""Plain-text path: pasted pages keep the story and lose the page furniture, with reasons."""

from dataclasses import replace

import pytest

from storyline.extract import extract
from storyline.extract.clean import clean, split_units


def reasons(article) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in article.removed:
        out.setdefault(r.reason, []).append(r.text)
    return out


@pytest.fixture
def harbour(thresholds, fixture_text, make_article):
    return extract(make_article(fixture_text("harbour_storm.txt")), thresholds)


def test_story_is_kept(harbour):
    assert harbour.text.startswith("Storm Ilsabet pushed sea water across Quayside Road")
    assert "Council leader Idris Fenwick said the repairs would now start in January." in harbour.text
    assert harbour.text.rstrip().endswith("compensation for the flooding.")
    assert "\n\n" in harbour.text  # paragraphs separated by blank lines


def test_noise_is_cut_with_reasons(harbour):
    cut = reasons(harbour)
    assert {"Home", "Sport", "Weather"} <= set(cut["navigation"])
    assert "Related Articles" in cut["related-links"]
    assert any(t.startswith("READ ALSO:") for t in cut["related-links"])
    assert any("(AP Photo/Lena Ortiz)" in t for t in cut["photo-credit"])
    assert "Leave a Reply" in cut["comments"]
    assert "Back to top" in cut["boilerplate"]
    assert any("Bakery festival" in t for t in cut["off-topic-appendix"])
    for noise in ("Related Articles", "READ ALSO", "Bakery festival", "Leave a Reply", "Post Comment", "©", "AP Photo"):
        assert noise not in harbour.text


def test_nothing_is_dropped_silently(harbour, fixture_text):
    raw_lines = [" ".join(line.split()) for line in fixture_text("harbour_storm.txt").splitlines() if line.strip()]
    kept_or_cut = harbour.text + "\n" + "\n".join(r.text for r in harbour.removed)
    assert all(line in kept_or_cut for line in raw_lines)


def test_metadata_inferred(harbour):
    assert harbour.title == "Storm surge floods Quayside Road as council delays sea wall repairs"
    assert harbour.outlet == "The Harbour Gazette"
    assert (harbour.published, harbour.published_evidence) == ("2024-11-30", "header-line")
    assert harbour.language == "en"


def test_same_news_section_is_kept_unrelated_story_cut(thresholds, fixture_text, make_article):
    article = extract(make_article(fixture_text("mirava_drones.txt")), thresholds)
    assert "Meanwhile, in the same war that night" in article.text
    assert "Calderan officials said the attacks on Mirava and Selvik" in article.text
    assert "Chess prodigy" not in article.text and "Pia Lorimer" not in article.text
    assert any("Pia Lorimer" in t for t in reasons(article)["off-topic-appendix"])
    assert article.outlet == "AFP"
    # the dateline has no year; the copyright line supplies it
    assert (article.published, article.published_evidence) == ("2024-11-29", "dateline")


def test_offtopic_decision_uses_the_threshold(thresholds, fixture_text):
    text = fixture_text("mirava_drones.txt")
    scores = clean(text, thresholds).offtopic_scores
    assert len(scores) == 2 and scores[0] >= thresholds.offtopic_similarity > scores[1]
    keep_all = clean(text, replace(thresholds, offtopic_similarity=0.0))
    assert "Pia Lorimer" in keep_all.text


def test_dateline_without_year_is_not_given_one(thresholds, fixture_text, make_article):
    article = extract(make_article(fixture_text("undated_dateline.txt")), thresholds)
    assert article.published is None and article.published_evidence is None
    assert article.outlet == "Reuters"


def test_published_header_masthead_and_credits(thresholds, fixture_text, make_article):
    article = extract(make_article(fixture_text("wire_published.txt")), thresholds)
    assert (article.published, article.published_evidence) == ("2024-03-25T14:05", "header-line")
    assert article.outlet == "Northfield Daily Courier"
    assert article.title == "Water supply restored in Northfield after burst main"
    assert "Reporting by" not in article.text
    assert article.text.startswith("LONDON (Reuters) - Water supply was restored")


def test_updated_line_is_marked_as_update(thresholds, fixture_text, make_article):
    article = extract(make_article(fixture_text("updated_header.txt")), thresholds)
    assert article.published == "2024-11-03T17:10"
    assert article.published_evidence == "header-line:updated"
    assert article.title == "Library reopens after two-year renovation in Greyport"


def test_input_metadata_wins(thresholds, fixture_text, make_article):
    article = make_article(fixture_text("harbour_storm.txt"), title="Given title", outlet="Given Outlet",
                           published="2024-12-01")
    extract(article, thresholds)
    assert (article.title, article.outlet, article.published) == ("Given title", "Given Outlet", "2024-12-01")
    assert article.published_evidence == "jsonl"


def test_hard_wrapped_paragraphs_are_rejoined():
    text = ("The Greyport public library reopened on Sunday after a two-year renovation\n"
            "that added a children's wing, a rooftop reading garden and a repair workshop\n"
            "where residents can fix bicycles and small appliances.\n\nShort second paragraph.")
    units = [u.text for u in split_units(text)]
    assert len(units) == 2 and units[0].endswith("small appliances.")


def test_german_text_language(thresholds, fixture_text, make_article):
    article = extract(make_article(fixture_text("german_short.txt")), thresholds)
    assert article.language == "de"
    assert article.title == "Neue Fähre verbindet Halmstedt und die Insel Korrin"


def test_prose_that_looks_like_boilerplate_is_kept(thresholds):
    text = (
        "Advertising revenue at the Harbour Gazette fell by a tenth last year, the paper's owner said on Monday.\n\n"
        "Copyright claims against the town's radio station were dropped after the songwriters reached a deal.\n\n"
        "Share the road, the council's new campaign urges drivers, after three cyclists were hurt in October.\n\n"
        "By the end of the day, the road through Port Elmsworth had reopened to traffic."
    )
    cleaned = clean(text, thresholds)
    assert cleaned.removed == []
    assert len(cleaned.paragraphs) == 4


def test_heading_led_section_of_the_same_story_is_kept(thresholds):
    text = (
        "Ferry workers in Halmstedt walked out on Monday in a dispute over night shifts, stranding hundreds of "
        "passengers bound for the island of Korrin.\n\n"
        "The Halmstedt ferry union said the company had changed the night shift rota without consulting "
        "workers, and that the strike would last until Wednesday.\n\n"
        "What happens next for Korrin passengers\n\n"
        "The ferry company said passengers for Korrin could use their tickets on the Wednesday sailings once "
        "the strike ends, and that the union and the company would meet on Tuesday to discuss the night shifts."
    )
    cleaned = clean(text, thresholds)
    assert "What happens next for Korrin passengers" in cleaned.text
    assert not any(r.reason == "off-topic-appendix" for r in cleaned.removed)


def test_page_pasted_without_blank_lines(thresholds, fixture_text, make_article):
    article = extract(make_article(fixture_text("valley_wildfire_noblank.txt")), thresholds)
    assert article.text.startswith("A wildfire in the hills above Cresthaven")
    assert article.text.endswith("checked the power lines.")
    cut = reasons(article)
    assert "Photo: Evander Quist / Reuters" in cut["photo-credit"]
    assert "Valley rugby club wins county cup" in cut["related-links"]
    assert "The fire service did an amazing job, as always." in cut["comments"]
    assert any("cookies" in t for t in cut["boilerplate"])
    assert article.title == "Wildfire near Cresthaven forces evacuation of three villages"
    assert article.outlet == "The Valley Record"
    assert (article.published, article.published_evidence) == ("2023-03-03", "header-line")


def test_a_quoted_line_does_not_start_an_appended_story(thresholds):
    text = (
        "Ferry workers in Halmstedt walked out on Monday in a dispute over night shifts, stranding hundreds of "
        "passengers bound for the island of Korrin.\n\n"
        "The union said the company had changed the rota without consulting workers.\n\n"
        "“Not again”\n\n"
        "That was how one commuter summed up the mood on the quay, where families waited with bags and bicycles "
        "while a handful of volunteers handed out tea and blankets through the cold grey afternoon."
    )
    cleaned = clean(text, thresholds)
    assert not any(r.reason == "off-topic-appendix" for r in cleaned.removed)
