"""Each resolution rule, input -> output: a tiny index of a few articles, one rule run on it.

Every test builds the index of a few real-looking sentences (one article each, read by the
built-in recognizer), runs the rule under test (and the rules it needs before it, in the order
of `RULES`), and checks which names it joined, with which rule, and which it left apart.
"""

from __future__ import annotations

import pytest

from dossier.model import BODY, Article, Evidence, Mention, Paragraph
from dossier.recognize import recognize
from dossier.resolve import parse_curation
from dossier.resolve.entities import build_entities
from dossier.resolve.index import Index, build_index, type_vote
from dossier.resolve.keys import name_key
from dossier.resolve.rules import RULES, curation, numbers, organizations, persons, places, spelling


def articles_of(*texts: str) -> list[Article]:
    return [Article(id=f"a{n}", input=f"a{n}.txt", text=text, title="", title_derived=True, date=None, source=None,
                    paragraphs=(Paragraph(1, 0, len(text), BODY),)) for n, text in enumerate(texts)]


def index_of(*texts: str, entities_yml: str = "") -> Index:
    """The index of one article per text, with the curation of `entities_yml`."""
    articles = articles_of(*texts)
    decisions, problems = parse_curation(entities_yml)
    assert not problems
    return build_index(articles, {a.id: recognize(a) for a in articles}, decisions)


def run(index: Index, *rules) -> Index:
    for rule in rules:
        rule(index)
    return index


