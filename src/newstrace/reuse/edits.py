"""Typed edits of a copy against its source, read off the alignment, each with spans in both texts.

Only words that really match count as shared (the gaps inside aligned blocks do not), so a short
inserted line or a dropped clause shows up where it is. Numbers and attributions are compared in
the unmatched pieces of paragraphs that otherwise match, so a changed figure is reported where the
surrounding words prove it is the same sentence. Credits are compared by the outlet they name,
wherever the extractor put the line (credits, body, boilerplate, byline, a title it took by
mistake). Claim-level drift lives in newstrace.claims (drift.py), which reads stories as records;
this module never imports it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from newstrace.model import Article, Edit, Outlet
from newstrace.reuse.align import Block, matched
from newstrace.reuse.text import Shingled, body_words

RULE = "reuse.edits.v2"
_NUM = re.compile(r"^\d[\d.,]*$")
_ATTRIB = re.compile(r"\b(according to|said|says|say|told|reported|reports|claimed|claims|stated|announced|"
                     r"cited|quoted|citing|quoting)\b", re.I)
# Imported by origin.py: keep its behaviour; the wider credit forms below are this module's own.
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
# Site furniture a republisher drops into the article: share and follow prompts, subscribe and
# donate appeals, adverts, comment prompts. Judged on a paragraph's first sentence, so commentary
# that ends with "Share it before it disappears." stays commentary.
_FURNITURE = re.compile(r"\b(subscribe|newsletter|sign up|follow us|share (?:this|it|on|with)|like this (?:article|post)|"
                        r"cookies|comments are|leave a (?:comment|reply)|related (?:articles|stories|posts)|read more|"
                        r"click here|advertisement|sponsored|donate|donation|support (?:us|our work|independent)|"
                        r"become a (?:member|patron|supporter)|join (?:us|our)|tip jar|print this|"
                        r"download (?:our|the) app)\b", re.I)
_COMMENT_LINE = re.compile(r"^\s*(?:\S+(?: \S+)? says:|\d+ (?:comments?|thoughts? on)|posted (?:in|by)\b|tagged\b|"
                           r"leave a (?:comment|reply))", re.I)
# An appeal to the reader, furniture wherever it stands (not a share bar's bare "Share this:").
_APPEAL = re.compile(r"\b(?:subscribe|sign up|follow us|share (?:it|this article|this story) with|like this (?:article|post)|"
                     r"donate|support (?:us|our work|independent)|become a (?:member|patron|supporter)|join (?:us|our)|"
                     r"click here|download (?:our|the) app)\b", re.I)
_COPYRIGHT = re.compile(r"^\s*(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved|reposted here remain", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s+|$)")


def _ends_sentence(para: str) -> bool:
    """Ends like prose: a full stop, question or exclamation mark, maybe inside quotes or brackets."""
    return para.rstrip().rstrip("\"'”’)]")[-1:] in (".", "!", "?", "…")

# Paragraphs some page templates run together ("...systems are restoredNotice how quickly..."):
# a sentence end, or a lower-case letter, directly followed by a capital or an opening bracket.
_GLUE = re.compile(r"(?<=[.!?”\"’)\]])(?=[A-Z“\[(])|(?<=[a-z0-9])(?=\[)|(?<=[a-z])(?=[A-Z][a-z]{2,}\b)")
MIN_UNCOVERED = 0.8  # a paragraph counts as removed/added when this share of its words is unmatched
MIN_PROSE_WORDS = 8  # shorter unmatched lines are taglines, captions, fragments: no edit
MAX_NAME_WORDS = 5  # an unknown name longer than this is a sentence, not an outlet
MIN_TOPIC = 0.25  # share of a headline's topic words the story's text must carry
MAX_LINE = 200  # longer lines are prose, never a credit or furniture line
TRUNCATED_WORDS = 15  # a missing tail shorter than this (and than a tenth of the text) is no truncation


_NON_WORD = re.compile(r"[\W_]")


def _squash(s: str | None) -> str:
    return _NON_WORD.sub("", (s or "").lower())


def _span(doc: Shingled, w0: int, w1: int) -> tuple[int, int] | None:
    return (int(doc.starts[w0]), int(doc.ends[w1 - 1])) if w1 > w0 else None


def _text(article_text: str, span: tuple[int, int] | None) -> str:
    return article_text[span[0] : span[1]] if span else ""


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    d = np.diff(np.concatenate(([0], mask.view(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))


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

    def add_outlet(o: Outlet | None) -> None:
        doms = [d for d in (o.domain, *o.domains) if d] if o else []
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
    canon = {k: find(k) for _, _, k in squashed} | {k: find(k) for k in list(parent)}
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


# ---------------------------------------------------------------------------------------------- credits


@dataclass(frozen=True, slots=True)
class CreditSeen:
    """A credit line found in one article: the site it names (or the name, when unknown)."""

    key: str
    text: str
    span: tuple[int, int] | None


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


def _credits(a: Article, side: Side, outlets: Outlets) -> dict[str, CreditSeen]:
    """Every outlet ``a`` credits, wherever its extractor left the line."""
    own, own_key, text = side.own, side.own_key, side.doc.text
    out: dict[str, CreditSeen] = {}

    def see(line: str, span: tuple[int, int] | None, bare: bool = True) -> None:
        if (key := _credit_key(line, outlets, own, own_key, bare)) and key not in out:
            out[key] = CreditSeen(key, line.strip(), span)

    for c in a.credits:
        key = outlets.key(c.outlet.domain) if c.outlet and c.outlet.domain else None
        key = key or outlets.resolve(c.name) or outlets.resolve(c.text) or _squash(c.name)
        if key != own_key and not (c.outlet is None and _squash(c.name) in own) and key not in out:
            i = text.find(c.text)
            out[key] = CreditSeen(key, c.text, c.span or ((i, i + len(c.text)) if i >= 0 else None))
    for (s, e), key in zip(side.segs, side.credit_keys):
        if key and key not in out:
            out[key] = CreditSeen(key, text[s:e].strip(), (s, e))
        for m in _INLINE.finditer(text, s, e):  # a credit run into a paragraph by the page template
            if key := outlets.resolve(m.group("name") or m.group("name2")):
                if key != own_key and key not in out:
                    out[key] = CreditSeen(key, m.group(0), (m.start(), m.end()))
    for b in a.boilerplate:
        see(b.text, None, bare=False)  # a bare site name in a menu or header is no credit
    if a.title and _credit_name(a.title):
        see(a.title, (0, len(a.title)), bare=False)  # an extractor that took the credit line for the title
    if a.byline:
        i = text.find(a.byline)
        see(a.byline, (i, i + len(a.byline)) if i >= 0 else None)
    return out


# Inline credits need a strong cue and a known outlet: prose says "told Reuters", not "Source: Reuters".
# A capitalised cue may follow the previous paragraph's last letter directly ("...GreeceCredit: AP").
_INLINE = re.compile(r"(?:(?:\b(?i:source|credit|via|courtesy of|h/t|republished from|originally (?:published|appeared) "
                     r"(?:at|on|in|by))|(?<=[a-z])(?:Source|Credit|Via|Courtesy of|Republished from))"
                     r"\s*[:\-–—]?\s*(?P<name>[A-Z][\w.&' -]{1,40}?)(?=[^a-z\w' .&-]|[A-Z][a-z]|$)|"
                     r"\[(?P<name2>[^\[\]]{2,40})\])")


def credit_edits(source: Article, copy: Article, s_side: Side, c_side: Side, outlets: Outlets) -> list[Edit]:
    """credit_added: a credit naming an outlet the source does not credit; credit_removed: the reverse."""
    src, cpy = _credits(source, s_side, outlets), _credits(copy, c_side, outlets)
    # a line both pages carry word for word was copied along (the source's own copyright line
    # crediting the source once it sits on the copy): no edit either way
    # (a dateline "ST. JOSEPH, Mich. (AP) —" still in the copy's text, whatever its extractor made of it)
    in_src, in_cpy = _carries(source, s_side), _carries(copy, c_side)
    out = [Edit("credit_added", f"credits {k}", None, c.text, None, c.span) for k, c in sorted(cpy.items())
           if k not in src and not in_src(c.text)]
    out += [Edit("credit_removed", f"credited {k}", c.text, None, c.span, None) for k, c in sorted(src.items())
            if k not in cpy and not in_cpy(c.text)]
    return out


def _carries(a: Article, side: Side):
    """A test: does the page's article text hold this line (as a whole line, or verbatim inside
    a paragraph when it is long enough to be specific)?"""
    lines = {_squash(t) for t in a.parts() if t}
    flat = " ".join(side.doc.text.split())

    def test(line: str) -> bool:
        line = " ".join(line.split())
        return _squash(line) in lines or (len(line) >= 20 and line in flat)

    return test


# ---------------------------------------------------------------------------------------------- headline

_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:·]\s+([^|\-–—:·]{1,40})$")
_NOT_HEADLINE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?)\s+ago\b|"
                           r"\bsubscribers\b|^\s*hits\s*:", re.I)


def _title_key(t: str, own: set[str]) -> str:
    """A title as a reader compares it: case, quotes, dashes and spacing aside, without a trailing
    "| Site" naming a site in ``own``; all-capitals and exclamation marks do count."""
    t = unicodedata.normalize("NFKC", t).strip()
    while (m := _TITLE_SUFFIX.search(t)) and (suffix := _squash(m.group(1))) and \
            any(o == suffix or (len(o) >= 3 and (o in suffix or (suffix in o and len(suffix) >= 0.6 * len(o))))
                for o in own):
        t = t[: m.start()]
    letters = [c for c in t if c.isalpha()]
    shout = len(letters) >= 10 and all(c.isupper() for c in letters)
    marks = "".join(c for c in t.rstrip(". ") if c in "!?")
    return ("!caps " if shout else "") + " ".join(body_words(t)) + (" " + marks if marks else "")


_STOP = frozenset("""about after again also been before being between could does doing down during each from further
have having here into just more most much only other over same should some such than that their them then there these
they this those through under until very were what when where which while will with would your says said amid""".split())


def _content(t: str | None) -> set[str]:
    """Words that carry a headline's topic (four letters or more, not function words)."""
    return {w for w in body_words(t or "") if len(w) >= 4 and w not in _STOP}


