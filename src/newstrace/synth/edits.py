"""Typed edits a republisher applies to the text it copies. Each edit is a pure function
``(Doc, Random) -> Doc | None``: None when it cannot apply (nothing to round, no attribution...),
so the ground truth lists only edits that really changed the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from random import Random
from types import MappingProxyType

from newstrace.synth.names import CREDIT_FORMS


@dataclass(frozen=True, slots=True)
class Doc:
    """The article as one page shows it: text plus the credit / read-more lines around it."""

    title: str
    standfirst: str | None
    paragraphs: tuple[str, ...]
    credit: str | None = None
    credit_pos: str = "bottom"  # top | bottom | byline
    read_more: str | None = None  # excerpts end with a link back ("Read more at RT")
    read_more_url: str | None = None


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_HEDGES = r"over|more than|at least|around|about|some|nearly|almost|roughly|up to|fewer than|less than"
_NUM = re.compile(rf"\b(?:(?P<hedge>{_HEDGES}) )?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\b(?![:/]\d)", re.I)
_ATTRIB = re.compile(r",? according to (?:the |a |an )?[A-Za-z][^.;:!?\"“”]{2,80}?(?=[.;])")

HEADLINE_FORMS: tuple[str, ...] = (
    "BREAKING: {t}", "{t} – report", "{t} (VIDEO)", "Shock as {lt}", "They don't want you to know this: {lt}",
    "{t}!", "WATCH: {t}", "{T}", "{t} – here is why it matters", "Must read: {t}",
)
COMMENTARY: tuple[str, ...] = (
    "Editor's note: we are sharing this because the mainstream press has barely mentioned it. Draw your own conclusions.",
    "Make of this what you will. It is not the first time this has happened, and it will not be the last.",
    "Our readers have been asking about this story all week, so here it is in full.",
    "Once again the people paying the price are ordinary families, while the officials argue over who said what.",
    "Notice how quickly this was buried. Share it before it disappears.",
    "UPDATE from the blog: several readers have written in to say the situation on the ground looks very different.",
    "This is exactly what we warned about months ago. Nobody listened then either.",
    "We will keep following this story and post more as it develops.",
)
PROMO: tuple[str, ...] = (
    "Support independent media: donate today and keep this site free.",
    "Follow us on Telegram for news they will not show you on TV.",
    "Subscribe to our daily newsletter so you never miss a story.",
    "Like this article? Share it with your friends and family!",
    "Advertisement",
    "Join our community: click here to become a member for just $5 a month.",
)


def headline_changed(doc: Doc, rng: Random) -> Doc | None:
    t = doc.title.rstrip(".")
    form = rng.choice(HEADLINE_FORMS + ("standfirst",))
    if form == "standfirst" and doc.standfirst and len(doc.standfirst) < 140:
        new = doc.standfirst.rstrip(".")
    else:
        form = form if form != "standfirst" else HEADLINE_FORMS[0]
        new = form.format(t=t, lt=t[:1].lower() + t[1:], T=t.upper())
    return replace(doc, title=new) if new != doc.title else None


def paragraphs_removed(doc: Doc, rng: Random) -> Doc | None:
    """Drop one or two paragraphs after the lead (the lead is what makes it recognisable)."""
    n = len(doc.paragraphs)
    if n < 4:
        return None
    drop = set(rng.sample(range(1, n), min(n - 3, rng.choice((1, 1, 2)))))
    return replace(doc, paragraphs=tuple(p for i, p in enumerate(doc.paragraphs) if i not in drop))


def paragraphs_added(doc: Doc, rng: Random) -> Doc | None:
    fresh = [c for c in COMMENTARY if c not in doc.paragraphs]  # a chain re-adding a note adds nothing new
    if not fresh:
        return None
    note = rng.choice(fresh)
    paras = list(doc.paragraphs)
    paras.insert(0 if rng.random() < 0.4 else len(paras), note)
    return replace(doc, paragraphs=tuple(paras))


def boilerplate_added(doc: Doc, rng: Random) -> Doc | None:
    fresh = [c for c in PROMO if c not in doc.paragraphs]
    if not fresh:
        return None
    paras = list(doc.paragraphs)
    paras.insert(rng.randint(1, len(paras)), rng.choice(fresh))
    return replace(doc, paragraphs=tuple(paras))


def truncated(doc: Doc, rng: Random) -> Doc | None:
    n = len(doc.paragraphs)
    if n < 3:
        return None
    keep = max(2, min(n - 1, round(n * rng.uniform(0.5, 0.8))))
    return replace(doc, paragraphs=doc.paragraphs[:keep])


def excerpt(doc: Doc, rng: Random, read_more: str, url: str) -> Doc:
    """First 30-60% of the paragraphs (at least one) and a link back to the full text."""
    n = len(doc.paragraphs)
    keep = max(1, min(n - 1, round(n * rng.uniform(0.3, 0.6)))) if n > 1 else 1
    return replace(doc, paragraphs=doc.paragraphs[:keep], read_more=read_more, read_more_url=url,
                   credit=None if rng.random() < 0.7 else doc.credit)


def numbers_changed(doc: Doc, rng: Random) -> Doc | None:
    """Round one hedged count the way copy-editors do: "over 5,700" -> "nearly 6,000"."""
    cands = [(i, m) for i, p in enumerate(doc.paragraphs) for m in _NUM.finditer(p) if _roundable(p, m)]
    if not cands:
        return None
    i, m = rng.choice(cands)
    value = float(m.group("num").replace(",", ""))
    new_value = _nicer(value)
    hedge = m.group("hedge")
    new_hedge = ("nearly" if new_value > value else "over") if hedge or rng.random() < 0.5 else None
    text = _fmt(new_value, m.group("num"))
    repl = f"{new_hedge} {text}" if new_hedge else text
    if hedge and hedge[0].isupper() and new_hedge:
        repl = repl[0].upper() + repl[1:]
    p = doc.paragraphs[i]
    paras = list(doc.paragraphs)
    paras[i] = p[: m.start()] + repl + p[m.end():]
    return replace(doc, paragraphs=tuple(paras))


def attribution_removed(doc: Doc, rng: Random) -> Doc | None:
    """Drop one "according to ..." clause, the edit that turns a sourced figure into a bare one."""
    cands = [(i, m) for i, p in enumerate(doc.paragraphs) for m in _ATTRIB.finditer(p)]
    if not cands:
        return None
    i, m = rng.choice(cands)
    paras = list(doc.paragraphs)
    paras[i] = paras[i][: m.start()] + paras[i][m.end():]
    return replace(doc, paragraphs=tuple(paras))


def credit_line(rng: Random, aliases: tuple[str, ...], domain: str, year: int) -> str:
    form = rng.choice(CREDIT_FORMS)
    return form.format(name=rng.choice(aliases), domain=domain, year=year)


def _roundable(text: str, m: re.Match) -> bool:
    num = m.group("num")
    if "," not in num and len(num) == 4 and 1900 <= int(num.split(".")[0]) <= 2100:
        return False  # a year
    before = text[: m.start()].rstrip().split(" ")[-1].lower().strip(",.")
    if before in _MONTHS:
        return False  # a date: "October 17"
    value = float(num.replace(",", ""))
    return value >= 10 and _nicer(value) != value


def _nicer(v: float) -> float:
    if v != int(v):
        return round(v * 1.1, 1) if round(v * 1.1, 1) != v else v + 1
    iv = int(v)
    sig = 10 ** (len(str(iv)) - 1)
    new = round(iv / sig) * sig
    if new == iv:
        new = iv + sig if iv < 100 else iv + sig // 2
    return float(new)


def _fmt(v: float, like: str) -> str:
    if v != int(v):
        return f"{v:.1f}"
    return f"{int(v):,}" if ("," in like or v >= 10000) else str(int(v))


EDIT_FUNCS = MappingProxyType({
    "headline_changed": headline_changed,
    "paragraphs_removed": paragraphs_removed,
    "paragraphs_added": paragraphs_added,
    "boilerplate_added": boilerplate_added,
    "truncated": truncated,
    "numbers_changed": numbers_changed,
    "attribution_removed": attribution_removed,
})
