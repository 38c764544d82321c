"""Quality gate: the real clusterer (spaCy entities + MiniLM + StoryClusterer) on a fixed ECB+ subset.

Fails when sub-topic BCubed F1 drops below the floor pinned in grouping_floors.json (measured, minus a margin).
No publication date is set or inferred here, so the floor also pins the every-date-withheld stress condition.
Skips when ../shared/benchmarks is missing, unless CI is set.
"""

import json
import sys
from pathlib import Path

import pytest

from storyline.analyze.facts import Analyze
from storyline.group.stories import Cluster
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import ecbplus  # noqa: E402
from grouping import bcubed  # noqa: E402

FLOORS = json.loads((Path(__file__).with_name("grouping_floors.json")).read_text())


@pytest.mark.slow
def test_grouping_quality_floor(ecbplus_data):
    docs = ecbplus.load(set(FLOORS["topics"]))
    articles = sorted((d.article for d in docs), key=lambda a: a.source)  # fixed order: by file name
    settings = Settings()
    for step in (Analyze(settings, facts=False), Cluster(settings)):
        list(step.run(articles))
    story = {a.id: a.story_id for a in articles}
    _, _, f1 = bcubed([story[d.article.id] for d in docs], [d.subtopic for d in docs])
    assert f1 >= FLOORS["subtopic_bcubed_f1"], f"sub-topic B3F1 {f1:.3f} fell below the floor {FLOORS['subtopic_bcubed_f1']}"
