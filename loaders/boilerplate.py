"""Text cleaning shared by every reader: drop boilerplate lines, keep paragraph breaks.

The patterns live in data/boilerplate.json (id, regex, example) so they can be
extended without touching code. Each regex must match a whole stripped line,
case-insensitively: a pattern never removes part of a sentence.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

PATTERNS_FILE = Path(__file__).parent / "data" / "boilerplate.json"

# A caption whose credit went on the next line ends with " (": the credit line is
# dropped as boilerplate, so the bracket would be left open.
_DANGLING_BRACKET = re.compile(r"\s*\(\s*$")


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The (id, compiled regex) pairs from the data file."""
    entries = json.loads(PATTERNS_FILE.read_text(encoding="utf-8"))
    return tuple((e["id"], re.compile(e["regex"], re.IGNORECASE)) for e in entries)


def boilerplate_id(line: str) -> str | None:
    """The id of the first pattern matching the whole stripped line, else None."""
    stripped = line.strip()
    if not stripped:
        return None
    for pattern_id, regex in boilerplate_patterns():
        if regex.fullmatch(stripped):
            return pattern_id
    return None


def clean_text(text: str) -> str:
    """Drop boilerplate lines, strip trailing spaces, keep single blank lines between paragraphs."""
    out: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _DANGLING_BRACKET.sub("", line.rstrip())
        if boilerplate_id(line):
            # A blank, not nothing: blank lines end sentences, and a dropped credit
            # usually separates a caption from the next paragraph.
            line = ""
        if line.strip() or (out and out[-1]):
            out.append(line if line.strip() else "")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
