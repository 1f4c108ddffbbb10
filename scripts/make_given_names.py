"""Write the recognizer's name data from two published lists:

* dossier/recognize/data/given_names_census.tsv — the given names of the 1990 US Census (the
  Census Bureau's "Frequently Occurring Names" files dist.male.first and dist.female.first, a
  work of the US government in the public domain), as shipped by the `names` package (MIT), with
  how often each is a man's and a woman's name and how often the same word is a surname
  (dist.all.last). The recognizer takes a given name as evidence of a person and the two
  frequencies as its sex; the resolver reads them to keep "Mr. X" apart from "Melania X".
* dossier/recognize/data/hypocorisms.tsv — given names and their short forms ("richard" and
  "rick", "robert" and "bob") from the `nicknames` package (Carlton Northern and Nick Crews,
  "Hand-curated dataset of English names and nicknames", Apache License 2.0).

Run it after upgrading either package:

    pip install names nicknames && python scripts/make_given_names.py
"""

from __future__ import annotations

import csv
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "dossier" / "recognize" / "data"


def _census(name: str) -> dict[str, float]:
    out = {}
    for line in files("names").joinpath(name).read_text().splitlines():
        parts = line.split()
        if len(parts) == 4:
            out[parts[0].lower()] = float(parts[1])
    return out


def main() -> None:
    male, female, last = _census("dist.male.first"), _census("dist.female.first"), _census("dist.all.last")
    lines = [
        "# Given names of the 1990 US Census (public domain), from the `names` package "
        f"{version('names')} (MIT),",
        "# made by scripts/make_given_names.py. Columns: name, percent of men with it, percent of women",
        "# with it, percent of people with it as their surname.",
    ]
    for n in sorted(set(male) | set(female)):
        lines.append(f"{n}\t{male.get(n, 0.0):.3f}\t{female.get(n, 0.0):.3f}\t{last.get(n, 0.0):.3f}")
    (DATA / "given_names_census.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    pairs = set()
    with files("nicknames").joinpath("names.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            a, b = row["name1"].strip().lower(), row["name2"].strip().lower()
            if a and b and a != b and row["relationship"] == "has_nickname":
                pairs.add((a, b))
    lines = [
        f"# Given names and their short forms, from the `nicknames` package {version('nicknames')}",
        "# (Carlton Northern, Nick Crews; Apache License 2.0), made by scripts/make_given_names.py.",
        "# One `name<TAB>short form` per line.",
    ]
    lines += [f"{a}\t{b}" for a, b in sorted(pairs)]
    (DATA / "hypocorisms.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
