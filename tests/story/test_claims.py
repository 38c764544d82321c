import re

import numpy as np

from storyline.model import Article, DateMention, NumberClaim
from storyline.settings import Thresholds
from storyline.story.claims import align, compatible


def embed(texts):
    """Bag-of-words vectors: enough to tell 'countries that signed' from 'delegates' in a unit test."""
    vocab = {}
    rows = []
    for t in texts:
        words = re.findall(r"[a-z]+", t.lower())
        rows.append([vocab.setdefault(w, len(vocab)) for w in words])
    m = np.zeros((len(texts), max(len(vocab), 1)), dtype=np.float32)
    for i, row in enumerate(rows):
        for j in row:
            m[i, j] += 1
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)
    return m


def number(text, value, qualifier, what, sentence, unit=None):
    return NumberClaim(text, value, qualifier, unit, what, 0, 0, sentence)


def art(i, outlet, published, numbers, dates=(), duplicate_of=None):
    return Article(id=i, source=i, raw="", format="text", outlet=outlet, published=published,
                   numbers=list(numbers), dates=list(dates), duplicate_of=duplicate_of)


def statuses(claims):
    return sorted((c.status, tuple(sorted(c.values.values()))) for c in claims)


def test_interval_compatibility():
    assert compatible(number("more than 160", 160, "more_than", "", ""), number("164", 164, "exact", "", ""))
    assert compatible(number("about 3,000", 3000, "about", "", ""), number("2,870", 2870, "exact", "", ""))
    assert not compatible(number("14", 14, "exact", "", ""), number("16", 16, "exact", "", ""))
    assert compatible(number("between 40 and 50", (40, 50), "range", "", ""), number("45", 45, "exact", "", ""))


def test_statuses_across_independent_sources_and_copies():
    s1 = "More than 160 countries have signed the cable treaty, officials said."
    s2 = "The treaty was signed by 164 countries in Lisvik."
    t1 = "The storm killed 31 people in Marhaven, the ministry said."
    t2 = "The storm killed 27 people in Marhaven, the emergency service said."
    d = "About 2,870 delegates attended the conference."
    members = [
        art("a", "Gazette", "2024-11-27", [number("more than 160", 160, "more_than", "countries", s1), number("31", 31, "exact", "people killed", t1)]),
        art("b", "Courier", "2024-11-27", [number("164", 164, "exact", "countries", s2), number("27", 27, "exact", "people killed", t2),
                                           number("about 2,870", 2870, "about", "delegates", d)]),
        art("c", "Northline", "2024-11-27", [number("about 2,870", 2870, "about", "delegates", d)], duplicate_of="b"),
    ]
    claims = align(members, embed, Thresholds())
    assert statuses(claims) == [
        ("conflicting", ("27", "31")),
        ("precision_only", ("164", "more than 160")),
        ("single_source", ("about 2,870", "about 2,870")),  # a wire copy does not corroborate its original
    ]


def test_figures_about_different_days_are_separate_claims():
    monday = "Russia launched 122 drones on Monday night, the air force said."
    tuesday = "Russia launched 132 drones on Tuesday night, the air force said."
    tuesday_c = "Russia sent 132 drones on Tuesday night, the air force of Ukraine reported."  # not a rewrite
    members = [
        art("a", "Gazette", "2024-11-26", [number("122", 122, "exact", "drones launched", monday)],
            [DateMention("on Monday night", "2024-11-25", monday, 0, 0)]),
        art("b", "Courier", "2024-11-27", [number("132", 132, "exact", "drones launched", tuesday)],
            [DateMention("on Tuesday night", "2024-11-26", tuesday, 0, 0)]),
        art("c", "Northline", "2024-11-27", [number("132", 132, "exact", "drones launched", tuesday_c)],
            [DateMention("on Tuesday night", "2024-11-26", tuesday_c, 0, 0)]),
    ]
    claims = align(members, embed, Thresholds())
    assert statuses(claims) == [("corroborated", ("132", "132")), ("single_source", ("122",))]
    assert {c.date for c in claims} == {"2024-11-25", "2024-11-26"}


