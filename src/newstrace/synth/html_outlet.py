"""Page templates for origin outlets. Four families, each marking the publication date its own
way (meta article:published_time, JSON-LD datePublished, <time datetime>, or text only), with the
furniture real news pages carry: nav, dek, byline, related links, newsletter box, comments, footer."""

from __future__ import annotations

import json
from random import Random

from newstrace.synth.htmlbits import PageView, esc, human_date, paragraphs_html
from newstrace.synth.names import STAFF_NAMES


def render_outlet(view: PageView) -> str:
    rng = Random(view.seed)
    body = {"classic": _classic, "wire": _wire, "broadcaster": _broadcaster, "agency": _agency}[view.site.template]
    return _head(view, rng) + body(view, rng) + "</html>\n"


def _head(view: PageView, rng: Random) -> str:
    s, d = view.site, view.doc
    parts = ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
             f"<title>{esc(d.title)} — {esc(s.name)}</title>\n",
             f'<link rel="canonical" href="{esc(view.url)}">\n',
             f'<meta property="og:title" content="{esc(d.title)}">\n',
             f'<meta property="og:site_name" content="{esc(s.name)}">\n',
             f'<meta property="og:url" content="{esc(view.url)}">\n']
    if d.standfirst:
        parts.append(f'<meta name="description" content="{esc(d.standfirst)}">\n')
    if view.published and s.template in ("classic", "broadcaster"):
        parts.append(f'<meta property="article:published_time" content="{view.published.isoformat()}T'
                     f'{rng.randint(5, 22):02d}:{rng.randint(0, 59):02d}:00+00:00">\n')
    if view.modified and s.template == "classic":
        parts.append(f'<meta property="article:modified_time" content="{view.modified.isoformat()}T12:00:00+00:00">\n')
    if s.template == "wire":
        parts.append(_json_ld(view))
    parts.append('<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>\n'
                 "<style>.nav{display:flex}.cookie{position:fixed;bottom:0}</style>\n</head>\n")
    return "".join(parts)


def _json_ld(view: PageView) -> str:
    ld: dict = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": view.doc.title,
                "publisher": {"@type": "Organization", "name": view.site.name}, "mainEntityOfPage": view.url}
    if view.published:
        ld["datePublished"] = f"{view.published.isoformat()}T09:30:00Z"
    if view.modified:
        ld["dateModified"] = f"{view.modified.isoformat()}T15:10:00Z"
    if view.author:
        ld["author"] = [{"@type": "Person", "name": view.author}]
    return f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>\n'


def _nav(view: PageView) -> str:
    items = "".join(f'<li><a href="/{esc(n.lower())}/">{esc(n)}</a></li>' for n in view.site.nav)
    return (f'<header class="site-header"><a class="logo" href="/">{esc(view.site.name)}</a>'
            f'<nav class="nav"><ul>{items}</ul></nav><form class="search"><input name="q"></form></header>\n')


def _cookie(view: PageView) -> str:
    return f'<div class="cookie" id="cookie-consent"><p>{esc(view.site.cookie)}</p></div>\n' if view.site.cookie else ""


def _related(view: PageView, heading: str) -> str:
    items = "".join(f'<li><a href="/news/{i}/">{esc(t)}</a></li>' for i, t in enumerate(view.related))
    return f'<aside class="related"><h3>{heading}</h3><ul>{items}</ul></aside>\n' if items else ""


def _newsletter(view: PageView) -> str:
    return (f'<div class="newsletter"><h4>Get the {esc(view.site.name)} daily briefing</h4>'
            "<p>Sign up for our newsletter and get the day's top stories in your inbox.</p>"
            '<form><input type="email" placeholder="Email address"><button>Subscribe</button></form></div>\n')


def _footer(view: PageView) -> str:
    links = " | ".join(("About us", "Contact", "Privacy policy", "Terms of use", "Cookie settings", "Advertise"))
    return (f'<footer class="site-footer"><p>{esc(links)}</p><p>{esc(view.site.about)}</p>'
            f"<p>{esc(view.site.footer)}</p></footer>\n")


def _comments(view: PageView, rng: Random) -> str:
    mode = view.site.comments
    if mode == "none":
        return ""
    if mode == "closed":
        return '<section class="comments"><p>Comments are closed.</p></section>\n'
    n = rng.randint(3, 40)
    return (f'<section class="comments"><h3>Comments ({n})</h3><p>Join the discussion: log in or register to '
            "comment. Please keep comments civil and on topic.</p></section>\n")


