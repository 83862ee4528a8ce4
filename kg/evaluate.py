"""Score predicted assertions against hand-written gold triples (*.gold.jsonl).

A gold line: {"doc": "d1", "s": ["Jane Doe", "Doe"], "p": "LEADER_OF", "o": ["Freedonia"],
"evidence": "President Jane Doe", "optional": false, "modality": "asserted", "former": false}
"""

from __future__ import annotations

import functools
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from kg.core import jsontext
from kg.core.errors import BAD_JSON, NO_SUCH_PATH, InputError
from kg.loaders.readers import STDIN as STDIN_NAME

GOLD_SUFFIX = ".gold.jsonl"
STDIN = "-"

GOLD_KEYS = ("s", "p", "o")
MODALITIES = ("asserted", "reported", "alleged", "planned", "hypothetical", "negated")
_PREDICATE = re.compile(r"^[A-Z][A-Z0-9_]*$")
# Typographic quotes and apostrophes are the same character to a reader.
_GOLD_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class GoldTriple:
    doc: str
    subjects: tuple[str, ...]
    predicate: str
    objects: tuple[str, ...]
    evidence: str
    optional: bool
    modality: str | None
    former: bool | None
    line: str  # "path:N"
    date: str | None = None  # an event line dated by its text (GUIDELINE.md, "Dates")


@dataclass(frozen=True)
class Item:
    """One TP, FP or FN, ready to print. `text` is the gold evidence (TP, FN) or the sentence (FP)."""

    doc: str
    subject: str
    predicate: str
    object: str
    text: str
    rule: str | None = None
    line: str | None = None
    confidence: float | None = None  # of the statement scored (TP, FP)


@dataclass
class DocCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0