def _heading_lines(a: Article) -> list[str]:
    """Lines where a page's real headline may sit when the extractor took another line as title."""
    return [b.text for b in a.boilerplate if b.kind not in ("related", "comments") and len(b.text) <= MAX_LINE]


def _keys(lines: Iterable[str | None], own: set[str]) -> set[str]:
    return {_title_key(t, own) for t in lines if t}


def _stems(t: str | None) -> set[str]:
    """Five-letter stems of content words: "terror" ~ "terrorism", "Russia" ~ "Russian"."""
    return {w[:5] for w in _content(t)}


def _title_status(a: Article, other: Article, story: set[str]) -> str:
    """"ok"; "standfirst": the other page has this title under its headline and this page nowhere
    else (an extractor that took the standfirst, or a copy that made the standfirst its headline),
    which gives way to a line matching the other page's headline; "no": a credit line, a date line,
    the site's name or tagline."""
    t = a.title or ""
    if not t or _credit_name(t) or _NOT_HEADLINE.search(t) or _squash(t) in _own(a):
        return "no"
    words, story = _stems(t), story | _stems(other.title)
    share = len(words & story) / max(len(words), 1)
    if share < MIN_TOPIC:
        return "no"  # a tagline or site line: shares too little with the story
    own, oth = _own(a), _own(other)
    key = _title_key(t, own)
    if key in _keys([other.standfirst, *other.body[:2]], oth) and key not in _keys([a.standfirst, *a.body[:2]], own):
        return "standfirst"
    return "ok"


