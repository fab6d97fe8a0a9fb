"""People and organisations named in an article, one canonical name each.

No model: title + name patterns ("French President Emmanuel Macron"), speech-cue neighbours
("..., Smith said"), surnames reused alone, organisation words and appositions ("the militant
group Hamas"), a short shipped list of well-known organisations, and the article's own
parentheses ("Islamic State (IS, formerly ISIS)") for aliases. Role phrases such as
"French President" are kept as aliases so that "the president" or "the French leader" can be
resolved later by :func:`resolve_mention`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from newstrace.claims._text import CUE_RE
from newstrace.model import Article, Entity, Span

CAP = r"(?:(?:Mc[A-Z][a-z]+|[A-Z][a-z]?[A-Z][a-z]+|[A-Z][a-z]+(?:[-’'][A-Za-z]+)*)(?![A-Za-z])|[A-Z]\.)"
NAT = r"(?:U\.S\.|US|UK|[A-Z][a-z]+(?:an|ian|ese|ish|ch|i|ic|sh))"
TITLES = (
    r"(?:Vice President|President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Interior Minister|"
    r"Finance Minister|Defen[cs]e Secretary|Secretary of State|Attorney General|Secretary|Minister|Chancellor|"
    r"Senator|Sen\.|Rep\.|Representative|Congressman|Congresswoman|Gov\.|Governor|Mayor|Judge|Justice|"
    r"General|Gen\.|Dr\.|Mr\.|Mrs\.|Ms\.|King|Queen|Pope|Prince|Princess|Ambassador|Speaker|Commissioner|"
    r"Chairman|Chairwoman|Director|Professor|Prof\.|Col\.|Colonel|Lt\.|Capt\.|Captain|Sheikh|Ayatollah|"
    r"Leader|Chief|Spokesman|Spokeswoman|Sgt\.|Sergeant|Admiral|Adm\.|Cardinal|Bishop|Rabbi|Supreme Leader)"
)
LOWER_ROLES = (
    r"(?:press secretary|running mate|campaign manager|spokesman|spokeswoman|spokesperson|nominee|candidate|"
    r"secretary|manager|adviser|advisor|aide|director|chairman|chairwoman|strategist|lawyer|attorney|"
    r"official|analyst|economist|professor|leader|president|minister|senator|governor|mayor|chief|founder|"
    r"officer|commander|executive|ambassador|researcher|expert|activist|pollster|host|son|daughter|wife|"
    r"husband|father|mother|brother|sister|colleague|rival|opponent|challenger|incumbent)"
)
HEADS_OF_GOVERNMENT = ("president", "prime minister", "chancellor", "king", "queen", "supreme leader", "leader")
ORG_WORDS = frozenset(
    "Ministry Department Agency Party Council Committee Office Army Forces Force Government Times Post News "
    "Press University Inc. Inc Corp. Corp Group Bank Commission Union Organization Organisation Association "
    "Institute Foundation Company Court Service Police Campaign Administration Network Authority Coalition "
    "Federation Board Fund Club Center Centre Church Senate Congress Assembly Parliament Journal Tribune "
    "Agency Bureau Guard Navy Caucus Reserve Foundation Center Watch Movement Brigade Brigades Front "
    "Airlines Motors Media Industries Holdings Partners Trust Society Alliance Council".split()
)
KNOWN_ORGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Reuters", ()), ("Associated Press", ("AP",)), ("Agence France-Presse", ("AFP",)), ("Bloomberg", ()),
    ("Pentagon", ()), ("White House", ()), ("Kremlin", ()), ("Congress", ()), ("NATO", ()),
    ("United Nations", ("UN", "U.N.")), ("European Union", ("EU",)), ("Israel Defense Forces", ("IDF",)),
    ("Hamas", ()), ("Hezbollah", ()), ("Taliban", ()), ("FBI", ()), ("CIA", ()), ("World Health Organization", ("WHO",)),
    ("International Monetary Fund", ("IMF",)), ("Islamic State", ("ISIS", "ISIL")), ("Al-Qaeda", ("al-Qaeda", "al Qaeda")),
    ("State Department", ()), ("Justice Department", ()), ("Supreme Court", ()), ("BBC", ()), ("CNN", ()),
    ("RT", ("Russia Today",)), ("TASS", ()), ("Sputnik", ()), ("Fox News", ()), ("Secret Service", ()),
    ("NYPD", ()), ("Democratic National Committee", ("DNC",)), ("Republican National Committee", ("RNC",)),
)
PLACE_ACRONYMS = frozenset({"US", "U.S.", "UK", "U.K.", "USA", "UAE", "DC", "NY", "LA", "OK", "TV", "I", "A", "AM", "PM"})
APPOSITION_ORG = (
    r"(?:group|faction|movement|organi[sz]ation|militia|agency|company|firm|party|outlet|newspaper|"
    r"broadcaster|network|charity|union|bank|broadcaster|channel|website|think tank|watchdog)"
)
STOP_CAPS = frozenset(
    "The A An And But Or If While Although Though When Where After Before Since As At In On Of For From To By "
    "With Without It He She They We I You This That These Those His Her Their Its Our My Your Meanwhile However "
    "Speaking Asked Alongside According Tuesday Monday Wednesday Thursday Friday Saturday Sunday January February "
    "March April May June July August September October November December Mr Mrs Ms Dr Read More Comments "
    "Not No Yes Some Many Most Several Four Three Two One Five Six Seven Eight Nine Ten So Then There Here Now "
    "What Who Why How Today Yesterday Tomorrow Last Next Earlier Later Also Even Still Just Only Under Over "
    "Despite During Between Among Such Both Each Every All Any Another Other".split()
)


@dataclass(slots=True)
class _Cand:
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)


def find_entities(text: str) -> list[Entity]:
    """People and organisations with every mention span (full names, surnames, aliases)."""
    cands: dict[str, _Cand] = {}
    for name, kind, alias in _candidates(text):
        _add(cands, name, kind, alias)
    _merge_aliases(text, cands)
    _merge_surnames(cands)
    out: list[Entity] = []
    found = _occurrences(text, (f for c in cands.values() for f in (c.name, *c.aliases)))
    for c in cands.values():
        spans = _mention_spans(c, found)
        if not spans:
            continue
        aliases = tuple(sorted(a for a in c.aliases if a != c.name))
        # More mentions and explicit aliases make a name less likely to be a capitalised accident.
        conf = min(0.95, 0.5 + 0.15 * (len(spans) - 1) + (0.2 if aliases else 0.0))
        out.append(Entity(name=c.name, kind=c.kind, aliases=aliases, spans=spans, rule="names.mentions.v1",
                          confidence=round(conf, 2)))
    return _assign_shared_surnames(out)


def _add(cands: dict[str, _Cand], name: str, kind: str, alias: str | None = None) -> None:
    name = name.strip()
    if not name or name in STOP_CAPS:
        return
    c = cands.get(name)
    if c is None:
        c = cands[name] = _Cand(name, kind)
    elif kind == "person" and c.kind != "person" and alias:
        c.kind = "person"
    if alias:
        c.aliases.add(alias)


_NOUNS = rf"(?:{LOWER_ROLES}|witness|resident|survivor|victim|neighbou?r|teacher|student|farmer|worker|doctor|nurse|owner|mayor)"
_TITLE_PERSON = re.compile(rf"(?:\b(?P<nat>{NAT})[ \t]+)?\b(?P<title>{TITLES})[ \t]+(?P<name>{CAP}(?:[ \t]+{CAP}){{0,2}})")
_ROLE_PERSON = re.compile(rf"\b(?P<title>(?:[A-Z][a-z]+[ \t]+|[a-z]+[ \t]+)?{LOWER_ROLES})[ \t]+(?P<name>{CAP}(?:[ \t]+{CAP}){{1,2}})\b")
_NAME_CUE = re.compile(rf"(?<![\w.])(?P<name>{CAP}(?:[ \t]+{CAP}){{1,2}})(?:,[^,\n]{{1,60}},)?[ \t]+{CUE_RE}\b")
_CUE_NAME = re.compile(rf"\b{CUE_RE},?[ \t]+(?P<name>{CAP}(?:[ \t]+{CAP}){{1,2}})\b")
_ROLE_COMMA_NAME = re.compile(
    rf"\b(?:the|a|an|his|her|their|its|The|A|An|His|Her|Their|Its)[ \t]+(?:[a-z-]+[ \t]+){{0,3}}{_NOUNS}[ \t]*,[ \t]+"
    rf"(?P<name>{CAP}(?:[ \t]+{CAP}){{1,2}})(?=[,.;])")
_NAME_COMMA_ROLE = re.compile(rf"(?<![\w.])(?P<name>{CAP}(?:[ \t]+{CAP}){{1,2}}),[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){{0,3}}{_NOUNS}\b")
_APPOS_ORG = re.compile(rf"\b{APPOSITION_ORG}[ \t]+(?P<name>{CAP}(?:[ \t]+{CAP}){{0,3}})")
_ORG_SEQ = re.compile(rf"(?<![\w.])(?P<name>{CAP}(?:[ \t]+(?:of|for|and|&|{CAP})){{0,5}}[ \t]*{CAP})")
_ACRONYM = re.compile(r"(?<![\w.-])(?P<name>[A-Z]{2,6}|(?:[A-Z]\.){2,4})(?![\w-])")
_PARENS = re.compile(rf"(?P<long>{CAP}(?:[ \t]+(?:of|for|and|{CAP})){{0,5}})[ \t]+\((?P<inside>[^()\n]{{1,60}})\)")
_ROLE_ALIAS = re.compile(rf"(?:(?P<nat>{NAT})[ \t]+)?(?P<title>.+)")
_DESCRIPTOR = re.compile(rf"(?:(?P<nat>{NAT})[ \t]+)?(?:former[ \t]+)?(?P<role>[A-Za-z .]+)")
_TITLES_RE = re.compile(TITLES)
_LOWER_ROLES_RE = re.compile(LOWER_ROLES)
_CAP_SEQ = re.compile(rf"(?<![\w.])(?P<name>{CAP}(?:[ \t]+{CAP})*)(?![\w-])")


def _candidates(text: str):
    """(name, kind, alias) triples from every rule; aliases here are role phrases."""
    for m in _TITLE_PERSON.finditer(text):
        name = _clean_name(m.group("name"))
        if name and m.group("title") not in ("Mr.", "Mrs.", "Ms.", "Dr."):
            role = " ".join(x for x in (m.group("nat"), m.group("title")) if x)
            yield name, "person", role
        elif name:
            yield name, "person", None
    for m in _ROLE_PERSON.finditer(text):
        name = _clean_name(m.group("name"))
        if name and " " in name and not _org_like(name):
            yield name, "person", m.group("title")
    for rx in (_NAME_CUE, _CUE_NAME, _NAME_COMMA_ROLE):
        for m in rx.finditer(text):
            name = _strip_stop(_clean_name(m.group("name")))
            if name and (" " in name or rx is _CUE_NAME):
                yield name, ("organisation" if _org_like(name) else "person"), None
    for m in _ROLE_COMMA_NAME.finditer(text):
        yield _strip_stop(m.group("name")), "person", None
    yield from _org_candidates(text)
    yield from _surname_people(text)


def _org_candidates(text: str):
    for canon, aliases in KNOWN_ORGS:
        for form in (canon,) + aliases:
            if form in text and re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                yield canon, "organisation", None
                break
    for m in _APPOS_ORG.finditer(text):
        yield _clean_name(m.group("name")), "organisation", None
    for m in _ORG_SEQ.finditer(text):
        name = _strip_stop(m.group("name"))
        if name and _org_like(name):
            name = re.sub(r"[ \t]+(?:of|for|and|&)$", "", name)
            yield name, "organisation", None
    for m in _ACRONYM.finditer(text):
        if m.group("name") not in PLACE_ACRONYMS:
            yield m.group("name"), "organisation", None


def _surname_people(text: str):
    """Two- or three-word capitalised names whose last word also stands alone: people, not places."""
    seqs = [_strip_stop(m.group("name")) for m in _CAP_SEQ.finditer(text)]
    alone = {re.sub(r"[’']s$", "", q) for q in seqs if q and " " not in q}
    for name in dict.fromkeys(q for q in seqs if q and 2 <= len(q.split()) <= 3):
        if _org_like(name):
            continue
        if name.split()[-1] in alone and all(len(t) > 1 and t[1:].islower() for t in name.replace(".", "").split()):
            yield name, "person", None


def _clean_name(name: str) -> str:
    toks = name.split()
    while toks and toks[-1] in STOP_CAPS:
        toks.pop()
    return " ".join(toks)


def _strip_stop(name: str) -> str:
    toks = name.split()
    while toks and (toks[0] in STOP_CAPS or re.fullmatch(TITLES, toks[0]) or re.fullmatch(NAT, toks[0]) and len(toks) > 2):
        toks.pop(0)
    return _clean_name(" ".join(toks))


def _org_like(name: str) -> bool:
    toks = name.replace("’s", "").split()
    return bool(toks) and (toks[-1] in ORG_WORDS or toks[0] in ORG_WORDS or any(k == name for k, _ in KNOWN_ORGS))


def _merge_aliases(text: str, cands: dict[str, _Cand]) -> None:
    """"Islamic State (IS, formerly ISIS)": the bracketed short forms become aliases of the long one."""
    for m in _PARENS.finditer(text):
        long = _strip_stop(m.group("long"))
        inside = m.group("inside")
        if not long or not re.match(r"(?:the[ \t]+)?(?:formerly[ \t]+|also[ \t]+known[ \t]+as[ \t]+|aka[ \t]+)?[A-Z]", inside):
            continue
        forms = [f.strip() for f in re.split(r",|;|\bor\b|\bformerly\b|\balso known as\b|\baka\b", inside)]
        forms = [re.sub(r"^the[ \t]+", "", f) for f in forms if f.strip()]
        if not forms or not all(re.fullmatch(r"[A-Z][\w.-]{0,10}", f) for f in forms):
            continue
        kind = next((cands[f].kind for f in forms + [long] if f in cands), "organisation")
        target = cands.get(long) or _Cand(long, kind)
        cands[long] = target
        for f in forms:
            target.aliases.add(f)
            other = cands.pop(f, None)
            if other and other is not target:
                target.aliases |= other.aliases
    for canon, aliases in KNOWN_ORGS:
        for a in aliases:
            if a in cands and canon in cands and cands[a] is not cands[canon]:
                cands[canon].aliases |= cands.pop(a).aliases | {a}
            elif canon in cands and re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", text):
                cands[canon].aliases.add(a)


def _merge_surnames(cands: dict[str, _Cand]) -> None:
    """A one-word person or organisation candidate equal to a known person's surname is that person."""
    people = [c for c in cands.values() if c.kind == "person" and " " in c.name]
    for c in people:
        # the candidates named by a tail of c's name ("Clinton", "Rodham Clinton"), looked up, not scanned
        tails = {c.name[i + 1:] for i, ch in enumerate(c.name) if ch == " "}
        for other in [cands[t] for t in tails if t in cands]:
            if other is not c and other.kind == "person" and other.name != c.name:
                c.aliases |= other.aliases | {other.name}
                del cands[other.name]
        c.aliases.add(c.name.split()[-1])
    same_ends: dict[tuple[str, str], list[_Cand]] = {}
    for c in people:
        toks = c.name.split()
        same_ends.setdefault((toks[0], toks[-1]), []).append(c)
    for c in people:  # "Hillary Clinton" also swallows "Hillary Rodham Clinton"-style variants
        if c.name in cands:
            toks = c.name.split()
            for other in same_ends[(toks[0], toks[-1])]:
                if other is not c and other.name in cands and len(other.name) > len(c.name):
                    other.aliases |= c.aliases | {c.name}
                    del cands[c.name]
                    break


