"""Quotes: direct, partial (quoted words inside reported speech) and indirect ("X said that ...").

Rules, not a model. A quoted passage is paired from its marks (curly, straight or doubled
apostrophes, running on across paragraphs when the next paragraph reopens the quote); its
speaker is the mention next to a cue verb right after it ("...,” the president said), right
before it ("He said: “..."), or the subject of the cue that governs it inside the sentence; a
quote with no cue of its own takes its paragraph's speaker. Mentions are resolved against the
article's own names: "he"/"she" to a person opening the sentence or else the last person named
(possessives like "Maher’s" skipped), role phrases ("the French leader") to the person holding
that role in the text. Rule names (quote.direct_cue_after.v1, ...) say which path was taken.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field, replace

from newstrace.claims._text import ADVERBS, CUE_RE, SPEECH_CUES, overlaps, paragraphs, sentence_of, sentences
from newstrace.claims.names import CAP, Mentions, resolve_mention
from newstrace.model import Entity, Quote, Span

HEADS = (
    r"(?:prime minister|president|leader|minister|spokesm[ae]n|spokeswom[ae]n|spokesperson|officials?|sources?|aides?|"
    r"advis[eo]rs?|senators?|governor|candidate|nominee|statement|report|police|authorities|ministry|military|army|"
    r"government|office|campaign|analysts?|experts?|residents|witness(?:es)?|lawyers?|attorneys?|chief|director|"
    r"secretary|commander|officers?|diplomats?|observers|critics|supporters|Democrats|Republicans|voters|agency|"
    r"group|company|woman|man|mother|father|organizers|organisers|investigators|prosecutors?|judge|researchers|"
    r"scientists|doctors|economists|executives?|representatives?|administration|chairman|chairwoman|manager|"
    r"strategist|pollster|CEO|host|mayor|insiders?|members?|person|people|staff|team|embassy|department|"
    r"spokesman|surrogates?|allies|ally|operatives?|lawmakers?|legislators?|congressm[ae]n|democrat|republican|guard|"
    r"service|forces?|rescuers|medics|council|court|board|union|party|bank|study|survey|data|figures|poll|"
    r"newspaper|outlet|channel|broadcaster|network|institute|center|centre|foundation|commission|committee|release|"
    r"memo|letter|email|e-mail|tweet|post|message|ad|advertisement|video|book|article|editorial|column|complaint|"
    r"lawsuit|filing|document|ruling|order|sign|banner|website|headline|transcript|advocates|activists|leaders|"
    r"protesters|demonstrators|delegates|donors|conservatives|liberals|progressives|scholars|historians|pundits|"
    r"commentators|consultants|staffers|volunteers|opponents|detractors|skeptics|proponents|backers|friends|"
    r"colleagues|neighbou?rs|parents|students|workers|teachers|agencies|firms|companies|banks|groups|unions|"
    r"nations|countries|governments|states|polls?|surveys?|studies|researchers|scientists)"
)
PRON = r"(?:(?<![\w’'-])(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)(?![\w’'-]))"
_ABBR = r"(?:Gov|Sen|Rep|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Rev|Jr|Sr|Atty|Supt)\."
_NCAP = rf"(?:{_ABBR}|{CAP})"
_NCAP = rf"(?:{_NCAP}|[A-Z]{{2,6}}(?![\w-]))"
NAME = rf"(?:(?:(?:former|then-|ex-|the late)[ \t]*)?{_NCAP}(?:[ \t]+(?:{_NCAP}|and|of|de|van|von)){{0,5}}(?<![ \t]and)(?<![ \t]of)(?:[’']s[ \t]+(?:office|campaign|spokesman|spokeswoman|spokesperson|lawyer|attorney|team|aides?|ministry|government|administration|family))?)"
DESC = rf"(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Ss]everal|[Ss]ome|[Tt]wo|[Tt]hree|{CAP}[’']s)[ \t]+)?(?:[\w’'\-.]+[ \t]+){{0,4}}?{HEADS}(?:[ \t]+(?:in|of|for|at)[ \t]+(?:the[ \t]+)?{CAP}(?:[ \t]+{CAP}){{0,2}})?"
MENTION = rf"(?:{DESC}[ \t]+{NAME}|{DESC}|{NAME}|{PRON})"
_COORD = r"(?:\w+(?:ed|s)(?:[ \t]+[^,;“”\"]{0,50}?)?[ \t]+and[ \t]+" + ADVERBS + r"*)?"
_BEFORE_CUE = re.compile(rf"(?<![\w’'-])(?P<m>{MENTION})(?:,[^,“”\"]{{1,80}},)?[ \t]+{ADVERBS}*{_COORD}$")
_AFTER_QUOTE = re.compile(
    rf"^(?:[ \t]+[^“”\".,;]{{1,60}},)?[ \t]*(?:(?P<m>{MENTION})(?:,[^,“”\"]{{1,80}},)?[ \t]+{ADVERBS}*(?P<cue>{CUE_RE})\b|(?P<cue2>{CUE_RE})[ \t]+(?P<m2>{MENTION}))"
)
_LEAD_IN = re.compile(rf"(?<![\w’'-])(?P<m>{MENTION})(?:,[^,“”\"]{{1,80}},)?[ \t]+{ADVERBS}*(?P<cue>{CUE_RE})\b(?:[^“”\"]{{0,60}}?[,:])?[ \t]*$")
_SUBJECT = re.compile(rf"^(?:[^,“”\"]{{0,120}},[ \t]+)?(?P<m>{MENTION})\b")
_VIA = re.compile(rf"\b(?:statement|remarks|comments|interview|email|told)(?:[ \t]+(?:to|with))?[ \t]+(?P<via>{CAP}(?:[ \t]+{CAP}){{0,3}})")
_CUE_WORD = re.compile(rf"\b(?P<cue>{CUE_RE})\b")
_CUE_COMMA_END = re.compile(rf"\b{CUE_RE}\b[^“”\"]{{0,60}},$")
_APPOSITIVE_NAME = re.compile(rf",[ \t]+(?P<n>{NAME})(?=[,.;]|$)")
_TOLD_OBJECT = re.compile(
    rf"^(?:[ \t]+(?:reporters|journalists|lawmakers|supporters|the [\w ]{{1,30}}?|{CAP}(?:[ \t]+{CAP}){{0,2}}|him|her|them|us|me))?"
    rf"(?:[ \t]+(?:on|in|at|during)[ \t]+[^,]{{1,40}}?)?,?[ \t]+(?=that\b|[a-z“\"A-Z])")
_PLAIN_OBJECT = re.compile(r"^,?[ \t]+(?=that\b|[a-zA-Z])")
_TRAILING_CUE = re.compile(rf"{CUE_RE}(?:[ \t]+{MENTION})?(?:[ \t]+[^,.;“”\"]{{0,50}})?[.!?]?[”\"]?")
_MID_CUE = re.compile(rf"{CUE_RE}(?:[ \t]+[^,.;“”\"]{{0,40}})?,[ \t]+(?P<rest>.{{12,}})")
_INVERTED = re.compile(rf"{CUE_RE}[ \t]+(?P<m>{MENTION})")
_WORD = re.compile(r"\w+")
_POSSESSIVE_NAME = re.compile(r"[A-Z][\w.-]*(?:[ \t][A-Z][\w.-]*)*[’']s\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|this|that|his|her|its|their|our|[’']s)[ \t]+$", re.I)
_OBJECT_BEFORE = re.compile(r"\b(?:to|on|of|for|against|with|by|at|in|label|labeled|labelled|call|called)[ \t]*$")
_QMARK = re.compile(r"[“”\"]")
# How far back from a cue or a quote a pattern anchored there may start: far more than any speaker
# phrase ("The spokeswoman for ..., Maria Zakharova, later also said"), and it keeps each search
# bounded, so a sentence packed with cues costs its length times this, not its length squared.
REACH = 400
_OPEN = "“«„"
_CLOSE = "”»"
_TRIM = ",.;: \t\n"


@dataclass(slots=True)
class _Ctx:
    text: str
    sents: list[Span]
    entities: list[Entity]
    people: list[tuple[int, str]] = field(default_factory=list)  # (position, name) of person mentions, growing
    persons: frozenset[str] = frozenset()  # names of the people among ``entities``
    mentions: Mentions | None = None  # ``entities`` indexed for resolve_mention
    marks: list[tuple[int, int, int, int]] = field(default_factory=list)  # quoted_spans(text)
    opens: list[int] = field(default_factory=list)  # where each of ``marks`` opens, for bisection


def find_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    """Direct, partial and indirect quotes with speakers resolved against ``entities``."""
    ctx = _Ctx(text, sentences(text), entities)
    ctx.people = sorted((s[0], e.name) for e in entities if e.kind == "person" for s in e.spans)
    ctx.persons = frozenset(e.name for e in entities if e.kind == "person")
    ctx.mentions = Mentions(entities)
    out: list[Quote] = []
    marks = ctx.marks = quoted_spans(text)
    ctx.opens = [q[0] for q in marks]
    events = sorted([(q[0], "q", q) for q in marks] + [(s[0], "s", s) for s in ctx.sents])
    for _, kind, item in events:
        if kind == "q":
            out.append(_quoted(ctx, item))
        else:
            out.extend(_indirect(ctx, item))
    out = _inherit_speakers(text, out)
    return sorted(out, key=lambda q: q.span)


_MARKS = re.compile(r"''|[“”«»„\"]")


def quoted_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open mark, content start, content end, after close mark) for each paired quote.

    Marks are curly, straight or doubled apostrophes (''...''); a quote left open at the end of a
    paragraph runs on when the next paragraph opens with a mark, as news style does.
    """
    out = []
    opened: re.Match | None = None
    paras = paragraphs(text)
    for i, (p0, p1) in enumerate(paras):
        for m in _MARKS.finditer(text, p0, p1):
            kind = _mark_kind(text, m)
            if kind == "open":
                if opened is None or not (m.start() == p0 and opened.start() < p0):
                    opened = m
            elif kind == "close" and opened is not None:
                if m.start() > opened.end():
                    out.append((opened.start(), opened.end(), m.start(), m.end()))
                opened = None
        if opened is not None:
            nxt = paras[i + 1][0] if i + 1 < len(paras) else None
            first = _MARKS.match(text, nxt) if nxt is not None else None
            if first is None or _mark_kind(text, first) != "open":
                opened = None
    return out


