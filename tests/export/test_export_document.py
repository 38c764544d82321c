import copy
import json

import pytest

from storyline.model import Article
from storyline.model import CLAIM_STATUSES
from storyline.export.document import SCHEMA_ID, schema, to_document, validate, write_json
from storyline.model import QUALIFIERS, Membership, StoryMatch


def test_document_has_the_storyline_3_shape(doc):
    assert doc["schema"] == SCHEMA_ID == "storyline/3"
    assert [a["id"] for a in doc["articles"]] == ["a1", "a2", "a3", "a4", "a5"]
    a1 = doc["articles"][0]
    assert set(a1) == {"id", "source", "outlet", "title", "published", "published_evidence", "language", "text",
                       "removed", "duplicate_of", "story_id", "entities", "quotes", "numbers",
                       "dates", "reference_date", "reference_evidence", "outlet_evidence", "origin", "membership"}  # no raw, entity_keys, embedding, minhash
    assert set(a1["numbers"][0]) == {"text", "value", "qualifier", "unit", "what", "kind", "noun"}
    assert "why" in doc["stories"][0]["claims"][0]
    assert a1["removed"] == [{"text": "Home | News | Sport", "reason": "navigation"},
                             {"text": "Read more: Ferry fares rise", "reason": "related-links"}]
    assert doc["articles"][2]["duplicate_of"] == "a2"
    crane = doc["stories"][0]
    assert crane["independent_sources"] == 3 and crane["article_ids"] == ["a1", "a2", "a3", "a4"]
    assert crane["summary"][0] == {"sentence": "A harbour crane collapsed onto pier 4 in Vellmar on Monday.",
                                   "article_ids": ["a1", "a2", "a3"]}
    validate(doc)
    json.dumps(doc)  # plain JSON types only


def test_articles_carry_their_facts(doc):
    a1 = doc["articles"][0]
    assert a1["entities"] == [{"name": "Ilse Marrow", "type": "PERSON", "aliases": ["Marrow"], "role": "Port director"},
                              {"name": "Vellmar", "type": "GPE", "aliases": [], "role": None}]
    assert a1["quotes"] == [{"speaker": "Ilse Marrow", "text": "Nobody was hurt, and we will find out why the brakes "
                             "failed.", "direct": True}]  # no offsets
    assert a1["numbers"] == [
        {"text": "more than 160", "value": 160, "qualifier": "more_than", "unit": None, "what": "workers evacuated",
         "kind": "quantity", "noun": None},
        {"text": "between 40 and 50 minutes", "value": [40, 50], "qualifier": "range", "unit": None,
         "what": "length of the evacuation", "kind": "quantity", "noun": None},
        {"text": "1.5 km", "value": 1.5, "qualifier": "exact", "unit": "km", "what": "length of the closed quay",
         "kind": "quantity", "noun": None},
    ]
    assert a1["dates"][1] == {"text": "last spring", "date": None, "sentence": "The crane was inspected last spring."}
    assert doc["articles"][1]["entities"] == []  # plain grouping keys are not entities


def test_stories_carry_their_fact_layer(doc):
    crane = doc["stories"][0]
    assert crane["entities"][1] == {"name": "Ilse Marrow", "type": "PERSON", "aliases": ["Marrow"],
                                    "role": "Port director", "article_ids": ["a1", "a2"]}
    assert crane["quotes"][1] == {"speaker": "Ilse Marrow", "text": "pier 4 would stay closed until Friday",
                                  "direct": False, "article_ids": ["a3", "a2"]}
    assert crane["claims"][0] == {"statement": "More than 160 workers were evacuated.", "status": "precision_only",
                                  "values": {"a1": "more than 160", "a2": "164", "a3": "164"},
                                  "article_ids": ["a1", "a2", "a3"], "date": "2026-03-02", "what": "workers evacuated",
                                  "why": None}
    assert [c["status"] for c in crane["claims"]] == ["precision_only", "corroborated", "conflicting", "single_source"]
    assert crane["timeline"][1] == {"date": "2026-03-02", "event": "A harbour crane collapsed onto pier 4 in Vellmar "
                                    "at 06:40 on Monday.", "article_ids": ["a1", "a2", "a3"],
                                    "first_reported": "2026-03-02T07:15:00+01:00"}
    assert crane["coverage"]["inbox/tip-0042.txt"] == {"only_here": ["Dock workers raised three warnings about the "
                                                                     "brakes."], "omitted": ["The crane was 42 metres tall."]}
    assert list(crane["coverage"]) == ["Coastal Daily", "Northwire", "Vellmar Courier", "inbox/tip-0042.txt"]