def test_compatible_figures_about_different_days_are_never_a_difference_of_precision():
    friday = "More than 4,000 homes in Ardale were without power on Friday, the grid operator said."
    sunday = "About 4,200 homes in Ardale were without power on Sunday, the grid operator said."
    members = [
        art("a", "Gazette", "2024-11-29", [number("More than 4,000", 4000, "more_than", "homes without power", friday)],
            [DateMention("on Friday", "2024-11-29", friday, 0, 0)]),
        art("b", "Courier", "2024-12-01", [number("About 4,200", 4200, "about", "homes without power", sunday)],
            [DateMention("on Sunday", "2024-12-01", sunday, 0, 0)]),
    ]
    claims = align(members, embed, Thresholds())
    assert statuses(claims) == [("single_source", ("About 4,200",)), ("single_source", ("More than 4,000",))]


def test_figures_that_are_not_facts_of_the_story_make_no_claim():
    age = "The driver, a 45-year-old man from Ardale, was arrested."
    window = "Four ferries were cancelled in the past 24 hours, the port said."
    one = "One official said the harbour would reopen."
    length = "The crews worked for 36 hours to clear the line."
    members = [
        art("a", "Gazette", "2024-11-29", [
            number("45-year-old", 45, "exact", "age", age, unit="years"),
            number("24 hours", 24, "exact", None, window, unit="hours"),
            number("Four", 4, "exact", "ferries cancelled", window),
            number("One", 1, "exact", "official said", one),
            number("36 hours", 36, "exact", None, length, unit="hours"),
        ]),
        art("b", "Courier", "2024-11-29", [number("45", 45, "exact", "age", age, unit="years")]),
    ]
    claims = align(members, embed, Thresholds())
    assert statuses(claims) == [("single_source", ("36 hours",)), ("single_source", ("Four",))]


def test_every_status_says_why():
    s1 = "The fire destroyed 12 homes in Ardale, the council said."
    s2 = "The fire destroyed 15 homes in Ardale, firefighters said."
    members = [
        art("a", "Gazette", "2024-11-29", [NumberClaim("12", 12, "exact", None, "homes destroyed", 20, 22, s1)]),
        art("b", "Courier", "2024-11-29", [NumberClaim("15", 15, "exact", None, "homes destroyed", 20, 22, s2)]),
        art("c", "Northline", "2024-11-29", [NumberClaim("15", 15, "exact", None, "homes destroyed", 20, 22, s2)],
            duplicate_of="b"),
    ]
    [claim] = align(members, embed, Thresholds())
    assert claim.status == "conflicting"
    assert "exclude" in claim.why["rule"]
    figures = {f["article"]: f for f in claim.why["figures"]}
    assert figures["c"]["source"] == figures["b"]["source"] == "courier"  # the copy counts as its original
    assert figures["a"]["admits"] == [12.0, 12.0] and figures["a"]["start"] == 20
    assert figures["a"]["what"] == "homes destroyed" and figures["a"]["day"] == "2024-11-29"


def test_a_sentence_with_two_days_dates_each_figure_by_the_nearer_one():
    s = "About 25,000 homes were without power on Tuesday, down from about 40,000 on Monday, the grid operator said."
    monday = "About 40,000 homes were without power on Monday, officials said."
    tuesday, down = s.index("on Tuesday"), s.index("on Monday")
    members = [
        art("a", "Gazette", "2024-11-26", [NumberClaim("About 25,000", 25000, "about", None, "homes", 0, 12, s),
                                           NumberClaim("about 40,000", 40000, "about", None, "homes", 60, 72, s)],
            [DateMention("on Tuesday", "2024-11-26", s, tuesday, tuesday + 10),
             DateMention("on Monday", "2024-11-25", s, down, down + 9)]),
        art("b", "Courier", "2024-11-25", [NumberClaim("About 40,000", 40000, "about", None, "homes", 0, 12, monday)],
            [DateMention("on Monday", "2024-11-25", monday, 41, 50)]),
    ]
    claims = align(members, embed, Thresholds())
    assert statuses(claims) == [("corroborated", ("About 40,000", "about 40,000")), ("single_source", ("About 25,000",))]
    assert {c.date for c in claims} == {"2024-11-25", "2024-11-26"}


