"""The `kg` command line: a thin layer over kg.extraction and kg.evaluate."""
from __future__ import annotations

import json
import sys

import click

from kg.errors import InputError, KgError

FORMATS = ["jsonl", "ttl", "table"]


def _error(item: InputError | str) -> None:
    click.echo(f"error: {item}", err=True)


@click.group()
@click.version_option(package_name="kg")
def main() -> None:
    """kg: news articles in, ontology-typed, sourced triples out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl: one assertion a line; ttl: RDF (reified, PROV-O); table: for reading.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="spaCy parser processes.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write here instead of standard output.")
def extract(paths: tuple[str, ...], fmt: str, workers: int, output) -> None:
    """Extract assertions from articles: .txt/.md/.html/.jsonl files, directories, or - for stdin.

    \b
    Example:
      kg extract examples/ --format table
      cat article.txt | kg extract - > assertions.jsonl
    """
    from kg.extraction import ExtractionReport, extract_paths

    report = ExtractionReport()
    try:
        stream = extract_paths(paths, workers=workers, report=report, on_error=_error)
        if fmt == "jsonl":
            for assertion in stream:
                output.write(json.dumps(assertion.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "ttl":
            from kg.rdf_export import to_turtle

            output.write(to_turtle(list(stream)))
        else:
            output.write(_table(list(stream)))
    except KgError as exc:
        _error(str(exc))
        sys.exit(2)
    _summary(report.documents, report.assertions, report.errors)
    if report.errors:
        sys.exit(1)


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
@click.argument("gold", nargs=-1, required=True)
@click.option("--pred", "pred", multiple=True, help="Predicted assertions (jsonl from kg extract).")
@click.option("--input", "inputs", multiple=True, help="Articles to extract first, instead of --pred.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="List each false positive and false negative.")
def evaluate(gold: tuple[str, ...], pred: tuple[str, ...], inputs: tuple[str, ...], workers: int,
             verbose: bool) -> None:
    """Score predictions against gold triples (P/R/F1 as the eval guideline defines).

    \b
    Example:
      kg eval article.gold.jsonl --input article.txt -v
      kg eval article.gold.jsonl --pred assertions.jsonl
    """
    from kg.evaluate import format_report, load_gold, load_predictions, score

    if bool(pred) == bool(inputs):
        raise click.UsageError("give either --pred PRED.jsonl or --input ARTICLE (not both)")
    gold_lines, errors = load_gold(gold)
    for item in errors:
        _error(item)
    if pred:
        predictions, pred_errors = load_predictions(pred)
    else:
        from kg.extraction import ExtractionReport, extract_paths

        report = ExtractionReport()
        try:
            predictions = [a.to_dict() for a in extract_paths(inputs, workers=workers, report=report,
                                                              on_error=_error)]
        except KgError as exc:
            _error(str(exc))
            sys.exit(2)
        pred_errors = report.errors
    for item in pred_errors if pred else []:
        _error(item)
    click.echo(format_report(score(gold_lines, predictions), verbose=verbose))
    if errors or pred_errors:
        sys.exit(1)


from kg import cli_graph, cli_neo4j  # noqa: E402  (the graph commands attach themselves to `main`)

cli_graph.register(main)
cli_neo4j.register(main)

if __name__ == "__main__":
    main()
