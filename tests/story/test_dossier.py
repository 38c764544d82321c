from storyline.model import Article
from storyline.story.dossier import build_story, story_title
from storyline.text import split_sentences
from storyline.settings import Settings

SHARED = "Harbour master Elsa Brandt said the northern terminal of Marhaven port would stay closed until Monday."

GAZETTE = f"""A fire broke out in a fertiliser warehouse at Marhaven port on Friday, forcing the evacuation of about 300 workers.

{SHARED}

Two firefighters were treated for smoke inhalation at the city hospital, according to the fire brigade.

Shipping companies were told to divert cargo to the southern docks, which handle a third of the traffic."""

COURIER = f"""Hundreds of dock workers were evacuated on Friday when fire swept through a warehouse in Marhaven port.

{SHARED}

The cause of the blaze is not yet known, and police have opened an investigation into the warehouse operator.

Local residents were advised to keep their windows shut because of the thick smoke over the harbour district."""


def art(i, text, outlet, published, title, duplicate_of=None):
    return Article(id=i, source=f"{i}.txt", raw=text, format="text", text=text, outlet=outlet,
                   published=published, title=title, duplicate_of=duplicate_of)


def test_summary_cites_every_article_stating_a_sentence_and_counts_copies_once():
    members = [
        art("g", GAZETTE, "Harbour Gazette", "2024-11-29", "Fire closes Marhaven terminal"),
        art("c", COURIER, "Coastal Courier", "2024-11-29", "Marhaven port fire: terminal closed"),
        art("n", GAZETTE + "\n\nNorthline News.", "Northline News", "2024-11-30", "Port fire in Marhaven", duplicate_of="g"),
    ]
    story = build_story("s1", members, Settings())
    assert story.independent_sources == 2
    assert (story.first_published, story.last_published) == ("2024-11-29", "2024-11-30")
    assert 3 <= len(story.summary) <= 7
    shared = [s for s in story.summary if "stay closed until Monday" in s.sentence]
    assert shared and sorted(shared[0].article_ids) == ["c", "g", "n"]
    for sentence in story.summary:
        for article_id in sentence.article_ids:
            text = next(m.text for m in members if m.id == article_id)
            assert any(word in text for word in sentence.sentence.split()[:4])
    assert "Marhaven" in story.title


def test_story_without_titles_or_dates():
    story = build_story("s2", [art("x", COURIER, None, None, None)], Settings())
    assert story.first_published is None and story.independent_sources == 1
    assert story.title.startswith("Hundreds of dock workers")


def test_sentence_splitter_keeps_abbreviations_and_quotes():
    text = 'Gen. Varenko said: "We will hold." Then the U.S. envoy left at 5 p.m. on Jan. 3. Talks resume.'
    assert split_sentences(text) == ['Gen. Varenko said: "We will hold."', "Then the U.S. envoy left at 5 p.m. on Jan. 3.", "Talks resume."]


def test_summary_sentences_lose_their_datelines():
    text = ("MARHAVEN, Veldoria, Nov 25 (CPA) – Storm Ilse killed at least 12 people as it swept across the coast overnight.\n\n"
            "LONDON (Reuters) - Shipping insurers said claims from the storm could reach 40 million euros this year.")
    story = build_story("s3", [art("x", text, "CPA", "2024-11-25", "Storm")], Settings())
    assert [s.sentence[:10] for s in story.summary] == ["Storm Ilse", "Shipping i"]


def test_a_long_story_summarises_from_its_leads(monkeypatch):
    """Past MAX_SUMMARY_CANDIDATES sentences, the earliest positions are weighed, so cost stays bounded."""
    import numpy as np

    from storyline.story import dossier

    monkeypatch.setattr(dossier, "MAX_SUMMARY_CANDIDATES", 4)
    members = [art(f"g{i}", GAZETTE, f"Outlet {i}", f"2026-03-0{i + 1}", "Fire at Marhaven port") for i in range(3)]
    candidates = dossier._candidates(members)
    assert len(candidates) == 4 and {position for *_, position in candidates} == {0, 1}
    assert [c[1] for c in candidates] == ["g0", "g0", "g1", "g2"]  # first sentences of all, then the second of g0
    story = build_story("s1", members, Settings(), embed=lambda texts: np.zeros((len(texts), 2)))
    assert story.summary and story.title == "Fire at Marhaven port"


DEVELOPING = [
    ("d1", "Veldoria Herald", "2031-02-10", "Storm Ilse: death toll climbs to 19 in Veldoria",
     ("The death toll from Storm Ilse in Veldoria climbed to 19 on Monday, the interior ministry said. "
     "Rescue teams were still searching flooded villages along the Tessel river for missing residents. "
     "The storm cut power to thousands of homes in the coastal province.")),
    ("d2", "Coastal Courier", "2031-02-11", "Storm Ilse death toll in Veldoria rises to 27",
     ("The death toll from Storm Ilse in Veldoria rose to 27 on Tuesday as rescue teams reached cut-off villages. "
     "Rescue teams were still searching flooded villages along the Tessel river for missing residents. "
     "Schools in the coastal province stayed closed for a second day.")),
    ("d3", "Northline News", "2031-02-12", "Storm Ilse death toll in Veldoria reaches 33",
     ("The death toll from Storm Ilse in Veldoria reached 33 on Wednesday, the interior ministry said. "
     "Rescue teams were still searching flooded villages along the Tessel river for missing residents. "
     "The government declared three days of national mourning.")),
]


def test_a_developing_story_is_titled_and_led_by_its_latest_state():
    from fakes import BagOfWordsEncoder

    members = [art(i, text, outlet, day, title) for i, outlet, day, title, text in DEVELOPING]
    story = build_story("s9", members, Settings(), BagOfWordsEncoder().encode)
    assert story.title == "Storm Ilse death toll in Veldoria reaches 33"
    assert "reached 33" in story.summary[0].sentence and story.summary[0].article_ids == ["d3"]
    # the earlier figures stay in the dossier, in the order they were reported
    later = [s.sentence for s in story.summary[1:]]
    assert later == sorted(later, key=lambda s: next(i for i, *_, t in DEVELOPING if s in t))


def test_a_late_side_report_does_not_take_the_title():
    members = [art(i, text, outlet, day, title) for i, outlet, day, title, text in DEVELOPING[:2]]
    members.append(art("x", "Ticket prices for the Orvey ferry rise by a tenth from March, the operator said.",
                       "Orvey Post", "2031-02-13", "Orvey ferry fares to rise"))
    assert story_title(members) == "Storm Ilse death toll in Veldoria rises to 27"
