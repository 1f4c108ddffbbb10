"""Stories: articles grouped into stories automatically, corrected in stories.yml, and the
comparison's records per story. Scored on NewsWCL50 (10 events × 5 outlets) as one dossier."""

from __future__ import annotations

from collections import Counter
from math import comb
from pathlib import Path

import pytest

from dossier import compare
from dossier.compare import stories as story_module
from dossier.compare.story_file import load_stories, parse_stories
from dossier.readers.discovery import discover
from news import article

ROOT = Path(__file__).resolve().parents[2]
NEWSWCL50 = ROOT.parent / "shared" / "corpora" / "newswcl50" / "articles"


def ari(truth: list[str], predicted: list[str]) -> float:
    n = len(truth)
    index = sum(comb(v, 2) for v in Counter(zip(truth, predicted)).values())
    sa = sum(comb(v, 2) for v in Counter(truth).values())
    sb = sum(comb(v, 2) for v in Counter(predicted).values())
    expected = sa * sb / comb(n, 2)
    return (index - expected) / ((sa + sb) / 2 - expected)


def test_the_four_seeds_are_one_story(seed_dossier):
    articles, _, c, _ = seed_dossier
    assert len(c.stories) == 1 and set(c.stories[0].articles) == {a.id for a in articles}
    assert c.stories[0].source == "automatic" and c.stories[0].first_date == "2020-11-09"


@pytest.fixture(scope="module")
def newswcl50():
    if not NEWSWCL50.is_dir():
        pytest.skip("NewsWCL50 is not in ../shared/corpora")
    from dossier.readers import read_folder

    articles, _ = read_folder(NEWSWCL50, ROOT)
    return articles


def test_newswcl50_as_one_dossier_recovers_its_ten_events(newswcl50):
    c = compare.compare(newswcl50, [])
    truth = [Path(a.input).parent.name for a in newswcl50]
    assert ari(truth, [c.story_of[a.id] for a in newswcl50]) >= 0.95
    assert len(c.stories) == 10
    # each story is covered by the five outlets, and its title is one of its headlines
    for s in c.stories:
        assert len(s.outlets) == 5 and s.source == "automatic"


def test_each_newswcl50_event_alone_is_one_story(newswcl50):
    by_event: dict[str, list] = {}
    for a in newswcl50:
        by_event.setdefault(Path(a.input).parent.name, []).append(a)
    for event, arts in by_event.items():
        assert len(compare.compare(arts, []).stories) == 1, event


def test_two_articles_of_two_events_are_two_stories(newswcl50):
    # Trump in both, the same week: the tariffs and the caravan; the Iran deal and the Mueller questions
    for x, y in (("7-tariff", "6-migrant"), ("4-macron", "8-mueller"), ("1-comey", "5-trump-uk")):
        a = next(z for z in newswcl50 if x in z.input)
        b = next(z for z in newswcl50 if y in z.input)
        assert len(compare.compare([a, b], []).stories) == 2, (x, y)


def test_recurring_actors_do_not_make_one_story():
    # every article names President Trump, the White House, Congress and the Democrats
    backgrounds = [
        "President Donald Trump has clashed with Democrats in Congress, and the White House vowed to respond.",
        "The White House said President Donald Trump would not back down to Democrats in Congress.",
        "Democrats in Congress criticized President Donald Trump, and the White House pushed back on Monday.",
        "President Donald Trump attacked the Democrats in Congress again, a White House official said.",
    ]
    tariffs = ("The White House postponed duties on steel and aluminum shipments from Canada, Mexico and the European Union "
               "by thirty days. Exporters in Ontario welcomed the reprieve for their mills. Brussels said the "
               "extension prolonged market uncertainty for its steelmakers.")
    caravan = ("A caravan of migrants from Central America arrived at the San Ysidro crossing after a long "
               "journey through Mexico. Asylum seekers from Honduras camped near the fence in Tijuana. Lawyers "
               "briefed the families on credible-fear interviews.")
    arts = [
        article("t1", f"{tariffs}\n\n{backgrounds[0]}"),
        article("t2", f"{tariffs.replace('delayed', 'postponed')}\n\n{backgrounds[1]}"),
        article("c1", f"{caravan}\n\n{backgrounds[2]}"),
        article("c2", f"{caravan.replace('reached', 'arrived at')}\n\n{backgrounds[3]}"),
    ]
    c = compare.compare(arts, [])
    assert sorted(sorted(s.articles) for s in c.stories) == [["c1", "c2"], ["t1", "t2"]]


