"""`kg extract` and `kg eval`: articles to assertions, and assertions scored against gold."""

from __future__ import annotations

import sys

import click

from kg.cli.base import check_out_dir, partition_workers, published_option
from kg.cli.output import ASSERTION_FORMATS, check_output, print_error
from kg.core.assertion_files import PARTITION_SIZE
from kg.core.errors import EXIT_INPUT, ArgumentError


def register(main: click.Group) -> None:
    main.add_command(extract)
    main.add_command(evaluate)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*ASSERTION_FORMATS, "parquet"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one assertion a line; ttl: RDF (reified, PROV-O); table: for reading; "
    "parquet (with --out-dir): columns for analysis plus each assertion's JSONL record.",
)
@click.option(
    "--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="spaCy parser processes."
)
@click.option("-o", "--output", metavar="FILE", default="-", help="Write here instead of standard output.")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Write only the assertions of this confidence or more (docs/benchmarks.md: the "
    "precision each band has on news it was not written on); 0 writes all.",
)
@click.option(
    "--out-dir",
    metavar="DIR",
    help="Write assertion files by partition into DIR, with a manifest; a run again over the same "
    "inputs skips the partitions already written (resume after a failure).",
)
@click.option(
    "--ray",
    "on_ray",
    is_flag=True,
    help="Extract on Ray (needs --out-dir; pip install 'kg[ray]'): a local Ray, or the cluster "
    "RAY_ADDRESS names; --workers actors (default: one per CPU).",
)
@click.option(
    "--partition-size",
    type=click.IntRange(1, 1_000_000),
    default=PARTITION_SIZE,
    show_default=True,
    help="Documents per partition (with --out-dir).",
)
@published_option
def extract(
    paths: tuple[str, ...],
    fmt: str,
    workers: int,
    output: str,
    min_confidence: float,
    out_dir: str | None,
    on_ray: bool,
    partition_size: int,
    published: str | None,
) -> None:
    """Extract assertions from articles: .txt/.md/.html/.jsonl files, directories, or - for stdin.

    \b
    Example:
      kg extract examples/ --format table
      cat article.txt | kg extract - > assertions.jsonl
      kg extract feed.jsonl --out-dir found/ --ray --format parquet
    """
    from kg.pipeline import ExtractionReport, extract_paths

    if out_dir is not None or on_ray:
        options = (fmt, workers, output, min_confidence, out_dir, on_ray, partition_size, published)
        _extract_partitioned(paths, *options)
        return
    if fmt == "parquet":
        raise ArgumentError("--format parquet writes files by partition: give --out-dir DIR")
    check_output(output)
    report = ExtractionReport()
    stream = extract_paths(paths, workers=workers, report=report, on_error=print_error, published=published)
    below: list[int] = [0]
    if min_confidence > 0:
        stream = _at_least(stream, min_confidence, below)
    with click.open_file(output, "w", encoding="utf-8") as out:
        ASSERTION_FORMATS[fmt](stream, out)
    _summary(report.documents, report.assertions - below[0], report.errors)
    if below[0]:
        click.echo(f"{below[0]} assertion(s) below --min-confidence {min_confidence} left out", err=True)
    if report.errors:
        sys.exit(EXIT_INPUT)


def _extract_partitioned(
    paths: tuple[str, ...],
    fmt: str,
    workers: int,
    output: str,
    min_confidence: float,
    out_dir: str | None,
    on_ray: bool,
    partition_size: int,
    published: str | None,
) -> None:
    from pathlib import Path

    from kg.partitioned import FORMATS, PartitionedRun, extract_partitioned

    if out_dir is None:
        raise ArgumentError("--ray writes assertion files by partition: give --out-dir DIR")
    if output != "-":
        raise ArgumentError("-o and --out-dir: give one (--out-dir writes a file per partition)")
    if fmt not in FORMATS:
        raise ArgumentError(f"--out-dir writes {' or '.join(FORMATS)}, not {fmt}")
    check_out_dir(paths, out_dir, "--out-dir")
    run = PartitionedRun(Path(out_dir), fmt, partition_size, min_confidence)
    report = extract_partitioned(
        paths,
        run,
        workers=partition_workers(workers, on_ray),
        ray=on_ray,
        on_error=print_error,
        published=published,
    )
    line = (
        f"{report.documents} document(s) in {report.partitions + report.skipped} partition(s): "
        f"{report.partitions} written ({report.assertions} assertion(s)), {report.skipped} already done"
    )
    if report.errors:
        line += f"; {len(report.errors)} input(s) skipped (see errors above)"
    click.echo(f"{line}; manifest: {Path(out_dir) / 'manifest.jsonl'}", err=True)
    if report.errors:
        sys.exit(EXIT_INPUT)


