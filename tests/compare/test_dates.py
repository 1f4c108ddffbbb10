"""Dates mentioned in articles, resolved against publication dates (seeds and MEANTIME)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path


from dossier.compare import dates
from dossier.readers import read_file

ROOT = Path(__file__).resolve().parents[2]
MEANTIME = ROOT.parent / "shared" / "corpora" / "meantime" / "articles"


def _values(article):
    return {d.text: d.value for d in dates.extract(article)}


def test_seed_dates_resolve_against_publication(seeds):
    v = _values(seeds["000"])  # published 2020-11-09, a Monday
    assert v["November 7"] == "2020-11-07"
    assert v["November 8"] == "2020-11-08"
    assert v["August 20"] == "2020-08-20"
    assert v["early October"] == "2020-10"
    v = _values(seeds["003"])  # published Tuesday 2020-12-15
    assert v["Nov. 3"] == "2020-11-03"
    assert v["Tuesday"] == "2020-12-15"
    assert _values(seeds["002"])["last month"] == "2020-11"


def test_undated_article_keeps_dates_as_written(seeds):
    a = seeds["001"]
    assert a.date is None
    found = dates.extract(a)
    sunday = [d for d in found if d.text == "on Sunday"]
    assert sunday and all(d.value is None and d.granularity == "unknown" for d in sunday)
    assert all(a.text[d.start : d.end] == d.text for d in found)
    # explicit years need no publication date
    assert any(d.text == "2016" and d.value == "2016" for d in found)


def test_a_newspaper_named_today_is_not_a_date(seeds):
    assert "Today" not in _values(seeds["002"])  # "the USA Today reported"


def test_day_and_month_take_the_year_nearest_to_publication(seeds):
    # the same text published in early January points back to the previous year
    a = replace(seeds["000"], date="2021-01-05")
    v = _values(a)
    assert v["November 7"] == "2020-11-07"
    a = replace(seeds["000"], date="2020-10-30")
    assert _values(a)["November 7"] == "2020-11-07"  # a week ahead, not a year back


def test_weekday_is_on_or_before_publication(seeds):
    a = replace(seeds["001"], date="2020-11-09")  # a Monday
    assert {d.value for d in dates.extract(a) if d.text == "on Sunday"} == {"2020-11-08"}
    assert {d.value for d in dates.extract(a) if d.text == "on Saturday"} == {"2020-11-07"}


def test_meantime_resolved_dates_are_near_publication_or_explicit():
    seen = 0
    for path in sorted(MEANTIME.rglob("*.md")):
        article = read_file(path, ROOT).article
        published = dt.date.fromisoformat(article.date)
        for d in dates.extract(article):
            seen += 1
            assert article.text[d.start : d.end] == d.text
            para = article.paragraph_at(d.start)
            assert para is not None and para.kind != "boilerplate"
            if d.value and d.granularity == "day" and d.rule != "explicit":
                # relative dates stay within half a year of publication
                assert abs((dt.date.fromisoformat(d.value) - published).days) <= 183
    assert seen > 200
