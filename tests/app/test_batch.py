"""Batch runs with stand-in models: Parquet shards and completion markers, resuming after an interruption to
the same result, loading into a store, and agreeing with incremental ingest."""

import json

import pytest
from batch_corpus import CHESS, COPY, FIRE, write_corpus
from fakes import BagOfWordsEncoder, CapitalisedWords

from storyline.app import BatchService, IngestService, load_batch
from storyline.engine import Drops, LocalExecutor
from storyline.exceptions import Conflict, InputError
from storyline.export import parquet
from storyline.settings import Settings
from storyline.sources import read_paths
from storyline.store import Store

pytest.importorskip("pyarrow")


class CountingAnalyzer(CapitalisedWords):
    seen: list  # ids analysed, across the processes of this test (workers=1: one process)

    def process(self, chunk):
        type(self).seen.extend(a.id for a in chunk)
        return super().process(chunk)


def batch(analyzer=None, workers=1, shard_bytes=1) -> BatchService:
    """A batch with one shard per input file (shard_bytes=1), unless told otherwise."""
    settings = Settings(workers=workers)
    return BatchService(settings, encoder=BagOfWordsEncoder(), analyzer=analyzer or CapitalisedWords(),
                        executor=LocalExecutor(workers, chunk_size=2) if workers > 1 else None, chunk_size=2,
                        shard_bytes=shard_bytes)


def texts_by_story(out):
    """Stories as sets of the texts' first words, plus which texts are copies: independent of ids."""
    articles = {a.id: a for shard in sorted((out / "shards").glob("*.parquet")) for a in parquet.read_articles(shard)}
    decided = parquet.read_assignments(out / "assignments.parquet")
    stories = {s.id: frozenset(articles[i].text[:40] for i in s.article_ids) for s in parquet.read_stories(out / "stories.parquet")}
    copies = {articles[i].text[:40] for i, (dup, _) in decided.items() if dup}
    return set(stories.values()), copies


def test_batch_writes_shards_markers_and_global_output(tmp_path):
    out = tmp_path / "out"
    result = batch().run([write_corpus(tmp_path / "in")], out)
    assert (result.read, result.articles, result.duplicates, result.stories) == (6, 6, 1, 2)
    assert result.shards_done == 3 and result.drops.as_dict() == {"ingest: not-html": 1}
    assert len(list((out / "shards").glob("*.done"))) == 3 and not list(out.rglob("*.tmp"))
    stories, copies = texts_by_story(out)
    assert stories == {frozenset(t[:40] for t in FIRE), frozenset(t[:40] for t in CHESS)}
    assert copies == {COPY[:40]}
    marker = json.loads(next((out / "shards").glob("c.warc.gz-*.done")).read_text())
    assert marker["read"] == 1 and marker["drops"] == [["ingest", "not-html", 1]]


