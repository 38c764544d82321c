"""One codec for every record: dataclass ⇄ plain dict (JSON types), driven by the records' type hints.

The store's JSON columns, the JSON export and the REST API all go through it, so a new field on a record
needs no serializer of its own. Tuples (a range value) become lists and come back as tuples; vectors
(``Any`` fields such as embeddings) pass through untouched and are left to whoever stores them.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
Omit = Mapping[type, frozenset[str] | set[str]]  # record type -> field names to leave out


def to_dict(record: Any, omit: Omit | None = None) -> dict:
    """``record`` (a dataclass) as a dict of JSON types, without the fields ``omit`` names for its type."""
    skip = (omit or {}).get(type(record), ())
    return {f.name: _plain(getattr(record, f.name), omit) for f in dataclasses.fields(record) if f.name not in skip}


def _plain(value: Any, omit: Omit | None) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value, omit)
    if isinstance(value, (list, tuple)):
        return [_plain(v, omit) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, omit) for k, v in value.items()}
    return value


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """The ``cls`` record from a dict made by :func:`to_dict`; absent fields take their defaults."""
    hints = _hints(cls)
    return cls(**{name: _build(hints[name], value) for name, value in data.items() if name in hints})


@cache
def _hints(cls: type) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in typing.get_type_hints(cls).items() if k in names}


def _build(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if dataclasses.is_dataclass(hint) and isinstance(value, Mapping):
        return from_dict(hint, value)
    if origin is list:
        return [_build(args[0], v) for v in value]
    if origin is tuple:
        return tuple(_build(a, v) for a, v in zip(args, value)) if args and args[-1] is not Ellipsis else tuple(value)
    if origin is dict:
        return {k: _build(args[1], v) for k, v in value.items()}
    if origin in (typing.Union, types.UnionType):
        return _build(_arm(args, value), value)
    return value


def _arm(arms: tuple, value: Any) -> Any:
    """The arm of a union that fits ``value``'s JSON shape (a list → the sequence arm, a dict → the record)."""
    for arm in arms:
        shape = typing.get_origin(arm) or arm
        if isinstance(value, (list, tuple)) and shape in (list, tuple):
            return arm
        if isinstance(value, Mapping) and (shape is dict or dataclasses.is_dataclass(arm)):
            return arm
    return Any
