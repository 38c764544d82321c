"""Photo captions and credits, and the kicker over an extracted article, are not article text: kept, a caption
reads as an event ("Residents sweep glass … on Wednesday") in the timeline and the summary."""

from storyline.extract import extract
from storyline.extract.clean import clean


def cut(article, reason: str) -> list[str]:
    return [r.text for r in article.removed if r.reason == reason]


def test_captions_beside_their_credit_go(thresholds, fixture_text, make_article):
    article = extract(make_article(fixture_text("quarry_captions.txt")), thresholds)
    assert cut(article, "photo-caption") == [
        "Residents sweep glass from the pavement on Quarry Lane on Wednesday.",  # below its credit
        "Children from the school return to class on Thursday morning.",  # above its credit
    ]
    assert "(Reuters/Jem Talland)" in cut(article, "photo-credit")
    assert "[Photo: the quarry face after the blast]" in cut(article, "photo-credit")
    assert article.text.startswith("An unplanned blast at the Orrenby limestone quarry")
    assert article.text.endswith("blasting was suspended until Monday.")
    assert "No one was hurt, the company said." in article.text


def test_a_paragraph_under_a_credit_is_not_a_caption(thresholds):
    text = ("The ferry from Skellholm was cancelled on Monday after a crane collapsed on the quay, the port said.\n\n"
            "Photo: Skellholm Post / Ada Brim\n"
            "The harbour master said the quay would stay closed for a week.\n\n"
            "Repairs will cost about 2 million crowns, the council said.")
    cleaned = clean(text, thresholds)
    assert "The harbour master said the quay would stay closed for a week." in cleaned.paragraphs
    assert [r.reason for r in cleaned.removed] == ["photo-credit"]


def test_a_caption_ending_in_its_credit_goes(thresholds):
    text = ("Flood water reached the town hall steps on Sunday night, and 40 homes were evacuated, officials said.\n\n"
            "Volunteers stack sandbags on Mill Street. Photo: Brenmoor Gazette / Iko Vell\n\n"
            "The river fell by half a metre on Monday.")
    cleaned = clean(text, thresholds)
    assert cleaned.removed[0].reason == "photo-credit"
    assert len(cleaned.paragraphs) == 2


def test_a_kicker_above_extracted_text_goes(thresholds):
    text = ("Archaeology\n\nDivers found the bow of a sunken barge in Lake Orrin on Tuesday, the county museum said, "
            "two weeks after a drought lowered the water.\n\nThe barge is thought to be 200 years old.")
    cleaned = clean(text, thresholds, pasted=False)
    assert cleaned.paragraphs[0].startswith("Divers found the bow")
    assert [(r.text, r.reason) for r in cleaned.removed] == [("Archaeology", "navigation")]