def test_round_trip_through_json_validates_as_storyline_2(tmp_path, doc):
    path = tmp_path / "export.json"
    write_json(doc, path)
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again == doc and again["schema"] == "storyline/3"
    validate(again)


def test_vocabularies_match_the_data_model_and_the_views():
    from storyline import views as _view

    defs = schema()["$defs"]
    assert defs["claim"]["properties"]["status"]["enum"] == list(CLAIM_STATUSES)
    assert set(_view.STATUS_LABELS) == set(_view.STATUS_MEANINGS) == set(CLAIM_STATUSES)
    assert defs["number"]["properties"]["qualifier"]["enum"] == list(QUALIFIERS)


def test_storyline_1_documents_still_validate():
    old = {"schema": "storyline/1",
           "articles": [{"id": "a1", "source": "a.txt", "outlet": None, "title": None, "published": None,
                         "published_evidence": None, "language": None, "text": "t", "removed": [],
                         "duplicate_of": None, "story_id": "s"}],
           "stories": [{"id": "s", "title": "T", "article_ids": ["a1"], "independent_sources": 1,
                        "first_published": None, "last_published": None, "summary": []}]}
    validate(old)
    old["articles"][0]["quotes"] = []
    with pytest.raises(ValueError, match=r"(?s)^not a valid storyline/1 document .*unexpected field 'quotes'"):
        validate(old)


def test_storyline_2_documents_still_validate(doc):
    old = json.loads(json.dumps(doc))
    old["schema"] = "storyline/2"
    for a in old["articles"]:
        del a["reference_date"], a["reference_evidence"], a["outlet_evidence"], a["origin"], a["membership"]
        for n in a["numbers"]:
            del n["kind"], n["noun"]
    for s in old["stories"]:
        for c in s["claims"]:
            del c["why"]
    validate(old)
    old["stories"][0]["claims"][0]["why"] = None
    with pytest.raises(ValueError, match=r"(?s)^not a valid storyline/2 document .*unexpected field 'why'"):
        validate(old)


def test_memberships_are_exported_and_optional(articles, stories):
    joined = Membership("a2", "vellmar-crane", "joined", 0.5, StoryMatch("vellmar-crane", 0.71, 0.6, 0.5, 0.8, 0.0, ["vellmar"]),
                        StoryMatch("odd-one", 0.2, None, 0.1, 0.0, None, []))
    doc = to_document(articles, stories, {"a2": joined})
    exported = {a["id"]: a["membership"] for a in doc["articles"]}
    assert exported["a1"] is None
    assert exported["a2"] == {"decision": "joined", "threshold": 0.5, "copy_of": None,
                              "match": {"story_id": "vellmar-crane", "total": 0.71, "embedding": 0.6, "tfidf": 0.5,
                                        "entities": 0.8, "time_gap_days": 0.0, "shared_entities": ["vellmar"]},
                              "runner_up": {"story_id": "odd-one", "total": 0.2, "embedding": None, "tfidf": 0.1,
                                            "entities": 0.0, "time_gap_days": None, "shared_entities": []}}
    for a in doc["articles"]:  # storyline/3 documents written before memberships were exported
        del a["membership"]
    validate(doc)
    doc["articles"][0]["membership"] = {"decision": "moved", "threshold": 0.5, "match": None, "runner_up": None,
                                        "copy_of": None}
    with pytest.raises(ValueError, match="'moved' is not one of"):
        validate(doc)


def test_empty_database_is_a_valid_document(empty_doc):
    assert empty_doc == {"schema": "storyline/3", "articles": [], "stories": []}


