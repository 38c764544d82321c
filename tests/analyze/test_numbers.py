"""Numeric claims: values, qualifiers, units, what is counted, and the numbers that are not claims.

All sentences are written for these tests about fictional places (Veldoria, Talvik, Orsk, ...).
"""

import pytest

from storyline.model import QUALIFIERS, NumberClaim

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from storyline.analyze.numbers import load_parser

    return load_parser()


@pytest.fixture(scope="module")
def find(nlp):
    from storyline.analyze.numbers import find_numbers

    return lambda text: find_numbers(text, nlp)


def one(claims: list[NumberClaim], text: str) -> NumberClaim:
    found = [c for c in claims if c.text == text]
    assert len(found) == 1, f"{text!r} not found once in {[c.text for c in claims]}"
    return found[0]


# --- qualifiers -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value, qualifier", [
    ("More than 160 nations have backed the Orsk treaty.", "More than 160", 160, "more_than"),
    ("Rescuers pulled above 30 sailors from the water.", "above 30", 30, "more_than"),
    ("Losses ran in excess of 900 vehicles, the ministry said.", "in excess of 900", 900, "more_than"),
    ("At least 12 fishermen are still missing off Talvik.", "At least 12", 12, "at_least"),
    ("No fewer than 40 ferries were stuck in port.", "No fewer than 40", 40, "at_least"),
    ("The plan requires a minimum of 25 inspectors.", "a minimum of 25", 25, "at_least"),
    ("About 300 villagers fled the fire.", "About 300", 300, "about"),
    ("Around 70 lorries queued at the border.", "Around 70", 70, "about"),
    ("Roughly 5,000 volunteers signed up.", "Roughly 5,000", 5000, "about"),
    ("Approximately 18 schools stayed closed.", "Approximately 18", 18, "about"),
    ("Some 14 miners were trapped underground.", "Some 14", 14, "about"),
    ("An estimated 2,500 protesters marched through Orsk.", "An estimated 2,500", 2500, "about"),
    ("Nearly 600 pupils missed their exams.", "Nearly 600", 600, "nearly"),
    ("Almost 90 flights were cancelled.", "Almost 90", 90, "nearly"),
    ("Close to 400 homes lost power.", "Close to 400", 400, "nearly"),
    ("Just under 50 boats joined the search.", "Just under 50", 50, "nearly"),
    ("Over 200 doctors signed the letter.", "Over 200", 200, "over"),
    ("Fewer than 20 beds were free at the clinic.", "Fewer than 20", 20, "fewer_than"),
    ("Less than 3,000 tickets were sold.", "Less than 3,000", 3000, "fewer_than"),
    ("Under 60 candidates passed the test.", "Under 60", 60, "fewer_than"),
    ("Up to 3,000 troops may be deployed.", "Up to 3,000", 3000, "up_to"),
    ("As many as 50 boats could sail on Friday.", "As many as 50", 50, "up_to"),
    ("The strike could last up to five days.", "up to five days", 5, "up_to"),
    ("Repairs will be finished within six months.", "within six months", 6, "up_to"),
    ("Nineteen people were killed in the blast.", "Nineteen", 19, "exact"),
])
def test_qualifiers(find, sentence, span, value, qualifier):
    claim = one(find(sentence), span)
    assert claim.value == value
    assert claim.qualifier == qualifier
    assert claim.qualifier in QUALIFIERS


@pytest.mark.parametrize("sentence, span, low, high", [
    ("Between 40 and 50 people were treated in hospital.", "Between 40 and 50", 40, 50),
    ("Groups of 40-50 volunteers arrive each day.", "40-50", 40, 50),
    ("The ferry carries 40 to 50 cars.", "40 to 50", 40, 50),
    ("Two or three trawlers were seen near the reef.", "Two or three", 2, 3),
    ("Fares will rise by 10-15% next year.", "10-15%", 10, 15),
    ("The bridge will cost $3-4 million.", "$3-4 million", 3e6, 4e6),
    ("Turnout was between 300,000 and 1.2 million voters.", "between 300,000 and 1.2 million", 3e5, 1.2e6),
])
def test_ranges(find, sentence, span, low, high):
    claim = one(find(sentence), span)
    assert claim.qualifier == "range"
    assert claim.value == (low, high)


