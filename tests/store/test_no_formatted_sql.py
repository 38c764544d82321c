"""No SQL built by string formatting (RELIABILITY.md, "Security"): every statement is a SQLAlchemy construct or a
constant string with bound parameters. Scans the source of src/storyline with ``ast`` and fails on

- a call that runs SQL text (``text``, ``literal_column``, ``exec_driver_sql``, ``execute``, ``executemany``,
  ``executescript``) whose statement is an f-string, ``%``-formatted, ``.format``-ted or concatenated; and
- anywhere, a formatted string that reads like SQL (``SELECT … FROM``, ``INSERT INTO``, ``DROP TABLE`` …), which
  catches a statement built into a variable first.

Exceptions are constant DDL only, each listed in ALLOWED with the reason it is safe."""

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "storyline"
RUNS_SQL = {"text", "literal_column", "exec_driver_sql", "execute", "executemany", "executescript"}
SQL = re.compile(r"\b(SELECT\b.*\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|(DROP|CREATE|ALTER)\s+"
                 r"(TABLE|INDEX|TRIGGER|VIEW|VIRTUAL|COLUMN)|PRAGMA\s|\bWHERE\b.*=)", re.DOTALL)
ALLOWED = {  # (file under src/storyline, the formatted expression's source): why it is safe
    ("store/migrations/versions/0003_incremental.py", 'f"DROP TRIGGER articles_search_{name}"'):
        "constant DDL: name runs over the fixed tuple ('insert', 'delete', 'update'), never over input",
}


def _formatted(node: ast.AST) -> bool:
    """An f-string with a placeholder, ``"…" % x``, ``"…".format(…)`` or a string concatenated with ``+``."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return any(isinstance(side, ast.Constant | ast.JoinedStr) and isinstance(getattr(side, "value", ""), str)
                   for side in (node.left, node.right)) or _formatted(node.left) or _formatted(node.right)
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str))


def _literal_text(node: ast.AST) -> str:
    """The constant parts of a formatted string, to judge whether it reads like SQL."""
    return " ".join(n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def _called(node: ast.Call) -> str | None:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)


def findings(source: str) -> list[tuple[int, str]]:
    """(line, expression) of each statement built by formatting in ``source``."""
    found = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _called(node) in RUNS_SQL and node.args and _formatted(node.args[0]):
            found[node.args[0].lineno, ast.get_source_segment(source, node.args[0])] = True
        elif _formatted(node) and SQL.search(_literal_text(node)):
            found[node.lineno, ast.get_source_segment(source, node)] = True
    return sorted(found)


def test_no_sql_is_built_by_string_formatting():
    found, allowed_seen = [], set()
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        for line, expression in findings(path.read_text(encoding="utf-8")):
            if (name, expression) in ALLOWED:
                allowed_seen.add((name, expression))
            else:
                found.append(f"{name}:{line}: {expression}")
    assert found == [], "SQL built by string formatting: use bound parameters or SQLAlchemy constructs"
    assert allowed_seen == set(ALLOWED), "an ALLOWED entry no longer matches the code: remove it"


@pytest.mark.parametrize("code", [
    'conn.execute(text(f"SELECT * FROM articles WHERE id = \'{article_id}\'"))',
    'conn.exec_driver_sql("DELETE FROM feeds WHERE url = \'%s\'" % url)',
    'cursor.execute("SELECT title FROM articles WHERE outlet = \'{}\'".format(outlet))',
    'conn.execute(text("SELECT * FROM stories ORDER BY " + column))',
    'query = f"UPDATE stories SET title = \'{title}\'"',
    'statement = "INSERT INTO feeds (url) VALUES (\'%s\')" % url',
    'conn.execute(literal_column(f"articles.{column}"))',
])
def test_the_scan_finds_formatted_sql(code):
    assert findings(code), code


@pytest.mark.parametrize("code", [
    'conn.execute(text("SELECT count(*) FROM article_search WHERE article_search MATCH :q"), {"q": match})',
    'conn.execute(select(articles).where(articles.c.id == article_id))',
    'log.info(f"deleted {n} articles from the store")',
    'raise InputError(f"select a story from the list, not {story_id!r}")',
])
def test_the_scan_passes_bound_parameters_and_ordinary_messages(code):
    assert findings(code) == [], code
