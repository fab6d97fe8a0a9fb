"""The UI's pages, each a pure function from records to an HTML string (no store, no I/O), so they can
be tested on records alone. Every quote, claim, time, credit and edit links to its words in the text.

Anchors are built from spans (``q-120-180``), which stay the same across runs and need no index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newstrace.model import Article, Claim, Edit, Outlet, Passage, Quarantine, Story, StoryMember
from newstrace.store.db import Summary
from newstrace.ui.layout import document, esc, href, local, outside, table, tags
from newstrace.ui.marks import Mark, marked_html

STORIES_PER_PAGE = 100


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _anchor(kind: str, span: Sequence[int] | None) -> str:
    return f"{kind}-{span[0]}-{span[1]}" if span else ""


def _jump(label: str, page_id: str, anchor: str) -> str:
    return local(label, "article", page_id, anchor=anchor) if anchor else esc(label)


def _outlet(o: Outlet | None, fallback: str | None = None) -> str:
    if o is None:
        return esc(fallback) if fallback else '<span class="dim">unknown</span>'
    where = ", ".join(x for x in (o.domain, o.country) if x)
    parent = f' <span class="dim">(part of {esc(o.parent)})</span>' if o.parent else ""
    labels = tags(f"{x.label} ({x.list})" for x in o.labels)
    return f"<b>{esc(o.name)}</b> <span class=\"dim\">{esc(where)}</span>{parent}<br>{labels}"


def _edit_text(e: Edit) -> str:
    change = ""
    if e.before or e.after:
        change = f'<br><span class="dim">{esc((e.before or "")[:160])} → {esc((e.after or "")[:160])}</span>'
    return f"<b>{esc(e.type)}</b> {esc(e.detail)}{change}"


# ---------------------------------------------------------------------------------------------- index


def index_page(summary: Summary, shown: Sequence[Story], total: int, page: int = 0) -> str:
    """The store at a glance and its stories, largest first: ``shown`` is page ``page`` of ``total``."""
    reasons = ", ".join(f"{esc(k)}: {v}" for k, v in summary.reasons.items())
    head = (f"<h1>Stories</h1><p>{summary.pages} pages read, {summary.articles} articles, "
            f"{summary.quarantined} quarantined{' (' + reasons + ')' if reasons else ''}; "
            f"{total} stories of two or more pages.</p>"
            f'<form method="get" action="{href("find")}"><input name="ref" size="60" '
            f'placeholder="a page\'s URL or id: where else did it appear?"> <button>find</button></form>')
    rows = []
    for s in shown:
        origin = next((m for m in s.members if m.page_id == s.origin), None)
        relations = Counter(m.relation for m in s.members if m.relation != "origin")
        rows.append([local(s.id, "story", s.id), esc(origin.domain if origin else ""),
                     esc(origin.title if origin else ""), f'<span class="num">{len(s.members)}</span>',
                     esc(", ".join(f"{n} {r}" for r, n in sorted(relations.items()))),
                     f'<span class="num">{s.confidence:.2f}</span>'])
    pager = []
    if page > 0:
        pager.append(f'<a href="{href("", query=f"page={page - 1}")}">← previous</a>')
    if (page + 1) * STORIES_PER_PAGE < total:
        pager.append(f'<a href="{href("", query=f"page={page + 1}")}">next →</a>')
    return document("stories", head + table(["story", "origin site", "origin title", "pages", "copies",
                                             "confidence"], rows, empty="no stories yet") + " ".join(pager))


# ---------------------------------------------------------------------------------------------- story


def _member_row(story: Story, m: StoryMember, domain_of: dict[str, str]) -> list[str]:
    links = [local("article", "article", m.page_id)]
    if m.relation != "origin" and m.copied_from:
        links.append(local("compare", "story", story.id, "compare", m.page_id))
    source = esc(domain_of.get(m.copied_from or "", m.copied_from_url or "")) if m.relation != "origin" else ""
    return [f"<b>{esc(m.relation)}</b>", f"{esc(m.domain)}<br>{outside(m.url)}", esc(m.published or "?"),
            f'<span class="num">{m.containment:.2f}</span>', source,
            "<br>".join(_edit_text(e) for e in m.edits), " ".join(links)]


def story_page(story: Story) -> str:
    """One story as a timeline: the origin and why, then every copy with its source and its edits."""
    origin = next((m for m in story.members if m.page_id == story.origin), None)
    title = (origin.title if origin else None) or story.id
    head = (f"<h1>{esc(title)}</h1><p>story {esc(story.id)} · origin {outside(story.origin_url)} "
            f"(confidence {story.confidence:.2f})</p><h2>Why this origin</h2>")
    evidence = table(["evidence", "detail", "weight"],
                     ([esc(e.kind), esc(e.detail), f'<span class="num">{e.weight:.2f}</span>'] for e in story.evidence))
    domain_of = {m.page_id: m.domain or m.url or m.page_id for m in story.members}
    timeline = sorted(story.members, key=lambda m: (m.relation != "origin", m.published or "9999", m.url or "", m.page_id))
    members = table(["relation", "page", "published", "containment", "copied from", "edits", ""],
                    (_member_row(story, m, domain_of) for m in timeline))
    people = tags(f"{e.name} ({e.kind})" + (f" aka {', '.join(e.aliases)}" if e.aliases else "")
                  for e in story.entities)
    return document(title, head + evidence + "<h2>Members</h2>" + members +
                    (f"<h2>Who and what it names</h2><p>{people}</p>" if people else ""))


# ---------------------------------------------------------------------------------------------- article


def article_marks(a: Article) -> list[Mark]:
    """Every annotation with a span into ``a.text``: quotes, claims, times, credits kept in the text."""
    marks = [Mark(*q.span, "quote", _anchor("q", q.span), f"{q.kind} quote: {q.speaker or '?'}") for q in a.quotes]
    marks += [Mark(*c.span, "claim", _anchor("c", c.span), f"claim: {c.counted or ''} {c.source or ''}".strip())
              for c in a.claims]
    marks += [Mark(*t.span, "time", _anchor("t", t.span),
                   f"time: {t.start or '…'} to {t.end or '…'}" if t.anchored else "time: unanchored (no publication date)")
              for t in a.times]
    marks += [Mark(*c.span, "credit", _anchor("cr", c.span), f"credit: {c.name}") for c in a.credits if c.span]
    return marks


def _claim_row(a: Article, c: Claim) -> list[str]:
    amount = _num(c.value) if c.value is not None else f"{_num(c.low)}–{_num(c.high)}"
    when = f"{c.when.text} ({c.when.start or '?'}/{c.when.end or '?'})" if c.when else ""
    return [_jump(c.text, a.page_id, _anchor("c", c.span)), esc(amount), esc(c.hedge), esc(c.counted), esc(c.holder),
            esc(c.where), esc(when), esc(c.source), esc(c.rule)]


def article_page(a: Article) -> str:
    """The article as extracted: each field with where it came from, the furniture taken out, and the
    text with every quote, claim, time and in-text credit marked."""
    pub = a.published
    fields = [("source", esc(a.source)), ("url", outside(a.url)), ("site name", esc(a.site_name)),
              ("publisher", _outlet(a.publisher)), ("byline", esc(a.byline)),
              ("published", esc(f"{pub.date} ({pub.precision}, from {pub.source})") if pub else "unknown"),
              ("language", esc(a.language)), ("extractor", esc(a.extractor))]
    head = f"<h1>{esc(a.title or a.source)}</h1>" + table(["field", "value"], ([esc(k), v] for k, v in fields))
    credits = table(["credit", "outlet", "rule", "confidence", "where"],
                    ([_jump(c.text, a.page_id, _anchor("cr", c.span)), _outlet(c.outlet, c.name), esc(c.rule),
                      f"{c.confidence:.2f}", esc(c.location)] for c in a.credits), empty="no credit found")
    furniture = table(["kind", "text", "rule"], ([esc(b.kind), esc(b.text[:300]), esc(b.rule)] for b in a.boilerplate))
    text = f'<div class="text">{marked_html(a.text, article_marks(a))}</div>'
    quotes = table(["quote", "kind", "speaker", "as named", "cue", "via", "rule"],
                   ([_jump(q.text[:200], a.page_id, _anchor("q", q.span)), esc(q.kind), esc(q.speaker),
                     esc(q.speaker_mention), esc(q.cue), esc(q.via), esc(q.rule)] for q in a.quotes))
    claims = table(["claim", "amount", "hedge", "counted", "holder", "where", "when", "according to", "rule"],
                   (_claim_row(a, c) for c in a.claims))
    times = table(["time", "start", "end", "granularity", "rule"],
                  ([_jump(t.text, a.page_id, _anchor("t", t.span)), esc(t.start if t.anchored else "unanchored"),
                    esc(t.end if t.anchored else ""), esc(t.granularity), esc(t.rule)] for t in a.times))
    errors = "".join(f"<li>{esc(e)}</li>" for e in a.errors)
    return document(a.title or a.source, head + "<h2>Credited sources</h2>" + credits +
                    "<h2>Furniture taken out</h2>" + furniture + "<h2>Text</h2>" + text +
                    "<h2>Quotes</h2>" + quotes + "<h2>Numeric claims</h2>" + claims + "<h2>Times</h2>" + times +
                    (f"<h2>Errors</h2><ul>{errors}</ul>" if errors else ""))


# ---------------------------------------------------------------------------------------------- compare


def _side(a: Article, passages: Sequence[tuple[int, int]], edits: Sequence[tuple[int, Edit, tuple[int, int] | None]],
          side: str) -> str:
    marks = [Mark(s, e, "passage") for s, e in passages]
    marks += [Mark(*span, "edit", f"e{i}-{side}", e.type) for i, e, span in edits if span]
    return (f"<div><h2>{esc(a.domain or a.source)}</h2><p>{outside(a.url)}</p>"
            f'<div class="text">{marked_html(a.text, marks)}</div></div>')


def compare_page(story: Story, member: StoryMember, source: Article, copy: Article,
                 passages: Sequence[Passage]) -> str:
    """A copy beside its source: shared passages shaded, each edit marked on both sides and listed
    with links to where it sits in each text. ``passages`` are oriented (source span, copy span)."""
    edits = list(enumerate(member.edits))
    rows = [[_edit_text(e), f'<a href="#e{i}-s">in source</a>' if e.span_source else "",
             f'<a href="#e{i}-c">in copy</a>' if e.span_copy else ""] for i, e in edits]
    head = (f"<h1>What {esc(copy.domain or copy.source)} changed</h1><p>{esc(member.relation)} of "
            f"{esc(source.domain or source.source)} in story {local(story.id, 'story', story.id)}, containment "
            f"{member.containment:.2f}; {len(passages)} aligned passages (shaded).</p>")
    cols = (f'<div class="cols">{_side(source, [p.a for p in passages], [(i, e, e.span_source) for i, e in edits], "s")}'
            f'{_side(copy, [p.b for p in passages], [(i, e, e.span_copy) for i, e in edits], "c")}</div>')
    return document(f"compare {copy.domain}", head + table(["edit", "", ""], rows, empty="no edits") + cols)


# ---------------------------------------------------------------------------------------------- lists


def claims_page(rows: Sequence[dict], about: str, limit: int) -> str:
    """Claims found (``rows`` holds at most one more than ``limit``, to tell that others exist)."""
    form = (f'<form method="get" action="{href("claims")}"><input name="about" value="{esc(about)}" '
            f'placeholder="killed, troops, euros..."> <button>find</button></form>')
    body = table(["published", "outlet", "claim", "counted", "according to"],
                 ([esc(r["published"] or "?"), esc(r["outlet"] or r["domain"]),
                   _jump(r["text"], r["page_id"], _anchor("c", r["span"])), esc(r["counted"]), esc(r["source"])]
                  for r in rows[:limit]), empty="no claim found")
    more = f'<p class="dim">the first {limit} shown: narrow the search to see others</p>' if len(rows) > limit else ""
    return document("claims", f"<h1>Numeric claims</h1>{form}{body}{more}")


def quarantine_page(rows: Sequence[Quarantine]) -> str:
    body = table(["raw record", "reason", "detail", "stage", "url", "bytes"],
                 ([esc(q.source), esc(q.reason), esc(q.detail[:300]), esc(q.stage), esc(q.url),
                   f'<span class="num">{q.raw_size if q.raw_size is not None else "?"}</span>'] for q in rows),
                 empty="nothing quarantined")
    return document("quarantine", f"<h1>Quarantine</h1><p>{len(rows)} records could not be read; each keeps a "
                                  f"pointer to its raw bytes.</p>{body}")


def error_page(status: str, message: str) -> str:
    return document(status, f"<h1>{esc(status)}</h1><p>{esc(message)}</p>")
