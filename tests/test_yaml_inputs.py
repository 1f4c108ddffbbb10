"""Every YAML file a user writes goes through one strict loader (dossier/yamlsafe.py), issue #13
finding 4 and #14 defect 4: front matter, sidecars, note front matter, notes/decisions.yml,
entities.yml and dossier-ids.yml. Each hostile form is refused by the parser with the file and a
line, and the rest of the dossier still builds."""

from __future__ import annotations

import pytest

from dossier import build, config, yamlsafe

BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))

# Hostile YAML in the shapes a mapping file can take: each is a complete document whose values
# are a mapping, so that it would be accepted if the loader did not refuse it.
HOSTILE = {
    "block alias bomb": BOMB + "title: *i\n",
    "flow alias bomb": '{"a": &x ["lol","lol","lol","lol"], "b": [*x,*x,*x,*x], "title": "t"}\n',
    "json-style anchor": '{"title": &t "A title", "source": *t}\n',
    "anchor alone": "title: &t A title\n",
    "merge key": "base: &b {title: T}\nother:\n  <<: *b\n",
    "lone surrogate": 'title: "a \\udc80 b"\n',
    "surrogate pair escape": 'title: "\\ud83d\\ude00"\n',
    "deep nesting": "title: " + "[" * 200 + "]" * 200 + "\n",
    "python tag": "title: !!python/object/apply:os.system ['true']\n",
    "repeated key": "title: One\ntitle: Two\n",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_loader_refuses_each_form_with_a_line(text):
    with pytest.raises(yamlsafe.YamlError) as caught:
        yamlsafe.load(text, first_line=5)
    assert caught.value.line is None or caught.value.line >= 5
    assert str(caught.value)


def test_limits_on_size_nodes_and_scalars():
    small = yamlsafe.Limits(max_bytes=1000, max_nodes=50, max_scalar=100)
    with pytest.raises(yamlsafe.YamlError, match="limit"):
        yamlsafe.load("a: " + "x" * 2000, limits=small)
    with pytest.raises(yamlsafe.YamlError, match="more than 50 values"):
        yamlsafe.load("[" + ",".join("1" * 60) + "]", limits=small)
    with pytest.raises(yamlsafe.YamlError, match="longer than 100"):
        yamlsafe.load("a: " + "x" * 200, limits=small)


def test_ordinary_yaml_still_loads():
    value = yamlsafe.load('title: "AT&T and *stars* & more"\ndate: 2020-11-09\ntags: [a, b]\nn: 3\nk: "\\U0001F600"\n')
    assert value["title"] == "AT&T and *stars* & more" and str(value["date"]) == "2020-11-09"
    assert value["tags"] == ["a", "b"] and value["n"] == 3 and value["k"] == "😀"


ARTICLE = "Vladimir Putin congratulated Joe Biden, the Kremlin in Moscow said.\n"


def _project(tmp_path):
    root = tmp_path / "project"
    (root / "seeds" / "notes").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - dossier:\n      input: seeds\n", encoding="utf-8")
    for name in ("a", "b"):
        (root / "seeds" / f"{name}.txt").write_text(f"Article {name}.\n\n{ARTICLE}", encoding="utf-8")
    return root


def _place(root, where: str, text: str) -> str:
    """Put hostile YAML into one kind of input; returns the path the problem must name."""
    seeds = root / "seeds"
    if where == "front matter":
        (seeds / "h.md").write_text(f"---\n{text}---\n{ARTICLE}", encoding="utf-8")
        return "seeds/h.md"
    if where == "sidecar":
        (seeds / "a.txt.meta.yml").write_text(text, encoding="utf-8")
        return "seeds/a.txt.meta.yml"
    if where == "note":
        (seeds / "notes" / "n.md").write_text(f"---\n{text}---\nA note.\n", encoding="utf-8")
        return "seeds/notes/n.md"
    if where == "decisions":
        (seeds / "notes" / "decisions.yml").write_text(text, encoding="utf-8")
        return "seeds/notes/decisions.yml"
    if where == "entities":
        (seeds / "entities.yml").write_text(text, encoding="utf-8")
        return "entities.yml"
    if where == "registry":
        (root / "dossier-ids.yml").write_text(text, encoding="utf-8")
        return "dossier-ids.yml"
    raise AssertionError(where)


WHERE = ["front matter", "sidecar", "note", "decisions", "entities", "registry"]


@pytest.mark.parametrize("form", ["flow alias bomb", "json-style anchor", "merge key", "lone surrogate",
                                  "deep nesting", "python tag"])
@pytest.mark.parametrize("where", WHERE)
def test_every_yaml_input_refuses_hostile_yaml_and_the_rest_builds(tmp_path, where, form):
    root = _project(tmp_path)
    path = _place(root, where, HOSTILE[form])
    cfg = config.load(root)
    result = build.build(cfg)
    problems = [p for p in result.problems if p.path.endswith(path)]
    assert problems, (path, [str(p) for p in result.problems])
    assert all(p.severity == "error" for p in problems)
    assert any(p.line for p in problems) or form == "deep nesting" and where == "registry"
    built = {a.input for a in result.dossier.articles}
    assert {"seeds/a.txt", "seeds/b.txt"} <= built  # the rest of the dossier is there
    assert (cfg.docs_dir / "dossier.json").is_file()


@pytest.mark.parametrize("where", ["note", "decisions", "entities"])
def test_oversized_files_are_reported_not_read(tmp_path, where):
    root = _project(tmp_path)
    filler = "# " + "x" * 200 + "\n"
    text = "title: t\n" + filler * (50_000 if where != "note" else 6_000)
    path = _place(root, where, text)
    result = build.build(config.load(root))
    assert any(p.path.endswith(path) and "limit" in p.message for p in result.problems), \
        [str(p) for p in result.problems]