def test_interrupted_run_resumes_skipping_finished_shards_and_ends_the_same(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    batch().run([corpus], tmp_path / "whole")
    out = tmp_path / "resumed"
    with pytest.raises(KeyboardInterrupt):  # stops in the second shard (b.jsonl), as Ctrl-C or SIGTERM would
        batch(CapitalisedWords(fail_on=_id_of(corpus / "b.jsonl", 1))).run([corpus], out)
    assert len(list((out / "shards").glob("*.done"))) == 1 and not (out / "stories.parquet").exists()
    CountingAnalyzer.seen = []
    result = batch(CountingAnalyzer()).run([corpus], out)
    assert result.shards_skipped == 1 and result.shards_done == 2
    assert not set(CountingAnalyzer.seen) & {_id_of(corpus / "a.jsonl", 0), _id_of(corpus / "a.jsonl", 1)}
    assert texts_by_story(out) == texts_by_story(tmp_path / "whole")
    assert result.read == 6 and result.drops.as_dict() == {"ingest: not-html": 1}


def test_a_rerun_cut_short_in_the_global_phase_leaves_no_finished_output_to_load(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    batch().run([corpus], out)
    (corpus / "late.jsonl").write_text(json.dumps({"text": CHESS[0] + " The final was replayed on Monday."}))

    def killed(*_args):
        raise KeyboardInterrupt  # as a kill between the new assignments and the new stories

    with monkeypatch.context() as patch:
        patch.setattr(parquet, "write_stories", killed)
        with pytest.raises(KeyboardInterrupt):
            batch().run([corpus], out)
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store, pytest.raises(InputError, match="no finished"):
        load_batch(store, Settings(db_url=store.url), out)  # was: the old manifest, the new assignments, old stories
    batch().run([corpus], out)
    assert (out / "batch.json").exists()


def test_small_inputs_share_a_shard_with_the_same_result(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    batch().run([corpus], tmp_path / "per-file")
    result = batch(shard_bytes=10_000_000).run([corpus], tmp_path / "grouped")
    assert result.shards_done == 1 and result.read == 6
    marker = json.loads(next((tmp_path / "grouped" / "shards").glob("*.done")).read_text())
    assert [i.rsplit("/", 1)[-1] for i in marker["inputs"]] == ["a.jsonl", "b.jsonl", "c.warc.gz"]
    assert texts_by_story(tmp_path / "grouped") == texts_by_story(tmp_path / "per-file")


def test_two_worker_processes_give_the_same_result(tmp_path):
    corpus = write_corpus(tmp_path / "in")
    batch().run([corpus], tmp_path / "one")
    batch(workers=2).run([corpus], tmp_path / "two")
    assert texts_by_story(tmp_path / "one") == texts_by_story(tmp_path / "two")


def test_load_puts_the_batch_into_an_empty_store_and_ingest_continues(tmp_path, store_url):
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    batch().run([corpus], out)
    settings = Settings(db_url=store_url)
    with Store(store_url) as store:
        loaded = load_batch(store, settings, out)
        assert (loaded.articles, loaded.stories) == (6, 2)
        stored = {frozenset(store.article(i).text[:40] for i in s.article_ids) for s in store.stories().items}
        assert stored == texts_by_story(out)[0]
        with pytest.raises(Conflict):
            load_batch(store, settings, out)
        late = corpus / "late.jsonl"  # the next article is placed against the loaded stories' stored state
        late.write_text(json.dumps({"text": "Ilona Varga said Castellan Mills will rebuild the Port Velmora grain "
                                            "warehouse conveyor shed before the spring harvest.",
                                    "published": "2026-03-08"}))
        result = IngestService(store, settings, encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords()).ingest(
            read_paths([late], Drops()))
        assert result.added == 1 and len(result.stories_updated) == 1 and not result.stories_created


def test_a_load_killed_halfway_leaves_the_store_empty_so_it_can_run_again(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    batch().run([corpus], out)
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'db.sqlite'}")
    with Store(settings.db_url) as store:
        def killed(*_args):
            raise KeyboardInterrupt  # as a kill after the articles were written, before the stories

        with monkeypatch.context() as patch:
            patch.setattr(store, "save_stories", killed)
            with pytest.raises(KeyboardInterrupt):
                load_batch(store, settings, out, chunk_size=2)
        assert not store.has_articles()  # was: the first chunks committed, and every later load refused
        loaded = load_batch(store, settings, out, chunk_size=2)
        assert (loaded.articles, loaded.stories) == (6, 2) and len(store.stories().items) == 2


def test_batch_groups_as_incremental_ingest_does(tmp_path, store_url):
    corpus = write_corpus(tmp_path / "in")
    batch().run([corpus], tmp_path / "out")
    with Store(store_url) as store:
        IngestService(store, Settings(db_url=store_url), encoder=BagOfWordsEncoder(),
                      analyzer=CapitalisedWords()).ingest(read_paths([corpus], Drops()))
        ingested = {frozenset(store.article(i).text[:40] for i in s.article_ids) for s in store.stories().items}
    assert ingested == texts_by_story(tmp_path / "out")[0]


def _id_of(path, line):
    [article] = [a for i, a in enumerate(read_paths([path], Drops())) if i == line]
    return article.id