@dataclass
class Counts:
    """TP/FP/FN of one relation or one modality class, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return _ratio(2 * p * r, p + r)


@dataclass
class EvalReport:
    tp: list[Item] = field(default_factory=list)
    fp: list[Item] = field(default_factory=list)
    fn: list[Item] = field(default_factory=list)
    optional_found: list[Item] = field(default_factory=list)
    optional_total: int = 0
    per_doc: dict[str, DocCounts] = field(default_factory=dict)
    modality_correct: int = 0
    modality_total: int = 0
    # (gold, predicted) modality of each matched required line that carries one
    modality_pairs: list[tuple[str, str]] = field(default_factory=list)
    ignored_docs: tuple[str, ...] = ()  # predicted documents that have no gold lines
    # (gold date, predicted date, publication date) of each matched line whose gold has a date
    date_pairs: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    undated_events: int = 0  # matched event lines whose gold has no date
    spurious_dates: int = 0  # ... that kg dated all the same

    def per_rule(self) -> dict[str, tuple[int, int]]:
        """rule -> (right, wrong): the distinct triples each rule stated that a gold line
        (required or optional) holds, and those no gold line holds. A triple several rules
        stated counts for the rule of the statement matched (the first statement, when false)."""
        counts: dict[str, list[int]] = {}
        for items, right in ((self.tp, True), (self.optional_found, True), (self.fp, False)):
            for item in items:
                pair = counts.setdefault(item.rule or "?", [0, 0])
                pair[0 if right else 1] += 1
        return {rule: (right, wrong) for rule, (right, wrong) in sorted(counts.items())}

    def reliability(self, bands: int = 10) -> list[tuple[float, float, int, int]]:
        """Calibration of the stored confidence: the scored triples (right: a gold line holds
        it, required or optional) in equal-width confidence bands, as (low, high, triples,
        right) for each band that has any."""
        counts: dict[int, list[int]] = {}
        for items, right in ((self.tp, True), (self.optional_found, True), (self.fp, False)):
            for item in items:
                if item.confidence is None:
                    continue
                band = min(int(item.confidence * bands), bands - 1)
                pair = counts.setdefault(band, [0, 0])
                pair[0] += 1
                pair[1] += right
        return [(b / bands, (b + 1) / bands, n, r) for b, (n, r) in sorted(counts.items())]

    def calibration_error(self) -> float | None:
        """Expected calibration error: the triples' mean |confidence - right| gap per band,
        weighted by the band's share of the triples."""
        items = [
            (i.confidence, right)
            for group, right in ((self.tp, 1), (self.optional_found, 1), (self.fp, 0))
            for i in group
            if i.confidence is not None
        ]
        if not items:
            return None
        bands: dict[int, list[tuple[float, int]]] = {}
        for confidence, right in items:
            bands.setdefault(min(int(confidence * 10), 9), []).append((confidence, right))
        return sum(
            len(b) / len(items) * abs(sum(c for c, _ in b) / len(b) - sum(r for _, r in b) / len(b))
            for b in bands.values()
        )

    @property
    def date_correct(self) -> int:
        return sum(gold == predicted for gold, predicted, _ in self.date_pairs)

    @property
    def date_baseline(self) -> int:
        """Matched dated lines a labeller that dates every event with its article's
        publication date gets right."""
        return sum(gold == published for gold, _, published in self.date_pairs)

    @property
    def precision(self) -> float:
        return _ratio(len(self.tp), len(self.tp) + len(self.fp))

    @property
    def recall(self) -> float:
        return _ratio(len(self.tp), len(self.tp) + len(self.fn))

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return _ratio(2 * p * r, p + r)

    @property
    def modality_baseline(self) -> int:
        """Matched lines an always-"asserted" labeller gets right (the bar modality must clear)."""
        return sum(gold == "asserted" for gold, _ in self.modality_pairs)

    def modality_classes(self) -> dict[str, Counts]:
        """Per modality: TP (gold and predicted), FP (predicted only), FN (gold only)."""
        counts = {m: Counts() for m in MODALITIES}
        for gold, predicted in self.modality_pairs:
            if gold == predicted:
                counts[gold].tp += 1
            else:
                counts[gold].fn += 1
                if predicted in counts:
                    counts[predicted].fp += 1
        return counts

    def per_relation(self) -> dict[str, Counts]:
        """TP/FP/FN per relation name, sorted by gold frequency then name."""
        counts: dict[str, Counts] = defaultdict(Counts)
        for kind, items in (("tp", self.tp), ("fp", self.fp), ("fn", self.fn)):
            for item in items:
                setattr(counts[item.predicate], kind, getattr(counts[item.predicate], kind) + 1)
        return dict(sorted(counts.items(), key=lambda kv: (-(kv[1].tp + kv[1].fn), kv[0])))

    @property
    def required_found(self) -> int:
        return len(self.tp)

    @property
    def required_total(self) -> int:
        return len(self.tp) + len(self.fn)


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def normalise(name: str) -> str:
    """Lower-case, collapse whitespace, strip surrounding punctuation and a leading "the".

    >>> normalise("  “The Kremlin,” ")
    'kremlin'
    """
    text = " ".join(name.translate(_QUOTES).split()).lower()
    while True:
        start, end = 0, len(text)
        while start < end and unicodedata.category(text[start]).startswith("P"):
            start += 1
        while end > start and unicodedata.category(text[end - 1]).startswith("P"):
            end -= 1
        stripped = text[start:end].strip()
        if stripped.startswith("the "):
            stripped = stripped[4:].lstrip()
        if stripped == text:
            return text
        text = stripped


# --- reading ---------------------------------------------------------------------------


def _json_lines(path: str | Path, stdin: BinaryIO | None = None) -> Iterator[tuple[str, Any] | InputError]:
    """Yield ("path:N", parsed object) per non-blank line, or an InputError. Path "-" reads
    `stdin` (bytes), named as the readers name it ("<stdin>") in messages."""
    if str(path) == STDIN:
        raw = (stdin if stdin is not None else sys.stdin.buffer).read()
        path = STDIN_NAME
    else:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            yield _unreadable(path, exc)
            return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield InputError(str(path), f"is not valid UTF-8 (byte {exc.start}); re-encode it as UTF-8")
        return
    # split on "\n" only: JSON strings may hold U+2028, which splitlines() would break on
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield where, jsontext.loads(line)
        except (json.JSONDecodeError, jsontext.TooDeep) as exc:
            yield InputError(where, BAD_JSON.format(detail=exc.msg))


def _unreadable(path: str | Path, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(str(path), NO_SUCH_PATH)
    return InputError(str(path), f"cannot be read ({exc.strerror or exc}); check the path")


def is_gold_file(path: str | Path) -> bool:
    """Whether `path` is a gold file: named *.gold.jsonl, or else its first non-blank line is
    a JSON object with "s", "p" and "o". Directories and "-" are not. Raises InputError when
    the file cannot be opened (missing, unreadable)."""
    if str(path) == STDIN or Path(path).is_dir():
        return False
    try:
        with open(path, "rb") as handle:
            if str(path).endswith(GOLD_SUFFIX):
                return True
            first = next((line for line in handle if line.strip()), b"")
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        data = jsontext.loads(first.decode("utf-8").removeprefix("\ufeff"))
    except ValueError:  # also UnicodeDecodeError
        return False
    return isinstance(data, dict) and all(key in data for key in GOLD_KEYS)


def _names(data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if isinstance(value, str):
        value = [value]
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and normalise(v) for v in value)
    ):
        raise ValueError(f"field {key!r} must be a non-empty list of names, got {value!r}")
    return tuple(value)


