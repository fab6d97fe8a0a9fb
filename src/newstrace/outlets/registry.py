"""The outlet registry: names, aliases and domains -> Outlet, with every list's own labels.

Built once from the shipped files (``OutletRegistry.load()``) and then read-only; callers pass the
loaded registry explicitly (no module-level cache). Precedence when sources disagree: the curated
alias table, then the State Media Matrix, then Wikipedia's perennial sources. A name that two
outlets of the same source share is dropped rather than guessed.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from importlib import resources

from newstrace.model import Label, Outlet
from newstrace.outlets import lists
from newstrace.outlets.names import (PLATFORM_HOSTS, PLATFORM_NAMES, host_of, looks_like_domain, normalise_name,
                                     parent_hosts)

CURATED, STATE_MEDIA, WIKIPEDIA = 0, 1, 2
_AMBIGUOUS = ""


@dataclass
class _Entry:
    name: str
    country: str | None = None
    parent: str | None = None
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)  # labels tied to the entry, not to one domain


def _read(name: str) -> str:
    return resources.files("newstrace").joinpath("data/outlets/" + name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_read(name))))


def _body_rows(name: str) -> list[list[str]]:
    """Rows without the header, as plain lists (faster than DictReader on the 20k-row lists)."""
    return list(csv.reader(io.StringIO(_read(name))))[1:]


def _indexable(name: str, priority: int) -> bool:
    """Conservative: lists other than the curated table may not claim bare common words ("Today", "Reason")."""
    key = normalise_name(name)
    if len(key) < 2 or key in PLATFORM_NAMES:
        return False
    if priority == CURATED or " " in key:
        return True
    return sum(c.isupper() for c in name) >= 2 or any(c.isdigit() or c == "." for c in name)


class OutletRegistry:
    """Resolve outlet names, aliases, domains and URLs to ``Outlet`` records."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._names: dict[str, tuple[int, str]] = {}  # normalised name -> (priority, key or _AMBIGUOUS)
        self._domains: dict[str, str] = {}  # host -> entry key
        self._domain_labels: dict[str, list[Label]] = {}  # State Media Matrix labels by domain
        self._domain_raw: dict[str, list[tuple[str, str]]] = {}  # the domain-only lists, by domain
        self.lists: dict[str, dict] = {}

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def load(cls) -> OutletRegistry:
        """The shipped lists, from package resources (no network, no /work/shared)."""
        reg = cls()
        reg.lists = json.loads(_read("manifest.json"))["lists"]
        reg._load_curated(_rows("aliases.csv"))
        reg._load_state_media(_rows("state_media_matrix.csv"), reg.lists["state_media_matrix.csv"])
        reg._load_wikipedia(_rows("wikipedia/perennial_sources.csv"), reg.lists["wikipedia/perennial_sources.csv"])
        reg._load_domain_lists()
        return reg

    def _add_name(self, name: str, key: str, priority: int) -> None:
        if not _indexable(name, priority):
            return
        n = normalise_name(name)
        old = self._names.get(n)
        if old is None or old[0] > priority:
            self._names[n] = (priority, key)
        elif old[0] == priority and old[1] != key:
            self._names[n] = (priority, _AMBIGUOUS)

    def _add_domain(self, host: str, key: str) -> None:
        if host and host not in self._domains:
            self._domains[host] = key
        entry = self._entries[key]
        if host and host not in entry.domains:
            entry.domains.append(host)

    def _name_key(self, name: str, max_priority: int) -> str | None:
        hit = self._names.get(normalise_name(name))
        return hit[1] if hit and hit[1] and hit[0] <= max_priority else None

    def _load_curated(self, rows: list[dict[str, str]]) -> None:
        for r in rows:
            key = "c:" + r["name"]
            aliases = [a for a in r["aliases"].split("|") if a]
            self._entries[key] = _Entry(r["name"], r["country"] or None, r["parent"] or None, aliases)
            for n in [r["name"], *aliases]:
                self._add_name(n, key, CURATED)
            for d in filter(None, r["domains"].split("|")):
                self._add_domain(host_of(d), key)

    def _load_state_media(self, rows: list[dict[str, str]], meta: dict) -> None:
        assets_per_company: dict[str, set[str]] = {}
        for r in rows:
            assets_per_company.setdefault(r["company"], set()).add(r["asset"])
        keys: dict[tuple[str, str, str], str] = {}
        for r, label in lists.state_media_labels(rows, meta):
            ident = (r["country"], r["company"], r["asset"])
            if ident not in keys:
                keys[ident] = self._state_media_entry(r, len(assets_per_company[r["company"]]) == 1)
            key = keys[ident]
            if r["domain"]:
                self._add_domain(r["domain"], key)
                self._domain_labels.setdefault(r["domain"], []).append(label)
            else:
                self._entries[key].labels.append(label)

    def _state_media_entry(self, r: dict[str, str], sole_asset: bool) -> str:
        base, acronyms = lists.split_name(r["asset"])
        key = self._name_key(r["asset"], CURATED) or self._name_key(base, CURATED)
        if key:
            return key
        key = f"m:{r['country']}:{base}"
        if key not in self._entries:
            company, _ = lists.split_name(r["company"])
            parent_key = self._name_key(r["company"], CURATED) or self._name_key(company, CURATED)
            parent = self._entries[parent_key].name if parent_key else company
            parent = None if normalise_name(parent) == normalise_name(base) else parent
            names = acronyms + ([r["company"], company] if sole_asset else [])
            aliases = [n for n in dict.fromkeys(names) if n != base]
            self._entries[key] = _Entry(base, r["country"] or None, parent, aliases)
        for n in [base, *self._entries[key].aliases]:
            self._add_name(n, key, STATE_MEDIA)
        return key

    def _load_wikipedia(self, rows: list[dict[str, str]], meta: dict) -> None:
        for r in rows:
            base = r["name"].split(" (")[0].strip()
            hosts = [h for h in r["domains"].split("|") if h]
            key = next((self._domains[h] for h in hosts if h in self._domains), None)
            key = key or self._name_key(base, STATE_MEDIA) or "w:" + base
            if key not in self._entries:
                self._entries[key] = _Entry(base)
            entry = self._entries[key]
            if normalise_name(base) != normalise_name(entry.name) and base not in entry.aliases:
                entry.aliases.append(base)
            self._add_name(base, key, WIKIPEDIA)
            if base.startswith("The ") and " " in base[4:]:
                self._add_name(base[4:], key, WIKIPEDIA)
            for h in hosts:
                self._add_domain(h, key)
            entry.labels.extend(lists.wikipedia_labels(r, meta))

    def _load_domain_lists(self) -> None:
        """Domain-only lists are big (20k rows): keep them as (list, value) pairs and make Labels on lookup."""
        raw = self._domain_raw
        for domain, source in _body_rows("sites_of_concern.csv"):
            raw.setdefault(domain, []).append(("concern", source))
        for domain in _read("specious_sites_unreliable.txt").split():
            raw.setdefault(domain, []).append(("specious", ""))
        for domain, pc1 in _body_rows("lin2023_domain_pc1.csv"):
            raw.setdefault(domain, []).append(("lin", pc1))

    def _labels_for(self, host: str) -> list[Label]:
        out = list(self._domain_labels.get(host, ()))
        for kind, value in self._domain_raw.get(host, ()):
            if kind == "concern":
                out.append(lists.concern_label(host, value, self.lists["sites_of_concern.csv"]))
            elif kind == "specious":
                out.append(lists.specious_label(host, self.lists["specious_sites_unreliable.txt"]))
            else:
                out.append(lists.lin_label(host, float(value), self.lists["lin2023_domain_pc1.csv"]))
        return out

    # -- lookups ----------------------------------------------------------------------------
    def _outlet(self, key: str, first: list[Label] = ()) -> Outlet:
        e = self._entries[key]
        labels: dict[tuple[str, str], Label] = {}
        for lab in [*first, *(x for d in e.domains for x in self._labels_for(d)), *e.labels]:
            labels.setdefault((lab.list, lab.label), lab)
        return Outlet(name=e.name, domain=e.domains[0] if e.domains else None, aliases=tuple(e.aliases),
                      domains=tuple(e.domains), country=e.country, labels=tuple(labels.values()), parent=e.parent)

    def by_name(self, name: str) -> Outlet | None:
        """Exact match on a name or alias after normalisation; "The X" and "X" match for multi-word X."""
        n = normalise_name(name or "")
        tries = [n]
        if n.startswith("the ") and " " in n[4:]:
            tries.append(n[4:])
        elif " " in n:
            tries.append("the " + n)
        for t in tries:
            hit = self._names.get(t)
            if hit and hit[1]:
                return self._outlet(hit[1])
        return None

    def by_domain(self, domain_or_url: str) -> Outlet | None:
        """Strips ``www.``, walks up subdomains (not into hosting platforms); listed-only domains give an
        Outlet named after the domain that carries just the lists' labels."""
        host = host_of(domain_or_url or "")
        if not host:
            return None
        found: list[Label] = []
        listed = None
        for h in parent_hosts(host):
            if h in self._domains:
                return self._outlet(self._domains[h], found)
            here = self._labels_for(h)
            if here:
                found.extend(here)
                listed = listed or h
        if listed is None:
            return None
        uniq: dict[tuple[str, str], Label] = {}
        for lab in found:
            uniq.setdefault((lab.list, lab.label), lab)
        return Outlet(name=listed, domain=listed, domains=(listed,), labels=tuple(uniq.values()))

    def is_outlet(self, name: str) -> bool:
        """Conservative yes/no for the credit rules: a known name, or a listed domain that is not a platform."""
        s = (name or "").strip()
        if looks_like_domain(s):
            return host_of(s) not in PLATFORM_HOSTS and self.by_domain(s) is not None
        return self.by_name(s) is not None

    def lookup(self, query: str) -> Outlet | None:
        """A name, a domain or a URL."""
        q = (query or "").strip()
        if not q:
            return None
        if "://" in q or ("/" in q and " " not in q):
            return self.by_domain(q)
        if looks_like_domain(q):
            return self.by_domain(q) or self.by_name(q)
        return self.by_name(q)