def test_article_labels_name_outlet_and_date_uniquely():
    arts = [article("a", "One story here.", "2024-05-02", "Fox News"), article("b", "Another one.", "2024-05-02", "Fox News"),
            article("c", "A third.", None, None, title="Putin congratulates Biden after the vote")]
    labels = {x.article: x.label for x in story_module.article_labels(arts)}
    assert labels == {"a": "Fox News, 2024-05-02", "b": "Fox News, 2024-05-02 (2)", "c": "Putin congratulates Biden after the…, undated"}


def test_story_views_hold_the_records_of_one_story(seed_dossier):
    _, _, c, _ = seed_dossier
    view = c.story(c.stories[0].id)
    assert view.quote_groups == c.quote_groups and view.findings == c.findings and view.paragraphs == c.paragraphs


# --- stories.yml ------------------------------------------------------------------------------------------------


def _refs(ids):
    return {f"{x}.md": x for x in ids} | {x: x for x in ids}


def test_a_listed_story_keeps_its_articles_and_two_listed_stories_never_join(newswcl50):
    pompeo = [a for a in newswcl50 if "0-pompeo" in a.input]
    halt = [a for a in newswcl50 if "2-north-korea" in a.input]
    text = ("stories:\n"
            "  - title: North Korea, April 2018\n    id: north-korea\n    articles:\n"
            + "".join(f"      - {a.id}\n" for a in pompeo[:2] + halt[:2])
            + "  - title: Pompeo alone\n    closed: true\n    articles: [" + pompeo[2].id + "]\n")
    overrides, problems = parse_stories(text, "stories.yml", _refs([a.id for a in newswcl50]))
    assert not problems
    c = compare.compare(pompeo + halt, [], stories=overrides)
    story = {s.id: s for s in c.stories}
    assert set(pompeo[:2] + halt[:2]) <= {a for a in pompeo + halt if c.story_of[a.id] == "north-korea"}
    assert story["north-korea"].title == "North Korea, April 2018" and story["north-korea"].source == "stories.yml"
    closed = c.story_of[pompeo[2].id]
    assert story[closed].articles == (pompeo[2].id,)
    # the other articles join a listed story or form their own, never the closed one
    assert all(c.story_of[a.id] != closed for a in pompeo[3:] + halt[2:])


def test_stories_file_problems_name_the_file_and_the_line():
    text = ("stories:\n"
            "  - title: One\n    articles: [a, nope]\n"          # line 3: unknown article
            "  - title: Two\n    colour: red\n    articles:\n      - a\n"  # line 5: unknown key; line 7: a twice
            "  - just a string\n")                                # line 8
    overrides, problems = parse_stories(text, "input/stories.yml", _refs(["a", "b"]))
    assert [o.articles for o in overrides] == [("a",)]
    found = {(p.line, p.severity) for p in problems}
    assert {(3, "warning"), (5, "warning"), (7, "warning"), (8, "warning")} <= found
    assert all(p.path == "input/stories.yml" for p in problems)
    _, bad = parse_stories("stories: [a: &x 1, *x]\n", "stories.yml", {})
    assert bad and bad[0].severity == "error" and bad[0].line == 1


def test_the_stories_file_is_read_from_the_input_folder_and_is_no_article(project):
    seeds = project / "seeds"
    (seeds / "stories.yml").write_text("stories:\n  - title: Russia and the US election\n    articles:\n"
                                       "      - 000_4573a53139b8635d.txt\n      - 001_3b55a7257ded003e.txt\n", encoding="utf-8")
    paths, ignored = discover(seeds, project)
    assert not any(p.name == "stories.yml" for p in paths) and not any("stories.yml" in x.path for x in ignored)
    from dossier.readers import read_folder

    articles, _ = read_folder(seeds, project)
    overrides, problems = load_stories(seeds, project, articles)
    assert not problems and len(overrides) == 1 and len(overrides[0].articles) == 2
    assert overrides[0].title == "Russia and the US election"