def _mark_kind(text: str, m: re.Match) -> str | None:
    ch, j = m.group(0), m.start()
    before = text[j - 1] if j else " "
    after = text[m.end()] if m.end() < len(text) else " "
    if ch in _OPEN:
        # a typo'd closing mark: “Apparently not,“ he said
        if ch == "“" and before in ",.?!" and after.isspace():
            return "close"
        return "open"
    if ch in _CLOSE:
        return "close"
    if before.isspace() or before in "([—–-/":
        return "open" if not after.isspace() else None
    return "close"


def _clean(text: str, s: int, e: int) -> tuple[str, Span]:
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    while s < e and text[s] in " \t\n":
        s += 1
    raw = text[s:e]
    return re.sub(r"\s*\n\s*\n\s*(?:[“\"]|'')", " ", raw), (s, e)


def _quoted(ctx: _Ctx, q: tuple[int, int, int, int]) -> Quote:
    text = ctx.text
    o, cs, ce, after = q
    body, span = _clean(text, cs, ce)
    sent = sentence_of(ctx.sents, o)
    prefix = text[sent[0] : o]
    kind = "direct" if _is_direct(prefix, body, text[ce - 1 : ce]) else "partial"
    para_end = text.find("\n\n", after, after + 161)  # the rest of the paragraph, up to 160 characters
    tail = text[after : para_end if para_end >= 0 else after + 160][:160]
    m = _AFTER_QUOTE.match(tail)
    if m:
        mention = m.group("m") or m.group("m2")
        ms = after + (m.start("m") if m.group("m") else m.start("m2"))
        cue_s = after + (m.start("cue") if m.group("cue") else m.start("cue2"))
        cue = m.group("cue") or m.group("cue2")
        return _make(ctx, body, kind, span, mention, ms, cue, cue_s, "quote.direct_cue_after.v1", 0.9, sent)
    m = _LEAD_IN.search(prefix, _from(prefix))
    if m:
        return _make(ctx, body, kind, span, m.group("m"), sent[0] + m.start("m"), m.group("cue"),
                     sent[0] + m.start("cue"), "quote.cue_before.v1", 0.85, sent)
    if not prefix.strip():
        lead = _previous_paragraph_lead_in(ctx, o)
        if lead:
            return _make(ctx, body, kind, span, lead[1], lead[0], lead[2], lead[3], "quote.colon_previous_paragraph.v1", 0.7, sent)
    if prefix.rstrip().endswith(":"):
        m = _SUBJECT.match(prefix)
        if m and m.group("m").split()[0].lower() not in ("it", "this", "that", "who", "which"):
            return _make(ctx, body, kind, span, m.group("m"), sent[0] + m.start("m"), None, None,
                         "quote.colon_subject.v1", 0.6, sent)
    cue = _last_cue(prefix)
    if cue:
        ms, mention, rule, conf = _subject_of(ctx, sent, sent[0] + cue.start())
        if mention:
            return _make(ctx, body, kind, span, mention, ms, cue.group(0), sent[0] + cue.start(), rule, conf, sent)
    return Quote(body, kind, span, rule="quote.unattributed.v1", confidence=0.3)


