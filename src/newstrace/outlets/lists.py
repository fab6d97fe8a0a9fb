"""Turn each shipped list's rows into Labels, one list at a time and never merged.

Every function here is pure: rows in, ``(key, Label)`` pairs out. The registry decides which
outlet a key (a domain or an entry name) belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from newstrace.model import Label

# State Media Monitor typology (State Media Matrix): the three captured/controlled types are what
# platforms and researchers call "state-affiliated"; the four independent types are public media
# that the state funds or manages without editorial control.
TYPOLOGY = {
    "SC": ("state-affiliated", "state-controlled media"),
    "CaPu": ("state-affiliated", "captured public/state-managed media"),
    "CaPr": ("state-affiliated", "captured private media"),
    "ISFM": ("independent-public-media", "independent state-funded and state-managed media"),
    "ISF": ("independent-public-media", "independent state-funded media"),
    "ISM": ("independent-public-media", "independent state-managed media"),
    "IP": ("independent-public-media", "independent public media"),
}

# sites_of_concern ``source`` column -> (list name shown to users, label).
CONCERN_SOURCES = {
    "EuVsDisinfo": ("EUvsDisinfo", "cited-for-disinformation"),
    "Viginum (Portal Kombat)": ("Viginum Portal Kombat", "portal-kombat-network"),
    "RT Mirror/Repost": ("RT mirror/repost", "rt-mirror-or-repost"),
    "Pink Slime": ("Pink Slime", "pink-slime-network"),
    "Wikipedia Fake News": ("Wikipedia fake news sites", "fake-news-site"),
    "Wikidata All News": ("Wikidata news sites", "news-site"),
    "Intel/Suspected": ("Intel/suspected", "suspected-disinformation"),
}

WIKIPEDIA_STATUS = {
    "Generally reliable": "generally-reliable",
    "Generally unreliable": "generally-unreliable",
    "No consensus": "no-consensus",
    "Deprecated": "deprecated",
    "Blacklisted": "blacklisted",
}


def typology_label(code: str) -> tuple[str, str]:
    """(normalised label, description) for a raw typology code; unsure codes ("ISFM?") keep the doubt."""
    clean = code.strip().rstrip("?")
    label, desc = TYPOLOGY.get(clean, ("state-media-listed", "typology not given"))
    if code.strip().endswith("?"):
        desc += " (uncertain in source)"
    return label, desc


def state_media_labels(rows: Iterable[dict[str, str]], meta: dict) -> Iterator[tuple[dict[str, str], Label]]:
    for r in rows:
        label, desc = typology_label(r["typology"])
        where = r["domain"] or "no domain"
        detail = f"{where}: {r['typology'] or '-'} ({desc}); asset {r['asset']}; company {r['company']}; {r['country']}"
        yield r, Label(meta["list"], label, None, meta["version"], meta["licence"], detail)


def concern_label(domain: str, source: str, meta: dict) -> Label:
    name, label = CONCERN_SOURCES.get(source, (source, "listed"))
    detail = f"{domain}: listed by {name} (via {meta['list']})"
    return Label(name, label, None, meta["version"], meta["licence"], detail)


def specious_label(domain: str, meta: dict) -> Label:
    return Label(meta["list"], "unreliable", None, meta["version"], meta["licence"], domain)


def lin_label(domain: str, pc1: float, meta: dict) -> Label:
    detail = f"{domain}: pc1 in [0,1], higher is better quality"
    return Label(meta["list"], "quality-score", pc1, meta["version"], meta["licence"], detail)


def wikipedia_labels(row: dict[str, str], meta: dict) -> list[Label]:
    """One Label per status of one entry ("Blacklisted|Deprecated" gives two)."""
    out = []
    for status in row["status"].split("|"):
        label = WIKIPEDIA_STATUS.get(status)
        if label:
            detail = f"entry '{row['name']}': {status}; {row['wiki_url']}"
            out.append(Label(meta["list"], label, None, meta["version"], meta["licence"], detail))
    return out


_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,9}$")


def split_name(raw: str) -> tuple[str, list[str]]:
    """"China Global Television Network (CGTN)" -> ("China Global Television Network", ["CGTN"]).

    Only acronym-like parentheticals become aliases; "(Indian edition)" or "(Russia Today)" stay part
    of the name, because a group's parenthetical is not the name of each of its outlets.
    """
    raw = " ".join(raw.replace("*", " ").split())
    parens = _PAREN.findall(raw)
    if parens and all(_ACRONYM.match(p.strip()) for p in parens):
        base = _PAREN.sub(" ", raw).strip()
        return (base or raw), [p.strip() for p in parens]
    return raw, []
