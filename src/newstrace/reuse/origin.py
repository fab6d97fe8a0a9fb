"""Evidence for which member of a story is the origin, and the choice made from it.

Each piece of evidence is an OriginEvidence(kind, detail, weight) a reader can check against the
pages. Weights: a credit line naming a member's outlet outranks a publication date (dates on copies
are often the copy's own, and an origin's date may be its last update); containment asymmetry is weak.
The crawl date is never evidence: a page can be crawled years after it was published.

Credits, canonical links, dates and an outlet's update notices are also read as ordering edges
("this page came before that one", see precedence): a credit proves the credited page preceded the
crediting one, not that it started the story. The origin is then the member the evidence places
before the most members and after the fewest, among members holding the story's text (not excerpts
or listings); every disagreement is reported as a "conflict" entry.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newstrace.extract.credits import RULE_NOTICE
from newstrace.model import Article, Match, OriginEvidence
from newstrace.reuse.edits import CREDIT_LINE

_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'-]{1,40}[,.]?\s.{0,30}?(?:/([A-Za-z][\w .-]{1,30})/|\(([A-Za-z][\w .-]{1,30})\))")

RULE = "reuse.origin.v2"
W_DATE, W_DATE_TIE, W_CREDIT, W_CREDITS_OTHER = 1.0, 0.3, 1.5, -0.5
W_CANONICAL, W_PUBLISHER, W_CONTAIN, CONTAIN_GAP, W_LISTED = 1.0, 0.5, 0.05, 0.2, 0.25
PARTIAL_BELOW = 0.5
W_UPDATE, W_ORDER = 0.5, 1.0  # W_ORDER: per member placed after (before) the candidate


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
    """Short body lines that credit a source (credit lines, agency datelines such as "MOSCOW. /TASS/."), and
    what extraction moved out of the body's end: credits it could not resolve ("H/T: Truth Insider"), whose
    outlet may be a member's site no outlet list knows, and copyright notices ("© 2023 Truth Insider"),
    read as the body lines they were."""
    out = [c.text for c in a.credits if c.outlet is None and c.text]
    for p in [*a.body, *(b.text for b in a.boilerplate if b.rule == RULE_NOTICE)]:
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


def site_key(a: Article) -> str:
    """The domain without "www.": a WET record and an HTML page of one outlet may differ only in that."""
    return (a.domain or "").lower().removeprefix("www.")


def _update_order(arts: dict[str, Article], matches: Sequence[Match]) -> dict[str, int]:
    """Per member, how many same-domain members contain its text while it lacks theirs: an outlet
    updating a story usually adds to it, so the first version is the one its updates contain."""
    out = {p: 0 for p in arts}
    for m in matches:
        da, db = site_key(arts[m.a]), site_key(arts[m.b])
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


def _credit_pairs(arts: dict[str, Article], tc: TextCredits) -> list[tuple[str, str, str]]:
    """(credited y, crediting x, credit text): a credit proves y was published before x, nothing more
    (y may itself be a copy of an earlier member)."""
    out = []
    for x, ax in arts.items():
        for c in ax.credits:
            doms, name = _domains(c.outlet), (c.outlet.name if c.outlet else c.name).strip().lower()
            if _on_domain(ax.domain, doms) or name in _names(ax):
                continue
            out += [(y, x, c.text) for y, ay in arts.items()
                    if y != x and (_on_domain(ay.domain, doms) or (name and name in _names(ay)))]
        seen = {(y, x2) for y, x2, _ in out if x2 == x}
        for y, ay in arts.items():
            if y != x and (y, x) not in seen and (line := tc.find(ax, ay.domain)):
                out.append((y, x, line[:80]))
    return out


@dataclass(slots=True)
class Precedence:
    """Who-came-before-whom among a story's members. ``net[i, j]`` > 0: the evidence that member i
    precedes member j outweighs the evidence for the reverse; ``reach`` is its transitive closure."""

    ids: list[str]
    net: np.ndarray
    reach: np.ndarray
    why: dict[tuple[str, str], list[str]]  # credit, canonical and update edges (dates: see ``dated``)
    dated: dict[str, str]  # the dates used (a date a credit contradicts is left out)
    conflicts: list[tuple[str, str, str]]  # (earlier, later, what disagreed)

    def reasons(self, u: str, v: str) -> list[str]:
        du, dv = self.dated.get(u), self.dated.get(v)
        return self.why.get((u, v), []) + ([f"date: {du} < {dv}"] if du and dv and before(du, dv) else [])


def precedence(arts: dict[str, Article], matches: Sequence[Match], tc: TextCredits) -> Precedence:
    """Ordering edges: credits and canonical links (credited/canonical page first, strong), dates
    (earlier first) and an outlet's update order (first version first, weak). A credit that contradicts
    the credited page's date discredits that date: an origin's shown date is often its last update."""
    ids = sorted(arts)
    ix = {p: i for i, p in enumerate(ids)}
    w = np.zeros((len(ids), len(ids)))
    why: dict[tuple[str, str], list[str]] = {}

    def add(u: str, v: str, weight: float, reason: str) -> None:
        w[ix[u], ix[v]] += weight
        why.setdefault((u, v), []).append(reason)

    strong = [(y, x, f"credit: {t!r}") for y, x, t in _credit_pairs(arts, tc)]
    by_url = {a.url: p for p, a in arts.items() if a.url}
    strong += [(y, x, "canonical: link") for x, ax in arts.items()
               if (y := by_url.get(ax.canonical_url or "")) and y != x]
    dated = {p: d for p in ids if (d := date_key(arts[p]) or url_date(arts[p].url))}
    conflicts, discredited = [], set()
    for y, x, reason in strong:
        add(y, x, W_CREDIT if reason.startswith("credit") else W_CANONICAL, reason)
        if y in dated and x in dated and before(dated[x], dated[y]):
            discredited.add(y)
            conflicts.append((y, x, f"{reason} vs dates {dated[y]} > {dated[x]}"))
    dated = {p: d for p, d in dated.items() if p not in discredited}
    _date_edges(dated, ix, w)
    for u, v in _update_pairs(arts, matches):
        add(u, v, W_UPDATE, "update: a later version of the same outlet")
    net = np.clip(w - w.T, 0.0, None)
    order = Precedence(ids, net, _closure(net > 0), why, dated, conflicts)
    for i, j in zip(*np.nonzero((w > 0) & (w.T > 0) & (net > 0))):
        conflicts.append((ids[i], ids[j], "; ".join(order.reasons(ids[j], ids[i])) + " says the reverse"))
    return order


_URL_DATE = re.compile(r"/((?:19|20)\d\d)([/-]?)(0[1-9]|1[0-2])(?:\2(0[1-9]|[12]\d|3[01]))?(?=[/_.-]|$)")


def url_date(url: str | None) -> str | None:
    """The date a URL path carries (/2023/04/05/, /20230405-slug, /2023-04-05/, /2023/04/ at month
    precision), for pages whose own date the extractor did not find (rule reuse.origin.url_date.v1)."""
    path = (url or "").split("?", 1)[0].split("#", 1)[0]
    path = path.split("://", 1)[-1].partition("/")[2]
    m = _URL_DATE.search("/" + path)
    if not m or (not m.group(2) and not m.group(4)):
        return None  # "/202304" alone is too easily an id
    return "-".join(g for g in (m.group(1), m.group(3), m.group(4)) if g)


def _date_edges(dated: dict[str, str], ix: dict[str, int], w: np.ndarray) -> None:
    """Earlier date -> later date, per pair of distinct dates (few per story), not per pair of members."""
    groups: dict[str, list[int]] = {}
    for p, d in dated.items():
        groups.setdefault(d, []).append(ix[p])
    for du, us in groups.items():
        for dv, vs in groups.items():
            if before(du, dv):
                w[np.ix_(us, vs)] += W_DATE


def _update_pairs(arts: dict[str, Article], matches: Sequence[Match]) -> list[tuple[str, str]]:
    """(first version, update) for members of one site: the page announcing an update follows the one
    that does not (every same-site pair: the band join may not have paired them); else, of a matched
    pair, the one holding the other's text but not the reverse (an update usually adds to a story)."""
    out, noticed = [], set()
    by_site: dict[str, list[str]] = {}
    for p in sorted(arts):
        if site_key(arts[p]):
            by_site.setdefault(site_key(arts[p]), []).append(p)
    for members in by_site.values():
        says = {p: _says_updated(arts[p]) for p in members}
        for u in members:
            for v in members:
                if says[v] and not says[u]:
                    out.append((u, v))
                    noticed.add(frozenset((u, v)))
    for m in matches:
        da, db = site_key(arts[m.a]), site_key(arts[m.b])
        if not da or da != db or frozenset((m.a, m.b)) in noticed:
            continue
        if m.containment_ab - m.containment_ba >= 0.03:
            out.append((m.a, m.b))
        elif m.containment_ba - m.containment_ab >= 0.03:
            out.append((m.b, m.a))
    return out