def _previous_paragraph_lead_in(ctx: _Ctx, o: int) -> tuple[int, str, str | None, int | None] | None:
    """"He told his audience: ¶ “...": the paragraph before ends with a colon and names the speaker."""
    if not ctx.text.endswith("\n\n", 0, o):
        return None
    end = o  # the end of the text before ``o`` with its trailing space stripped, without copying it
    while end > 0 and ctx.text[end - 1].isspace():
        end -= 1
    if not ctx.text.endswith(":", 0, end):
        return None
    sent = sentence_of(ctx.sents, end - 1)
    prefix = ctx.text[sent[0] : end]
    m = _LEAD_IN.search(prefix, _from(prefix))
    if m:
        return sent[0] + m.start("m"), m.group("m"), m.group("cue"), sent[0] + m.start("cue")
    m = _SUBJECT.match(prefix)
    if m and m.group("m").split()[0].lower() not in ("it", "this", "that", "who", "which"):
        return sent[0] + m.start("m"), m.group("m"), None, None
    return None


def _is_direct(prefix: str, body: str, last: str) -> bool:
    """A whole utterance, not words woven into the writer's sentence."""
    lead = prefix.rstrip()
    words = len(body.split())
    sentence_like = body[:1].isupper() and last in ".?!" and words >= 2
    if not lead or lead.endswith((":", "—", "–")):
        return words >= 3 or sentence_like
    if lead.endswith(",") and _CUE_COMMA_END.search(lead, _from(lead)):
        return words >= 3 or sentence_like
    return bool(_LEAD_IN.search(prefix, _from(prefix))) and (words >= 3 or sentence_like)


