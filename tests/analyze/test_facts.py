import pytest

from storyline.analyze.facts import Analyze
from storyline.model import Article
from storyline.settings import Settings

TEXT = """Veldorian Defence Minister Ana Rusk said on Tuesday that more than 40 drones had been shot down overnight.

"We will rebuild the harbour," Rusk said, "and we will do it fast."

International Maritime Relief (IMR) sent a dozen ships to Marhaven, according to the IMR."""


@pytest.mark.slow
def test_one_parse_fills_entities_quotes_numbers_and_dates():
    article = Article(id="a", source="a.txt", raw=TEXT, format="text", text=TEXT, published="2024-11-28")
    [out] = Analyze(Settings()).run([article])
    names = {e.name for e in out.entities}
    assert "Ana Rusk" in names
    assert any(q.speaker == "Ana Rusk" and q.direct and q.text.startswith("We will rebuild") for q in out.quotes)
    assert {(n.value, n.qualifier) for n in out.numbers} >= {(40, "more_than"), (12, "exact")}
    [tuesday] = [d for d in out.dates if d.text.endswith("Tuesday")]
    assert tuesday.date == "2024-11-26" and tuesday.sentence.startswith("Veldorian Defence Minister")


@pytest.mark.slow
def test_without_a_publication_date_relative_dates_stay_unresolved():
    article = Article(id="b", source="b.txt", raw=TEXT, format="text", text=TEXT)
    [out] = Analyze(Settings()).run([article])
    assert all(d.date is None for d in out.dates if "Tuesday" in d.text)


@pytest.mark.slow
def test_a_failing_extractor_costs_only_its_facts(monkeypatch, caplog):
    import storyline.analyze.facts as facts

    def broken(doc):
        raise KeyError("hour")

    monkeypatch.setattr(facts, "find_numbers", broken)
    article = Article(id="c", source="c.txt", raw=TEXT, format="text", text=TEXT, published="2024-11-28")
    [out] = Analyze(Settings()).run([article])
    assert out.numbers == [] and out.quotes and out.dates
    assert "finding numbers failed" in caplog.text
