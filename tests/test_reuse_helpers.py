"""Realistic article texts and builders shared by the reuse tests (no tests here)."""

from __future__ import annotations

from newstrace.model import Article, Boilerplate, Credit, Outlet, Published

# An agency-style report (origin), written for these tests.
STRIKE = [
    "Ukrainian drones struck an oil depot in the Bryansk region overnight, setting fire to four fuel tanks, "
    "according to the regional governor, Alexander Bogomaz.",
    "Bogomaz said on Telegram that emergency crews had contained the blaze by early morning and that no one "
    "had been injured, although residents of two nearby villages were briefly evacuated as a precaution.",
    "The Russian Defence Ministry said its air defences had destroyed 12 drones over Bryansk and the "
    "neighbouring Kursk region, and described the attack as an attempt at terrorism against civilian targets.",
    "Kyiv rarely comments on strikes inside Russia, but a source in Ukraine's security service told reporters "
    "that the depot supplied fuel to Russian units fighting in the north-east of the country.",
    "Satellite images published later in the day showed thick black smoke drifting across farmland east of the "
    "depot, and local media reported long queues at petrol stations in the regional capital.",
    "The strike was the third on energy facilities in the region this month. Analysts say Ukraine has stepped "
    "up its campaign against refineries and depots in an effort to disrupt the logistics of the Russian army.",
    "Moscow has responded to earlier attacks with waves of missiles aimed at Ukraine's power grid, which has "
    "left millions of people without electricity for hours at a time during the winter.",
]

# A different article about the same event: shares one quoted sentence, otherwise new words (hard negative).
STRIKE_OTHER = [
    "Fire crews in western Russia spent the night fighting a blaze at a fuel storage site after what officials "
    "described as a drone attack launched from Ukrainian territory.",
    "Bogomaz said on Telegram that emergency crews had contained the blaze by early morning and that no one "
    "had been injured.",
    "Video shared by residents showed a column of flame rising above pine trees, while sirens could be heard "
    "in the background for most of the night across the small town that lies next to the storage site.",
    "Energy markets shrugged off the incident. Traders noted that the facility was small compared with the "
    "large export terminals on the Baltic and Black Sea coasts, and prices barely moved on Tuesday morning.",
    "Officials in Kyiv declined to comment. Ukraine's general staff publishes a daily summary of operations, "
    "but it did not mention the region in its latest update, which focused on fighting further to the south.",
]

# An unrelated long article (a different story altogether).
HARVEST = [
    "Farmers across the southern plains are bracing for a smaller wheat harvest after a dry spring left soils "
    "parched and crops stunted, the agriculture department said in its monthly outlook.",
    "The department cut its forecast for winter wheat production by 7 percent, citing poor germination in "
    "Kansas and Oklahoma, where rainfall since March has been less than half the long-term average.",
    "Grain elevators in several counties have already told growers to expect lower prices for lighter kernels, "
    "and some farmers said they would plough under their worst fields and plant sorghum instead.",
    "Economists warned that the shortfall could ripple through to livestock producers, who rely on cheap feed, "
    "and eventually to consumers, although global stocks remain comfortable after two strong years elsewhere.",
    "State officials have asked for disaster declarations in 31 counties, which would open access to emergency "
    "loans, and insurers expect a rise in crop claims once the combines start rolling in early summer.",
]

FURNITURE = [
    "Subscribe to our newsletter and follow us on Telegram for the latest news and analysis every day.",
    "Share this article on Facebook and Twitter. Comments are moderated and may take some time to appear.",
    "The views expressed in this article are those of the author and do not necessarily reflect the views of "
    "the editorial team of this independent website, which is funded entirely by its readers.",
    "Please support our work by making a donation today so that we can keep bringing you the stories the "
    "mainstream media will not tell you about.",
]

AGENCY = Outlet(name="Global Wire", domain="globalwire.example")
BLOG = Outlet(name="Truth Blog", domain="truthblog.example")


def article(page_id: str, body: list[str], *, title: str | None = "Drones hit oil depot in Bryansk",
            domain: str = "globalwire.example", published: str | None = None, credits: list[Credit] | None = None,
            canonical: str | None = None, publisher: Outlet | None = None, fetched_at: str = "2026-01-10T00:00:00Z",
            url: str | None = None) -> Article:
    return Article(source=f"{page_id}.html", page_id=page_id, url=url or f"https://{domain}/{page_id}",
                   canonical_url=canonical, domain=domain, title=title, body=list(body),
                   published=Published(published, "day", "meta:article:published_time") if published else None,
                   fetched_at=fetched_at, credits=credits or [], publisher=publisher,
                   boilerplate=[Boilerplate("newsletter", FURNITURE[0])])


def credit_to(outlet: Outlet, text: str | None = None) -> Credit:
    return Credit(text=text or f"This article originally appeared on {outlet.name}.", name=outlet.name,
                  kind="originally_appeared", rule="test", confidence=0.9, outlet=outlet)


def template_page(page_id: str, i: int) -> Article:
    """A blog's tag page: its furniture plus a short list of headlines unique to the page."""
    heads = [f"Headline number {i * 10 + j} about topic {i} and matter {j} in the region of item {i + j}"
             for j in range(3)]
    return article(page_id, FURNITURE + heads, title=f"Tag page {i}", domain="truthblog.example")
