"""newstrace: where did this news text come from, where else did it appear, what changed, and what
does it claim. ``import newstrace`` gives the records and the functions the CLI is built on.

Names are resolved on first use, so ``import newstrace.model`` in a Spark worker does not pull in
the extractors, DuckDB or the CLI.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "newstrace.api": ("claims", "demo", "export", "ingest", "inspect", "outlet", "stories", "trace"),
    "newstrace.model": ("Article", "Claim", "Credit", "Edit", "Entity", "Match", "Outlet", "Page", "Published",
                        "Quarantine", "Quote", "Signature", "Story", "StoryMember", "TimeExpr"),
    "newstrace.pipeline": ("Context", "PipelineOptions", "process"),
    "newstrace.read": ("read_paths",),
    "newstrace.store.db": ("Store",),
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted([*_WHERE, "__version__"])


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'newstrace' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
