"""The recognizer backends, by the name the `recognizer` option gives them.

A backend is one module (or package) in this folder that calls `register` when imported; the
registry imports every module here the first time it is asked, so adding a backend means adding
that module and nothing else. The build asks the registry for the configured backend, checks it
before any work, stores its results under its own cache stage and version, and runs its
recognizer on every article. Every backend returns `Mention`s read from `zones(article)`,
non-overlapping, each with an `Evidence` kind for its type (see `dossier.model.Evidence`).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ..config import Config
    from ..model import Article, Mention


def _nothing_to_check(config: Config) -> None:
    return None


def _no_version(config: Config) -> str:
    return ""


@dataclass(frozen=True)
class Backend:
    """One way to find the names in an article."""

    name: str  # the value of the `recognizer` option
    # The function that recognizes one article with these settings. It must pickle (a module-level
    # function, or a functools.partial of one) when `parallel`: articles then go to worker processes.
    recognizer: Callable[[Config], Callable[[Article], list[Mention]]]
    stage: str  # the cache folder of its results: never shared with another backend's
    code: tuple[str, ...]  # the modules whose code (with what they import) voids stored results (cache.stage_code)
    version: Callable[[Config], str] = _no_version  # anything else they depend on: a model's version
    check: Callable[[Config], None] = _nothing_to_check  # raises ValueError saying what to install
    parallel: bool = True  # False: one process (a loaded model costs more than the processes save)


BACKENDS: dict[str, Backend] = {}
_discovered = False


def register(backend: Backend) -> Backend:
    """Make a backend available under its name. Registering a name twice is a mistake."""
    if backend.name in BACKENDS:
        raise ValueError(f"a recognizer named {backend.name!r} is already registered")
    BACKENDS[backend.name] = backend
    return backend


def _discover() -> None:
    """Import every module of this folder once: each backend registers itself."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    folder = os.path.dirname(__file__)  # this folder: the recognize package
    for info in sorted(pkgutil.iter_modules([folder]), key=lambda i: i.name):
        importlib.import_module(f"{__package__}.{info.name}")


def names() -> tuple[str, ...]:
    """The registered backends' names, in the order they registered ("builtin" first)."""
    _discover()
    return tuple(BACKENDS)


def backend(name: str) -> Backend:
    """The backend called `name`; ValueError naming the known ones if there is none."""
    _discover()
    found = BACKENDS.get(name)
    if found is None:
        raise ValueError(f"recognizer: must be one of {', '.join(BACKENDS)}, not {name!r}")
    return found
