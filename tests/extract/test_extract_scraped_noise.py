"""Scraped pages: menus, interface lines, teaser lists and appended briefs go; the title, outlet, origin and
short briefs are read from what the text itself carries."""

import pytest

from storyline.extract import extract
from storyline.extract.clean import is_interface_line, is_menu
from storyline.extract.metadata import infer_source


@pytest.fixture
def ferry(thresholds, fixture_text, make_article):
    return extract(make_article(fixture_text("ferry_scraped.txt")), thresholds)


def cut(article, reason: str) -> list[str]:
    return [r.text for r in article.removed if r.reason == reason]


def test_story_is_kept_and_furniture_cut(ferry):
    assert ferry.text.startswith("The night ferry from Orvane to the island of Skellholm ran aground")
    assert '"The fog came down like a wall,"' in ferry.text
    assert ferry.text.endswith("an inspection of the Stella Varn was complete.")
    for noise in ("World", "Politics", "Pin it", "Save for later", "mailing list", "cycle bridge", "Trending",
                  "TRANSPORT", "About us", "Facebook"):
        assert noise not in ferry.text


def test_appended_brief_goes_with_its_label(ferry):
    appendix = cut(ferry, "off-topic-appendix")
    assert "IN BRIEF" in appendix and "Harriers win county relay title" in appendix
    assert "Harriers" not in ferry.text and "relay" not in ferry.text


def test_title_is_below_the_section_label_and_teasers(ferry):
    assert ferry.title == "Night ferry to Skellholm runs aground in thick fog"
    assert ferry.published == "2025-10-14"


def test_outlet_with_evidence(ferry):
    assert (ferry.outlet, ferry.outlet_evidence, ferry.origin) == ("Orvane Chronicle", "copyright", None)


def test_menu_and_interface_line_shapes():
    assert is_menu("Home | World | Politics | Business")
    assert is_menu("Economy · Science · Fact check · Weather")
    assert not is_menu("Fares rose 4% | the operator said | passengers protested loudly today.")
    assert is_interface_line("Save for later")
    assert is_interface_line("Enter your email address")
    assert not is_interface_line('"Follow the money," the auditor told the committee.')
    assert not is_interface_line("The ferry company said it would share the inspection report.")


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        # an agency dateline on another outlet's page: the agency is the origin
        ("BRENMOOR (AFP) - The mill closed.\n\n© 2025 The Kelsby Courier", None, ("The Kelsby Courier", "copyright", "AFP")),
        # the agency's own page: the agency is the outlet too
        ("BRENMOOR (Reuters) - The mill closed on Friday after 90 years.", None, ("Reuters", "agency-tag", "Reuters")),
        # a closing credit, and an agency the lexicon does not know
        ("The mill closed on Friday. – Ostmark Press Agency", None, ("Ostmark Press Agency", "agency-tag", "Ostmark Press Agency")),
        # the outlet's own initials in its dateline are not an origin
        ("THE KELSBY COURIER\n\nBRENMOOR, Oct 3 (KC) - The mill closed.", None, ("The Kelsby Courier", "masthead", None)),
        ("By Ada Lind, Kelsby Courier\n\nThe mill closed.", None, ("Kelsby Courier", "byline", None)),
        ("The mill closed.\n\nFollow Kelsby Courier on X", None, ("Kelsby Courier", "follow", None)),
        ("The mill closed.", "https://www.kelsbycourier.example/2025/mill", ("kelsbycourier.example", "url", None)),
        ("The mill closed.", None, (None, None, None)),
    ],
)
def test_outlet_and_origin_from_text_signals(text, url, expected):
    found = infer_source(text, url)
    assert (found.outlet, found.evidence, found.origin) == expected


def test_short_briefs_are_kept(thresholds, make_article):
    brief = extract(make_article("Brenmoor mill closes\n\nThe Brenmoor paper mill closed on Friday. Its 140 workers were laid off."), thresholds)
    assert brief.text == "The Brenmoor paper mill closed on Friday. Its 140 workers were laid off."
    assert brief.title == "Brenmoor mill closes"
    headline_only = extract(make_article("Tuesday, 14 October 2025\n\nKelsby mayor Ines Varga resigns after audit"), thresholds)
    assert headline_only.text == "Kelsby mayor Ines Varga resigns after audit"


def test_question_headline_is_the_title(thresholds, make_article):
    page = ("NEWS\n\nWill the Keldar Bank lighthouse be rebuilt?\n\nBy Ada Lind\n\n"
            "The harbour authority will decide next month whether to rebuild the Keldar Bank lighthouse, which "
            "was damaged in a storm last winter, its chairman said on Monday.")
    article = extract(make_article(page), thresholds)
    assert article.title == "Will the Keldar Bank lighthouse be rebuilt?"
    assert article.text.startswith("The harbour authority will decide")
