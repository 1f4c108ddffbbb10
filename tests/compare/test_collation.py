"""Word-level collation of two versions of a statement, and the class of each difference."""

from __future__ import annotations

import pytest

from dossier.compare import collation, quotations


def _align_texts(a: str, b: str):
    return collation.align(a, [(0, len(a))], b, [(0, len(b))])


def test_collation_classes_on_the_tweet(seeds):
    a = next(q for q in quotations.extract(seeds["000"]) if q.text.startswith("Congratulations"))
    b = next(q for q in quotations.extract(seeds["001"]) if q.text.startswith("Congratulations"))
    al = collation.align(seeds["000"].text, a.parts, seeds["001"].text, b.parts)
    by_base = {c.base_text: c for c in al.changes}
    assert by_base["@JoeBiden"].witness_text == "Vijay"
    assert by_base["@JoeBiden"].kind == "meaning" and "name" in by_base["@JoeBiden"].reasons
    hope = next(c for c in al.changes if "Looking forward" in c.base_text)
    assert hope.kind == "meaning"
    assert "who hopes what" in {r for c in al.meaning_changes for r in c.reasons}
    # the other differences reword; none of them is a change of meaning
    assert by_base["which"].witness_text == "that" and by_base["which"].kind == "wording"
    # every base and witness span points at the text it reports
    for c in al.changes:
        if c.base:
            assert seeds["000"].text[c.base[0] : c.base[1]] == c.base_text
        if c.witness:
            assert seeds["001"].text[c.witness[0] : c.witness[1]] == c.witness_text


def test_spelling_variants_are_cosmetic_and_negation_is_not(seeds):
    q = next(q for q in quotations.extract(seeds["000"]) if q.text.startswith("Once again"))
    british = seeds["000"].text[q.parts[0][0] : q.parts[0][1]]
    american = british.replace("favourite", "favorite")
    al = _align_texts(british, american)
    assert [c.kind for c in al.changes if c.kind != "same"] == ["cosmetic"]
    negated = british.replace("has used", "has not used")
    al = _align_texts(british, negated)
    changed = [c for c in al.changes if c.kind != "same"]
    assert len(changed) == 1 and changed[0].kind == "meaning" and "negation" in changed[0].reasons
    number = british.replace("Once again", "For the third time")
    al = _align_texts(british, number)
    assert any("number" in c.reasons for c in al.changes)


def test_punctuation_only_difference_is_cosmetic(seeds):
    q = next(q for q in quotations.extract(seeds["003"]) if q.text.startswith("For my part"))
    text = seeds["003"].text[q.start : q.end]
    al = _align_texts(text, text.replace(",", ";"))
    assert {c.kind for c in al.changes} == {"same", "cosmetic"}


# --- each class of difference, in sentences of our own in the style of news copy ----------------------------------


def _changes(a: str, b: str):
    """The differences between two versions, as (kind, base words, witness words, reasons)."""
    al = _align_texts(a, b)
    return al, [(c.kind, c.base_text, c.witness_text, c.reasons) for c in al.changes if c.kind != "same"]


def _kinds(a: str, b: str) -> list[str]:
    return [k for k, *_ in _changes(a, b)[1]]


def test_an_outlet_quoting_only_the_end_of_a_tweet_quotes_an_excerpt():
    tweet = ("Portugal has agreed to open all Fishing Grounds and close down a large trawler fleet. "
             "This is great news for Portugal and the Ocean - real progress! Look forward to our Meeting.")
    end = "This is great news for Portugal and the Ocean - real progress! Look forward to our Meeting."
    al, changes = _changes(tweet, end)
    assert al.relation == "collated"
    assert [k for k, *_ in changes] == ["excerpt"]
    assert changes[0][1].startswith("Portugal has agreed") and not al.meaning_changes


def test_other_parts_of_one_speech_are_different_excerpts_never_collated():
    a = "It is only together that we can stand against the fears that have divided our continent."
    b = "On this question, we do not always see eye to eye, but that is true of any old friendship."
    al = _align_texts(a, b)
    assert al.relation == "different-excerpt" and al.changes == ()


def test_a_long_stretch_skipped_without_an_ellipsis_is_two_statements():
    tweet = "A new levy on imported solar panels and steel."
    remark = ("It just seems that whatever the market does, especially with solar panels, the levy is behind it. "
              "Wherever prices rise, steel, glass, no matter what you buy, the levy is behind it.")
    assert _align_texts(tweet, remark).relation == "different-excerpt"


def test_an_ellipsis_marks_words_left_out_an_excerpt():
    a = "Because of the unexpected delays ... the ministry asked every supplier before the decision."
    b = ("Because of the unexpected delays reported during the earlier partial inspection, the ministry "
         "asked every supplier before the decision.")
    changes = _changes(a, b)[1]
    assert [(k, w) for k, _, w, _ in changes] == [("excerpt", "reported during the earlier partial inspection")]


