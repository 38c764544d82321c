"""A fictional event, hand-written: a crane collapses in the (invented) port of Vellmar.

Story "vellmar-crane" has an original article, a wire story and its syndicated copy (so 3 independent
sources from 4 articles), and an undated tip with no title or outlet. Story "odd-one" has no dates and
a title full of things that must be escaped.
"""

import pytest

from storyline.article import Article, Removed
from storyline.dossier import Story, SummarySentence
from storyline.export.document import to_document

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
            story_id="vellmar-crane", entities=["vellmar"], embedding=[0.1, 0.2],
        ),
        Article(
            id="a2", source="wire/northwire-0302.txt", raw="VELLMAR, March 2 (Northwire) - …", format="text",
            title="Crane falls at Vellmar port, no injuries", outlet="Northwire",
            published="2026-03-02", published_evidence="dateline", language="en",
            text="VELLMAR, March 2 (Northwire) - A crane collapsed at the port of Vellmar on Monday.\n\n"
                 "Nobody was hurt, the port authority said.",
            removed=[Removed("Photo: J. Okafor / Northwire", "photo-credit")],
            story_id="vellmar-crane",
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
        ),
        Story(
            id="odd-one", title=HOSTILE, article_ids=["a5"], independent_sources=1,
            first_published=None, last_published=None,
            summary=[SummarySentence(f"Summary with {HOSTILE}.", ["a5"])],
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

