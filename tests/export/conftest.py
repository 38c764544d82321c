"""A fictional event, hand-written: a crane collapses in the (invented) port of Vellmar.

Story "vellmar-crane" has an original article, a wire story and its syndicated copy (so 3 independent
sources from 4 articles), and an undated tip with no title or outlet; its fact layer has a claim of each
status, a timeline, quotes (direct, reported, unattributed), entities and coverage differences. Story "odd-one"
has no dates, and a title and facts full of things that must be escaped.
"""

import pytest

from storyline.model import Article, Removed
from storyline.model import Story, SummarySentence
from storyline.export.document import to_document
from storyline.model import DateMention, Entity, NumberClaim, Quote
from storyline.model import Claim
from storyline.model import Coverage
from storyline.model import StoryEntity
from storyline.model import StoryQuote
from storyline.model import Event

HOSTILE = '<script>alert("x")</script> [bold red]boom[/] **bold** & \x1b[2J'


def make_articles() -> list[Article]:
    return [
        Article(
            id="a1", source="https://courier.vellmar.example/news/crane-collapse", raw="<html>…</html>", format="html",
            title="Crane collapses on Vellmar's pier 4", outlet="Vellmar Courier",
            published="2026-03-02T07:15:00+01:00", published_evidence="meta:article:published_time", language="en",
            text="A harbour crane collapsed onto pier 4 in Vellmar at 06:40 on Monday.\n\n"
                 "Port director Ilse Marrow said nobody was hurt.",
            removed=[Removed("Home | News | Sport", "navigation"), Removed("Read more: Ferry fares rise", "related-links")],
            story_id="vellmar-crane", embedding=[0.1, 0.2],
            entities=[Entity("Ilse Marrow", "PERSON", ["Marrow"], "Port director"), Entity("Vellmar", "GPE", [])],
            quotes=[Quote("Nobody was hurt, and we will find out why the brakes failed.", "Ilse Marrow", True, 90, 150)],
            numbers=[
                NumberClaim("more than 160", 160.0, "more_than", None, "workers evacuated", 10, 23,
                            "More than 160 workers were evacuated."),
                NumberClaim("between 40 and 50 minutes", (40.0, 50.0), "range", None, "length of the evacuation",
                            30, 56, "The evacuation took between 40 and 50 minutes."),
                NumberClaim("1.5 km", 1.5, "exact", "km", "length of the closed quay", 60, 66,
                            "A 1.5 km stretch of quay was closed."),
            ],
            dates=[DateMention("Monday", "2026-03-02", "A harbour crane collapsed onto pier 4 in Vellmar at 06:40 on "
                               "Monday.", 60, 66),
                   DateMention("last spring", None, "The crane was inspected last spring.", 0, 11)],
        ),
        Article(
            id="a2", source="wire/northwire-0302.txt", raw="VELLMAR, March 2 (Northwire) - …", format="text",
            title="Crane falls at Vellmar port, no injuries", outlet="Northwire",
            published="2026-03-02", published_evidence="dateline", language="en",
            text="VELLMAR, March 2 (Northwire) - A crane collapsed at the port of Vellmar on Monday.\n\n"
                 "Nobody was hurt, the port authority said.",
            removed=[Removed("Photo: J. Okafor / Northwire", "photo-credit")],
            story_id="vellmar-crane",
            entity_keys=["vellmar"],  # grouping keys are not exported
        ),
        Article(
            id="a3", source="https://coastal-daily.example/2026/03/02/crane", raw="…", format="html",
            title="Crane falls at Vellmar port, no injuries", outlet="Coastal Daily",
            published="2026-03-03", published_evidence="header-line", language="en",
            text="VELLMAR, March 2 (Northwire) - A crane collapsed at the port of Vellmar on Monday.\n\n"
                 "Nobody was hurt, the port authority said.",
            removed=[Removed("12 comments: first!", "comments")],
            duplicate_of="a2", story_id="vellmar-crane",
        ),
        Article(
            id="a4", source="inbox/tip-0042.txt", raw="…", format="text",
            text="Dock workers had warned about the crane's brakes for weeks.",
            removed=[Removed("Unrelated: the harbour festival is in May.", "off-topic-appendix")],
            story_id="vellmar-crane",
        ),
        Article(
            id="a5", source="misc/odd.jsonl#3", raw="…", format="text", title=HOSTILE, outlet="Odd <Outlet>",
            text=f"Body with {HOSTILE} inside.", removed=[Removed(f"cut {HOSTILE}", "boilerplate")],
            story_id="odd-one",
            entities=[Entity(HOSTILE, "ORG", [HOSTILE], HOSTILE)],
            quotes=[Quote(HOSTILE, HOSTILE, True, 0, 5)],
            numbers=[NumberClaim(f"12 {HOSTILE}", 12.0, "exact", HOSTILE, HOSTILE, 0, 5, HOSTILE)],
            dates=[DateMention(HOSTILE, None, HOSTILE, 0, 5)],
        ),
    ]


