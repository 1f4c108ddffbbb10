"""Attack (after #13): small inputs that cost time or memory out of proportion to their size.

Each test builds the same shape at size n and 4n and compares the time of the stage that does
the work (or the peak memory): linear work grows about 4 times, the shapes below 10 to 30
times. Measured on the attack machine (2 cores, whole `build.generate`):

- descriptors (`compare.descriptors.descriptors_of` and `_premodifier`): "Putin's " written 4,000
  times (32 KB) takes 98 s; one 80 KB sentence that names Putin 4,000 times 56 s; "Putin spoke."
  16,000 times (208 KB) 10 s (`_sentence_of` scans every sentence for every mention);
- dates (`compare.dates.extract`): every date checked against every earlier one in its paragraph;
- near spellings (`site.search_terms.near_spellings`): every variant of every word, each a full
  copy of the word: one 16,000-letter name in two articles takes 1.35 GB and 5.5 s; an 8,000-part
  hyphenated name 6 s;
- entity companions (`site.entity_page.companions_of`): n names shared by the same two articles
  count n × n pairs (two 60 KB articles: 24 s);
- note anchoring (`notes.anchoring`): a note quoting "e" with a 10,000-character prefix compares
  that prefix with the text before each of 2,000 occurrences (13 s for one note, quadratic in
  the prefix); a 40,000-character quote with one edit takes 7 s (20,000: 1 s);
- files read whole before their size limit is checked: `entities.yml` linked to /dev/zero (a
  link can be committed) reads until memory runs out; a sparse 3 GB `stories.yml`,
  `notes/decisions.yml` or `dossier-ids.yml` is read into memory (MemoryError traceback under a
  memory limit), though the limits are 4 MiB, 8 MiB and 256 MiB.
"""

from __future__ import annotations

import io
import contextlib
import os
import random
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from dossier import build, config

pytestmark = pytest.mark.slow

B = "Vladimir Putin congratulated Joe Biden, the Kremlin in Moscow said.\n"


def _name(i: int) -> str:
    s, i = "", i + 1
    while i:
        s += "bcdfghklmnprstvz"[i % 16]
        i //= 16
    return s.capitalize() + "ov"


def _stage_seconds(tmp_path: Path, files: dict[str, str], stage: str) -> float:
    root = tmp_path / f"p{len(list(tmp_path.iterdir()))}"
    (root / "seeds" / "notes").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - dossier:\n      input: seeds\n", encoding="utf-8")
    for name in ("a", "b"):
        (root / "seeds" / f"{name}.txt").write_text(f"Article {name}.\n\n{B}", encoding="utf-8")
    for rel, text in files.items():
        (root / rel).write_text(text, encoding="utf-8")
    with contextlib.redirect_stderr(io.StringIO()):
        dossier = build.generate(config.load(root))
    return dossier.timings[stage]


def _growth(tmp_path: Path, shape, n: int, stage: str) -> tuple[float, float]:
    """(seconds at n, seconds at 4n) of one stage; the small size is timed twice, the best kept."""
    _stage_seconds(tmp_path, shape(max(1, n // 10)), stage)  # warm up: imports, code versions
    small = min(_stage_seconds(tmp_path, shape(n), stage) for _ in range(2))
    large = _stage_seconds(tmp_path, shape(4 * n), stage)
    return small, large


def _assert_linear(small: float, large: float) -> None:
    assert large < 6 * small + 0.1, f"4 times the input took {large / max(small, 1e-9):.1f} times as long ({small:.2f} s, {large:.2f} s)"


# The shapes of this attack that made time grow faster than the input (descriptors, dates,
# near spellings, companions, note anchoring) are timed in benchmarks/shapes.py, which reports
# their exponents: tests here assert behaviour, not time (shared, noisy machines).


def test_near_spellings_of_a_long_name_take_little_memory():
    from dossier.site.search_terms import near_spellings

    tracemalloc.start()
    try:
        near_spellings(["Navalny" + "a" * 6000])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40_000_000, f"{peak / 1e6:.0f} MB for one 6,000-letter name"


# --- files read whole before their limit is checked ------------------------------------------------


def _build_under_memory_limit(root: Path, limit: int = 1_500_000_000) -> subprocess.CompletedProcess:
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (%d, %d));"
            "from dossier.cli import main; sys.argv = ['prog', 'build', '-q', '-p', %r]; main()") % (limit, limit, str(root))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def _small_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "seeds" / "notes").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - dossier:\n      input: seeds\n", encoding="utf-8")
    for name in ("a", "b"):
        (root / "seeds" / f"{name}.txt").write_text(f"Article {name}.\n\n{B}", encoding="utf-8")
    return root


def test_entities_yml_linked_to_a_device_is_reported_not_read(tmp_path):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    root = _small_project(tmp_path)
    (root / "seeds" / "entities.yml").symlink_to("/dev/zero")
    done = _build_under_memory_limit(root)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-1500:]
    assert "entities.yml" in done.stderr


@pytest.mark.parametrize("rel", ["seeds/stories.yml", "seeds/notes/decisions.yml", "dossier-ids.yml"])
def test_a_huge_sparse_yaml_file_is_refused_by_its_size(tmp_path, rel):
    root = _small_project(tmp_path)
    with open(root / rel, "wb") as handle:
        handle.truncate(3 << 30)  # 3 GB, no disk space used
    done = _build_under_memory_limit(root)
    assert "Traceback" not in done.stderr, done.stderr[-1500:]
    assert Path(rel).name in done.stderr  # reported