def test_from_to_is_a_change_not_a_range(find):
    claims = find("The toll rose from 40 to 50 overnight.")
    assert [(c.text, c.value, c.qualifier) for c in claims] == [("40", 40, "exact"), ("50", 50, "exact")]


# --- units and currencies ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value, unit", [
    ("The government pledged $4.2 million in aid.", "$4.2 million", 4.2e6, "USD"),
    ("Kessmark will give 12 million euros to rebuild the port.", "12 million euros", 12e6, "EUR"),
    ("Orsk received €12m from the fund.", "€12m", 12e6, "EUR"),
    ("The airport sold for £3bn last year.", "£3bn", 3e9, "GBP"),
    ("The fine was 5 million Veldorian crowns.", "5 million Veldorian crowns", 5e6, "Veldorian crowns"),
    ("Shares closed at 176 Hong Kong dollars.", "176 Hong Kong dollars", 176, "HKD"),
    ("Unemployment rose to 5.2 percent.", "5.2 percent", 5.2, "percent"),
    ("Turnout fell by 3 per cent.", "3 per cent", 3, "percent"),
    ("Support for the plan stands at 38%.", "38%", 38, "percent"),
    ("Rates rose by 0.5 percentage points.", "0.5 percentage points", 0.5, "percentage_points"),
    ("The spill covered 14 km of coast.", "14 km", 14, "km"),
    ("Flooding closed a 12-mile stretch of road.", "12-mile", 12, "miles"),
    ("The river rose to 4.6 metres at Bresk.", "4.6 metres", 4.6, "m"),
    ("The ship unloaded 2,870 tonnes of grain.", "2,870 tonnes", 2870, "tonnes"),
    ("Fire destroyed 6,500 hectares of forest.", "6,500 hectares", 6500, "ha"),
    ("Talvik controls nearly 4,000 square kilometres of land.", "nearly 4,000 square kilometres", 4000, "km2"),
    ("The new turbines add 500 MW to the grid.", "500 MW", 500, "MW"),
    ("It took six hours to restore power.", "six hours", 6, "hours"),
    ("Mud stood up to a metre deep in cellars.", "up to a metre", 1, "m"),
])
def test_units(find, sentence, span, value, unit):
    claim = one(find(sentence), span)
    assert claim.value == pytest.approx(value)
    assert claim.unit == unit


def test_counts_have_no_unit(find):
    assert one(find("Talvik fired 132 drones overnight."), "132").unit is None


# --- numbers in words -------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value, qualifier, unit", [
    ("A dozen apartment buildings were damaged.", "A dozen", 12, "exact", None),
    ("Dozens of ships waited at anchor.", "Dozens", 12, "more_than", None),
    ("Hundreds of families slept in schools.", "Hundreds", 100, "more_than", None),
    ("Thousands of workers joined the strike.", "Thousands", 1000, "more_than", None),
    ("Tens of thousands of people marched in Orsk.", "Tens of thousands", 10000, "more_than", None),
    ("More than a hundred villagers were evacuated.", "More than a hundred", 100, "more_than", None),
    ("Three hospitals on the island are closed.", "Three", 3, "exact", None),
    ("Twenty-five soldiers were wounded.", "Twenty-five", 25, "exact", None),
    ("About 1.2 million people fled the region.", "About 1.2 million", 1.2e6, "about", None),
    ("Half a million residents lost power.", "Half a million", 5e5, "exact", None),
    ("A third of the homes were flooded.", "A third", 100 / 3, "exact", "percent"),
    ("Nearly two-thirds of voters backed the plan.", "Nearly two-thirds", 200 / 3, "nearly", "percent"),
    ("The delegation changed its position twice.", "twice", 2, "exact", None),
])
def test_numbers_in_words(find, sentence, span, value, qualifier, unit):
    claim = one(find(sentence), span)
    assert claim.value == pytest.approx(value)
    assert (claim.qualifier, claim.unit) == (qualifier, unit)