def make_stories() -> list[Story]:
    return [
        Story(
            id="vellmar-crane", title="Crane collapse at Vellmar port", article_ids=["a1", "a2", "a3", "a4"],
            independent_sources=3, first_published="2026-03-02", last_published="2026-03-03",
            summary=[
                SummarySentence("A harbour crane collapsed onto pier 4 in Vellmar on Monday.", ["a1", "a2", "a3"]),
                SummarySentence("Nobody was hurt.", ["a3", "a1"]),
                SummarySentence("Dock workers had warned about the crane's brakes.", ["a4"]),
            ],
            entities=[
                StoryEntity("Vellmar", "GPE", [], None, ["a1", "a2", "a3"]),
                StoryEntity("Ilse Marrow", "PERSON", ["Marrow"], "Port director", ["a1", "a2"]),
                StoryEntity("Vellmar Port Authority", "ORG", ["VPA", "the port authority"], None, ["a2", "a3"]),
            ],
            quotes=[
                StoryQuote("Ilse Marrow", "Nobody was hurt, and we will find out why the brakes failed.", True, ["a1"]),
                StoryQuote("Ilse Marrow", "pier 4 would stay closed until Friday", False, ["a3", "a2"]),
                StoryQuote("Vellmar Port Authority", "Nobody was hurt.", True, ["a2", "a3"]),
                StoryQuote(None, "We told them about the brakes for weeks.", True, ["a4"]),
            ],
            claims=[
                Claim("More than 160 workers were evacuated.", "precision_only",
                      {"a1": "more than 160", "a2": "164", "a3": "164"}, ["a1", "a2", "a3"], "2026-03-02",
                      "workers evacuated"),
                Claim("The crane was 42 metres tall.", "corroborated", {"a1": "42 metres", "a2": "42 metres"},
                      ["a1", "a2"], None, "height of the crane"),
                Claim("Twelve ships were held outside the harbour on Monday.", "conflicting",
                      {"a1": "Twelve", "a2": "20"}, ["a1", "a2"], "2026-03-02", "ships held outside the harbour"),
                Claim("Dock workers raised three warnings about the brakes.", "single_source", {"a4": "three"},
                      ["a4"], None, None),
            ],
            timeline=[
                Event("2026-02-10", "Dock workers first reported problems with the crane's brakes.", ["a4"], None),
                Event("2026-03-02", "A harbour crane collapsed onto pier 4 in Vellmar at 06:40 on Monday.",
                      ["a1", "a2", "a3"], "2026-03-02T07:15:00+01:00"),
            ],
            coverage={
                "Coastal Daily": Coverage(),
                "Northwire": Coverage(only_here=["Ships held outside the harbour: 20."]),
                "Vellmar Courier": Coverage(
                    only_here=["Ilse Marrow: “Nobody was hurt, and we will find out why the brakes failed.”"]),
                "inbox/tip-0042.txt": Coverage(only_here=["Dock workers raised three warnings about the brakes."],
                                               omitted=["The crane was 42 metres tall."]),
            },
        ),
        Story(
            id="odd-one", title=HOSTILE, article_ids=["a5"], independent_sources=1,
            first_published=None, last_published=None,
            summary=[SummarySentence(f"Summary with {HOSTILE}.", ["a5"])],
            entities=[StoryEntity(HOSTILE, "ORG", [HOSTILE], HOSTILE, ["a5"])],
            quotes=[StoryQuote(HOSTILE, HOSTILE, True, ["a5"])],
            claims=[Claim(HOSTILE, "single_source", {"a5": f"12 {HOSTILE}"}, ["a5"], None, HOSTILE)],
            timeline=[Event("2026-01-01", HOSTILE, ["a5"], None)],
            coverage={"Odd <Outlet>": Coverage(only_here=[HOSTILE], omitted=[HOSTILE])},
        ),
    ]


@pytest.fixture
def articles() -> list[Article]:
    return make_articles()


@pytest.fixture
def stories() -> list[Story]:
    return make_stories()


@pytest.fixture
def doc(articles, stories) -> dict:
    return to_document(articles, stories)


@pytest.fixture
def empty_doc() -> dict:
    return to_document([], [])

