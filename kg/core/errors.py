"""The error catalogue: every user-facing failure is a KgError with one clear line.

The command line prints each as `error: <message>` (secrets redacted) and exits with the code
`exit_code()` gives: 1 for bad input (an InputError), 2 for everything else the user can fix
(a bad option or parameter, the engine, a query, the environment), 130 when interrupted.
"""

from __future__ import annotations

import re
import resource  # loaded with kg: under a low memory cap, loading it later can fail too

EXIT_INPUT = 1  # an input document could not be read (the rest of the batch went on)
EXIT_ERROR = 2  # a bad argument, or an engine, query or environment error
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class KgError(Exception):
    """A user error: printed as one line, never as a traceback."""


class InputError(KgError):
    """A document that cannot be read. `where` names the file and, when known, the line."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message

    def __reduce__(self):
        # copy.deepcopy (dataclasses.asdict does it) and pickle rebuild an exception from its
        # args, which hold the joined text, not (where, message)
        return type(self), (self.where, self.message)


class ArgumentError(KgError):
    """A command-line argument, option value or query parameter that cannot be used."""


def out_of_memory(problem: BaseException | str) -> bool:
    """Whether a failure is the process running out of memory: a MemoryError, or a module
    that could not be loaded for want of it (the loader says so), or anything at all that
    fails while the process's address space is capped low (`ulimit -v`), since libraries then
    fail in ways of their own (thinc: "BLIS support requires blis")."""
    if isinstance(problem, MemoryError):
        return True
    text = str(problem).lower()
    if any(
        sign in text
        for sign in ("cannot allocate memory", "failed to map segment", "out of memory", "memoryerror")
    ):
        return True
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return soft != resource.RLIM_INFINITY and soft < MEMORY_FLOOR


# Below this address-space cap (bytes), kg's language model cannot be loaded.
MEMORY_FLOOR = 1 << 30


def exit_code(exc: BaseException) -> int:
    """The process exit code for a failure the user can fix."""
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    return EXIT_INPUT if isinstance(exc, InputError) else EXIT_ERROR


def error_line(problem: BaseException | str) -> str:
    """The one line the command line prints for a failure: `error: ...`, secrets redacted."""
    text = describe_os_error(problem) if isinstance(problem, OSError) else str(problem)
    return "error: " + redact(" ".join(text.split()))


def describe_os_error(exc: OSError) -> str:
    """`path: reason` ("/data/kg/falkordb.lock: Permission denied"), both paths of a rename."""
    reason = exc.strerror or str(exc)
    paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
    return f"{' -> '.join(paths)}: {reason}" if paths else reason


# scheme://user:password@host -> scheme://user:***@host. The password runs to the last "@"
# before a space or quote, so one that itself holds "@" or "/" is hidden whole.
_URI_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@'\"]*):[^\s'\"]*@")


def redact(text: str) -> str:
    """The text with every password of a URI (`bolt://neo4j:secret@host`) replaced by ***."""
    return _URI_PASSWORD.sub(r"\g<head>:***@", text)


# Messages: what happened, what was expected, what to do.
OUT_OF_MEMORY = (
    "out of memory: kg needs about 0.5 GB per process to extract (its language "
    "model), more to ingest large batches; raise the memory limit (ulimit -v), or use "
    "fewer --workers or a smaller --batch-size"
)
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
