"""Entities of one article: titles kept as roles, short forms, acronyms, countries and capitals.

All people, organisations and events below are invented; real countries and capitals appear only as the
names the country table has to recognise.
"""

import json

import pytest

from storyline.analyze.mentions import (
    CAPITALS_FILE,
    article_entities,
    gazetteer,
    initials,
    is_acronym,
    iter_article_entities,
    load_nlp,
)
from storyline.settings import Settings


# --- without spaCy ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [("HRW", True), ("U.S.", True), ("IMR", True), ("Rusk", False),
                                                ("A", False), ("NATO", True), ("Mr", False)])
def test_is_acronym(text, expected):
    assert is_acronym(text) is expected


def test_initials_with_and_without_function_words():
    assert initials(["Bank", "of", "Veldoria"]) == {"BV", "BOV"}
    assert "CPA" in initials(["Continental", "Press", "Agency"])


def test_country_table_is_large_and_each_capital_has_one_country():
    countries = json.loads(CAPITALS_FILE.read_text(encoding="utf-8"))["countries"]
    assert len(countries) >= 190
    capitals = [c for entry in countries.values() for c in entry["capitals"]]
    assert len(capitals) == len(set(capitals))
    table = gazetteer()
    assert table.country_of_name["U.S."] == table.country_of_name["America"] == "United States"
    assert table.country_of_name["Britain"] == table.country_of_name["U.K."] == "United Kingdom"
    assert table.country_of_capital["Kyiv"] == "Ukraine"
    assert table.country_of_capital["Moscow"] == "Russia"


def test_extra_capitals_extend_the_table_without_changing_the_default():
    table = gazetteer({"Marhaven": "Veldoria"})
    assert table.country_of_capital["Marhaven"] == "Veldoria"
    assert table.country_of_name["Veldoria"] == "Veldoria"
    assert "Marhaven" not in gazetteer().country_of_capital


# --- with spaCy -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().spacy_model)


def by_name(entities):
    return {e.name: e for e in entities}


@pytest.mark.slow
def test_title_in_front_is_stripped_and_kept_as_role(nlp):
    text = ("U.S. Defense Secretary Marla Quint arrived in Orsel on Monday. "
            "Quint said the convoy would leave at dawn.")
    ents = by_name(article_entities(text, nlp))
    quint = ents["Marla Quint"]
    assert quint.type == "PERSON"
    assert quint.role == "Defense Secretary"
    assert "Quint" in quint.aliases
    assert "Defense" not in ents  # spaCy's "Defense" organisation is part of the title
    assert "United States" in ents and "U.S." in ents["United States"].aliases


@pytest.mark.slow
def test_appositive_gives_the_role(nlp):
    text = "Ana Rusk, the defence minister, said the bridge at Dornvik would reopen within a week."
    assert by_name(article_entities(text, nlp))["Ana Rusk"].role == "defence minister"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("President Tomas Hreben opened the new ferry terminal on Friday.", "Tomas Hreben", "President"),
        ("Gen. Ivo Sarnek inspected the flooded barracks on Friday.", "Ivo Sarnek", "Gen."),
        ("Dr Jana Brill treated the injured miners at the clinic.", "Jana Brill", "Dr"),
        ("Ms Petra Lindqvist told reporters the shelter was full.", "Petra Lindqvist", None),
    ],
)
def test_short_titles_are_stripped(nlp, sentence, name, role):
    person = by_name(article_entities(sentence, nlp))[name]
    assert person.role == role
    assert not any(a.startswith(name) for a in person.aliases)


@pytest.mark.slow
def test_surname_after_full_name_is_an_alias(nlp):
    text = ("Harbour chief Ilona Varga said nobody was hurt when the crane fell. "
            "Varga thanked the crews from Kestrel Bay. Mrs Varga later visited the site.")
    varga = by_name(article_entities(text, nlp))["Ilona Varga"]
    assert varga.role == "Harbour chief"
    assert {"Varga", "Mrs Varga"} <= set(varga.aliases)


