"""Quotes and their speakers, on short fictional articles written for these tests."""

import pytest

from storyline.analyze import nlp as spacy_nlp
from storyline.analyze.quote_score import quotes_match, score_quotes
from storyline.analyze.quotes import find_quotes, find_quotes_pipe, quotes_in
from storyline.model import Quote
from storyline.settings import Settings


@pytest.fixture(scope="module")
def nlp():
    return spacy_nlp.load(Settings().spacy_model, need=("parser", "ner"))


@pytest.fixture(scope="module")
def quotes(nlp):
    def run(text):
        found = find_quotes(text, nlp)
        for q in found:  # offsets always point at the quote in the given text
            assert 0 <= q.start < q.end <= len(text)
            if q.direct:
                assert text[q.start] in "\"'“‘" and text[q.end - 1] in "\"'”’"
        return found

    return run


def one(found, direct=None):
    found = [q for q in found if direct is None or q.direct == direct]
    assert len(found) == 1, found
    return found[0]


# --- direct quotes ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_straight_quote_said_full_name_and_offsets(quotes):
    text = 'Barriers held in Brenmoor. "The river is falling and the worst is behind us," said Ilse Marrow.'
    q = one(quotes(text))
    marked = '"The river is falling and the worst is behind us,"'
    start = text.index(marked)
    said = "The river is falling and the worst is behind us"
    assert q == Quote(said, "Ilse Marrow", True, start, start + len(marked))


@pytest.mark.slow
def test_curly_quote_pronoun_goes_to_the_person_named_before(quotes):
    text = (
        "Harbour pilot Jonas Feld guided the damaged ferry into Brenmoor on Sunday.\n\n"
        "“We had one engine and a lot of luck,” he said."
    )
    q = one(quotes(text))
    assert (q.text, q.speaker, q.direct) == ("We had one engine and a lot of luck", "Jonas Feld", True)


@pytest.mark.slow
def test_pronoun_prefers_a_compatible_gender(quotes):
    text = (
        "Spokeswoman Dalia Ornet stood beside the mayor, Piotr Halm, at the briefing.\n\n"
        "“Nobody will be left without heating this winter,” she said."
    )
    assert one(quotes(text)).speaker == "Dalia Ornet"


@pytest.mark.slow
def test_single_quotes_are_told_from_apostrophes(quotes):
    text = "‘We don’t know the bridge’s real condition yet,’ the engineer Karel Dunn told the council."
    q = one(quotes(text))
    assert q.text == "We don’t know the bridge’s real condition yet"
    assert q.speaker == "Karel Dunn"


@pytest.mark.slow
def test_quote_over_several_sentences(quotes):
    text = '"Three schools are closed. Two more will close on Monday. We have no buses," Mayor Tilda Broek said.'
    q = one(quotes(text))
    assert q.text == "Three schools are closed. Two more will close on Monday. We have no buses"
    assert q.speaker == "Tilda Broek"


@pytest.mark.slow
def test_quote_over_two_paragraphs_is_one_quote(quotes):
    text = (
        "Fisheries Minister Oskar Lind spoke to the crews at the quay.\n\n"
        "“The season was the worst in twenty years. Half the boats never left port.\n\n"
        "“We will pay for the lost weeks, and we will pay before Christmas,” Lind said."
    )
    q = one(quotes(text))
    assert q.text == (
        "The season was the worst in twenty years. Half the boats never left port. "
        "We will pay for the lost weeks, and we will pay before Christmas"
    )
    assert q.speaker == "Oskar Lind"  # surname expanded to the full name given first
    assert text[q.start] == "“" and q.start == text.index("“")


@pytest.mark.slow
def test_quote_split_by_attribution_is_joined(quotes):
    text = '"We will rebuild," she said, "and we will do it fast." Premier Hanna Volk spoke in Tarsel.'
    text = "Premier Hanna Volk visited Tarsel on Friday. " + text
    q = one(quotes(text))
    assert q.text == "We will rebuild, and we will do it fast"
    assert q.speaker == "Hanna Volk"
    assert text[q.start:q.end] == '"We will rebuild," she said, "and we will do it fast."'


@pytest.mark.slow
def test_a_quote_going_on_after_its_attribution_is_one_quote(quotes):
    # newswire convention (and PolNeAR's annotation): the second sentence goes on with the same statement
    text = 'Coach Arne Salk was calm. "We lost the game," Salk said. "We did not lose the season."'
    q = one(quotes(text))
    assert (q.text, q.speaker) == ("We lost the game, We did not lose the season", "Arne Salk")
    assert (q.start, q.end) == (text.index('"We'), len(text))


