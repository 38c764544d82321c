from storyline.model import Article
from storyline.group.dedup import Dedup
from storyline.settings import Settings

WIRE = (
    "MARHAVEN, Nov 29 (CPA) - Port authorities in Marhaven closed the northern terminal on Friday after a fire "
    "broke out in a warehouse storing fertiliser, officials said. About 300 workers were evacuated and two "
    "firefighters were treated for smoke inhalation. Harbour master Elsa Brandt said the terminal would stay shut "
    "at least until Monday while engineers inspect the quay. Shipping companies were told to divert cargo to the "
    "southern docks, which handle roughly a third of the port's traffic."
)


def article(i: str, text: str, outlet: str) -> Article:
    return Article(id=i, source=f"{i}.txt", raw=text, format="text", text=text, outlet=outlet)


def test_lightly_edited_wire_copy_points_to_the_original():
    copy = WIRE.replace("officials said", "city officials said").replace(
        " Shipping companies were told to divert cargo to the southern docks, which handle roughly a third of the port's traffic.", ""
    )
    other = "Veldoria's parliament passed a budget on Thursday that raises teachers' pay by 4 percent and cuts fuel subsidies."
    dedup = Dedup(Settings())
    out = list(dedup.run([article("a", WIRE, "Harbour Gazette"), article("b", copy, "Northline News"), article("c", other, "X")]))
    assert [a.duplicate_of for a in out] == [None, "a", None]


def test_copies_point_to_the_root_and_state_is_restored():
    first = Dedup(Settings())
    [a] = first.run([article("a", WIRE, "One")])
    second = Dedup(Settings())
    second.restore([a])
    [b] = second.run([article("b", WIRE + " Updated.", "Two")])
    [c] = second.run([article("c", WIRE + " Updated again.", "Three")])
    assert b.duplicate_of == "a" and c.duplicate_of == "a"


def test_near_copies_are_found_within_the_window_and_exact_copies_forever(monkeypatch):
    """Band rows are consulted for the generations within ``dedup_window`` articles; the whole-signature row finds
    an exact copy however old (generations of one article here, so a window of 1 is one article back)."""
    from storyline.group import dedup as module

    monkeypatch.setattr(module, "GENERATION", 1)
    edited = WIRE.replace("officials said", "city officials said")
    others = [article(f"o{i}", f"Council meeting number {i} in Veldoria discussed the budget for roads and "
                                f"schools, members said on day {i}.", "X") for i in range(3)]

    def run(window: int) -> list[str | None]:
        d = Dedup(Settings(dedup_window=window))
        out = list(d.run([article("a", WIRE, "One"), *others, article("b", edited, "Two"), article("c", WIRE, "Three")]))
        return [a.duplicate_of for a in out if a.id in "abc"]

    assert run(10) == [None, "a", "a"]
    assert run(1) == [None, None, "a"]  # the edited copy is 4 articles later: out of the window; the exact one is not
