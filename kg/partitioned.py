"""Extraction into assertion files by partition, with a manifest, here or on Ray.

    run = PartitionedRun(Path("out/"), fmt="jsonl")        # or fmt="parquet"
    report = extract_partitioned(["articles/"], run)         # this machine, `workers` processes
    report = extract_partitioned(["articles/"], run, ray=True)  # a Ray Data map over partitions

The driver reads the inputs (bad ones are reported exactly as `kg extract` reports them) and
cuts the documents, in input order, into partitions of `partition_size` documents. A
partition's name is the digest of its documents' ids and content hashes, so the same inputs
give the same partitions on every run. Each partition is extracted whole (read → extract →
resolve, `kg.pipeline.Pipeline`) and written to `out/part-<name>.<fmt>` through a temporary
file and a rename; then one line is appended to `out/manifest.jsonl` naming the partition, its
file, its documents and where they were read from. A run over the same inputs skips every
partition the manifest lists whose file is there, so a run killed at any moment (a worker, the
driver) and run again writes every article exactly once: a partition's file is either whole
or absent, and a file written but not yet listed is written again under the same name.

On Ray (`pip install 'kg[ray]'`): `ray.data.from_items(partitions).map_batches(...)` with an
actor pool, so each worker process loads spaCy once and extracts partition after partition;
the workers write the files, the driver appends the manifest as results stream back. Ray is
started locally when RAY_ADDRESS is unset and joins the cluster it names otherwise (as
`ray.init()` does). kg has no scheduler of its own: Ray places, retries and streams the work.

The files' formats (JSONL, Parquet with its columns) are kg.core.assertion_files's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kg.core.assertion_files import FORMATS, PARTITION_SIZE, WRITERS
from kg.core.errors import ArgumentError, InputError
from kg.core.model import Assertion, Document
from kg.pipeline import Pipeline, read
from kg.store.rows import content_hash

MANIFEST = "manifest.jsonl"


@dataclass(frozen=True)
class Partition:
    """Documents extracted and written together; `name` is fixed by what they are."""

    name: str
    documents: tuple[Document, ...]

    @classmethod
    def of(cls, documents: list[Document]) -> Partition:
        digest = hashlib.sha256()
        for document in documents:
            digest.update(f"{document.id}\x1f{content_hash(document)}\x1e".encode("utf-8", "surrogatepass"))
        return cls(digest.hexdigest()[:16], tuple(documents))


@dataclass
class PartitionedRun:
    """Where a partitioned extraction writes, in what format, and how it cuts its input."""

    out: Path
    fmt: str = "jsonl"
    partition_size: int = PARTITION_SIZE
    min_confidence: float = 0.0

    def file(self, partition: str) -> Path:
        return self.out / f"part-{partition}.{self.fmt}"

    def done(self) -> dict[str, dict[str, Any]]:
        """The partitions the manifest lists whose file is there, by name."""
        manifest = self.out / MANIFEST
        if not manifest.exists():
            return {}
        found = {}
        for line in manifest.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a line cut by a kill: its partition is simply done again
            if isinstance(entry, dict) and (self.out / str(entry.get("file"))).exists():
                found[entry["partition"]] = entry
        return found

    def record(self, entry: dict[str, Any]) -> None:
        with (self.out / MANIFEST).open("a", encoding="utf-8") as manifest:
            manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
            manifest.flush()
            os.fsync(manifest.fileno())


@dataclass
class PartitionedReport:
    documents: int = 0  # read in this run
    assertions: int = 0  # written in this run
    partitions: int = 0  # written in this run
    skipped: int = 0  # partitions a previous run had finished
    errors: list[InputError] = field(default_factory=list)


def partitions(documents: Iterable[Document], size: int) -> Iterator[Partition]:
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= size:
            yield Partition.of(chunk)
            chunk = []
    if chunk:
        yield Partition.of(chunk)


class PartitionWorker:
    """Extracts and writes whole partitions; the pipeline is loaded once per worker."""

    def __init__(self, run: PartitionedRun) -> None:
        self.run = run
        self.pipeline = Pipeline()

    def __call__(self, partition: Partition) -> dict[str, Any]:
        """The partition's manifest entry; one with an `error` (nothing written) when the
        partition cannot be extracted or written, so the others go on."""
        entry: dict[str, Any] = {
            "partition": partition.name,
            "file": self.run.file(partition.name).name,
            "documents": [d.id for d in partition.documents],
            "inputs": sorted({d.where or d.source or d.id for d in partition.documents}),
        }
        try:
            assertions: list[Assertion] = []
            for _document, found in self.pipeline.assertions_many(partition.documents):
                assertions.extend(a for a in found if a.stated_confidence >= self.run.min_confidence)
            target = self.run.file(partition.name)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            WRITERS[self.run.fmt](assertions, temporary)
            os.replace(temporary, target)
        except (OSError, ValueError, MemoryError, RecursionError) as exc:
            return {**entry, "error": f"{type(exc).__name__}: {exc}"}
        return {**entry, "assertions": len(assertions)}


def extract_partitioned(
    paths: Iterable[str],
    run: PartitionedRun,
    *,
    workers: int = 1,
    ray: bool = False,
    on_error: Callable[[InputError], None] | None = None,
    on_partition: Callable[[dict[str, Any]], None] | None = None,
    published: str | None = None,
) -> PartitionedReport:
    """Extract every document under `paths` into `run.out`, partition by partition, skipping
    the partitions an earlier run finished; `workers` processes here, or Ray's actor pool
    (`workers` actors; the cluster's CPUs when 0)."""
    if run.fmt not in FORMATS:
        raise ValueError(f"unknown format {run.fmt!r}: one of {', '.join(FORMATS)}")
    run.out.mkdir(parents=True, exist_ok=True)
    report = PartitionedReport()
    finished = run.done()
    todo = []
    for partition in partitions(
        read(paths, errors=report.errors, on_error=on_error, published=published), run.partition_size
    ):
        report.documents += len(partition.documents)
        if partition.name in finished:
            report.skipped += 1
        else:
            todo.append(partition)
    results = _on_ray(todo, run, workers) if ray else _here(todo, run, workers)
    for entry in results:
        if "error" in entry:
            failed = InputError(
                ", ".join(entry["inputs"])[:300], f"partition {entry['partition']}: {entry['error']}"
            )
            report.errors.append(failed)
            if on_error is not None:
                on_error(failed)
            continue
        run.record(entry)
        report.partitions += 1
        report.assertions += entry["assertions"]
        if on_partition is not None:
            on_partition(entry)
    return report


def _here(todo: list[Partition], run: PartitionedRun, workers: int) -> Iterator[dict[str, Any]]:
    if not todo:
        return
    if workers <= 1:
        worker = PartitionWorker(run)
        for partition in todo:
            yield worker(partition)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(run,)) as pool:
        yield from pool.map(_in_worker, todo)