def joined(index: Index, a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    assert ka in index.key_set and kb in index.key_set, f"{a!r} and {b!r} must both be names in the index"
    return index.unions.find(ka) == index.unions.find(kb)


def rules_used(index: Index) -> list[str]:
    return [edge.rule for edge in index.unions.edges]


def placed(index: Index, text: str) -> list[tuple[str, str]]:
    """(rule, root) for each placed mention written `text`."""
    return [(p.rule, p.root) for i, p in index.placed.items() if index.mentions[i].text == text]


def dropped(index: Index, text: str) -> int:
    return sum(1 for i in index.dropped if index.mentions[i].text == text)


# --- the order ------------------------------------------------------------------------------------

def test_rules_run_in_the_documented_order():
    names = [rule.__name__ for rule in RULES]
    assert names[:2] == ["block_pairs", "join_named"], "curation first: no rule may undo it"
    assert names.index("government") < names.index("qualifiers")
    assert names.index("titled_surnames") < names.index("handles") < names.index("transliterations")
    assert names.index("group_clusters") == len(names) - 6, "then only the mention rules"
    assert len(set(names)) == len(names)


# --- curation -------------------------------------------------------------------------------------

NAVALNY = ("Opposition leader Alexey Navalny was arrested in Moscow on Sunday.",
           "Police detained Alexei Navalny at the airport, his lawyer said.")


def test_block_pairs_keeps_apart_what_entities_yml_splits():
    index = run(index_of(*NAVALNY, entities_yml="Alexey Navalny:\n  not same as: [Alexei Navalny]\n"),
                curation.block_pairs)
    assert frozenset((name_key("Alexey Navalny"), name_key("Alexei Navalny"))) in index.unions.blocked
    run(index, persons.transliterations)
    assert not joined(index, "Alexey Navalny", "Alexei Navalny") and index.unions.edges == []


def test_join_named_merges_what_entities_yml_merges():
    index = run(index_of("The Kremlin denied the report.", "Officials in Moscow denied the report.",
                         entities_yml="Kremlin:\n  same as: Moscow\n"), curation.block_pairs, curation.join_named)
    assert joined(index, "Kremlin", "Moscow") and rules_used(index) == ["curation"]
    assert index.unions.edges[0].detail == "'same as' in entities.yml"


def test_join_named_adds_aliases_but_not_removed_ones():
    index = run(index_of("Vladimir Putin spoke on Tuesday.", "Mr. Putin's spokesman Dmitry Peskov said V. V. Putin agreed.",
                         entities_yml="Vladimir Putin:\n  aliases: [V. V. Putin, Dmitry Peskov]\n  remove aliases: [Dmitry Peskov]\n"),
                curation.block_pairs, curation.join_named)
    assert joined(index, "Vladimir Putin", "V. V. Putin")
    assert not joined(index, "Vladimir Putin", "Dmitry Peskov")


# --- places ---------------------------------------------------------------------------------------

def test_place_aliases_join_the_ways_of_writing_one_place():
    index = run(index_of("The U.S. imposed sanctions.", "The United States imposed sanctions on France.",
                         "Officials in the USA and Paris agreed."), places.place_aliases)
    assert joined(index, "U.S.", "United States") and joined(index, "USA", "United States")
    assert not joined(index, "France", "Paris")
    assert set(rules_used(index)) == {"place alias"}


def test_place_prefixes_join_names_that_differ_in_how_the_place_is_written():
    index = run(index_of("The US Air Force grounded the jets.", "The United States Air Force said the jets fly again.",
                         "The UK Air Force ordered new jets."), places.place_prefixes)
    assert joined(index, "US Air Force", "United States Air Force")
    assert not joined(index, "UK Air Force", "United States Air Force")


def test_government_is_the_country():
    index = run(index_of("The US Government said the talks failed.", "Talks between the United States and Iran failed."),
                places.government)
    assert joined(index, "US Government", "United States") and rules_used(index) == ["government"]


def test_qualifiers_join_a_name_with_its_only_qualified_form():
    index = run(index_of("The French CAC 40 fell two percent.", "The CAC 40 closed lower on Friday."),
                places.government, places.qualifiers)
    assert joined(index, "French CAC 40", "CAC 40")
    (edge,) = index.unions.edges
    assert edge.rule == "qualifier" and edge.fuzzy and edge.detail.endswith("never in the same article")


def test_qualifiers_leave_a_name_with_two_qualified_forms():
    index = run(index_of("The French Air Force flew.", "The German Air Force flew.", "The Air Force said nothing."),
                places.government, places.qualifiers)
    assert not joined(index, "French Air Force", "Air Force") and not joined(index, "German Air Force", "Air Force")


# --- organizations ----------------------------------------------------------------------------------

def test_legal_forms_descriptors_and_trade_words():
    index = run(index_of("Apple Inc. reported record sales.", "Analysts said Apple would grow.",
                         "The S&P 500 Index fell as the S&P 500 lost ground.",
                         "Ford Motor Company recalled cars; Ford said it would pay."), organizations.legal_forms)
    assert joined(index, "Apple Inc.", "Apple")
    assert joined(index, "S&P 500 Index", "S&P 500")
    assert joined(index, "Ford Motor Company", "Ford")
    assert sorted(rules_used(index)) == ["company name", "descriptor", "legal form"]


def test_acronym_defined_in_brackets_anywhere():
    index = run(index_of("The Royal United Services Institute (RUSI) published a report.",
                         "RUSI analysts disagreed with the report."), organizations.acronyms)
    assert joined(index, "Royal United Services Institute", "RUSI")
    assert index.unions.edges[0].detail == "defined as Royal United Services Institute (RUSI) in a0"


def test_acronym_of_the_one_name_with_its_initials_in_the_article():
    index = run(index_of("General Motors cut jobs. GM said the plant would close.", "Analysts said GM would recover.",
                         "The Grand Mosque was closed."), organizations.acronyms)
    assert joined(index, "General Motors", "GM") and not joined(index, "Grand Mosque", "GM")


def test_acronym_left_alone_when_two_names_have_its_initials():
    index = run(index_of("General Motors reported results near the Grand Mosque. GM rose."), organizations.acronyms)
    assert not joined(index, "General Motors", "GM") and not joined(index, "Grand Mosque", "GM")


def test_short_form_of_an_organization_named_in_full():
    # In one article only: in two, "Northrop" would be a longer form's head and joined by that rule.
    index = run(index_of("Northrop Grumman won the contract. Northrop said work starts in May."), *RULES)
    assert placed(index, "Northrop") == [("short form", index.clusters.root_of[name_key("Northrop Grumman")])]


# --- people ---------------------------------------------------------------------------------------

def test_titled_surnames_make_a_full_name_a_person():
    index = index_of("Zubair Okonkwo founded the company.", "Mr. Okonkwo declined to comment.")
    assert index.votes[name_key("Zubair Okonkwo")]["person"] == 0
    run(index, persons.titled_surnames)
    assert index.votes[name_key("Zubair Okonkwo")]["person"] == 2 and index.unions.edges == []


def test_handles_spell_the_person():
    index = run(index_of("Joe Biden spoke in Delaware.", "@JoeBiden wrote on Twitter that he would win."), persons.handles)
    assert joined(index, "@JoeBiden", "Joe Biden") and rules_used(index) == ["handle"]


def test_transliterations_of_a_given_name():
    index = run(index_of(*NAVALNY), persons.transliterations)
    assert joined(index, "Alexey Navalny", "Alexei Navalny")
    (edge,) = index.unions.edges
    assert edge.rule == "transliteration" and edge.fuzzy


def test_no_transliteration_when_both_spellings_are_in_one_article():
    index = run(index_of(" ".join(NAVALNY)), persons.transliterations)
    assert not joined(index, "Alexey Navalny", "Alexei Navalny")


def test_surname_alone_is_the_one_person_of_that_surname():
    index = run(index_of("Opposition leader Alexei Navalny was detained. Navalny said the charges were false.",
                         "Navalny's team published a video."), *RULES[:-4])
    root = index.clusters.root_of[name_key("Alexei Navalny")]
    assert placed(index, "Navalny") == [("surname", root), ("surname", root)]


def test_surname_shared_by_two_people_is_dropped():
    index = run(index_of("Bill Clinton and Hillary Clinton campaigned together. Clinton said she would win."),
                *RULES[:-4])
    assert placed(index, "Clinton") == [] and dropped(index, "Clinton") == 1


def test_family_name_written_first():
    index = run(index_of("President Xi Jinping met the delegation.", "Xi said trade would grow."), *RULES[:-3])
    assert placed(index, "Xi") == [("family name", index.clusters.root_of[name_key("Xi Jinping")])]


def test_given_name_alone_after_a_title():
    index = run(index_of("Vladimir Putin spoke first. Then President Vladimir answered questions."), *RULES[:-2])
    assert [rule for rule, _ in placed(index, "Vladimir")] == ["given name"]


# --- spelling and numbers ---------------------------------------------------------------------------

def test_word_order():
    index = run(index_of("Apple sold the iPhone 3G in July.", "The 3G iPhone sold well."), spelling.word_order)
    assert joined(index, "iPhone 3G", "3G iPhone") and rules_used(index) == ["word order"]


def test_misspellings_within_the_budget():
    index = run(index_of("Pilots at Lufthansa cancelled flights.", "The pilots of Lufthanza said the strike was over.",
                         "Police in Lufkin were quiet."), spelling.misspellings)
    assert joined(index, "Lufthansa", "Lufthanza") and not joined(index, "Lufthansa", "Lufkin")
    assert rules_used(index) == ["fuzzy"]


def test_no_misspelling_when_both_are_in_one_article():
    index = run(index_of("Both Lufthansa and Lufthanza are named here."), spelling.misspellings)
    assert not joined(index, "Lufthansa", "Lufthanza")


def test_model_numbers_and_plurals():
    index = run(index_of("Boeing delivered the first Boeing 787 in Seattle. Airlines grounded their 787s.",
                         "The 787 returned to service."), numbers.model_numbers)
    assert joined(index, "787", "Boeing 787") and joined(index, "787s", "787")
    assert sorted(rules_used(index)) == ["model number", "plural"]


def test_longer_forms():
    index = run(index_of("The Nasdaq Composite rose as the Nasdaq gained.", "The Nasdaq Composite closed higher.",
                         "The Nasdaq was flat."), numbers.longer_forms)
    assert joined(index, "Nasdaq", "Nasdaq Composite") and rules_used(index) == ["longer form"]


# --- evidence kinds, entities ------------------------------------------------------------------------

@pytest.mark.parametrize("kind, mtype, expected", [
    (Evidence.TITLE, "person", ("person", 3)),
    (Evidence.GAZETTEER, "other", ("place", 3)),
    (Evidence.LABEL, "organization", ("organization", 2)),
    (Evidence.CURATION, "place", ("place", 5)),
    (Evidence.CURATION, "other", ("other", 0)),
    (Evidence.CAPITALIZED, "other", ("other", 0)),
])
def test_types_are_weighed_by_the_kind_of_evidence_not_its_words(kind, mtype, expected):
    assert type_vote(Mention("a", 0, 4, "Name", mtype, "any words at all", kind)) == expected


def test_entities_of_the_rules_groups():
    index = run(index_of(*NAVALNY, "Navalny's supporters protested in Moscow."), *RULES)
    entities = {e.name: e for e in build_entities(index, min_articles=2)}
    navalny = next(e for name, e in entities.items() if "Navalny" in name)
    assert navalny.type == "person" and navalny.shared and len(navalny.articles) == 3
    assert {m.rule for m in navalny.merges} == {"transliteration", "surname"}
    assert entities["Moscow"].shared and entities["Moscow"].type == "place"


def test_given_name_shared_by_two_people_in_the_article_is_dropped():
    index = run(index_of("Vladimir Putin met Vladimir Voronin in Moscow. Then President Vladimir answered questions."),
                *RULES[:-2])
    assert placed(index, "Vladimir") == [] and dropped(index, "Vladimir") == 1


@pytest.mark.parametrize("alone", [
    '"Donald, thank you for coming," the prime minister said at the dinner.',
    'At the summit he said that Donald had shown great courage.',
])
def test_a_given_name_alone_shared_by_several_people_of_the_dossier_is_left_out(alone):
    """With Donald Trump, Donald Trump Jr. and Donald McGahn in the dossier and none of them in
    the article, "Donald" could be any: no mention, rather than a page of its own."""
    index = run(index_of("President Donald Trump met Donald McGahn at the White House on Monday.",
                         "Donald Trump Jr. spoke to reporters in New York on Tuesday.",
                         alone, alone.replace("summit", "meeting").replace("dinner", "lunch")), *RULES)
    assert dropped(index, "Donald") == 2


def test_a_given_name_alone_of_one_person_of_the_dossier_is_not_left_out():
    index = run(index_of("Prime Minister Theresa May met Emmanuel Macron in Paris on Monday.",
                         '"Emmanuel, thank you for coming," the prime minister said at the dinner.'), *RULES)
    assert dropped(index, "Emmanuel") == 0