def test_a_plans_day_after_the_report_does_not_date_a_figure_it_gives_as_known():
    s = "The two ships will leave Pellmouth on Sunday after delivering more than 9,000 litres of water."
    sunday = s.index("on Sunday")
    members = [art("a", "Gazette", "2024-11-29",  # a Friday
                   [NumberClaim("more than 9,000 litres", 9000, "more_than", "litres", "water", 62, 84, s)],
                   [DateMention("on Sunday", "2024-12-01", s, sunday, sunday + 9)])]
    (claim,) = align(members, embed, Thresholds())
    assert claim.date == "2024-11-29"
    assert claim.why["figures"][0]["day_stated"] is False


def test_a_part_and_its_whole_are_two_measures():
    s1 = "Three of the port's nine container berths could reopen on Wednesday."
    s2 = "The port reopened five of its nine container berths."
    a = art("a", "Gazette", "2024-11-26", [NumberClaim("Three", 3, "exact", None, "container berths", 0, 5, s1),
                                           NumberClaim("nine", 9, "exact", None, "container berths", 20, 24, s1)])
    b = art("b", "Courier", "2024-11-26", [NumberClaim("five", 5, "exact", None, "container berths", 18, 22, s2),
                                           NumberClaim("nine", 9, "exact", None, "container berths", 30, 34, s2)])
    a.text, b.text = s1, s2
    claims = align([a, b], embed, Thresholds())
    assert ("corroborated", ("nine", "nine")) in statuses(claims)
    assert all({f["role"] for f in c.why["figures"]} in ({"part"}, {"whole"}) for c in claims)


def _figures(text, specs):
    """NumberClaims at their real offsets in ``text``: (figure, value, qualifier, noun, what, unit) each."""
    out, at = [], 0
    for figure, value, qualifier, noun, what, unit in specs:
        start = text.index(figure, at)
        at = start + len(figure)
        sentence = next(s for s in text.split("\n") if figure in s and text.index(s) <= start < text.index(s) + len(s))
        out.append(NumberClaim(figure, value, qualifier, unit, what, start, at, sentence, noun=noun))
    return out


def _article(i, outlet, text, specs, duplicate_of=None):
    a = art(i, outlet, "2024-11-25", _figures(text, specs), duplicate_of=duplicate_of)
    a.text = text
    return a


def test_a_storm_story_flags_the_same_day_toll_conflict_and_nothing_else():
    """Regression (fictional storm): two agencies' same-day tolls conflict, homes without power and homes
    uninhabitable are two things, and syndicated copies or rewrites get no row of their own."""
    ministry = ("Storm Tamsin killed 31 people in Brellow and 4 people are still missing, the interior ministry said.\n"
                "About 6,000 homes in Brellow were without power, the grid operator said.")
    service = ("Storm Tamsin killed 27 people in Brellow and 6 people are still missing, the emergency service said.\n"
               "Engineers declared 400 homes in Brellow uninhabitable after the storm.")
    rewrite = ("Storm Tamsin killed 31 people in the town of Brellow and 4 people are still missing, the ministry said.\n"
               "About 6,000 homes in Brellow were left without power, the grid operator said.")
    toll = [("31", 31, "exact", "people", "people killed", None), ("4", 4, "exact", "people", "people missing", None)]
    members = [
        _article("a", "Gazette", ministry, toll + [("About 6,000", 6000, "about", "home", "homes without power", None)]),
        _article("b", "Courier", service, [("27", 27, "exact", "people", "people killed", None),
                                           ("6", 6, "exact", "people", "people missing", None),
                                           ("400", 400, "exact", "home", "homes uninhabitable", None)]),
        _article("c", "Northline", ministry, toll + [("About 6,000", 6000, "about", "home", "homes without power", None)],
                 duplicate_of="a"),
        _article("d", "Harbour Post", rewrite, toll + [("About 6,000", 6000, "about", "home", "homes without power", None)]),
    ]
    claims = align(members, embed, Thresholds())
    rows = {tuple(sorted(c.values.values())): c.status for c in claims}
    assert rows[("27", "31", "31", "31")] == "conflicting"  # dead: ministry (+ copy, rewrite) vs emergency service
    assert rows[("4", "4", "4", "6")] == "conflicting"  # missing, the same day
    assert rows[("About 6,000", "About 6,000", "About 6,000")] == "single_source"  # a copy and a rewrite add nothing
    assert rows[("400",)] == "single_source"  # uninhabitable homes are not homes without power
    assert len(claims) == 4  # no copy or rewrite has a row of its own
    assert all(c.why["rule"] for c in claims)