_WORKER: PartitionWorker | None = None


def _start_worker(run: PartitionedRun) -> None:
    global _WORKER
    _WORKER = PartitionWorker(run)


def _in_worker(partition: Partition) -> dict[str, Any]:
    assert _WORKER is not None
    return _WORKER(partition)


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """File descriptor 2 to /dev/null for a moment (Python's exceptions still propagate)."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _on_ray(todo: list[Partition], run: PartitionedRun, workers: int) -> Iterator[dict[str, Any]]:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ArgumentError("--ray needs Ray: pip install 'kg[ray]'") from exc
    if not todo:
        return
    for name in ("ray", "ray.data"):  # kg prints its own one-line errors and summary
        logging.getLogger(name).setLevel(logging.ERROR)
        for handler in logging.getLogger(name).handlers:
            handler.setLevel(logging.ERROR)
    started = not ray.is_initialized()
    if started:
        os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
        with _quiet_stderr():  # Ray's C++ core says at start which log level it took
            ray.init(logging_level=logging.ERROR, log_to_driver=False, include_dashboard=False)
    try:
        yield from _map_on_ray(ray, todo, run, workers)
    finally:
        if started:  # stops a local Ray kg started; from a cluster (RAY_ADDRESS) it only disconnects
            ray.shutdown()


def _map_on_ray(
    ray: Any, todo: list[Partition], run: PartitionedRun, workers: int
) -> Iterator[dict[str, Any]]:
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    actors = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))

    class RayWorker:  # one per actor: spaCy loaded once, then partition after partition
        def __init__(self) -> None:
            self.worker = PartitionWorker(run)

        def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
            done = []
            for name, documents in zip(batch["name"], batch["documents"], strict=True):
                partition = Partition(name, tuple(Document(**d) for d in json.loads(documents)))
                done.append(json.dumps(self.worker(partition)))
            return {"entry": done}

    # plain columns (Arrow-friendly): the partition's name and its documents as JSON
    items = [{"name": p.name, "documents": json.dumps([asdict(d) for d in p.documents])} for p in todo]
    dataset = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
        RayWorker,
        batch_size=1,
        compute=ray.data.ActorPoolStrategy(size=min(actors, len(items))),
        num_cpus=1,
        batch_format="default",
    )
    for row in dataset.iter_rows():
        yield json.loads(row["entry"])


def manifest_files(out: Path) -> list[str]:
    """The assertion files a partitioned run's manifest lists (and that are there), in the
    order they were finished."""
    return [str(out / entry["file"]) for entry in PartitionedRun(out).done().values()]


__all__ = [
    "FORMATS",
    "MANIFEST",
    "Partition",
    "PartitionWorker",
    "PartitionedReport",
    "PartitionedRun",
    "extract_partitioned",
    "manifest_files",
    "partitions",
]
