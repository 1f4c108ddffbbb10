"""Zensical (MkDocs' successor) renders the Markdown that `dossier build` writes.

Zensical reads mkdocs.yml but runs no MkDocs plugins, so the dossier is generated first with
the standalone command. Skipped where Zensical is not installed (`pip install zensical`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from test_site import copy_project
from dossier.site import dossier_json

ZENSICAL = os.environ.get("ZENSICAL") or shutil.which("zensical")


@pytest.mark.skipif(not ZENSICAL, reason="Zensical is not installed")
def test_zensical_renders_the_seed_dossier(tmp_path):
    root = copy_project(tmp_path)
    generated = subprocess.run([sys.executable, "-m", "dossier.cli", "build", "-q", "--project", str(root)],
                               cwd=root, capture_output=True, text=True, timeout=300)
    assert generated.returncode == 0, generated.stderr
    rendered = subprocess.run([ZENSICAL, "build", "-f", "mkdocs.yml"], cwd=root, capture_output=True, text=True, timeout=300)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    site = root / "site"
    index = dossier_json.load_folder(site)
    for article in index["articles"]:
        page = (site / article["url"] / "index.html").read_text(encoding="utf-8")
        assert "p-1" in page and "entities/" in page
    navalny = next(e for e in index["entities"] if "Alexei Navalny" in [e["name"], *e["aliases"]])
    assert "Alexei Navalny" in (site / navalny["url"] / "index.html").read_text(encoding="utf-8")