@pytest.mark.parametrize("sentence, span, value, unit", [
    ("Two hundred and fifty families were moved.", "Two hundred and fifty", 250, None),
    ("The port handled three hundred twenty thousand containers.", "three hundred twenty thousand", 320000, None),
    ("The talks lasted a hundred and five days.", "a hundred and five days", 105, "days"),
    ("About one in five children lives in poverty.", "About one in five", 20, "percent"),
    ("Nine out of ten schools reopened.", "Nine out of ten", 90, "percent"),
    ("Temperatures fell to minus 12 degrees.", "minus 12 degrees", -12, "degrees"),
    ("Only 2000 people voted in Orsk.", "2000", 2000, None),
    ("This year 300 people left the island.", "300", 300, None),
])
def test_compound_words_ratios_and_signs(find, sentence, span, value, unit):
    claim = one(find(sentence), span)
    assert (claim.value, claim.unit) == (value, unit)


def test_over_a_period_is_not_a_qualifier(find):
    claim = one(find("The union wants 11% over two years."), "two years")
    assert claim.qualifier == "exact"


def test_vote_tally_is_two_numbers(find):
    claims = find("Councillors approved the plan 31 to 14.")
    assert [(c.text, c.qualifier) for c in claims] == [("31", "exact"), ("14", "exact")]


# --- ages -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, whose", [
    ("A man aged 54 was arrested in Lusk.", "54", "man"),
    ("A 37-year-old fisherman was rescued.", "37-year-old", "fisherman"),
    ("Captain Ivo Marsk, 61, refused to comment.", "61", "Captain Ivo Marsk"),
    ("The 47 year old was released on bail.", "47 year old", None),
])
def test_ages_are_tagged_not_quantities(find, sentence, span, whose):
    claim = one(find(sentence), span)
    assert (claim.kind, claim.unit, claim.what) == ("age", "years", whose)


# --- not claims -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The treaty was signed in 2019 in Orsk.",
    "The 2024 budget was approved by parliament.",
    "The summit opens on November 20 in Lusk.",
    "The summit opens on 20 Nov in Lusk.",
    "Talks resume at 3 p.m. on Thursday.",
    "The vote is scheduled for 14:00 local time.",
    "The 3rd Brigade moved north of the river.",
    "The bus follows Route 9 along the coast.",
    "Flight 714 landed safely in Orsk.",
    "Members invoked Article 5 of the charter.",
    "COVID-19 closed the schools again.",
    "The F-16 escorted the plane.",
    "For details call 555-123-4567 before Friday.",
    "Donations can be brought to 7 Quay Road in Ardel.",
    "The figures are on page 12 of the report.",
    "Orsk United won 2-1 in the final on Sunday.",
    "Unloading began two days ago in the port.",
    "One of the divers was taken to hospital.",
    "No one was hurt, the police said.",
    "We owe them an answer, and they will get one.",
    "The ferry has a four-door cabin and a 10-point safety plan.",
    "The 1990s were hard for the island.",
    "The old 4K screens were removed from the hall.",
    "A neighbour called 911 at once.",
    "The Week 13 match in Orsk was moved.",
    "The film was shot in 16:9 format.",
    "Sailors think the number eight brings luck.",
    "The rescue ended three weeks later.",
])
def test_not_claims(find, sentence):
    assert find(sentence) == []


def test_table_of_numbers_is_not_claims(find):
    assert find("Standings: 1 Orsk 5040 5 1 17 27 2 Lusk 5035 7 0 15 24") == []


def test_score_with_tiebreak_is_not_a_claim(find):
    assert find("Marsk beat Tolv 6-4, 7-6 (5) in the final.") == []


# --- what is counted --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, what", [
    ("More than 160 nations have agreed to ban landmines.", "More than 160", "nations agreed to ban landmines"),
    ("Talvik launched 132 attack drones at Veldoria overnight.", "132",
     "Talvik attack drones launched at Veldoria overnight"),
    ("Officials said 14 people were killed in the market strike.", "14", "people killed in the market strike"),
    ("Some 40 percent of homes were without water.", "Some 40 percent", "homes"),
    ("The council said 33 countries that have not signed the convention were invited.", "33",
     "countries that have not signed the convention"),
    ("The crash left at least 12 dead.", "at least 12", "crash dead"),
    ("The death toll rose to 31 on Sunday.", "31", "death toll"),
    ("Tens of thousands of people marched in Orsk.", "Tens of thousands", "people marched in Orsk"),
    ("The government pledged $4.2 million in aid.", "$4.2 million", "government aid pledged"),
])
def test_what(find, sentence, span, what):
    assert one(find(sentence), span).what == what


