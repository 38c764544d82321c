"""`storyline explain` and its endpoints: why a claim has its status, why an article is in its story."""

import json
import re

import pytest
from fakes import BagOfWordsEncoder, CapitalisedWords
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.api import Services, create_app
from storyline.app import IngestService
from storyline.cli import app as cli
from storyline.model import Article, NumberClaim, content_id
from storyline.settings import Settings
from storyline.store import Store
from storyline.text import sentence_spans

# Both ferry reports give the same count, so their claim is corroborated by two independent sources.
FIGURES = [
    ("Lantern Ferry Disaster\n\nThe Lantern ferry ran aground off Quillon Point on Monday with 212 passengers on "
    "board. Coastguard captain Maren Holt said all passengers were brought ashore by Quillon lifeboat crews."),
    ("Ferry aground at Quillon Point\n\nMaren Holt, the coastguard captain, said the Lantern ferry struck the reef at "
    "Quillon Point with 212 passengers on board. The Quillon lifeboat crews rescued everyone."),
    ("Bellhaven library reopens\n\nThe Bellhaven city library reopened on Saturday after a restoration. "
    "Librarian Odile Prest said the Bellhaven reading room now holds the restored Corvane maps."),
]


def report(raw: str) -> Article:
    return Article(id=content_id(raw), source=f"{content_id(raw)}.txt", raw=raw, format="text")


class CountedFigures(CapitalisedWords):
    """The stand-in analysis, plus every bare number as a count of passengers (enough to build a claim)."""

    def process(self, chunk):
        for article in super().process(chunk):
            spans = sentence_spans(article.text)
            article.numbers = [
                NumberClaim(m.group(), float(m.group()), "exact", None, "passengers", m.start(), m.end(),
                            next(article.text[s:e] for s, e in spans if s <= m.start() < e))
                for m in re.finditer(r"\b\d{2,}\b", article.text)]
        return chunk


@pytest.fixture
def stored(tmp_path):
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'explain.db'}")
    with Store(settings.db_url) as store:
        IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CountedFigures()).ingest(
            [report(r) for r in FIGURES])
    return settings


@pytest.fixture
def client(stored):
    with Store(stored.db_url) as store, TestClient(create_app(Services(store=store, settings=stored))) as c:
        yield c


def ferry(client):
    return next(s for s in client.get("/api/v1/stories").json()["items"] if len(s["article_ids"]) == 2)


def test_claim_explained_with_the_figures_compared_and_the_rule(client):
    story = ferry(client)
    claim = next(c for c in story["claims"] if c["status"] == "corroborated")
    first = claim["why"]["figures"][0]
    claim_id = f"{first['article']}@{first['start']}"
    got = client.get(f"/api/v1/stories/{story['id']}/claims/{claim_id}/explain")
    assert got.status_code == 200
    body = got.json()
    assert body["kind"] == "claim" and body["id"] == claim_id and body["status"] == "corroborated"
    assert body["rule"] == "the same value from 2 independent sources" and body["independent_sources"] == 2
    assert [f["text"] for f in body["figures"]] == ["212", "212"]
    assert all(f["admits"] == [212, 212] and f["what"] == "passengers" for f in body["figures"])
    # any figure of the claim addresses it: an id keeps working when an earlier report joins the claim
    second = body["figures"][1]["id"]
    assert client.get(f"/api/v1/stories/{story['id']}/claims/{second}/explain").json()["id"] == claim_id


def test_article_explained_with_its_grouping_score(client):
    story = ferry(client)
    joined = client.get(f"/api/v1/articles/{story['article_ids'][1]}/explain").json()
    membership = joined["membership"]
    assert joined["kind"] == "article" and joined["story_id"] == story["id"] and joined["story_title"] == story["title"]
    assert membership["decision"] in ("joined", "started")
    decided = membership["match"] or membership["runner_up"]
    assert {"total", "tfidf", "entities", "embedding", "time_gap_days", "shared_entities"} <= set(decided)


def test_unknown_ids_are_clear_404s(client):
    story = ferry(client)
    assert client.get("/api/v1/articles/nope/explain").status_code == 404
    missing = client.get(f"/api/v1/stories/{story['id']}/claims/{story['article_ids'][0]}@99999/explain")
    assert missing.status_code == 404 and "storyline show" in missing.json()["detail"]
    assert client.get("/api/v1/stories/nope/claims/a@1/explain").status_code == 404


def test_cli_explains_a_claim_and_an_article_in_words_and_json(stored):
    with Store(stored.db_url) as store:
        story = next(s for s in store.stories().items if len(s.article_ids) == 2)
    claim = next(c for c in story.claims if c.status == "corroborated")
    runner = CliRunner()
    human = runner.invoke(cli, ["explain", claim.id, "--db", stored.db_url], catch_exceptions=False)
    assert human.exit_code == 0, human.output
    assert "corroborated" in human.output and "the same value from 2 independent sources" in human.output
    assert "admits 212" in human.output
    as_json = runner.invoke(cli, ["explain", story.article_ids[1], "--db", stored.db_url, "--json"])
    assert json.loads(as_json.output)["story_id"] == story.id
    article = runner.invoke(cli, ["explain", story.article_ids[1], "--db", stored.db_url])
    assert story.id in article.output and ("Joined with score" in article.output or "Started" in article.output)


def test_cli_prints_titles_as_text_never_as_markup(stored, tmp_path):
    with Store(stored.db_url) as store:
        article = store.articles()[0]
    from rich.console import Console

    from storyline.app.explain import ArticleExplanation
    from storyline.export.terminal import render_explanation

    console = Console(record=True, width=120)
    render_explanation(ArticleExplanation(article.id, "[red]Ferry[/red] [link=x]aground", None, None, None, None,
                                          None), console)
    assert "[red]Ferry[/red] [link=x]aground" in console.export_text()
