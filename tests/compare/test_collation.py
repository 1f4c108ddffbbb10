"""Word-level collation of two versions of a statement, and the class of each difference."""

from __future__ import annotations

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