def test_shipped_schema_is_draft_2020_12():
    sch = schema()
    assert sch["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(sch["required"]) == {"schema", "articles", "stories"}


def test_write_json_is_utf8_indented_and_round_trips(tmp_path, articles, stories):
    articles[0].title = "Kran stürzt in Vellmar – „niemand verletzt“"
    doc = to_document(articles, stories)
    path = tmp_path / "new-folder" / "export.json"
    write_json(doc, path)
    raw = path.read_bytes().decode("utf-8")
    assert "Kran stürzt in Vellmar – „niemand verletzt“" in raw  # ensure_ascii=False
    assert raw.startswith('{\n  "schema": "storyline/3",')
    assert json.loads(raw) == doc


def test_write_json_keeps_a_lone_surrogate_as_a_json_escape(tmp_path):
    article = Article(id="s1", source="bad-bytes.txt", raw="x", format="text", text="broken \udc80 byte")
    path = tmp_path / "export.json"
    write_json(to_document([article], []), path)
    assert json.loads(path.read_text(encoding="utf-8"))["articles"][0]["text"] == "broken \udc80 byte"


def test_write_json_refuses_an_invalid_document(tmp_path, doc):
    doc["schema"] = "storyline/0"
    with pytest.raises(ValueError, match=r"document\.schema: expected 'storyline/3', got 'storyline/0'"):
        write_json(doc, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def _break(doc, change):
    broken = copy.deepcopy(doc)
    change(broken)
    return broken


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("stories"), r"document: missing required field\(s\) 'stories'"),
        (lambda d: d.update(extra=1), r"document: unexpected field 'extra'"),
        (lambda d: d["articles"][0].pop("text"), r"document\.articles\[0\]: missing required field\(s\) 'text'"),
        (lambda d: d["articles"][0].update(raw="<html>"), r"document\.articles\[0\]: unexpected field 'raw'"),
        (lambda d: d["articles"][1].update(published="2 March 2026"),
         r"document\.articles\[1\]\.published: '2 March 2026' is not an ISO 8601 date"),
        (lambda d: d["articles"][1].update(published="2026-13-02"), r"articles\[1\]\.published: '2026-13-02' is not"),
        (lambda d: d["articles"][0].update(title=7), r"document\.articles\[0\]\.title: expected string or null, got integer"),
        (lambda d: d["articles"][0]["removed"][1].update(reason=""),
         r"document\.articles\[0\]\.removed\[1\]\.reason: must not be empty"),
        (lambda d: d["articles"][0].update(id=""), r"document\.articles\[0\]\.id: must not be empty"),
        (lambda d: d["stories"][0].update(independent_sources=True),
         r"document\.stories\[0\]\.independent_sources: expected integer, got boolean"),
        (lambda d: d["stories"][0].update(independent_sources=-1), r"independent_sources: must be at least 0, got -1"),
        (lambda d: d["stories"][0]["summary"][2].update(article_ids=[]),
         r"document\.stories\[0\]\.summary\[2\]\.article_ids: needs at least 1 item\(s\), got 0"),
        (lambda d: d["stories"][0].update(article_ids=["a1", "a1"]), r"article_ids: 'a1' is listed more than once"),
        (lambda d: d.update(articles={}), r"document\.articles: expected array, got object"),
        # cross-references the schema cannot express
        (lambda d: d["articles"][1].update(published_evidence=None),
         r"document\.articles\[1\]: has a published date but no published_evidence"),
        (lambda d: d["articles"][1].update(id="a1"), r"document\.articles\[1\]\.id: 'a1' is used by another article"),
        (lambda d: d["articles"][0].update(duplicate_of="a1"), r"cannot be a duplicate of itself"),
        (lambda d: d["stories"][1].update(id="vellmar-crane"), r"document\.stories\[1\]\.id: 'vellmar-crane' is used by"),
        (lambda d: d["stories"][0]["article_ids"].append("zz"),
         r"document\.stories\[0\]\.article_ids: 'zz' is not an exported article"),
        (lambda d: d["articles"][4].update(story_id="vellmar-crane"),
         r"document\.stories\[1\]\.article_ids: article 'a5' says it belongs to story 'vellmar-crane'"),
        (lambda d: d["stories"][0]["summary"][0]["article_ids"].append("a5"),
         r"document\.stories\[0\]\.summary\[0\]\.article_ids: 'a5' is not one of the story's articles"),
        (lambda d: d["stories"][0].update(independent_sources=5), r"independent_sources: 5 is more than its 4 article"),
        (lambda d: d["stories"][0].update(last_published=None), r"must both be dates or both be null"),
        # the fact layer
        (lambda d: d["stories"][0]["claims"][0].update(status="disputed"),
         r"document\.stories\[0\]\.claims\[0\]\.status: 'disputed' is not one of 'corroborated', 'single_source', "
         r"'precision_only', 'conflicting'"),
        (lambda d: d["stories"][0]["claims"][1]["values"].update(a3="42 metres"),
         r"document\.stories\[0\]\.claims\[1\]\.values: 'a3' is not one of the claim's article_ids"),
        (lambda d: d["stories"][0]["claims"][1]["values"].update({"": "42"}),
         r"document\.stories\[0\]\.claims\[1\]\.values \(key ''\): must not be empty"),
        (lambda d: d["stories"][0]["claims"][1]["values"].update(a2=42),
         r"document\.stories\[0\]\.claims\[1\]\.values\['a2'\]: expected string, got integer"),
        (lambda d: d["stories"][0]["claims"][2]["values"].pop("a2"),
         r"claims\[2\]: a conflicting claim compares the values of at least 2 articles, got 1"),
        (lambda d: d["stories"][0]["claims"][0]["article_ids"].append("a5"),
         r"document\.stories\[0\]\.claims\[0\]\.article_ids: 'a5' is not one of the story's articles"),
        (lambda d: d["stories"][0]["claims"][0].update(date="2026-03-02T06:40"),
         r"claims\[0\]\.date: '2026-03-02T06:40' is not an ISO 8601 day"),
        (lambda d: d["stories"][0]["quotes"][0]["article_ids"].append("a5"),
         r"document\.stories\[0\]\.quotes\[0\]\.article_ids: 'a5' is not one of the story's articles"),
        (lambda d: d["stories"][0]["timeline"][0]["article_ids"].append("zz"),
         r"document\.stories\[0\]\.timeline\[0\]\.article_ids: 'zz' is not one of the story's articles"),
        (lambda d: d["stories"][0]["timeline"][0].update(date=None), r"timeline\[0\]\.date: expected string, got null"),
        (lambda d: d["stories"][0]["entities"][0]["article_ids"].append("a5"),
         r"document\.stories\[0\]\.entities\[0\]\.article_ids: 'a5' is not one of the story's articles"),
        (lambda d: d["stories"][0]["entities"][0].pop("role"), r"entities\[0\]: missing required field\(s\) 'role'"),
        (lambda d: d["stories"][0]["coverage"].update({"Elsewhere Times": {"only_here": [], "omitted": []}}),
         r"document\.stories\[0\]\.coverage: 'Elsewhere Times' is neither the outlet nor the source"),
        (lambda d: d["stories"][0]["coverage"]["Northwire"].pop("omitted"),
         r"coverage\['Northwire'\]: missing required field\(s\) 'omitted'"),
        (lambda d: d["articles"][0]["numbers"][0].update(value=[160]),
         r"articles\[0\]\.numbers\[0\]\.value: needs at least 2 item\(s\), got 1"),
        (lambda d: d["articles"][0]["numbers"][1].update(value=[40, 50, 60]),
         r"articles\[0\]\.numbers\[1\]\.value: takes at most 2 item\(s\), got 3"),
        (lambda d: d["articles"][0]["numbers"][0].update(value=float("nan")),
         r"articles\[0\]\.numbers\[0\]\.value: expected number or array, got NaN or infinity"),
        (lambda d: d["articles"][0]["numbers"][0].update(qualifier="roughly"),
         r"numbers\[0\]\.qualifier: 'roughly' is not one of 'exact'"),
        (lambda d: d["articles"][0]["numbers"][0].update(qualifier="range"),
         r"articles\[0\]\.numbers\[0\]: value 160 does not fit qualifier 'range'"),
        (lambda d: d["articles"][0]["numbers"][1].update(value=[50, 40]),
         r"articles\[0\]\.numbers\[1\]\.value: low 50 is above high 40"),
        (lambda d: d["articles"][0]["quotes"][0].update(direct="yes"),
         r"articles\[0\]\.quotes\[0\]\.direct: expected boolean, got string"),
        (lambda d: d["articles"][0]["dates"][0].update(date="Monday"), r"dates\[0\]\.date: 'Monday' is not an ISO 8601 day"),
    ],
)
def test_invalid_documents_are_rejected_with_where_and_why(doc, change, message):
    with pytest.raises(ValueError, match=message) as caught:
        validate(_break(doc, change))
    assert str(caught.value).startswith("not a valid storyline/3 document")


