"""Credit lines and datelines: who a text says it came from.

Two entry points, both pure:
- ``match_credit_line(line, is_outlet)``: is this whole line/paragraph a credit? The plain-text
  extractor calls it on candidate lines, so it is fast (cheap prefix checks first) and conservative:
  a normal sentence, "Comments are closed." or "according to Reuters" is never a credit.
- ``find_credits(article, is_outlet)``: credit-only paragraphs at the start/end of the body move to
  ``credits`` + ``boilerplate(kind="credit")``; inline credits (datelines, "contributed to this report",
  wire sign-offs, "..., where this piece was first published", and short hat-tip or "originally appeared"
  paragraphs anywhere in the body) are added to ``credits`` with their span while the body text stays.
  An outlet named as the source of a claim ("uncovered by Fox News", "a Reuters/Ipsos poll", "CNN's Dana
  Bash") is never a credit: on PolNeAR such a rule gives far more false credits than true ones
  (bench/credits.py, claim-source probe).

``is_outlet`` (usually ``OutletRegistry.is_outlet``) decides whether a name is an outlet. Without it
only a short built-in list of wire agencies counts, and a bare name line is never a credit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from newstrace.model import Article, Boilerplate, Credit

IsOutlet = Callable[[str], bool]

RULE_TRAILING = "credit.trailing_line.v1"
RULE_SOURCE = "credit.source_line.v1"
RULE_BYLINE = "credit.agency_byline.v1"
RULE_DATELINE = "credit.dateline.v1"
RULE_ORIGINAL = "credit.originally_appeared.v1"
RULE_HAT_TIP = "credit.hat_tip.v1"
RULE_READ_MORE = "credit.read_more.v1"
RULE_COURTESY = "credit.courtesy.v1"
RULE_COPYRIGHT = "credit.copyright.v1"
RULE_CONTRIBUTED = "credit.contributed.v1"
RULE_SIGNOFF = "credit.wire_signoff.v1"
RULE_MARKER_PARAGRAPH = "credit.marker_paragraph.v1"
RULE_SYNDICATION = "credit.syndication_note.v1"
RULE_WHERE_FIRST = "credit.where_first_published.v1"
RULE_STAMP = "credit.outlet_stamp.v1"

# Used only when no registry is at hand (``is_outlet=None``).
WIRE_AGENCIES = frozenset({
    "ap", "associated press", "the associated press", "reuters", "afp", "agence france presse", "upi",
    "united press international", "bloomberg", "bloomberg news", "dpa", "efe", "ansa", "kyodo", "kyodo news",
    "yonhap", "pti", "press trust of india", "xinhua", "tass", "ria novosti", "sputnik", "rt", "russia today",
    "cnn", "aap", "canadian press", "the canadian press", "press association", "anadolu", "irna", "kcna",
    "interfax", "bbc",
})

_MAX_LINE = 300
_WORD = r"[A-Z0-9][\w'’.&\-]*"
_SMALL = r"(?:of|the|and|de|del|la|le|for|on|al|el|en)"
_PROPER = re.compile(rf"^(?:The\s+)?{_WORD}(?:\s+(?:{_WORD}|{_SMALL})){{0,6}}$")
_DOMAINISH = re.compile(r"^(?:https?://)?(?:www\.)?((?:[a-z0-9\-]+\.)+[a-z]{2,24})(?:/\S*)?[.,;]?$", re.I)
_CUT = re.compile(r"\s*(?:[,;:|()\[\]]|\.\s|\s[-–—]\s|\s(?:on|under|with|and|at|in|by|for|from|via|as|is|was|"
                  r"were|has|have|where|which|who|that|©)\s)", re.I)
_DATEISH = re.compile(r"^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
                      r"today|yesterday)[a-z]*\.?(?:\s|$))", re.I)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE = r"[A-Z][A-Za-z.'’\-]*(?:\s[A-Z][A-Za-z.'’\-]*){0,3}"
_DATELINE = re.compile(
    rf"^\s*(?:(?:{_PLACE})(?:,\s*(?:{_PLACE}))?(?:,?\s+{_MONTH}\s+\d{{1,2}})?|{_MONTH}\s+\d{{1,2}})?\s*"
    r"\((?P<name>[A-Z][\w.&'’ \-]{0,40}?)\)\s*(?:[-–—]+|:)\s*")
_PIECE = r"(?:article|story|post|piece|column|op-ed|commentary|essay|editorial|report|content|item)"
_MARKERS: tuple[tuple[re.Pattern[str], str, str, bool], ...] = (
    # (pattern with a ``rest`` group, kind, rule, must the name be a known outlet or a domain?).
    # "Source:" and "Courtesy of" also caption charts and photos ("Source: NATO."), so they need a known
    # outlet or a domain; "h/t" and "originally appeared" only ever credit text.
    (re.compile(r"^(?:sources?|via|credit|story source)\s*[:\-–—]\s*(?P<rest>.+)$", re.I),
     "source", RULE_SOURCE, True),
    (re.compile(r"^\(?\s*(?:(?:h/t/?|hat[ -]tip)(?:\s*[:\-–—]\s*|\s+)|ht\s*:\s*)(?:to\s+)?(?P<rest>.+?)\)?$", re.I),
     "hat_tip", RULE_HAT_TIP, False),
    (re.compile(r"^(?:this|the)\s+(?:article|story|post|piece|report|content|item)\s+(?:was\s+)?(?:originally|first)\s+"
                r"(?:appeared|published|posted|ran)(?:\s+(?:on|in|at|by))?\s+(?P<rest>.+)$", re.I),
     "originally_appeared", RULE_ORIGINAL, False),
    (re.compile(r"^(?:originally|first)\s+(?:published|appeared|posted)(?:\s+(?:on|in|at|by))?\s+(?P<rest>.+)$", re.I),
     "originally_appeared", RULE_ORIGINAL, False),
    (re.compile(r"^(?:republished|reprinted|reposted)\s+(?:with\s+permission\s+)?(?:from|by)\s+(?P<rest>.+)$", re.I),
     "originally_appeared", RULE_ORIGINAL, False),
    # Syndication notes: "This article is republished from The Conversation under a Creative Commons license",
    # "This column first appeared in the Detroit Free Press". "This" only: "The op-ed first appeared in ..."
    # is as often a sentence about another text.
    (re.compile(rf"^this\s+{_PIECE}\s+(?:is|was|has\s+been)\s+(?:republished|reprinted|reposted|syndicated)\s+"
                r"(?:with\s+(?:the\s+)?permission\s+)?(?:from|by)\s+(?P<rest>.+)$", re.I),
     "originally_appeared", RULE_SYNDICATION, False),
    (re.compile(r"^this\s+(?:column|op-ed|commentary|essay|editorial|opinion\s+piece)\s+(?:was\s+)?(?:originally|first)\s+"
                r"(?:appeared|published|posted|ran)(?:\s+(?:on|in|at|by))?\s+(?P<rest>.+)$", re.I),
     "originally_appeared", RULE_SYNDICATION, False),
    (re.compile(r"^(?:read\s+(?:more|the\s+(?:full|original)\s+(?:story|article))|continue\s+reading)\s*"
                r"(?:at|on|:|-)\s*(?P<rest>.+)$", re.I), "read_more", RULE_READ_MORE, True),
    (re.compile(r"^courtesy(?:\s+of|\s*:)\s+(?P<rest>.+)$", re.I), "source", RULE_COURTESY, True),
    (re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<rest>.+?)"
                r"(?:\.?\s*all rights reserved\.?)?$", re.I), "copyright", RULE_COPYRIGHT, True),
    (re.compile(r"^by\s+(?P<rest>.+)$", re.I), "agency_byline", RULE_BYLINE, True),
)
_CONTRIBUTED = re.compile(r"(?P<subj>[^.!?]{2,160}?)\s+contributed(?:\s+(?:reporting|to\s+this\s+report))?"
                          r"(?:\s+(?:to|for)\s+this\s+(?:report|story|article))?(?:\s+from\s+[^.]{1,60})?\.?\s*$")
# "... a guest writer for the Detroit Free Press, where this piece was first published.": an author note
# naming the outlet the text first ran in, just before "where".
_WHERE_FIRST = re.compile(rf"(?P<before>[^.!?;:]{{2,240}}?),?\s+where\s+(?:this|the|it|the\s+original)\s+"
                          rf"(?:{_PIECE}\s+)?(?:(?:was|is)\s+)?(?:first|originally)\s+(?:published|appeared|ran|posted)\b",
                          re.I)
_WHERE_CUE = re.compile(r"\bwhere\s+(?:this|the|it)\b.{0,40}?\b(?:first|originally)\s+(?:published|appeared|ran|posted)\b",
                        re.I)
_STAFF_WORDS = re.compile(r"\s+(?:staff\s+)?(?:writers?|reporters?|correspondents?|staff|journalists?|"
                          r"photographers?|editors?)\b.*$", re.I)
# What may follow an outlet's name in a stamp line: dates, times, "Updated", "3 min read", separators.
_STAMP_TAIL = re.compile(
    rf"^(?:[|·•,/–—-]\s*)?(?:(?:\d{{1,4}}(?::\d\d)?(?:st|nd|rd|th|am|pm)?|{_MONTH}"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun"
    r"|a\.?m\.?|p\.?m\.?|at|on|updated|published|posted|ago|mins?|minutes?|hours?|hrs?|read|today|yesterday"
    r"|[ECMP][SD]?T|GMT|UTC|BST|CES?T)(?!\w)[.,:]?\s*(?:[|·•/,–—-]\s*)?)+$", re.I)
_STAMP_CUE = re.compile(rf"(?:\b{_MONTH}\s*\d|\b(?:19|20)\d\d\b|\d:\d\d|\d\s*(?:mins?|minutes?|hours?|hrs?)\s+ago)", re.I)
_OWNER = re.compile(r"^(?P<who>[^'’]{2,60}?)['’]s?\s+(?=[A-Z])")
# Reuters' house sign-off, in parentheses after the last paragraph or, on some partners' pages, a line of its own
_SIGNOFF = re.compile(r"(?:\(|^)(?:additional\s+)?(?:reporting|writing)\s+by\b[^()]*?\bediting\s+by\b[^()]*\)?\s*$", re.I)


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", name.casefold().replace("&", " and ")).strip()


def _known(name: str, is_outlet: IsOutlet | None) -> bool:
    if not name or len(name) > 80:
        return False
    if is_outlet is not None:
        return is_outlet(name)
    return _norm(name) in WIRE_AGENCIES


def _clean(name: str) -> str:
    return name.strip().strip("\"'“”‘’«»").strip(".!,;:–—- ").strip()


def _candidates(rest: str) -> list[str]:
    """Prefixes of ``rest`` at natural cut points, longest first ("The Hill on Monday" -> ..., "The Hill")."""
    rest = _clean(rest)
    out = [rest]
    for m in reversed(list(_CUT.finditer(rest))):
        out.append(_clean(rest[: m.start()]))
    return [c for c in dict.fromkeys(out) if c]


def _name_in(rest: str, is_outlet: IsOutlet | None, need_known: bool) -> tuple[str, float] | None:
    """The outlet named at the start of ``rest`` and how sure we are, else None."""
    dom = _DOMAINISH.match(rest.strip().split()[0]) if rest.strip() else None
    if dom:
        return dom.group(1).lower(), 0.85
    cands = _candidates(rest)
    for c in cands:
        if _known(c, is_outlet):
            return c, 0.9
    if need_known:
        return None
    first = cands[-1] if cands else ""
    if first and _PROPER.match(first) and len(first.split()) <= 6 and not _DATEISH.match(first):
        return first, 0.6
    return None


def _credit(text: str, name: str, kind: str, rule: str, conf: float, location: str = "body") -> Credit:
    return Credit(text=text, name=name, kind=kind, rule=rule, confidence=round(conf, 2), location=location)


def _bare_line(line: str, is_outlet: IsOutlet | None) -> Credit | None:
    """"Russia Today" or "— Reuters" alone on a line: only when the registry knows the name."""
    name = _clean(line.lstrip("-–—•* ").strip())
    if is_outlet is None or not name or len(name.split()) > 6 or not name[0].isalnum():
        return None
    if name[0].islower() and "." not in name:
        return None
    return _credit(line.strip(), name, "credit_line", RULE_TRAILING, 0.85) if is_outlet(name) else None


def _stamp_line(line: str, is_outlet: IsOutlet | None) -> Credit | None:
    """"Associated Press November 19, 2019, 9:02 AM", "Reuters | Nov. 3, 2019 · 3 min read": a known
    outlet's name with nothing after it but a date or time stamp, as aggregators and syndication
    partners put wire copy under its headline."""
    words = line.split()
    if not re.search(r"\d", line) or len(words) > 14:
        return None
    for k in range(min(6, len(words) - 1), 0, -1):
        rest = " ".join(words[k:])
        if not _STAMP_CUE.search(rest) or not _STAMP_TAIL.match(rest):
            continue  # "CBS 62" is a station's name: a stamp holds a month, a year, a time or "ago"
        name = _clean(" ".join(words[:k]).rstrip("|·•,/ "))
        if name and name[0].isalnum() and _known(name, is_outlet):
            return _credit(line.strip(), name, "agency_byline", RULE_STAMP, 0.85)
    return None


def _dateline(text: str, is_outlet: IsOutlet | None) -> Credit | None:
    m = _DATELINE.match(text)
    if not m:
        return None
    name = m.group("name").strip()
    if _known(name, is_outlet):
        return _credit(m.group(0).strip(), name, "dateline", RULE_DATELINE, 0.95)
    return None


def _contributed(sentence: str, is_outlet: IsOutlet | None) -> Credit | None:
    m = _CONTRIBUTED.search(sentence)
    if not m or "contributed" not in sentence:
        return None
    subj = _clean(m.group("subj"))
    owner = _OWNER.match(subj)  # "Fox News' Jessica Napoli", "The Associated Press' John Doe"
    for cand in (subj, _STAFF_WORDS.sub("", subj), *([owner.group("who")] if owner else []),
                 *re.split(r",\s*|\s+and\s+", subj)):
        cand = _clean(cand)
        if cand and _known(cand, is_outlet):
            return _credit(sentence.strip(), cand, "contributed", RULE_CONTRIBUTED, 0.9)
    return None


def _where_first(sentence: str, is_outlet: IsOutlet | None) -> Credit | None:
    """The known outlet that ends the words before ", where this piece was first published"."""
    m = _WHERE_FIRST.search(sentence)
    if not m:
        return None
    words = m.group("before").split()
    for k in range(min(8, len(words)), 0, -1):
        cand = _clean(" ".join(words[-k:]))
        if _known(cand, is_outlet):
            return _credit(sentence.strip(), cand, "originally_appeared", RULE_WHERE_FIRST, 0.9)
    return None


def _signoff(text: str) -> Credit | None:
    """"(Reporting by X; Editing by Y)": Reuters' house sign-off, so the credit names Reuters, less surely."""
    m = _SIGNOFF.search(text)
    return _credit(m.group(0).strip(), "Reuters", "wire_signoff", RULE_SIGNOFF, 0.7) if m else None