def _from(s: str, end: int | None = None) -> int:
    """Where a search for a pattern anchored at ``end`` (default: the end of ``s``) may start."""
    return max(0, (len(s) if end is None else end) - REACH)


def _last_cue(prefix: str) -> re.Match | None:
    """The last cue word outside a quote left open before it (“...) and not a "so-called"."""
    marks = [(m.start(), m.group(0)) for m in _QMARK.finditer(prefix)]
    last, j, open_ = None, 0, False
    for m in _CUE_WORD.finditer(prefix):
        while j < len(marks) and marks[j][0] < m.start():
            open_, j = marks[j][1] != "”", j + 1
        if not open_ and not prefix.endswith("so-", 0, m.start()):
            last = m
    return last


def _subject_of(ctx: _Ctx, sent: Span, cue_start: int) -> tuple[int, str | None, str, float]:
    """The mention that says: right before the cue, else the sentence's subject (for "and said", "explaining")."""
    before = ctx.text[sent[0] : cue_start]
    cue_word = _WORD.match(ctx.text, cue_start)
    participle = bool(cue_word and cue_word.group(0).endswith("ing"))
    m = _BEFORE_CUE.search(before, _from(before))
    if m and not participle and not _is_object(before, m.start("m")):
        return sent[0] + m.start("m"), m.group("m"), "quote.partial_cue_subject.v1", 0.8
    m = _SUBJECT.match(before)
    if m and m.group("m").split()[0].lower() not in ("it", "this", "that"):
        return sent[0] + m.start("m"), m.group("m"), "quote.partial_sentence_subject.v1", 0.65
    return 0, None, "", 0.0


def _is_object(s: str, end: int) -> bool:
    """A mention at ``end`` right after a verb or preposition is an object ("label Hamas"), not the speaker."""
    return bool(_OBJECT_BEFORE.search(s, max(0, end - 60), end))


