"""Organisations news names by acronym or by several names, from a data file checked on load.

    catalogue = load_catalogue()
    entry = catalogue.find("Collective Security Treaty Organisation")   # or "CSTO", "csto"
    entry.entity_id                      # "organization:csto"
    entry.name, entry.names              # "Collective Security Treaty Organization", {..., "CSTO"}

The data (kg/resolution/data/organizations.json) lists intergovernmental organisations,
alliances, blocs and armed groups: id, name, acronyms, aliases, type. No PyPI package ships
such a list with acronyms and aliases (pycountry, country_converter and countryinfo cover
states only; countrygroups lists members of climate-policy groups, not names), so kg keeps
its own. Each name is written once: the British and American spellings of it are generated
(kg/resolution/keys.py `spelling_variants`). A record that breaks the schema, or a name or
acronym that two records claim, is an error naming the record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from kg.core.errors import KgError
from kg.core.keys import normalise, spelling_variants

DATA = "organizations.json"
TYPES = ("igo", "alliance", "bloc", "armed-group")
_FIELDS = {"id": str, "name": str, "acronyms": list, "aliases": list, "type": str}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ACRONYM = re.compile(r"[A-Za-z0-9]{2,10}")


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    type: str

    @property
    def entity_id(self) -> str:
        return f"organization:{self.id}"

    @property
    def names(self) -> frozenset[str]:
        """Every name it goes by: its name and aliases in both spellings, and its acronyms."""
        spelled = {v for n in (self.name, *self.aliases) for v in spelling_variants(n)}
        return frozenset(spelled | set(self.acronyms))


class Catalogue:
    """Organisations by the normalised key of any of their names.

    Two kinds of name are found without being listed:
    - an organ without its parent: a name that opens with another record's name or acronym
      ("United Nations Security Council", "UN Security Council") is also found by the rest,
      when that is two words or more and opens with a capital ("Security Council"); a rest
      two records would share is nobody's, and a listed name always wins;
    - a name with a designator before or after it (the data's "designators": "Wagner Group
      PMC", "the Hamas movement") is the record the name without it is.
    """

    def __init__(self, entries: list[Organisation], designators: Iterable[str] = ()) -> None:
        self.entries = entries
        self.designators = frozenset(normalise(d) for d in designators)
        self._by_key: dict[str, Organisation] = {}
        for entry in entries:
            for name in entry.names:
                self._by_key[normalise(name)] = entry
        organs: dict[str, set[str]] = {}
        parents = {normalise(n): e.id for e in entries for n in e.names}
        for entry in entries:
            for name in (entry.name, *entry.aliases):
                for rest in _organ_names(name, parents, entry.id):
                    organs.setdefault(normalise(rest), set()).add(entry.id)
        by_id = {e.id: e for e in entries}
        for key, owners in organs.items():
            if len(owners) == 1 and key not in self._by_key:
                self._by_key[key] = by_id[next(iter(owners))]

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, name: str) -> Organisation | None:
        """The record `name` is a name of; an acronym written in mixed case ("JeM") is that
        record's only as written ("JEM" is another body's)."""
        key = normalise(name)
        found = self._by_key.get(key)
        written = name.strip()
        if found is not None and any(
            normalise(a) == key and a != a.upper() and a != written for a in found.acronyms
        ):
            return None
        if found is None and self.designators:
            parts = key.split()
            if len(parts) > 1 and parts[-1] in self.designators:
                found = self._by_key.get(" ".join(parts[:-1]))
            if found is None and len(parts) > 1 and parts[0] in self.designators:
                found = self._by_key.get(" ".join(parts[1:]))
        return found


def _organ_names(name: str, parents: dict[str, str], own: str) -> list[str]:
    """The rests of `name` after a leading name of another record: "Security Council" of
    "United Nations Security Council" (two words or more, opening with a capital)."""
    words = name.split()
    out = []
    for cut in range(1, len(words) - 1):
        parent = parents.get(normalise(" ".join(words[:cut])))
        rest = words[cut:]
        if parent is not None and parent != own and len(rest) >= 2 and rest[0][:1].isupper():
            out.append(" ".join(rest))
    return out


def parse_catalogue(data: Any, source: str = DATA) -> Catalogue:
    """Records -> Catalogue; KgError naming the record for anything malformed or claimed twice."""
    records = data.get("organizations") if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise KgError(f"{source}: expected an object with a list 'organizations'")
    designators = data.get("designators", [])
    if not isinstance(designators, list) or not all(isinstance(d, str) and normalise(d) for d in designators):
        raise KgError(f"{source}: 'designators' must be a list of words")
    entries: list[Organisation] = []
    owner: dict[str, str] = {}  # normalised key -> the id of the record that claims it
    for number, record in enumerate(records):
        where = f"{source}: organizations[{number}]"
        if not isinstance(record, dict):
            raise KgError(f"{where}: expected an object, got {type(record).__name__}")
        if set(record) != set(_FIELDS):
            missing, extra = set(_FIELDS) - set(record), set(record) - set(_FIELDS)
            raise KgError(
                f"{where}: fields must be {', '.join(_FIELDS)}"
                + (f"; missing {', '.join(sorted(missing))}" if missing else "")
                + (f"; unknown {', '.join(sorted(extra))}" if extra else "")
            )
        for name, kind in _FIELDS.items():
            if not isinstance(record[name], kind):
                raise KgError(f"{where}: {name!r} must be a {kind.__name__}")
        where = f"{source}: {record['id']!r}"
        if not _ID.fullmatch(record["id"]):
            raise KgError(f"{where}: an id is lowercase words joined by '-'")
        if record["type"] not in TYPES:
            raise KgError(f"{where}: type {record['type']!r} is not one of {', '.join(TYPES)}")
        for name in (record["name"], *record["aliases"], *record["acronyms"]):
            if not isinstance(name, str) or not normalise(name):
                raise KgError(f"{where}: {name!r} is not a name")
        for acronym in record["acronyms"]:
            if not _ACRONYM.fullmatch(acronym):
                raise KgError(f"{where}: acronym {acronym!r} must be 2 to 10 letters or digits")
        entry = Organisation(
            record["id"], record["name"], tuple(record["acronyms"]), tuple(record["aliases"]), record["type"]
        )
        if any(e.id == entry.id for e in entries):
            raise KgError(f"{where}: a second record with this id")
        seen: dict[str, str] = {}
        for name in (entry.name, *entry.aliases, *entry.acronyms):
            key = normalise(name)
            if key in seen:
                raise KgError(
                    f"{where}: {name!r} and {seen[key]!r} normalise alike "
                    "(case, accents, punctuation and British spelling aside): list one"
                )
            seen[key] = name
            if owner.get(key, entry.id) != entry.id:
                raise KgError(f"{where}: {name!r} is also a name of {owner[key]!r}")
            owner[key] = entry.id
        entries.append(entry)
    return Catalogue(entries, designators)


@cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped with kg (read and checked once per process)."""
    text = resources.files("kg.resolution").joinpath("data").joinpath(DATA).read_text(encoding="utf-8")
    return parse_catalogue(json.loads(text), f"kg/resolution/data/{DATA}")
