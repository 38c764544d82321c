import pytest

from storyline.text import dateline_at, strip_dateline


@pytest.mark.parametrize(("text", "place", "agency", "day"), [
    ("MIRAVA, Nov 29 (AFP): The ferry left", "MIRAVA", "AFP", (11, 29, None)),
    ("VELDSTAD (CPA) – The council met", "VELDSTAD", "CPA", (None, None, None)),
    ("Port Selwyn, March 3, 2024 (NTB) - Crews worked", "Port Selwyn", "NTB", (3, 3, 2024)),
    ("NORTH HARBOUR, Veldoria — The tide rose", "NORTH HARBOUR, Veldoria", None, (None, None, None)),
    ("KESTREL BAY, N.V., Sept. 4th — Divers", "KESTREL BAY, N.V.", None, (9, 4, None)),
    ("Lake Orin (Reuters) - A bridge", "Lake Orin", "Reuters", (None, None, None)),
])
def test_a_dateline_gives_its_place_agency_and_day(text, place, agency, day):
    found = dateline_at(text)
    assert found is not None
    assert (found.place, found.agency, (found.month, found.day, found.year)) == (place, agency, day)
    assert text[found.end:][0].isupper()


@pytest.mark.parametrize("text", [
    "BREAKING: the ferry left",  # a label in capitals
    "NATO – the alliance met",  # capitals without a region, a day or an agency
    "US-China talks resumed",  # no spaced separator
    "Ostrava (Group A): fifth appearance",  # a label: a colon after a title-case place
    "Correction, Nov. 15, 2019: an earlier version",
    "Mara Lind - who chairs the board - said",
    "Palm Grove (1-0): Orsen 12 points",  # a score is no agency
])
def test_text_that_only_looks_like_a_dateline_opens_none(text):
    assert dateline_at(text) is None


def test_a_dateline_is_found_where_a_span_starts_and_stripped_from_a_sentence():
    text = 'He said: VELDSTAD, Veldoria — The council "will meet again".'
    start = text.index("VELDSTAD")
    assert text[dateline_at(text, start).end:].startswith("The council")
    assert strip_dateline("MIRAVA, Nov 29 (AFP) - The ferry left.") == "The ferry left."
    assert strip_dateline("The ferry left MIRAVA (AFP) - at noon.") == "The ferry left MIRAVA (AFP) - at noon."


def test_capitals_mark_the_wire_style():
    assert dateline_at("VELDSTAD (CPA) – x").in_capitals
    assert not dateline_at("Lake Orin (Reuters) - x").in_capitals