def _make(ctx: _Ctx, body: str, kind: str, span: Span, mention: str, ms: int, cue: str | None, cue_s: int | None,
          rule: str, conf: float, sent: Span) -> Quote:
    mention = mention.strip()
    speaker = _resolve(ctx, mention, ms)
    app = _APPOSITIVE_NAME.match(ctx.text[ms + len(mention) : ms + len(mention) + 80])
    if app and not re.match(NAME + "$", mention):  # "the witness, Omar Haddad": the name says who
        named = resolve_mention(app.group("n"), ms, ctx.entities, ctx.mentions)
        if named and named in ctx.persons:
            speaker = named
    via = None
    v = _VIA.search(ctx.text[sent[0] : max((cue_s or 0) + len(cue or ""), span[0])])
    if v and v.group("via") != mention and not v.group("via").startswith(mention):
        via = v.group("via")
    cue_span = (cue_s, cue_s + len(cue)) if cue and cue_s is not None else None
    return Quote(body, kind, span, speaker, mention, (ms, ms + len(mention)), cue, cue_span, via, rule, conf)


def _resolve(ctx: _Ctx, mention: str, pos: int) -> str | None:
    low = mention.lower()
    if low in ("he", "she"):
        name = pronoun_antecedent(ctx.text, pos, ctx.people, ctx.sents)
    elif low in ("they", "we", "i"):
        return None
    else:
        name = resolve_mention(mention, pos, ctx.entities, ctx.mentions)
        if name is None:
            return re.sub(r"^(?:the|a|an)\s+(?=[A-Z])", "", mention, flags=re.I)
    if name and name in ctx.persons:
        insort(ctx.people, (pos, name))
    return name


def pronoun_antecedent(text: str, pos: int, people: list[tuple[int, str]], sents: list[Span]) -> str | None:
    """Who "he"/"she" at ``pos`` is: a person opening this sentence, else the last person named who is
    not a possessive ("Maher’s rant"), else the last person named. ``people``: (position, name), sorted."""
    n_before = bisect_left(people, (pos, ""))  # ``people`` is sorted: these are the ones named before ``pos``
    if not n_before:
        return None
    s0 = sentence_of(sents, pos)[0]
    in_sentence = people[bisect_left(people, (s0, ""), 0, n_before):n_before]
    opening = [n for p, n in in_sentence
               if p <= s0 + 40 and not re.match(r"[\w .-]*?[’']s\b", text[p : p + 40].split(",")[0])]
    if opening and re.match(r"[\w .-]{0,40}$", text[s0 : in_sentence[0][0]]):
        return opening[0]
    for p, n in reversed(people[:n_before]):  # the last one named who is not a possessive
        if not _POSSESSIVE_NAME.match(text, p, p + 60):
            return n
    return people[n_before - 1][1]


def _indirect(ctx: _Ctx, sent: Span) -> list[Quote]:
    """Reported speech without quote marks around the whole clause."""
    text = ctx.text
    s0, s1 = sent
    st = text[s0:s1]
    out = []
    for m in _CUE_WORD.finditer(st):
        cue = m.group("cue")
        if cue.lower() not in SPEECH_CUES or _inside_quote(s0 + m.start(), ctx):
            continue
        if _ARTICLE_BEFORE.search(st, max(0, m.start() - 60), m.start()):
            continue  # a noun ("the report"), not a verb
        q = _indirect_after(ctx, sent, m) or _indirect_before(ctx, sent, m)
        if q:
            out.append(q)
    acc = re.search(r"\b[Aa]ccording to (?P<m>[^,.;“”\"]{2,80}?)(?=[,.;]|$)", st)
    if acc:
        if acc.start() < 3:
            c0 = s0 + st.find(",", acc.end()) + 1
            c1 = s1
        else:
            c0, c1 = s0, s0 + acc.start()
        body, span = _clean(text, c0, c1)
        if len(body.split()) >= 3 and not body.startswith(("“", '"')):
            ms = s0 + acc.start("m")
            out.append(_make(ctx, body, "indirect", span, acc.group("m"), ms, "according to", s0 + acc.start(),
                             "quote.according_to.v1", 0.8, sent))
    return out


def _inside_quote(pos: int, ctx: _Ctx) -> bool:
    """Paired quotes never overlap, so only the last one opening before ``pos`` can hold it."""
    i = bisect_left(ctx.opens, pos) - 1
    return i >= 0 and pos < ctx.marks[i][3]