def _best_heading(a: Article, ref: str | None) -> str | None:
    """The line of ``a`` that best matches the other page's headline (at least 60% of its words)."""
    want = _content(ref)
    best, score = None, 0.6
    lead = [p for p in [a.standfirst, *a.body[:2]] if p and len(p.split()) <= 20]  # a headline left in the body
    for line in _heading_lines(a) + lead:
        got = _content(line)
        if not got or len(got) > 2 * len(want) + 4:
            continue
        s = len(got & want) / max(len(want), 1)
        if s >= score:
            best, score = line, s + 1e-9
    return best


def _headline(a: Article, other: Article, story: set[str]) -> str | None:
    """The page's headline: its title, or the line the extractor passed over for a wrong title
    (None when no line of the page can be told to be it)."""
    status = _title_status(a, other, story)
    if status == "ok":
        return a.title
    ref = other.title if _title_status(other, a, story) != "no" else None
    found = _best_heading(a, ref) if ref else None
    return found or (a.title if status == "standfirst" else None)


def headline_edit(source: Article, copy: Article) -> Edit | None:
    """headline_changed, unless the titles differ only because an extractor took another line for
    one of them (the source's headline still stands on the copy's page, or the reverse)."""
    if source.title == copy.title:
        return None
    # the words a real headline shares with the story (titles apart: a tagline shares with itself)
    story = _stems(" ".join([source.standfirst or "", copy.standfirst or "", *source.body, *copy.body]))
    hs, hc = _headline(source, copy, story), _headline(copy, source, story)
    if not hs or not hc:
        return None
    own_s, own_c = _own(source, 2), _own(copy, 2)
    both = own_s | own_c  # a copy may keep the source's " | Site" suffix
    ks, kc = _title_key(hs, both), _title_key(hc, both)
    if ks == kc or ks in _keys(_heading_lines(copy), own_c) or kc in _keys(_heading_lines(source), own_s):
        return None
    span_s = (0, len(hs)) if hs == source.title else None
    span_c = (0, len(hc)) if hc == copy.title else None
    return Edit("headline_changed", "", hs, hc, span_s, span_c)