def test_precision_only_needs_one_value_within_the_others_precision():
    n = lambda text, value, qualifier: number(text, value, qualifier, "", "")
    assert compatible(n("up to 168", 168, "up_to"), n("168", 168, "exact"))
    assert compatible(n("Dozens", 12, "more_than"), n("Sixty", 60, "exact"))  # a vague plural: the next order
    assert not compatible(n("more than 230", 230, "more_than"), n("about 2,300", 2300, "about"))
    assert not compatible(n("more than 200", 200, "more_than"), n("more than 2,000", 2000, "more_than"))
    assert not compatible(n("more than 90,000", 90000, "more_than"), n("more than 180,000", 180000, "more_than"))


def _storm(specs_a, specs_b, text_a, text_b, planned=()):
    a = _article("a", "Gazette", text_a, specs_a)
    b = _article("b", "Courier", text_b, specs_b)
    for n in a.numbers + b.numbers:
        n.predicate = {"230": "pull", "2,300": "damage", "three": "reopen", "five": "reopen"}.get(n.text.split()[-1])
        n.planned = n.text in planned
    return align([a, b], embed, Thresholds())


def test_a_storm_story_keeps_different_counted_things_and_actions_apart():
    """Regression (fictional storm): people pulled from cars and homes damaged are two claims, never one row
    of "precision only", whatever their qualifiers admit."""
    claims = _storm([("more than 230", 230, "more_than", "people", "people pulled from flooded homes", None)],
                    [("about 2,300", 2300, "about", "home", "homes damaged", None)],
                    "Rescuers pulled more than 230 people from flooded homes and cars in Brellow.",
                    "Storm Tamsin damaged about 2,300 homes and cars in Brellow.")
    assert statuses(claims) == [("single_source", ("about 2,300",)), ("single_source", ("more than 230",))]


def test_a_storm_story_keeps_a_plan_apart_from_what_happened():
    """Regression: "will reopen three berths" (a plan) and "reopened five berths" are two claims, no conflict."""
    claims = _storm([("three", 3, "exact", "berth", "berths", None)], [("five", 5, "exact", "berth", "berths", None)],
                    "The port of Brellow will reopen three container berths on Wednesday.",
                    "The port of Brellow reopened five container berths on Wednesday.", planned={"three"})
    assert statuses(claims) == [("single_source", ("five",)), ("single_source", ("three",))]


def test_a_claims_label_never_starts_with_the_dateline():
    text = "BRELLOW, Nov 26 (VT) – The number of people killed by Storm Tamsin rose to 19 on Tuesday."
    (claim,) = align([_article("a", "Gazette", text, [("19", 19, "exact", None, "BRELLOW", None)])], embed, Thresholds())
    assert "BRELLOW" not in claim.what and "people killed by Storm Tamsin" in claim.what


def test_a_conversion_is_compared_by_the_clause_of_the_figure_it_converts():
    """A figure in parentheses after another in another unit restates it: its own clause (the parentheses) says
    nothing, so it is compared by the words around the figure it converts."""
    first = "Armed robbers stole jewels worth 85 million euros ($108 million) from a Brellow jeweller."
    second = "Armed robbers stole jewels worth $108 million from a jeweller in Brellow."
    a = _article("a", "Gazette", first, [("85 million euros", 85e6, "exact", None, None, "EUR"),
                                         ("$108 million", 108e6, "exact", None, None, "USD")])
    b = _article("b", "Courier", second, [("$108 million", 108e6, "exact", None, None, "USD")])
    claims = align([a, b], embed, Thresholds())
    assert ("corroborated", ("$108 million", "$108 million")) in statuses(claims)
