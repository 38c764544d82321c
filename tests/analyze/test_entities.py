import pytest

from storyline.analyze.entities import entity_keys, normalise
from storyline.analyze.facts import Analyze
from storyline.model import Article
from storyline.settings import Settings


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("The Velmora Harbour Authority", "velmora harbour authority"),
        ("Ilona Varga's", "ilona varga"),
        ("Castellan Mills’", "castellan mills"),
        ("  Port   Velmora ", "port velmora"),
        ("“Orvand Cup”", "orvand cup"),
        ("Theodora Lusk", "theodora lusk"),  # "the" only as a separate word
    ],
)
def test_normalise(surface, key):
    assert normalise(surface) == key


def test_entity_keys_keep_useful_types_dedups_and_resolves_surnames():
    ents = [
        ("Ilona Varga", "PERSON"),
        ("Tuesday", "DATE"),
        ("the Velmora Harbour Authority", "ORG"),
        ("Varga", "PERSON"),
        ("Port Velmora", "GPE"),
        ("Velmora Harbour Authority", "ORG"),
        ("12", "CARDINAL"),
    ]
    assert entity_keys(ents) == ["ilona varga", "velmora harbour authority", "port velmora"]


def test_article_without_text_keeps_no_entities():
    article = Article(id="a1", source="t", raw="", format="text")
    assert list(Analyze(Settings(), facts=False).run([article]))[0].entity_keys == []


@pytest.mark.slow
def test_entities_step_tags_fictional_article():
    article = Article(
        id="a1", source="t", raw="", format="text",
        title="Fire destroys grain warehouse in Port Velmora",
        text="Firefighters in Port Velmora fought a blaze at the Castellan Mills warehouse on Tuesday. "
        "Harbour chief Ilona Varga said nobody was hurt. Varga thanked the crews from Kestrel Bay.",
    )
    (out,) = Analyze(Settings(), facts=False).run([article])
    assert "port velmora" in out.entity_keys
    assert "ilona varga" in out.entity_keys
    assert "varga" not in out.entity_keys  # resolved to the full name
    assert all(e == e.casefold() and not e.startswith("the ") for e in out.entity_keys)