@pytest.mark.slow
def test_attribution_by_position_and_after_a_colon_paragraph(quotes):
    text = (
        "Senator Lida Varn spoke to farmers in Osterby on Friday.\n\n"
        '"The levy is a tax on bread, and I will vote it down," Varn thundered.\n\n'
        "Her rival, mayor Tomas Brek, replied:\n\n"
        '"Bread costs what it costs because the mills closed."'
    )
    found = quotes(text)
    assert [(q.speaker, q.direct) for q in found] == [("Lida Varn", True), ("Tomas Brek", True)]


@pytest.mark.slow
def test_doubled_apostrophes_are_quotation_marks(quotes):
    text = "Judge Mara Kell closed the hearing. ''The court has heard enough for one day,'' she said."
    q = one(quotes(text))
    assert (q.text, q.speaker) == ("The court has heard enough for one day", "Mara Kell")
    assert text[q.start:q.start + 2] == "''" and text[q.end - 2:q.end] == "''"


def test_a_space_sets_a_double_mark_off_a_single_one_inside_it(quotes):
    text = ("The ferry board met in Olvik. \"The captain told us, 'Keep the lanes clear,' \" said harbour master "
            "Tomas Brell. \" 'Not today' was all we heard,\" he added.")
    first, second = quotes(text)
    assert (first.text, first.speaker) == ("The captain told us, 'Keep the lanes clear,'", "Tomas Brell")
    assert second.text.startswith("'Not today'") and second.speaker == "Tomas Brell"


@pytest.mark.slow
def test_he_goes_to_the_main_clause_subject(quotes):
    text = (
        "Former governor Piet Ansel said on Monday that the voters had given Karl Dorn a real chance.\n\n"
        '"It is a sad day for the province and for everyone in it," he said.'
    )
    assert one(quotes(text), direct=True).speaker == "Piet Ansel"


@pytest.mark.slow
def test_scare_quotes_and_titles_are_not_quotes(quotes):
    text = (
        "The so-called 'experts' on the panel disagreed about the \"safe\" level of the dam. "
        'The report, titled "Water and the Valley Towns", was published on Monday. '
        'The plan, which Mayor Ana Holm announced in May, adds a "quiet zone" near the school.'
    )
    assert quotes(text) == []


@pytest.mark.slow
def test_short_quote_with_a_speech_verb_is_a_quote(quotes):
    text = 'Opposition leader Mara Quell called the budget "reckless".'
    q = one(quotes(text))
    assert (q.text, q.speaker, q.direct) == ("reckless", "Mara Quell", True)


@pytest.mark.slow
def test_colon_attribution_and_title_stripping(quotes):
    text = "Defence Minister Ana Rusk said: “The border posts will stay open to aid convoys.”"
    q = one(quotes(text))
    assert q.speaker == "Ana Rusk" and q.direct


# --- speakers -----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_role_goes_to_the_person_with_that_role(quotes):
    text = (
        "Energy Minister Ruta Kalm and trade union leader Benedikt Ostrow met on Monday.\n\n"
        "Ostrow demanded a pay rise for grid workers.\n\n"
        "“The grid will be modernised by 2030,” the minister said."
    )
    q = one(quotes(text), direct=True)
    assert q.speaker == "Ruta Kalm"


@pytest.mark.slow
def test_role_from_an_apposition(quotes):
    text = (
        "Ruta Kalm, the energy minister, toured the plant with its director, Emil Sand.\n\n"
        "“The turbines are older than I am,” the minister said."
    )
    assert one(quotes(text), direct=True).speaker == "Ruta Kalm"


@pytest.mark.slow
def test_role_without_a_match_goes_to_the_most_recent_person(quotes):
    text = "Lukas Brann led the rescue teams.\n\n“We found all nine climbers alive,” the official said."
    assert one(quotes(text), direct=True).speaker == "Lukas Brann"


@pytest.mark.slow
def test_role_the_article_spoke_of_unnamed_stays_a_description(quotes):
    text = (
        "Piotr Halm opened the Halden bridge works in March. The mayor's spokesman said the bridge would reopen "
        "in May.\n\n“The repairs are ahead of schedule,” the spokesman said."
    )
    assert one(quotes(text), direct=True).speaker == "the spokesman"