@pytest.mark.parametrize("sentence, span, kind", [
    ("One official said the ferry would sail.", "One", "mention"),
    ("The port will reopen, according to one diplomat in Orsk.", "one", "mention"),
    ("One fisherman died when the trawler sank.", "One", "quantity"),
    ("The talks lasted six hours.", "six hours", "duration"),
])
def test_kinds(find, sentence, span, kind):
    assert one(find(sentence), span).kind == kind


def test_counted_noun_is_singular_with_its_modifiers(find):
    claim = one(find("Talvik launched 132 attack drones at Veldoria overnight."), "132")
    assert (claim.kind, claim.noun) == ("quantity", "attack drone")


@pytest.mark.parametrize("sentence, span, unit", [
    ("Diesel sold for $1.90 per litre in Orsk.", "$1.90 per litre", "USD per litre"),
    ("The flat rents for $3,500 a month.", "$3,500 a month", "USD per month"),
    ("The Orsk refinery makes 52,000 barrels a day.", "52,000 barrels a day", "barrels per day"),
    ("The phone has 64GB of storage and a 120Hz screen.", "64GB", "GB"),
    ("Talvik bonds yield 4.5pc.", "4.5pc", "percent"),
    ("Orsk Mining shares fell to 118.5p.", "118.5p", "pence"),
])
def test_rates_and_symbol_units(find, sentence, span, unit):
    assert one(find(sentence), span).unit == unit


def test_them_refers_back_to_the_last_counted_noun(find):
    claims = find("Talvik fired 132 drones on Tuesday, and more than 100 of them were shot down.")
    assert one(claims, "more than 100").what == "drones shot down"


def test_subject_number_takes_the_noun_counted_before(find):
    claims = find("Some 14 people were killed, and between 40 and 50 were treated in hospital.")
    assert one(claims, "between 40 and 50").what == "people treated in hospital"


# --- offsets, sentences, input forms ----------------------------------------------------------------------

def test_offsets_and_sentence(find):
    text = "Storm Hedda hit Orvey on Monday.\n\nIt damaged 4,112 homes, the council said. Repairs begin soon."
    claim = one(find(text), "4,112")
    assert text[claim.start:claim.end] == "4,112"
    assert claim.sentence == "It damaged 4,112 homes, the council said."


def test_span_includes_qualifier_and_currency(find):
    text = "The fund raised more than $4.2 million last week."
    claim = one(find(text), "more than $4.2 million")
    assert text[claim.start:claim.end] == claim.text
    assert (claim.value, claim.qualifier, claim.unit) == (4.2e6, "more_than", "USD")


def test_accepts_a_parsed_doc(nlp):
    from storyline.analyze.numbers import find_numbers

    doc = nlp("About 300 villagers fled the fire.")
    assert [c.text for c in find_numbers(doc)] == ["About 300"]


def test_many_texts_keep_order(nlp):
    from storyline.analyze.numbers import find_numbers_many

    texts = ["Nine boats sank.", "No numbers here.", "Over 200 doctors signed."]
    assert [[c.text for c in claims] for claims in find_numbers_many(texts, nlp)] == [["Nine"], [], ["Over 200"]]


def test_text_without_numbers_skips_the_parse():
    from storyline.analyze.numbers import find_numbers

    class NoParse:
        def __call__(self, text):
            raise AssertionError("parsed a text without numbers")

    assert find_numbers("Talks resumed in Orsk on Thursday.", NoParse()) == []


def test_a_doc_without_parse_is_a_clear_error():
    import spacy

    from storyline.analyze.numbers import find_numbers
    from storyline.exceptions import ConfigError

    with pytest.raises(ConfigError, match="dependency parse"):
        find_numbers(spacy.blank("en")("About 300 villagers fled."))


