"""The README's test command runs every test (#18): tests call MkDocs and dossier through the
Python running them (`sys.executable -m mkdocs`), never through whatever is on PATH, so nothing
skips, or runs another installation, when the virtual environment's bin/ is not on PATH."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# A command list or string that starts with the bare tool name, or a lookup of it on PATH.
_ON_PATH = re.compile(r"""which\(\s*["'](?:mkdocs|dossier)["']|[\[(]\s*["'](?:mkdocs|dossier)["']\s*,""")


def test_no_test_looks_for_mkdocs_or_dossier_on_path():
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _ON_PATH.search(line):
                found.append(f"{path.relative_to(TESTS)}:{number}: {line.strip()}")
    assert found == [], "run [sys.executable, '-m', 'mkdocs', ...] instead:\n" + "\n".join(found)
