"""Publication dates from text: stated ones are found, nothing is invented."""

import pytest

from storyline.extract.dates import infer_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KYIV, Nov 29 (AFP): Drones hit the city overnight.\n\n© 2024 AFP", ("2024-11-29", "dateline")),
        ("LONDON, March 3, 2023 (Reuters) - Shares fell.", ("2023-03-03", "dateline")),
        ("Saturday, 30 November 2024\nThe council met.", ("2024-11-30", "header-line")),
        ("Published: 25/03/2024 14:05\nText.", ("2024-03-25T14:05", "header-line")),
        ("Published: 12/03/2024 14:05\nText.", ("2024-03-12T14:05", "header-line:day-first")),
        ("Published: 12/03/2024 2:05 pm EST", ("2024-12-03T14:05-05:00", "header-line")),
        ("Updated Nov. 3, 2024 at 5:10 p.m. ET\nText.", ("2024-11-03T17:10", "header-line:updated")),
        ("Updated Nov. 3, 2024\nPublished Nov. 2, 2024 10:00 GMT", ("2024-11-02T10:00+00:00", "header-line")),
        ("Posted on March 3, 2023 by admin", ("2023-03-03", "header-line")),
        ("Fri Jan 2, 2009 9:12pm EST\nNEW YORK (Reuters) - Oil rose.", ("2009-01-02T21:12-05:00", "header-line")),
        # token-spaced corpus text (ECB+ style), with the date inside the headline run
        ("Ferry strike ends in Halmstedt May 2 , 2013 1 : 35 pm .\nThe strike ended.", ("2013-05-02T13:35", "header-text")),
        ("http : / / example . org / 2013 / 05 / 02 / ferry - strike\nFerry strike ends.", ("2013-05-02", "url")),
    ],
)
def test_dates_found(text, expected):
    assert infer_published(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "KYIV, Nov 29 (AFP): Drones hit the city overnight.",  # no year anywhere
        "KYIV, Nov 29 (AFP): Drones hit.\n© 2023 AFP\nCopyright 2024 Other",  # two candidate years
        "The ferry strike ended on May 2, 2013, after a week of talks between the union and the company.",
        "Nothing that looks like a date here at all.",
        "",
        "Published: 31/02/2024",  # impossible date
    ],
)
def test_no_date_is_invented(text):
    assert infer_published(text) is None
