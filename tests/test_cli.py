"""The `kg` command line, end to end through click's CliRunner: extract and eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from filetools import write
from rdflib import Graph

from kg.cli import main
from kg.core.model import Document
from kg.loaders.readers import read_documents

CHAD = (
    "Chad and France agree on new security talks\n"
    "\n"
    "Chadian President Mahamat Oumar met with French Foreign Minister Anne Leclerc in "
    "N'Djamena, Chad, on Tuesday. Oumar said the two countries would sign a defence "
    "agreement next month.\n"
)
KENYA_MD = (
    "# Kenya hosts regional talks\n"
    "\n"
    "Kenyan President William Mwangi met with Ethiopian Prime Minister Abebe Tesfaye in "
    "Nairobi, Kenya, on Monday.\n"
)
PERU_TEXT = (
    "Peruvian President Lucia Quispe met with Chilean Foreign Minister Tomas Rojas in Lima, Peru, on Friday."
)
NORWAY_HTML = """<!DOCTYPE html>
<html><head><title>Norway and Sweden discuss Arctic cooperation</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Norway and Sweden discuss Arctic cooperation</h1>
<p>Norwegian Prime Minister Ingrid Solberg met with Swedish Foreign Minister Lars Lindqvist
in Oslo, Norway, on Wednesday to discuss cooperation in the Arctic.</p>
<p>The two ministers said their governments would hold further talks on fishing rights and
shipping routes in the coming months, officials in both capitals said.</p>
</article>
<footer>Copyright 2024 Example News</footer>
</body></html>
"""

ASSERTION_KEYS = {"doc", "predicate", "subject", "object", "qualifiers", "sentence", "confidence", "rule"}
QUALIFIER_KEYS = {"modality", "attributed_to", "date", "count", "role", "former"}


# --- helpers -------------------------------------------------------------------------


def run(*args: str, input: str | bytes | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    # A user error never becomes a traceback, whatever the exit code.
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def keys(rows: list[dict]) -> set[tuple[str, str, str, str]]:
    return {(r["doc"], r["subject"]["id"], r["predicate"], r["object"]["id"]) for r in rows}


def names(rows: list[dict]) -> set[tuple[str, str, str, str]]:
    return {(r["doc"], r["subject"]["name"], r["predicate"], r["object"]["name"]) for r in rows}


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.fixture(scope="module")
def chad_file(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("chad") / "chad-talks.txt", CHAD)


@pytest.fixture(scope="module")
def chad_run(chad_file):
    return run("extract", chad_file)


# --- extract: jsonl ----------------------------------------------------------------------


def test_extract_jsonl_exit_code_and_summary(chad_run):
    assert chad_run.exit_code == 0, chad_run.stderr
    assert chad_run.stderr.strip().splitlines()[-1].startswith("1 document(s), ")
    assert "skipped" not in chad_run.stderr
    assert not error_lines(chad_run)


def test_extract_jsonl_record_shape(chad_run):
    rows = records(chad_run)
    assert rows
    for row in rows:
        assert ASSERTION_KEYS <= set(row), row
        assert row["doc"] == "chad-talks"  # the file stem
        assert isinstance(row["predicate"], str) and row["predicate"].isupper()
        for side in ("subject", "object"):
            arg = row[side]
            assert {"id", "name", "type", "mention"} <= set(arg)
            assert set(arg["mention"]) >= {"text", "start", "end"}
            assert isinstance(arg["mention"]["start"], int) and isinstance(arg["mention"]["end"], int)
        assert QUALIFIER_KEYS <= set(row["qualifiers"])
        assert {"index", "text", "start", "end"} <= set(row["sentence"])
        assert 0.0 < row["confidence"] <= 1.0
        assert isinstance(row["rule"], str) and row["rule"]


def test_extract_jsonl_summary_counts_match_stdout(chad_run):
    n = len(records(chad_run))
    assert f"1 document(s), {n} assertion(s)" in chad_run.stderr


def test_extract_offsets_index_the_document_text(chad_file, chad_run):
    (doc,) = read_documents([str(chad_file)])
    assert isinstance(doc, Document)
    for row in records(chad_run):
        sent = row["sentence"]
        assert doc.text[sent["start"] : sent["end"]] == sent["text"]
        for side in ("subject", "object"):
            m = row[side]["mention"]
            assert doc.text[m["start"] : m["end"]] == m["text"], (side, row)
            assert sent["start"] <= m["start"] <= m["end"] <= sent["end"]


def test_extract_finds_the_expected_triples(chad_run):
    rows = records(chad_run)
    leader = [r for r in rows if r["predicate"] == "LEADER_OF" and r["subject"]["name"] == "Mahamat Oumar"]
    assert leader, rows
    (row,) = leader
    assert row["subject"]["type"] == "Person"
    assert row["object"]["name"] == "Chad" and row["object"]["type"] == "Country"
    assert row["object"]["mention"]["text"] == "Chadian"
    assert row["qualifiers"]["modality"] == "asserted"
    assert row["qualifiers"]["role"] == "president"
    assert row["qualifiers"]["former"] is False
    assert row["sentence"]["text"].startswith("Chadian President Mahamat Oumar met with")
    assert ("chad-talks", "Anne Leclerc", "OFFICIAL_OF", "France") in names(rows)


def test_extract_output_option_writes_file(chad_file, tmp_path, chad_run):
    out = tmp_path / "out.jsonl"
    result = run("extract", chad_file, "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert keys([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]) == keys(
        records(chad_run)
    )


# --- extract: table and ttl ----------------------------------------------------------------


def test_extract_table(chad_file):
    result = run("extract", chad_file, "--format", "table")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["doc", "#", "subject", "predicate", "object", "modality", "conf", "rule"]
    assert set(lines[1]) == {"-", " "} and lines[-1].endswith("rows)")
    assert any("LEADER_OF" in line and "Mahamat Oumar" in line and "Chad" in line for line in lines[2:-1])
    assert all(line.startswith("chad-talks") for line in lines[2:-1])  # not a terminal: no wrapping
    # the summary goes to stderr, not into the table
    assert "document(s)" not in result.stdout
    assert "1 document(s)" in result.stderr


def test_extract_ttl_parses_and_conforms(chad_file):
    from kg.exporters.rdf_assertions import validate

    result = run("extract", chad_file, "--format", "ttl")
    assert result.exit_code == 0, result.stderr
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) > 0
    conforms, report = validate(graph)
    assert conforms, report
    q = """
        PREFIX kg: <https://w3id.org/kg-geo/>
        SELECT ?name WHERE { ?a rdf:subject ?s ; rdf:predicate ?p . ?s ?nameprop ?name .
                             FILTER(STRSTARTS(STR(?p), STR(kg:)) && STRENDS(STR(?nameprop), "name")) }
    """
    assert "Mahamat Oumar" in {str(row[0]) for row in graph.query(q)}


# --- extract: directories, formats, stdin ----------------------------------------------------


def test_extract_directory_of_mixed_formats(tmp_path):
    root = tmp_path / "articles"
    write(root / "chad.txt", CHAD)
    write(root / "kenya.md", KENYA_MD)
    write(root / "feed.jsonl", json.dumps({"id": "peru-1", "text": PERU_TEXT}) + "\n")
    write(root / "norway.html", NORWAY_HTML)
    write(root / "notes.csv", "not,an,article\n")  # unknown extension in a directory: ignored
    result = run("extract", root)
    assert result.exit_code == 0, result.stderr
    assert not error_lines(result)
    rows = records(result)
    assert {r["doc"] for r in rows} == {"chad", "kenya", "peru-1", "norway"}
    assert "4 document(s)" in result.stderr
    found = names(rows)
    assert ("chad", "Mahamat Oumar", "LEADER_OF", "Chad") in found
    assert ("kenya", "William Mwangi", "LEADER_OF", "Kenya") in found
    assert ("peru-1", "Lucia Quispe", "LEADER_OF", "Peru") in found
    assert any(d == "norway" and s == "Ingrid Solberg" for d, s, _p, _o in found), found


def test_extract_stdin_plain_text():
    result = run("extract", "-", input=CHAD)
    assert result.exit_code == 0, result.stderr
    rows = records(result)
    assert rows
    docs = {r["doc"] for r in rows}
    assert len(docs) == 1 and next(iter(docs)).startswith("sha1:")
    assert any(r["predicate"] == "LEADER_OF" and r["subject"]["name"] == "Mahamat Oumar" for r in rows)


def test_extract_stdin_jsonl():
    line = json.dumps({"id": "peru-1", "text": PERU_TEXT})
    result = run("extract", "-", input=line + "\n")
    assert result.exit_code == 0, result.stderr
    rows = records(result)
    assert {r["doc"] for r in rows} == {"peru-1"}
    assert ("peru-1", "Lucia Quispe", "LEADER_OF", "Peru") in names(rows)


def test_extract_workers_two_matches_one(tmp_path):
    root = tmp_path / "w"
    write(root / "chad.txt", CHAD)
    write(root / "kenya.md", KENYA_MD)
    write(root / "feed.jsonl", json.dumps({"id": "peru-1", "text": PERU_TEXT}) + "\n")
    one = run("extract", root, "--workers", "1")
    two = run("extract", root, "--workers", "2")
    assert one.exit_code == 0 and two.exit_code == 0, (one.stderr, two.stderr)
    assert keys(records(one))
    assert keys(records(two)) == keys(records(one))
    assert len(records(two)) == len(records(one))


def test_extract_workers_out_of_range_is_usage_error(chad_file):
    result = run("extract", chad_file, "--workers", "0")
    assert result.exit_code == 2


# --- extract: bad inputs -----------------------------------------------------------------------


def test_extract_bad_batch_reports_each_problem_and_keeps_going(tmp_path):
    root = tmp_path / "batch"
    good = write(root / "a-good.txt", CHAD)
    binary = write(root / "b-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    latin1 = write(
        root / "c-latin1.txt", "Malian President Amadou Traor\u00e9 met officials.\n".encode("latin-1")
    )
    empty = write(root / "d-empty.txt", b"")
    feed = write(
        root / "e-feed.jsonl",
        json.dumps({"id": "peru-1", "text": PERU_TEXT})
        + "\n"
        + '{"id": "broken", "text": "unterminated\n'
        + json.dumps({"id": "no-text", "title": "Missing body"})
        + "\n",
    )
    result = run("extract", root)
    assert result.exit_code == 1

    errs = error_lines(result)
    assert len(errs) == 5, result.stderr
    assert any(str(binary) in e and "binary" in e for e in errs), errs
    assert any(f"{latin1}:1" in e and "UTF-8" in e for e in errs), errs
    assert any(str(empty) in e and "empty" in e for e in errs), errs
    assert any(f"{feed}:2" in e and "JSON" in e for e in errs), errs
    assert any(f"{feed}:3" in e and "'text'" in e for e in errs), errs
    assert not any(f"{feed}:1" in e for e in errs)
    assert all("\n" not in e for e in errs)

    rows = records(result)
    assert {r["doc"] for r in rows} == {good.stem, "peru-1"}
    assert ("a-good", "Mahamat Oumar", "LEADER_OF", "Chad") in names(rows)
    assert ("peru-1", "Lucia Quispe", "LEADER_OF", "Peru") in names(rows)

    summary = result.stderr.strip().splitlines()[-1]
    assert "2 document(s)" in summary
    assert "5 input(s) skipped" in summary


def test_extract_bad_inputs_given_as_files(tmp_path):
    # The same problems named one by one on the command line, not through a directory.
    good = write(tmp_path / "good.txt", CHAD)
    binary = write(tmp_path / "blob.txt", b"abc\x00def")
    result = run("extract", good, binary)
    assert result.exit_code == 1
    (err,) = error_lines(result)
    assert str(binary) in err
    assert {r["doc"] for r in records(result)} == {"good"}
    assert "1 input(s) skipped" in result.stderr


def test_extract_jsonl_line_with_empty_text(tmp_path):
    feed = write(tmp_path / "blank.jsonl", json.dumps({"id": "blank", "text": ""}) + "\n")
    result = run("extract", feed)
    assert result.exit_code == 0, result.stderr
    assert records(result) == []
    assert not error_lines(result)
    assert "1 document(s), 0 assertion(s)" in result.stderr


def test_extract_missing_path(tmp_path):
    missing = tmp_path / "nowhere" / "article.txt"
    result = run("extract", missing)
    assert result.exit_code == 1
    assert result.stdout == ""
    (err,) = error_lines(result)
    assert str(missing) in err and "does not exist" in err
    lines = result.stderr.strip().splitlines()
    assert lines[0] == err
    assert len(lines) <= 2  # the error, then at most the summary line


def test_extract_requires_a_path():
    result = run("extract")
    assert result.exit_code == 2


# --- eval --------------------------------------------------------------------------------------

GOLD = [
    {
        "doc": "g1",
        "s": ["Ilsa Varn", "Varn"],
        "p": "LEADER_OF",
        "o": ["Brelandia"],
        "evidence": "Brelandian President Ilsa Varn",
        "optional": False,
    },
    {
        "doc": "g1",
        "s": ["Otto Quill"],
        "p": "OFFICIAL_OF",
        "o": ["Brelandia"],
        "evidence": "Brelandian Trade Minister Otto Quill",
        "optional": False,
    },
    {
        "doc": "g1",
        "s": ["Ilsa Varn"],
        "p": "MET_WITH",
        "o": ["Mera Dusk"],
        "evidence": "Varn met with Mera Dusk",
        "optional": False,
    },
    {
        "doc": "g1",
        "s": ["Port Hesk"],
        "p": "LOCATED_IN",
        "o": ["Brelandia"],
        "evidence": "Port Hesk, Brelandia",
        "optional": True,
    },
]


def prediction(doc, subject, predicate, obj, sentence="", rule="test.rule", confidence=0.8):
    def arg(name):
        return {
            "id": "x:" + name.lower().replace(" ", "-"),
            "name": name,
            "type": "Person",
            "mention": {"text": name, "start": 0, "end": len(name)},
        }

    return {
        "doc": doc,
        "predicate": predicate,
        "subject": arg(subject),
        "object": arg(obj),
        "qualifiers": {
            "modality": "asserted",
            "attributed_to": None,
            "date": None,
            "count": None,
            "role": None,
            "former": False,
        },
        "sentence": {"index": 0, "text": sentence, "start": 0, "end": len(sentence)},
        "confidence": confidence,
        "rule": rule,
    }


PRED = [
    prediction("g1", "Ilsa Varn", "LEADER_OF", "Brelandia", "Brelandian President Ilsa Varn spoke."),
    # the same triple from a second sentence: a duplicate, neither TP nor FP
    prediction("g1", "Ilsa Varn", "LEADER_OF", "Brelandia", "Varn, the president, left.", confidence=0.6),
    prediction("g1", "Otto Quill", "OFFICIAL_OF", "Brelandia", "Trade Minister Otto Quill said."),
    # matches only the optional line: neither TP nor FP
    prediction("g1", "Port Hesk", "LOCATED_IN", "Brelandia", "Port Hesk, Brelandia, was quiet."),
    # two false positives
    prediction("g1", "Ilsa Varn", "VISITED", "Port Hesk", "Varn visited Port Hesk.", rule="visit.verb"),
    prediction("g1", "Mera Dusk", "OFFICIAL_OF", "Brelandia", "Mera Dusk arrived.", rule="title.prenominal"),
    # a document without gold lines: ignored
    prediction("elsewhere", "Ilsa Varn", "LEADER_OF", "Brelandia", "Ilsa Varn again."),
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    return write(path, "".join(json.dumps(r) + "\n" for r in rows))


@pytest.fixture
def eval_files(tmp_path):
    return write_jsonl(tmp_path / "g1.gold.jsonl", GOLD), write_jsonl(tmp_path / "pred.jsonl", PRED)


def test_eval_pred_scores_by_hand(eval_files):
    gold, pred = eval_files
    result = run("eval", gold, "--pred", pred)
    assert result.exit_code == 0, result.output
    # TP 2 (LEADER_OF, OFFICIAL_OF), FP 2 (VISITED, Mera Dusk OFFICIAL_OF), FN 1 (MET_WITH)
    # P = 2/4 = 0.500, R = 2/3 = 0.667, F1 = 2*0.5*0.6667/(0.5+0.6667) = 0.571
    lines = result.stdout.splitlines()
    assert lines[0] == "precision 0.500  recall 0.667  F1 0.571  (TP 2, FP 2, FN 1)"
    assert lines[1].startswith("required found 2/3  optional found 1/1")
    assert "ignored (no gold): elsewhere" in result.stdout
    assert not any(line.startswith(("FP ", "FN ")) for line in lines)


def test_eval_verbose_lists_fp_and_fn(eval_files):
    gold, pred = eval_files
    result = run("eval", gold, "--pred", pred, "-v")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    fps = [line for line in lines if line.startswith("FP ")]
    fns = [line for line in lines if line.startswith("FN ")]
    assert len(fps) == 2 and len(fns) == 1, lines
    assert any(
        "Ilsa Varn -VISITED-> Port Hesk" in line
        and "visit.verb" in line
        and "Varn visited Port Hesk." in line
        for line in fps
    )
    assert any("Mera Dusk -OFFICIAL_OF-> Brelandia" in line for line in fps)
    (fn,) = fns
    assert "Ilsa Varn -MET_WITH-> Mera Dusk" in fn
    assert f"{gold}:3" in fn
    assert "Varn met with Mera Dusk" in fn
    assert any(line.strip() == "g1: TP 2  FP 2  FN 1" for line in lines)


def test_eval_perfect_predictions(tmp_path):
    gold = write_jsonl(tmp_path / "g.gold.jsonl", GOLD[:2])
    pred = write_jsonl(tmp_path / "p.jsonl", PRED[:1] + PRED[2:3])
    result = run("eval", gold, "--pred", pred)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "precision 1.000  recall 1.000  F1 1.000  (TP 2, FP 0, FN 0)"


def test_eval_input_runs_the_extractor(tmp_path):
    article = write(tmp_path / "chad.txt", CHAD)
    gold = write_jsonl(
        tmp_path / "chad.gold.jsonl",
        [
            {
                "doc": "chad",
                "s": ["Mahamat Oumar", "Oumar"],
                "p": "LEADER_OF",
                "o": ["Chad"],
                "evidence": "Chadian President Mahamat Oumar",
                "optional": False,
            },
            {
                "doc": "chad",
                "s": ["Anne Leclerc"],
                "p": "OFFICIAL_OF",
                "o": ["France"],
                "evidence": "French Foreign Minister Anne Leclerc",
                "optional": False,
            },
        ],
    )
    result = run("eval", gold, "--input", article)
    assert result.exit_code == 0, result.output
    assert "required found 2/2" in result.stdout
    assert "recall 1.000" in result.stdout


def test_eval_input_with_bad_article_exits_1(tmp_path):
    gold = write_jsonl(tmp_path / "g.gold.jsonl", GOLD[:1])
    missing = tmp_path / "missing.txt"
    result = run("eval", gold, "--input", missing)
    assert result.exit_code == 1
    errs = error_lines(result)
    assert len(errs) == 1 and str(missing) in errs[0]
    assert "required found 0/1" in result.stdout


def test_eval_bad_gold_line_is_reported(tmp_path):
    gold = write(tmp_path / "g.gold.jsonl", json.dumps(GOLD[0]) + "\n{not json\n")
    pred = write_jsonl(tmp_path / "p.jsonl", PRED[:1])
    result = run("eval", gold, "--pred", pred)
    assert result.exit_code == 1
    (err,) = error_lines(result)
    assert f"{gold}:2" in err
    assert "required found 1/1" in result.stdout


def test_eval_both_pred_and_input_is_usage_error(eval_files, chad_file):
    gold, pred = eval_files
    result = run("eval", gold, "--pred", pred, "--input", chad_file)
    assert result.exit_code == 2
    assert "either --pred" in result.stderr


def test_eval_neither_pred_nor_input_is_usage_error(eval_files):
    gold, _pred = eval_files
    result = run("eval", gold)
    assert result.exit_code == 2
    assert "give the predictions to score: --pred PRED.jsonl" in result.stderr
    assert "not both" not in result.stderr  # the message for both, not for neither (issue 18)


def test_eval_requires_gold():
    assert run("eval").exit_code == 2


def test_repeated_document_id_is_reported_and_skipped(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "x", "text": "Chadian President Mahamat Oumar spoke."})
        + "\n"
        + json.dumps({"id": "x", "text": "French Foreign Minister Anne Leclerc spoke."})
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(feed)])
    assert result.exit_code == 1
    assert "repeats document id 'x'" in result.stderr
    assert f"{feed}:2" in result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert {d["object"]["name"] for d in docs} == {"Chad"}


def test_extract_min_confidence_leaves_out_the_less_sure_and_says_how_many(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Chile launched an attack on Peru on Monday. "
        "Peruvian troops clashed with Chilean soldiers near Tacna.\n"
    )
    every = CliRunner().invoke(main, ["extract", str(article)])
    assert every.exit_code == 0, every.output
    found = [json.loads(line) for line in every.stdout.splitlines()]
    confidences = sorted({a["confidence"] for a in found})
    assert len(confidences) >= 2, found  # the test needs two levels of confidence
    cut = confidences[-1]
    kept = CliRunner().invoke(main, ["extract", str(article), "--min-confidence", str(cut)])
    assert kept.exit_code == 0, kept.output
    rows = [json.loads(line) for line in kept.stdout.splitlines()]
    assert rows and all(a["confidence"] >= cut for a in rows)
    left_out = len(found) - len(rows)
    assert left_out > 0 and f"{left_out} assertion(s) below --min-confidence" in kept.stderr
    bad = CliRunner().invoke(main, ["extract", str(article), "--min-confidence", "1.5"])
    assert bad.exit_code != 0 and "min-confidence" in bad.output