def _gold_triple(data: Any, where: str) -> GoldTriple:
    if not isinstance(data, dict):
        raise ValueError(f"holds a JSON {type(data).__name__}, expected an object with doc, s, p, o")
    doc, predicate = data.get("doc"), data.get("p")
    if not isinstance(doc, str) or not doc:
        raise ValueError(f"field 'doc' must be a non-empty string, got {doc!r}")
    if not isinstance(predicate, str) or not _PREDICATE.match(predicate):
        raise ValueError(f"field 'p' must be a relation name like 'LEADER_OF', got {predicate!r}")
    evidence = data.get("evidence", "")
    optional = data.get("optional", False)
    modality = data.get("modality")
    former = data.get("former")
    date = data.get("date")
    if date is not None and not (isinstance(date, str) and _GOLD_DATE.fullmatch(date)):
        raise ValueError(f"field 'date' must be YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")
    if not isinstance(evidence, str):
        raise ValueError(f"field 'evidence' must be a string, got {evidence!r}")
    if not isinstance(optional, bool):
        raise ValueError(f"field 'optional' must be true or false, got {optional!r}")
    if modality is not None and modality not in MODALITIES:
        raise ValueError(f"field 'modality' must be one of {', '.join(MODALITIES)}; got {modality!r}")
    if former is not None and not isinstance(former, bool):
        raise ValueError(f"field 'former' must be true or false, got {former!r}")
    return GoldTriple(
        doc,
        _names(data, "s"),
        predicate,
        _names(data, "o"),
        evidence,
        optional,
        modality,
        former,
        where,
        date,
    )


def _load(paths: Iterable[str | Path], parse, stdin: BinaryIO | None = None) -> tuple[list, list[InputError]]:
    """Parse each JSON line with `parse(data, where)`; a ValueError skips that line."""
    items: list = []
    errors: list[InputError] = []
    for path in paths:
        for entry in _json_lines(path, stdin):
            if isinstance(entry, InputError):
                errors.append(entry)
                continue
            where, data = entry
            try:
                items.append(parse(data, where))
            except ValueError as exc:
                errors.append(InputError(where, f"{exc}; line skipped"))
    return items, errors


def load_gold(paths: Iterable[str | Path]) -> tuple[list[GoldTriple], list[InputError]]:
    """Read gold files; each malformed line becomes an InputError("path:N", ...) and is skipped."""
    return _load(paths, _gold_triple)


def _check_prediction(data: Any) -> None:
    if not isinstance(data, dict):
        raise ValueError(f"holds a JSON {type(data).__name__}, expected an assertion object")
    for key in ("doc", "predicate"):
        if not isinstance(data.get(key), str):
            raise ValueError(f"field {key!r} must be a string, got {data.get(key)!r}")
    for key in ("subject", "object"):
        arg = data.get(key)
        if not isinstance(arg, dict) or not isinstance(arg.get("name"), str):
            raise ValueError(f"field {key!r} must be an object with a 'name', got {arg!r}")
        mention = arg.get("mention")
        if mention is not None and not (isinstance(mention, dict) and isinstance(mention.get("text"), str)):
            raise ValueError(f"field {key}.mention must be an object with a 'text', got {mention!r}")


def load_predictions(
    paths: Iterable[str | Path], stdin: BinaryIO | None = None
) -> tuple[list[dict], list[InputError]]:
    """Read assertion JSONL files (Assertion.to_dict() per line; "-" reads `stdin`, else
    sys.stdin); malformed lines are skipped."""

    def parse(data: Any, _where: str) -> dict:
        _check_prediction(data)
        return data

    return _load(paths, parse, stdin)


# --- scoring ---------------------------------------------------------------------------


def _forms(prediction: dict, side: str) -> set[str]:
    arg = prediction[side]
    forms = {normalise(arg.get("name", ""))}
    mention = arg.get("mention")
    if isinstance(mention, dict):
        forms.add(normalise(mention.get("text", "")))
    forms.discard("")
    return forms