def _marker(line: str, is_outlet: IsOutlet | None) -> Credit | None:
    for pattern, kind, rule, need_known in _MARKERS:
        m = pattern.match(line)
        if not m:
            continue
        found = _name_in(m.group("rest"), is_outlet, need_known)
        if kind == "agency_byline" and found is None:
            found = _byline_outlet(m.group("rest"), is_outlet)
        if found:
            return _credit(line, found[0], kind, rule, found[1])
        return None
    return None


def _byline_outlet(rest: str, is_outlet: IsOutlet | None) -> tuple[str, float] | None:
    """"By Jane Doe, Associated Press" / "By Jane Doe | Reuters": the outlet after the person."""
    parts = re.split(r"\s*(?:,|\||\s[-–—]\s|\sfor\s|\sof\s)\s*", rest)
    for p in parts[1:]:
        p = _clean(p)
        if _known(p, is_outlet):
            return p, 0.85
    return None


def opens_with_dateline(text: str) -> bool:
    """Does the text open with a wire dateline ("NEW YORK (Reuters) -", "LONDON (AP) —")?"""
    return _DATELINE.match(text) is not None


def match_credit_line(line: str, is_outlet: IsOutlet | None = None) -> Credit | None:
    """A whole line/paragraph that is a credit ("Russia Today", "Source: RT", "By Reuters",
    "© 2023 Associated Press", "(Reuters) -"...), else None."""
    text = " ".join((line or "").split())
    if not text or len(text) > _MAX_LINE:
        return None
    return (_marker(text, is_outlet) or _dateline_only(text, is_outlet) or _contributed_only(text, is_outlet)
            or _signoff_only(text) or _bare_line(text, is_outlet) or _stamp_line(text, is_outlet))