@pytest.mark.slow
def test_unnamed_source_is_not_the_last_person_named(quotes):
    text = "Piotr Halm met the flood victims on Tuesday.\n\n“Nobody here was warned in time,” the source said."
    assert one(quotes(text), direct=True).speaker == "the source"


@pytest.mark.slow
def test_one_of_a_kind_is_anonymous(quotes):
    text = (
        "Tomas Brenn, a farmer from Orlek, spoke first.\n\n"
        "“The fence was built on our land without asking,” said one local farmer."
    )
    assert one(quotes(text), direct=True).speaker is None


@pytest.mark.slow
def test_role_noun_before_a_name_is_no_part_of_it(quotes):
    text = (
        "Former Dunmore Foods CEO Lena Varga spoke at the harvest fair in Orlek.\n\n"
        "“We will buy every apple this valley grows,” she said."
    )
    assert one(quotes(text), direct=True).speaker == "Lena Varga"


@pytest.mark.slow
def test_colon_lead_in_without_a_verb_takes_the_one_person_it_names(quotes):
    text = (
        "The harbour plan has changed little in thirty years.\n\n"
        "Here is Mayor Ilse Dorn in 1994: “The quay belongs to the fishermen, and it always will.”"
    )
    assert one(quotes(text), direct=True).speaker == "Ilse Dorn"


@pytest.mark.slow
def test_document_speaks_for_the_author_its_sentence_gives(quotes):
    text = (
        "The Orlek water board said in a statement on Monday that the reservoir was safe.\n\n"
        "“There is no risk to drinking water in the valley,” the statement said."
    )
    assert one(quotes(text), direct=True).speaker == "Orlek water board"


@pytest.mark.slow
def test_it_after_a_named_document_is_its_author(quotes):
    text = (
        "Dunmore Foods sent a letter to its growers on Friday.\n\n"
        "“Prices for the autumn harvest will stay where they were last year,” it read."
    )
    assert one(quotes(text), direct=True).speaker == "Dunmore Foods"


@pytest.mark.slow
def test_name_line_after_a_quote(quotes):
    text = (
        "The port reopened on Thursday after three days of storms.\n\n"
        "“Every ship that waited will be unloaded by Sunday.”\n"
        "— Petra Vells, Harbour Master\n\n"
        "“We will not let the fish rot on the quay.”\n\n"
        "Jakob Morin, Fishermen's Cooperative\n\n"
        "Fish prices rose by a third during the closure."
    )
    found = quotes(text)
    assert [(q.text, q.speaker) for q in found] == [
        ("Every ship that waited will be unloaded by Sunday", "Petra Vells"),
        ("We will not let the fish rot on the quay", "Jakob Morin"),
    ]


@pytest.mark.slow
def test_quote_paragraph_continues_the_previous_speaker(quotes):
    text = (
        "“The water came up to the windows in an hour,” said farmer Nils Ekdahl.\n\n"
        "“We saved the cows. We could not save the hay.”"
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Nils Ekdahl", "Nils Ekdahl"]


@pytest.mark.slow
def test_unknown_speaker_is_none(quotes):
    text = "“I have never seen the lake this low,” a fisherman said."
    assert one(quotes(text)).speaker is None


@pytest.mark.slow
def test_organisation_speaker_and_later_reference(quotes):
    text = (
        "The Brenmoor Water Authority said 12,000 homes had no running water on Tuesday.\n\n"
        "The authority said tankers would supply the worst-hit streets. It added that repairs could take a week."
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Brenmoor Water Authority"] * 3


# --- reported speech ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Mayor Tilda Broek said that the bridge would reopen in March.", "the bridge would reopen in March",
         "Tilda Broek"),
        ("Tilda Broek said on Tuesday that the bridge would reopen in March.", "the bridge would reopen in March",
         "Tilda Broek"),
        ("According to Tilda Broek, the bridge will reopen in March.", "the bridge will reopen in March",
         "Tilda Broek"),
        ("The bridge will reopen in March, according to Mayor Tilda Broek.", "The bridge will reopen in March",
         "Tilda Broek"),
        ("Tilda Broek told reporters the bridge would reopen in March.", "the bridge would reopen in March",
         "Tilda Broek"),
        ("Tilda Broek warned that the bridge could stay shut until March.", "the bridge could stay shut until March",
         "Tilda Broek"),
        ("Tilda Broek insisted the bridge was safe for cars.", "the bridge was safe for cars", "Tilda Broek"),
        ("Tilda Broek claimed that engineers had found no cracks.", "engineers had found no cracks", "Tilda Broek"),
        ("The bridge will reopen in March, the town council said on Friday.", "The bridge will reopen in March",
         "town council"),
    ],
)
@pytest.mark.slow
def test_reported_speech(quotes, text, content, speaker):
    q = one(quotes(text))
    assert (q.text, q.speaker, q.direct) == (content, speaker, False)
    assert text[q.start:q.end] == content


