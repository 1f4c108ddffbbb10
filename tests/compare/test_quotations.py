"""Quotation extraction and speakers, on the seed articles and the MEANTIME corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path


from dossier.compare import quotations
from dossier.readers import read_file

ROOT = Path(__file__).resolve().parents[2]
MEANTIME = ROOT.parent / "shared" / "corpora" / "meantime" / "articles"


def test_tweet_is_quoted_with_speaker_and_verb(seeds):
    found = [q for q in quotations.extract(seeds["000"]) if q.text.startswith("Congratulations")]
    assert len(found) == 1
    q = found[0]
    assert (q.speaker, q.verb) == ("Navalny", "tweeted")
    assert q.text.endswith("between Russia and the US")
    assert seeds["000"].text[q.start - 1] == '"'


def test_quote_interrupted_by_attribution_is_one_statement(seeds):
    q = next(q for q in quotations.extract(seeds["000"]) if q.text.startswith("Once again"))
    assert len(q.parts) == 2
    assert "It is the mark of a Russian regime" in q.text
    assert (q.speaker, q.verb) == ("Biden", "said")


def test_closing_mark_typed_as_opening_mark_still_closes(seeds):
    # seed 001 ends Biden's statement with “ instead of ”
    q = next(q for q in quotations.extract(seeds["001"]) if q.text.startswith("Once again"))
    assert q.text.endswith("under Putin’s rule.")
    assert not q.unterminated
    assert (q.speaker, q.verb) == ("Biden", "said")


def test_boilerplate_quotes_are_not_read(seeds):
    # 003's related-stories block quotes Putin on Iran; it is boilerplate
    texts = [q.text for q in quotations.extract(seeds["003"])]
    assert texts and not any("shifting the blame" in t for t in texts)


def test_quote_running_across_paragraphs(seeds, tmp_path):
    # Gorbachev's quote from seed 001, set in news style over two paragraphs.
    a = seeds["001"]
    p = next(p for p in a.content_paragraphs() if a.text[p.start : p.end].startswith("“I hope"))
    first, second = a.text[p.start : p.end].split(" I believe", 1)
    path = tmp_path / "gorbachev.txt"
    path.write_text(f"{first[:-1]}\n\n“I believe{second}\n", encoding="utf-8")
    article = replace(read_file(path, tmp_path).article, id="g")
    found = quotations.extract(article)
    assert len(found) == 1
    q = found[0]
    assert len(q.paragraphs) == 2 and len(q.parts) == 2
    assert q.text.startswith("I hope that Biden") and q.text.endswith("United States and Russia")
    assert (q.speaker, q.verb) == ("Gorbachev", "said")


def test_meantime_quotes_are_spans_between_marks():
    paths = sorted(MEANTIME.rglob("*.md"))
    assert len(paths) == 120
    total = attributed = 0
    for path in paths:
        article = read_file(path, ROOT).article
        for q in quotations.extract(article):
            total += 1
            attributed += q.speaker is not None
            for s, e in q.parts:
                assert article.text[s:e].strip() == article.text[s:e]
                assert not any(c in article.text[s:e] for c in '"“”')
            if q.speaker_span:
                assert article.text[q.speaker_span[0] : q.speaker_span[1]] == q.speaker
    assert total > 100
    assert attributed / total > 0.5


def test_according_to_attribution(seeds, tmp_path):
    a = seeds["001"]
    p = next(p for p in a.content_paragraphs() if a.text[p.start : p.end].startswith("“I hope"))
    paragraph = a.text[p.start : p.end].replace("Gorbachev said.", "according to the Kremlin.")
    path = tmp_path / "according.txt"
    path.write_text(paragraph + "\n", encoding="utf-8")
    article = replace(read_file(path, tmp_path).article, id="k")
    (q,) = quotations.extract(article)
    assert (q.speaker, q.verb) == ("the Kremlin", "according to")
    assert article.text[q.speaker_span[0] : q.speaker_span[1]] == "the Kremlin"


def test_speaker_with_title_after_verb_and_unattributed_follow_on_quote():
    article = read_file(MEANTIME / "stock" / "180695.md", ROOT).article
    found = quotations.extract(article)
    first = next(q for q in found if q.text.startswith("The potential for giant high-speed computers"))
    assert first.speaker == "Delaware senator Edward Kaufman" and first.verb == "said"
    follow = next(q for q in found if q.text.startswith("The battle of the algorithms"))
    assert follow.paragraphs[0] == first.paragraphs[-1] + 1
    assert follow.speaker == first.speaker and follow.verb is None


# --- speakers checked against the sentence's grammar (sentences of our own, in the style of news copy) ------------


def _speakers(tmp_path, text: str) -> list[tuple[str, str | None, str | None]]:
    path = tmp_path / "speakers.txt"
    path.write_text(text + "\n", encoding="utf-8")
    article = replace(read_file(path, tmp_path).article, id="s")
    return [(q.text[:30], q.speaker, q.verb) for q in quotations.extract(article)]


def test_the_subject_of_the_main_clause_speaks_not_a_possessive(tmp_path):
    found = _speakers(tmp_path, (
        'Trump tweeted on Monday: "The Democrats are obstructionists and must be stopped right now."\n\n'
        "Zinke echoed Trump's comment in his own tweet, saying \"we need to protect our public lands for everybody.\""))
    assert [s for _, s, _ in found] == ["Trump", "Zinke"]


def test_a_name_inside_a_possessive_or_after_mr_is_not_the_speaker(tmp_path):
    found = _speakers(tmp_path, (
        "Dana Whitfield, the press secretary for Mr. Alvarez's 2022 reelection drive, called the claims a "
        '"cheap stunt from a rival running out of ideas."'))
    assert found[0][1] == "Dana Whitfield"


def test_a_quotation_in_a_reporters_sentence_does_not_continue_the_previous_speaker(tmp_path):
    found = _speakers(tmp_path, (
        '"This is baseless and will be thrown out shortly," Whitfield said.\n\n'
        'Marcus T. Hale Jr., a former aide to Mr. Alvarez, dismissed it in a statement as "a partisan fantasy '
        'dressed up as a complaint."\n\n'
        'The council filed the complaint, alleging "a scheme of remarkable size and ambition."'))
    assert [s for _, s, _ in found] == ["Whitfield", "Marcus T. Hale Jr", "The council"]


def test_objects_and_names_in_prepositional_phrases_are_not_speakers(tmp_path):
    found = _speakers(tmp_path, (
        'Pelosi told Trump that "the wall will never be built with taxpayer money."\n\n'
        'In a letter to Trump, Schumer wrote that "the shutdown must end this week."\n\n'
        'In a statement on Monday, the White House said it "will continue to work with Congress on this plan."'))
    assert [s for _, s, _ in found] == ["Pelosi", "Schumer", "the White House"]


def test_a_standalone_quotation_still_continues_its_speaker(tmp_path):
    found = _speakers(tmp_path, (
        '"We are going to build the wall, and Mexico is going to pay," Trump said.\n\n'
        '"Believe me, it is going to happen very soon."'))
    assert [s for _, s, _ in found] == ["Trump", "Trump"]


def test_an_attribution_of_many_words_between_two_parts_keeps_one_statement(tmp_path):
    found = _speakers(tmp_path, (
        '"It\'s a mistake. It\'s a big mistake," Merkel said as she left the summit hall in Brussels. '
        '"It should never have been signed, but we will keep talking about it."'))
    assert len(found) == 1 and found[0][1] == "Merkel"
