"""The `kg` command line: a thin layer over kg.pipeline and kg.evaluate.

`main` is a KgGroup: the one place where a failure the user can fix (a KgError, an OSError
such as an unwritable KG_HOME, Ctrl-C) becomes one line on stderr, `error: ...`, and an exit
code (kg.core.errors.exit_code). Commands raise; they do not print errors and exit themselves.
"""
from __future__ import annotations

import errno
import json
import os
import sys
from typing import Any

import click

from kg.cli.output import check_output, print_error
from kg.core.errors import (
    EXIT_ERROR,
    EXIT_INPUT,
    OUT_OF_MEMORY,
    ArgumentError,
    KgError,
    exit_code,
    out_of_memory,
)

FORMATS = ["jsonl", "ttl", "table"]


class KgGroup(click.Group):
    """A click group that turns KgError, OSError and KeyboardInterrupt raised by any of its
    commands (and their option callbacks) into one error line and an exit code. With
    KG_DEBUG=1 they propagate, traceback and all. Click's own usage errors pass through."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (KgError, OSError, KeyboardInterrupt) as exc:
            if _debugging() or _broken_pipe(exc):
                raise  # click ends a broken pipe (`kg query ... | head`) quietly itself
            print_error("interrupted" if isinstance(exc, KeyboardInterrupt) else exc)
            ctx.exit(exit_code(exc))
        except (MemoryError, RecursionError, ImportError) as exc:
            if _debugging():
                raise
            print_error(_exhausted(exc))
            ctx.exit(EXIT_ERROR)
        except Exception as exc:  # under a low memory cap, libraries fail in ways of their own
            if _debugging() or not out_of_memory(exc):
                raise
            print_error(OUT_OF_MEMORY)
            ctx.exit(EXIT_ERROR)


def _exhausted(exc: BaseException) -> str:
    """The one line for a resource kg ran out of, or a module it could not load (under a
    memory limit, loading a compiled module fails with an ImportError saying so)."""
    if isinstance(exc, RecursionError):
        return ("a value is nested too deeply to be handled (Python's recursion limit); "
                "give a flatter value")
    if out_of_memory(exc):
        return OUT_OF_MEMORY
    name = getattr(exc, "name", None) or "a module"
    return f"cannot load {name} ({' '.join(str(exc).split())}); reinstall kg (pip install .)"


def _debugging() -> bool:
    return os.environ.get("KG_DEBUG", "") not in ("", "0")


def _broken_pipe(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno == errno.EPIPE


@click.group(cls=KgGroup)
@click.version_option(package_name="kg")
def main() -> None:
    """kg: news articles in, ontology-typed, sourced triples out.

    Errors are one line on stderr; the exit code is 1 when an input was skipped, 2 for a bad
    argument or an engine, query or environment error. KG_DEBUG=1 shows tracebacks.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl: one assertion a line; ttl: RDF (reified, PROV-O); table: for reading.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="spaCy parser processes.")
@click.option("-o", "--output", metavar="FILE", default="-",
              help="Write here instead of standard output.")
def extract(paths: tuple[str, ...], fmt: str, workers: int, output: str) -> None:
    """Extract assertions from articles: .txt/.md/.html/.jsonl files, directories, or - for stdin.

    \b
    Example:
      kg extract examples/ --format table
      cat article.txt | kg extract - > assertions.jsonl
    """
    from kg.pipeline import ExtractionReport, extract_paths

    check_output(output)
    report = ExtractionReport()
    stream = extract_paths(paths, workers=workers, report=report, on_error=print_error)
    with click.open_file(output, "w", encoding="utf-8") as out:
        if fmt == "jsonl":
            for assertion in stream:
                out.write(json.dumps(assertion.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "ttl":
            from kg.exporters.rdf_assertions import to_turtle

            out.write(to_turtle(list(stream)))
        else:
            out.write(_table(list(stream)))
    _summary(report.documents, report.assertions, report.errors)
    if report.errors:
        sys.exit(EXIT_INPUT)


def _summary(documents: int, assertions: int, errors: list) -> None:
    line = f"{documents} document(s), {assertions} assertion(s)"
    if errors:
        line += f"; {len(errors)} input(s) skipped (see errors above)"
    click.echo(line, err=True)


def _table(assertions) -> str:
    rows = [("doc", "#", "subject", "predicate", "object", "modality", "conf", "rule")]
    for a in assertions:
        rows.append((a.doc, str(a.sentence.index), a.subject.entity.name, a.predicate,
                     a.object.entity.name, a.qualifiers.modality, f"{a.confidence:.2f}", a.rule))
    widths = [min(40, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    lines = ["  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


@main.command("eval")
@click.argument("gold", nargs=-1, required=True, metavar="GOLD.gold.jsonl...")
@click.option("--pred", "pred", multiple=True, metavar="PRED.jsonl",
              help="Predicted assertions (jsonl from kg extract); repeat for more files, - for stdin.")
@click.option("--input", "inputs", multiple=True, metavar="ARTICLE",
              help="Articles to extract first, instead of --pred; repeat for more, - for stdin.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="spaCy parser processes (with --input).")
@click.option("-v", "--verbose", is_flag=True, help="List each false positive and false negative.")
def evaluate(gold: tuple[str, ...], pred: tuple[str, ...], inputs: tuple[str, ...], workers: int,
             verbose: bool) -> None:
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
        raise click.UsageError("give the predictions to score: --pred PRED.jsonl (from kg extract), "
                               "or --input ARTICLE to extract them first")
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
        predictions = [a.to_dict() for a in extract_paths(inputs, workers=workers, report=report,
                                                          on_error=print_error)]
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
                f"\"s\", \"p\" and \"o\"); to give several files, repeat the option: "
                f"{option} FILE1 {option} FILE2")


def _check_stdin_once(paths: tuple[str, ...], option: str) -> None:
    if paths.count("-") > 1:
        raise ArgumentError(f"{option} - (standard input) can be given only once")


from kg.cli import browse, graph, neo4j  # noqa: E402  (the graph commands attach themselves to `main`)

graph.register(main)
neo4j.register(main)
browse.register(main)
