"""The argument roles of cues.json ("subj", "prep:on|at", "hyphen_left" ...) and the functions that
fill them, in one registry: a role is named once, in the decorator of its filler, and the lexicon
takes the names it accepts from here.

    @filler("poss")                    # a token filler (arguments.py): head tokens of the parse
    def _possessor(roles, anchor, name, matched): ...

    @filler(prefix="prep:")            # "prep:on|at": the prepositions follow the prefix
    def _prep_objects(roles, anchor, name, matched): ...

    @mention_filler("hyphen_left")     # a mention filler (events.py): the mentions themselves
    def _hyphen_left(finder, s, anchor): ...

The fillers register themselves when arguments.py and events.py are imported; `role_names` and
`role_prefixes` import them first, so whoever asks gets every role.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.loaders.events import Filled

    # (the Roles of arguments.py, the trigger's anchor, the role name, the matched tokens); Any
    # for Roles, EventFinder and Sentence, which import this module
    TokenFiller = Callable[[Any, Token, str, list[Token]], list[Token]]
    # (the EventFinder and the Sentence of events.py, the trigger's anchor)
    MentionFiller = Callable[[Any, Any, Token], list[Filled]]


@dataclass(frozen=True)
class Filler:
    """How one role is filled: `tokens` finds head tokens in the dependency tree (each of their
    conjuncts fills the role too unless `conjuncts` is False: "between A and B", B is the other
    side), `mentions` finds the mentions directly; one of the two."""

    tokens: TokenFiller | None = None
    mentions: MentionFiller | None = None
    conjuncts: bool = True


FILLERS: dict[str, Filler] = {}  # role name -> its filler
PREFIXED: dict[str, Filler] = {}  # "prep:" -> the filler of "prep:on|at" and every other "prep:..."


def _register(entry: Filler, names: tuple[str, ...], prefix: str | None = None) -> None:
    keys = [(name, FILLERS) for name in names] + ([(prefix, PREFIXED)] if prefix is not None else [])
    if not keys:
        raise ValueError("a filler needs a role name or a prefix")
    for key, table in keys:
        if key in table:
            raise ValueError(f"role {key!r} has two fillers")
        if not re.fullmatch(r"[a-z_]+:" if table is PREFIXED else r"[a-z_]+", key):
            raise ValueError(f"role {key!r}: a name is a-z and '_', a prefix such a name and ':'")
    for key, table in keys:
        table[key] = entry


def filler(
    *names: str, prefix: str | None = None, conjuncts: bool = True
) -> Callable[[TokenFiller], TokenFiller]:
    """Registers a token filler under `names` and/or `prefix`."""

    def register(fill: TokenFiller) -> TokenFiller:
        _register(Filler(tokens=fill, conjuncts=conjuncts), names, prefix)
        return fill

    return register


def mention_filler(*names: str) -> Callable[[MentionFiller], MentionFiller]:
    """Registers a mention filler under `names`."""

    def register(fill: MentionFiller) -> MentionFiller:
        _register(Filler(mentions=fill), names)
        return fill

    return register


def filler_of(name: str) -> Filler:
    """The filler of a role name without its '@' filter: the name's own, else its prefix's;
    ValueError for an unknown role."""
    found = FILLERS.get(name)
    if found is None and ":" in name:
        found = PREFIXED.get(name.partition(":")[0] + ":")
    if found is None:
        raise ValueError(f"unknown argument role {name!r}")
    return found


def _import_fillers() -> None:
    """Import the modules whose fillers register themselves."""
    from kg.loaders import arguments, events  # noqa: F401


def role_names() -> frozenset[str]:
    """Every role name with a filler ("subj", "hyphen_left" ...)."""
    _import_fillers()
    return frozenset(FILLERS)


def role_prefixes() -> tuple[str, ...]:
    """Every role prefix with a filler ("prep:", "host_prep:" ...)."""
    _import_fillers()
    return tuple(PREFIXED)