def _indirect_after(ctx: _Ctx, sent: Span, cue: re.Match) -> Quote | None:
    """"X said (that) CLAUSE": the clause runs from the cue to the end of the sentence."""
    s0, s1 = sent
    st = ctx.text[s0:s1]
    b = _BEFORE_CUE.search(st, _from(st, cue.start()), cue.start())
    if (not b or _is_object(st, b.start("m"))) and cue.group(0).endswith("ing") and st[: cue.start()].rstrip().endswith(","):
        b = _SUBJECT.match(st, 0, cue.start())
        if b and b.group("m").split()[0].lower() in ("it", "this", "that", "who", "which"):
            b = None
    if not b or _is_object(st, b.start("m")):
        return None
    rest = st[cue.end() :]
    obj = (_TOLD_OBJECT if cue.group(0).startswith("tel") or cue.group(0) == "told" else _PLAIN_OBJECT).match(rest)
    if not obj:
        return None
    c0 = s0 + cue.end() + obj.end()
    if st.rstrip().endswith(":"):
        return None  # a lead-in to a quote, not reported speech
    body, span = _clean(ctx.text, c0, s1)
    words = body.split()
    if len(words) < 4 or body.startswith(("“", '"')) or (words[0].lower() in ("in", "on", "at", "during", "by", "it", "so", "yes", "no")
                                                                 and not re.match(r"at (?:least|most)\b", body)):
        return None
    ms = s0 + b.start("m")
    return _make(ctx, body, "indirect", span, b.group("m"), ms, cue.group(0), s0 + cue.start(), "quote.indirect_that.v1", 0.75, sent)


def _indirect_before(ctx: _Ctx, sent: Span, cue: re.Match) -> Quote | None:
    """"CLAUSE, X said." and "CLAUSE, said X." at the end of a sentence."""
    s0, s1 = sent
    st = ctx.text[s0:s1]
    tail = st[cue.start() :]
    if not _TRAILING_CUE.fullmatch(tail):
        mid = _MID_CUE.match(tail)
        if not mid or not st[: cue.start()].rstrip().endswith(","):
            return None
    head = st[: cue.start()]
    b = _BEFORE_CUE.search(head, _from(head))
    inv = _INVERTED.match(tail)
    if b and head[: b.start("m")].rstrip().endswith(","):
        mention, ms, cut = b.group("m"), s0 + b.start("m"), head[: b.start("m")].rstrip()
    elif inv and head.rstrip().endswith(","):
        mention, ms, cut = inv.group("m"), s0 + cue.start() + inv.start("m"), head.rstrip()
    else:
        return None
    body, span = _clean(ctx.text, s0, s0 + len(cut))
    if len(body.split()) < 3 or body.startswith(("“", '"')) or body.endswith(("”", '"')):
        return None
    return _make(ctx, body, "indirect", span, mention, ms, cue.group(0), s0 + cue.start(), "quote.indirect_trailing_cue.v1", 0.8, sent)


def _inherit_speakers(text: str, quotes: list[Quote]) -> list[Quote]:
    """A quote with no cue of its own takes the speaker of its paragraph, or of the one before."""
    paras = paragraphs(text)
    starts = [p[0] for p in paras]
    out = []
    qs = sorted(quotes, key=lambda q: q.span)
    attributed: list[list[Quote]] = [[] for _ in paras]  # per paragraph, the attributed quotes over it, in order
    for x in qs:
        if x.speaker_mention:
            for i in range(max(0, bisect_right(starts, x.span[0]) - 1), bisect_left(starts, x.span[1])):
                if overlaps(x.span, paras[i]):
                    attributed[i].append(x)
    for q in qs:
        if q.speaker_mention is not None:
            out.append(q)
            continue
        i = bisect_right(starts, q.span[0]) - 1
        pi = i if i >= 0 and q.span[0] <= paras[i][1] else -1
        same = [x for x in attributed[pi] if x.kind != "indirect"] if pi >= 0 else []
        prev = [x for x in attributed[pi - 1] if x.kind == "direct"] if pi > 0 else []
        if same:
            src = min(same, key=lambda x: abs(x.span[0] - q.span[0]))
            out.append(replace(q, speaker=src.speaker, speaker_mention=src.speaker_mention, speaker_span=src.speaker_span,
                               cue=src.cue, cue_span=src.cue_span, rule="quote.same_paragraph.v1", confidence=0.7))
        elif prev and text[paras[pi][0]] in "“\"":
            src = prev[-1]
            out.append(replace(q, speaker=src.speaker, speaker_mention=src.speaker_mention, speaker_span=src.speaker_span,
                               cue=src.cue, cue_span=src.cue_span, rule="quote.previous_paragraph.v1", confidence=0.5))
        else:
            out.append(q)
    return out


__all__ = ["find_quotes", "pronoun_antecedent", "quoted_spans"]
