"""Contradicting descriptors: only values that cannot both hold of one entity at the articles'
dates (nationality, office held now, age, a number for one quantity), each with a confidence.
Sentences of our own in the style of news copy; the seeds' "Serbia's Navalny" in test_compare."""

from __future__ import annotations

import pytest

from dossier import compare
from news import article, entities


def _contradictions(texts: list[str], names: dict[str, list[str]], dates: list[str | None] | None = None):
    dates = dates or ["2024-05-02"] * len(texts)
    arts = [article(f"a{n}", t, d) for n, (t, d) in enumerate(zip(texts, dates), 1)]
    c = compare.compare(arts, entities(arts, names))
    return c, [(x.kind, x.detail, x.confidence) for x in c.contradictions]


def test_two_nationalities_contradict():
    _, found = _contradictions(
        ["Russian opposition leader Alexei Navalny was flown to Berlin for treatment on Saturday.",
         "The alleged attempt on Serbia's Navalny drew sanctions from the European Union on Saturday."],
        {"navalny": ["Alexei Navalny", "Navalny"]})
    assert [(k, d) for k, d, _ in found] == [("nationality", "Russia / Serbia")]
    assert found[0][2] >= 0.8


def test_two_offices_held_now_contradict():
    _, found = _contradictions(
        ["US President Donald Trump spoke to reporters at the White House on Friday.",
         "US Spokesman Donald Trump spoke to reporters at the White House on Friday."],
        {"trump": ["Donald Trump", "Trump"]})
    assert [(k, d) for k, d, _ in found] == [("office", "president / spokesperson")]


@pytest.mark.parametrize("first, second", [
    # an office held before and the office now
    ("Former President Barack Obama endorsed the candidate in Chicago on Monday.",
     "President Barack Obama endorsed the candidate in Chicago on Monday."),
    ("Former Vice President Joe Biden campaigned in Ohio this week.",
     "Ex-Vice President Joe Biden campaigned in Ohio this week."),
    # two roles one person holds together
    ("CEO Jane Fraser told analysts that profits rose in the quarter.",
     "Citigroup president Jane Fraser told analysts that profits rose in the quarter."),
    ("Committee chairman Adam Schiff said the hearing would resume on Tuesday.",
     "Senator Adam Schiff said the hearing would resume on Tuesday."),
    # a deputy's title, shortened in copy
    ("Deputy Spokesperson Rosa Alvarez declined to comment on the report.",
     "The spokeswoman, Rosa Alvarez, declined to comment on the report."),
    # a role that is no office, or an opinion
    ("Intelligence committee Chairman Devin Nunes released the memo on Friday.",
     "Devin Nunes, a vocal critic of the president, released the memo on Friday."),
    # a country and a part of it
    ("North Korean leader Kim Jong Un announced the end of the tests.",
     "Korea's Kim Jong Un announced the end of the tests."),
])
def test_values_that_can_both_hold_do_not_contradict(first, second):
    names = {"x": ["Barack Obama", "Joe Biden", "Jane Fraser", "Adam Schiff", "Rosa Alvarez", "Devin Nunes", "Kim Jong Un"]}
    c, found = _contradictions([first, second], names)
    assert not found, found


def test_a_descriptor_between_two_names_is_nobodys():
    c, found = _contradictions(
        ["Muriel Bowser, the mayor of Washington, welcomed the marchers on Saturday.",
         "Trump met Pence, the mayor of Washington, Muriel Bowser, and two senators on Saturday.",
         "Pence, the governor of Indiana at the time, was not at the meeting."],
        {"bowser": ["Muriel Bowser"], "pence": ["Pence"], "trump": ["Trump"]})
    pence = {d.text for d in compare.descriptors_for(c, "pence")}
    assert "the mayor of Washington" not in pence and "the governor of Indiana at the time" in pence
    assert not [x for x in c.contradictions if x.entity == "pence"]


def test_offices_far_apart_in_time_do_not_contradict():
    texts = ["Governor Ron DeSantis signed the bill in Tallahassee on Monday.",
             "President Ron DeSantis signed the bill in Washington on Monday."]
    _, near = _contradictions(texts, {"desantis": ["Ron DeSantis"]}, ["2024-05-02", "2024-05-10"])
    _, far = _contradictions(texts, {"desantis": ["Ron DeSantis"]}, ["2019-05-02", "2024-05-10"])
    assert [k for k, *_ in near] == ["office"] and not far


def test_ages_contradict_beyond_what_time_explains():
    texts = ["Navalny, 44, was detained at the airport on Sunday.",
             "The 47-year-old Navalny was detained at the airport on Sunday.",
             "Navalny, 45, was detained at the airport on Sunday."]
    _, found = _contradictions(texts, {"navalny": ["Navalny"]})
    ages = {d: conf for k, d, conf in found if k == "age"}
    assert ages["44 / 47"] >= 0.8  # three years apart on one day: cannot both hold
    assert ages["44 / 45"] < 0.8  # a birthday may explain a year: for review only
    _, later = _contradictions(texts[:1] + texts[2:], {"navalny": ["Navalny"]}, ["2020-01-10", "2021-03-01"])
    assert not later  # a year apart


def test_a_number_for_one_quantity_contradicts():
    _, found = _contradictions(
        ["Jane Doe, a mother of three, told the court she had been evicted in March.",
         "Jane Doe, a mother of four, told the court she had been evicted in March."],
        {"doe": ["Jane Doe"]})
    assert [(k, d) for k, d, _ in found] == [("number", "3 / 4 children")]


@pytest.mark.parametrize("texts, names, shown", [
    (["Navalny, 44, was detained at the airport on Sunday.",
      "The 47-year-old Navalny was detained at the airport on Sunday."], {"navalny": ["Navalny"]}, ("(44)", "(47)")),
    (["Jane Doe, a mother of three, told the court she had been evicted in March.",
      "Jane Doe, a mother of four, told the court she had been evicted in March."], {"doe": ["Jane Doe"]},
     ("(3 children)", "(4 children)")),
    (["Russian opposition leader Alexei Navalny was flown to Berlin for treatment on Saturday.",
      "The alleged attempt on Serbia's Navalny drew sanctions from the European Union on Saturday."],
     {"navalny": ["Alexei Navalny", "Navalny"]}, ("(Russia)", "(Serbia)")),
])
def test_the_entity_page_shows_each_kind_of_contradiction_with_its_values(texts, names, shown):
    """Every kind renders on the entity page (an age or a number of children once stopped the
    whole build of a 10,000-article dossier: the page expected text)."""
    from dossier.site.descriptor_tables import render_descriptors
    from dossier.site.html import Urls

    c, found = _contradictions(texts, names)
    assert found
    (entity,) = names
    table = render_descriptors(c, entity, f"entities/{entity}.md", Urls(True))
    assert "Contradicting descriptors" in table and all(value in table for value in shown)
