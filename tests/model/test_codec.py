import json

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from storyline.model import (
    Article, Claim, Coverage, DateMention, Entity, NumberClaim, Quote, Removed, Story, SummarySentence, codec,
    origin, outlet_key,
)


def test_article_round_trips_through_json_with_nested_records_and_range_values():
    article = Article(
        id="a1", source="x.txt", raw="raw", format="text", text="More than 160 left.", title="T",
        removed=[Removed("Home | News", "navigation")],
        entities=[Entity("Ilse Marrow", "PERSON", ["Marrow"], "Port director")],
        quotes=[Quote("We sail", "Ilse Marrow", True, 0, 7)],
        numbers=[NumberClaim("between 40 and 50", (40.0, 50.0), "range", None, "minutes", 0, 5, "s"),
                 NumberClaim("160", 160.0, "more_than", None, None, 10, 13, "s")],
        dates=[DateMention("Monday", "2026-03-02", "s", 0, 6)],
    )
    back = codec.from_dict(Article, json.loads(json.dumps(codec.to_dict(article))))
    assert back == article and back.numbers[0].value == (40.0, 50.0)


def test_omit_leaves_out_fields_per_record_type():
    article = Article(id="a1", source="s", raw="big", format="text", embedding=np.zeros(3),
                      quotes=[Quote("x", None, False, 1, 2)])
    out = codec.to_dict(article, {Article: {"raw", "embedding"}, Quote: {"start", "end"}})
    assert "raw" not in out and "embedding" not in out and out["quotes"] == [{"text": "x", "speaker": None, "direct": False}]


def test_story_with_claims_and_coverage_round_trips():
    story = Story("s1", "T", ["a1", "a2"], 2, "2026-03-02", None, [SummarySentence("S.", ["a1"])],
                  claims=[Claim("More than 160 left.", "precision_only", {"a1": "more than 160", "a2": "164"},
                                ["a1", "a2"], "2026-03-02", "workers")],
                  coverage={"Northwire": Coverage(["x"], [])})
    assert codec.from_dict(Story, json.loads(json.dumps(codec.to_dict(story)))) == story


@given(st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), min_size=1, max_size=4))
def test_outlet_key_ignores_case_spacing_and_a_leading_the(words):
    name = " ".join(words)
    assert outlet_key("The  " + name.upper()) == outlet_key(f" {name} ") == outlet_key(name)
    assert outlet_key("  The   Northwire ") == outlet_key("northwire") == "northwire"


def test_wire_copies_and_two_pieces_by_one_outlet_are_one_source():
    a = Article(id="a", source="a", raw="", format="text", outlet="The Northwire")
    b = Article(id="b", source="b", raw="", format="text", outlet="Coastal Daily", duplicate_of="a")
    c = Article(id="c", source="c", raw="", format="text", outlet="NORTHWIRE")
    by_id = {x.id: x for x in (a, b, c)}
    assert origin(a, by_id) == origin(b, by_id) == origin(c, by_id) == "northwire"
