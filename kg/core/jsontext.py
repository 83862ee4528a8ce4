"""JSON from users and input files, with a bounded nesting depth.

    loads('{"id": "a1", "text": "..."}')      # the value, as json.loads gives it
    loads("[" * 900 + "]" * 900)             # TooDeep: nested 900 levels, at most 100 are read

Python's JSON reader, and every function that walks a value it returns, recurses once per
level: a value nested a thousand levels deep ends in a RecursionError. kg reads JSON from
`-p` values, article (JSONL) and gold files; no real value of theirs nests more than a few
levels, so anything deeper than MAX_DEPTH is refused with one line before it is parsed.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 100

# A JSON string (with its escapes), or one bracket: the depth scan skips the strings and
# counts the brackets, in time linear in the text.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')


class TooDeep(ValueError):
    """A JSON value nested deeper than MAX_DEPTH (a ValueError, as json.JSONDecodeError is)."""

    def __init__(self, depth: int) -> None:
        super().__init__(
            f"nested more than {MAX_DEPTH} levels deep (at least {depth}); "
            f"kg reads JSON nested at most {MAX_DEPTH} levels"
        )
        self.msg = str(self)  # as json.JSONDecodeError, for messages that quote `.msg`


def depth(text: str, limit: int = MAX_DEPTH) -> int:
    """How deep the brackets of `text` nest, outside its strings; the scan stops once past
    `limit` (so the result is at most limit + 1)."""
    level = deepest = 0
    for token in _TOKENS.finditer(text):
        char = token.group()[0]
        if char in "[{":
            level += 1
            if level > deepest:
                deepest = level
                if deepest > limit:
                    break
        elif char in "]}":
            level -= 1
    return deepest


def loads(text: str | bytes) -> Any:
    """json.loads, refusing values nested deeper than MAX_DEPTH (TooDeep, a ValueError)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    # fewer opening brackets than the limit cannot nest past it: the scan (a regular
    # expression over every string of the text) is only for text that has as many
    found = 0
    if text.count("[") + text.count("{") > MAX_DEPTH:
        found = depth(text)
        if found > MAX_DEPTH:
            raise TooDeep(found)
    try:
        return json.loads(text)
    except RecursionError:  # not reached within MAX_DEPTH; kept as a guard
        raise TooDeep(found) from None


__all__ = ["MAX_DEPTH", "TooDeep", "depth", "loads"]
