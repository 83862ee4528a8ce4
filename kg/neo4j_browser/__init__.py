"""Neo4j Browser assets shipped with kg: the GraSS stylesheet and starter favourites.

    stylesheet()               # style.grass: drop the file on Browser, or paste it after :style
    favorites()                # [Favorite(name, description, cypher), ...] from queries/*.cypher
    write_favorites(directory) # one .cypher file each + kg-favorites.zip (drop it on Browser)

style.grass is data: one rule per ontology class (the structural labels Entity, Article and
Sentence too) and per relationship type. Browser (grassUtils.parseGrass) applies every rule
whose classes a node's labels include, in file order, later values winning; so `node` comes
first, then `node.Entity`, then the classes, and an `:Entity:Country` node takes the Country
colour. Its parser has no comments and splits each property at ':' and ';', so the file has
no comments and no caption holds either character. Sentences are captioned '{text}' rather
than '{index}': Browser cuts a caption to what fits the circle and ends it with an ellipsis
(textWarp.ts), so a sentence node shows its opening words; the inspector has the rest.

The favourites are the files of queries/ marked for Browser: a named query marked
`// for: kg, browser` (the same text `kg ask` runs, its parameters set with :param), or a
Browser-only query marked `// for: browser`, whose header is `// name: ...` and
`// description: ...` (it may call Neo4j procedures or elementId()). Browser names a
favourite by its first line, so the files written for it
start with `// <name>` instead, then the description, then the Cypher. Browser imports a
dropped .zip by taking every .cypher in it and the folder it sits in (file-drop.utils.ts), so
the zip holds kg/<name>.cypher and the favourites land in a folder "kg".
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from kg.core.cypher import parameters
from kg.core.errors import KgError
from kg.named_queries import parse_header, parse_named_query, query_files

ZIP_NAME = "kg-favorites.zip"
ZIP_FOLDER = "kg"


@dataclass(frozen=True)
class Favorite:
    name: str
    description: str
    cypher: str

    @property
    def parameters(self) -> tuple[str, ...]:
        """The $parameters the Cypher uses (set them in Browser with :param), in order."""
        return parameters(self.cypher)

    def browser_text(self) -> str:
        """The file Browser imports: its first line names the favourite."""
        return f"// {self.name}\n// {self.description}\n{self.cypher}\n"


def stylesheet() -> str:
    """The GraSS stylesheet (style.grass) as text."""
    return files("kg.neo4j_browser").joinpath("style.grass").read_text(encoding="utf-8")


def favorites() -> list[Favorite]:
    """The files of queries/ marked for Browser (`// for: browser` or `// for: kg, browser`),
    by file name: the one catalogue of Cypher, shared with the named queries."""
    found = []
    for name, text, targets in query_files():
        if "browser" not in targets:
            continue
        if "kg" in targets:  # a named query: the same text, its parameters set with :param
            query = parse_named_query(text, f"queries/{name}")
            favorite = Favorite(
                query.name, f"{query.description} {_param_hints(query)}".strip(), query.cypher
            )
        else:
            favorite = parse_favorite(text, f"queries/{name}")
        if f"{favorite.name}.cypher" != name:
            raise KgError(
                f"queries/{name}: named {favorite.name!r}; the file should be {favorite.name}.cypher"
            )
        found.append(favorite)
    return found


def _param_hints(query) -> str:
    """How to set a named query's parameters in Browser (it resolves no names: ids)."""
    hints = []
    for p in query.params:
        if p.type == "entity":
            hints.append(f":param {p.name} => 'country:KAZ' (an entity id; `kg entity NAME` shows it)")
        elif p.default is not None:
            hints.append(f":param {p.name} => {p.default!r}")
        else:
            hints.append(f":param {p.name} => null")
    return ("Set " + ", ".join(hints) + ".") if hints else ""


def parse_favorite(text: str, source: str = "<favorite>") -> Favorite:
    """A favourite file: `// name:` and `// description:` lines (and `// for: browser`), then
    the Cypher; its header read as the named queries' are (kg/named_queries.py)."""
    fields, body = parse_header(text, source, keys=("name", "description", "for"))
    cypher = "\n".join(text.splitlines()[body:]).strip()
    if not cypher:
        raise KgError(f"{source}: no Cypher after the header")
    return Favorite(fields["name"][0][1], fields["description"][0][1], cypher)


def format_favorites(items: list[Favorite] | None = None) -> str:
    """Every favourite as Browser shows it, separated by blank lines (for `kg neo4j favorites`)."""
    return "\n".join(f.browser_text() for f in (favorites() if items is None else items))


def write_favorites(directory: str | Path) -> list[Path]:
    """Write <name>.cypher for each favourite and kg-favorites.zip (kg/<name>.cypher inside)
    into `directory` (created if missing); returns the paths, the zip last."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    items = favorites()
    for favorite in items:
        path = directory / f"{favorite.name}.cypher"
        path.write_text(favorite.browser_text(), encoding="utf-8")
        written.append(path)
    archive = directory / ZIP_NAME
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for favorite in items:
            zf.writestr(f"{ZIP_FOLDER}/{favorite.name}.cypher", favorite.browser_text())
    written.append(archive)
    return written


__all__ = [
    "Favorite",
    "ZIP_NAME",
    "favorites",
    "format_favorites",
    "parse_favorite",
    "stylesheet",
    "write_favorites",
]
