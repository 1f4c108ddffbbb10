"""Build settings. One source of truth: the `dossier` plugin's options in mkdocs.yml.

The standalone `dossier build` reads the same options, so a dossier rendered by another tool
(Zensical reads mkdocs.yml but runs no MkDocs plugins) is generated exactly as MkDocs would.

The options are checked here, once, for both routes (`dossier build` and the MkDocs plugin):
an unknown or misspelled option, a value of the wrong kind or a malformed mkdocs.yml is a
`ConfigError`, one sentence with the file and line, naming the nearest valid option or value.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

import yaml

from . import recognize

LINK_MODES = ("first", "all")
RECOGNIZERS = recognize.names()  # the registered recognizer backends (dossier/recognize/)
PLUGIN = "dossier"  # the plugin's name in mkdocs.yml
MKDOCS_YML = "mkdocs.yml"


class ConfigError(ValueError):
    """A setting that cannot be used: one message, with the file and line when known."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None, option: str | None = None):
        super().__init__(message)
        self.message, self.file, self.line, self.option = message, file, line, option

    def __str__(self) -> str:
        if self.file and self.line:
            return f"{self.file}, line {self.line}: {self.message}"
        if self.file:
            return f"{self.file}: {self.message}"
        return self.message

    def at(self, file: str | None, line: int | None) -> "ConfigError":
        return ConfigError(self.message, file, line, self.option)


def nearest(word: str, choices, cutoff: float = 0.6) -> str | None:
    """The valid name closest to a misspelled one, if any is close."""
    found = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=cutoff)
    if not found:  # case and separators aside: `Min-Articles` for `min_articles`
        folded = {str(c).casefold().replace("-", "_"): c for c in choices}
        found = [folded[k] for k in difflib.get_close_matches(str(word).casefold().replace("-", "_"), folded, n=1,
                                                               cutoff=cutoff)]
    return found[0] if found else None


def _did_you_mean(word, choices) -> str:
    close = nearest(word, choices)
    return f"; did you mean {close!r}?" if close else ""


# --- the plugin's options ------------------------------------------------------------------------


def _text(name: str, what: str):
    def check(value):
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{name} must be {what}, not {value!r}", option=name)
        return value
    return check


def _whole_number(name: str):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"{name} must be a whole number of at least 1, not {value!r}", option=name)
        return value
    return check


def _switch(name: str):
    def check(value):
        if not isinstance(value, bool):
            raise ConfigError(f"{name} must be true or false, not {value!r}", option=name)
        return value
    return check


def _one_of(name: str, known):
    def check(value):
        choices = tuple(known()) if callable(known) else known  # backends may register later (tests)
        if value not in choices:
            raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {value!r}{_did_you_mean(value, choices)}",
                              option=name)
        return value
    return check


# name -> (default, check). Their order is the order mkdocs.yml's comments and docs list them in.
OPTIONS: dict[str, tuple[Any, Any]] = {
    "input": ("seeds", _text("input", "the folder of articles (a path)")),
    "min_articles": (2, _whole_number("min_articles")),
    "link": ("first", _one_of("link", LINK_MODES)),
    "strict": (False, _switch("strict")),
    "jobs": (1, _whole_number("jobs")),
    "cache": (True, _switch("cache")),
    "recognizer": ("builtin", _one_of("recognizer", recognize.names)),
    "spacy_model": ("en_core_web_sm", _text("spacy_model", "a spaCy package name or model folder")),
}
MKDOCS_GENERIC = ("enabled",)  # MkDocs' own switch, accepted for any plugin


@dataclass(frozen=True)
class OptionsSource:
    """Where the plugin's options were written: for messages that name the file and line."""

    file: str | None = None
    line: int | None = None  # the `- dossier:` entry
    lines: Mapping[str, int] = field(default_factory=dict)  # option -> its line

    def place(self, err: ConfigError) -> ConfigError:
        line = self.lines.get(err.option, self.line) if err.option else self.line
        return err.at(self.file, line)


def check_options(options: Mapping[str, Any], source: OptionsSource = OptionsSource()) -> dict[str, Any]:
    """The plugin's options, checked and with defaults. Raises `ConfigError` for the first
    problem in the file's order: an unknown name (with the nearest known one) or a bad value."""
    if not isinstance(options, Mapping):
        raise source.place(ConfigError(f"the {PLUGIN} plugin's options must be `name: value` lines indented under "
                                       f"`- {PLUGIN}:`, not {options!r}"))
    known = list(OPTIONS)
    result = {name: default for name, (default, _) in OPTIONS.items()}
    for name in sorted(options, key=lambda n: (source.lines.get(n, 0), str(n))):
        value = options[name]
        if name in MKDOCS_GENERIC:
            continue
        if name not in OPTIONS:
            raise source.place(ConfigError(f"unknown option {name!r} of the {PLUGIN} plugin{_did_you_mean(name, known)} "
                                           f"(its options: {', '.join(known)})", option=name))
        if value is None:  # `name:` with nothing after it: the default
            continue
        try:
            result[name] = OPTIONS[name][1](value)
        except ConfigError as err:
            raise source.place(err) from None
    return result


