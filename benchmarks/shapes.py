"""Time against input size for hostile input shapes (issue #13 finding 9): every shape must take
time linear in its size.

For each shape a small dossier (the four seed articles plus one input of that shape) is built
in memory (`dossier.build.generate`, no cache) at sizes n, 2n and 4n; the table gives the
median CPU seconds of several runs and the exponent log2((t(4n) - t(2n)) / (t(2n) - t(n))), in
which the fixed cost of the build cancels out: 1.0 is linear, 2.0 quadratic.

    python benchmarks/shapes.py                 # all shapes, writes benchmarks/results/shapes.md
    python benchmarks/shapes.py --only paragraphs --runs 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import summary  # noqa: E402

SENTENCE = "Officials in Brussels said the talks would resume on Monday."


def _paragraphs(n: int) -> dict[str, str]:
    # 100,000 short paragraphs is about 300 KB: a transcript, a list, a log pasted as an article.
    return {"shape.txt": "\n\n".join(f"Item {i}." for i in range(n)) + "\n"}


def _linked_paragraphs(n: int) -> dict[str, str]:
    # Many paragraphs that each name shared entities: links and highlights in every paragraph.
    return {"shape.txt": "\n\n".join(f"Vladimir Putin met Joe Biden, number {i}." for i in range(n)) + "\n"}


def _hyphenated_name(n: int) -> dict[str, str]:
    name = "-".join(f"Part{i}" for i in range(n))
    return {"shape.txt": f"The company {name} said on Monday that it would grow. {SENTENCE}\n"}


def _capitalized_run(n: int) -> dict[str, str]:
    # One sentence of capitalized words: a name candidate as long as the paragraph.
    return {"shape.txt": " ".join(f"Word{i}" for i in range(n)) + " said so.\n"}


def _html_paragraphs(n: int) -> dict[str, str]:
    body = "".join(f"<p>Paragraph {i} of a long page.</p>" for i in range(n))
    return {"shape.html": f"<!doctype html><html><head><title>Long</title></head><body><article>{body}</article></body></html>"}


def _note_quote(n: int) -> dict[str, str]:
    # A note quoting n characters that are almost, but not exactly, in the article: fuzzy anchoring.
    words = [f"w{i}" for i in range(n // 4)]
    text = " ".join(words)
    quote = " ".join(w if i % 50 else w + "x" for i, w in enumerate(words))
    note = (f"---\narticle: seeds/shape.txt\nauthor: A\nselector:\n  exact: \"{quote}\"\n---\nA note.\n")
    return {"shape.txt": text + "\n", "notes/long.md": note}


def _many_notes(n: int) -> dict[str, str]:
    files = {"shape.txt": "\n\n".join(f"Paragraph {i} says something new." for i in range(n)) + "\n"}
    for i in range(n):
        files[f"notes/n{i}.md"] = (f"---\narticle: seeds/shape.txt\nauthor: A\nselector: {{exact: \"Paragraph {i} says\"}}\n"
                                   f"---\nNote {i}.\n")
    return files


def _curation(n: int) -> dict[str, str]:
    lines = [f"Name{i} Person{i}:\n  type: person\n  aliases: [N{i}]\n" for i in range(n)]
    return {"entities.yml": "".join(lines)}


def _long_line(n: int) -> dict[str, str]:
    return {"shape.txt": ("word " * n).strip() + "\n"}


_LEAD = "Vladimir Putin congratulated Joe Biden, the Kremlin in Moscow said.\n\n"


def _possessive_run(n: int) -> dict[str, str]:
    return {"shape.txt": _LEAD + "Putin's " * n + "\n"}


def _one_sentence_naming(n: int) -> dict[str, str]:
    return {"shape.txt": _LEAD + " ".join("Putin met Biden and" for _ in range(n)) + " left.\n"}


def _sentences_naming(n: int) -> dict[str, str]:
    return {"shape.txt": _LEAD + " ".join("Putin spoke." for _ in range(n)) + "\n"}


def _dates_in_a_paragraph(n: int) -> dict[str, str]:
    return {"shape.md": "---\ndate: 2020-11-09\n---\n" + _LEAD + " ".join("on Monday November 3" for _ in range(n)) + "\n"}


def _names_in_two_articles(n: int) -> dict[str, str]:
    names = " ".join(f"Minister Kar{i:x}ov said so." for i in range(n))
    return {"shape.txt": names + "\n", "shape2.txt": names + "\n"}


def _long_prefix_note(n: int) -> dict[str, str]:
    note = f"---\narticle: seeds/shape.txt\nauthor: A\nselector:\n  exact: e\n  prefix: \"{'z' * n}\"\n---\nA note.\n"
    return {"shape.txt": " ".join("alpha beta gamma delta omega the" for _ in range(2000)) + "\n", "notes/prefix.md": note}


SHAPES = {
    "paragraphs": (_paragraphs, 25_000),
    "linked paragraphs": (_linked_paragraphs, 5_000),
    "hyphenated name": (_hyphenated_name, 25_000),
    "capitalized run": (_capitalized_run, 25_000),
    "html paragraphs": (_html_paragraphs, 25_000),
    "note quote": (_note_quote, 160_000),  # smaller, the fixed cost of anchoring hides the growth
    "many notes": (_many_notes, 1_000),
    "curation entries": (_curation, 2_500),  # 4n stays under the loader's 100,000 values
    "long line": (_long_line, 200_000),
    "possessive run": (_possessive_run, 2_000),
    "one sentence naming a name": (_one_sentence_naming, 2_000),
    "sentences naming a name": (_sentences_naming, 8_000),
    "dates in one paragraph": (_dates_in_a_paragraph, 8_000),
    "names in the same two articles": (_names_in_two_articles, 2_000),
    "note with a long prefix": (_long_prefix_note, 20_000),
}


def _project(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", folder / "seeds", ignore=shutil.ignore_patterns("notes"))
    for rel, content in files.items():
        path = folder / "seeds" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return folder


def _time(files: dict[str, str], runs: int) -> float:
    from dossier import build, config

    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = _project(Path(tmp) / "p", files)
            cfg = config.load(root, cache=False)
            started = time.process_time()
            build.generate(cfg)
            times.append(time.process_time() - started)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="shape name (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "shapes.md"))
    args = parser.parse_args(argv)
    base = _time({}, args.runs)
    rows = []
    for name, (make, n) in SHAPES.items():
        if args.only and name not in args.only:
            continue
        n = max(1, int(n * args.scale))
        sizes = [n, 2 * n, 4 * n]
        times = [_time(make(size), args.runs) for size in sizes]
        # The growth from 2n to 4n against the growth from n to 2n: the fixed cost of the
        # build cancels out; 2 (exponent 1) is linear, 4 (exponent 2) quadratic.
        first, second = max(times[1] - times[0], 1e-3), max(times[2] - times[1], 1e-3)
        exponent = math.log2(second / first)
        rows.append((name, sizes, times, exponent))
        print(f"{name:20s} n={sizes} seconds={[round(t, 3) for t in times]} exponent={exponent:.2f}", flush=True)
    if args.only:
        return 0
    lines = [
        "# Time against input size, for hostile input shapes",
        "",
        f"Produced by `python benchmarks/shapes.py` on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC.",
        f"Machine: {summary()}. CPU time of `dossier.build.generate` (no cache, the seed dossier plus the shape),",
        f"median of {args.runs} runs (the seed dossier alone: {base:.3f} s). Exponent: log2((t(4n) - t(2n)) / (t(2n) - t(n))),",
        "which cancels the fixed cost: 1 is linear, 2 quadratic.",
        "",
        "| Shape | n | t(n) s | t(2n) s | t(4n) s | exponent |",
        "|---|---|---|---|---|---|",
    ]
    for name, sizes, times, exponent in rows:
        lines.append(f"| {name} | {sizes[0]:,} | {times[0]:.3f} | {times[1]:.3f} | {times[2]:.3f} | {exponent:.2f} |")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
