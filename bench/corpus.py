"""Generated news articles of any number, from the templates and entity lists in bench/data/.

    python -m bench corpus --articles 1000 --out /tmp/corpus [--seed 7]   # writes articles.jsonl
    for record in generate(100, seed=7): ...   # {"id", "title", "text", "published"}

Each article has a cast (two countries, their leaders and ministers, an organization, a
bystander) and 8-30 sentences in paragraphs: relations kg extracts (deployments, invitations,
condemnations, sanctions, meetings, titles, ...) mixed with filler, as in wire copy. Article
`i` depends only on (seed, i), so a smaller corpus is a prefix of a larger one.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MIN_SENTENCES, MAX_SENTENCES = 8, 30
# Share of each kind of sentence after the lead (which is always an event).
KIND_WEIGHTS = {"event": 0.35, "state": 0.12, "quote": 0.10, "filler": 0.43}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
FIRST_DAY = date(2019, 1, 1)
_SLOT = re.compile(r"\{(\w+)\}")
_COUNTRY_SLOT = re.compile(r"([AB])(|_dem|_cap)")


@dataclass(frozen=True)
class Country:
    name: str
    demonym: str
    capital: str


@dataclass
class Person:
    name: str
    intro: str  # the first mention: "Kazakh President Amara Velmont"
    mentioned: bool = False

    def mention(self) -> str:
        if self.mentioned:
            return self.name.split()[-1]
        self.mentioned = True
        return self.intro


@dataclass(frozen=True)
class Data:
    countries: tuple[Country, ...]
    given: tuple[str, ...]
    family: tuple[str, ...]
    organizations: tuple[tuple[str, str], ...]
    templates: dict


@cache
def load_data() -> Data:
    def read(name: str) -> dict:
        return json.loads((DATA / name).read_text(encoding="utf-8"))

    people = read("people.json")
    return Data(
        countries=tuple(Country(*c) for c in read("countries.json")["countries"]),
        given=tuple(people["given"]),
        family=tuple(people["family"]),
        organizations=tuple(tuple(o) for o in read("organizations.json")["organizations"]),
        templates=read("templates.json"),
    )


def generate(n_articles: int, seed: int = 0) -> Iterator[dict]:
    """`n_articles` JSONL records (id, title, text, published), deterministic for a seed."""
    for i in range(n_articles):
        yield article(i, seed)


def article(i: int, seed: int = 0) -> dict:
    rng = random.Random(f"kg-bench:{seed}:{i}")
    cast = _Cast(rng, load_data())
    t = cast.data.templates
    title = cast.render(rng.choice(t["titles"]))
    for person in cast.people.values():
        person.mentioned = False  # the body introduces everyone again, as news does
    lead = cast.render(rng.choice(t["event"]))
    if rng.random() < 0.5:
        lead = f"{cast.b.capital.upper()} ({rng.choice(t['agencies'])}) - {lead}"
    sentences = [lead]
    unused = {kind: rng.sample(t[kind], len(t[kind])) for kind in KIND_WEIGHTS}
    kinds, weights = zip(*KIND_WEIGHTS.items())
    target = rng.randint(MIN_SENTENCES, MAX_SENTENCES)
    while len(sentences) < target:
        kind = rng.choices(kinds, weights)[0]
        if not unused[kind]:
            unused[kind] = rng.sample(t[kind], len(t[kind]))
        sentences.append(cast.render(unused[kind].pop()))
    published = FIRST_DAY + timedelta(days=rng.randrange(6 * 365))
    return {
        "id": f"bench-{seed}-{i:07d}",
        "title": title,
        "text": _paragraphs(rng, sentences),
        "published": published.isoformat(),
    }


def write_jsonl(path: Path, n_articles: int, seed: int = 0) -> Path:
    """Write `n_articles` generated articles to `path` (JSONL), streaming."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in generate(n_articles, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _paragraphs(rng: random.Random, sentences: list[str]) -> str:
    paragraphs, i = [], 0
    while i < len(sentences):
        size = rng.choice((1, 2, 2, 3))
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
    return "\n\n".join(paragraphs)


class _Cast:
    """Who and where one article is about; fills the slots of its templates."""

    def __init__(self, rng: random.Random, data: Data) -> None:
        self.rng, self.data = rng, data
        self.a, self.b = rng.sample(data.countries, 2)
        # distinct family names: later mentions use the family name alone
        self.family = iter(rng.sample(data.family, 5))
        t = data.templates
        self.people = {
            "L1": self._person(self.a, rng.choice(t["leader_titles"])),
            "L2": self._person(self.b, rng.choice(t["leader_titles"])),
            "M1": self._person(self.a, rng.choice(t["minister_titles"])),
            "M2": self._person(self.b, rng.choice(t["minister_titles"])),
        }
        bystander = self._name()
        self.people["P"] = Person(bystander, bystander)
        self.organization, self.organization_city = rng.choice(data.organizations)

    def _name(self) -> str:
        return f"{self.rng.choice(self.data.given)} {next(self.family)}"

    def _person(self, country: Country, title: str) -> Person:
        name = self._name()
        return Person(name, f"{country.demonym} {title} {name}")

    def render(self, template: str) -> str:
        text = _SLOT.sub(lambda m: self.slot(m.group(1)), template)
        return text[0].upper() + text[1:]

    def slot(self, name: str) -> str:
        if name in self.people:
            return self.people[name].mention()
        rng = self.rng
        place = _COUNTRY_SLOT.fullmatch(name)
        if place:
            country = self.a if place.group(1) == "A" else self.b
            return {"": country.name, "_dem": country.demonym, "_cap": country.capital}[place.group(2)]
        values = {
            "O": lambda: self.organization,
            "O_city": lambda: self.organization_city,
            "n": lambda: f"{rng.randrange(2, 60) * 100:,}",
            "small": lambda: str(rng.randrange(3, 40)),
            "day": lambda: rng.choice(WEEKDAYS),
            "month": lambda: rng.choice(MONTHS),
            "year": lambda: str(rng.randrange(1990, 2019)),
            "agency": lambda: rng.choice(self.data.templates["agencies"]),
        }
        if name not in values:
            raise KeyError(f"template slot {{{name}}} is not one of the corpus slots")
        return values[name]()


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="directory for articles.jsonl")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    path = write_jsonl(args.out / "articles.jsonl", args.articles, args.seed)
    print(path)
