"""Claims: who is quoted, which numbers, according to whom, and when.

Rules only (no downloaded model); every record keeps its rule name, confidence and spans into
``Article.text``.
"""

from newstrace.claims.annotate import annotate
from newstrace.claims.drift import drift
from newstrace.claims.names import find_entities, story_entities
from newstrace.claims.numbers import find_claims
from newstrace.claims.quotes import find_quotes
from newstrace.claims.when import find_times, timex_value

__all__ = ["annotate", "drift", "find_claims", "find_entities", "find_quotes", "find_times", "story_entities", "timex_value"]
