"""Run by test_ray.py in a subprocess (so a Ray hang is killed by its timeout): the batch corpus with the
local executor and with Ray on a local 2-CPU instance; prints both results' stories and duplicates as JSON."""

import json
import sys
from pathlib import Path

from batch_corpus import write_corpus
from fakes import BagOfWordsEncoder, CapitalisedWords

from storyline.app import BatchService
from storyline.engine import LocalExecutor
from storyline.engine.ray import RayExecutor, connect
from storyline.export import parquet
from storyline.settings import Settings


def outcome(out: Path) -> dict:
    stories = {s.id: sorted(s.article_ids) for s in parquet.read_stories(out / "stories.parquet")}
    copies = {i: d for i, (d, _) in parquet.read_assignments(out / "assignments.parquet").items() if d}
    return {"stories": stories, "duplicates": copies}


def main(folder: Path) -> None:
    corpus = write_corpus(folder / "in")
    results = {}
    for name, executor in (("local", LocalExecutor(1)), ("ray", None)):
        if executor is None:
            connect(num_cpus=2)
            executor = RayExecutor(2, batch_size=2)  # two CPUs: one actor, one CPU left for Ray Data's tasks
        with executor:
            BatchService(Settings(), encoder=BagOfWordsEncoder(), analyzer=CapitalisedWords(), executor=executor,
                         chunk_size=4).run([corpus], folder / name)
        results[name] = outcome(folder / name)
    print(json.dumps(results))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
