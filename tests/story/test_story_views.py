from storyline.model import Article
from storyline.model import DateMention, Quote
from storyline.model import Claim
from storyline.story.coverage import coverage
from storyline.story.quotes import group_quotes
from storyline.story.timeline import build_timeline


def art(i, outlet, published, quotes=(), dates=()):
    return Article(id=i, source=i, raw="", format="text", outlet=outlet, published=published, quotes=list(quotes), dates=list(dates))


def test_same_quote_in_several_outlets_is_one_quote_with_canonical_speaker():
    words = "We will rebuild the harbour, and we will do it fast"
    members = [
        art("a", "Gazette", "2024-11-26", [Quote(words, "Ana Rusk", True, 0, 0)]),
        art("b", "Courier", "2024-11-27", [Quote(words + ".", "Rusk", True, 0, 0), Quote("the talks had failed", "Rusk", False, 0, 0)]),
    ]
    quotes = group_quotes(members, {"rusk": "Ana Rusk", "ana rusk": "Ana Rusk"}, 0.8)
    assert [(q.speaker, q.direct, q.article_ids) for q in quotes] == [("Ana Rusk", True, ["a", "b"]), ("Ana Rusk", False, ["b"])]


def test_timeline_merges_the_same_dated_event_and_keeps_first_report():
    s1 = "The storm made landfall near Marhaven late on Monday."
    s2 = "Storm Ilse made landfall near Marhaven on Monday evening."
    members = [
        art("b", "Courier", "2024-11-26", dates=[DateMention("on Monday evening", "2024-11-25", s2, 0, 0)]),
        art("a", "Gazette", "2024-11-25", dates=[DateMention("late on Monday", "2024-11-25", s1, 0, 0),
                                                  DateMention("last year", None, "Last year was calm.", 0, 0)]),
    ]
    [event] = build_timeline(members, 0.5)
    assert (event.date, event.article_ids, event.first_reported, event.event) == ("2024-11-25", ["a", "b"], "2024-11-25", s1)


def test_coverage_lists_exclusives_and_omissions_per_outlet():
    members = [art("a", "Gazette", None), art("b", "Courier", None), art("c", "Northline", None)]
    claims = [
        Claim("31 people died.", "corroborated", {"a": "31", "b": "31"}, ["a", "b"], None, "people"),
        Claim("Damage was 4 million.", "single_source", {"c": "4 million"}, ["c"], None, "damage"),
    ]
    result = coverage(members, claims, [])
    assert result["Northline"].only_here == ["Damage was 4 million."]
    assert result["Northline"].omitted == ["31 people died."]
    assert result["Gazette"].only_here == [] and result["Gazette"].omitted == []


def test_coverage_lists_a_sentence_with_several_figures_once():
    members = [art("a", "Gazette", None), art("b", "Courier", None)]
    sentence = "The ministry counted 31 dead and 4 missing."
    claims = [
        Claim(sentence, "single_source", {"a": "31"}, ["a"], None, "dead"),
        Claim(sentence, "single_source", {"a": "4"}, ["a"], None, "missing"),
        Claim("Roads reopened after 12 hours.", "corroborated", {"b": "12"}, ["b"], None, "hours"),
    ]
    result = coverage(members, claims, [])
    assert result["Gazette"].only_here == [sentence]


def test_timeline_dates_events_by_their_own_day_not_a_bound_or_background_day():
    # a Monday article: the warning's end (a bound), a deadline and a day inside a relative clause date
    # something else than the sentence's event
    warning = "The weather office kept its flood warning until 6 p.m. on Tuesday and expected a second surge on Monday night."
    deadline = "The council will decide on a rebuilding fund before Friday."
    background = "Mayor Ilse Varg, who visited the dam on Saturday, said repairs would take months."
    dated = [
        DateMention("6 p.m. on Tuesday", "2024-11-19", warning, 0, 0),  # resolved backwards by the time tagger
        DateMention("Monday night", "2024-11-25", warning, 0, 0),
        DateMention("Friday", "2024-11-29", deadline, 0, 0),
        DateMention("Saturday", "2024-11-23", background, 0, 0),
    ]
    # a time of day bounded on the event's own day, and a relative clause closing the sentence, do date it
    reopened = "The coast road reopened shortly before noon on Monday."
    fund = "Aid went to a relief fund, which received its first pledges on Sunday."
    dated += [DateMention("Monday", "2024-11-25", reopened, 0, 0), DateMention("Sunday", "2024-11-24", fund, 0, 0)]
    events = build_timeline([art("a", "Gazette", "2024-11-25", dates=dated)], 0.5)
    assert [(e.date, e.event) for e in events] == [("2024-11-24", fund), ("2024-11-25", warning), ("2024-11-25", reopened)]
