"""Stories from verified matches: components, origin with evidence, copy tree, relations, edits.

The origin is chosen from evidence a reader can check: publication dates (never the crawl date),
credit lines naming a member's outlet, canonical URLs pointing at a member, the publisher matching a
credited outlet, and containment asymmetry. The copy tree is a maximum spanning tree grown from the
origin (Prim), on text similarity plus credit/date evidence, so a copy of a copy becomes a chain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import xxhash

from newstrace import __version__
from newstrace.model import Article, Edit, Match, Story, StoryMember
from newstrace.reuse.align import align
from newstrace.reuse.edits import RULE as EDITS_RULE
from newstrace.reuse.edits import diff
from newstrace.reuse.edit_headline import headline_edit
from newstrace.reuse.edit_outlets import _site_key as outlet_key
from newstrace.reuse.edit_outlets import _squash
from newstrace.reuse.origin import (TextCredits, before, date_key, origin_scores, outlet_names, pick_origin, site_key,
                                    text_credits)
from newstrace.reuse.text import Shingled, shingle_article

RULE = "reuse.lineage.v2"  # v2: reverted-headline penalty and a re-parenting sweep in copy_tree
EXCERPT_BELOW = 0.6  # share of the source found in a member below which the member is an excerpt
ORIGIN_PRIOR = 0.5  # a member is taken from the origin unless text or credits say otherwise
MIN_NOVEL = 3.0  # weighted shingles two members share that the origin lacks, before one is the other's source
W_INHERIT = 1.5  # outweighs a credit naming the origin's outlet: copies of copies keep or add those too
PARTIAL_SOURCE, W_PARTIAL_SOURCE = 0.4, 1.0  # a member lacking 40% of the story's core text is a teaser
W_SAME_MARK = 0.6  # per mark (edited headline, credit line) a member shares with its candidate source only
W_CREDIT_EXPLAINED = 1.0  # as much as a credit naming the candidate's outlet (see _edge_score)
W_REVERTED = 2.0  # as much as body text the origin has, the child kept and the source dropped


def components(pairs: Iterable[tuple[str, str]], nodes: Iterable[str] = ()) -> list[list[str]]:
    """Connected components (union-find), each sorted, ordered by smallest member: the same result
    as the min-label propagation (large-star/small-star) a DataFrame engine would run."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for n in nodes:
        parent.setdefault(n, n)
    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for n in parent:
        groups.setdefault(find(n), []).append(n)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def story_id(origin_page_id: str) -> str:
    return "s" + xxhash.xxh3_64_hexdigest(origin_page_id.encode())


def _edge_score(parent: Article, child: Article, sim: float, tc: TextCredits, inherited: float = 0.0,
                impossible: bool = False, reverted: bool = False) -> float:
    """How well ``parent`` explains ``child``: inherited edits (see _inheritance), credit and
    canonical evidence, similarity as a tie-break, minus a date that says the parent came later and
    minus a headline the child would have had to change back to the origin's word for word."""
    score = sim + inherited - (2.0 if impossible else 0.0) - (W_REVERTED if reverted else 0.0)
    pdom = (parent.domain or "").lower()
    if pdom and any(c.outlet and pdom in {d.lower() for d in (c.outlet.domain, *c.outlet.domains) if d}
                    for c in child.credits):
        score += 1.0
    elif tc.find(child, parent.domain):
        score += 1.0
    if child.canonical_url and parent.url and child.canonical_url == parent.url:
        score += 0.5
    dp, dc = date_key(parent), date_key(child)
    if dp and dc and before(dc, dp):
        score -= 1.0
    return score


