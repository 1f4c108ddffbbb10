"""The recognizer on the seeds, on MEANTIME (gold offsets), and on hostile text."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from dossier.readers import read_file
from dossier.model import BOILERPLATE, ENTITY_TYPES
from dossier.recognize import recognize

ROOT = Path(__file__).resolve().parents[2]
MEANTIME = ROOT.parent / "shared" / "corpora" / "meantime"


def _by_prefix(seed_articles, prefix):
    return next(a for a in seed_articles if a.input.split("/")[-1].startswith(prefix))


def _article(tmp_path, text, name="a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = read_file(path, tmp_path)
    assert loaded.article is not None, loaded.problems
    from dossier.ids import provisional_article_ids

    return provisional_article_ids([loaded.article])[0]


def _check_invariants(article, mentions):
    last_end = -1
    zones = [(p.start, p.end) for p in article.content_paragraphs()]
    if article.title_span:
        zones.append(article.title_span)
    for m in mentions:
        assert m.article == article.id
        assert m.start >= last_end, "sorted and non-overlapping"
        assert m.text == article.text[m.start:m.end]
        assert m.text.strip() == m.text and m.text
        assert m.type in ENTITY_TYPES
        assert m.evidence
        assert any(s <= m.start and m.end <= e for s, e in zones), m
        last_end = m.end


def test_invariants_on_seeds(seed_articles):
    for a in seed_articles:
        ms = recognize(a)
        assert ms, a.input
        _check_invariants(a, ms)
        pickle.loads(pickle.dumps((a, ms)))  # runs in a process pool


def test_boilerplate_never_produces_mentions(seed_articles):
    a = _by_prefix(seed_articles, "003")
    boiler = [p for p in a.paragraphs if p.kind == BOILERPLATE]
    assert boiler, "seed 003 has boilerplate paragraphs"
    for m in recognize(a):
        p = a.paragraph_at(m.start)
        assert p is None or p.kind != BOILERPLATE, (m, p)


def test_title_is_not_part_of_a_person_name(seed_articles):
    a = _by_prefix(seed_articles, "000")
    ms = recognize(a)
    texts = [m.text for m in ms]
    putin = [m for m in ms if m.text == "Vladimir Putin"]
    assert putin and putin[0].type == "person" and "President" in putin[0].evidence
    assert not any("President" in t for t in texts)
    assert "Narendra Modi" in texts and "Xi Jinping" in texts
    # "US President-elect Joe Biden": the place and the person, no title
    assert "Joe Biden" in texts and "US" in texts


def test_sentence_initial_common_words_are_not_names(seed_articles):
    a = _by_prefix(seed_articles, "000")
    texts = {m.text for m in recognize(a)}
    for word in ("World", "Throughout", "In September", "Some", "This", "Once"):
        assert word not in texts
    # but a sentence-initial name is kept
    assert "Navalny" in texts and "Biden" in texts and "Putin" in texts


def test_particles_and_long_names(seed_articles):
    texts = [m.text for m in recognize(_by_prefix(seed_articles, "002"))]
    assert "Karin von Hippel" in texts
    assert "von Hippel" in texts  # "Based on von Hippel, who ..."
    assert "Royal United Services Institute" in " ".join(texts)
    texts0 = [m.text for m in recognize(_by_prefix(seed_articles, "000"))]
    assert "Andres Manuel Lopez Obrador" in texts0


def test_possessives_and_handles(seed_articles):
    a = _by_prefix(seed_articles, "000")
    ms = recognize(a)
    possessive = a.text.index("Putin’s most visible")
    m = next(m for m in ms if m.start == possessive)
    assert m.text == "Putin"
    handles = [m for m in ms if m.text.startswith("@")]
    assert {m.text for m in handles} == {"@JoeBiden", "@KamalaHarris"}


def test_title_case_headline_needs_evidence(seed_articles):
    a = _by_prefix(seed_articles, "003")
    head = next(p for p in a.paragraphs if p.kind == "headline")
    in_head = [m.text for m in recognize(a) if head.start <= m.start < head.end]
    assert "Putin" in in_head and "Biden" in in_head and "U.S." in in_head
    for word in ("Congratulates", "After", "Confirmation", "President-Elect"):
        assert not any(word in t for t in in_head), in_head


def test_all_caps_headline(tmp_path):
    text = (
        "PUTIN CONGRATULATES BIDEN AFTER ELECTORAL COLLEGE VOTE\n\n"
        "Russian President Vladimir Putin has sent a congratulatory telegram to U.S. President-elect "
        "Joe Biden after the Electoral College confirmed his win, the Kremlin announced Tuesday.\n"
    )
    a = _article(tmp_path, text)
    ms = recognize(a)
    _check_invariants(a, ms)
    head = [m.text for m in ms if m.start < text.index("\n")]
    assert "PUTIN" in head and "BIDEN" in head
    assert not any("CONGRATULATES" in t or "AFTER" in t for t in head)
    # in capitals every word looks like an acronym: that is no evidence of an organization
    assert all(m.evidence != "acronym" for m in ms if m.start < text.index("\n"))
    assert next(m for m in ms if m.text == "PUTIN").type != "organization"


def test_hyphens_apostrophes_initials_currency(tmp_path):
    text = (
        "Ryanair chief executive Michael O'Leary praised Rolls-Royce engines on Tuesday.\n\n"
        "George W. Bush met executives of Chicago-based Boeing, which sold planes worth US$40 billion.\n\n"
        "Apple unveiled new Intel-based computers; the Russian delegation left.\n"
    )
    a = _article(tmp_path, text)
    ms = recognize(a)
    _check_invariants(a, ms)
    texts = [m.text for m in ms]
    assert "Michael O'Leary" in texts
    assert "Rolls-Royce" in texts
    assert "George W. Bush" in texts
    assert "Boeing" in texts and "Intel" in texts
    assert "US" not in texts, "US$40 is money, not a place"
    assert "Russian" not in texts, "a demonym alone is not a name"


def test_meantime_title_names_at_gold_offsets():
    gold = json.loads((MEANTIME / "gold.json").read_text(encoding="utf-8"))
    found = total = 0
    for path, mentions in gold["articles"].items():
        title = [m for m in mentions if m["zone"] == "title" and m["proper"]]
        if not title:
            continue
        a = read_file(MEANTIME / "articles" / path, ROOT).article
        spans = {(m.start, m.end) for m in recognize(a)}
        total += len(title)
        found += sum((m["start"], m["end"]) in spans for m in title)
    assert total > 100
    assert found / total >= 0.8, (found, total)


def _meantime(path):
    a = read_file(MEANTIME / "articles" / path, ROOT).article
    return a, recognize(a)


def test_currency_prefix_is_no_evidence_for_the_word_before_it():
    # stock/113278: "Totaling US$180 billion, the Federal Reserve ..." starts a paragraph
    a, ms = _meantime("stock/113278.md")
    texts = [m.text for m in ms]
    assert "Totaling" not in texts and "US" not in " ".join(t for t in texts if "Totaling" in t)
    assert "the Federal Reserve" in texts


def test_irregular_plural_possessive_stays_in_the_name(tmp_path):
    # airbus/3835: "Officials from the People's Republic of China have agreed ..."
    a, ms = _meantime("airbus/3835.md")
    china = [m for m in ms if "Republic of China" in m.text]
    assert [m.text for m in china] == ["the People's Republic of China"] and china[0].type == "place"
    assert "People" not in [m.text for m in ms]
    b = _article(tmp_path, "Doctors at the Children's Hospital of Philadelphia met Apple's Steve Jobs and Women's Aid.\n")
    texts = [m.text for m in recognize(b)]
    assert "Children's Hospital of Philadelphia" in " ".join(texts)
    assert "Apple" in texts and "Steve Jobs" in texts, "an ordinary possessive still ends the name"


def test_acronym_after_a_listed_expansion_joins_the_list(tmp_path):
    # airbus/100911: "... said that Maintenance, Repair and Overhaul (MRO) operations ..."
    a, ms = _meantime("airbus/100911.md")
    texts = [m.text for m in ms]
    assert "Maintenance, Repair and Overhaul" in texts and "MRO" in texts
    assert not {"Maintenance", "Repair", "Overhaul"} & set(texts)
    b = _article(tmp_path, (
        "The Royal United Services Institute (RUSI) and Research, Development and Engineering (RDE) "
        "staff met. Boeing, Airbus and Embraer (EMBR) sell planes.\n"))
    texts = [m.text for m in recognize(b)]
    assert "Research, Development and Engineering" in texts
    assert "The Royal United Services Institute" in texts
    assert "Boeing" in texts and "Airbus" in texts and "Embraer" in texts, "initials must spell the acronym"


def test_short_capitals_in_running_text_are_an_acronym_not_a_town(tmp_path):
    # airbus/108294: "a formal protest before the GAO" (Gao is also a city in Mali)
    a, ms = _meantime("airbus/108294.md")
    gao = [m for m in ms if m.text.endswith("GAO")]
    assert gao and all(m.type == "organization" for m in gao)
    b = _article(tmp_path, "Troops reached Gao, Mali, on Monday; the US and the UAE sent aid.\n")
    types = {m.text: m.type for m in recognize(b)}
    assert types["Gao"] == "place" and types["Mali"] == "place"
    assert types["the US"] == "place" and types["the UAE"] == "place"


@pytest.mark.parametrize("text", [
    "x",
    "\n\n\n   \n",
    "THE THE THE THE THE THE\n\nA B C D E F G H I J K L M N O P Q R S T U V W X Y Z.",
    "@ @@ @_ @JoeBiden@KamalaHarris ’s 's ' - — – ( ) [ ] “ ” \" U.S.A.B.C.D.E. $ $$ US$",
    "Mr. Mr. Dr. President President President of of of the the The The.",
    "Ñandú Ærø Øresund İstanbul straße ÉCOLE Ελλάδα Москва 北京 한국 عربى " * 3,
    ("Alpha Beta Gamma Delta " * 400) + ".",
    "the the the " + "Of " * 50 + "&& & && von van bin al",
])
def test_hostile_text_never_breaks_the_rules(tmp_path, text):
    path = tmp_path / "h.txt"
    path.write_text(text, encoding="utf-8")
    loaded = read_file(path, tmp_path)
    if loaded.article is None:
        return
    ms = recognize(loaded.article)
    _check_invariants(loaded.article, ms)


_WORDS = ["the", "The", "Putin", "Putin’s", "U.S.", "US$40", "@JoeBiden", "von", "Hippel", "of", "Bank",
          "America", "President", "Russian", "&", "AT&T", "iPhone", "3G", "787", "Boeing", "-", "—", ",",
          ".", "“", "”", "'", "(", ")", "Mr.", "W.", "Tuesday", "said", "CEO", "Apple", "Inc.", "\n", "\n\n",
          "ALL", "CAPS", "Ñandú", "北京", "O'Leary", "Rolls-Royce", "Flight", "447", "Jr.", "  "]


def test_random_word_salad_keeps_the_invariants(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=60))
    def check(words):
        text = " ".join(words)
        path = tmp_path / "salad.txt"
        path.write_text(text, encoding="utf-8")
        loaded = read_file(path, tmp_path)
        if loaded.article is not None:
            _check_invariants(loaded.article, recognize(loaded.article))

    check()


def test_a_party_named_by_its_members_is_an_organization(seeds, tmp_path):
    # seed 000: "casting the Democrats in a pro-Moscow light"; seed 001: "claiming baseless that Democrats won"
    for number in ("000", "001"):
        found = [m for m in recognize(seeds[number]) if m.text.endswith("Democrats")]
        assert found and all(m.type == "organization" and m.evidence == "party members" for m in found)
    b = _article(tmp_path, "Republicans and Tories met a Democratic candidate; the Greens left early.\n")
    types = {m.text: m.type for m in recognize(b)}
    assert types.get("Republicans") == "organization" and types.get("the Greens") == "organization"
    assert "Democratic" not in types, "an adjective before a noun is no name"
