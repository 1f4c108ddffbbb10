"""The home page (index.md) and the graph page (graph.md), two page kinds of #18."""

from __future__ import annotations

import dataclasses
import re
from types import SimpleNamespace

from click.testing import CliRunner

from dossier import build, config
from dossier.cli import main
from dossier.model import Entity, Mention
from dossier.site import graph_page, home_page, registry
from dossier.site.inputs import SiteInputs


def _site(project, comparison=None, **changes) -> SiteInputs:
    cfg = config.load(project)
    d = build.generate(cfg)
    site = SiteInputs(tuple(d.articles), tuple(d.entities), {}, comparison or d.comparison, d.notes, tuple(d.problems),
                      d.inputs, d.registry, cfg.min_articles, None, cfg.project_root, "test", {},
                      docs_dir=cfg.docs_dir, input_name="seeds")
    return dataclasses.replace(site, **changes) if changes else site


def test_both_kinds_are_registered():
    names = [k.name for k in registry.PAGE_KINDS]
    assert "home" in names and "graph" in names
    assert names.index("home") > names.index("compare")  # it links only the pages made before it


def test_the_home_page_summarizes_the_seed_dossier(project):
    page = build.generate(config.load(project)).outputs["index.md"]
    # No front-matter title: the browser's tab then shows the site's name alone (Material).
    assert page.startswith("---\ndossier:\n  kind: home\n") and "\n# Navalny, Putin and the 2020 US election" in page
    assert "Russian reactions to Joe Biden&#39;s election" in page  # mkdocs.yml's site_description
    assert "4 news articles" in page and "published from 2020&#45;11&#45;09 to 2020&#45;12&#45;15" in page
    counts = re.findall(r"<strong>(\d+)</strong> (\w+)", page)
    assert counts == [("4", "articles"), ("1", "outlet"), ("15", "shared"), ("5", "notes")]
    top = re.findall(r"^\| \[([^\]]+)\]\(entities/([a-z-]+)\.md", page, re.M)
    assert top[0] == ("Joe Biden", "joe-biden") and len(top) == home_page.TOP_ENTITIES
    assert page.count("](articles/") >= 5 and "#note-" in page  # the latest notes, linked to their passages
    for section in ("articles/index.md", "entities/index.md", "graph.md", "compare.md", "notes/index.md",
                    "build-report.md", "dossier.json"):
        assert f"]({section})" in page, section
    # Nothing of this repository's About pages: a user's dossier does not have them.
    assert "how-it-works" not in page and "publishing" not in page
    assert "search:\n  exclude: true" in page


def test_stories_are_listed_when_the_comparison_has_them(project):
    site = _site(project, comparison=SimpleNamespace())
    assert home_page.home_page(site).stories == ()  # a comparison without `stories` (read with getattr)
    first = site.articles[0]
    story = SimpleNamespace(id="congratulations", title="Navalny <b>congratulates</b> Biden", articles=(first.id,),
                            outlets=("The Moscow Times", "Meduza"), first_date="2020-11-09", last_date="2020-12-15")
    with_stories = _site(project, comparison=SimpleNamespace(stories=(story,)))
    page = home_page.render(home_page.home_page(with_stories, ["compare.md"]))
    assert "## Stories" in page
    assert "**Navalny &#60;b&#62;congratulates&#60;&#47;b&#62; Biden**: 1 article from 2 outlets, " \
           "2020&#45;11&#45;09 to 2020&#45;12&#45;15" in page


def test_the_home_page_of_an_empty_dossier_says_what_to_do(project):
    site = _site(project, articles=(), entities=())
    page = home_page.render(home_page.home_page(site))
    assert "no articles yet" in page and "**seeds** folder" in page and "README.md in that folder" in page
    assert "## Most mentioned" not in page


def test_a_hand_written_home_page_wins_and_nothing_complains(project):
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "index.md").write_text("# Our story\n\nWritten by hand.\n", encoding="utf-8")
    assert "index.md" not in build.generate(config.load(project)).outputs
    result = CliRunner().invoke(main, ["build", "-p", str(project)])
    assert result.exit_code == 0, result.output
    assert "index.md" not in result.output  # no "hand-written page" problem
    assert (project / "docs" / "index.md").read_text(encoding="utf-8") == "# Our story\n\nWritten by hand.\n"