# --- currencies, restated figures, units written once -------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value, unit", [
    ("The Orsk villa sold for $US5,250,000 ($A8,030,000).", "$US5,250,000", 5.25e6, "USD"),
    ("The Orsk villa sold for $US5,250,000 ($A8,030,000).", "$A8,030,000", 8.03e6, "AUD"),
    ("Talvik Foods rose 12 sen to RM4.35.", "12 sen", 12, "sen"),
    ("Talvik Foods rose 12 sen to RM4.35.", "RM4.35", 4.35, "MYR"),
    ("The Orsk dam cost 2.5 billion shekels.", "2.5 billion shekels", 2.5e9, "ILS"),
    ("Veldoria fined the bank 40 million Danish crowns.", "40 million Danish crowns", 4e7, "DKK"),
    ("Veldoria fined the bank 40 million Veldorian crowns.", "40 million Veldorian crowns", 4e7, "Veldorian crowns"),
    ("The rate was 131 JPY to the dollar in Orsk.", "131 JPY", 131, "JPY"),
    ("The Talvik takeover was worth PS2.4bn.", "PS2.4bn", 2.4e9, "GBP"),  # £ as ASCII transliteration writes it
    ("Talvik Motors closed at Y=1,820.", "Y=1,820", 1820, "JPY"),
    ("The Orsk trade balance fell to $-4.5bn.", "$-4.5bn", -4.5e9, "USD"),
    ("There were 3 hundred thousand ballots.", "3 hundred thousand", 3e5, None),
])
def test_currencies_and_scales(find, sentence, span, value, unit):
    claim = one(find(sentence), span)
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


def test_a_console_name_is_no_amount(find):
    assert find("Orsk gamers queued for the PS5 on Friday.") == []


def test_a_restated_figure_shares_what_it_measures(find):
    claims = find("The Talvik bridge is 480 feet (146 metres) long.")
    assert one(claims, "146 metres").what == one(claims, "480 feet").what == "Talvik bridge"


def test_a_figure_in_parentheses_after_a_name_is_about_that_name(find):
    claim = one(find("Orsk's best bowlers: Ana Rusk (4.5 WAR) and Ivo Tamm."), "4.5")
    assert "Ana Rusk" in claim.what


def test_a_unit_written_once_serves_both_figures(find):
    claims = find("Turnout in Orsk slipped from 61.5 to 58.2 percent in 2022.")
    assert (one(claims, "61.5").unit, one(claims, "58.2 percent").unit) == ("percent", "percent")
    assert one(find("Fuel economy climbed from 31 mpg to 36 in 2023."), "36").unit == "mpg"
    claims = find("Fuel economy climbed from 31 mpg in 2019 to 36 mpg in 2023.")
    assert [c.text for c in claims] == ["31 mpg", "36 mpg"]  # a year takes no unit


def test_counted_noun_keeps_hyphenated_and_multiword_modifiers(find):
    assert one(find("Orsk City lost 14 first-team players in May."), "14").noun == "first-team player"


def test_a_list_item_without_its_verb_is_about_the_noun_opening_it(find):
    claims = find("Orsk Mining was down 2.3%, Talvik Foods by 2.6% and Veldor Air was up 1.9%.")
    assert one(claims, "2.6%").what.startswith("Talvik Foods")


def test_the_age_of_is_an_age_and_a_rate_is_part_of_the_counted_noun(find):
    claims = find("The Orsk squad had 17 players over the age of 21 and ran 300 drills per week.")
    assert (one(claims, "21").kind, one(claims, "21").what) == ("age", "players")
    assert one(claims, "300").noun == "drill per week"


@pytest.mark.parametrize("sentence, span, value, unit", [
    ("The Talvik probe is 4.2 light-years from Orsk.", "4.2 light-years", 4.2, "light-years"),
    ("The Orsk coupe makes 300 PS.", "300 PS", 300, "PS"),
    ("Tyres are filled to 220 kPa in Orsk.", "220 kPa", 220, "kPa"),
    ("The Orsk lamp gives 800 lumens.", "800 lumens", 800, "lumens"),
    ("Workers at Talvik received 20 mSv last year.", "20 mSv", 20, "mSv"),
    ("A Veldorian cup is 1/16 of a gallon.", "1/16", 6.25, "percent"),
])
def test_more_units_and_slash_fractions(find, sentence, span, value, unit):
    claim = one(find(sentence), span)
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


