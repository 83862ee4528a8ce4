"""The error catalogue: every user-facing failure is a KgError with one clear line."""
from __future__ import annotations


class KgError(Exception):
    """A user error: printed as one line, never as a traceback."""


class InputError(KgError):
    """A document that cannot be read. `where` names the file and, when known, the line."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


# Messages: what happened, what was expected, what to do.
BINARY_FILE = "looks like a binary file, expected text (.txt, .md, .html, .jsonl); skipped"
INVALID_UTF8 = "is not valid UTF-8 (byte {pos}); re-encode it as UTF-8; skipped"
EMPTY_FILE = "is empty; nothing to extract"
BAD_JSON = "is not valid JSON ({detail}); expected one object per line; line skipped"
NOT_AN_OBJECT = "holds a JSON {kind}, expected an object with 'id' and 'text'; line skipped"
MISSING_FIELD = "has no {field!r} field; each line needs 'id' and 'text'; line skipped"
WRONG_TYPE = "field {field!r} must be a string, got {kind}; line skipped"
NO_SUCH_PATH = "does not exist; check the path"
UNKNOWN_FORMAT = "has an unknown extension {ext!r}; expected .txt, .md, .html, .htm or .jsonl; skipped"
UNREADABLE = "cannot be read ({detail}); skipped"
DUPLICATE_ID = "repeats document id {id!r} of an earlier document; give each document its own id; skipped"
