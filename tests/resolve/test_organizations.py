"""Organizations in real news writing (issue #15), input -> output: acronyms defined anywhere in
the dossier, acronyms written as words, a newspaper's short name. Sentences written for these
tests in news style, one article per string, resolved as one dossier."""

from __future__ import annotations

from dossier.model import BODY, Article, Paragraph
from dossier.recognize import recognize
from dossier.resolve import resolve


def dossier(*texts: str):
    articles = [Article(id=f"a{n}", input=f"a{n}.txt", text=t, title="", title_derived=True, date=None, source=None,
                        paragraphs=(Paragraph(1, 0, len(t), BODY),)) for n, t in enumerate(texts)]
    return resolve(articles, {a.id: recognize(a) for a in articles}, min_articles=1)


def entity_of(entities, name: str):
    return next(e for e in entities if name == e.name or name in e.aliases)


def test_an_acronym_defined_with_or_joins_its_name_across_the_dossier():
    entities = dossier("The relief agency, known as the Federal Emergency Management Agency, or F.E.M.A., sent "
                       "trucks on Monday.", "Critics of the F.E.M.A. said it moved too slowly.")
    agency = entity_of(entities, "Federal Emergency Management Agency")
    assert "F.E.M.A." in agency.aliases and set(agency.articles) == {"a0", "a1"}


def test_an_acronym_with_a_country_written_whole():
    entities = dossier("The U.S. Geological Survey measured a magnitude 6.1 quake.",
                       "According to the USGS, the quake struck at a depth of 10 km.")
    assert entity_of(entities, "U.S. Geological Survey") is entity_of(entities, "USGS")


def test_an_acronym_written_as_a_word_joins_a_long_name():
    entities = dossier("Canada and Mexico want to keep the North American Free Trade Agreement.",
                       "Talks to rewrite Nafta resumed on Monday in Washington.")
    assert entity_of(entities, "North American Free Trade Agreement") is entity_of(entities, "Nafta")


def test_two_letters_alone_are_not_enough_across_the_dossier():
    entities = dossier("EVA Airways ordered five jets.", "The demo included EA's new game and a CD of music.")
    assert entity_of(entities, "EA") is not entity_of(entities, "EVA Airways")


def test_the_newspaper_by_its_short_name():
    entities = dossier("The New York Times first reported the trip on Tuesday.",
                       "The White House did not dispute the Times report. The Times said two officials confirmed it.")
    times = entity_of(entities, "New York Times")
    assert set(times.articles) == {"a0", "a1"}


def test_a_short_name_shared_by_two_newspapers_is_left():
    entities = dossier("The New York Times and the Financial Times both reported it.", "The Times said more was coming.")
    times = [e for e in entities if e.name == "Times" or "Times" in e.aliases]
    assert all(e.name not in ("New York Times", "Financial Times") for e in times)


def test_a_number_in_figures_and_in_words():
    entities = dossier("The Philadelphia 76ers beat Boston on Friday.", "The Sixers named a new coach.",
                       "The San Francisco 49ers traded their pick. The Niners need a quarterback.")
    sixers = entity_of(entities, "Sixers")
    assert any("76ers" in n for n in (sixers.name, *sixers.aliases))
    niners = entity_of(entities, "Niners")
    assert any("49ers" in n for n in (niners.name, *niners.aliases))
