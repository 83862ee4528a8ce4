"""Smoke tests of the benchmarks (extract, memory), the corpus generator and the report.

The benchmarks run as users run them, `python -m bench NAME --scale smoke` from the repository
root (bench is not installed); no assertion here depends on how fast anything is.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after site-packages: bench from here, kg from the installation

from benchtools import run_bench  # noqa: E402

from bench import corpus, report  # noqa: E402
from bench.__main__ import load  # noqa: E402

pytestmark = pytest.mark.bench


def bench(tmp_path_factory, name: str) -> tuple[dict, str]:
    out = tmp_path_factory.mktemp(name) / "result.json"
    done = run_bench(name, "--scale", "smoke", "--json", out, cwd=out.parent)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text()), done.stdout


@pytest.fixture(scope="module")
def extract_run(tmp_path_factory):
    return bench(tmp_path_factory, "extract")


@pytest.fixture(scope="module")
def memory_run(tmp_path_factory):
    return bench(tmp_path_factory, "memory")


def check_figures(result: dict) -> None:
    assert result["figures"]
    for f in result["figures"]:
        assert f["measured"] > 0 and f["baseline"] > 0
        assert f["ratio"] == pytest.approx(f["measured"] / f["baseline"], rel=0.01)
        if f["target"] is not None:
            assert f["met"] == (f["ratio"] <= f["target"] if f["at_most"] else f["ratio"] >= f["target"])
    for series in result["series"]:
        assert series["points"] and all(x > 0 and y > 0 for x, y in series["points"])


# -- the corpus generator -------------------------------------------------------------------------


def test_corpus_is_deterministic_and_a_prefix_of_larger_ones():
    five = list(corpus.generate(5, seed=3))
    assert five == list(corpus.generate(5, seed=3))
    assert list(corpus.generate(2, seed=3)) == five[:2]
    assert [r["text"] for r in corpus.generate(5, seed=4)] != [r["text"] for r in five]
    assert len({r["id"] for r in five}) == 5
    for record in five:
        assert set(record) == {"id", "title", "text", "published"}
        assert record["title"] and "{" not in record["text"] and "}" not in record["text"]
        assert len(record["published"]) == 10 and record["published"][4] == "-"


def test_corpus_command_writes_jsonl_that_kg_reads(tmp_path):
    from kg.core.model import Document
    from kg.loaders.readers import read_documents

    done = run_bench("corpus", "--articles", "3", "--out", tmp_path, "--seed", "9", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    documents = list(read_documents([str(tmp_path / "articles.jsonl")]))
    assert [d.id for d in documents] == [r["id"] for r in corpus.generate(3, seed=9)]
    assert all(isinstance(d, Document) and d.published for d in documents)


def test_kg_extracts_many_kinds_of_assertions_from_generated_articles():
    from kg.core.model import Document
    from kg.loaders.readers import parse_record
    from kg.pipeline import Pipeline

    records = list(corpus.generate(8, seed=5))
    documents = [parse_record(json.dumps(r), r["id"], r["id"]) for r in records]
    assert all(isinstance(d, Document) for d in documents)
    found = [a for _, assertions in Pipeline().assertions_many(documents) for a in assertions]
    per_article = Counter(a.doc for a in found)
    assert set(per_article) == {r["id"] for r in records}  # every article yields assertions
    assert len({a.predicate for a in found}) >= 8
    # titled first mentions make LEADER_OF / OFFICIAL_OF facts between generated people and countries
    titles = {
        a.predicate for a in found if a.subject.entity.type == "Person" and a.object.entity.type == "Country"
    }
    assert {"LEADER_OF", "OFFICIAL_OF"} <= titles


def test_fast_trigger_matching_gives_spacy_matcher_matches():
    """The extractor runs the rules only where a rule's first word occurs; same matches, same order."""
    from spacy.matcher import Matcher

    from kg.loaders.extractor import Extractor
    from kg.loaders.lexicon import event_rules

    extractor = Extractor()
    plain = Matcher(extractor.nlp.vocab)
    for rule in event_rules():
        plain.add(rule.id, [rule.pattern])
    texts = [r["text"] for r in corpus.generate(6, seed=8)] + [
        "On the invitation of the president, troops arrived. They came at an appeal of the king.",
        "Police opened fire on protesters and locked up dozens; officials called on the army to "
        "stop, and the ministry called for calm.",
        "",
    ]
    for doc in extractor.nlp.pipe(texts):
        assert extractor.matcher(doc) == plain(doc)
    assert any(extractor.matcher(doc) for doc in extractor.nlp.pipe(texts[-3:-1]))