def _dateline_only(text: str, is_outlet: IsOutlet | None) -> Credit | None:
    c = _dateline(text, is_outlet)
    return c if c and len(c.text) >= len(text) - 1 else None


def _contributed_only(text: str, is_outlet: IsOutlet | None) -> Credit | None:
    if len(re.findall(r"[.!?](?:\s|$)", text)) > 1 or "contributed" not in text:
        return None
    return _contributed(text, is_outlet)


def _signoff_only(text: str) -> Credit | None:
    c = _signoff(text)
    return c if c and len(c.text) >= len(text) - 1 else None


_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z(“\"])")


# Markers that only ever credit text, so a paragraph made of one is a credit wherever it sits: "(h/t Mediaite.)"
# above an author's "Follow X on Twitter" line, or after an embedded video. "Source:", "Courtesy of", a bare
# name or "By X" mid-body are as often a chart, photo or section caption, so those stay edge-only.
_ANYWHERE_KINDS = frozenset({"hat_tip", "originally_appeared"})
_ANYWHERE_WORDS = 25
_KNOWN_CONF = 0.85  # what _name_in gives a known outlet (0.9) or a domain (0.85); an unknown proper name gets 0.6
_EDGE_RULES = frozenset({RULE_HAT_TIP, RULE_ORIGINAL})  # matched mid-body, they take RULE_MARKER_PARAGRAPH