def copy_tree(origin: str, arts: dict[str, Article], matches: Sequence[Match],
              docs: dict[str, Shingled], ignore: np.ndarray | None = None,
              tc: TextCredits | None = None) -> dict[str, str]:
    """child page_id -> parent page_id. Members are placed in order of similarity to the origin;
    each picks the best-scoring already-placed member it matched, so a chain is found top-down."""
    adj: dict[str, dict[str, float]] = {p: {} for p in arts}
    for m in matches:
        adj[m.a][m.b] = adj[m.b][m.a] = m.jaccard
    ev = _inheritance(origin, arts, docs, ignore)
    shared_marks = _marks(origin, arts)
    tc = tc or text_credits(arts)
    order = sorted((p for p in arts if p != origin), key=lambda p: (-adj[origin].get(p, 0.0), p))
    titles = {p: _norm_line(a.title) for p, a in arts.items()}
    changed: dict[str, bool] = {}

    def reverted(u: str, v: str) -> bool:
        """``v`` has the origin's headline word for word and ``u`` a changed one (not a title its extractor
        got wrong: headline_edit sets those aside), so ``v`` would have had to change it back."""
        if not titles[v] or titles[v] != titles[origin] or titles[u] == titles[origin]:
            return False
        if u not in changed:
            changed[u] = headline_edit(arts[origin], arts[u]) is not None
        return changed[u]

    def best(v: str, cands: Iterable[str]) -> str:
        scored = [(_edge_score(arts[u], arts[v], adj[v][u], tc, *(ev(u, v) if u != origin else (0, False)),
                               reverted=reverted(u, v))
                   + (ORIGIN_PRIOR if u == origin else shared_marks(u, v)), u) for u in cands]
        return max(scored, key=lambda t: (t[0], t[1] == origin, t[1]))[1]

    parent: dict[str, str] = {}
    placed = {origin}
    for v in order:
        # The origin is always a candidate: in a big story the band join pairs most members with
        # a bucket anchor only, so a missing edge to the origin says nothing.
        if origin not in adj[v]:
            adj[v][origin] = _jaccard(docs[v], docs[origin])
        parent[v] = best(v, [u for u in adj[v] if u in placed])
        placed.add(v)
    # Placing by similarity to the origin gives a member only the members placed before it as sources;
    # a copy of a later-placed member (it changed less of the text, or another extractor read it)
    # gets its true source in one more sweep, among all members except its own descendants.
    for v in order:
        parent[v] = best(v, [u for u in adj[v] if not _runs_through(u, v, parent)])
    return parent


def _runs_through(u: str, v: str, parent: dict[str, str]) -> bool:
    """Does ``u``'s chain of sources pass through ``v`` (so ``u`` cannot be ``v``'s source)?"""
    while u is not None:
        if u == v:
            return True
        u = parent.get(u)
    return False


def _set_match(a: Shingled, b: Shingled) -> Match:
    """Containment both ways on shingle sets, for a tree edge the band join did not pair."""
    inter = len(np.intersect1d(a.unique, b.unique, assume_unique=True))
    return Match(a.page_id, b.page_id, inter / max(1, len(a.unique)), inter / max(1, len(b.unique)),
                 inter / max(1, len(a.unique) + len(b.unique) - inter))


def _jaccard(a: Shingled, b: Shingled) -> float:
    inter = len(np.intersect1d(a.unique, b.unique, assume_unique=True))
    return inter / max(1, len(a.unique) + len(b.unique) - inter)


def _inheritance(origin: str, arts: dict[str, Article], docs: dict[str, Shingled], ignore: np.ndarray | None):
    """Evidence that ``v`` was copied from ``u`` rather than from the origin: text both added
    (absent from the origin); and whether ``v`` holds origin text that ``u`` dropped, which rules
    ``u`` out. Only origin text most members carry counts as droppable, so an extractor's leftovers
    on the origin page do not look like everybody's deletion. (Shared deletions alone proved weak
    evidence: excerpts and truncations share them by chance.)"""
    o = arts[origin]  # title and standfirst too: extractors disagree on where a standfirst belongs
    base = shingle_article(Article(source=o.source, page_id=origin, body=o.parts()), docs[origin].k).unique
    if ignore is not None and len(ignore):
        base = np.union1d(base, ignore)
    body = docs[origin].unique
    counts = sum(np.isin(body, docs[p].unique, assume_unique=True).astype(np.int32) for p in arts)
    core = body[counts * 2 >= len(arts)]
    missing = {p: np.setdiff1d(core, docs[p].unique, assume_unique=True) for p in arts}
    novel = _novel(arts, docs, base)
    partial = {p for p in arts if len(core) >= 10 and len(missing[p]) > PARTIAL_SOURCE * len(core)}

    def evidence(u: str, v: str) -> tuple[float, bool]:
        (nu, wu), (nv, _) = novel[u], novel[v]
        both = np.isin(nu, nv, assume_unique=True)
        weight = float(wu[both].sum())  # each shared shingle counts 2/df: stock text many carry counts little
        extra = len(nu) - int(np.isin(nu, docs[v].unique, assume_unique=True).sum())  # u's own text v lacks
        score = W_INHERIT + min(weight, 30) / 20 - min(extra, 30) / 30 if weight >= MIN_NOVEL else 0.0
        if u in partial and weight < MIN_NOVEL:
            score -= W_PARTIAL_SOURCE  # a teaser links to the full text: copies are made from that
        mu, mv = missing[u], missing[v]
        impossible = len(mu) >= 5 and len(mu) - len(np.intersect1d(mu, mv, assume_unique=True)) > 0.5 * len(mu)
        return score, impossible

    return evidence