# ---------------------------------------------------------------------------------------------- paragraphs


def _segments(doc: Shingled) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Body paragraphs, with paragraphs a template ran together split back at their seams; and the
    segment of each word. A seam needs two sentence-end-to-capital joins in one paragraph, so a
    "McDonald" alone never splits one."""
    segs: list[tuple[int, int]] = []
    for s, e in doc.para_spans:
        para = doc.text[s:e]
        cuts = [m.start() for m in _GLUE.finditer(para)] if len(re.findall(r"[.!?”\"]\S", para)) >= 2 else []
        bounds = [0, *cuts, len(para)]
        segs += [(s + b0, s + b1) for b0, b1 in zip(bounds, bounds[1:]) if b1 > b0 and para[b0:b1].strip()]
    seg_of = np.searchsorted(np.array([s for s, _ in segs], np.int64), doc.starts, side="right") - 1
    return segs, np.maximum(seg_of, 0).astype(np.int32)


@dataclass(frozen=True, slots=True)
class Side:
    """One text of the pair: its segments, which segment each word is in, what each segment is
    (and the outlet it credits, when it is a credit line), which words match the other text, and
    the names the page uses for itself."""

    doc: Shingled
    segs: list[tuple[int, int]]
    seg_of: np.ndarray
    kinds: list[str | None]
    credit_keys: list[str | None]
    hit: np.ndarray
    own: set[str]
    own_key: str
    unmatched: tuple[int, ...]  # segments with at least MIN_UNCOVERED of their words unmatched

    def uncovered(self) -> list[int]:
        return list(self.unmatched)


def _kind(para: str, credit: str | None, heads: set[str]) -> str | None:
    """What an unmatched paragraph is: credit, boilerplate (furniture), prose; None for fragments
    (a tagline, a heading, a site footer, a standfirst the other extractor put elsewhere)."""
    if credit or (len(para) <= MAX_LINE and CREDIT_LINE.search(para)):
        return "credit"
    if len(para) <= MAX_LINE and _COPYRIGHT.search(para):
        return None  # the site's own copyright footer, left in the body by its extractor
    first = _SENTENCE_END.split(para.strip(), maxsplit=1)[0]
    if len(para) < 400 and (_FURNITURE.search(first) or _COMMENT_LINE.search(first)):
        return "boilerplate"
    if not _ends_sentence(para) or len(para.split()) < MIN_PROSE_WORDS or _squash(para) in heads:
        return None
    return "prose"


def _side(a: Article, doc: Shingled, hit: np.ndarray, heads: set[str], outlets: Outlets) -> Side:
    """A segment both texts share word for word is content, or a line copied along with it (the
    same on both sides, so no edit): only the others are looked at closely."""
    segs, seg_of = _segments(doc)
    own, own_key, text = _own(a), outlets.key(a.domain), doc.text
    n = len(segs)
    total = np.bincount(seg_of, minlength=n)
    unc = np.bincount(seg_of, weights=~hit, minlength=n)
    credit_keys: list[str | None] = [None] * n
    kinds: list[str | None] = []
    for i, (s, e) in enumerate(segs):
        t = text[s:e]
        if unc[i] or not total[i]:
            credit_keys[i] = _credit_key(t, outlets, own, own_key, True) if len(t) <= MAX_LINE else None
            kinds.append(_kind(t, credit_keys[i], heads))
        else:
            kinds.append("prose" if _ends_sentence(t) and len(t.split()) >= MIN_PROSE_WORDS else None)
    unmatched = tuple(i for i in range(n) if total[i] and unc[i] / total[i] >= MIN_UNCOVERED)
    return Side(doc, segs, seg_of, kinds, credit_keys, hit, own, own_key, unmatched)


def _heads(*arts: Article) -> set[str]:
    return {_squash(t) for a in arts for t in (a.title, a.standfirst) if t}


def _carried(side: Side, other: Side, other_art: Article) -> set[int]:
    """Unmatched paragraphs of ``side`` the other page carries all the same: word for word
    elsewhere (a repeated passage, which alignment anchors once) or among its boilerplate (its
    extractor set the line aside). Neither is an edit. Furniture counts as carried only when the
    other page had it inside its article too (its template's own box is another matter)."""
    if not side.unmatched:
        return set()
    lines = {_squash(other.doc.text[s:e]) for s, e in other.segs}
    boiler = [(q, b.rule.startswith(IN_BODY_RULE)) for b in other_art.boilerplate if len(q := _squash(b.text)) >= 30]
    out = set()
    for p in side.uncovered():
        q = _squash(side.doc.text[side.segs[p][0]:side.segs[p][1]])
        prose = side.kinds[p] != "boilerplate"
        if q in lines or any((prose or in_body) and (q in b or (b in q and 2 * len(b) >= len(q)))
                             for b, in_body in boiler):
            out.add(p)
    return out


def removal_edits(src: Side, skip: set[int] = frozenset()) -> list[Edit]:
    """truncated: the source's tail is missing; paragraphs_removed: inner paragraphs missing.
    The source's furniture, credits and fragments are not content, except list lines (tour dates,
    a table of results) when the shared text already holds some of them; nor is what the copy
    carries elsewhere (``skip``)."""
    doc, out = src.doc, []
    if not len(doc.words):
        return out
    content = {"prose"}
    listed = [p for p, k in enumerate(src.kinds) if k is None and src.segs[p][1] - src.segs[p][0] >= 20]
    if len(listed) >= 3 and src.hit[np.isin(src.seg_of, listed)].mean() >= 0.3:
        content.add(None)
    prose = np.array([k in content and p not in skip for p, k in enumerate(src.kinds)] or [False], bool)[src.seg_of]
    covered_idx = np.flatnonzero(src.hit & prose)
    n = int(prose.sum())
    last = int(covered_idx[-1]) + 1 if len(covered_idx) else 0
    tail = int(prose[last:].sum())
    truncated = tail >= max(TRUNCATED_WORDS, 0.1 * n)
    if truncated:
        span = _span(doc, last, len(doc.words))
        out.append(Edit("truncated", f"{tail} of {n} words missing at the end", _text(doc.text, span)[:300],
                        None, span, None))
    cut = int(src.seg_of[last]) if last < len(doc.words) else len(src.segs)
    for p in src.uncovered():
        if src.kinds[p] == "prose" and p not in skip and not (truncated and p >= cut):
            s = src.segs[p]
            out.append(Edit("paragraphs_removed", f"paragraph {p + 1}", doc.text[s[0]:s[1]][:300], None, s, None))
    return out


def addition_edits(cpy: Side, skip: set[int] = frozenset()) -> list[Edit]:
    """Unmatched paragraphs of the copy: its furniture, or text it added (credits are credit_edits').
    Furniture before the first or after the last shared word is often the page template the
    extractor kept (a share bar, tags, comments): there only a full appeal to the reader counts."""
    label = {"boilerplate": "boilerplate_added", "prose": "paragraphs_added"}
    hits = np.flatnonzero(cpy.hit)
    out = []
    for p in cpy.uncovered():
        if (t := label.get(cpy.kinds[p] or "")) is None or p in skip:
            continue
        s = cpy.segs[p]
        para = cpy.doc.text[s[0]:s[1]]
        words = np.flatnonzero(cpy.seg_of == p)
        inside = len(hits) and hits[0] < words[0] and hits[-1] > words[-1]
        if t == "boilerplate_added" and not inside and not (_APPEAL.search(para) and len(para.split()) >= 5):
            continue
        out.append(Edit(t, f"paragraph {p + 1}", None, para[:300], None, s))
    return out


# The extractor's rule for a paragraph of the article's own text that it set aside as furniture (a DOM
# block around the article has another rule): the evidence that a prompt sat inside the body.
IN_BODY_RULE = "boiler.line_pattern."
_IN_BODY_KINDS = ("share", "newsletter", "advert")
_LINK_PROMPT = re.compile(r"^\s*(?:read more|also read|read also|see also)\s*:?\s*\w+\W+\w+\W+\w+", re.I)


def furniture_edits(source: Article, copy: Article) -> list[Edit]:
    """boilerplate_added for prompts the copy's extractor lifted out of the article's paragraphs
    (share, subscribe, donate, advert lines, "Read more: ..." links) that the source does not carry."""
    seen = {_squash(t) for t in [*source.body, *(b.text for b in source.boilerplate)]}
    out, done = [], set()
    for b in copy.boilerplate:
        in_body = b.rule.startswith(IN_BODY_RULE) and (b.kind in _IN_BODY_KINDS or
                                                        (b.kind == "related" and _LINK_PROMPT.match(b.text)))
        if in_body and (q := _squash(b.text)) not in seen and q not in done:
            done.add(q)
            out.append(Edit("boilerplate_added", f"{b.kind} line in the body ({b.rule})", None, b.text[:300]))
    return out


# ---------------------------------------------------------------------------------------------- in-sentence


def _to_copy(blocks: list[Block], i: int) -> int | None:
    """The copy word matched with source word ``i`` (a matched word), via the blocks and their gaps."""
    for bl in blocks:
        if bl.a0 <= i < bl.a1:
            a0, b0 = bl.a0, bl.b0
            for g in bl.gaps:
                if g.a1 <= i:
                    a0, b0 = g.a1, g.b1
            return b0 + (i - a0)
    return None


def _counterpart(blocks: list[Block], src: Side, cpy: Side, w0: int, w1: int) -> tuple[int, int]:
    """Copy words standing where source words [w0, w1) were: between the copy matches of the
    matched words around them (bounded, so a far jump yields nothing)."""
    n = len(cpy.doc.words)
    before = _to_copy(blocks, w0 - 1) if w0 > 0 and src.hit[w0 - 1] else None
    after = _to_copy(blocks, w1) if w1 < len(src.hit) and src.hit[w1] else None
    if before is None and after is None:
        return 0, 0
    b0 = before + 1 if before is not None else max(0, after - (w1 - w0) - 10)
    b1 = after if after is not None else min(n, b0 + (w1 - w0) + 10)
    # the piece sat inside a paragraph: its counterpart stays inside the matching copy paragraph
    seg, same = cpy.seg_of, src.seg_of[w0]
    if before is not None and src.seg_of[w0 - 1] == same:
        b1 = min(b1, int(np.searchsorted(seg, seg[before], side="right")))
    if after is not None and src.seg_of[w1] == same:
        b0 = max(b0, int(np.searchsorted(seg, seg[after], side="left")))
    if b1 < b0 or b1 - b0 > 3 * (w1 - w0) + 20:
        return 0, 0
    return b0, b1


def sentence_edits(blocks: list[Block], src: Side, cpy: Side) -> list[Edit]:
    """numbers_changed and attribution_removed, from the unmatched pieces of source paragraphs that
    otherwise match (a removed paragraph is no changed sentence)."""
    out: list[Edit] = []
    removed = set(src.uncovered())
    sd, cd = src.doc, cpy.doc
    for r0, r1 in _runs(~src.hit):
        for p in sorted(set(src.seg_of[r0:r1].tolist()) - removed):
            idx = np.flatnonzero(src.seg_of[r0:r1] == p) + r0
            w0, w1 = int(idx[0]), int(idx[-1]) + 1
            b0, b1 = _counterpart(blocks, src, cpy, w0, w1)
            sa, sb = _span(sd, w0, w1), _span(cd, b0, b1)
            ta, tb = _text(sd.text, sa), _text(cd.text, sb)
            na = [w for w in (sd.word_text(i) for i in range(w0, w1)) if _NUM.match(w)]
            nb = [w for w in (cd.word_text(i) for i in range(b0, b1)) if _NUM.match(w)]
            if na and nb and na != nb:
                out.append(Edit("numbers_changed", f"{' '.join(na)} -> {' '.join(nb)}", ta, tb, sa, sb))
            if (m := _ATTRIB.search(ta)) and not _ATTRIB.search(tb):
                out.append(Edit("attribution_removed", m.group(0).lower(), ta, tb or None, sa, sb))
    return out


# ---------------------------------------------------------------------------------------------- diff


def diff(source: Article, copy: Article, src: Shingled, cpy: Shingled, blocks: list[Block],
         outlet_names: dict[str | None, frozenset[str]] | None = None) -> list[Edit]:
    """All typed edits that turn ``source`` into ``copy``, in a stable order. ``outlet_names``:
    squashed names of the story's outlets by domain, so a bare "[Associated Press]" line reads as a
    credit (a page naming its own outlet is not crediting anyone)."""
    outlets = outlets_of((source, copy), outlet_names)
    hit_s, hit_c = matched(blocks, len(src.words), len(cpy.words))
    heads = _heads(source, copy)
    s_side = _side(source, src, hit_s, heads, outlets)
    c_side = _side(copy, cpy, hit_c, heads, outlets)
    out: list[Edit] = []
    if (h := headline_edit(source, copy)) is not None:
        out.append(h)
    out += credit_edits(source, copy, s_side, c_side, outlets)
    out += removal_edits(s_side, _carried(s_side, c_side, copy))
    out += addition_edits(c_side, _carried(c_side, s_side, source))
    out += furniture_edits(source, copy)
    out += sentence_edits(blocks, s_side, c_side)
    return out