def test_the_generated_home_page_is_rewritten_by_the_next_build(project):
    CliRunner().invoke(main, ["build", "-p", str(project), "-q"])
    assert (project / "docs" / "index.md").read_text(encoding="utf-8").count("<strong>") == 4
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8")
                                        .replace("site_name: Navalny", "site_name: Renamed Navalny"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-p", str(project), "-q"])
    assert result.exit_code == 0, result.output
    assert "# Renamed Navalny" in (project / "docs" / "index.md").read_text(encoding="utf-8")


# --- graph ---------------------------------------------------------------------------------------


def _entity(i: int, articles: list[str], name: str | None = None) -> Entity:
    mentions = tuple(Mention(a, 0, 3, "abc", "person") for a in articles)
    return Entity(f"e{i}", name or f"Entity {i}", "person", (), mentions, True)


def _graph_site(entities) -> SimpleNamespace:
    refs = {e.id: SimpleNamespace(id=e.id, name=e.name, type=e.type, description=None, article_count=len(e.articles))
            for e in entities}
    return SimpleNamespace(shared=list(entities), refs=refs)


def test_the_graph_is_bounded_and_sized_by_articles():
    entities = [_entity(i, [f"a{j}" for j in range(1 + i % 7)]) for i in range(80)]
    page = graph_page.graph_page(_graph_site(entities))
    assert len(page.nodes) == graph_page.TOP and page.shared == 80
    assert len(page.edges) <= graph_page.MAX_EDGES
    by_articles = sorted(page.nodes, key=lambda n: n.articles)
    assert by_articles[0].r < by_articles[-1].r
    for node in page.nodes:
        assert 0 <= node.x - node.r and node.x + node.r <= graph_page.WIDTH
        assert 0 <= node.y - node.r and node.y + node.r <= graph_page.HEIGHT


def test_the_graph_joins_entities_named_together_and_counts_their_articles():
    entities = [_entity(0, ["a", "b", "c"]), _entity(1, ["b", "c"]), _entity(2, ["d"])]
    page = graph_page.graph_page(_graph_site(entities))
    assert page.edges == ((0, 1, 2),)
    assert page.nodes[0].partners == (("Entity 1", 2),)


def test_the_graph_is_the_same_on_every_build(project):
    first = build.generate(config.load(project)).outputs["graph.md"]
    second = build.generate(config.load(project, cache=False)).outputs["graph.md"]
    assert first == second
    assert first.count("<circle") == 15 and "<script" not in first and "http" not in first.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    # The table under the picture links every entity, for the offline copy and screen readers.
    assert first.count('{ data-graph-entity="') == 15


def test_names_in_the_graph_are_inert():
    hostile = '<script>alert(1)</script> "x" &amp; {: #id }'
    entities = [_entity(0, ["a", "b"], hostile), _entity(1, ["a", "b"])]
    markdown = graph_page.render(graph_page.graph_page(_graph_site(entities)))
    assert "<script" not in markdown and '"x"' not in markdown and "&amp;" not in markdown
    assert "&#60;script&#62;alert&#40;1&#41;" in markdown


def test_a_dossier_without_shared_entities_gets_a_sentence_not_a_picture():
    markdown = graph_page.render(graph_page.graph_page(_graph_site([])))
    assert "<svg" not in markdown and "No entity is named by several articles yet" in markdown


def test_an_article_page_names_its_story_and_links_to_its_comparison(project):
    """With several stories, the trail above an article's title says which story it belongs to
    ("Story: ...", not a bare title a reader takes for the article's) and links to the story's
    comparison page; a story of one article has no page, so its name is not a link."""
    (project / "seeds" / "stories.yml").write_text(
        "stories:\n"
        "  - title: Congratulations from Moscow\n    id: congratulations\n"
        "    articles: [000_4573a53139b8635d.txt, 001_3b55a7257ded003e.txt, 002_438d2bf8bcbd74dd.txt]\n"
        "  - title: A story of one article\n    id: alone\n    articles: [003_16282a16f6079523.txt]\n",
        encoding="utf-8")
    dossier = build.generate(config.load(project))
    by_input = {a.input: a for a in dossier.articles}
    grouped = by_input["seeds/000_4573a53139b8635d.txt"]
    single = by_input["seeds/003_16282a16f6079523.txt"]
    page = dossier.outputs[f"articles/{grouped.id}.md"]
    trail = re.search(r'<nav class="dossier-trail".*?</nav>', page).group(0)
    assert 'Story: <a href="../../compare/congratulations/">Congratulations from Moscow</a>' in trail
    assert "compare/congratulations.md" in dossier.outputs
    trail = re.search(r'<nav class="dossier-trail".*?</nav>', dossier.outputs[f"articles/{single.id}.md"]).group(0)
    assert "Story: A story of one article" in trail and "compare/alone" not in trail
