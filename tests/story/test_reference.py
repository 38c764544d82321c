"""Undated articles take their story's reference date when their own text states no day."""

import dataclasses

from fakes import BagOfWordsEncoder, CapitalisedWords

from storyline.app import IngestService
from storyline.export.document import to_document
from storyline.model import Article, content_id
from storyline.settings import Settings
from storyline.store import Store
from storyline.story.dossier import build_story
from storyline.story.reference import anchor_undated


def art(i, text, published=None, duplicate_of=None, **more):
    return Article(id=i, source=f"{i}.txt", raw=text, format="text", text=text, published=published,
                   duplicate_of=duplicate_of, title=f"Dam report {i}", **more)


UNDATED = "Engineers inspected the Varrow dam yesterday and found the spillway cracked."


def test_undated_member_takes_the_median_publication_day_and_resolves_its_dates():
    members = [art("a", "The Varrow dam was closed.", "2031-04-02T08:00:00+00:00"),
               art("b", "Varrow dam stays closed.", "2031-04-03"), art("c", "Varrow dam repairs begin.", "2031-04-06"),
               art("u", UNDATED)]
    story = build_story("s1", members, Settings(), BagOfWordsEncoder().encode)
    undated = next(a for a in members if a.id == "u")
    assert undated.published is None  # never invented
    assert undated.reference_date == "2031-04-03"
    assert undated.reference_evidence == "story s1: members published 2031-04-02 – 2031-04-06 (median day 2031-04-03)"
    assert [d.date for d in undated.dates if d.text == "yesterday"] == ["2031-04-02"]
    assert story.first_published.startswith("2031-04-02")  # the story's own dates stay publication dates


def test_a_copy_takes_its_originals_day_and_an_own_dateline_wins():
    members = [art("a", "Varrow dam closed.", "2031-04-02"), art("b", "Varrow dam shut.", "2031-04-09"),
               art("copy", UNDATED, duplicate_of="a"),
               art("own", UNDATED, reference_date="2031-05-01", reference_evidence="dateline: May 1, 2031")]
    changed = anchor_undated("s2", members)
    assert [a.id for a in changed] == ["copy"]
    assert members[2].reference_date == "2031-04-02"
    assert members[2].reference_evidence == "story s2: a copy of article a, published 2031-04-02"
    assert members[3].reference_date == "2031-05-01"
    assert anchor_undated("s2", members) == []  # nothing new on a rebuild


def test_a_story_reference_is_taken_back_when_no_member_is_dated_any_more():
    undated = art("u", UNDATED, reference_date="2031-04-03", reference_evidence="story s1: members published 2031-04-03")
    assert anchor_undated("s1", [undated]) == [undated]
    assert (undated.reference_date, undated.reference_evidence) == (None, None)


def test_ingest_stores_and_exports_the_story_reference(tmp_path):
    dated = ("Varrow dam closed\n\nThe Varrow dam on the Tessel river was closed on Monday after engineers found "
             "a crack in the Varrow spillway, the Tessel water board said.")
    undated = ("Varrow dam crack\n\nEngineers of the Tessel water board found a crack in the Varrow spillway and "
               "the Varrow dam on the Tessel river was closed yesterday.")
    articles = [dataclasses.replace(Article(id=content_id(dated), source="dated.txt", raw=dated, format="text"),
                                    published="2031-04-07", published_evidence="input"),
                Article(id=content_id(undated), source="undated.txt", raw=undated, format="text")]
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'ref.db'}")
    with Store(settings.db_url) as store:
        IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords()).ingest(articles)
        doc = to_document(store.articles(), store.stories().items)
    assert len(doc["stories"]) == 1
    exported = next(a for a in doc["articles"] if a["source"] == "undated.txt")
    assert exported["published"] is None
    assert exported["reference_date"] == "2031-04-07"
    assert exported["reference_evidence"].startswith(f"story {doc['stories'][0]['id']}: members published 2031-04-07")
