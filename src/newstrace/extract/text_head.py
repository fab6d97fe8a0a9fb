"""The head of a plain-text article: site name, title, standfirst and byline, found in the lines
just before the body starts. Layout rules, not a model: a title is a heading-like line close
above the prose (or the line that repeats the page's first line, which converters fill with
the HTML <title>); a standfirst is a sentence between title and body; a site name is a short
line above the title, or the suffix of a "Title - Site" first line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.extract.text_features import LineShape
from newstrace.extract.text_rules import BYLINE, is_dateline, strong_kind

_WORD = re.compile(r"\w+")
_TITLE_SEP = re.compile(r"\s+(?:[|•·»–—-]|::)\s+")
HEAD_WINDOW = 8  # lines above the body searched for a title
PAGE_TITLE_WORDS = 4  # a <title> part this long is a headline, not a section name
LONE_TITLE_WORDS = 7  # a first line without a site suffix this long is a headline, not a site's name
# Player, caption and navigation widgets that sit right above a story's first paragraph, shaped like a heading
_WIDGET = re.compile(
    r"^(?:(?:media|image|photo|video)\s+caption\b.*|image|photo|video|caption|tweet|share|print|email|"
    r"(?:next|previous)\s+(?:story|article|post)|go to permalink|your video will play\b.*|"
    r"jump to (?:navigation|content|search)\b.*|skip to (?:main )?content|advertisement|[\W\d_]+|"
    r"(?:photo(?:graph)?|image|illustration|picture|credit)s?(?:\s+credit)?\s*:.*|image copyright\b.*|@\w+)$", re.I)


@dataclass(slots=True)
class LineLabel:
    """The verdict on one non-blank line: its role, the boilerplate kind if any, and why."""

    role: str  # body | boilerplate | site_name | title | standfirst | byline | dateline | credit
    kind: str = ""
    rule: str = ""
    confidence: float = 1.0


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text[:400].lower()))


def heading_like(s: LineShape) -> bool:
    text = s.text.rstrip()
    return (1 <= s.n_words <= 30 and not text.endswith((".", ":", ",", ";", "。", "：", "，"))
            and strong_kind(text) is None and not BYLINE.match(text) and not is_dateline(text))


def title_like(s: LineShape) -> bool:
    return heading_like(s) and not _WIDGET.match(s.text.strip())


def sentence_like(s: LineShape) -> bool:
    return 8 <= s.n_words <= 80 and s.stop_ratio >= 0.15


def _confident_body(s: LineShape, lab: LineLabel) -> bool:
    return lab.role == "body" and (s.n_words >= 8 or s.n_chars >= 60) and lab.confidence >= 0.6


def _standfirst_shaped(s: LineShape, lab: LineLabel) -> bool:
    """Could be a standfirst although the model kept it as body: unpunctuated, short, not sure."""
    text = s.text.rstrip()
    return (not s.terminal and not text.endswith((":", "："))
            and s.n_words <= 40 and (lab.role != "body" or lab.confidence < 0.8))


def _body_start(shapes: list[LineShape], labels: list[LineLabel]) -> int | None:
    """First line of running prose; an opening line shaped like a standfirst does not count."""
    body = [i for i, lab in enumerate(labels) if lab.role == "body" and shapes[i].n_words >= 8]
    if not body:
        return None
    b = body[0]
    for nxt in body[1:3]:
        if not _standfirst_shaped(shapes[b], labels[b]):
            break
        b = nxt
    return b


def _page_title(shapes: list[LineShape]) -> str | None:
    """The title part of a first line that reads "Title | Site" or "Section | Title - Site": converters
    (and Common Crawl's WET text) put the HTML <title> first. None when the line has no site suffix,
    and too short to be a headline, as then it may as well be the site's name (a blog's name on top)."""
    if not heading_like(shapes[0]):
        return None
    parts = _TITLE_SEP.split(shapes[0].text.strip())
    if len(parts) < 2 or len(parts[-1].split()) > 5:
        # no site suffix: a headline only when it is long for a site's name
        return shapes[0].text.strip() if shapes[0].n_words >= LONE_TITLE_WORDS else None
    return max(parts[:-1], key=len).strip()


def _title_from_page_title(shapes: list[LineShape], labels: list[LineLabel], start: int,
                           page_title: str | None) -> int | None:
    """The last heading-like line above the body that mostly repeats the first line's title part
    (converters put the HTML <title>, often "Title | Site", first)."""
    if start <= 1 or not heading_like(shapes[0]):
        return None
    first = _words(page_title or shapes[0].text)
    for i in range(start - 1, 0, -1):
        w = _words(shapes[i].text)
        if (title_like(shapes[i]) and 3 <= len(w) <= 2 * len(first) + 2 and not _confident_body(shapes[i], labels[i])
                and len(w & first) >= 0.8 * min(len(w), len(first))):
            return i
    return None


def _title_near_body(shapes: list[LineShape], labels: list[LineLabel], start: int) -> tuple[int | None, int | None]:
    """(title, standfirst) from the heading-like lines right above the body."""
    cands = [i for i in range(start - 1, max(-1, start - HEAD_WINDOW), -1)
             if title_like(shapes[i]) and not labels[i].rule.startswith("text.kind")
             and not _confident_body(shapes[i], labels[i])]
    if not cands:
        return None, None
    a = cands[0]
    before = [i for i in cands[1:] if a - i <= 3 and 4 <= shapes[i].n_words and shapes[a].n_words >= 1.3 * shapes[i].n_words]
    if sentence_like(shapes[a]) and shapes[a].n_words >= 12 and before:
        return before[0], a
    return a, None


def _site_name(shapes: list[LineShape], title: int) -> tuple[int, str] | None:
    top = shapes[0]
    if title == 0:
        parts = _TITLE_SEP.split(top.text)
        return (0, parts[-1]) if len(parts) >= 2 and len(parts[-1].split()) <= 5 else None
    if 1 <= title <= 3 and heading_like(top) and top.n_words <= 6:
        return 0, top.text
    parts = _TITLE_SEP.split(top.text)
    if len(parts) >= 2 and len(parts[-1].split()) <= 5 and not (_words(parts[-1]) <= _words(shapes[title].text)):
        return -1, parts[-1]  # named in the page-title line, which is dropped separately
    return None


def _standfirst_after(shapes: list[LineShape], labels: list[LineLabel], title: int, start: int) -> int | None:
    for i in range(title + 1, min(start + 1, title + 4)):
        s = shapes[i]
        if BYLINE.match(s.text) or is_dateline(s.text):
            continue
        if sentence_like(s) and (i < start or not s.terminal) and _standfirst_shaped(s, labels[i]):
            return i
        return None
    return None


def find_head(shapes: list[LineShape], labels: list[LineLabel]) -> tuple[dict[str, str], dict[int, LineLabel]]:
    """Fields found (site_name, title, standfirst, byline) and the lines that now carry them."""
    start = _body_start(shapes, labels)
    if start is None:
        return {}, {}
    page_title = _page_title(shapes)
    title = _title_from_page_title(shapes, labels, start, page_title)
    standfirst = None
    if title is None:
        title, standfirst = _title_near_body(shapes, labels, start)
    if page_title and len(_words(page_title)) >= PAGE_TITLE_WORDS and (title is None or len(
            _words(shapes[title].text) & _words(page_title)) < 0.3 * len(_words(shapes[title].text))):
        # nothing above the body reads like the page's own title ("Media playback is unsupported",
        # "Copy Link URL Copied!", a photo credit): the <title> line names the story; the line found near
        # the body still anchors the byline search, but keeps the model's label
        fields = {"title": page_title}
        out = {0: LineLabel("title", "", "text.head.page_title.v1", 0.7)}
        if site := _site_name(shapes, 0):
            fields["site_name"] = site[1]
        anchor = title if title is not None else start - 1
        standfirst = None
    elif title is None:
        return {}, {}
    else:
        fields = {"title": shapes[title].text}
        out = {title: LineLabel("title", "", "text.head.title.v1", 0.8)}
        anchor = title
        if standfirst is None:
            standfirst = _standfirst_after(shapes, labels, title, start)
        site = _site_name(shapes, title)
        if site is not None:
            fields["site_name"] = site[1]
            if site[0] >= 0:
                out[site[0]] = LineLabel("site_name", "site_name", "text.head.site_name.v1", 0.7)
    if standfirst is not None:
        fields["standfirst"] = shapes[standfirst].text
        out[standfirst] = LineLabel("standfirst", "", "text.head.standfirst.v1", 0.7)
    for i in range(0, anchor):  # above the title: page furniture, whatever the model thought
        if i not in out and labels[i].role == "body":
            out[i] = LineLabel("boilerplate", "other", "text.head.above_title.v1", 0.6)
    for i in range(anchor + 1, min(len(shapes), start + 3)):
        if i not in out and BYLINE.match(shapes[i].text) and shapes[i].n_words <= 12:
            fields.setdefault("byline", shapes[i].text)
            out[i] = LineLabel("byline", "byline", "text.head.byline.v1", 0.8)
    for i in range(max(0, start - HEAD_WINDOW), start):  # a caption or player line kept as prose
        if i not in out and labels[i].role == "body" and _WIDGET.match(shapes[i].text.strip()):
            out[i] = LineLabel("boilerplate", "other", "text.head.widget.v1", 0.7)
    return fields, out
