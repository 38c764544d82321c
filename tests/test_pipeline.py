from storyline.article import Article
from storyline.pipeline import Drops, LocalExecutor


class Upper:
    """A stateless step that drops empty texts with a counted reason."""

    name = "upper"
    parallel = True

    def __init__(self, drops):
        self.drops = drops

    def run(self, articles):
        for a in articles:
            if not a.text:
                self.drops.add(self.name, "empty", a.source)
                continue
            a.text = a.text.upper()
            yield a


class Count:
    """A stateful step: must run in this process."""

    name = "count"

    def __init__(self):
        self.seen = 0

    def run(self, articles):
        for a in articles:
            self.seen += 1
            yield a


def batch(n):
    return [Article(id=str(i), source=f"{i}.txt", raw="", format="text", text="" if i % 10 == 0 else f"text {i}") for i in range(n)]


def test_parallel_steps_keep_order_and_add_up_drops():
    drops, count = Drops(), Count()
    seen = []
    executor = LocalExecutor(lambda stream, name, total: (seen.append(name), stream)[1], workers=2)
    out = executor.run([Upper(drops), count], batch(50))
    assert [a.id for a in out] == [str(i) for i in range(50) if i % 10]
    assert all(a.text.startswith("TEXT") for a in out)
    assert drops.as_dict() == {"upper: empty": 5}
    assert count.seen == 45 and seen == ["upper", "count"]


def test_one_worker_runs_everything_here():
    drops = Drops()
    out = LocalExecutor().run([Upper(drops)], batch(20))
    assert len(out) == 18 and drops.total == 2