def _time_tag(view: PageView, rng: Random, with_attr: bool = True) -> str:
    if not view.published:
        return ""
    shown = human_date(view.published, "long", view.fetched, rng)
    if with_attr:
        return f'<time datetime="{view.published.isoformat()}">{esc(shown)}</time>'
    return f'<span class="date">{esc(shown)}</span>'


def _body_with_inline_link(view: PageView, rng: Random) -> str:
    """Body paragraphs with one in-body "READ MORE:" teaser for another story (RT-style)."""
    paras = list(view.doc.paragraphs)
    out = paragraphs_html(paras)
    if view.related and len(paras) > 3:
        link = f'<p class="read-more"><strong>READ MORE: </strong><a href="/news/x/">{esc(view.related[0])}</a></p>\n'
        cut = out.index("</p>\n", 0) + 5
        for _ in range(2):
            cut = out.index("</p>\n", cut) + 5
        out = out[:cut] + link + out[cut:]
    return out


def _classic(view: PageView, rng: Random) -> str:
    d = view.doc
    byline = f'<div class="byline">By {esc(view.author)}</div>' if view.author else ""
    dek = f'<div class="article__summary">{esc(d.standfirst)}</div>\n' if d.standfirst else ""
    upd = f'<span class="updated">Updated: {view.modified.isoformat()}</span>' if view.modified else ""
    return (f"<body>\n{_cookie(view)}{_nav(view)}<main>\n<article class=\"article\">\n<h1>{esc(d.title)}</h1>\n{dek}"
            f'<div class="meta">{byline}{_time_tag(view, rng)}{upd}</div>\n<div class="article__text">\n'
            f"{_body_with_inline_link(view, rng)}</div>\n"
            '<div class="share">Share: Facebook Twitter Telegram WhatsApp Email</div>\n'
            f"</article>\n{_related(view, 'You may also like')}{_newsletter(view)}{_comments(view, rng)}</main>\n"
            f"{_footer(view)}</body>\n")


def _wire(view: PageView, rng: Random) -> str:
    d = view.doc
    byline = f'<div class="byline">By <a href="/authors/">{esc(view.author)}</a></div>' if view.author else ""
    dek = f'<p class="summary">{esc(d.standfirst)}</p>\n' if d.standfirst else ""
    trailer = ""
    if view.author:
        trailer = (f'<p class="sign-off">Reporting by {esc(view.author)}; Editing by '
                   f"{esc(rng.choice(STAFF_NAMES))}</p>\n<p class=\"trust\">Our Standards: "
                   f"The {esc(view.site.name)} Trust Principles.</p>\n")
    return (f"<body>\n{_nav(view)}<main><article>\n<h1>{esc(d.title)}</h1>\n{dek}{byline}"
            f'<div class="date-line">{_time_tag(view, rng, with_attr=False)}</div>\n<div class="article-body">\n'
            f"{paragraphs_html(d.paragraphs)}{trailer}</div>\n</article>\n{_related(view, 'Read Next')}"
            f"{_newsletter(view)}</main>\n{_cookie(view)}{_footer(view)}</body>\n")


def _broadcaster(view: PageView, rng: Random) -> str:
    d = view.doc
    dek = f"<p><b>{esc(d.standfirst)}</b></p>\n" if d.standfirst else ""
    topics = "".join(f"<li>{esc(n)}</li>" for n in view.site.nav[:4])
    return (f"<body>\n{_cookie(view)}{_nav(view)}<div id=\"main-content\"><article>\n<header><h1>{esc(d.title)}</h1>"
            f"{_time_tag(view, rng)}</header>\n{dek}{paragraphs_html(d.paragraphs)}</article>\n"
            f'<section class="topics"><h2>Related Topics</h2><ul>{topics}</ul></section>\n'
            f"{_related(view, 'More on this story')}</div>\n{_footer(view)}</body>\n")


def _agency(view: PageView, rng: Random) -> str:
    d = view.doc
    shown = human_date(view.published, "agency", view.fetched, rng) if view.published else ""
    dek = f'<div class="news-header__lead">{esc(d.standfirst)}</div>\n' if d.standfirst else ""
    return (f"<body>\n{_nav(view)}<div class=\"container\"><div class=\"news-header\">"
            f'<span class="date">{esc(shown)}</span><h1 class="news-header__title">{esc(d.title)}</h1>\n{dek}</div>\n'
            f'<div class="text-block">\n{paragraphs_html(d.paragraphs)}</div>\n'
            '<div class="tags">Tags: World, Politics</div>\n'
            f"{_related(view, 'Read also')}{_comments(view, rng)}</div>\n{_cookie(view)}{_footer(view)}</body>\n")
