"""The measured-thing key of a figure: the time its sentence names, count or fraction, one action or not."""

from fakes import BagOfWordsEncoder

from storyline.model import DateMention, NumberClaim
from storyline.story.measured import (
    Key,
    is_count,
    is_fraction,
    predicate_agreement,
    same_time,
    stated_time,
)


def figure(text, value, sentence, start, noun=None, unit=None, predicate=None):
    return NumberClaim(text, value, "exact", unit, None, start, start + len(text), sentence, noun=noun,
                       predicate=predicate)


def test_the_time_in_the_figures_own_clause_wins_over_a_nearer_dateline():
    s = "OSTRAVEN, May 3 (NWA) – Rebels released 40 hostages on Friday night, the ministry said on Saturday."
    n = figure("40", 40, s, s.index("40"), noun="hostage", predicate="release")
    dates = [DateMention(t, d, s, s.index(t), s.index(t) + len(t))
             for t, d in (("May 3", "2031-05-03"), ("Friday night", "2031-05-02"), ("Saturday", "2031-05-03"))]
    assert stated_time(n, dates) == "2031-05-02"


def test_an_undated_article_still_names_a_weekday_or_month():
    s = "A storm in October flooded 300 homes."
    n = figure("300", 300, s, s.index("300"), noun="home")
    assert stated_time(n, [DateMention("October", None, s, 11, 18)]) == "october"
    assert stated_time(n, [DateMention("the past 24 hours", None, s, 0, 5)]) is None  # a stretch of time: no day


def test_times_that_differ_are_different_claims_and_unknown_or_incomparable_ones_are_not():
    assert not same_time("sunday", "september")
    assert not same_time("2012-06", "2013-03-14")
    assert same_time("2013-03", "2013-03-14")
    assert same_time(None, "sunday")
    assert same_time("2013-03-14", "thursday")  # a resolved day and a bare weekday cannot be compared


def test_a_whole_count_is_no_fraction():
    assert is_count(figure("two", 2, "Two aftershocks followed.", 0, noun="aftershock"))
    assert is_fraction(figure("2.9", 2.9, "One measured 2.9.", 13))
    assert not is_count(figure("4 miles", 4, "It was 4 miles away.", 7, unit="miles"))


def test_counts_of_one_thing_undergoing_one_action_agree_and_others_do_not():
    keys = [Key("people", "injure", frozenset(), None), Key("people", "injure", frozenset(), None),
            Key(None, "injure", frozenset(), None), Key("people", "evacuate", frozenset(), None),
            Key("home", "injure", frozenset(), None), Key("people", None, frozenset(), None)]
    keys.append(Key("home", "damage", frozenset(), None))
    agree, apart = predicate_agreement(keys, BagOfWordsEncoder().encode)
    assert agree[0, 1] and agree[0, 2]  # "injured 40" names no noun: what the verb acts on is counted
    assert not agree[0, 3]  # another action
    assert not agree[0, 4]  # another thing
    assert not agree[0, 5].any()  # no predicate: no evidence
    # "people injured" / "homes damaged": another noun and another action are never one measured thing; one of
    # the two differing, or a key without a noun or a predicate, is no evidence either way
    assert apart[0, 6] and apart[6, 0]
    assert not apart[0, 3] and not apart[0, 4] and not apart[0, 2] and not apart[0, 5]
