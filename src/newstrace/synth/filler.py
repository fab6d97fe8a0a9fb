"""Unrelated filler articles for the negative pages of a crawl: local news, sport, business,
weather. Built word-slot by word-slot so two filler articles share few 4-word shingles (the
hard negatives come from the hand-written texts, not from here)."""

from __future__ import annotations

from random import Random

from newstrace.synth.edits import Doc

_TOWNS = ("Brackwell", "Ostrava Nova", "Lindenfeld", "Port Cassin", "Marrowgate", "Vellmar", "Shelby Falls",
          "Tarnow Heights", "Elderbrook", "Kessington", "Duncairn", "San Ilario", "Hollins Ferry", "Norvik", "Greywater",
          "Amberley Cross", "Culverton", "Ridgemont", "Fairhaven", "Oakhurst", "Wenlow", "Bryndale", "Castellan")
_ORG_ADJ = ("town", "regional", "county", "district", "local", "city", "harbour", "village", "community", "school")
_ORG = ("council", "water board", "chamber of commerce", "sheriff's office", "parks department", "hospital trust",
        "transit authority", "football club", "library board", "tenants' association", "fire brigade", "museum trust",
        "planning committee", "cycling club", "choir", "rowing club", "allotment society", "business forum")
_VERB = ("approved", "postponed", "criticised", "welcomed", "announced", "rejected", "reviewed", "celebrated",
         "opened", "questioned", "funded", "delayed", "expanded", "launched", "scrapped", "defended", "unveiled",
         "cancelled", "debated", "praised", "inspected", "renamed", "relocated", "restored", "paused", "trialled")
_DET = ("a", "the", "its", "a second", "a long-awaited", "a controversial", "a smaller", "an ambitious", "a revised")
_ADJ = ("new", "temporary", "covered", "solar-powered", "weekend", "youth", "riverside", "seasonal", "heritage",
        "free", "night-time", "pedestrian", "wooden", "modular", "volunteer-run", "electric", "open-air", "indoor")
_NOUN = ("cycle lane", "festival", "car park", "recycling scheme", "footbridge", "swimming pool", "bus route",
         "clinic", "concert", "league", "housing estate", "market", "flood barrier", "cinema", "orchard", "playground",
         "library", "bakery", "data centre", "marina", "garden", "bike hire", "skate park", "ferry service", "tram stop",
         "school kitchen", "sports hall", "repair cafe", "food bank", "street lighting", "car-sharing club")
_STREETS = ("Mill", "Station", "Church", "Harbour", "Orchard", "Queen", "Brook", "Hill", "Market", "Kiln", "Chapel")
_WHEN = ("on Monday", "on Tuesday", "on Thursday", "last week", "this morning", "after months of talks",
         "at a packed meeting", "late on Friday", "over the weekend", "earlier this year", "in a brief statement",
         "without much debate", "for the second time", "at short notice", "after a site visit")
_TAIL_HEAD = ("citing", "despite", "amid", "after", "following", "because of", "in spite of", "pending")
_TAIL_ADJ = ("rising", "unexpected", "repeated", "growing", "late", "modest", "loud", "formal", "persistent", "fresh")
_TAIL_NOUN = ("costs", "objections", "complaints about noise", "safety concerns", "questions from parents",
              "delays at the supplier", "a petition", "demand", "criticism from neighbours", "pressure from traders",
              "a funding gap", "legal advice", "an inspection")
_SAY = ("said", "told reporters", "wrote in a post", "added", "explained", "noted", "insisted", "admitted")
_FIRST = ("Anna", "Tom", "Keisha", "Raj", "Mariana", "Piotr", "Helen", "Dev", "Sofia", "Owen", "Bea", "Luca",
          "Niamh", "Kofi", "Ingrid", "Sam", "Yara", "Felix", "Ruth", "Hugo")
_LAST = ("Ashby", "Brennan", "Castillo", "Dunmore", "Eriksen", "Fairley", "Gallo", "Hartigan", "Iqbal", "Jansen",
         "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okonjo", "Pryce", "Quinlan", "Rossi", "Szabo", "Thorne")