def _anywhere(text: str, is_outlet: IsOutlet | None) -> Credit | None:
    """A short paragraph that is a hat tip or an "originally appeared" note, wherever it sits in the body.
    Short, and not "The story first appeared in X ...": a long one is a sentence about another text. The
    name must be a known outlet or a domain: mid-body, "H/T John Smith" thanks a person."""
    if len(text.split()) > _ANYWHERE_WORDS or text[:4].lower() == "the ":
        return None
    whole = _marker(text, is_outlet)
    if whole is None or whole.kind not in _ANYWHERE_KINDS or whole.confidence < _KNOWN_CONF:
        return None
    return replace(whole, rule=RULE_MARKER_PARAGRAPH if whole.rule in _EDGE_RULES else whole.rule)


def inline_credits(paragraph: str, is_outlet: IsOutlet | None = None) -> list[Credit]:
    """Credits inside a paragraph that stays in the body: a leading dateline, a closing
    "X contributed to this report" sentence, a closing wire sign-off, or the whole paragraph when it is
    a hat tip or an "originally appeared" line."""
    text = " ".join(paragraph.split())
    whole = _anywhere(text, is_outlet)
    if whole is not None:
        return [whole]
    found: list[Credit] = []
    dl = _dateline(text, is_outlet)
    if dl:
        found.append(dl)
    if "contributed" in text:
        last = _SENTENCE_END.split(text)[-1]
        c = _contributed(last, is_outlet)
        if c:
            found.append(c)
    if "where" in text and _WHERE_CUE.search(text):
        w = _where_first(_SENTENCE_END.split(text)[-1], is_outlet)
        if w:
            found.append(w)
    if "diting by" in text:
        s = _signoff(text)
        if s:
            found.append(s)
    return found


