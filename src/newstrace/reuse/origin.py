"""Evidence for which member of a story is the origin, and the choice made from it.

Each piece of evidence is an OriginEvidence(kind, detail, weight) a reader can check against the
pages. Weights: a credit line naming a member's outlet outranks a publication date (dates on copies
are often the copy's own, and an origin's date may be its last update); containment asymmetry is weak.
The crawl date is never evidence: a page can be crawled years after it was published.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from collections.abc import Sequence

from newstrace.model import Article, Match, OriginEvidence
from newstrace.reuse.edits import CREDIT_LINE

_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'-]{1,40}[,.]?\s.{0,30}?(?:/([A-Za-z][\w .-]{1,30})/|\(([A-Za-z][\w .-]{1,30})\))")

RULE = "reuse.origin.v1"
W_DATE, W_DATE_TIE, W_CREDIT, W_CREDITS_OTHER = 1.0, 0.3, 1.5, -0.5
W_CANONICAL, W_PUBLISHER, W_CONTAIN, CONTAIN_GAP, W_LISTED = 1.0, 0.5, 0.05, 0.2, 0.25


def date_key(a: Article) -> str | None:
    return a.published.date if a.published and a.published.date else None


def before(x: str, y: str) -> bool:
    """True when date ``x`` is strictly earlier than ``y`` at their common precision."""
    n = min(len(x), len(y))
    return x[:n] < y[:n]


def _domains(outlet) -> set[str]:
    return {d.lower() for d in (outlet.domain, *outlet.domains) if d} if outlet else set()


def _on_domain(domain: str | None, domains: set[str]) -> bool:
    d = (domain or "").lower()
    return bool(d) and any(d == x or d.endswith("." + x) for x in domains)


def _names(a: Article) -> set[str]:
    names = {a.site_name} if a.site_name else set()
    if a.publisher:
        names |= {a.publisher.name, *a.publisher.aliases}
    return {n.strip().lower() for n in names if n}


def _date_evidence(arts: dict[str, Article], ev: dict[str, list[OriginEvidence]]) -> None:
    dated = {p: d for p in arts if (d := date_key(arts[p]))}
    if len(dated) < 2:
        return
    earliest = [p for p, d in dated.items() if not any(before(e, d) for e in dated.values())]
    for p in earliest:
        a = arts[p]
        if len(earliest) == 1:
            ev[p].append(OriginEvidence("published_date", f"earliest publication date {dated[p]} "
                                        f"({a.published.source}) of {len(dated)} dated members", W_DATE))
        else:
            ev[p].append(OriginEvidence("published_date", f"shares the earliest date {dated[p]} with "
                                        f"{len(earliest) - 1} other member(s)", W_DATE_TIE))


def _credit_evidence(arts: dict[str, Article], ev: dict[str, list[OriginEvidence]]) -> None:
    for x, ax in arts.items():
        for c in ax.credits:
            doms, name = _domains(c.outlet), (c.outlet.name if c.outlet else c.name).strip().lower()
            if _on_domain(ax.domain, doms) or name in _names(ax):
                continue  # an outlet crediting itself says nothing about who copied whom
            ev[x].append(OriginEvidence("credit_line", f"credits another outlet: {c.text!r}", W_CREDITS_OTHER))
            for y, ay in arts.items():
                if y == x:
                    continue
                if _on_domain(ay.domain, doms) or (name and name in _names(ay)):
                    ev[y].append(OriginEvidence("credit_line", f"{ax.url or x} credits it: {c.text!r}", W_CREDIT))
                if ay.publisher and (doms & _domains(ay.publisher) or name in _names(ay)) \
                        and not _on_domain(ay.domain, doms):
                    ev[y].append(OriginEvidence("publisher_matches_credit",
                                                f"publisher {ay.publisher.name} is the outlet credited by "
                                                f"{ax.url or x}", W_PUBLISHER))


def outlet_names(a: Article) -> set[str]:
    names = set(_names(a))
    if a.domain:
        labels = a.domain.lower().removeprefix("www.").split(".")
        if len(labels) >= 2 and len(labels[-2]) >= 3:
            names.add(labels[-2])
    return {n for n in names if len(n) >= 3}


def _credit_texts(a: Article) -> list[str]:
    """Short body lines that credit a source (credit lines, agency datelines such as "MOSCOW. /TASS/.")."""
    out = []
    for p in a.body:
        if len(p) < 200 and CREDIT_LINE.search(p):
            out.append(p)
        elif m := _DATELINE.match(p):
            out.append(m.group(1) or m.group(2))
    return out


def _squash(s: str) -> str:
    return re.sub(r"[^\w]|_", "", s.lower())


@dataclass(frozen=True, slots=True)
class TextCredits:
    """Credit lines of each member and outlet names of each domain, computed once per story.
    Names are compared squashed ("Raven Post" ~ raven-post.blog) when five letters or longer, else
    as whole words."""

    lines: dict[str, tuple[tuple[str, str], ...]]  # page_id -> (line, squashed line)
    names: dict[str, tuple[frozenset[str], re.Pattern]]  # domain -> (squashed names, word pattern)

    def find(self, x: Article, domain: str | None) -> str | None:
        """The credit line of ``x`` that names the outlet at ``domain``, if any."""
        if not domain or domain == x.domain or domain not in self.names:
            return None
        squashed, words = self.names[domain]
        for line, sq in self.lines.get(x.page_id, ()):
            if any(n in sq for n in squashed) or words.search(line):
                return line
        return None


def text_credits(arts: dict[str, Article]) -> TextCredits:
    by_domain: dict[str, set[str]] = {}
    for a in arts.values():
        if a.domain:
            by_domain.setdefault(a.domain, set()).update(outlet_names(a))
    names = {d: (frozenset(q for n in ns if len(q := _squash(n)) >= 5),
                 re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(ns))) + r")\b", re.I))
             for d, ns in by_domain.items() if ns}
    lines = {p: tuple((ln, _squash(ln)) for ln in _credit_texts(a)) for p, a in arts.items()}
    return TextCredits({p: ls for p, ls in lines.items() if ls}, names)


def _text_credit_evidence(arts: dict[str, Article], tc: TextCredits, ev: dict[str, list[OriginEvidence]]) -> None:
    """Credit lines found in the text itself, for credits the extractor left unresolved."""
    by_domain: dict[str, list[str]] = {}
    for p, a in arts.items():
        if a.domain:
            by_domain.setdefault(a.domain, []).append(p)
    for x in tc.lines:
        ax = arts[x]
        credited = False
        for d, members in by_domain.items():
            if not (line := tc.find(ax, d)):
                continue
            credited = True
            for y in members:
                if not any(e.detail.startswith(f"{ax.url or x} credits it") for e in ev[y]):
                    ev[y].append(OriginEvidence("credit_line", f"{ax.url or x} credits it in its text: {line[:80]!r}",
                                                W_CREDIT))
        if credited:
            ev[x].append(OriginEvidence("credit_line", "credits another outlet (text)", W_CREDITS_OTHER))


def _canonical_evidence(arts: dict[str, Article], ev: dict[str, list[OriginEvidence]]) -> None:
    by_url = {a.url: p for p, a in arts.items() if a.url}
    for x, ax in arts.items():
        y = by_url.get(ax.canonical_url or "")
        if y and y != x:
            ev[y].append(OriginEvidence("canonical_url", f"{ax.url or x} declares it canonical", W_CANONICAL))


def _containment_evidence(arts: dict[str, Article], matches: Sequence[Match],
                          ev: dict[str, list[OriginEvidence]]) -> None:
    for m in matches:
        if m.containment_ab - m.containment_ba >= CONTAIN_GAP:
            big, small, cs, cb = m.b, m.a, m.containment_ab, m.containment_ba
        elif m.containment_ba - m.containment_ab >= CONTAIN_GAP:
            big, small, cs, cb = m.a, m.b, m.containment_ba, m.containment_ab
        else:
            continue
        ev[big].append(OriginEvidence("containment", f"holds {cs:.0%} of {arts[small].url or small}, "
                                      f"which holds {cb:.0%} of it", W_CONTAIN))


def _listed_evidence(arts: dict[str, Article], ev: dict[str, list[OriginEvidence]]) -> None:
    """A publisher found in the shipped outlet lists (a known newsroom) against unlisted sites: weak,
    a tie-break before text similarity, since newsrooms originate far more than they copy."""
    listed = {p for p, a in arts.items() if a.publisher and a.publisher.labels}
    if not listed or len(listed) == len(arts):
        return
    for p in listed:
        pub = arts[p].publisher
        ev[p].append(OriginEvidence("publisher_listed", f"publisher {pub.name} is in "
                                    f"{len({lb.list for lb in pub.labels})} outlet list(s); "
                                    f"{len(arts) - len(listed)} member(s) are not", W_LISTED))


def _update_order(arts: dict[str, Article], matches: Sequence[Match]) -> dict[str, int]:
    """Per member, how many same-domain members contain its text while it lacks theirs: an outlet
    updating a story usually adds to it, so the first version is the one its updates contain."""
    out = {p: 0 for p in arts}
    for m in matches:
        da, db = (arts[m.a].domain or "").lower(), (arts[m.b].domain or "").lower()
        if not da or da != db:
            continue
        if m.containment_ab - m.containment_ba >= 0.03:
            out[m.a] += 1
        elif m.containment_ba - m.containment_ab >= 0.03:
            out[m.b] += 1
    return out


def origin_scores(arts: dict[str, Article], matches: Sequence[Match],
                  tc: TextCredits | None = None) -> dict[str, list[OriginEvidence]]:
    ev: dict[str, list[OriginEvidence]] = {p: [] for p in arts}
    _date_evidence(arts, ev)
    _credit_evidence(arts, ev)
    _text_credit_evidence(arts, tc or text_credits(arts), ev)
    _canonical_evidence(arts, ev)
    _containment_evidence(arts, matches, ev)
    _listed_evidence(arts, ev)
    return ev


def _total(evs: list[OriginEvidence]) -> float:
    """Containment is reported but not scored: a padded copy contains its source just as a source
    contains its excerpt, so asymmetry alone cannot say who came first (centrality breaks ties)."""
    return sum(e.weight for e in evs if e.kind != "containment")


def centrality(arts: dict[str, Article], matches: Sequence[Match]) -> dict[str, float]:
    """Summed similarity to the other members: copies are made from the origin, so among members
    with equal evidence (an outlet's successive versions) the one the copies resemble most is first."""
    c = {p: 0.0 for p in arts}
    for m in matches:
        c[m.a] += m.jaccard
        c[m.b] += m.jaccard
    return c


def pick_origin(arts: dict[str, Article], ev: dict[str, list[OriginEvidence]],
                matches: Sequence[Match] = ()) -> tuple[str, float, list[OriginEvidence]]:
    """(origin page_id, confidence, evidence incl. conflicts). Ties go to an outlet's first version
    (see _update_order), then the member most like the others, the earlier date, the page_id."""
    cent = centrality(arts, matches)
    first_version = _update_order(arts, matches)

    def key(p: str) -> tuple:
        d = date_key(arts[p])
        return (-round(_total(ev[p]), 6), -first_version[p], -round(cent[p], 3), d is None, d or "", p)

    ranked = sorted(arts, key=key)
    origin = ranked[0]
    evidence = [e for e in ev[origin] if e.weight > 0]
    odom = (arts[origin].domain or "").lower()
    for p in ranked[1:]:
        if odom and (arts[p].domain or "").lower() == odom:
            continue  # the origin outlet's own other versions: not a conflict about who is first
        for e in ev[p]:
            if e.weight >= W_DATE and e.kind in ("published_date", "credit_line", "canonical_url"):
                evidence.append(OriginEvidence("conflict", f"{e.kind} points to {arts[p].url or p}: {e.detail}",
                                               -e.weight))
    top = _total(ev[origin])
    second = max((_total(ev[p]) for p in ranked[1:]), default=0.0)
    if top <= 0:
        confidence = 0.3 if len(arts) > 1 else 0.5
    else:
        confidence = 0.5 + 0.49 * math.tanh(top - max(second, 0.0))
    if any(e.kind == "conflict" for e in evidence):
        confidence *= 0.8
    return origin, round(confidence, 3), evidence
