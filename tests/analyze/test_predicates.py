"""The predicate of a count: the verb its counted things undergo (object or passive subject), nothing else.

Sentences written for these tests about fictional places.
"""

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def predicates():
    from storyline.analyze.numbers import find_numbers, load_parser
    from storyline.analyze.predicates import with_predicates

    nlp = load_parser()

    def run(text):
        doc = nlp(text)
        return {n.text: n.predicate for n in with_predicates(doc, find_numbers(doc))}

    return run


def test_things_that_undergo_an_action_name_its_verb(predicates):
    assert predicates("The storm injured five people in Orsk.")["five"] == "injure"
    assert predicates("Twelve villagers were evacuated from Lenn.")["Twelve"] == "evacuate"


def test_those_who_act_measures_and_possession_name_none(predicates):
    assert predicates("Four robbers stormed the shop in Talvik.")["Four"] is None
    assert predicates("The river reached 4.1 metres in Bresk.")["4.1 metres"] is None
    assert predicates("The clinic in Lenn has 24 beds.")["24"] is None


@pytest.fixture(scope="module")
def planned():
    from storyline.analyze.numbers import find_numbers, load_parser
    from storyline.analyze.predicates import with_predicates

    nlp = load_parser()
    return lambda text: {n.text: n.planned for n in with_predicates(nlp(text), find_numbers(nlp(text)))}


def test_a_plan_or_a_possibility_is_not_a_figure_reported(planned):
    assert planned("The port of Drennick will reopen three of its nine berths on Friday.")["three"] is True
    assert planned("Officials said the losses could reach 20 million euros.")["20 million euros"] is True
    assert planned("The charity plans to send two ships to Orsk.")["two"] is True
    assert planned("The port of Drennick reopened five of its nine berths on Friday.")["five"] is False
    assert planned("The storm injured five people in Orsk.")["five"] is False


def test_a_figure_below_the_planned_action_is_not_planned(planned):
    assert planned("An audit warned that one of its four gates could fail.")["four"] is False
    assert planned("Its two vessels would leave Orsk on Sunday.")["two"] is False
    assert planned("The charity said it would arrive within 36 hours.")["within 36 hours"] is True
