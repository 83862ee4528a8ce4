"""Scoring against gold triples, and the CoNLL04 mapping (no extractor, no spaCy needed)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from kg.core.errors import InputError
from kg.core.model import Argument, Assertion, Entity, Mention, Qualifiers, SentenceRef
from kg.evaluate import format_report, load_gold, load_predictions, normalise, score

BENCH = Path(__file__).resolve().parent.parent / "bench" / "conll04.py"


def assertion(
    doc,
    subject,
    predicate,
    obj,
    *,
    s_text=None,
    o_text=None,
    s_type="Person",
    o_type="Country",
    modality="asserted",
    rule="test-rule",
    sentence="A sentence.",
):
    """An Assertion.to_dict() with made-up entities; mention texts default to the names."""

    def arg(name, text, kind):
        return Argument(Entity(f"x:{name}", name, kind), Mention(text or name, 0, len(text or name)))

    return Assertion(
        doc,
        predicate,
        arg(subject, s_text, s_type),
        arg(obj, o_text, o_type),
        SentenceRef(0, sentence, 0, len(sentence)),
        rule,
        0.8,
        Qualifiers(modality=modality),
    ).to_dict()


def gold_line(doc, s, p, o, optional=False, **extra):
    return {
        "doc": doc,
        "s": s,
        "p": p,
        "o": o,
        "evidence": f"{s[0]} {p} {o[0] if o else ''}",
        "optional": optional,
        **extra,
    }


def load(tmp_path, *lines, name="t.gold.jsonl"):
    path = tmp_path / name
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines), encoding="utf-8"
    )
    gold, errors = load_gold([path])
    assert errors == []
    return gold


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Freedonia", "freedonia"),
        ("  The  Freedonian   Army ", "freedonian army"),
        ("the Freedonian Army,", "freedonian army"),
        ("“The Freedonian Army”", "freedonian army"),
        ("‘Freedonia’", "freedonia"),
        ('"(the Ministry.)"', "ministry"),
        ("Theodore Vance", "theodore vance"),
        ("Other", "other"),
        ("Freedonia’s army", "freedonia's army"),
        ("U.S.", "u.s"),
        ("Jean-Luc Marsh\u00a0Jr.", "jean-luc marsh jr"),
        ("...", ""),
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_tp_fp_fn_and_optional_lines(tmp_path):
    gold = load(
        tmp_path,
        gold_line("d1", ["Jane Doe", "Doe"], "LEADER_OF", ["Freedonia"]),
        gold_line("d1", ["Sylvania"], "INVADED", ["Freedonia"]),
        gold_line("d1", ["Ruritania"], "SUPPORTED", ["Sylvania"], optional=True),
        gold_line("d1", ["Ruritania"], "CONDEMNED", ["Sylvania"], optional=True),
    )
    report = score(
        gold,
        [
            assertion("d1", "Jane Doe", "LEADER_OF", "Freedonia"),
            assertion("d1", "Ruritania", "SUPPORTED", "Sylvania", s_type="Country"),
            assertion("d1", "Jane Doe", "MET_WITH", "Freedonia", rule="met-rule"),
        ],
    )
    assert (len(report.tp), len(report.fp), len(report.fn)) == (1, 1, 1)
    assert report.fp[0].predicate == "MET_WITH" and report.fp[0].rule == "met-rule"
    assert report.fn[0].predicate == "INVADED" and report.fn[0].line.endswith(":2")
    assert [i.predicate for i in report.optional_found] == ["SUPPORTED"]
    assert (report.required_found, report.required_total, report.optional_total) == (1, 2, 2)
    assert report.precision == pytest.approx(0.5) and report.recall == pytest.approx(0.5)


def test_duplicates_of_one_gold_line_are_one_tp(tmp_path):
    gold = load(tmp_path, gold_line("d1", ["Jane Doe", "Doe"], "LEADER_OF", ["Freedonia"]))
    report = score(
        gold,
        [
            assertion("d1", "Jane Doe", "LEADER_OF", "Freedonia"),
            assertion("d1", "Jane Doe", "LEADER_OF", "Freedonia", s_text="Doe", sentence="Another."),
            assertion("d1", "Doe", "LEADER_OF", "Freedonia"),  # another entity name, same gold line
        ],
    )
    assert (len(report.tp), len(report.fp), len(report.fn)) == (1, 0, 0)


def test_match_by_entity_name_or_mention_text(tmp_path):
    gold = load(
        tmp_path,
        gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"]),
        gold_line("d1", ["Sylvania"], "INVADED", ["Freedonia"]),
    )
    report = score(
        gold,
        [
            # the mention text matches, the resolved name does not
            assertion(
                "d1",
                "Jane Q. Doe",
                "LEADER_OF",
                "Republic of Freedonia",
                s_text="Jane Doe",
                o_text="the Freedonia",
            ),
            # the resolved name matches, the mention text does not
            assertion("d1", "Sylvania", "INVADED", "Freedonia", s_text="Sylvanian", o_text="its neighbour"),
        ],
    )
    assert (len(report.tp), len(report.fp), len(report.fn)) == (2, 0, 0)


def test_predicate_must_be_equal(tmp_path):
    gold = load(tmp_path, gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"]))
    report = score(gold, [assertion("d1", "Jane Doe", "OFFICIAL_OF", "Freedonia")])
    assert (len(report.tp), len(report.fp), len(report.fn)) == (0, 1, 1)


def test_false_positives_are_distinct_triples(tmp_path):
    gold = load(tmp_path, gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"]))
    report = score(
        gold,
        [
            assertion("d1", "Sylvania", "ATTACKED", "Freedonia", s_text="Sylvanian troops"),
            assertion("d1", "Sylvania", "ATTACKED", "Freedonia", sentence="Again."),
            assertion("d1", "the Sylvania", "ATTACKED", "Freedonia.", sentence="Once more."),
            assertion("d1", "Sylvania", "ATTACKED", "Ruritania"),
        ],
    )
    assert len(report.fp) == 2
    assert report.per_doc["d1"].fp == 2


def test_assignment_prefers_an_unmatched_required_line(tmp_path):
    gold = load(
        tmp_path,
        gold_line("d1", ["Doe"], "LEADER_OF", ["Freedonia"]),
        gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"]),
    )
    # the first prediction fits both lines, the second only the first line
    report = score(
        gold,
        [
            assertion("d1", "Jane Doe", "LEADER_OF", "Freedonia", s_text="Doe"),
            assertion("d1", "John Doe", "LEADER_OF", "Freedonia", s_text="Doe"),
        ],
    )
    assert (len(report.tp), len(report.fp), len(report.fn)) == (2, 0, 0)


def test_required_line_wins_over_optional(tmp_path):
    gold = load(
        tmp_path,
        gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"], optional=True),
        gold_line("d1", ["Doe"], "LEADER_OF", ["Freedonia"]),
    )
    report = score(gold, [assertion("d1", "Jane Doe", "LEADER_OF", "Freedonia", s_text="Doe")])
    assert (len(report.tp), len(report.fp), len(report.fn), len(report.optional_found)) == (1, 0, 0, 0)


def test_documents_without_gold_are_ignored(tmp_path):
    gold = load(tmp_path, gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"]))
    report = score(
        gold,
        [
            assertion("d1", "Jane Doe", "LEADER_OF", "Freedonia"),
            assertion("elsewhere", "Sylvania", "ATTACKED", "Freedonia"),
        ],
    )
    assert (len(report.tp), len(report.fp), len(report.fn)) == (1, 0, 0)
    assert report.ignored_docs == ("elsewhere",)
    assert list(report.per_doc) == ["d1"]


def test_micro_average_over_documents(tmp_path):
    gold = load(
        tmp_path,
        gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"]),
        gold_line("d2", ["Sylvania"], "INVADED", ["Freedonia"]),
        gold_line("d2", ["Sylvania"], "SANCTIONED", ["Ruritania"]),
    )
    report = score(
        gold,
        [
            assertion("d1", "Jane Doe", "LEADER_OF", "Freedonia"),
            assertion("d1", "Jane Doe", "MET_WITH", "Freedonia"),
            assertion("d2", "Sylvania", "INVADED", "Freedonia"),
            # the right triple in the wrong document is no match
            assertion("d1", "Sylvania", "SANCTIONED", "Ruritania"),
        ],
    )
    assert (len(report.tp), len(report.fp), len(report.fn)) == (2, 2, 1)
    assert report.precision == pytest.approx(0.5)
    assert report.recall == pytest.approx(2 / 3)
    assert report.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert (report.per_doc["d2"].tp, report.per_doc["d2"].fn) == (1, 1)


def test_modality_accuracy(tmp_path):
    gold = load(
        tmp_path,
        gold_line("d1", ["Sylvania"], "INVADED", ["Freedonia"], modality="alleged"),
        gold_line("d1", ["Sylvania"], "ATTACKED", ["Freedonia"], modality="planned"),
        gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"]),
    )
    report = score(
        gold,
        [
            assertion("d1", "Sylvania", "INVADED", "Freedonia", modality="alleged"),
            assertion("d1", "Sylvania", "ATTACKED", "Freedonia"),
            assertion("d1", "Jane Doe", "LEADER_OF", "Freedonia"),
        ],
    )
    assert (report.modality_correct, report.modality_total) == (1, 2)


def test_format_report(tmp_path):
    gold = load(
        tmp_path,
        gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"]),
        gold_line("d1", ["Sylvania"], "INVADED", ["Freedonia"]),
    )
    report = score(
        gold,
        [
            assertion("d1", "Jane Doe", "LEADER_OF", "Freedonia"),
            assertion("d1", "Jane Doe", "MET_WITH", "Freedonia", rule="met-rule", sentence="Doe met them."),
        ],
    )
    short = format_report(report, verbose=False)
    assert "required found 1/2" in short and "F1 0.500" in short and "met-rule" not in short
    long = format_report(report, verbose=True)
    assert "met-rule" in long and "Doe met them." in long
    assert "Sylvania INVADED Freedonia" in long and "t.gold.jsonl:2" in long


def test_malformed_gold_lines_become_input_errors(tmp_path):
    path = tmp_path / "bad.gold.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps(gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"])),
                "{not json",
                json.dumps({"doc": "d1", "p": "LEADER_OF", "o": ["Freedonia"]}),
                "",
                json.dumps(gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"], modality="rumoured")),
                json.dumps(["a", "list"]),
                json.dumps(gold_line("d1", ["Jane Doe"], "LEADER_OF", [], optional=True)),
                json.dumps(gold_line("d1", ["Jane Doe"], "LEADER_OF", ["Freedonia"], optional="no")),
                json.dumps(gold_line("d2", ["Sylvania"], "INVADED", ["Freedonia"], former=True)),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    gold, errors = load_gold([path, tmp_path / "missing.gold.jsonl"])
    assert [g.line for g in gold] == [f"{path}:1", f"{path}:9"]
    assert gold[1].former is True and gold[0].former is None and gold[0].modality is None
    assert [e.where for e in errors] == [f"{path}:{n}" for n in (2, 3, 5, 6, 7, 8)] + [
        str(tmp_path / "missing.gold.jsonl")
    ]
    assert all(isinstance(e, InputError) for e in errors)
    assert "'s'" in errors[1].message and "rumoured" in errors[2].message


def test_load_predictions(tmp_path):
    path = tmp_path / "pred.jsonl"
    good = assertion("d1", "Jane Doe", "LEADER_OF", "Freedonia")
    path.write_text(
        json.dumps(good) + "\n" + json.dumps({"doc": "d1", "predicate": "X"}) + "\n", encoding="utf-8"
    )
    predictions, errors = load_predictions([path])
    assert predictions == [good]
    assert [e.where for e in errors] == [f"{path}:2"]


# --- CoNLL04 ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def conll04():
    spec = importlib.util.spec_from_file_location("bench_conll04", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "predicate, object_type, expected",
    [
        ("KILLED", "Person", "Kill"),
        ("LOCATED_IN", "Country", "Located_In"),
        ("CAPITAL_OF", "Country", "Located_In"),
        ("BASED_IN", "City", "OrgBased_In"),
        ("LEADER_OF", "Organization", "Work_For"),
        ("OFFICIAL_OF", "Organization", "Work_For"),
        ("MEMBER_OF", "Group", "Work_For"),
        ("LEADER_OF", "Country", "Live_In"),
        ("OFFICIAL_OF", "Region", "Live_In"),
        ("NATIONAL_OF", "Country", "Live_In"),
        ("MEMBER_OF", "Country", None),
        ("NATIONAL_OF", "Organization", None),
        ("ATTACKED", "Country", None),
    ],
)
def test_conll_type(conll04, predicate, object_type, expected):
    a = assertion("conll04-1", "Jane Doe", predicate, "Thing", o_type=object_type)
    assert conll04.conll_type(a) == expected


def test_conll_predictions_use_mention_texts(conll04):
    predictions = [
        assertion(
            "conll04-1",
            "Jane Q. Doe",
            "LEADER_OF",
            "Freedonian Workers Party",
            s_text="Jane Doe",
            o_text="the Workers Party",
            o_type="Organization",
        ),
        assertion(
            "conll04-1",
            "Jane Q. Doe",
            "LEADER_OF",
            "Freedonian Workers Party",
            s_text="Jane Doe",
            o_text="Workers Party",
            o_type="Organization",
        ),
        assertion("conll04-1", "Jane Q. Doe", "MET_WITH", "Sylvania"),
    ]
    assert conll04.predicted_triples(predictions) == {("jane doe", "Work_For", "workers party")}


def test_conll_reading_and_scoring(conll04):
    record = {
        "tokens": ["Jane", "Doe", ",", "of", "Freedonia", ",", "shot", "Sam", "Roe", "in", "Fooville", "."],
        "tags": ["B-Peop", "L-Peop", "O", "O", "U-Loc", "O", "O", "B-Peop", "L-Peop", "O", "U-Loc", "O"],
        "relations": [
            {"head": 0, "tail": 2, "type": "Kill"},
            {"head": 0, "tail": 1, "type": "Live_In"},
            {"head": 3, "tail": 1, "type": "Located_In"},
        ],
        "orig_id": 7,
    }
    [sentence] = conll04.read_sentences([record])
    assert sentence.id == "conll04-7"
    assert sentence.text.startswith("Jane Doe , of Freedonia")
    assert sentence.entities == (
        ("Jane Doe", "Peop"),
        ("Freedonia", "Loc"),
        ("Sam Roe", "Peop"),
        ("Fooville", "Loc"),
    )
    assert sentence.relations == {
        ("jane doe", "Kill", "sam roe"),
        ("jane doe", "Live_In", "freedonia"),
        ("fooville", "Located_In", "freedonia"),
    }
    predicted = {
        "conll04-7": {("jane doe", "Kill", "sam roe"), ("sam roe", "Live_In", "fooville")},
        "conll04-99": {("x", "Kill", "y")},
    }  # a sentence outside the gold is not scored
    scores = conll04.score_triples({"conll04-7": set(sentence.relations)}, predicted)
    assert (scores["Kill"].tp, scores["Live_In"].fp, scores["Live_In"].fn) == (1, 1, 1)
    overall = scores["overall"]
    assert (overall.tp, overall.fp, overall.fn) == (1, 1, 2)
    assert overall.precision == pytest.approx(0.5) and overall.recall == pytest.approx(1 / 3)


def test_conll_entity_spans_survive_broken_tags(conll04):
    assert conll04.entity_spans(["B-Org", "I-Org", "O", "I-Loc", "L-Loc", "B-Peop", "U-Loc"]) == [
        (0, 2, "Org"),
        (3, 5, "Loc"),
        (5, 6, "Peop"),
        (6, 7, "Loc"),
    ]


def test_nearest_pair_baseline(conll04):
    entities = [
        ("Fooville", "Loc"),
        ("Acme Corp.", "Org"),
        ("Jane Doe", "Peop"),
        ("Sam Roe", "Peop"),
        ("Freedonia", "Loc"),
    ]
    assert conll04.nearest_pairs(entities) == {
        ("acme corp", "OrgBased_In", "fooville"),
        ("jane doe", "Work_For", "acme corp"),
        ("sam roe", "Live_In", "freedonia"),
    }


def test_precision_per_rule_counts_right_and_wrong_triples(tmp_path):
    gold = load(
        tmp_path,
        gold_line("d", ["Ana Ruiz"], "LEADER_OF", ["Chile"]),
        gold_line("d", ["Chile"], "CONDEMNED", ["Peru"], optional=True),
    )
    predictions = [
        assertion("d", "Ana Ruiz", "LEADER_OF", "Chile", rule="title.prenominal"),
        assertion("d", "Chile", "CONDEMNED", "Peru", s_type="Country", rule="condemned.verb"),
        assertion("d", "Peru", "CONDEMNED", "Chile", s_type="Country", rule="condemned.verb"),
        assertion("d", "Bolivia", "ATTACKED", "Chile", s_type="Country", rule="attacked.noun"),
    ]
    report = score(gold, predictions)
    assert report.per_rule() == {
        "attacked.noun": (0, 1),
        "condemned.verb": (1, 1),  # the optional line is right, the reversed one wrong
        "title.prenominal": (1, 0),
    }


def test_reliability_bands_and_calibration_error(tmp_path):
    gold = load(tmp_path, gold_line("d", ["Ana Ruiz"], "LEADER_OF", ["Chile"]))
    right = assertion("d", "Ana Ruiz", "LEADER_OF", "Chile")
    wrong = assertion("d", "Bolivia", "ATTACKED", "Chile", s_type="Country")
    right["confidence"], wrong["confidence"] = 0.95, 0.55
    report = score(gold, [right, wrong])
    assert report.reliability() == [(0.5, 0.6, 1, 0), (0.9, 1.0, 1, 1)]
    # |0.55 - 0| and |0.95 - 1|, each half the triples
    assert report.calibration_error() == pytest.approx(0.5 * 0.55 + 0.5 * 0.05)