def test_not_a_document_at_all():
    with pytest.raises(ValueError, match="document: expected object, got array"):
        validate([])


def test_every_problem_is_listed_not_just_the_first(doc):
    broken = _break(doc, lambda d: [a.update(published="yesterday") for a in d["articles"]])
    with pytest.raises(ValueError, match=r"\(5 problem\(s\)\)") as caught:
        validate(broken)
    assert str(caught.value).count("is not an ISO 8601 date") == 5


def test_to_document_rejects_inconsistent_objects(articles, stories):
    stories[0].article_ids.append("missing")
    with pytest.raises(ValueError, match="'missing' is not an exported article"):
        to_document(articles, stories)


@pytest.mark.parametrize("published", ["2026-03-02", "2026-03-02T06:40", "2026-03-02T06:40:00Z",
                                       "2026-03-02T06:40:00.250+05:30", "2026-03-02T23:59:59-08:00"])
def test_iso_8601_dates_and_datetimes_are_accepted(doc, published):
    validate(_break(doc, lambda d: d["articles"][0].update(published=published)))


def test_validator_refuses_schema_keywords_it_does_not_implement():
    from storyline.export.document import _check

    with pytest.raises(NotImplementedError, match="oneOf"):
        _check(1, {"oneOf": [{"type": "integer"}]}, "document", {})
