"""The JSON export (schema ``storyline/3``): build it, check it, write it.

The document is the one thing the other exports (Markdown, HTML, terminal) read, so what they show is
exactly what a user can download. ``schema.json`` next to this module is the published JSON Schema
(``schema-2.json`` and ``schema-1.json`` the previous ones, so older exports still validate); the small validator below implements
the part of draft 2020-12 those schemas use (so no jsonschema dependency) and refuses keywords it does not
know, so a schema cannot silently outgrow it.
"""

from __future__ import annotations

import json
import math
import os
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import Article, Membership, Story, codec
from ..exceptions import InvalidExport
from .files import write_text

SCHEMA_ID = "storyline/3"
SCHEMA_FILES = {"storyline/1": "schema-1.json", "storyline/2": "schema-2.json", SCHEMA_ID: "schema.json"}  # every version validate accepts

_MAX_ERRORS = 20


def to_document(articles: list[Article], stories: list[Story],
                memberships: dict[str, Membership] | None = None) -> dict:
    """The export of ``articles`` and ``stories``, in the order given; raises ``ValueError`` if inconsistent.

    ``memberships`` (article id -> why it is in its story) are exported where given. Raw input, grouping keys,
    offsets and embeddings stay out: the export is for reading and citing, not re-processing.
    """
    memberships = memberships or {}
    doc = {
        "schema": SCHEMA_ID,
        "articles": [article_json(a, memberships.get(a.id)) for a in articles],
        "stories": [story_json(s) for s in stories],
    }
    validate(doc)
    return doc


def article_json(a: Article, membership: Membership | None = None) -> dict:
    """One article as in the export (and the REST API); ``membership``: why it is in its story, if known."""
    return {
        "id": a.id,
        "source": a.source,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published,
        "published_evidence": a.published_evidence,
        "language": a.language,
        "text": a.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in a.removed],
        "duplicate_of": a.duplicate_of,
        "story_id": a.story_id,
        "entities": [_entity(e) for e in a.entities],
        "quotes": [{"speaker": q.speaker, "text": q.text, "direct": q.direct} for q in a.quotes],
        "numbers": [
            {"text": n.text, "value": _number(n.value), "qualifier": n.qualifier, "unit": n.unit, "what": n.what,
             "kind": n.kind, "noun": n.noun}
            for n in a.numbers
        ],
        "dates": [{"text": d.text, "date": d.date, "sentence": d.sentence} for d in a.dates],
        "reference_date": a.reference_date,
        "reference_evidence": a.reference_evidence,
        "outlet_evidence": a.outlet_evidence,
        "origin": a.origin,
        "membership": codec.to_dict(membership, {Membership: {"article_id", "story_id"}}) if membership else None,
    }


def story_json(s: Story) -> dict:
    """One story (its dossier) as in the export (and the REST API)."""
    return {
        "id": s.id,
        "title": s.title,
        "article_ids": list(s.article_ids),
        "independent_sources": s.independent_sources,
        "first_published": s.first_published,
        "last_published": s.last_published,
        "summary": [{"sentence": x.sentence, "article_ids": list(x.article_ids)} for x in s.summary],
        "entities": [{**_entity(e), "article_ids": list(e.article_ids)} for e in s.entities],
        "quotes": [{"speaker": q.speaker, "text": q.text, "direct": q.direct, "article_ids": list(q.article_ids)}
                   for q in s.quotes],
        "claims": [
            {"statement": c.statement, "status": c.status, "values": dict(c.values),
             "article_ids": list(c.article_ids), "date": c.date, "what": c.what, "why": c.why}
            for c in s.claims
        ],
        "timeline": [{"date": e.date, "event": e.event, "article_ids": list(e.article_ids),
                      "first_reported": e.first_reported} for e in s.timeline],
        "coverage": {outlet: {"only_here": list(c.only_here), "omitted": list(c.omitted)}
                     for outlet, c in s.coverage.items()},
    }


def _entity(e: Any) -> dict:
    """A ``facts.Entity`` or ``reconcile.entities.StoryEntity`` without its article ids."""
    return {"name": e.name, "type": e.type, "aliases": list(e.aliases), "role": e.role}


def _number(value: float | tuple[float, float]) -> int | float | list:
    """164.0 -> 164 (how it was written); a range (low, high) -> [low, high]."""
    if isinstance(value, (tuple, list)):
        return [_number(v) for v in value]
    return int(value) if float(value).is_integer() else float(value)


def write_json(doc: dict, path: str | os.PathLike) -> None:
    """Validate ``doc`` and write it as UTF-8 JSON (ensure_ascii=False, indent=2), creating parent folders."""
    validate(doc)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    # A lone surrogate (undecodable input kept by ingest) becomes the JSON escape \udXXX, which is valid JSON.
    write_text(Path(path), text, errors="backslashreplace")


@cache
def schema(schema_id: str = SCHEMA_ID) -> dict:
    """The JSON Schema (draft 2020-12) of ``schema_id``, shipped next to this module."""
    text = resources.files(__package__).joinpath(SCHEMA_FILES[schema_id]).read_text(encoding="utf-8")
    return json.loads(text)