_ROLES = ("who chairs the committee", "a local shop owner", "a retired teacher", "the club's treasurer",
          "a parent of two", "the project manager", "a nurse at the clinic", "who has lived there for decades")
_Q_A = ("We waited", "People here waited", "The neighbours fought", "Our volunteers worked", "Everyone argued",
        "The traders pushed", "My family hoped", "The children asked")
_Q_B = ("a long time", "three years", "all summer", "far too long", "months", "every single week", "since spring")
_Q_C = ("for this", "for something like it", "for an answer", "to see it happen", "for a decision", "for the money")
_TOPIC_WORDS = ("Council", "Residents", "Club", "Plan", "Market", "Bridge", "Festival", "Budget", "School", "Pool")


def _what(rng: Random) -> str:
    what = f"{rng.choice(_DET)} {rng.choice(_ADJ)} {rng.choice(_NOUN)}"
    if rng.random() < 0.4:
        what += f" on {rng.choice(_STREETS)} {rng.choice(('Street', 'Road', 'Lane'))}"
    return what.replace("a a", "an a").replace("a e", "an e").replace("a o", "an o").replace("a i", "an i")


def _who(rng: Random) -> str:
    return f"the {rng.choice(_ORG_ADJ)} {rng.choice(_ORG)}"


def _tail(rng: Random) -> str:
    return f"{rng.choice(_TAIL_HEAD)} {rng.choice(_TAIL_ADJ)} {rng.choice(_TAIL_NOUN)}"


def _person(rng: Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}, {rng.choice(_ROLES)}"


def filler_doc(rng: Random, paragraphs: int | None = None) -> Doc:
    """One unrelated local-news article with its own title and standfirst."""
    town = rng.choice(_TOWNS)
    n = paragraphs if paragraphs is not None else rng.randint(3, 8)
    paras = tuple(_paragraph(rng, town) for _ in range(n))
    title = f"{town} {rng.choice(_TOPIC_WORDS).lower()} {rng.choice(_VERB)} {_what(rng)}"
    standfirst = f"{_cap(_who(rng))} {rng.choice(_VERB)} {_what(rng)} {_tail(rng)}."
    return Doc(title=title, standfirst=standfirst if rng.random() < 0.6 else None, paragraphs=paras)


def short_doc(rng: Random) -> Doc:
    """A page with a very short body: a video stub, a photo caption, a one-line notice."""
    town = rng.choice(_TOWNS)
    kind = rng.randrange(3)
    if kind == 0:
        body = f"Video: {_who(rng)} in {town} {rng.choice(_VERB)} {_what(rng)}. ({rng.randint(0, 4)}:{rng.randint(10, 59)})"
    elif kind == 1:
        body = f"Photo: {_cap(_what(rng))} in {town}, {rng.choice(_WHEN)}."
    else:
        body = f"{_cap(_who(rng))} {rng.choice(_VERB)} {_what(rng)} {rng.choice(_WHEN)}. More details to follow."
    return Doc(title=f"{town}: {_cap(_what(rng))}", standfirst=None, paragraphs=(body,))


def _paragraph(rng: Random, town: str) -> str:
    sents = []
    for _ in range(rng.randint(2, 4)):
        r = rng.random()
        if r < 0.25:
            quote = f"{rng.choice(_Q_A)} {rng.choice(_Q_B)} {rng.choice(_Q_C)}"
            sents.append(f"“{quote},” {rng.choice(_SAY)} {_person(rng)}.")
        elif r < 0.45:
            sents.append(f"About {rng.randint(2, 90) * 10} people {rng.choice(('attended', 'signed', 'objected', 'volunteered'))}"
                         f" {rng.choice(_WHEN)}, according to {_who(rng)}.")
        else:
            sents.append(f"{_cap(_who(rng))} in {town} {rng.choice(_VERB)} {_what(rng)} {rng.choice(_WHEN)} {_tail(rng)}.")
    return " ".join(sents)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]
