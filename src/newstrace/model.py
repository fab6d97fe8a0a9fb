"""The records newstrace passes between stages. Dataclasses only: no I/O, no logic beyond
small derived views, so every stage (local or Spark) can build and serialise them.

Spans are ``(start, end)`` character offsets into ``Article.text`` (title, standfirst and
body paragraphs joined by blank lines), the one canonical text every annotation points into.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]

PARAGRAPH_SEPARATOR = "\n\n"

BOILERPLATE_KINDS = (
    "site_name",
    "navigation",
    "cookie_banner",
    "comments",
    "share",
    "related",
    "newsletter",
    "copyright",
    "advert",
    "credit",
    "byline",
    "dateline",
    "other",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a field holds what it holds: the named, versioned rule and how sure it is."""

    rule: str
    confidence: float = 1.0
    detail: str = ""
    span: Span | None = None


@dataclass(slots=True)
class Page:
    """One raw input record, before any extraction.

    ``source`` is the pointer back to the raw bytes: ``path``, ``path#offset=N`` for WARC/WET
    records, ``path#line=N`` for JSON Lines.
    """

    source: str
    raw: bytes
    content_type: str  # "html" or "text"
    url: str | None = None
    fetched_at: str | None = None  # crawl time (ISO 8601); never a publication date
    declared_charset: str | None = None
    text: str | None = None  # already-decoded text (JSON Lines, WET) when the reader had it
    format: str = ""  # reader that made it: html, warc, wet, jsonl, txt


@dataclass(frozen=True, slots=True)
class Label:
    """One list's verdict on an outlet. Never merged across lists."""

    list: str
    label: str
    score: float | None = None
    version: str = ""
    licence: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    domain: str | None = None
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    labels: tuple[Label, ...] = ()
    parent: str | None = None  # owning group, e.g. "Rossiya Segodnya" for Sputnik


@dataclass(frozen=True, slots=True)
class Published:
    date: str  # ISO: "2023-10-24", "2023-10" or "2023"
    precision: str  # day | month | year
    source: str  # where it came from: "meta:article:published_time", "htmldate", "text:dateline"...
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Boilerplate:
    kind: str  # one of BOILERPLATE_KINDS
    text: str
    rule: str = ""
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Credit:
    """A line or phrase that names where the text came from ("Russia Today", "By Reuters")."""

    text: str  # the whole credit as written
    name: str  # the outlet name as written inside it ("Russia Today")
    kind: str  # credit_line | agency_byline | dateline | originally_appeared | hat_tip | copyright | read_more | source
    rule: str
    confidence: float
    outlet: Outlet | None = None
    location: str = "body"  # body | boilerplate | byline | meta
    span: Span | None = None  # into Article.text, for credits that stay inside the text (datelines, sign-offs)


@dataclass(frozen=True, slots=True)
class TimeExpr:
    text: str
    span: Span
    start: str | None = None  # ISO date
    end: str | None = None
    granularity: str | None = None  # day | week | weekend | month | quarter | season | year | decade | century
    anchored: bool = True  # False when no publication date was there to resolve against
    rule: str = ""
    confidence: float = 1.0
    # Open-ended times keep one bound: "recently" has start None, "soon" has end None, both anchored.


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    kind: str  # direct | partial | indirect
    span: Span
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    via: str | None = None  # the outlet a statement was given to ("a statement to Reuters")
    rule: str = ""
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric claim: a count or amount with its hedge, what is counted, and on whose word."""

    text: str
    span: Span
    value: float | None = None
    low: float | None = None
    high: float | None = None
    hedge: str | None = None
    counted: str | None = None
    holder: str | None = None
    where: str | None = None
    when: TimeExpr | None = None
    source: str | None = None
    rule: str = ""
    confidence: float = 0.0
    source_span: Span | None = None  # where the attributed source is named, so "according to X" can be checked
    holder_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A person or organisation, one canonical name per article, with the mentions that refer to it."""

    name: str
    kind: str  # person | organisation | place
    aliases: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    rule: str = ""
    confidence: float = 0.0


@dataclass(slots=True)
class Article:
    source: str
    page_id: str = ""
    url: str | None = None
    canonical_url: str | None = None
    domain: str | None = None
    site_name: str | None = None
    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    published: Published | None = None
    fetched_at: str | None = None
    language: str | None = None
    body: list[str] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    publisher: Outlet | None = None
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    extractor: str = ""  # rule family that produced the fields: "html.v1", "text.v1"
    evidence: dict[str, Evidence] = field(default_factory=dict)  # field name -> the rule that filled it

    @property
    def text(self) -> str:
        """The canonical text every span points into."""
        return PARAGRAPH_SEPARATOR.join(self.parts())

    def parts(self) -> list[str]:
        head = [p for p in (self.title, self.standfirst) if p]
        return head + [p for p in self.body if p]

    def paragraph_spans(self) -> list[tuple[str, Span]]:
        """(role, span) for each part of ``text``: role is title, standfirst or body."""
        out: list[tuple[str, Span]] = []
        pos = 0
        roles = (["title"] if self.title else []) + (["standfirst"] if self.standfirst else [])
        roles += ["body"] * len([p for p in self.body if p])
        for role, part in zip(roles, self.parts()):
            out.append((role, (pos, pos + len(part))))
            pos += len(part) + len(PARAGRAPH_SEPARATOR)
        return out


@dataclass(frozen=True, slots=True)
class Quarantine:
    """A record that could not become an Article, kept with its reason and a pointer to its bytes."""

    source: str
    reason: str  # short machine-readable reason: not_found, bad_gzip, truncated_record, not_json...
    detail: str = ""
    stage: str = "read"  # read | extract | label | fingerprint | claims
    url: str | None = None
    raw_size: int | None = None


@dataclass(frozen=True, slots=True)
class Signature:
    page_id: str
    minhash: tuple[int, ...]
    length: int  # number of distinct shingles
    bands: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Passage:
    """An aligned passage: the same words at ``a`` in one text and ``b`` in the other."""

    a: Span
    b: Span


@dataclass(frozen=True, slots=True)
class Match:
    a: str  # page_id
    b: str
    containment_ab: float  # share of a's shingles found in b
    containment_ba: float
    jaccard: float
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True, slots=True)
class Edit:
    type: str  # credit_added | credit_removed | headline_changed | truncated | paragraphs_removed | ...
    detail: str = ""
    before: str | None = None
    after: str | None = None
    span_source: Span | None = None  # in the source's text
    span_copy: Span | None = None  # in the copy's text


@dataclass(frozen=True, slots=True)
class OriginEvidence:
    kind: str  # published_date | credit_line | canonical_url | publisher_matches_credit | containment | conflict
    detail: str
    weight: float = 0.0


@dataclass(slots=True)
class StoryMember:
    page_id: str
    url: str | None
    relation: str  # origin | copy | excerpt | version
    copied_from: str | None = None  # page_id of the member it was copied from
    copied_from_url: str | None = None
    containment: float = 1.0  # share of this member's text found in its source (or the origin)
    edits: list[Edit] = field(default_factory=list)
    domain: str | None = None
    published: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Story:
    id: str
    origin: str  # page_id
    origin_url: str | None
    confidence: float
    evidence: list[OriginEvidence] = field(default_factory=list)
    members: list[StoryMember] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)  # canonical names across members (filled by trace)


def to_dict(record: Any) -> Any:
    """Plain dict/list form of any record, for JSON and Parquet."""
    return asdict(record)
