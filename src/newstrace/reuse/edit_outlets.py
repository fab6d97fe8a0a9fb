"""Which outlet a name or a line credits: the outlets a story's pages can name (Outlets), the shapes
of a credit line, and the names a page uses for itself.

A module of its own because three edit kinds read it: segment kinds (edit_paragraphs), credit_added /
credit_removed (edit_credits) and the headline check (edit_headline), none of which imports another.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.model import Article, Outlet
from newstrace.reuse.text import body_words

# Imported by origin.py (through edits.py): keep its behaviour; the wider credit forms below are this module's own.
CREDIT_LINE = re.compile(r"^\s*(?:source|sources|via|credit|courtesy|h/t|hat tip)\b\s*[:\-–—]?|"
                         r"originally (?:appeared|published|posted)|first (?:appeared|published)|"
                         r"republished (?:from|with)|reprinted (?:from|with)|read (?:more|the full (?:article|story)) "
                         r"(?:at|on)|^\s*\(?(?:reuters|ap|afp|rt|tass|xinhua|sputnik|bloomberg|ria novosti)\)?\s*$",
                         re.I)
# A credit line and the outlet it names ("Source: AP", "This article originally appeared on RT.",
# "[Reuters]", "(Article by DW)", "© 2023 Reuters", "Read the full article at AP").
_CREDIT_FORMS = (
    re.compile(r"^(?:sources?|via|credit|courtesy(?: of)?|h/t|hat tip(?: to)?)\s*[:\-–—]?\s*(?:of\s+)?"
               r"(?P<name>https?://\S+|.{2,80}?)[.)]?$", re.I),
    re.compile(r"(?:originally|first) (?:appeared|published|posted) (?:on|in|at|by)\s+(?P<name>.{2,60}?)[.)]?$", re.I),
    re.compile(r"^(?:republished|reprinted|reposted) (?:from|with permission from)\s+(?P<name>.{2,60}?)"
               r"(?: with permission)?[.)]?$", re.I),
    # "Read more at RT", "Full story: AP"; not "READ MORE: <a related headline>"
    re.compile(r"^(?:\[…\]\s*|…\s*)?(?:(?:read more|read the (?:full|whole) (?:article|story)|read the rest|"
               r"continue reading) (?:at|on)|full (?:story|article)\s*:)\s*(?P<name>.{2,60}?)[.)]?$", re.I),
    re.compile(r"^[\[(]\s*(?:article by\s+|via\s+|source:\s*)?(?P<name>[^\[\]()…=/,]{2,40}?)\s*[\])]$", re.I),
    # "© 2023 Reuters"; not a footer ("Copyright © 2014–2024 Site. All rights reserved.")
    re.compile(r"^(?:copyright\s*)?(?:©|\(c\))\s*\d{4}(?:\s*[–—-]\s*\d{4})?\s+(?P<name>(?:[^.|;]|\.(?=\w)){2,50}?)\s*\.?$",
               re.I),
)
# One cheap test before the forms: every credit form holds one of these (or opens with a bracket).
_CREDIT_HINTS = ("source", "via", "credit", "courtesy", "h/t", "hat tip", "originally", "first ", "republished",
                 "reprinted", "reposted", "read more", "read the", "full story", "full article", "continue reading",
                 "©", "(c)")
_BYLINE = re.compile(r"^(?:by|from)\s+(?P<name>.{2,50}?)\.?$", re.I)
_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:/\S*)?", re.I)
_COPYRIGHT = re.compile(r"^\s*(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved|reposted here remain", re.I)
MAX_NAME_WORDS = 5  # an unknown name longer than this is a sentence, not an outlet
MAX_LINE = 200  # longer lines are prose, never a credit or furniture line


_NON_WORD = re.compile(r"[\W_]")


def _squash(s: str | None) -> str:
    return _NON_WORD.sub("", (s or "").lower())


# ---------------------------------------------------------------------------------------------- outlets


def _site_key(domain: str | None) -> str:
    """A domain without "www." and sub-sites: news.cgtn.com and cgtn.com are one outlet."""
    labels = (domain or "").lower().strip(".").removeprefix("www.").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "org", "net", "gov", "ac"):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


@dataclass(frozen=True, slots=True)
class Outlets:
    """The outlets a story's credits can name: squashed long names (found inside a line) and short
    ones ("AP", "DW", found as whole words), each mapped to one key per outlet (an outlet known
    under two domains, sputnikglobe.com and sputniknews.com, is one outlet)."""

    long: tuple[tuple[str, str], ...]  # (squashed name >= 5 chars, key), longest first
    short: dict[str, str]  # lower-case short name -> key
    short_re: re.Pattern | None
    exact: dict[str, str]  # any squashed name -> key
    canon: dict[str, str]  # site key -> key
    bare_ok: frozenset[str]  # outlets a line may name with no credit words: listed news outlets, the source

    def key(self, domain: str | None) -> str:
        k = _site_key(domain)
        return self.canon.get(k, k)

    def resolve(self, name: str) -> str | None:
        """The outlet a name or line refers to, if it is a known outlet (or a domain)."""
        m = _DOMAIN.search(name)
        if m and "." in m.group(1):
            return self.key(m.group(1))
        sq = _squash(name)
        for n, key in self.long:
            if n in sq:
                return key
        if self.short_re and (m := self.short_re.search(name)):
            return self.short[m.group(0).lower()]
        return None

    def named(self, line: str) -> str | None:
        """The outlet a line is nothing but the name of ("FRANCE 24", "GT", "apnews.com"), when a
        bare name can be a credit: a listed news outlet or the source's site (a blog's name alone
        is more often a widget heading)."""
        line = line.strip()
        if (m := _DOMAIN.fullmatch(line)) and "." in m.group(1):
            key = self.key(m.group(1))
        else:
            key = self.exact.get(_squash(line))
        return key if key in self.bare_ok else None


def outlets_of(articles: Sequence[Article], names: dict[str | None, frozenset[str]] | None = None) -> Outlets:
    """Names of the outlets behind ``articles`` (publishers and credited outlets; the first is the
    source) plus ``names`` (squashed names by domain, as lineage collects them for the story)."""
    pairs: set[tuple[str, str]] = set()
    listed: set[str] = set()
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    site: dict[str, str] = {}

    def key_of(domain: str) -> str:
        if domain not in site:
            site[domain] = _site_key(domain)
        return site[domain]

    def add(name: str | None, domain: str | None) -> None:
        if name and domain:
            pairs.add((name.strip().lower(), key_of(domain)))

    primary: set[str] = set()  # an outlet's own domain names it in edits ("credits rt.com", not actualidad-rt.com)

    def add_outlet(o: Outlet | None) -> None:
        doms = [d for d in (o.domain, *o.domains) if d] if o else []
        if doms:
            primary.add(key_of(doms[0]))
        if doms and o.labels:
            listed.add(key_of(doms[0]))
        for d in doms[1:]:
            union(key_of(doms[0]), key_of(d))
        for n in (o.name, *o.aliases, *doms) if doms else ():
            add(n, doms[0])

    for a in articles:
        add_outlet(a.publisher)
        add(a.site_name, a.domain)
        if a.domain:
            add(_site_key(a.domain).split(".")[0], a.domain)
        for c in a.credits:
            add_outlet(c.outlet)
    squashed = {(n, q, k) for n, k in pairs if (q := _squash(n))}
    for d, ns in (names or {}).items():  # lineage's names come squashed, five letters or more
        if d:
            k = key_of(d)
            squashed |= {(n, n, k) for n in ns}
    by_name: dict[str, str] = {}
    for _, q, k in sorted(squashed):
        if len(q) >= 5:  # one long name on two sites: the same outlet
            union(by_name.setdefault(q, k), k)
    members: dict[str, list[str]] = {}
    for k in {k for _, _, k in squashed} | set(parent):
        members.setdefault(find(k), []).append(k)
    # each group is named by its outlet's own domain when one is known, else its first site key: fixed
    # whatever order the pages came in
    rep = {r: min(ks, key=lambda k: (k not in primary, k)) for r, ks in members.items()}
    canon = {k: rep[r] for r, ks in members.items() for k in ks}
    long = {(q, canon[k]) for _, q, k in squashed if len(q) >= 5}
    short = {n: canon[k] for n, q, k in sorted(squashed) if 2 <= len(q) < 5 and n.isascii()}
    exact = {q: canon[k] for _, q, k in sorted(squashed)}
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, sorted(short, key=len, reverse=True))) +
                         r")(?![a-z0-9])", re.I) if short else None
    bare_ok = frozenset(canon.get(k, k) for k in listed | {_site_key(articles[0].domain)} if k)
    return Outlets(tuple(sorted(long, key=lambda t: (-len(t[0]), t))), short, pattern, exact, canon, bare_ok)


def _own(a: Article, min_len: int = 3) -> set[str]:
    """Squashed names a page uses for itself (its copyright line, its site name)."""
    label = _site_key(a.domain).split(".")[0] if a.domain else ""
    names = {a.site_name, label, re.sub(r"\d+", "", label)}
    if a.publisher:
        names |= {a.publisher.name, *a.publisher.aliases}
    return {q for n in names if len(q := _squash(n)) >= min_len}



# ---------------------------------------------------------------------------------------------- credit lines


def _credit_name(line: str) -> str | None:
    """The name a credit line gives as its source, when the line has the shape of a credit."""
    line = " ".join(line.split())
    low = line.lower()
    if not line or len(line) > MAX_LINE or not (any(h in low for h in _CREDIT_HINTS) or low[0] in "[("):
        return None
    for form in _CREDIT_FORMS:
        if m := form.search(line):
            return m.group("name").strip(" .:-–—\"'“”")
    return None


def _credit_key(line: str, outlets: Outlets, own: set[str], own_key: str, bare: bool) -> str | None:
    """The outlet a line credits, or None: not a credit, or the page crediting itself. ``bare``
    also accepts a line that is only a known outlet's name ("FRANCE 24", "By GT")."""
    line = " ".join(line.split())
    name, key = _credit_name(line), None
    if name is None and bare and len(line) <= 60:
        m = _BYLINE.match(line)
        if key := outlets.named(m.group("name") if m else line):
            name = line
    if not name or not _squash(name):
        return None
    key = key or outlets.resolve(name) or (outlets.resolve(line) if len(line) <= 120 else None)
    name = re.split(r"[.;:|(]\s|\s[–—-]\s", name + " ", maxsplit=1)[0]  # "Futurism. Read the original..."
    sq = _squash(name)
    if key == own_key or any(o in sq or (len(sq) >= 3 and sq in o) for o in own):
        return None
    if key is None and (len(body_words(name)) > MAX_NAME_WORDS or _COPYRIGHT.search(line)):
        return None  # "Source: the ministry said..." names no outlet; "© 2024 <unknown>" is a site footer
    return key or sq
