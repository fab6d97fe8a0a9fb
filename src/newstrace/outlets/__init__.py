"""Outlet registry: the shipped lists (each with its own licence and version) and a curated alias
table, resolving names, aliases, domains and URLs to ``Outlet`` records whose labels stay list by list."""

from newstrace.outlets.labelling import describe, label_article, resolve_publisher
from newstrace.outlets.names import host_of, normalise_name
from newstrace.outlets.registry import OutletRegistry

__all__ = ["OutletRegistry", "describe", "host_of", "label_article", "normalise_name", "resolve_publisher"]
