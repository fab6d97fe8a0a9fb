"""Name banks for the synthetic crawl: origin outlets (real domains), invented blog domains and
the many ways a republisher credits its source. Constants only (tuples), no state."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OutletSpec:
    """A real news outlet that originates stories: how it names itself and shapes its URLs."""

    domain: str
    name: str
    aliases: tuple[str, ...]  # how copies credit it
    template: str  # classic | wire | broadcaster | agency
    url_style: str
    dateline_tag: str = ""  # agencies prefix the lead: "MOSCOW, October 24. /TASS/."


OUTLETS: tuple[OutletSpec, ...] = (
    OutletSpec("rt.com", "RT", ("RT", "Russia Today", "RT.com", "RT News", "rt.com"), "classic", "rt"),
    OutletSpec("reuters.com", "Reuters", ("Reuters", "Thomson Reuters", "REUTERS", "reuters.com"), "wire", "reuters"),
    OutletSpec("apnews.com", "Associated Press", ("AP", "The Associated Press", "Associated Press", "AP News"), "wire", "ap"),
    OutletSpec("tass.com", "TASS", ("TASS", "TASS news agency", "Tass", "tass.com"), "agency", "tass", "TASS"),
    OutletSpec("sputnikglobe.com", "Sputnik", ("Sputnik", "Sputnik News", "Sputnik International", "sputnikglobe.com"),
               "agency", "sputnik"),
    OutletSpec("aljazeera.com", "Al Jazeera", ("Al Jazeera", "Al Jazeera English", "aljazeera.com"), "broadcaster",
               "aljazeera"),
    OutletSpec("bbc.com", "BBC News", ("BBC", "BBC News", "the BBC", "bbc.com"), "broadcaster", "bbc"),
    OutletSpec("dw.com", "DW", ("DW", "Deutsche Welle", "dw.com"), "broadcaster", "dw"),
    OutletSpec("france24.com", "France 24", ("France 24", "FRANCE 24", "france24.com"), "classic", "france24"),
    OutletSpec("globaltimes.cn", "Global Times", ("Global Times", "GT", "globaltimes.cn"), "classic", "globaltimes"),
    OutletSpec("presstv.ir", "Press TV", ("Press TV", "PressTV", "presstv.ir"), "classic", "presstv"),
    OutletSpec("news.cgtn.com", "CGTN", ("CGTN", "China Global Television Network", "cgtn.com"), "wire", "cgtn"),
)

# US outlets that originate the PolNeAR texts (bench only): sites are made for them only when a text
# names one, so crawls of the bundled texts are unchanged.
US_OUTLETS: tuple[OutletSpec, ...] = (
    OutletSpec("breitbart.com", "Breitbart", ("Breitbart", "Breitbart News", "breitbart.com"), "classic", "us_section"),
    OutletSpec("westernjournal.com", "The Western Journal", ("The Western Journal", "Western Journal", "WJ"),
               "classic", "us_slug"),
    OutletSpec("washingtonpost.com", "The Washington Post", ("The Washington Post", "Washington Post", "WaPo"),
               "classic", "us_dated"),
    OutletSpec("usatoday.com", "USA Today", ("USA Today", "USA TODAY", "usatoday.com"), "broadcaster", "us_dated"),
    OutletSpec("politico.com", "Politico", ("Politico", "POLITICO", "politico.com"), "wire", "us_dated"),
    OutletSpec("nytimes.com", "The New York Times", ("The New York Times", "New York Times", "NYT", "nytimes.com"),
               "classic", "us_dated"),
    OutletSpec("huffpost.com", "HuffPost", ("HuffPost", "The Huffington Post", "Huffington Post", "huffpost.com"),
               "broadcaster", "us_slug"),
)

# Credit line forms seen on republishing sites. {name}: an alias, {domain}: outlet domain, {year}.
CREDIT_FORMS: tuple[str, ...] = (
    "{name}",
    "Source: {name}",
    "SOURCE: {name}",
    "Source – {name}",
    "By {name}",
    "This article originally appeared on {name}.",
    "This article was originally published by {name}.",
    "Originally published at {domain}",
    "h/t {name}",
    "H/T: {name}",
    "Read more at {name}",
    "Courtesy of {name}",
    "© {year} {name}",
    "Via {domain}",
    "(Article by {name})",
    "Republished from {name} with permission.",
    "[{name}]",
    "Credit: {name}",
)

READ_MORE_FORMS: tuple[str, ...] = (
    "Read more at {name}",
    "Read the full article at {name}",
    "Continue reading at {domain}",
    "Read more…",
    "Full story: {name}",
    "[…] Read the rest at {name}",
)

BLOG_TEMPLATES: tuple[str, ...] = (
    "wordpress", "blogger", "forum", "aggregator", "pravda", "substack", "minimal", "portal", "channel", "magazine",
)

# Invented blog names: first + second word, joined in several ways. Checked against the shared outlet
# lists at development time so no generated domain names a listed real site.
BLOG_WORDS_A: tuple[str, ...] = (
    "truth", "liberty", "eagle", "awake", "cosmic", "prairie", "harbor", "lantern", "northern", "silent",
    "open", "frontier", "granite", "river", "ember", "iron", "crystal", "hidden", "sovereign", "quiet",
    "echo", "beacon", "meadow", "copper", "atlas", "orbit", "maple", "solar", "kestrel", "summit", "willow", "signal",
    "amber", "citadel", "falcon", "harvest", "horizon", "ivory", "juniper", "lighthouse", "marble", "nomad", "oak",
    "pilgrim", "quarry", "raven", "saffron", "thistle", "umber", "vesper", "wander", "zenith", "gospel", "heritage",
)
BLOG_WORDS_B: tuple[str, ...] = (
    "watch", "digest", "herald", "wire", "notes", "files", "chronicle", "report", "post", "review", "observer",
    "bulletin", "journal", "dispatch", "ledger", "gazette", "insider", "minute", "monitor", "outlook", "pulse",
    "sentinel", "tribune", "voice", "times-blog", "feed", "corner", "roundup", "compass", "lens",
)
# Combinations that are real sites (found in the shared outlet lists): never generated.
REAL_DOMAINS: frozenset[str] = frozenset((
    "beaconjournal.com", "eagletribune.com", "libertywire.net", "northernsentinel.com", "truthfeed.com",
    "truthmonitor.com",
))
BLOG_TLDS: tuple[str, ...] = ("com", "net", "org", "info", "news", "blog", "online", "site", "xyz", "co.uk", "live")
PRAVDA_REGIONS: tuple[str, ...] = (
    "fr", "de", "es", "it", "pl", "cz", "sk", "fi", "se", "no", "dk", "nl", "be", "at", "hu", "ro", "bg", "gr", "pt",
    "ie", "lt", "lv", "ee", "ca", "au", "nz", "za", "ng", "ke", "in", "jp", "kr", "br", "mx", "ar", "us", "uk",
)
PRAVDA_HOSTS: tuple[str, ...] = ("newsmirror-24.com", "infoportal-now.net", "worldfeed-hub.org", "pressmirror-global.info")

BLOGGER_NAMES: tuple[str, ...] = (
    "admin", "Editor", "Dan K.", "sunshine_mom", "TruthSeeker77", "R. Alvarez", "newsdesk", "Margaret", "Pete W.",
    "the_watcher", "Guest Contributor", "J. O'Neill", "Staff", "webmaster", "Olga S.", "marcus", "Ian T.",
)

STAFF_NAMES: tuple[str, ...] = (
    "Anna Kowal", "David Mercer", "Leila Haddad", "Tomás Ibarra", "Grace Mbeki", "Oleg Petrenko", "Hannah Sato",
    "Samuel Okafor", "Ines Carvalho", "Mark Lindqvist", "Priya Raman", "Yusuf Demir", "Claire Dubois", "Arjun Mehta",
)

FORUM_USERS: tuple[str, ...] = (
    "old_sarge", "kitty_l", "freethinker", "Bob in Ohio", "mariner42", "quietwoman", "Aleksei", "grumpy_dad",
    "NightOwl", "deborah_r", "stan", "cedar_ridge", "Lenka", "Fitz", "truthhurts", "M. Baptiste",
)