_MAX_EDGE = 5  # credit-only paragraphs moved from each end, at most
RULE_NOTICE = "boiler.copyright_notice.v1"
# A site's own copyright notice closing the body ("Copyright © 2012–2024 Frontier Wire. Articles reposted
# here remain the property of their authors..."): furniture, not article text. One naming another outlet
# is a credit and match_credit_line takes it first; this only catches the notices it does not accept.
_NOTICE = re.compile(r"^\s*(?:©|\(c\)\s*(?:19|20)\d\d|copyright\s*(?:©|\(c\)|(?:19|20)\d\d))", re.I)
_MAX_NOTICE = 400


def _edge_credits(body: list[str], is_outlet: IsOutlet | None, leading: bool) -> tuple[int, list[Credit | Boilerplate]]:
    """How many paragraphs at one end of ``body`` are credit-only (or, at the end, a copyright notice
    credits.py does not read as a credit), and what each is. At the start a bare name is not enough (it
    is more often a kicker or the site's name than a credit)."""
    order = range(len(body)) if leading else range(len(body) - 1, -1, -1)
    n, found = 0, []
    for i in order:
        if n >= _MAX_EDGE or n >= len(body) - 1:
            break
        c = match_credit_line(body[i], is_outlet)
        if c is None and not leading and len(body[i]) <= _MAX_NOTICE and _NOTICE.match(body[i]):
            found.append(Boilerplate(kind="copyright", text=body[i].strip(), rule=RULE_NOTICE, confidence=0.8))
        elif c is None or (leading and c.kind == "credit_line"):
            break
        else:
            found.append(replace(c, location="boilerplate"))
        n += 1
    return n, (found if leading else found[::-1])