def _at_least(stream, minimum: float, below: list[int]):
    """The assertions of `stream` of confidence `minimum` or more; `below[0]` counts the rest."""
    for assertion in stream:
        if assertion.stated_confidence >= minimum:
            yield assertion
        else:
            below[0] += 1


def _summary(documents: int, assertions: int, errors: list) -> None:
    line = f"{documents} document(s), {assertions} assertion(s)"
    if errors:
        line += f"; {len(errors)} input(s) skipped (see errors above)"
    click.echo(line, err=True)


@click.command("eval")
@click.argument("gold", nargs=-1, required=True, metavar="GOLD.gold.jsonl...")
@click.option(
    "--pred",
    "pred",
    multiple=True,
    metavar="PRED.jsonl",
    help="Predicted assertions (jsonl from kg extract); repeat for more files, - for stdin.",
)
@click.option(
    "--input",
    "inputs",
    multiple=True,
    metavar="ARTICLE",
    help="Articles to extract first, instead of --pred; repeat for more, - for stdin.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="spaCy parser processes (with --input).",
)
@click.option("-v", "--verbose", is_flag=True, help="List each false positive and false negative.")
@published_option
def evaluate(
    gold: tuple[str, ...],
    pred: tuple[str, ...],
    inputs: tuple[str, ...],
    workers: int,
    verbose: bool,
    published: str | None,
) -> None:
    """Score predictions against gold triples (P/R/F1 as the eval guideline defines).

    Every positional file must be a gold file (named *.gold.jsonl, or holding lines with
    "s", "p" and "o"); give several articles or prediction files by repeating --input or --pred.

    \b
    Example:
      kg eval article.gold.jsonl --input article.txt -v
      kg eval a.gold.jsonl b.gold.jsonl --input a.txt --input b.txt
      kg extract articles/ | kg eval articles.gold.jsonl --pred -
    """
    from kg.evaluate import format_report, load_gold, load_predictions, score

    if pred and inputs:
        raise click.UsageError("give either --pred PRED.jsonl or --input ARTICLE, not both")
    if not pred and not inputs:
        raise click.UsageError(
            "give the predictions to score: --pred PRED.jsonl (from kg extract), "
            "or --input ARTICLE to extract them first"
        )
    option = "--pred" if pred else "--input"
    _check_gold_files(gold, option)
    _check_stdin_once(pred or inputs, option)
    gold_lines, errors = load_gold(gold)
    for item in errors:
        print_error(item)
    if pred:
        predictions, pred_errors = load_predictions(pred)
        for item in pred_errors:
            print_error(item)
    else:
        from kg.pipeline import ExtractionReport, extract_paths

        report = ExtractionReport()
        predictions = [
            a.to_dict()
            for a in extract_paths(
                inputs, workers=workers, report=report, on_error=print_error, published=published
            )
        ]
        pred_errors = report.errors
    click.echo(format_report(score(gold_lines, predictions), verbose=verbose))
    if errors or pred_errors:
        sys.exit(EXIT_INPUT)


def _check_gold_files(paths: tuple[str, ...], option: str) -> None:
    """Each positional file of `kg eval` must be a gold file: `kg eval G --input A B` reads B
    as gold, so say so (ArgumentError, exit 2). A gold file that cannot be read is an
    InputError (exit 1)."""
    from kg.evaluate import GOLD_SUFFIX, is_gold_file

    for path in paths:
        if not is_gold_file(path):
            raise ArgumentError(
                f"{path} is not a gold file (gold files end in {GOLD_SUFFIX} or hold lines with "
                f'"s", "p" and "o"); to give several files, repeat the option: '
                f"{option} FILE1 {option} FILE2"
            )


def _check_stdin_once(paths: tuple[str, ...], option: str) -> None:
    if paths.count("-") > 1:
        raise ArgumentError(f"{option} - (standard input) can be given only once")
