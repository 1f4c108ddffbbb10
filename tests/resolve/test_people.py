"""People in real news writing (issue #15), input -> output: names with structure, surnames by
prominence, honorifics and titles. Sentences written for these tests in news style, one article
per string, resolved as one dossier."""

from __future__ import annotations

import pytest

from dossier.model import BODY, Article, Paragraph
from dossier.recognize import recognize
from dossier.resolve import resolve
from dossier.resolve.names import compatible, person_name, title_before
from dossier.recognize.gazetteer import load


def dossier(*texts: str):
    articles = [Article(id=f"a{n}", input=f"a{n}.txt", text=t, title="", title_derived=True, date=None, source=None,
                        paragraphs=(Paragraph(1, 0, len(t), BODY),)) for n, t in enumerate(texts)]
    return articles, resolve(articles, {a.id: recognize(a) for a in articles}, min_articles=1)


def entity_at(entities, article: str, text: str, word: str, nth: int = 0):
    """The entity of the `nth` occurrence of `word` in `text` (article id `article`), or None."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    for e in entities:
        for m in e.mentions:
            if m.article == article and m.start <= start < m.end:
                return e
    return None


# --- names with structure --------------------------------------------------------------------------

@pytest.mark.parametrize("form, given, surname, suffix", [
    ("Donald J. Trump", ("donald", "j"), "trump", ""),
    ("Robert S. Mueller III", ("robert", "s"), "mueller", "iii"),
    ("Donald Trump Jr.", ("donald",), "trump", "jr"),
    ("Ursula von der Leyen", ("ursula",), "von der leyen", ""),
    ("George H. W. Bush", ("george", "h", "w"), "bush", ""),
])
def test_person_names_are_read_with_their_parts(form, given, surname, suffix):
    assert person_name(form) == (given, surname, suffix)


@pytest.mark.parametrize("a, b, same", [
    ("Donald J. Trump", "Donald Trump", True),
    ("James B. Comey", "James Comey", True),
    ("Rick Gates", "Richard Gates", True),
    ("Bob Goodlatte", "Robert W. Goodlatte", True),
    ("Rudy Giuliani", "Rudolph W. Giuliani", True),
    ("Mike Pompeo", "Michael R. Pompeo", True),
    ("Donald Trump Jr.", "Donald Trump", False),
    ("Roger Stone Sr.", "Roger Stone Jr.", False),
    ("George H. W. Bush", "George W. Bush", False),
    ("Melania Trump", "Donald Trump", False),
])
def test_two_names_can_be_one_person(a, b, same):
    assert compatible(person_name(a), person_name(b), load().hypocorisms) is same


@pytest.mark.parametrize("text, name, title", [
    ("He met Mr. Trump", "Trump", ("mr",)),
    ("a call with Prime Minister Theresa May", "Theresa May", ("prime", "minister")),
    ("the president Trump", "Trump", ()),
    ("said Sen. Hollis", "Hollis", ("sen",)),
])
def test_the_title_before_a_mention(text, name, title):
    assert title_before(text, text.index(name)) == title


def test_a_middle_initial_or_a_short_form_is_one_person():
    texts = ("President Donald J. Trump signed the order on Friday.",
             "Donald Trump said the order was overdue.",
             "Former campaign aide Rick Gates testified for two days.",
             "Richard Gates told the court he had lied.")
    _, entities = dossier(*texts)
    by_name = {e.name: e for e in entities}
    trump = next(e for e in entities if "Trump" in e.name)
    assert set(trump.articles) == {"a0", "a1"}
    gates = next(e for e in entities if "Gates" in e.name)
    assert set(gates.articles) == {"a2", "a3"}
    assert any(m.rule == "name variant" and m.fuzzy for m in gates.merges)
    assert "Donald J. Trump" not in by_name or "Donald Trump" not in by_name


def test_a_suffix_makes_a_different_person_and_the_bare_surname_is_not_his():
    texts = ("Donald Trump Jr. met a Russian lawyer at Trump Tower in 2016.",
             "President Donald Trump defended his son. Trump called the meeting normal.")
    _, entities = dossier(*texts)
    junior = next(e for e in entities if e.name == "Donald Trump Jr.")
    assert set(junior.articles) == {"a0"}
    assert entity_at(entities, "a1", texts[1], "Trump", 1).name == "Donald Trump"


def test_a_titled_surname_in_an_article_without_the_full_name_is_the_dossiers_person():
    texts = ("President Donald Trump spoke in Ohio on Monday.",
             "Donald Trump said the tariffs would stay.",
             "WEST PALM BEACH, Fla. — President Trump dispatched his envoy. Mr. Trump said talks were going well.")
    _, entities = dossier(*texts)
    for word, nth in (("Trump", 0), ("Trump", 1)):
        assert entity_at(entities, "a2", texts[2], word, nth).name == "Donald Trump"


def test_a_relative_with_her_own_given_name_does_not_take_the_surname():
    texts = ("President Donald Trump hosted the dinner.",
             "President Trump and his wife, Melania Trump, the first lady, greeted the visitors. Mr. Trump praised the alliance. "
             "Mr. Trump later said the deal was bad. Trump left early.",
             "Donald Trump said the deal was insane.")
    _, entities = dossier(*texts)
    assert entity_at(entities, "a1", texts[1], "Trump", 0).name == "Donald Trump"  # President Trump
    assert entity_at(entities, "a1", texts[1], "Trump", 1).name == "Melania Trump"
    assert entity_at(entities, "a1", texts[1], "Trump", 2).name == "Donald Trump"  # Mr. Trump
    assert entity_at(entities, "a1", texts[1], "Trump", 4).name == "Donald Trump"  # Trump


def test_an_honorific_keeps_a_woman_and_a_man_of_one_surname_apart():
    texts = ("Prime Minister Theresa May met Philip May's friends. Mrs. May spoke first.",)
    _, entities = dossier(*texts)
    assert entity_at(entities, "a0", texts[0], "May", 2).name == "Theresa May"


def test_two_people_named_alike_leave_the_surname_out():
    texts = ("Bill Clinton and Hillary Clinton campaigned together in Ohio. Clinton said she would win.",)
    _, entities = dossier(*texts)
    assert entity_at(entities, "a0", texts[0], "Clinton", 2) is None


def test_the_surname_goes_to_the_person_named_most_in_the_article():
    texts = ("Emmanuel Macron arrived with his wife, Brigitte Macron. Emmanuel Macron spoke first, and Emmanuel "
             "Macron spoke last. Macron said the deal must be kept.",)
    _, entities = dossier(*texts)
    assert entity_at(entities, "a0", texts[0], "Macron", 4).name == "Emmanuel Macron"


def test_a_namesake_named_once_beside_a_famous_person_does_not_block_the_surname():
    texts = ("North Korean leader Kim Jong-un met envoys.", "Kim Jong-un announced a halt to tests.",
             "Kim Jong-un spoke of his father, Kim Jong-il, and his wish. Kim said the tests were over.",
             "Kim Jong-un met President Moon Jae-in at the border.")
    _, entities = dossier(*texts)
    assert entity_at(entities, "a2", texts[2], "Kim", 2).name.startswith("Kim Jong")
    assert entity_at(entities, "a2", texts[2], "Kim", 2).name != "Kim Jong-il"


def test_a_month_surname_joins_the_person_of_the_dossier():
    texts = ("Prime Minister Theresa May will host the president in July.",
             "Trump and May last met in Davos. The trip is set for May 13.")
    _, entities = dossier(*texts)
    may = next(e for e in entities if e.name == "Theresa May")
    assert [m.text for m in may.mentions if m.article == "a1"] == ["May"]


def test_a_given_name_alone_in_a_quotation_is_the_one_person_of_that_name_in_the_article():
    texts = ('President Emmanuel Macron and his wife Brigitte Macron arrived. "We are so glad to welcome you and '
             'Brigitte tonight," the president said.',)
    _, entities = dossier(*texts)
    assert entity_at(entities, "a0", texts[0], "Brigitte", 1).name == "Brigitte Macron"


def test_surnames_that_are_english_words_after_a_title_or_for_a_person_of_the_dossier():
    texts = ("Secretary of State Condoleezza Rice met the envoy. Gov. Jerry Brown signed the bill. "
             "Apple chief executive Tim Cook spoke.",
             "Rice said the talks went well. Mr. Brown disagreed, and Brown said so twice. Cook said sales rose.",
             "Lisa Page, an F.B.I. lawyer, testified. Ms. Page said little. Page later left the bureau.",
             "Rep. Don Young of Alaska objected. Mr. Young said the bill was bad. Young has served since 1973.",
             "Tom Price resigned as health secretary. Mr. Price apologized. Price flew on private jets.",
             "President George W. Bush spoke; Mr. Bush smiled.",
             "Prices rose in May. The young voters ate brown rice. Bush fires burned near the coast.")
    _, entities = dossier(*texts)
    linked = {(m.article, m.text) : e.name for e in entities for m in e.mentions}
    assert linked[("a1", "Rice")] == "Condoleezza Rice" and linked[("a1", "Cook")] == "Tim Cook"
    assert [e.name for e in entities if any(m.article == "a1" and m.text == "Brown" for m in e.mentions)] == ["Jerry Brown"]
    assert sum(1 for m in next(e for e in entities if e.name == "Lisa Page").mentions) == 3
    assert sum(1 for m in next(e for e in entities if e.name == "Don Young").mentions) == 3
    assert sum(1 for m in next(e for e in entities if e.name == "Tom Price").mentions) == 3
    assert not any(m.article == "a6" for e in entities for m in e.mentions), "no name in the last article"
