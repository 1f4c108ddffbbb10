"""Near-spellings of entity names for a typo-tolerant search (#18): "Navalni" finds Navalny.

Material's search matches the start of words exactly, so the entity page carries the spellings
a reader may type instead; tests/test_browser_reader.py searches the built site in Chromium."""

from __future__ import annotations

import re

from dossier.model import Entity, Mention
from dossier.site import registry, search_terms
from dossier.site.search_terms import MAX_PER_ENTITY, near_spellings, search_terms_html


def test_transliterations_and_typos_of_a_russian_name():
    found = near_spellings(["Alexey Navalny", "Alexei Navalny", "Navalny"])
    for typed in ("navalni", "navalnyi", "navalnij", "nawalny", "aleksei", "aleksey", "navelny"):
        assert typed in found, typed
    assert len(found) <= MAX_PER_ENTITY


def test_common_typos():
    assert "kremln" in near_spellings(["Kremlin"])  # a letter left out
    assert "putni" in near_spellings(["Vladimir Putin"])  # two letters swapped
    assert "gorbatchev" in near_spellings(["Mikhail Gorbachev"]) and "mihail" in near_spellings(["Mikhail Gorbachev"])
    assert "zelenskiy" in near_spellings(["Volodymyr Zelensky"])


def test_nothing_search_already_finds_and_nothing_from_handles():
    found = near_spellings(["Joe Biden", "@JoeBiden", "Biden"])
    assert "biden" not in found and "bide" not in found  # the word itself, and a prefix of it
    assert not any(v.startswith("joebiden") or "zhoe" in v for v in found)
    assert near_spellings(["Xi", "UN"]) == ()  # short words are left alone


def test_the_same_names_give_the_same_spellings_and_only_letters():
    names = ["Ursula von der Leyen", "von der Leyen", "Урсула фон дер Ляйен"]
    assert near_spellings(names) == near_spellings(list(names))
    assert all(re.fullmatch(r"[a-z]+", v) for v in near_spellings(names))


def test_the_entity_page_block_is_hidden_and_inert():
    entity = Entity("e", 'Ali <script>"x"</script> Khamenei', "person", ("Khamenei",),
                    (Mention("a", 0, 8, "Khamenei", "person"),), True)
    block = search_terms_html(entity)
    assert block.startswith('<span class="dossier-search-terms" hidden>Other spellings: ')
    assert re.fullmatch(r'<span class="dossier-search-terms" hidden>Other spellings: [a-z ]+</span>', block)
    assert "khamenei" not in block.split(": ", 1)[1].split() and "khameni" in block


def test_registered_for_entity_pages_in_its_own_slot():
    found = [c for c in registry.CONTRIBUTORS if c.name == "search terms"]
    assert len(found) == 1 and found[0].page == "entity" and found[0].slot == search_terms.SLOT == "search-terms"