@pytest.mark.slow
def test_two_people_with_one_surname_stay_apart(nlp):
    text = ("Ana Rusk, the defence minister, met the harbour pilots on Tuesday. "
            "Her brother Pavel Rusk, a fisherman, said the storm had wrecked his boat.")
    ents = by_name(article_entities(text, nlp))
    assert "Ana Rusk" in ents and "Pavel Rusk" in ents
    assert "Pavel Rusk" not in ents["Ana Rusk"].aliases


@pytest.mark.slow
def test_acronym_defined_in_parentheses_is_one_entity(nlp):
    text = ("Volunteers from International Maritime Relief (IMR) reached Dornvik on Sunday. "
            "IMR said it had brought water pumps and two field kitchens.")
    ents = article_entities(text, nlp)
    imr = by_name(ents)["International Maritime Relief"]
    assert imr.aliases == ["IMR"]
    assert not any(e.name == "IMR" for e in ents)


@pytest.mark.slow
def test_acronym_matching_initials_is_one_entity(nlp):
    text = ("The Coastal Rescue Network has sent six boats to the flooded villages. "
            "A CRN spokesman said more would follow.")
    ents = by_name(article_entities(text, nlp))
    assert "CRN" in ents["Coastal Rescue Network"].aliases


@pytest.mark.slow
def test_names_of_a_country_are_one_entity(nlp):
    text = ("The U.S. will send two hospital ships, the embassy said. "
            "Officials in the United States said America would pay for the repairs. "
            "Britain and the U.K. coastguard sent divers; the UK also sent a frigate.")
    ents = by_name(article_entities(text, nlp))
    assert {"U.S.", "America"} <= set(ents["United States"].aliases)
    assert {"Britain", "U.K.", "UK"} & set(ents["United Kingdom"].aliases)
    assert ents["United States"].type == ents["United Kingdom"].type == "GPE"


@pytest.mark.slow
def test_capital_acting_is_its_government(nlp):
    text = ("Moscow said the convoy had been delayed. Washington's offer of fuel was welcomed, "
            "and Kyiv has sought more generators for the winter.")
    ents = by_name(article_entities(text, nlp))
    assert "Moscow" in ents["Russia"].aliases
    assert "Washington" in ents["United States"].aliases
    assert "Kyiv" in ents["Ukraine"].aliases
    assert not {"Moscow", "Washington", "Kyiv"} & set(ents)


@pytest.mark.slow
def test_capital_as_a_place_stays_the_city(nlp):
    text = "A fire destroyed a grain warehouse in Kyiv on Tuesday, and three people were hurt."
    ents = by_name(article_entities(text, nlp))
    assert ents["Kyiv"].type == "GPE"
    assert "Ukraine" not in ents


@pytest.mark.slow
def test_extra_capitals_for_a_fictional_country(nlp):
    text = "Veldstad said on Monday that it would rebuild the harbour wall in Marhaven."
    ents = by_name(article_entities(text, nlp, capitals={"Veldstad": "Veldoria"}))
    assert "Veldstad" in ents["Veldoria"].aliases
    assert "Veldoria" not in by_name(article_entities(text, nlp))


@pytest.mark.slow
def test_doc_or_text_and_batches_agree(nlp):
    texts = ["Harbour chief Ilona Varga said nobody was hurt. Varga thanked the crews.",
             "Volunteers from International Maritime Relief (IMR) reached Dornvik on Sunday."]
    one_by_one = [article_entities(nlp(t)) for t in texts]
    assert one_by_one == [article_entities(t, nlp) for t in texts]
    assert one_by_one == list(iter_article_entities(texts, nlp))
    assert article_entities(texts[0]) == one_by_one[0]  # the default model, loaded once
    assert load_nlp(Settings().spacy_model) is load_nlp(Settings().spacy_model)


@pytest.mark.slow
def test_doc_without_parse_still_works(nlp):
    plain = load_nlp(Settings().spacy_model)
    with plain.select_pipes(enable=["tok2vec", "ner"]):
        doc = plain("Moscow said the convoy had been delayed in Kyiv.")
    ents = by_name(article_entities(doc))
    assert "Kyiv" in ents  # without a parse, a capital is only read as an actor before a finite verb


@pytest.mark.slow
def test_empty_text_has_no_entities(nlp):
    assert article_entities("", nlp) == []