@pytest.mark.slow
def test_reported_speech_adding_that_and_pronoun(quotes):
    text = (
        "Tilda Broek, the mayor of Brenmoor, said on Monday that the river had peaked, adding that no homes "
        "had been lost. She added that schools would open on Wednesday."
    )
    found = quotes(text)
    assert [(q.text, q.speaker) for q in found] == [
        ("the river had peaked", "Tilda Broek"),
        ("no homes had been lost", "Tilda Broek"),
        ("schools would open on Wednesday", "Tilda Broek"),
    ]


@pytest.mark.slow
def test_a_quoted_phrase_inside_reported_speech_is_the_quote(quotes):
    text = 'Colonel Ivan Droz said his troops had held "every single position". They had lost no ground.'
    q = one(quotes(text))
    assert (q.text, q.speaker, q.direct) == ("every single position", "Ivan Droz", True)


@pytest.mark.slow
def test_organisation_named_by_description_later(quotes):
    text = (
        "Fishing cooperative Sealark and the port operator Dunmere Docks signed the deal on Friday.\n\n"
        "The cooperative said catches had fallen by a third since spring."
    )
    assert one(quotes(text)).speaker == "Sealark"


@pytest.mark.slow
def test_organisation_named_in_its_own_words(quotes):
    text = "The ferry company Nordlink will run two sailings a day from February, the company said on Thursday."
    assert one(quotes(text)).speaker == "Nordlink"


@pytest.mark.slow
def test_documents_and_passives_without_a_speaker_are_not_reported_speech(quotes):
    text = (
        "It was reported that the dam had cracked. Data suggest that the lake is shrinking. "
        "The lake will shrink further, according to a survey."
    )
    assert quotes(text) == []


@pytest.mark.slow
def test_whole_article(quotes):
    text = (
        "Grain exports through Kerrow resume after blockade\n\n"
        "By Tomasz Welk\n\n"
        "KERROW, March 4 (NPA) – Grain shipments from Kerrow resumed on Monday after truckers lifted a ten-day "
        "blockade, the port operator Kerrow Maritime said.\n\n"
        "About 40 ships had been stuck in the harbour, according to harbour master Ilona Brest. "
        '"Some crews ran out of fresh water. We had to bring it out by boat," Brest told the Northern Post.\n\n'
        "Agriculture Minister Pavel Dresch welcomed the deal. The minister said farmers would be compensated for "
        "spoiled grain, but he warned that payments could take months.\n\n"
        "The truckers' association, Trans-Kerrow, said its members had been promised lower road tolls. It added "
        "that the protest could resume in April.\n\n"
        "‘We will be back on the bridge if nothing changes,’ said Adam Rudnik, who drove one of the first trucks "
        "out.\n\n"
        "Read also: How the grain corridor works\n"
    )
    assert [(q.text, q.speaker, q.direct) for q in quotes(text)] == [
        ("Grain shipments from Kerrow resumed on Monday after truckers lifted a ten-day blockade", "Kerrow Maritime",
         False),
        ("About 40 ships had been stuck in the harbour", "Ilona Brest", False),
        ("Some crews ran out of fresh water. We had to bring it out by boat", "Ilona Brest", True),
        ("farmers would be compensated for spoiled grain", "Pavel Dresch", False),
        ("payments could take months", "Pavel Dresch", False),
        ("its members had been promised lower road tolls", "Trans-Kerrow", False),
        ("the protest could resume in April", "Trans-Kerrow", False),
        ("We will be back on the bridge if nothing changes", "Adam Rudnik", True),
    ]