def matches(prediction: dict, gold: GoldTriple) -> bool:
    return (
        prediction["predicate"] == gold.predicate
        and bool(_forms(prediction, "subject") & {normalise(s) for s in gold.subjects})
        and bool(_forms(prediction, "object") & {normalise(o) for o in gold.objects})
    )


def _assign(edges: dict[Any, list[int]], order: Sequence[Any]) -> dict[int, Any]:
    """Maximum bipartite matching (Kuhn): gold index -> prediction key."""
    owner: dict[int, Any] = {}

    def augment(key: Any, seen: set[int]) -> bool:
        for g in edges.get(key, ()):
            if g not in seen:
                seen.add(g)
                if g not in owner or augment(owner[g], seen):
                    owner[g] = key
                    return True
        return False

    for key in order:
        augment(key, set())
    return owner


def _best(predictions: list[dict], gold: GoldTriple) -> dict:
    """The most confident prediction of a group that matches this gold line by itself."""
    own = [p for p in predictions if matches(p, gold)] or predictions
    return max(own, key=lambda p: p.get("confidence") or 0.0)


def _prediction_item(p: dict, text: str, line: str | None = None) -> Item:
    confidence = p.get("confidence")
    return Item(
        p["doc"],
        p["subject"]["name"],
        p["predicate"],
        p["object"]["name"],
        text,
        p.get("rule"),
        line,
        float(confidence) if isinstance(confidence, int | float) else None,
    )


def _score_doc(doc: str, gold: list[GoldTriple], predictions: list[dict], report: EvalReport) -> None:
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for p in predictions:
        key = (normalise(p["subject"]["name"]), p["predicate"], normalise(p["object"]["name"]))
        groups[key].append(p)
    edges = {
        key: [i for i, g in enumerate(gold) if any(matches(p, g) for p in group)]
        for key, group in groups.items()
    }
    required = {key: [i for i in e if not gold[i].optional] for key, e in edges.items()}
    owner = _assign(required, list(groups))
    taken = set(owner.values())
    optional = {key: [i for i in e if gold[i].optional] for key, e in edges.items() if key not in taken}
    owner.update(_assign(optional, [key for key in groups if key not in taken]))

    counts = report.per_doc.setdefault(doc, DocCounts())
    for i, g in enumerate(gold):
        if i not in owner:
            if not g.optional:
                report.fn.append(
                    Item(doc, g.subjects[0], g.predicate, g.objects[0], g.evidence, None, g.line)
                )
                counts.fn += 1
            continue
        best = _best(groups[owner[i]], g)
        item = _prediction_item(best, g.evidence, g.line)
        if g.optional:
            report.optional_found.append(item)
        else:
            report.tp.append(item)
            counts.tp += 1
        _score_date(g, groups[owner[i]], report)
        if g.modality is not None and not g.optional:  # the guideline scores required lines
            predicted = (best.get("qualifiers") or {}).get("modality", "asserted")
            report.modality_total += 1
            report.modality_correct += predicted == g.modality
            report.modality_pairs.append((g.modality, predicted))
    for key, group in groups.items():
        if not edges[key]:
            report.fp.append(_prediction_item(group[0], (group[0].get("sentence") or {}).get("text", "")))
            counts.fp += 1


def _score_date(gold: GoldTriple, group: list[dict], report: EvalReport) -> None:
    """The date of a matched event line (required or optional): the date of the prediction
    stated in the line's evidence sentence, else the first dated statement of it in the
    article (GUIDELINE.md, "Dates": the same event stated several times)."""
    if gold.predicate not in _event_relations():
        return
    evidence = normalise_text(gold.evidence)
    stated = [
        p for p in group if evidence and evidence in normalise_text((p.get("sentence") or {}).get("text", ""))
    ]
    dated = sorted((p for p in group if _date_of(p)), key=lambda p: (p.get("sentence") or {}).get("index", 0))
    chosen = next((p for p in stated if _date_of(p)), None) or (dated[0] if dated else None)
    predicted = _date_of(chosen) if chosen is not None else None
    if gold.date is None:
        report.undated_events += 1
        report.spurious_dates += predicted is not None
        return
    published = next(((p.get("document") or {}).get("published") for p in group), None)
    report.date_pairs.append((gold.date, predicted, published))


def _date_of(prediction: dict) -> str | None:
    return (prediction.get("qualifiers") or {}).get("date")


@functools.cache
def _event_relations() -> frozenset[str]:
    from kg.core.ontology import load_ontology

    return frozenset(name for name, r in load_ontology().relations.items() if r.kind == "event")


