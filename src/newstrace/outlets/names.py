"""Name and domain normalisation shared by the registry, its build script and the credit rules."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Hosting platforms and social networks: a subdomain of these is someone's blog or channel, never the
# platform's own journalism, so domain lookups do not walk up into them.
PLATFORM_HOSTS = frozenset({
    "blogspot.com", "wordpress.com", "medium.com", "substack.com", "tumblr.com", "github.io", "wixsite.com",
    "weebly.com", "livejournal.com", "typepad.com", "blogger.com", "t.me", "telegram.org", "youtube.com",
    "facebook.com", "twitter.com", "x.com", "instagram.com", "tiktok.com", "vk.com", "ok.ru", "google.com",
    "translate.goog", "sites.google.com", "reddit.com", "linkedin.com", "rumble.com", "bitchute.com",
    "wikipedia.org", "archive.org", "amazonaws.com", "cloudfront.net", "netlify.app", "vercel.app",
})

# Names that are platforms or page furniture: never treated as an outlet name (a trailing
# "Facebook" or "Twitter" line is a share button, not a credit).
PLATFORM_NAMES = frozenset({
    "facebook", "twitter", "x", "youtube", "instagram", "linkedin", "reddit", "tiktok", "telegram", "whatsapp",
    "pinterest", "flickr", "medium", "tumblr", "blogger", "wordpress", "substack", "google", "google maps",
    "amazon", "imdb", "goodreads", "discogs", "wikipedia", "wikidata", "quora", "vk", "livejournal", "email",
    "print", "share", "tweet", "comments", "home", "news", "source", "more", "stack exchange", "fandom",
    # page furniture and places that lists also use as outlet names ("RSS" is Nepal's news agency,
    # "APP" Pakistan's, "New York" the magazine)
    "rss", "app", "apps", "menu", "search", "login", "subscribe", "video", "videos", "live", "new york",
    "washington", "london", "paris", "moscow", "beijing", "world", "politics", "business", "sport", "sports",
})

_NON_ALNUM = re.compile(r"[\W_]+")
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\.?$", re.I)


def normalise_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Agence France-Presse" -> "agence france presse"."""
    if name.isascii():
        s = name.casefold()
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("&", " and ").replace("’", "'").replace("'s ", " ").replace("'", "")
    return _NON_ALNUM.sub(" ", s).strip()


def host_of(url_or_domain: str) -> str:
    """Lower-case host without ``www.``; accepts bare domains and slightly broken URLs (``https:/x``)."""
    s = url_or_domain.strip()
    if not s:
        return ""
    s = re.sub(r"^[a-z][a-z0-9+.\-]*:/+", "", s, flags=re.I)
    try:
        host = urlsplit("//" + s).hostname or ""
    except ValueError:
        return ""
    host = host.strip(".").lower()
    return host[4:] if host.startswith("www.") else host


def looks_like_domain(text: str) -> bool:
    s = text.strip()
    return bool(_DOMAIN.match(s)) and " " not in s


def parent_hosts(host: str) -> list[str]:
    """``host`` and its parents down to two labels, stopping below a hosting platform."""
    parts = host.split(".")
    out = [host]
    for i in range(1, len(parts) - 1):
        cand = ".".join(parts[i:])
        if cand in PLATFORM_HOSTS:
            break
        out.append(cand)
    return out
