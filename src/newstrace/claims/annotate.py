"""The claims stage for one article: names, times, quotes and numeric claims, as a pure function."""

from __future__ import annotations

from dataclasses import replace

from newstrace.claims.names import find_entities
from newstrace.claims.numbers import claims_with_quotes
from newstrace.claims.quotes import find_quotes
from newstrace.claims.when import find_times
from newstrace.model import Article


def annotate(article: Article, published: str | None = None) -> Article:
    """A copy of ``article`` with quotes, claims, times and entities filled.

    ``published`` (YYYY-MM-DD) overrides ``article.published``. Only a day-precise date anchors
    relative times; without one they stay unanchored rather than guessed.
    """
    text = article.text
    pub = published
    if pub is None and article.published is not None and article.published.precision == "day":
        pub = article.published.date
    entities = find_entities(text)
    times = find_times(text, pub)
    quotes = find_quotes(text, entities)
    claims = claims_with_quotes(text, times, quotes)
    return replace(
        article,
        body=list(article.body),
        credits=list(article.credits),
        boilerplate=list(article.boilerplate),
        errors=list(article.errors),
        quotes=quotes,
        claims=claims,
        times=times,
        entities=entities,
    )