_UPDATED = re.compile(r"^(?:UPDATED?\b|This (?:story|article) (?:has been|was) updated|Updated (?:to|with|at|on)\b)"
                      r"|\((?:updated|update)\)\s*$", re.I)


def _says_updated(a: Article) -> bool:
    """An update notice in the title or a short body line (rule reuse.origin.update_notice.v1)."""
    return bool(a.title and _UPDATED.search(a.title.strip())) or any(
        len(ln) < 200 and _UPDATED.search(ln.strip()) for ln in a.body)


def _closure(r: np.ndarray) -> np.ndarray:
    r = r.copy()
    while True:
        nxt = r | ((r.astype(np.float32) @ r.astype(np.float32)) > 0)
        if (nxt == r).all():
            return r
        r = nxt


def _partial(arts: dict[str, Article], matches: Sequence[Match]) -> set[str]:
    """Members holding less than PARTIAL_BELOW of most of their partners' text: excerpts, teasers,
    listing pages. The story's copies share text such a page lacks, so it cannot be their origin,
    whatever its date (rule reuse.origin.partial.v1)."""
    held: dict[str, list[float]] = {p: [] for p in arts}
    for m in matches:
        held[m.a].append(m.containment_ba)  # share of b found in a
        held[m.b].append(m.containment_ab)
    return {p for p, hs in held.items() if hs and sorted(hs)[len(hs) // 2] < PARTIAL_BELOW}


def pick_origin(arts: dict[str, Article], ev: dict[str, list[OriginEvidence]], matches: Sequence[Match] = (),
                tc: TextCredits | None = None) -> tuple[str, float, list[OriginEvidence]]:
    """(origin page_id, confidence, evidence incl. conflicts). Score: the summed evidence weights plus
    how many members the ordering evidence places after it, minus how many it places before it (see
    precedence), so a credited copy in a chain does not outrank the dated page the chain started from.
    Ties go to an outlet's first version (see _update_order), the member most like the others, the
    earlier date, the page_id."""
    cent = centrality(arts, matches)
    first_version = _update_order(arts, matches)
    order = precedence(arts, matches, tc or text_credits(arts))
    pos = {p: i for i, p in enumerate(order.ids)}
    closed = order.reach & ~np.eye(len(order.ids), dtype=bool)
    after, before_ = closed.sum(axis=1), closed.sum(axis=0)
    partial = _partial(arts, matches)
    score = {p: _total(ev[p]) + W_ORDER * (int(after[pos[p]]) - int(before_[pos[p]])) for p in arts}
    if len(partial) == len(arts):
        partial = set()

    def key(p: str) -> tuple:
        d = date_key(arts[p])
        return (p in partial, -round(score[p], 6), -first_version[p], -round(cent[p], 3), d is None, d or "", p)

    ranked = sorted(arts, key=key)
    origin = ranked[0]
    oi = pos[origin]
    evidence = [e for e in ev[origin] if e.weight > 0]
    if (top := max(arts, key=lambda p: (score[p], p))) in partial and score[top] > score[origin]:
        evidence.append(OriginEvidence("conflict", f"{arts[top].url or top} scores higher ({score[top]:.1f}) but "
                                       f"holds under {PARTIAL_BELOW:.0%} of most members' text (an excerpt, "
                                       f"teaser or listing), so it cannot be their origin", -W_DATE))
    if after[oi] or before_[oi]:
        kinds = sorted({r.split(":")[0] for v in order.ids for r in order.reasons(origin, v)})
        evidence.append(OriginEvidence("precedence", f"ordering evidence ({', '.join(kinds) or 'none direct'}) "
                                       f"places it before {int(after[oi])} and after {int(before_[oi])} of "
                                       f"{len(arts) - 1} other member(s)",
                                       W_ORDER * (int(after[oi]) - int(before_[oi]))))
    evidence += _conflicts(arts, ev, ranked, order)
    return origin, _confidence(arts, score, ranked, evidence), evidence


def _conflicts(arts: dict[str, Article], ev: dict[str, list[OriginEvidence]], ranked: list[str],
               order: Precedence) -> list[OriginEvidence]:
    """Evidence that disagrees with the choice or with other evidence about the origin's place."""
    origin = ranked[0]
    out = []
    odom = (arts[origin].domain or "").lower()
    pos = {p: i for i, p in enumerate(order.ids)}
    for p in ranked[1:]:
        if odom and (arts[p].domain or "").lower() == odom:
            continue  # the origin outlet's own other versions: not a conflict about who is first
        if order.reach[pos[origin], pos[p]]:
            continue  # the evidence places the origin before p: p's credits only make a chain
        for e in ev[p]:
            if e.weight >= W_DATE and e.kind in ("published_date", "credit_line", "canonical_url"):
                out.append(OriginEvidence("conflict", f"{e.kind} points to {arts[p].url or p}: {e.detail}",
                                          -e.weight))
    for u, v, what in order.conflicts:
        if origin in (u, v):
            out.append(OriginEvidence("conflict", f"order of {arts[u].url or u} before {arts[v].url or v}: "
                                      f"{what}", -W_UPDATE))
    return out


def _confidence(arts: dict[str, Article], score: dict[str, float], ranked: list[str],
                evidence: list[OriginEvidence]) -> float:
    """0.3 with no evidence; else 0.5 plus the margin over the runner-up, less when evidence conflicts."""
    top, second = score[ranked[0]], max((score[p] for p in ranked[1:]), default=0.0)
    if top <= 0:
        confidence = 0.3 if len(arts) > 1 else 0.5
    else:
        confidence = 0.5 + 0.49 * math.tanh(max(top - max(second, 0.0), 0.0) / 2)
    if any(e.kind == "conflict" for e in evidence):
        confidence *= 0.8
    return round(confidence, 3)