@pytest.mark.slow
def test_council_story(quotes):
    text = (
        "Mayor Erika Lund, 54, defended the decision. \"I would rather be blamed for traffic jams than for a "
        "collapse,\" she said after the vote.\n\n"
        "Councillor Tomas Halm, who voted against, said shop owners had not been consulted. \"They learned about it "
        "from the radio,\" Mr Halm said. \"Is that how we treat people?\"\n\n"
        'Asked whether the bridge could be repaired, Lund said: "Not cheaply, and not this year."\n\n'
        'Halm was quoted as saying that the council "panicked".'
    )
    assert [(q.text, q.speaker, q.direct) for q in quotes(text)] == [
        ("I would rather be blamed for traffic jams than for a collapse", "Erika Lund", True),
        ("shop owners had not been consulted", "Tomas Halm", False),
        # the quote goes on after its attribution: one statement
        ("They learned about it from the radio, Is that how we treat people?", "Tomas Halm", True),
        ("Not cheaply, and not this year", "Erika Lund", True),
        ("panicked", "Tomas Halm", True),
    ]


@pytest.mark.slow
def test_it_goes_to_an_organisation_named_just_before(quotes):
    text = "The Orvane Grid Company restored power to the north on Sunday. It said the south would follow by Monday."
    assert one(quotes(text)).speaker == "Orvane Grid Company"


@pytest.mark.slow
def test_they_after_people_is_not_guessed(quotes):
    text = "Residents of Kell fled before dawn. They said the water rose faster than in 2010."
    assert one(quotes(text)).speaker is None


@pytest.mark.slow
def test_according_to_plan_is_not_a_quote(quotes):
    assert quotes("The convoy left at dawn, according to plan, and reached the border by noon.") == []


@pytest.mark.slow
def test_empty_text(nlp):
    assert find_quotes("", nlp) == []
    assert find_quotes("   \n\n  ", nlp) == []


@pytest.mark.slow
def test_pipe_keeps_order_and_takes_a_model_name(nlp):
    texts = ['"The ferry is late again," said Ilse Marrow.', "No quotes here at all.", ""]
    assert [len(found) for found in find_quotes_pipe(texts, nlp)] == [1, 0, 0]
    assert find_quotes(texts[0], Settings().spacy_model) == find_quotes(texts[0], nlp)
    doc = next(spacy_nlp.parse(nlp, texts[:1]))
    assert quotes_in(doc) == find_quotes(texts[0], nlp)


# --- speakers on newswire conventions (issue 6) --------------------------------------------------------------


def speakers(found):
    return [(q.text, q.speaker) for q in found if q.direct]


@pytest.mark.slow
def test_name_opening_an_attribution_speaks_when_an_apposition_splits_it(quotes):
    text = (
        "The ferry strike in Brenmoor entered its third week.\n\n"
        "“We should have settled this before the first sailing was cancelled,” Ilse Marrow, 58, told the Brenmoor "
        "Courier on Monday."
    )
    assert one(quotes(text), direct=True).speaker == "Ilse Marrow"


@pytest.mark.slow
def test_multi_paragraph_quote_attributed_in_its_last_paragraph(quotes):
    text = (
        "Harbour pilot Jonas Feld spoke after the ferry docked in Brenmoor.\n\n"
        "“The first engine stopped an hour out of port and the second one was running hot.”\n\n"
        "“We had no choice but to turn back and wait for the tug,” he said."
    )
    assert [s for _, s in speakers(quotes(text))] == ["Jonas Feld", "Jonas Feld"]


@pytest.mark.slow
def test_statement_split_by_a_long_attribution_naming_someone_else_is_one_quote(quotes):
    text = (
        "Dalia Ornet chairs the Brenmoor flood committee.\n\n"
        "“The barriers held everywhere,” Ornet said, adding that Piotr Halm's pumps had run all night. "
        "“Next winter we will need twice as many of them.”"
    )
    said = "The barriers held everywhere, Next winter we will need twice as many of them"
    assert speakers(quotes(text)) == [(said, "Dalia Ornet")]


@pytest.mark.slow
def test_quote_goes_on_after_a_name_mentioned_in_a_reported_clause(quotes):
    text = (
        "Dalia Ornet chairs the Brenmoor flood committee.\n\n"
        "“The barriers held everywhere,” she said. She added that Piotr Halm's pumps had run all night; "
        "“next winter we will need twice as many of them.”"
    )
    assert [s for _, s in speakers(quotes(text))] == ["Dalia Ornet", "Dalia Ornet"]


@pytest.mark.slow
def test_pronoun_gender_is_read_from_the_persons_own_clause(quotes):
    text = (
        "Dalia Ornet said she would not stand for the council again. Piotr Halm said he would.\n\n"
        "“Twelve years on the council is enough for anyone,” she said."
    )
    assert one(quotes(text), direct=True).speaker == "Dalia Ornet"