_WORD_RUN = re.compile(r"(?<![\w-])\w+")
_FIRST_RUN = re.compile(r"\w+")


def _occurrences(text: str, forms: Iterable[str]) -> dict[str, list[int]]:
    """Start of every whole-word occurrence of each form, as ``(?<![\\w-])form(?![\\w-])`` finds them,
    in one pass over the text's word starts: one regex scan per form was quadratic on long pages,
    since the forms grow with the text."""
    by_first: dict[str, list[str]] = {}
    out: dict[str, list[int]] = {}
    for f in set(forms):
        out[f] = []
        first = _FIRST_RUN.match(f)
        if first:
            by_first.setdefault(first.group(0), []).append(f)
        else:  # a form that opens with no word character (rare): scan for it alone
            out[f] = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text)]
    for m in _WORD_RUN.finditer(text):
        for f in by_first.get(m.group(0), ()):
            end = m.start() + len(f)
            if text.startswith(f, m.start()) and not (end < len(text) and (text[end].isalnum() or text[end] in "_-")):
                out[f].append(m.start())
    return out


def _mention_spans(c: _Cand, found: dict[str, list[int]]) -> tuple[Span, ...]:
    """Longer forms first; a shorter form's match that starts inside a span already taken is part of
    it ("Macron" inside "Emmanuel Macron"). Taken spans are kept as a sorted union for bisection."""
    forms = {c.name} | {a for a in c.aliases if not _is_role(a)}
    spans: list[Span] = []
    starts: list[int] = []
    ends: list[int] = []  # the union of taken spans: disjoint, sorted
    for form in sorted(forms, key=len, reverse=True):
        new: list[Span] = []
        last_end = -1
        for p in found.get(form, ()):
            i = bisect_right(starts, p) - 1
            if p < last_end or (i >= 0 and p < ends[i]):
                continue
            new.append((p, p + len(form)))
            last_end = p + len(form)
        if new:
            spans += new
            merged: list[list[int]] = []
            for s0, e0 in sorted([*zip(starts, ends), *new]):
                if merged and s0 <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], e0)
                else:
                    merged.append([s0, e0])
            starts, ends = [m[0] for m in merged], [m[1] for m in merged]
    return tuple(sorted(spans))


