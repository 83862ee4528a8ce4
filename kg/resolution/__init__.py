"""Entity resolution across articles: one node per real-world actor.

The stage between extraction and writing (kg/ingest.py):

    from kg.resolution import resolve_batch
    result = resolve_batch([(document, assertions), ...], store)
    result.articles      # the entities remapped onto the nodes the graph holds
    result.merges, result.ambiguous, result.renames

    keys.py        normalised names and the `keys` every node carries (indexed)
    catalogue.py   organisations, alliances, blocs and armed groups with acronyms and aliases
    candidates.py  what an entity may resolve to, found by key in the graph or in the batch
    similarity.py  the measured name similarity of the fuzzy resolver
    resolvers.py   exact, acronym, fuzzy, surname: one EntityResolver each, chosen by name
    stage.py       resolve_batch: groups, ids, names, the remapped assertions
    lookup.py      the same look-ups for `kg entity`, `kg path` and `kg ask` parameters
"""

from kg.resolution.batch import AmbiguousName, BatchResolution, Merge, resolve_batch
from kg.resolution.resolvers import DEFAULT_RESOLVERS, RESOLVERS, EntityResolver, get_resolvers

__all__ = [
    "AmbiguousName",
    "BatchResolution",
    "DEFAULT_RESOLVERS",
    "EntityResolver",
    "Merge",
    "RESOLVERS",
    "get_resolvers",
    "resolve_batch",
]
