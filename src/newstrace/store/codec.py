"""Records to JSON and back. One generic decoder driven by the dataclasses' type hints, so a new
field in model.py needs no codec change, and a store written by an older version still loads
(unknown keys are ignored, missing ones take their defaults)."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar

from newstrace import model
from newstrace.model import Article

T = TypeVar("T")


def to_jsonable(record: Any) -> Any:
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_jsonable(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_jsonable(x) for x in record]
    if isinstance(record, dict):
        return {k: to_jsonable(v) for k, v in record.items()}
    return record


@cache
def _hints(cls: type) -> dict[str, Any]:
    # Type hints are immutable facts about model classes; caching them is not run-time state.
    return typing.get_type_hints(cls, vars(model))


def from_jsonable(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_jsonable(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (arg,) = typing.get_args(tp)
        return [from_jsonable(arg, v) for v in value]
    if origin is dict:
        _, arg = typing.get_args(tp)
        return {k: from_jsonable(arg, v) for k, v in value.items()}
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_jsonable(args[0], v) for v in value)
        return tuple(from_jsonable(a, v) for a, v in zip(args, value))
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {f.name: from_jsonable(hints[f.name], value[f.name])
                  for f in dataclasses.fields(tp) if f.name in value}
        return tp(**kwargs)
    return value


def record_from_dict(cls: type[T], data: dict) -> T:
    return from_jsonable(cls, data)


def article_to_json(article: Article) -> str:
    return json.dumps(to_jsonable(article), ensure_ascii=False, separators=(",", ":"))


def article_from_json(text: str) -> Article:
    return record_from_dict(Article, json.loads(text))


def article_text_from_json(text: str) -> Article:
    """Only the fields ``Article.text`` is made of (page id, title, standfirst, body): all that shingling
    reads, without rebuilding every credit, quote and claim, which is most of a full decode's cost."""
    d = json.loads(text)
    return Article(source=d.get("source", ""), page_id=d.get("page_id", ""), title=d.get("title"),
                   standfirst=d.get("standfirst"), body=d.get("body") or [])
