"""People and organisations, one canonical name each, with aliases from the text itself."""

from __future__ import annotations

from pathlib import Path

from newstrace.claims import find_entities
from newstrace.claims.names import resolve_mention
from newstrace.model import Article

SEED = Path(__file__).parent / "fixtures" / "000_ef756300ad867e8b.txt"


def seed_text() -> str:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body = [line for line in lines[6:] if line.strip()][:8]
    return Article(source=str(SEED), title=lines[2], standfirst=lines[4], body=body).text


def test_seed_people_organisations_and_aliases():
    text = seed_text()
    ents = {e.name: e for e in find_entities(text)}
    assert {n for n, e in ents.items() if e.kind == "person"} == {"Emmanuel Macron", "Benjamin Netanyahu"}
    assert {"Hamas", "Islamic State", "Reuters", "Pentagon"} <= {n for n, e in ents.items() if e.kind == "organisation"}
    assert {"IS", "ISIS"} <= set(ents["Islamic State"].aliases)
    assert "Macron" in ents["Emmanuel Macron"].aliases
    for e in ents.values():
        for s, t in e.spans:
            assert text[s:t] == e.name or text[s:t] in e.aliases


def test_role_descriptions_resolve_to_people():
    text = seed_text()
    ents = find_entities(text)
    end = len(text)
    assert resolve_mention("The French leader", 0, ents) == "Emmanuel Macron"
    assert resolve_mention("the president", end, ents) == "Emmanuel Macron"
    assert resolve_mention("the Israeli prime minister", end, ents) == "Benjamin Netanyahu"
    assert resolve_mention("Macron’s", end, ents) == "Emmanuel Macron"
    assert resolve_mention("the German chancellor", end, ents) is None


def test_wire_people_and_surname_mentions():
    text = ("WASHINGTON (Reuters) - Democratic presidential nominee Hillary Clinton met Senator Mitch McConnell on Monday. "
            "Clinton later told reporters the talks were useful, said her spokesman, Brian Fallon.")
    ents = {e.name: e for e in find_entities(text)}
    assert ents["Hillary Clinton"].kind == "person" and len(ents["Hillary Clinton"].spans) == 2
    assert ents["Mitch McConnell"].kind == "person"
    assert ents["Brian Fallon"].kind == "person"
    assert ents["Reuters"].kind == "organisation"
    assert "WASHINGTON" not in ents or ents["WASHINGTON"].kind != "person"


def test_shared_surname_goes_to_nearest_full_name():
    text = "Bill Clinton spoke first. Hillary Clinton followed. Clinton said the event was a success."
    ents = {e.name: e for e in find_entities(text)}
    last = text.rindex("Clinton")
    assert any(s[0] == last for s in ents["Hillary Clinton"].spans)
    assert not any(s[0] == last for s in ents["Bill Clinton"].spans)


def test_sentence_openers_and_places_are_not_people():
    text = "Meanwhile the river rose. Heavy Rain fell across New York. In Paris, officials met."
    people = [e.name for e in find_entities(text) if e.kind == "person"]
    assert people == []


def test_parenthesised_acronym_becomes_alias():
    text = "The World Food Programme (WFP) warned of famine. WFP trucks were blocked at the border."
    ents = {e.name: e for e in find_entities(text)}
    assert "WFP" in ents["World Food Programme"].aliases and len(ents["World Food Programme"].spans) == 3


def test_story_entities_merge_names_across_copies():
    from newstrace.claims import story_entities
    from newstrace.model import Article, Entity

    origin = Article(source="o", entities=[Entity("Islamic State", "organisation", ("IS", "ISIS")),
                                           Entity("Emmanuel Macron", "person", ("Macron", "French President"))])
    copy = Article(source="c", entities=[Entity("ISIS", "organisation"), Entity("Macron", "person"),
                                         Entity("Hamas", "organisation")])
    merged = {e.name: set(e.aliases) for e in story_entities([origin, copy])}
    assert merged["Islamic State"] >= {"IS", "ISIS"}
    assert "Macron" in merged["Emmanuel Macron"] and "Macron" not in merged
    assert "Hamas" in merged and "ISIS" not in merged