@pytest.mark.slow
def test_shared_surname_goes_to_the_person_named_in_full_most_often(quotes):
    text = (
        "Ana Rusk opened the Brenmoor bridge on Friday. Ana Rusk had fought for it for a decade, and her brother "
        "Ivo Rusk built it.\n\n"
        "“This bridge belongs to everyone who waited for it,” Rusk said."
    )
    assert one(quotes(text), direct=True).speaker == "Ana Rusk"


@pytest.mark.slow
def test_quote_inside_a_sentence_takes_the_subject_of_its_verb(quotes):
    text = (
        "The storm passed over Brenmoor on Sunday.\n\n"
        "Mayor Piotr Halm thanked the crews for “working through the night without a single break.”"
    )
    assert one(quotes(text), direct=True).speaker == "Piotr Halm"


@pytest.mark.slow
def test_role_written_as_a_short_title_finds_its_person(quotes):
    text = (
        "Gov. Ana Rusk and the harbour master, Jonas Feld, toured the docks on Monday.\n\n"
        "“Every berth will be open again by spring,” the governor said."
    )
    assert one(quotes(text), direct=True).speaker == "Ana Rusk"


# --- scoring ------------------------------------------------------------------------------------------------


def test_scoring():
    gold = [
        {"text": "The river is falling", "speaker": "Ilse Marrow", "direct": True},
        {"text": "the bridge would reopen in March", "speaker": "Brenmoor Town Council", "direct": False},
        {"text": "We saved the cows", "speaker": None, "direct": True},
    ]
    entities = [{"name": "Brenmoor Town Council", "aliases": ["town council"]}, {"name": "Ilse Marrow", "aliases": []}]
    predicted = [
        Quote("“The river is falling,", "ilse marrow", True, 0, 1),
        Quote("that the bridge would reopen in March", "the town council", False, 0, 1),
        Quote("Nothing like the gold", "Someone", True, 0, 1),
    ]
    score = score_quotes(predicted, gold, entities)
    assert (score.predicted, score.gold, score.matched, score.speaker_right) == (3, 3, 2, 2)
    assert score.precision == score.recall == pytest.approx(2 / 3)
    assert (score + score).matched == 4
    assert quotes_match("We saved the cows", "we saved the cows.") == 1.0
    assert quotes_match("the cows", "We saved the cows and the hay") < 0.5


def test_given_name_alone_goes_to_the_one_person_named_in_full_with_it(quotes):
    text = (
        "Greta Holm, who grows apples above the lake, opened her orchard to visitors on Sunday.\n\n"
        "“We lost half the apples in one night, and the pears will be late,” Greta said."
    )
    assert one(quotes(text), direct=True).speaker == "Greta Holm"


def test_a_surname_the_tagger_takes_for_a_plural_noun_is_the_person_it_names_elsewhere(nlp):
    # the tagger's mistake is written into the parse by hand: "Reeds" after the quote as a plural common noun
    from spacy.tokens import Doc, Span

    words = ["Tom", "Reeds", "spoke", "first", ".", '"', "We", "will", "hold", "the", "line", ",", '"', "Reeds",
             "remarked", "."]
    spaces = [True, True, True, False, True, False, True, True, True, True, False, False, True, True, False, False]
    tags = ["NNP", "NNP", "VBD", "RB", ".", "``", "PRP", "MD", "VB", "DT", "NN", ",", "''", "NNS", "VBD", "."]
    pos = ["PROPN", "PROPN", "VERB", "ADV", "PUNCT", "PUNCT", "PRON", "AUX", "VERB", "DET", "NOUN", "PUNCT",
           "PUNCT", "NOUN", "VERB", "PUNCT"]
    heads = [1, 2, 2, 2, 2, 8, 8, 8, 14, 10, 8, 14, 14, 14, 14, 14]
    deps = ["compound", "nsubj", "ROOT", "advmod", "punct", "punct", "nsubj", "aux", "ccomp", "det", "dobj",
            "punct", "punct", "nsubj", "ROOT", "punct"]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, pos=pos, heads=heads, deps=deps,
              lemmas=[w.lower() for w in words])
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    found = quotes_in(doc)
    q = one(found, direct=True)
    assert (q.text, q.speaker) == ("We will hold the line", "Tom Reeds")
