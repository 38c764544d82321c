"""Which figures are claims: a speaker's stretch of time that measures no reported event is none (fictional)."""

from storyline.model import Article, NumberClaim
from storyline.story.figures import claim_figures


def _claims(text, specs):
    numbers = []
    for figure, value, qualifier, unit, planned in specs:
        start = text.index(figure)
        numbers.append(NumberClaim(figure, value, qualifier, unit, None, start, start + len(figure), text,
                                   planned=planned))
    article = Article(id="a", source="a", raw="", format="text", text=text, numbers=numbers)
    return [n.text for n in claim_figures(article)]


def test_a_quoted_duration_that_measures_no_reported_event_is_no_claim():
    # the window of another figure of its clause
    assert _claims('"They have produced more than 90,000 litres of water in 36 hours," he said.',
                   [("more than 90,000 litres", 90000, "more_than", "litres", False),
                    ("36 hours", 36, "exact", "hours", False)]) == ["more than 90,000 litres"]
    # a promise, and the speaker's own life
    assert _claims('The charity said its ships would arrive "within 36 hours".',
                   [("within 36 hours", 36, "up_to", "hours", True)]) == []
    assert _claims('"Fifty years I have lived in Brellow and never seen this," she said.',
                   [("Fifty years", 50, "exact", "years", False)]) == []


def test_a_duration_of_what_happened_stays_a_claim_quoted_or_not():
    assert _claims('"We were alone for 36 hours," the mayor of Brellow said.',
                   [("36 hours", 36, "exact", "hours", False)]) == ["36 hours"]
    assert _claims("The talks in Sorrel ended after three days, officials said.",
                   [("three days", 3, "exact", "days", False)]) == ["three days"]
