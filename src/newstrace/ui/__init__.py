"""A local web UI over a store: stories, timelines, articles with their marks, a copy beside its
source. Read-only, standard library only, no script in any page; ``newstrace serve`` starts it."""

from newstrace.ui.app import App, make_server, serve

__all__ = ["App", "make_server", "serve"]