def normalise_text(text: str) -> str:
    """Text compared as the scorer compares evidence: quotes straightened, spaces folded, lower case."""
    return " ".join(text.translate(_QUOTES).split()).lower()


def score(gold: Sequence[GoldTriple], predictions: Sequence[dict]) -> EvalReport:
    """Score per document, micro-averaged. Only documents that have gold lines are scored;
    predictions for other documents are ignored (listed in `ignored_docs`).

    Distinct (subject, relation, object) predictions are assigned to gold lines, each line at
    most once, required lines first; a prediction whose lines are all taken is a duplicate
    (no TP, no FP), one that matches only optional lines is neither, one that matches no
    line is a FP (once per normalised subject name, predicate, object name).
    """
    gold_by_doc: dict[str, list[GoldTriple]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g.doc].append(g)
    predicted_by_doc: dict[str, list[dict]] = defaultdict(list)
    for p in predictions:
        predicted_by_doc[p["doc"]].append(p)
    report = EvalReport(
        optional_total=sum(g.optional for g in gold),
        ignored_docs=tuple(sorted(set(predicted_by_doc) - set(gold_by_doc))),
    )
    for doc in sorted(gold_by_doc):
        _score_doc(doc, gold_by_doc[doc], predicted_by_doc.get(doc, []), report)
    return report


def format_report(report: EvalReport, verbose: bool = False) -> str:
    """P/R/F1 and counts; with `verbose`, per-document counts, each FP (rule, sentence) and FN."""
    lines = [
        f"precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}"
        f"  (TP {len(report.tp)}, FP {len(report.fp)}, FN {len(report.fn)})",
        f"required found {report.required_found}/{report.required_total}"
        f"  optional found {len(report.optional_found)}/{report.optional_total}"
        + (
            f"  modality {report.modality_correct}/{report.modality_total} correct"
            if report.modality_total
            else ""
        ),
    ]
    if report.ignored_docs:
        lines.append(f"ignored (no gold): {', '.join(report.ignored_docs)}")
    lines += format_modality(report)
    lines += format_dates(report)
    if verbose:
        lines.append(format_relations(report))
        for doc, c in report.per_doc.items():
            lines.append(f"  {doc}: TP {c.tp}  FP {c.fp}  FN {c.fn}")
        for item in report.fp:
            lines.append(
                f"FP {item.doc}: {item.subject} -{item.predicate}-> {item.object}"
                f"  [{item.rule or '?'}]  {item.text!r}"
            )
        for item in report.fn:
            lines.append(
                f"FN {item.doc}: {item.subject} -{item.predicate}-> {item.object}"
                f"  ({item.line})  {item.text!r}"
            )
    return "\n".join(lines)


def format_dates(report: EvalReport) -> list[str]:
    """Date accuracy on matched dated lines beside the publication-date baseline, and the
    dates kg gave events whose gold has none; no lines when no matched line is an event."""
    n = len(report.date_pairs)
    if not n and not report.undated_events:
        return []
    return [
        f"date accuracy {_ratio(report.date_correct, n):.3f} ({report.date_correct}/{n} matched dated lines)"
        f"  publication-date baseline {_ratio(report.date_baseline, n):.3f} ({report.date_baseline}/{n})"
        f"  spurious dates {report.spurious_dates}/{report.undated_events} matched undated event lines"
    ]


def format_modality(report: EvalReport) -> list[str]:
    """Modality accuracy on matched required lines beside the always-"asserted" baseline, and
    P/R per non-asserted class; no lines when no matched line carries a modality."""
    if not report.modality_total:
        return []
    n = report.modality_total
    lines = [
        f"modality accuracy {report.modality_correct / n:.3f} ({report.modality_correct}/{n})"
        f"  always-asserted baseline {report.modality_baseline / n:.3f}"
        f" ({report.modality_baseline}/{n})"
    ]
    cells = []
    for name, c in report.modality_classes().items():
        if name != "asserted" and (c.tp or c.fp or c.fn):
            cells.append(
                f"{name} P {c.precision:.2f} R {c.recall:.2f} (gold {c.tp + c.fn}, predicted {c.tp + c.fp})"
            )
    if cells:
        lines.append("  " + "; ".join(cells))
    return lines


def format_relations(report: EvalReport) -> str:
    """A P/R/F1 table per relation."""
    rows = [f"  {'relation':<18} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"]
    for name, c in report.per_relation().items():
        rows.append(
            f"  {name:<18} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:4d} {c.fp:4d} {c.fn:4d}"
        )
    return "\n".join(rows)