def validate(doc: Any) -> None:
    """Raise ``ValueError`` listing where and how ``doc`` breaks its schema (``storyline/3``, ``/2`` or ``/1``).

    First the JSON Schema, then the cross-references a schema cannot express (ids unique, every id a story,
    summary or fact cites is one of the story's articles, a dated article says where the date came from, …).
    A document whose ``schema`` is neither version is checked against the current one.
    """
    schema_id = doc.get("schema") if isinstance(doc, dict) else None
    schema_id = schema_id if isinstance(schema_id, str) and schema_id in SCHEMA_FILES else SCHEMA_ID
    sch = schema(schema_id)
    errors = _check(doc, sch, "document", sch)
    if not errors:
        errors = _cross_references(doc)
    if errors:
        more = f"\n  … and {len(errors) - _MAX_ERRORS} more" if len(errors) > _MAX_ERRORS else ""
        lines = "\n  ".join(errors[:_MAX_ERRORS])
        raise InvalidExport(f"not a valid {schema_id} document ({len(errors)} problem(s)):\n  {lines}{more}")


# --- the JSON Schema subset -------------------------------------------------------------------------------

_ANNOTATIONS = {"$schema", "$id", "$defs", "$comment", "title", "description"}
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    # JSON has no NaN or infinity: json.dumps would write them, but no JSON reader takes them back.
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _check(value: Any, sch: dict, path: str, root: dict) -> list[str]:
    ref, rest, types, checks = _plan(sch)
    if ref is not None:
        return _check(value, _resolve(ref, root), path, root) + _check(value, rest, path, root)
    if types and not any(_TYPES[t](value) for t in types):
        return [f"{path}: expected {' or '.join(types)}, got {_json_type(value)}"]
    errors: list[str] = []
    for check in checks:
        errors += check(value, sch, path, root)
    return errors


# What each schema node asks for, worked out once per node: a story of hundreds of articles is tens of
# thousands of checks, and reading the keywords again for each was most of `storyline show`'s time.
_plans: dict[int, tuple[dict, tuple]] = {}


def _plan(sch: dict) -> tuple[str | None, dict | None, list[str] | None, list]:
    """($ref, the rest of the node beside it, allowed types, checkers) of a schema node."""
    known = _plans.get(id(sch))
    if known is not None and known[0] is sch:  # the node itself is kept, so its id is never reused meanwhile
        return known[1]
    if "$ref" in sch:
        plan = (sch["$ref"], {k: v for k, v in sch.items() if k != "$ref"}, None, [])
    else:
        unknown = set(sch) - _KNOWN
        if unknown:
            raise NotImplementedError(f"schema keyword(s) {sorted(unknown)} not supported by storyline's validator")
        types = ([sch["type"]] if isinstance(sch["type"], str) else sch["type"]) if "type" in sch else None
        plan = (None, None, types, [check for keywords, check in _CHECKERS if any(k in sch for k in keywords)])
    if len(_plans) > 10_000:  # schemas are a few hundred nodes; only callers' own schema dicts could get here
        _plans.clear()
    _plans[id(sch)] = (sch, plan)
    return plan