@pytest.mark.parametrize("a, b, reason", [
    ("We are a very patient city, the deputy mayor said.", "We’re a very patient city, the deputy mayor said.", "contraction or abbreviation"),
    ("They will not be restarting anything, believe me.", "They won't be restarting anything, believe me.", "contraction or abbreviation"),
    ("Mama always told me to vote early in the morning.", "Momma always told me to vote early in the morning.", "spelling"),
    ("The colour of the defence programme will change.", "The color of the defense program will change.", "spelling"),
    ("The tariffs rose by five percent over the year.", "The tariffs rose by 5% over the year.", "number format"),
    ("The company hired 1,200 workers in the state.", "The company hired 1200 workers in the state.", "number format"),
    ("There is a lot of good will between the two leaders.", "There is a lot of goodwill between the two leaders.", "spacing or hyphenation"),
    ("The E.U. should be exempted from these measures entirely.", "The EU should be exempted from these measures entirely.", "contraction or abbreviation"),
    ("He paused and said that is what he wants from the bureau.", "[Trump] paused and said that is what he wants from the bureau.", "editorial brackets"),
    ("The President said it was nonsense, and we moved on.", "The president said it was nonsense and we moved on.", "case or typography"),
])
def test_cosmetic_differences(a, b, reason):
    changes = _changes(a, b)[1]
    assert changes and all(k == "cosmetic" for k, *_ in changes), changes
    assert any(reason in r for *_, r in changes), changes


@pytest.mark.parametrize("masked", ["motherf***er", "m*****f****r", "[expletive]"])
def test_an_outlet_censoring_an_expletive_is_censoring(masked):
    a = "He called the senator a motherfucker in front of the whole room, witnesses said."
    b = a.replace("motherfucker", masked)
    changes = _changes(a, b)[1]
    assert [k for k, *_ in changes] == ["censoring"], changes


def test_dashes_mask_a_word_too():
    changes = _changes("It was a fucking disgrace, the coach said.", "It was a f---ing disgrace, the coach said.")[1]
    assert [(k, w) for k, _, w, _ in changes] == [("censoring", "f---ing")]


@pytest.mark.parametrize("a, b", [
    ("This was an effort to silence a political opponent of the regime.", "This was an attempt to silence a political opponent of the regime."),
    ("The talks will resume in the coming weeks at the border.", "The talks will resume in the coming weeks near the border."),
    ("More figures will be published next month by the bureau.", "More figures would be published next month by the bureau."),
])
def test_other_words_are_rewording(a, b):
    assert _kinds(a, b) == ["wording"]


def test_names_numbers_negation_modality_and_person_change_meaning():
    cases = [
        ("Congratulations to @JoeBiden on the victory in a free election.", "Congratulations to Vijay on the victory in a free election.", "name"),
        ("We will counter for the Debbie Wasserman Schultz servers now.", "We will counter for the Wendy Wasserman Schultz servers now.", "name"),
        ("The caravan of five hundred people reached the border on Sunday.", "The caravan of seven hundred people reached the border on Sunday.", "number"),
        ("We will negotiate with them over the tariffs this month.", "We will not negotiate with them over the tariffs this month.", "negation"),
        ("The tariffs may rise again next year, the minister warned.", "The tariffs will rise again next year, the minister warned.", "modality"),
        ("For my part, I am ready for contacts with the new president.", "For his part, he is ready for contacts with the new president.", "person"),
    ]
    for a, b, reason in cases:
        al, changes = _changes(a, b)
        assert changes and {k for k, *_ in changes} == {"meaning"}, (a, changes)
        assert all(reason in r for *_, r in changes), (a, changes)


@pytest.mark.parametrize("a, b", [
    ("Angela Merkel will visit the Netherlands on June 4.", "Merkel will visit the Netherlands on June 4."),
    ("And we will fight for every single vote in this state.", "Then we will fight for every single vote in this state."),
    ("If they reopen it, they're going to have serious trouble.", "If they reopen their coal mine, they're going to have serious trouble."),
    ("Russia and the U.S. bear special responsibility for global security.", "Russia and the United States bear special responsibility for global security."),
])
def test_short_forms_sentence_capitals_and_clarified_pronouns_are_no_change_of_meaning(a, b):
    assert not _align_texts(a, b).meaning_changes


def test_words_the_other_version_has_outside_its_quotation_marks_are_an_excerpt():
    a = "Hundreds of local families will almost certainly be filling the square."
    b = 'Okafor said "hundreds of local families" will "almost certainly be filling the square".'
    parts = [(b.index("hundreds"), b.index('" will')), (b.index("almost certainly"), b.rindex('"'))]
    al = collation.align(a, [(0, len(a))], b, parts)
    assert [(c.kind, c.base_text) for c in al.changes if c.kind not in ("same", "cosmetic")] == [("excerpt", "will")]
    assert not al.meaning_changes


def test_every_change_has_a_confidence_and_a_short_substitution_is_surest():
    al = _align_texts("He met the envoy of Japan on Tuesday in Tokyo.", "He met the envoy of Korea on Tuesday in Tokyo.")
    (c,) = [c for c in al.changes if c.kind != "same"]
    assert c.kind == "meaning" and c.confidence >= 0.9
    long = _align_texts("More figures will be published by the bureau next month.",
                        "More figures on the harvest and the prices of the season will be published next month.")
    assert all(0 < c.confidence <= 1 for c in long.changes)
