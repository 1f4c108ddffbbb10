"""Attack (after #13): the process-level nuisances that still end in the wrong way.

1. Ctrl-C while `dossier build` reads its configuration or imports the pipeline (the first
   second of a run on the attack machine) ends with click's "Aborted!" and exit code 1; the
   documented code for an interrupted build is 130 (docs/security.md, `dossier --help`).
2. A damaged cache shard still stops every build: `StageCache` catches the usual unpickling
   errors but not OverflowError (a length field of 2**64-1, 12 bytes) or MemoryError, so the
   build crashes until the cache is deleted (#13: "a damaged entry is a miss").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier import build, cli, config

ARTICLE = "Vladimir Putin congratulated Joe Biden, the Kremlin in Moscow said.\n"


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - dossier:\n      input: seeds\n", encoding="utf-8")
    for name in ("a", "b"):
        (root / "seeds" / f"{name}.txt").write_text(f"Article {name}.\n\n{ARTICLE}", encoding="utf-8")
    return root


def test_ctrl_c_while_reading_the_configuration_exits_130(tmp_path, monkeypatch):
    root = _project(tmp_path)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_load_config", interrupted)
    result = CliRunner().invoke(cli.main, ["build", "-q", "-p", str(root)])
    assert result.exit_code == cli.EXIT_INTERRUPTED, (result.exit_code, result.output)


def test_a_damaged_cache_shard_is_a_miss(tmp_path):
    root = _project(tmp_path)
    cfg = config.load(root)
    build.build(cfg)
    shards = sorted(cfg.cache_dir.rglob("*.pickle"))
    assert shards
    for shard in shards:
        shard.write_bytes(b"\x80\x04\x95" + b"\xff" * 8 + b"}.")  # a frame of 2**64-1 bytes
    result = build.build(config.load(root))  # must not raise
    assert {"seeds/a.txt", "seeds/b.txt"} <= {a.input for a in result.dossier.articles}