# -- the benchmarks --------------------------------------------------------------------------------


def test_extract_benchmark_smoke(extract_run):
    result, markdown = extract_run
    assert result["name"] == "extract" and result["scale"] == "smoke"
    check_figures(result)
    for size in result["sizes"]:
        assert size["sentences"] > size["articles"] > 0 and size["assertions"] > 0
        assert size["same_assertions_with_two_workers"]
        assert all(v > 0 for v in size["per_s"].values())
    top = result["sizes"][-1]["per_s"]
    first, second, long = result["figures"]
    assert first["ratio"] == pytest.approx(top["kg"] / top["bare"], rel=0.01)
    assert second["ratio"] == pytest.approx(top["kg2"] / top["kg"], rel=0.01)
    # single long articles: each extracted whole, time per character against the shortest
    lengths = [r["characters"] for r in result["long"]]
    assert lengths == sorted(lengths) and all(r["assertions"] > 0 for r in result["long"])
    assert long["at_most"] and long["ratio"] == pytest.approx(
        result["long"][-1]["us_per_char"] / result["long"][0]["us_per_char"], rel=0.05
    )
    assert "| characters | seconds | assertions | µs per character |" in markdown
    assert markdown.startswith("## Extraction") and "| figure | measured | baseline |" in markdown
    assert "python -m bench extract --scale smoke" in markdown


def test_memory_benchmark_smoke(memory_run):
    result, markdown = memory_run
    check_figures(result)
    small, large = result["sizes"]
    for size in (small, large):
        assert size["peak_pss_mib"] > 50 and size["engine_peak_mib"] > 0
        assert size["summary"]["new_articles"] == size["articles"] and size["summary"]["assertions"] > 0
    again = result["reingest"]["again"]["summary"]
    assert again["unchanged"] == small["articles"] and again["articles"] == 0
    flat, limit, reingest = result["figures"]
    assert flat["ratio"] == pytest.approx(large["peak_pss_mib"] / small["peak_pss_mib"], rel=0.01)
    assert limit["measured"] == pytest.approx(large["total_peak_mib"], rel=0.01)
    assert reingest["unit"] == "articles/s"
    assert markdown.startswith("## Memory") and "| figure | measured | baseline |" in markdown


# -- the runner and the report ------------------------------------------------------------------------


def test_report_writes_docs_and_keeps_the_hand_written_part(tmp_path, extract_run, memory_run):
    results = [extract_run[0], memory_run[0]]
    sections = [extract_run[1], memory_run[1]]
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\n## Extraction quality\n\nHand-written figures.\n")
    for _ in range(2):  # a second run replaces the generated part, it does not add another
        report.write_docs(
            tmp_path, results, sections, "python -m bench all --scale smoke", 42.0, missing=["query"]
        )
    text = page.read_text()
    assert text.count(report.BEGIN) == 1 and text.count(report.END) == 1
    assert text.startswith("# Benchmarks\n\n## Extraction quality\n\nHand-written figures.")
    assert "## Extraction\n" in text and "## Memory\n" in text and "`bench/query.py` is missing" in text
    assert f"{report.machine()['cores']} cores" in text and "throughput.png" in text
    raw = json.loads((tmp_path / "benchmarks.json").read_text())
    assert [r["name"] for r in raw["results"]] == ["extract", "memory"]
    assert (tmp_path / "throughput.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_runner_skips_a_missing_benchmark_with_a_message(capsys):
    assert load("no_such_benchmark") is None
    assert "bench/no_such_benchmark.py is missing" in capsys.readouterr().err
    assert load("extract").markdown