def _is_role(alias: str) -> bool:
    return bool(_TITLES_RE.search(alias) or _LOWER_ROLES_RE.search(alias))


def _assign_shared_surnames(ents: list[Entity]) -> list[Entity]:
    """When two people share a surname, a bare surname goes to the nearest full name before it."""
    people = [e for e in ents if e.kind == "person"]
    full = {e.name: [s for s in e.spans] for e in people}
    out = []
    for e in ents:
        if e.kind != "person":
            out.append(e)
            continue
        last = e.name.split()[-1]
        rivals = [p for p in people if p is not e and p.name.split()[-1] == last]
        if not rivals:
            out.append(e)
            continue
        keep = []
        # where each of them is named in full (more than the surname), for a binary search per mention
        starts = {p.name: sorted(x[0] for x in full[p.name] if x[1] - x[0] > len(last)) for p in [e] + rivals}
        for s in e.spans:
            if s[1] - s[0] > len(last):
                keep.append(s)
                continue
            best = max((st[i - 1] if (i := bisect_right(st, s[0])) else -1, name) for name, st in starts.items())
            if best[1] == e.name:
                keep.append(s)
        out.append(replace(e, spans=tuple(keep)))
    return out


def role_aliases(entity: Entity) -> list[tuple[str | None, str]]:
    """(nationality, title) pairs for a person: "French President" -> ("French", "president")."""
    out = []
    for a in entity.aliases:
        m = _ROLE_ALIAS.fullmatch(a)
        if m and _is_role(a):
            out.append((m.group("nat"), m.group("title").lower().rstrip(".")))
    return out