def _resolve(ref: str, root: dict) -> dict:
    if not ref.startswith("#/"):
        raise NotImplementedError(f"only local $ref is supported, not {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _const(value, sch, path, root):
    return [] if value == sch["const"] else [f"{path}: expected {sch['const']!r}, got {_show(value)}"]


def _enum(value, sch, path, root):
    if any(value == option and type(value) is type(option) for option in sch["enum"]):
        return []
    return [f"{path}: {_show(value)} is not one of {', '.join(map(repr, sch['enum']))}"]


def _properties(value, sch, path, root):
    if not isinstance(value, dict):
        return []
    missing = [name for name in sch.get("required", []) if name not in value]
    errors = [f"{path}: missing required field(s) {', '.join(map(repr, missing))}"] if missing else []
    other = sch.get("additionalProperties", True)
    for name, item in value.items():
        if "propertyNames" in sch:
            errors += _check(name, sch["propertyNames"], f"{path} (key {_show(name)})", root)
        if name in sch.get("properties", {}):
            errors += _check(item, sch["properties"][name], f"{path}.{name}", root)
        elif other is False:
            errors.append(f"{path}: unexpected field {name!r}")
        elif isinstance(other, dict):
            errors += _check(item, other, f"{path}[{name!r}]", root)
    return errors


def _items(value, sch, path, root):
    if not isinstance(value, list):
        return []
    errors = []
    if len(value) < sch.get("minItems", 0):
        errors.append(f"{path}: needs at least {sch['minItems']} item(s), got {len(value)}")
    if len(value) > sch.get("maxItems", len(value)):
        errors.append(f"{path}: takes at most {sch['maxItems']} item(s), got {len(value)}")
    if sch.get("uniqueItems"):
        seen = set()
        for item in value:
            key = json.dumps(item, sort_keys=True)
            if key in seen:
                errors.append(f"{path}: {_show(item)} is listed more than once")
            seen.add(key)
    if "items" in sch:
        for i, item in enumerate(value):
            errors += _check(item, sch["items"], f"{path}[{i}]", root)
    return errors


def _string(value, sch, path, root):
    if not isinstance(value, str):
        return []
    if len(value) < sch.get("minLength", 0):
        return [f"{path}: must not be empty" if sch["minLength"] == 1 else f"{path}: shorter than {sch['minLength']}"]
    if "pattern" in sch and not re.search(sch["pattern"], value):
        return [f"{path}: {_show(value)} is not {sch.get('description', 'matching ' + sch['pattern'])}"]
    return []


def _minimum(value, sch, path, root):
    if _TYPES["number"](value) and value < sch["minimum"]:
        return [f"{path}: must be at least {sch['minimum']}, got {value}"]
    return []


# Each checker handles a group of keywords that only make sense together.
_CHECKERS = (
    (("const",), _const),
    (("enum",), _enum),
    (("properties", "required", "additionalProperties", "propertyNames"), _properties),
    (("items", "minItems", "maxItems", "uniqueItems"), _items),
    (("minLength", "pattern"), _string),
    (("minimum",), _minimum),
)
_KNOWN = _ANNOTATIONS | {"$ref", "type"} | {k for keywords, _ in _CHECKERS for k in keywords}


def _json_type(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN or infinity (not JSON)"
    return next((name for name, test in _TYPES.items() if test(value)), type(value).__name__)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


# --- what a schema cannot say -----------------------------------------------------------------------------


def _cross_references(doc: dict) -> list[str]:
    errors = []
    articles = {}
    for i, a in enumerate(doc["articles"]):
        where = f"document.articles[{i}]"
        if a["id"] in articles:
            errors.append(f"{where}.id: {a['id']!r} is used by another article too")
        articles[a["id"]] = a
        if a["published"] is not None and a["published_evidence"] is None:
            errors.append(f"{where}: has a published date but no published_evidence saying where it came from")
        if a["duplicate_of"] == a["id"]:
            errors.append(f"{where}.duplicate_of: an article cannot be a duplicate of itself")
        for j, number in enumerate(a.get("numbers", [])):
            errors += _range(number, f"{where}.numbers[{j}]")
    story_ids = set()
    for i, s in enumerate(doc["stories"]):
        where = f"document.stories[{i}]"
        if s["id"] in story_ids:
            errors.append(f"{where}.id: {s['id']!r} is used by another story too")
        story_ids.add(s["id"])
        for article_id in s["article_ids"]:
            if article_id not in articles:
                errors.append(f"{where}.article_ids: {article_id!r} is not an exported article")
            elif articles[article_id]["story_id"] != s["id"]:
                errors.append(f"{where}.article_ids: article {article_id!r} says it belongs to story "
                              f"{articles[article_id]['story_id']!r}")
        if s["independent_sources"] > len(s["article_ids"]):
            errors.append(f"{where}.independent_sources: {s['independent_sources']} is more than its "
                          f"{len(s['article_ids'])} article(s)")
        if (s["first_published"] is None) != (s["last_published"] is None):
            errors.append(f"{where}: first_published and last_published must both be dates or both be null")
        members = set(s["article_ids"])
        for part in ("summary", "entities", "quotes", "claims", "timeline"):
            for j, item in enumerate(s.get(part, [])):
                errors += [f"{where}.{part}[{j}].article_ids: {article_id!r} is not one of the story's articles"
                           for article_id in item["article_ids"] if article_id not in members]
        for j, claim in enumerate(s.get("claims", [])):
            errors += _claim(claim, f"{where}.claims[{j}]")
        outlets = {articles[m]["outlet"] or articles[m]["source"] for m in members if m in articles}
        errors += [f"{where}.coverage: {outlet!r} is neither the outlet nor the source of one of the story's articles"
                   for outlet in s.get("coverage", {}) if outlet not in outlets]
    return errors


def _range(number: dict, where: str) -> list[str]:
    is_range = isinstance(number["value"], list)
    if is_range != (number["qualifier"] == "range"):
        return [f"{where}: value {_show(number['value'])} does not fit qualifier {number['qualifier']!r} "
                "(a range is [low, high] with qualifier 'range', anything else a single number)"]
    if is_range and number["value"][0] > number["value"][1]:
        return [f"{where}.value: low {number['value'][0]} is above high {number['value'][1]}"]
    return []


def _claim(claim: dict, where: str) -> list[str]:
    errors = [f"{where}.values: {article_id!r} is not one of the claim's article_ids"
              for article_id in claim["values"] if article_id not in claim["article_ids"]]
    if claim["status"] != "single_source" and len(claim["values"]) < 2:
        errors.append(f"{where}: a {claim['status']} claim compares the values of at least 2 articles, "
                      f"got {len(claim['values'])}")
    return errors