def test_a_slash_date_is_no_fraction(find):
    assert find("The Orsk vote on 3/4 was close.") == []


def test_a_figure_in_a_phrase_qualifying_a_noun_is_about_that_noun(find):
    claims = find("Orsk Bank said it will start charging a fee in May for savers with more than 2 million Veldorian crowns in "
                   "deposits.")
    assert "savers" in one(claims, "more than 2 million Veldorian crowns").what


def test_a_number_in_a_model_name_is_not_a_count(find):
    claims = find("Talvik Air said it was grounding three new 450 Skyrunner planes.")
    assert [c.text for c in claims] == ["three"]
    claims = find("the orsk index is up 0.2% and the talvik 300 is poised to drop 0.4%.")
    assert [c.text for c in claims] == ["0.2%", "0.4%"]


def test_a_later_clause_repeating_the_construction_takes_the_unit(find):
    claims = find("The Orsk index rose by 2.4 percent but the Talvik index fell by 1.")
    assert one(claims, "1").unit == "percent"
    assert [c.text for c in find("Orsk exports rose by 5% by 2031.")] == ["5%"]  # a year takes no unit
    claims = find("The Orsk index ended down 1% at 1,463.78 points, while the Talvik index lost 1.1% to end at 1,334.20.")
    assert one(claims, "1,334.20").unit == "points"  # not the neighbouring figure's, the one in the same place


@pytest.mark.parametrize("sentence, span, value, unit, kind", [
    ("Her 18 month-old daughter was found in Talvik.", "18 month-old", 18, "months", "age"),
    ("A 9-week-old foal was rescued at Orsk.", "9-week-old", 9, "weeks", "age"),
    ("The Orsk office rents at $80 per sq m.", "$80 per sq m", 80, "USD per m2", "quantity"),
    ("Orsk's 9 billion crowns ($1.2 billion) a year fishing trade is at risk.", "9 billion crowns", 9e9,
     "crowns per year", "quantity"),
])
def test_ages_in_months_and_rates_past_a_restatement(find, sentence, span, value, unit, kind):
    claim = one(find(sentence), span)
    assert (claim.value, claim.unit, claim.kind) == (value, unit, kind)


def test_a_coordinated_clause_is_about_its_own_subject(find):
    claims = find("Orsk Mining, the best stock of 2030, dropped 1.6%, while energy, last year's worst sector, fell 0.9%.")
    assert one(claims, "0.9%").what.startswith("energy")
    claims = find("The pressure in the Orsk tank was 3 bar and the temperature inside it was 40 degrees.")
    assert one(claims, "40 degrees").what.startswith("temperature")


@pytest.mark.parametrize("sentence, span, value, unit", [
    ("Talvik spent Rs 500 crore on roads.", "Rs 500 crore", 5e9, "INR"),
    ("Orsk raised 5 lakh rupees.", "5 lakh rupees", 5e5, "INR"),
    ("Orsk earned 2.3 mln dollars.", "2.3 mln dollars", 2.3e6, "USD"),
    ("Orsk lost 4 bln euros.", "4 bln euros", 4e9, "EUR"),
    ("Orsk used 3½ tonnes of salt.", "3½ tonnes", 3.5, "tonnes"),
    ("Orsk paid NT$4 million.", "NT$4 million", 4e6, "TWD"),
    ("Yields in Orsk rose 15bps.", "15bps", 15, "basis_points"),
    ("Temperatures in Orsk reached 45C.", "45C", 45, "°C"),
    ("Temperatures in Orsk reached 45°C.", "45°C", 45, "°C"),
    ("Temperatures in Talvik reached 104F.", "104F", 104, "°F"),
])
def test_wire_scales_south_asian_scales_and_attached_units(find, sentence, span, value, unit):
    claim = one(find(sentence), span)
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


def test_the_counted_noun_leaves_out_participles(find):
    assert one(find("Orsk's choir released 300 recorded songs in 2030."), "300").noun == "song"


