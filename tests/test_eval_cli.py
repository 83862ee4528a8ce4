"""`kg eval GOLD... (--pred FILE | --input ARTICLE)...`: positional files must be gold files,
--pred and --input repeat, "-" reads stdin, an unreadable gold file is one line and exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clitools import error_line, kg
from filetools import write

CHAD = (
    "Chad and France agree on talks\n\nChadian President Mahamat Oumar met with French "
    "Foreign Minister Anne Leclerc in N'Djamena, Chad, on Tuesday.\n"
)
KENYA = (
    "Kenya hosts talks\n\nKenyan President William Mwangi met with Ethiopian Prime Minister "
    "Abebe Tesfaye in Nairobi, Kenya, on Monday.\n"
)


def gold_line(doc: str, subject: str, predicate: str, obj: str) -> str:
    return json.dumps({"doc": doc, "s": [subject], "p": predicate, "o": [obj]}) + "\n"


def prediction(doc: str, subject: str, predicate: str, obj: str) -> str:
    def arg(name: str) -> dict:
        return {"id": name.lower(), "name": name, "type": "Person"}

    return (
        json.dumps({"doc": doc, "predicate": predicate, "subject": arg(subject), "object": arg(obj)}) + "\n"
    )


@pytest.fixture
def corpus(tmp_path) -> dict[str, Path]:
    return {
        "chad": write(tmp_path / "chad.txt", CHAD),
        "kenya": write(tmp_path / "kenya.txt", KENYA),
        "chad_gold": write(
            tmp_path / "chad.gold.jsonl", gold_line("chad", "Mahamat Oumar", "LEADER_OF", "Chad")
        ),
        "kenya_gold": write(
            tmp_path / "kenya.gold.jsonl", gold_line("kenya", "William Mwangi", "LEADER_OF", "Kenya")
        ),
    }


def test_a_second_article_after_one_input_is_not_read_as_gold(corpus):
    result = kg("eval", corpus["chad_gold"], corpus["kenya_gold"], "--input", corpus["chad"], corpus["kenya"])
    assert result.exit_code == 2
    line = error_line(result)
    assert f"{corpus['kenya']} is not a gold file" in line
    assert "--input FILE1 --input FILE2" in line
    assert result.stdout == ""


def test_a_second_prediction_file_after_one_pred_is_not_read_as_gold(corpus, tmp_path):
    first = write(tmp_path / "p1.jsonl", prediction("chad", "Mahamat Oumar", "LEADER_OF", "Chad"))
    second = write(tmp_path / "p2.jsonl", prediction("kenya", "William Mwangi", "LEADER_OF", "Kenya"))
    result = kg("eval", corpus["chad_gold"], "--pred", first, second)
    assert result.exit_code == 2
    assert "--pred FILE1 --pred FILE2" in error_line(result)


def test_repeated_input_scores_every_article(corpus):
    result = kg(
        "eval",
        corpus["chad_gold"],
        corpus["kenya_gold"],
        "--input",
        corpus["chad"],
        "--input",
        corpus["kenya"],
    )
    assert result.exit_code == 0, result.stderr
    assert "required found 2/2" in result.stdout


def test_a_gold_file_is_recognised_by_its_lines_too(corpus, tmp_path):
    renamed = write(tmp_path / "kenya-gold.jsonl", corpus["kenya_gold"].read_text())
    result = kg("eval", corpus["chad_gold"], renamed, "--input", corpus["chad"], "--input", corpus["kenya"])
    assert result.exit_code == 0, result.stderr
    assert "required found 2/2" in result.stdout


def test_binary_file_and_directory_are_not_gold(corpus, tmp_path):
    binary = write(tmp_path / "data.bin", b"\x89PNG\x00\x01")
    for path in (binary, tmp_path):
        result = kg("eval", corpus["chad_gold"], path, "--input", corpus["chad"])
        assert result.exit_code == 2 and f"{path} is not a gold file" in error_line(result)


def test_pred_from_stdin(corpus):
    result = kg(
        "eval",
        corpus["chad_gold"],
        "--pred",
        "-",
        input=prediction("chad", "Mahamat Oumar", "LEADER_OF", "Chad"),
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("precision 1.000  recall 1.000")


def test_bad_pred_line_on_stdin_is_named_stdin(corpus):
    result = kg("eval", corpus["chad_gold"], "--pred", "-", input="{oops\n")
    assert result.exit_code == 1
    assert error_line(result).startswith("error: <stdin>:1: is not valid JSON")


def test_input_from_stdin(corpus):
    feed = json.dumps({"id": "chad", "text": CHAD}) + "\n"
    result = kg("eval", corpus["chad_gold"], "--input", "-", input=feed)
    assert result.exit_code == 0, result.stderr
    assert "required found 1/1" in result.stdout


@pytest.mark.parametrize("option", ["--pred", "--input"])
def test_stdin_only_once(corpus, option):
    result = kg("eval", corpus["chad_gold"], option, "-", option, "-", input="")
    assert result.exit_code == 2
    assert f"{option} - (standard input) can be given only once" in error_line(result)


@pytest.mark.parametrize("name", ["missing.gold.jsonl", "missing.jsonl"])
def test_unreadable_gold_file_is_one_line_and_exit_1(corpus, tmp_path, name):
    missing = tmp_path / name
    result = kg("eval", corpus["chad_gold"], missing, "--input", corpus["chad"])
    assert result.exit_code == 1
    assert error_line(result) == f"error: {missing}: does not exist; check the path"
    assert result.stdout == ""
