"""Hashes of everything `dossier build` writes for a folder of articles: the check that a change
keeps the output the same (issue #14's refactoring is made of such changes).

    python scripts/output_hashes.py seeds                  # the seed dossier
    python scripts/output_hashes.py /tmp/corpus-1k --files  # one line per file too

The folder is copied into a fresh project (mkdocs.yml of this repository, no id registry, no
cache), built once without a cache and once more with the cache it made; both builds must give
the same files. Prints one total hash, and with --files the hash of every output file.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_hashes(input_dir: Path, cache: bool) -> dict[str, str]:
    from dossier import build, config

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(input_dir, project / "seeds", symlinks=True)
        cfg = config.load(project, cache=cache)
        build.build(cfg)
        if cache:  # the second build reads the cache the first one wrote
            build.build(cfg)
        docs = project / "docs"
        return {p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(docs.rglob("*")) if p.is_file() and not p.name.startswith(".dossier")}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    input_dir = Path(args[0] if args else ROOT / "seeds").resolve()
    cold = build_hashes(input_dir, cache=False)
    warm = build_hashes(input_dir, cache=True)
    if cold != warm:
        differ = sorted(k for k in cold.keys() | warm.keys() if cold.get(k) != warm.get(k))
        print(f"cached build differs from a clean one in {len(differ)} files: {differ[:10]}")
    total = hashlib.sha256("".join(f"{k} {v}\n" for k, v in sorted(cold.items())).encode()).hexdigest()
    if "--files" in sys.argv:
        for k, v in sorted(cold.items()):
            print(v[:16], k)
    print(f"{len(cold)} files, total {total}")


if __name__ == "__main__":
    main()