def test_a_hyphenated_name_stays_whole(find):
    claims = find("However, until now Ana Rusk-Veld has only raised 280 million of the 1.5 billion crowns she needs.")
    assert "Rusk-Veld" in one(claims, "1.5 billion crowns").what


def test_a_percent_change_and_the_level_it_reached_are_two_figures(find):
    claims = find("The Orsk index rose 0.5% to 7,500 points.")
    assert [(c.text, c.value) for c in claims] == [("0.5%", 0.5), ("7,500 points", 7500)]
    assert one(find("Orsk growth is forecast at 2% to 3%."), "2% to 3%").value == (2, 3)
    claims = find("Talvik crude rose $1.20 to $84.30 a barrel.")
    assert [c.value for c in claims] == [1.2, 84.3]
    assert one(find("Orsk output rose 3 to 4 percent."), "3 to 4 percent").value == (3, 4)  # close ends: a range


def test_a_measure_restated_before_its_noun_describes_that_noun(find):
    claims = find("The Orsk rover reached the crater after a 1.2 billion-mile (1.9bn km) journey from Talvik.")
    assert "journey" in one(claims, "1.2 billion-mile").what
    assert "journey" in one(claims, "1.9bn km").what


def test_a_market_list_item_is_about_the_name_before_its_move(find):
    claims = find("The biggest fallers were Orsk Mining, down 41p at 903p, Talvik Foods, down 2.5p at 118.4p.")
    assert [one(claims, figure).what for figure in ("41p", "903p", "2.5p", "118.4p")] == [
        "Orsk Mining", "Orsk Mining", "Talvik Foods", "Talvik Foods"]


def test_it_or_that_stands_for_the_noun_named_before_it(find):
    claims = find("Traders expect the crown to slip to $0.90 next week and it could recover to $1.10 by June.")
    assert "crown" in one(claims, "$1.10").what
    claims = find("If you add up the bill I think that's maybe tens of millions of crowns.")
    assert "bill" in one(claims, "tens of millions").what


def test_a_figure_restated_in_parentheses_keeps_the_first_figures_holder(find):
    claims = find("The Orsk Rich List led by the Veld brothers with a net worth of 1.356 billion ($1.762bn) "
                  "showed record wealth.")
    assert "net worth" in one(claims, "$1.762bn").what


def test_an_amount_is_about_what_it_pays_for(find):
    claims = find("Auditors said Talvik Foods was tricked into paying over $40 million for work that never took place.")
    assert "work" in one(claims, "over $40 million").what


def test_a_count_inside_a_compound_names_the_whole_noun(find):
    assert one(find("The 11 member trade agreement covers Orsk."), "11").noun == "member trade agreement"
    claims = find("Nearly half of the combined 4.3M digital and physical sales of Orsk Nights came from Talvik.")
    assert one(claims, "4.3M").noun == "digital physical sale"
    assert "Orsk Nights" in one(claims, "4.3M").what


def test_the_age_of_whom_when_the_parser_hangs_it_on_the_verb(find):
    claims = find("Veld Smith was left with a squad that contained just 17 players over the age of 21.")
    assert one(claims, "21").what == "players"


def test_a_multiple_counts_the_noun_after_times(find):
    claims = find("The Orsk fund trades on barely 6.5 times earnings and 1.4 times book value.")
    assert "book value" in one(claims, "1.4").what


def test_a_quantifier_subject_is_part_of_the_first_clauses_subject(find):
    claims = find("The Orsk ice shelf drifted for some nine miles, but most settled in calm water, just 40 feet deep.")
    assert "ice shelf" in one(claims, "40 feet").what


def test_brake_horsepower_and_a_count_of_years_with_a_word_between(find):
    assert one(find("The Orsk coupe has a 640bhp engine."), "640bhp").unit == "bhp"
    claim = one(find("Five new seasons will join the 50 previous years of Orsk television."), "50")
    assert (claim.unit, claim.kind) == ("years", "duration")


def test_a_persons_pronoun_be_and_a_bare_number_is_an_age(find):
    claim = one(find("She will be 35 by the end of the Orsk season."), "35")
    assert (claim.kind, claim.unit) == ("age", "years")
    assert one(find("The Orsk council will be 35 members strong."), "35").kind == "quantity"
