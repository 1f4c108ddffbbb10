"""Anchoring notes to passages of the seed articles, before and after real edits."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.notes.anchoring import (EXACT, FUZZY, ORPHAN, POSITION, PassageError, Selector, anchor, find_passage,
                                     selector_for)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
T000 = (SEEDS / "000_4573a53139b8635d.txt").read_text(encoding="utf-8")
T001 = (SEEDS / "001_3b55a7257ded003e.txt").read_text(encoding="utf-8")
T002 = (SEEDS / "002_438d2bf8bcbd74dd.txt").read_text(encoding="utf-8")


def _selector(text: str, quote: str) -> Selector:
    start, end = find_passage(text, quote)
    return selector_for(text, start, end)


def test_exact_match_in_unchanged_article():
    sel = _selector(T002, "Serbia's Navalny")
    found = anchor(T002, sel)
    assert found.method == EXACT
    assert T002[found.start:found.end] == "Serbia's Navalny"
    assert (found.start, found.end) == (sel.start, sel.end)


def test_survives_edit_just_before_the_passage():
    sel = _selector(T002, "Serbia's Navalny")
    edited = T002.replace("the alleged attempt with Serbia's", "the alleged poisoning of Serbia's")
    assert edited != T002
    found = anchor(edited, sel)
    assert found.method == EXACT
    assert edited[found.start:found.end] == "Serbia's Navalny"


def test_survives_text_inserted_earlier_in_the_article():
    sel = _selector(T001, "Vijay")
    edited = T001.replace("Russia’s opposition leader", "Russia’s jailed opposition leader, 44,", 1)
    found = anchor(edited, sel)
    assert found.method == EXACT
    assert found.start == sel.start + len(" jailed") + len(", 44,")
    assert edited[found.start:found.end] == "Vijay"


def test_survives_small_edit_inside_the_passage():
    sel = _selector(T002, "just like the alleged attempt with Serbia's Navalny")
    edited = T002.replace("alleged attempt with Serbia's", "alleged poisoning attempt on Serbia’s")
    found = anchor(edited, sel)
    assert found.method == FUZZY
    assert edited[found.start:found.end] == "just like the alleged poisoning attempt on Serbia’s Navalny"
    assert 80 <= found.score < 100


def test_typo_fix_in_short_quote_with_intact_context():
    sel = _selector(T001, "Vijay")
    edited = T001.replace("Congratulations to Vijay", "Congratulations to Vijaj")
    found = anchor(edited, sel)
    assert found.method == FUZZY
    assert edited[found.start:found.end] == "Vijaj"


def test_deleted_passage_is_an_orphan():
    sel = _selector(T002, "Serbia's Navalny")
    edited = T002.replace("just like the alleged attempt with Serbia's Navalny, or", "or")
    found = anchor(edited, sel)
    assert found.method == ORPHAN
    assert found.start is None and "no longer in the article" in found.reason


def test_short_quote_replaced_is_an_orphan_even_if_the_word_appears_elsewhere():
    sel = _selector(T001, "Vijay")
    edited = T001.replace("Congratulations to Vijay and", "Congratulations to @JoeBiden and")
    edited = edited.replace("Mikhail Gorbachev,", "Mikhail Gorbachev (no relation to Vijay),")
    found = anchor(edited, sel)
    assert found.method == ORPHAN


def test_context_chooses_between_occurrences():
    # "Navalny" occurs five times in 001; the note is about the third.
    start = [i for i in range(len(T001)) if T001.startswith("Navalny", i)][2]
    sel = selector_for(T001, start, start + len("Navalny"))
    found = anchor(T001, Selector(sel.exact, sel.prefix, sel.suffix))  # no position hint
    assert found.method == EXACT and found.start == start


def test_position_hint_chooses_between_identical_passages():
    paragraph = "Putin also stated that for his part, he is ready for cooperation and contacts with the President-elect, CBS News reported."
    doubled = T002.replace(paragraph, paragraph + "\n\n" + paragraph)
    second = doubled.index(paragraph) + len(paragraph) + 2
    sel = Selector("he is ready for cooperation", start=second + paragraph.index("he is ready"))
    found = anchor(doubled, sel)
    assert found.method == POSITION
    assert found.start == sel.start


def test_ambiguous_without_hint_is_flagged():
    found = anchor(T001, Selector("Navalny"))
    assert found.method == EXACT and found.ambiguous and "occurs 5 times" in found.reason


def test_empty_quote_is_an_orphan():
    assert anchor(T001, Selector("  ")).method == ORPHAN


def test_long_article_fuzzy_anchoring_is_fast():
    # A long article (about 1 MB) where the passage was edited: every search stays linear.
    sel = _selector(T002, "just like the alleged attempt with Serbia's Navalny")
    filler = T000.replace("Navalny", "the opposition leader") * 200
    edited = filler + T002.replace("alleged attempt with", "alleged attempts with") + filler
    started = time.perf_counter()
    found = anchor(edited, Selector(sel.exact, sel.prefix, sel.suffix, sel.start, sel.end))
    elapsed = time.perf_counter() - started
    assert found.method == FUZZY and "alleged attempts with Serbia's Navalny" in edited[found.start:found.end]
    assert elapsed < 3.0, elapsed  # generous: the machine may be busy; quadratic would take minutes
    started = time.perf_counter()
    assert anchor(filler * 2, sel).method == ORPHAN
    assert time.perf_counter() - started < 3.0


def test_long_quote_in_long_article_is_fast():
    # A quote of two whole paragraphs (over 800 characters) in a 1 MB article.
    paragraph = T001[T001.index("Navalny was poisoned"):T001.index("under Putin’s rule") + 20]
    assert len(paragraph) > 800
    filler = T000 * 400
    sel = Selector(paragraph)
    started = time.perf_counter()
    assert anchor(filler, sel).method == ORPHAN
    middle = filler.index("\n\n", 500_000) + 2
    edited = filler[:middle] + paragraph.replace("There is no doubt", "There is really no doubt") + filler[middle:]
    found = anchor(edited, sel)
    assert found.method == FUZZY and found.start == middle and found.score > 95
    assert edited[found.start:found.end] == paragraph.replace("There is no doubt", "There is really no doubt").strip()
    assert time.perf_counter() - started < 3.0  # whole-text partial matching took 8 s


def test_find_passage_missing_names_the_closest_passage():
    with pytest.raises(PassageError, match="not in the article.*closest passage"):
        find_passage(T001, "Navalny wrote in a Twitter post on Monday")


def test_find_passage_ambiguous_asks_for_context():
    with pytest.raises(PassageError, match="ambiguous: it occurs 5 times"):
        find_passage(T001, "Navalny")


def test_find_passage_occurrence_and_within():
    first = T001.index("Navalny")
    assert find_passage(T001, "Navalny", occurrence=1) == (first, first + 7)
    start, end = find_passage(T001, "Navalny", within="Navalny was poisoned with a nerve agent")
    assert T001[start - 1:end + 13] == "\nNavalny was poisoned"
    with pytest.raises(PassageError, match="occurs 5 time"):
        find_passage(T001, "Navalny", occurrence=9)


def test_find_passage_tolerates_different_white_space():
    start, end = find_passage(T000, "Biden   said. \n“It is the mark")
    assert T000[start:end] == "Biden said. “It is the mark"


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([T000, T001, T002]), st.floats(0, 1), st.integers(1, 80))
def test_any_selector_finds_its_own_passage_again(text, where, length):
    start = int(where * (len(text) - 1))
    end = min(len(text), start + length)
    if not text[start:end].strip():
        return
    sel = selector_for(text, start, end)
    found = anchor(text, sel)
    assert found.method in (EXACT, POSITION)
    assert (found.start, found.end) == (start, end)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([T000, T001, T002]), st.floats(0, 1), st.integers(12, 60), st.floats(0, 1),
       st.sampled_from(["", "new ", "an inserted clause, ", "\n\nA whole new paragraph.\n\n"]), st.integers(0, 30))
def test_edits_outside_the_passage_never_move_the_note(text, where, length, edit_at, inserted, deleted):
    start = int(where * (len(text) - length))
    end = start + length
    if not text[start:end].strip():
        return
    sel = selector_for(text, start, end)
    # an edit anywhere that does not touch the passage: insert, and delete a few characters
    at = int(edit_at * len(text))
    if start - deleted <= at <= end:
        return
    cut = min(deleted, len(text) - at) if at > end else min(deleted, start - at)
    edited = text[:at] + inserted + text[at + cut:]
    shift = len(inserted) - cut if at < start else 0
    found = anchor(edited, sel)
    assert found.anchored
    assert edited[found.start:found.end] == text[start:end]
    assert found.start == start + shift or edited.count(text[start:end]) > 1


def test_a_very_long_quote_with_small_edits_is_found_in_linear_time():
    """A note that quotes a whole long passage, which was then edited in a few places, is placed
    by the pieces that still occur verbatim (issue #13: an 80 KB quote took a minute)."""
    from dossier.notes.anchoring import FUZZY, Selector, anchor

    sentences = [f"Officials in district {i} said the count would resume on Monday after the recess." for i in range(800)]
    text = "Intro paragraph.\n\n" + " ".join(sentences) + "\n\nClosing paragraph."
    quoted = " ".join(s.replace("Monday", "Tuesday") if i % 97 == 0 else s for i, s in enumerate(sentences))
    assert quoted not in text and len(quoted) > 50_000
    found = anchor(text, Selector(exact=quoted))
    assert found.method == FUZZY and found.score >= 85
    assert text[found.start:found.start + 40] == quoted[:40]