class Mentions:
    """A page's entities indexed for :func:`resolve_mention`, built once per page: a long page has
    thousands of mentions and of entities, and scanning every entity per mention was quadratic."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self.by_name: dict[str, int] = {}
        self.by_alias: dict[str, int] = {}
        self.by_first: dict[str, list[int]] = {}  # first word of a name -> entities, in order
        self.odd: list[int] = []  # names that open with no word character
        for i, e in enumerate(entities):
            self.by_name.setdefault(e.name, i)
            for a in e.aliases:
                self.by_alias.setdefault(a, i)
            first = _FIRST_RUN.match(e.name)
            (self.by_first.setdefault(first.group(0), []) if first else self.odd).append(i)
        self.roles = [(e, r) for e in entities if (r := role_aliases(e))]

    def named_in(self, clean: str) -> list[Entity]:
        """Entities whose name stands in ``clean`` as whole words, in their order."""
        found = set(self.odd)
        for m in _WORD_RUN.finditer(clean):
            found.update(self.by_first.get(m.group(0), ()))
        return [e for e in (self.entities[i] for i in sorted(found))
                if e.name in clean and re.search(rf"(?<![\w-]){re.escape(e.name)}(?![\w-])", clean)]


def resolve_mention(mention: str, pos: int, entities: list[Entity], index: Mentions | None = None) -> str | None:
    """Canonical name for a name, surname or role description ("the French leader") at ``pos``.
    ``index``: ``Mentions(entities)``, built once by a caller that resolves many mentions."""
    index = index or Mentions(entities)
    clean = re.sub(r"^(?:the|a|an)[ \t]+", "", mention.strip(), flags=re.I)
    clean = re.sub(r"[’']s$", "", clean)
    hit = [i for i in (index.by_name.get(clean), None if _is_role(clean) else index.by_alias.get(clean))
           if i is not None]
    if hit:  # the first entity so named, or so aliased (a role is no alias to match on)
        return entities[min(hit)].name
    inside = index.named_in(clean)
    if inside:
        return max(inside, key=lambda e: len(e.name)).name
    m = _DESCRIPTOR.fullmatch(clean)
    if not m:
        return None
    nat, role = m.group("nat"), m.group("role").lower().strip()
    hits = []
    for e, roles in index.roles:
        for enat, title in roles:
            if nat and enat and nat.lower() != enat.lower() or (nat and not enat):
                continue
            if role == title or title.endswith(" " + role) or (role == "leader" and any(h in title for h in HEADS_OF_GOVERNMENT)):
                hits.append(e)
                break
    return _nearest_before(hits, pos)


def _nearest_before(ents: list[Entity], pos: int) -> str | None:
    best, best_pos = None, -1
    for e in ents:
        before = [s[0] for s in e.spans if s[0] < pos]
        p = max(before) if before else -1
        if best is None or p > best_pos:
            best, best_pos = e.name, p
    return best


def story_entities(articles: list[Article]) -> list[Entity]:
    """One canonical name per person and organisation across a story's members.

    Copies shorten and rename ("IS" on one site, "Islamic State" on another, "Macron" where the
    origin says "Emmanuel Macron"); entities whose name or aliases meet are merged, and the name the
    most members use in full (longest on a tie) stands for the group. Spans stay per article, so the
    merged records carry names only."""
    groups: list[dict] = []
    for a in articles:
        for e in a.entities:
            keys = {_norm_key(x) for x in (e.name, *e.aliases) if x and not _is_role(x)}
            hit = [g for g in groups if g["kind"] == e.kind and g["keys"] & keys]
            group = {"kind": e.kind, "keys": set(keys), "names": Counter(), "aliases": set()}
            for g in hit:
                groups.remove(g)
                group["keys"] |= g["keys"]
                group["names"] += g["names"]
                group["aliases"] |= g["aliases"]
            group["names"][e.name] += 1
            group["aliases"] |= {e.name, *e.aliases}
            groups.append(group)
    out = []
    for g in groups:
        name = max(g["names"], key=lambda n: (g["names"][n], len(n), n))
        out.append(Entity(name=name, kind=g["kind"], aliases=tuple(sorted(g["aliases"] - {name})),
                          rule="names.story_merge.v1", confidence=round(min(0.95, 0.5 + 0.1 * sum(g["names"].values())), 2)))
    return sorted(out, key=lambda e: (e.kind, e.name))


def _norm_key(name: str) -> str:
    return re.sub(r"[^\w]", "", name.lower())