def _novel(arts: dict[str, Article], docs: dict[str, Shingled],
           base: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per member: its shingles the origin lacks, each with weight 2/df (df: members carrying it), so a
    shingle only two members share weighs 1 and a stock paragraph many copies added weighs little.
    Shingles two members of one site share are that site's furniture, not an inherited edit."""
    nov = {p: np.setdiff1d(docs[p].unique, base, assume_unique=True) for p in arts}
    allv = np.concatenate([v for v in nov.values()] or [np.empty(0, np.uint64)])
    keys, df = np.unique(allv, return_counts=True)
    by_site: dict[str, list[str]] = {}
    for p, a in arts.items():
        if site_key(a):
            by_site.setdefault(site_key(a), []).append(p)
    furniture = [np.unique(np.concatenate([nov[p] for p in ps]), return_counts=True) for ps in by_site.values()
                 if len(ps) >= 2]
    site_sh = np.unique(np.concatenate([k[c >= 2] for k, c in furniture] or [np.empty(0, np.uint64)]))
    out = {}
    for p, n in nov.items():
        n = n[~np.isin(n, site_sh)] if len(site_sh) else n
        out[p] = (n, 2.0 / np.maximum(df[np.searchsorted(keys, n)], 2))
    return out


def _norm_line(s: str | None) -> str:
    return " ".join("".join(ch for ch in (s or "").lower() if ch.isalnum() or ch.isspace()).split())


def _marks(origin: str, arts: dict[str, Article]):
    """Marks a copy passes on that body shingles miss: an edited headline, a credit line's exact
    wording. Each counts only when the origin lacks it, and the less the more members carry it (a rare
    mark is inherited; a common one, like a stock credit form, is chance)."""
    def marks_of(a: Article) -> set[str]:
        out = {"t:" + t} if (t := _norm_line(a.title)) else set()
        return out | {"c:" + c for cr in a.credits if (c := _norm_line(cr.text))}

    own = {p: marks_of(a) for p, a in arts.items()}
    counts: dict[str, int] = {}
    for ms in own.values():
        for m in ms:
            counts[m] = counts.get(m, 0) + 1
    rare = {p: ms - own[origin] for p, ms in own.items()}

    def shared(u: str, v: str) -> float:
        """Score for ``u`` as ``v``'s source, each mark weighted 2/df (df: members carrying it). A credit
        line ``v`` shares word for word with ``u`` is explained by ``u`` as well as by the outlet it
        names, so ``u`` gets that credit's weight too."""
        both = rare[u] & rare[v]
        return sum(2.0 / counts[m] * (W_SAME_MARK + (W_CREDIT_EXPLAINED if m.startswith("c:") else 0.0))
                   for m in both)

    return shared


def _member(a: Article, relation: str, parent: Article | None, containment: float, edits: list) -> StoryMember:
    return StoryMember(page_id=a.page_id, url=a.url, relation=relation,
                       copied_from=parent.page_id if parent else None, copied_from_url=parent.url if parent else None,
                       containment=round(containment, 4), edits=edits, domain=a.domain,
                       published=a.published.date if a.published else None, title=a.title)


def _relation(parent: Article, child: Article, m: Match) -> tuple[str, float]:
    """(relation, share of the child found in the parent)."""
    child_in_parent = m.containment_ab if m.a == child.page_id else m.containment_ba
    parent_in_child = m.containment_ba if m.a == child.page_id else m.containment_ab
    same_domain = bool(parent.domain and child.domain) and site_key(parent) == site_key(child)  # www. or not
    same_outlet = parent.publisher and child.publisher and parent.publisher.name == child.publisher.name \
        and parent.publisher.name != (parent.domain or "")  # a resolved outlet, not a bare domain
    if same_domain or same_outlet:
        return "version", child_in_parent
    return ("excerpt" if parent_in_child < EXCERPT_BELOW else "copy"), child_in_parent


@dataclass(slots=True)
class EditMemo:
    """Edits of (source, copy) tree edges from earlier builds, for an incremental update: it rebuilds a
    touched story whole (a new member can change the origin and the tree), but an edge whose inputs
    are unchanged takes its edits from here (diff and its alignment are about half a story's cost).

    What diff reads: the two pages (their stored records: ``digests``), the code, and the outlet names
    of the whole story (edit_outlets.outlets_of: a credit naming another member's outlet resolves to
    its domain). Names the story gained since change nothing unless a page of the edge holds one of
    them or a new outlet's domain (it could resolve now), or they join outlets that were apart before
    (the outlet a domain resolves to could change); the edge is recomputed then."""

    digests: dict[str, str]  # page_id -> digest of its stored record; pages without one are not memoised
    known: dict[tuple[str, str], tuple[str, list[Edit], int]] = field(default_factory=dict)  # (source, copy) ->
    # (key, edits, index into ``before``)
    before: list[tuple[str, ...]] = field(default_factory=list)  # members of each earlier story
    made: dict[tuple[str, str], str] = field(default_factory=dict)  # keys of the edges this build used

    def for_story(self, arts: dict[str, Article], page_names: dict[str, frozenset[str]]):
        """``edits(source, copy, compute)`` for one story's edges (``page_names``: see _page_names)."""
        now = _name_pairs(arts, page_names, arts)
        canon_now = _canon(now)
        gained: dict[int, tuple[set[str], set[str]] | None] = {}
        texts: dict[str, str] = {}

        def gained_since(i: int) -> tuple[set[str], set[str]] | None:
            """(names, squashed outlet keys) the story gained since build ``i``; None: recompute all."""
            if i not in gained:
                gained[i] = None
                if all(p in arts for p in self.before[i]):
                    old = _name_pairs(arts, page_names, self.before[i])
                    if old <= now and all(canon_now[k] == c for k, c in _canon(old).items()):
                        names_, keys = {n for n, _ in old}, {k for _, k in old}  # an old name on a new outlet
                        # resolves as before (the canon check): only new names and new domains can match anew
                        gained[i] = ({n for n, _ in now if n not in names_},
                                     {_squash(k) for _, k in now if k not in keys})
            return gained[i]

        def unchanged(i: int, source: str, copy: str) -> bool:
            new = gained_since(i)
            if new is None:
                return False
            if not new[0] and not new[1]:
                return True
            both = "\0".join(texts.setdefault(p, _squashed_text(arts[p])) for p in (source, copy))
            return not any(x in both for part in new for x in part)

        def edits(source: str, copy: str, compute: Callable[[], list[Edit]]) -> list[Edit]:
            ds, dc = self.digests.get(source), self.digests.get(copy)
            if ds is None or dc is None:
                return compute()
            key = xxhash.xxh3_64_hexdigest(f"{MEMO_VERSION}|{ds}|{dc}".encode())
            self.made[(source, copy)] = key
            hit = self.known.get((source, copy))
            return hit[1] if hit is not None and hit[0] == key and unchanged(hit[2], source, copy) else compute()

        return edits


def _name_pairs(arts: dict[str, Article], page_names: dict[str, frozenset[str]],
                pages: Iterable[str]) -> set[tuple[str, str]]:
    """(name, outlet key) of ``pages``, as outlets_of keys the story's names."""
    return {(n, outlet_key(arts[p].domain)) for p in pages if arts[p].domain for n in page_names[p]}


def _canon(pairs: set[tuple[str, str]]) -> dict[str, str]:
    """Outlet key -> the key it resolves to, outlets sharing a name being one (the least key), as
    outlets_of joins them."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    first: dict[str, str] = {}
    for n, k in sorted(pairs):
        a, b = find(first.setdefault(n, k)), find(k)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {k: find(k) for _, k in pairs}


MEMO_VERSION = f"{__version__}|{RULE}|{EDITS_RULE}"  # a new release recomputes every memoised edit


def _page_names(a: Article) -> frozenset[str]:
    """A page's outlet names, squashed as outlets_of squashes a line, five letters or more."""
    return frozenset(q for n in outlet_names(a) if len(q := _squash(n)) >= 5)


def _by_domain(arts: dict[str, Article], page_names: dict[str, frozenset[str]]) -> dict[str | None, frozenset[str]]:
    """The story's names by domain: what diff reads of the whole story."""
    out: dict[str | None, frozenset[str]] = {}
    for p, a in arts.items():
        out[a.domain] = out.get(a.domain, frozenset()) | page_names[p]
    return out


def _squashed_text(a: Article) -> str:
    """Every string of a page diff may look a name up in, squashed like the names."""
    def outlet(o) -> list[str]:
        return [o.name, *o.aliases, o.domain or "", *o.domains] if o else []

    parts = [a.title, a.standfirst, a.byline, a.site_name, a.domain, a.url, a.canonical_url, *a.body,
             *(b.text for b in a.boilerplate), *outlet(a.publisher)]
    for c in a.credits:
        parts += [c.text, c.name, *outlet(c.outlet)]
    return "\0".join(_squash(p) for p in parts if p)  # as outlets_of squashes a line


def build_story(articles: Sequence[Article], matches: Sequence[Match], shingle: int,
                ignore: np.ndarray | None = None, memo: EditMemo | None = None) -> Story:
    """One story from the articles of a component and the verified matches among them. ``memo``:
    edits of unchanged edges from an earlier build (see EditMemo); the story is the same either way."""
    arts = {a.page_id: a for a in sorted(articles, key=lambda a: a.page_id)}
    matches = sorted((m for m in matches if m.a in arts and m.b in arts), key=lambda m: (m.a, m.b))
    tc = text_credits(arts)
    scores = origin_scores(arts, matches, tc)
    origin, confidence, evidence = pick_origin(arts, scores, matches, tc)
    sh = {p: shingle_article(a, shingle) for p, a in arts.items()}
    tree = copy_tree(origin, arts, matches, sh, ignore, tc)
    by_pair = {(m.a, m.b): m for m in matches} | {(m.b, m.a): m for m in matches}
    members = [_member(arts[origin], "origin", None, 1.0, [])]
    page_names = {p: _page_names(a) for p, a in arts.items()}
    names_by_domain = _by_domain(arts, page_names)
    reuse = memo.for_story(arts, page_names) if memo is not None and ignore is None else None
    for child in sorted(tree, key=lambda c: (_depth(c, tree), c)):
        p = tree[child]
        src, cpy = arts[p], arts[child]
        s_sh, c_sh = sh[p], sh[child]
        relation, cont = _relation(src, cpy, by_pair.get((p, child)) or _set_match(s_sh, c_sh))

        def compute(src=src, cpy=cpy, s_sh=s_sh, c_sh=c_sh) -> list[Edit]:
            return diff(src, cpy, s_sh, c_sh, align(s_sh, c_sh, ignore), names_by_domain)

        edits = reuse(p, child, compute) if reuse is not None else compute()
        members.append(_member(cpy, relation, src, cont, edits))
    return Story(story_id(origin), origin, arts[origin].url, confidence, evidence, members)


def _depth(node: str, tree: dict[str, str]) -> int:
    d = 0
    while node in tree:
        node, d = tree[node], d + 1
    return d


__all__ = ["EXCERPT_BELOW", "EditMemo", "build_story", "components", "copy_tree", "story_id"]