# --- mkdocs.yml ----------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV` gives the environment variable's value; other tags
    (`!!python/name:` in Material's emoji setup) become plain values instead of running anything."""


def _inert(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


def _env(loader, node):
    from yaml_env_tag import construct_env_tag  # MkDocs' own (pyyaml_env_tag, installed with it)

    return construct_env_tag(loader, node)


_Loader.add_multi_constructor("", _inert)
_Loader.add_constructor("!ENV", _env)


@dataclass(frozen=True)
class MkDocsYml:
    """What dossier reads of mkdocs.yml."""

    data: dict
    options: dict  # the dossier plugin's options as written ({} when it has none)
    source: OptionsSource
    has_plugin: bool  # whether the dossier plugin is listed


def shown(path: Path) -> str:
    """A path as messages on the terminal show it: relative to the working directory when
    inside it (the working directory itself by its full path)."""
    try:
        full = Path(path).resolve()
        if full.is_relative_to(Path.cwd().resolve()) and full != Path.cwd().resolve():
            return Path(os.path.relpath(full)).as_posix()
        return full.as_posix()
    except (OSError, ValueError):
        return Path(path).as_posix()


def _line(node) -> int:
    return node.start_mark.line + 1


def read_mkdocs_yml(path: Path) -> MkDocsYml:
    """mkdocs.yml's settings and the dossier plugin's options with their lines. Raises
    `ConfigError` (file and line) for malformed YAML, a misspelled plugin name or options that
    are not a mapping; `check_options` checks the options themselves."""
    name = shown(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("is not UTF-8 text", name) from None
    except OSError as err:
        raise ConfigError(f"cannot be read: {err.strerror or err}", name) from None
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        at = err.problem_mark.line + 1 if err.problem_mark else None
        began = err.context_mark.line + 1 if err.context_mark else None
        if at is None or at > len(text.splitlines()):  # at the end of the file: where the unclosed part began
            at = began or len(text.splitlines())
        context = f" ({err.context} on line {began})" if err.context and began and began != at else ""
        raise ConfigError(f"malformed YAML: {err.problem or err}{context}", name, at) from None
    except yaml.YAMLError as err:
        raise ConfigError(f"malformed YAML: {err}", name) from None
    except RecursionError:
        raise ConfigError("malformed YAML: nested too deeply", name) from None
    if data is None:
        return MkDocsYml({}, {}, OptionsSource(name), False)
    if not isinstance(data, dict):
        raise ConfigError(f"must be a mapping of settings (`site_name: …` lines), not a {type(data).__name__}", name, 1)
    for key, kind in (("docs_dir", str), ("site_url", str), ("site_name", str)):
        if data.get(key) is not None and not isinstance(data[key], kind):
            node = next((v for k, v in root.value if k.value == key), root)
            raise ConfigError(f"{key} must be text, not {data[key]!r}", name, _line(node))
    plugins = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "plugins"), None)
    if plugins is None or data.get("plugins") is None:
        return MkDocsYml(data, {}, OptionsSource(name), False)
    # MkDocs takes a list of names or one-key mappings, or one mapping of names to options.
    if isinstance(plugins, yaml.SequenceNode):
        entries = []
        for item in plugins.value:
            if isinstance(item, yaml.ScalarNode):
                entries.append((item.value, item, None))
            elif isinstance(item, yaml.MappingNode):
                names = [k.value for k, _ in item.value]
                if PLUGIN in names and len(names) > 1:
                    raise ConfigError(f"a plugin entry names {len(names)} plugins ({', '.join(map(str, names))}): "
                                      f"indent the {PLUGIN} plugin's options under `- {PLUGIN}:`", name, _line(item))
                entries.extend((k.value, k, v) for k, v in item.value)
    elif isinstance(plugins, yaml.MappingNode):
        entries = [(k.value, k, v) for k, v in plugins.value]
    else:
        raise ConfigError("plugins must be a list of plugin names (`- search`, `- dossier:`)", name, _line(plugins))
    for plugin_name, key_node, options_node in entries:
        if plugin_name != PLUGIN:
            continue
        options = yaml_value(options_node)
        lines = {k.value: _line(k) for k, _ in options_node.value} if isinstance(options_node, yaml.MappingNode) else {}
        source = OptionsSource(name, _line(key_node), lines)
        if options is not None and not isinstance(options, dict):
            raise source.place(ConfigError(f"the {PLUGIN} plugin's options must be `name: value` lines indented "
                                           f"under `- {PLUGIN}:`, not {options!r}"))
        return MkDocsYml(data, dict(options or {}), source, True)
    for plugin_name, key_node, _ in entries:
        if nearest(plugin_name, [PLUGIN], cutoff=0.7) and plugin_name != PLUGIN:
            raise ConfigError(f"no plugin is named {plugin_name!r}; did you mean {PLUGIN!r}?", name, _line(key_node))
    return MkDocsYml(data, {}, OptionsSource(name), False)


def yaml_value(node):
    if node is None:
        return None
    loader = _Loader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


# --- settings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    project_root: Path
    input_dir: Path
    docs_dir: Path
    min_articles: int = 2  # an entity in at least this many articles is shared: page + links
    link_mode: str = "first"  # "first": first mention per article is linked; "all": every mention
    strict: bool = False  # any problem fails the build
    jobs: int = 1  # processes for per-article stages
    cache: bool = True  # reuse per-article results whose input did not change
    site_url: str | None = None
    use_directory_urls: bool = True  # mkdocs.yml's: pages at articles/x/ (True) or articles/x.html
    recognizer: str = "builtin"  # or "spacy", when spaCy and a model are installed
    spacy_model: str = "en_core_web_sm"  # an installed spaCy package name or a model folder

    @property
    def cache_dir(self) -> Path:
        return self.project_root / ".dossier-cache"

    @property
    def curation_file(self) -> Path:
        return self.input_dir / "entities.yml"

    @property
    def id_registry(self) -> Path:
        # Beside mkdocs.yml, not in the input folder: `mkdocs serve` watches that folder, and
        # a write there would trigger a second rebuild.
        return self.project_root / "dossier-ids.yml"

    @property
    def display_root(self) -> Path:
        """What every published path (an article's input, a note's file, a problem's file) is
        relative to: the project when the input folder is inside it (`seeds/nyt.md`), else the
        folder that holds the input folder, so the path starts with the input folder's name
        (`story/nyt.md` for `--input /elsewhere/story`). Never the analyst's absolute path."""
        if self.input_dir.is_relative_to(self.project_root):
            return self.project_root
        return self.input_dir.parent

    @property
    def notes_dir(self) -> Path:
        return self.input_dir / "notes"

    def validate(self) -> None:
        """Raise `ConfigError` (its `option` says which setting) when the build cannot run."""
        _one_of("link", LINK_MODES)(self.link_mode)
        _whole_number("min_articles")(self.min_articles)
        _whole_number("jobs")(self.jobs)
        if self.input_dir.is_file():
            raise ConfigError(f"the input path {shown(self.input_dir)} is a file, not a folder: `input` (or --input) "
                              f"names the folder of articles, such as {shown(self.input_dir.parent)}", option="input")
        if not self.input_dir.is_dir():
            raise ConfigError(f"input folder {shown(self.input_dir)} does not exist", option="input")
        try:
            recognize.backend(self.recognizer).check(self)  # an unknown name or a missing model
        except ConfigError:
            raise
        except ValueError as err:
            raise ConfigError(str(err), option="spacy_model" if self.recognizer == "spacy" else "recognizer") from None


def from_options(project_root: Path, options: Mapping[str, Any], docs_dir: str = "docs", site_url: str | None = None,
                 source: OptionsSource = OptionsSource()) -> Config:
    """Settings from the plugin's options (checked: `ConfigError` names the file and line)."""
    checked = check_options(options, source)
    root = project_root.resolve()
    return Config(
        project_root=root,
        input_dir=(root / checked["input"]).resolve(),
        docs_dir=(root / docs_dir).resolve(),
        min_articles=checked["min_articles"],
        link_mode=checked["link"],
        strict=checked["strict"],
        jobs=checked["jobs"],
        cache=checked["cache"],
        site_url=site_url,
        recognizer=checked["recognizer"],
        spacy_model=checked["spacy_model"],
    )


# Command-line settings by the plugin option they override (their errors name no mkdocs.yml line).
_OPTION_OF = {"input_dir": "input", "min_articles": "min_articles", "link_mode": "link", "strict": "strict",
              "jobs": "jobs", "cache": "cache", "recognizer": "recognizer"}


def load(project_root: Path, mkdocs_yml: Path | None = None, validate: bool = False, **overrides) -> Config:
    """Settings for a project: mkdocs.yml's plugin options, then explicit overrides. With
    `validate`, also check that the build can run (input folder, recognizer): a `ConfigError`
    about a setting from mkdocs.yml names its line there."""
    mkdocs_yml = mkdocs_yml or project_root / MKDOCS_YML
    read = read_mkdocs_yml(mkdocs_yml) if mkdocs_yml.is_file() else MkDocsYml({}, {}, OptionsSource(), False)
    config = from_options(project_root, read.options, read.data.get("docs_dir") or "docs", read.data.get("site_url"),
                          read.source)
    config = replace(config, use_directory_urls=read.data.get("use_directory_urls", True) is not False)
    root = config.project_root
    given = set()
    for key, value in overrides.items():
        if value is None:
            continue
        given.add(_OPTION_OF.get(key, key))
        if key in ("input_dir", "docs_dir"):
            value = (root / value).resolve()
        config = replace(config, **{key: value})
    if validate:
        try:
            config.validate()
        except ConfigError as err:
            if err.option and err.option not in given and err.option in read.options:
                raise read.source.place(err) from None
            raise
    return config


def plugin_options(mkdocs_yml: Path) -> dict:
    """The `dossier` plugin's options as written in mkdocs.yml, or {} when it is not configured."""
    if not mkdocs_yml.is_file():
        return {}
    return read_mkdocs_yml(mkdocs_yml).options