def _byline_credit(byline: str | None, is_outlet: IsOutlet | None) -> Credit | None:
    if not byline:
        return None
    text = " ".join(byline.split())
    c = match_credit_line(text if text.lower().startswith("by ") else "By " + text, is_outlet)
    if c is None and is_outlet is not None and is_outlet(_clean(text)):
        c = _credit(text, _clean(text), "agency_byline", RULE_BYLINE, 0.85)
    return replace(c, text=text, location="byline") if c and c.kind == "agency_byline" else None


def _inline_with_spans(article: Article, is_outlet: IsOutlet | None) -> list[Credit]:
    """Inline credits stay in the text, so each gets its span into ``Article.text`` for the reader to check."""
    out = []
    bodies = [span for role, span in article.paragraph_spans() if role == "body"]
    for paragraph, (start, _) in zip([p for p in article.body if p], bodies):
        for c in inline_credits(paragraph, is_outlet):
            at = paragraph.find(c.text)
            out.append(replace(c, span=(start + at, start + at + len(c.text))) if at >= 0 else c)
    return out


def find_credits(article: Article, is_outlet: IsOutlet | None = None) -> Article:
    """A new Article: credit-only paragraphs at the start/end of the body moved out of the body into
    ``credits`` and ``boilerplate(kind="credit")``, a closing copyright notice that credits no outlet into
    ``boilerplate(kind="copyright")``; inline credits added while the body text stays."""
    body = list(article.body)
    tail_n, tail = _edge_credits(body, is_outlet, leading=False)
    body = body[: len(body) - tail_n]
    head_n, head = _edge_credits(body, is_outlet, leading=True)
    moved = body[:head_n] + list(article.body[len(article.body) - tail_n:])
    body = body[head_n:]
    edge = head + tail
    found = ([c for c in head if isinstance(c, Credit)] + _inline_with_spans(replace(article, body=body), is_outlet)
             + [c for c in tail if isinstance(c, Credit)])
    by = _byline_credit(article.byline, is_outlet)
    found = ([by] if by else []) + found
    seen = {(c.text, c.kind) for c in article.credits}
    new = []
    for c in found:
        if (c.text, c.kind) not in seen:
            seen.add((c.text, c.kind))
            new.append(c)
    plates = [c if isinstance(c, Boilerplate) else
              Boilerplate(kind="copyright" if c.kind == "copyright" else "credit", text=p.strip(), rule=c.rule,
                          confidence=c.confidence)
              for p, c in zip(moved, edge)]
    return replace(article, body=body, credits=list(article.credits) + new,
                   boilerplate=list(article.boilerplate) + plates)
