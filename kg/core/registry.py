"""One interface per role, its implementations chosen by name (as spaCy's and RDFLib's
registries do): stores, exporters, output formats, readers, resolvers.

    EXPORTERS: Registry[Exporter] = Registry("export format")

    @EXPORTERS.register("ttl")
    def _turtle() -> Exporter:
        from kg.exporters.rdf import TURTLE   # imported when "ttl" is first asked for
        return TURTLE

    EXPORTERS.get("ttl")        # the Exporter; ValueError naming the known ones for another name
    EXPORTERS.names()           # ["ttl", ...] in the order they were registered

An implementation is registered as a function that makes (or imports) it, called once, when
its name is first asked for: an optional dependency (the Neo4j driver, say) is loaded only by
whoever uses it, and every import stays a plain one that tools can follow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, what: str) -> None:
        self.what = what
        self._makers: dict[str, Callable[[], T]] = {}
        self._made: dict[str, T] = {}

    def register(self, *names: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
        """Register the decorated function as the maker of the implementation(s) `names`."""

        def decorate(maker: Callable[[], T]) -> Callable[[], T]:
            for name in names:
                if name in self._makers:
                    raise ValueError(f"{self.what} {name!r} is registered twice")
                self._makers[name] = maker
            return maker

        return decorate

    def get(self, name: str) -> T:
        if name not in self._made:
            try:
                maker = self._makers[name]
            except KeyError:
                raise ValueError(
                    f"unknown {self.what} {name!r}; expected one of: {', '.join(self._makers)}"
                ) from None
            self._made[name] = maker()
        return self._made[name]

    def names(self) -> list[str]:
        return list(self._makers)

    def __contains__(self, name: object) -> bool:
        return name in self._makers


__all__ = ["Registry"]
