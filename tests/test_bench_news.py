"""The extraction-quality benchmark (bench/news.py) and the modality block of `kg eval`, on
articles and gold lines written for these tests (no evaluation data needed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from kg.core.model import Argument, Assertion, Entity, Mention, Qualifiers, SentenceRef
from kg.evaluate import format_report, load_gold, score

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after site-packages: bench from here, kg from the installation

from benchtools import run_bench  # noqa: E402

from bench import news  # noqa: E402

pytestmark = pytest.mark.bench


def _assertion(doc, s, p, o, modality="asserted"):
    def arg(name):
        return Argument(Entity(f"x:{name}", name, "Country"), Mention(name, 0, len(name)))

    return Assertion(
        doc, p, arg(s), arg(o), SentenceRef(0, "S.", 0, 2), "r", 0.8, Qualifiers(modality=modality)
    ).to_dict()


def _gold(tmp_path, *lines):
    path = tmp_path / "g.gold.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    gold, errors = load_gold([path])
    assert not errors
    return gold


def _line(s, p, o, modality, optional=False):
    return {
        "doc": "d",
        "s": [s],
        "p": p,
        "o": [o],
        "evidence": "",
        "optional": optional,
        "modality": modality,
    }


def test_modality_block_against_the_always_asserted_baseline(tmp_path):
    gold = _gold(
        tmp_path,
        _line("Peru", "ATTACKED", "Chile", "reported"),
        _line("Peru", "SANCTIONED", "Chile", "asserted"),
        _line("Peru", "INVADED", "Chile", "planned"),
        _line("Peru", "MET_WITH", "Chile", "negated", optional=True),
    )
    report = score(
        gold,
        [
            _assertion("d", "Peru", "ATTACKED", "Chile", "reported"),
            _assertion("d", "Peru", "SANCTIONED", "Chile", "planned"),
            _assertion("d", "Peru", "INVADED", "Chile", "asserted"),
            _assertion("d", "Peru", "MET_WITH", "Chile", "negated"),
        ],
    )
    # the optional line is not scored for modality (the guideline scores required lines)
    assert (report.modality_correct, report.modality_total, report.modality_baseline) == (1, 3, 1)
    classes = report.modality_classes()
    assert (classes["reported"].precision, classes["reported"].recall) == (1.0, 1.0)
    assert (classes["planned"].tp, classes["planned"].fp, classes["planned"].fn) == (0, 1, 1)
    text = format_report(report)
    assert "modality accuracy 0.333 (1/3)  always-asserted baseline 0.333 (1/3)" in text
    assert "planned P 0.00 R 0.00 (gold 1, predicted 1)" in text
    assert "SANCTIONED" in format_report(report, verbose=True)  # the per-relation table


def test_per_relation_counts(tmp_path):
    gold = _gold(
        tmp_path,
        _line("Peru", "ATTACKED", "Chile", "asserted"),
        _line("Peru", "INVADED", "Chile", "asserted"),
    )
    report = score(
        gold, [_assertion("d", "Peru", "ATTACKED", "Chile"), _assertion("d", "Chile", "ATTACKED", "Peru")]
    )
    rel = report.per_relation()
    assert (rel["ATTACKED"].tp, rel["ATTACKED"].fp, rel["ATTACKED"].fn) == (1, 1, 0)
    assert (rel["INVADED"].tp, rel["INVADED"].fn) == (0, 1)


ARTICLE = """Border tensions rise

Peru sent troops to the border on Monday. The ministry in Lima said Chile had attacked a \
Peruvian patrol. Officials in both capitals met with envoys from Brazil and Argentina.
"""

GOLD = [
    {
        "doc": "border",
        "s": ["Peru"],
        "p": "SENT_TROOPS_TO",
        "o": ["border"],
        "evidence": "Peru sent troops to the border",
        "optional": False,
        "modality": "asserted",
    },
    {
        "doc": "border",
        "s": ["Chile"],
        "p": "ATTACKED",
        "o": ["Peruvian patrol", "patrol"],
        "evidence": "Chile had attacked a Peruvian patrol",
        "optional": False,
        "modality": "reported",
    },
    {
        "doc": "border",
        "s": ["Peru"],
        "p": "MET_WITH",
        "o": ["Argentina"],
        "evidence": "Officials in both capitals met with envoys from Brazil and Argentina",
        "optional": False,
        "modality": "asserted",
    },
]


@pytest.fixture(scope="module")
def eval_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("eval")
    (root / "news-dev").mkdir()
    (root / "news-dev" / "border.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "news-dev" / "border.gold.jsonl").write_text(
        "".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8"
    )
    conll = [
        {
            "tokens": "Jo Kuma has lived in Lima , Peru .".split(),
            "tags": ["B-Peop", "L-Peop", "O", "O", "O", "U-Loc", "O", "U-Loc", "O"],
            "relations": [
                {"head": 1, "tail": 2, "type": "Located_In"},
                {"head": 0, "tail": 1, "type": "Live_In"},
            ],
            "orig_id": 1,
        }
    ]
    (root / "conll04_dev.json").write_text(json.dumps(conll), encoding="utf-8")
    return root


def test_news_benchmark_runs_and_writes_its_section(eval_dir, tmp_path):
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\nhand-written\n\n<!-- bench:begin x -->\nold\n<!-- bench:end -->\n")
    out = tmp_path / "news.json"
    done = run_bench(
        "news",
        "--eval-dir",
        eval_dir,
        "--sets",
        "news-dev,conll04-dev",
        "--docs",
        page,
        "--json",
        out,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text())
    assert [r["set"] for r in results] == ["news-dev", "conll04-dev"]
    dev = results[0]
    o = dev["overall"]
    assert o["tp"] + o["fn"] == 3
    assert sum(dev["causes"].values()) == o["fn"]
    assert set(dev["causes"]) <= set(news.CAUSES)
    assert (dev["modality"] or {"matched": 0})["matched"] == o["tp"]
    assert results[1]["relations"]["Located_In"]["tp"] == 1
    text = page.read_text()
    assert "hand-written" in text and "<!-- bench:begin x -->" in text
    assert text.index(news.NEWS_BEGIN) < text.index("<!-- bench:begin")
    assert "| news-dev |" in text and "Misses by cause" in text
    # a second run replaces the section instead of adding one
    news.write_section(page, "new section")
    assert page.read_text().count(news.NEWS_BEGIN) == 1 and "new section" in page.read_text()


def test_miss_causes_on_parsed_sentences():
    import spacy

    from kg.loaders.language import load_pipeline

    nlp = load_pipeline()
    cues = {"ATTACKED": {"attack", "strike"}, "SENT_TROOPS_TO": {"send"}}

    def cause(text, p, s, o, evidence=None, covered=None):
        doc = nlp(text)
        covered = set(range(len(doc))) if covered is None else covered
        return news.miss_cause(
            doc[:],
            p,
            [s],
            [o],
            evidence or text,
            covered,
            cues,
            {"president"},
            {"kremlin"},
            lambda t: "XXX" if t == "Lisbon" else None,
        )

    assert cause("He attacked the town.", "ATTACKED", "Peru", "town") == "resolution"
    assert cause("Lisbon attacked the town.", "ATTACKED", "Lisbon", "town") == "metonymy"
    assert cause("Peru attacked the town.", "ATTACKED", "Peru", "town", covered=set()) == "NER"
    assert cause("Peru praised the town.", "ATTACKED", "Peru", "town") == "lexicon"
    assert cause("Peru and Chile attacked the town.", "ATTACKED", "Chile", "town") == "coordination"
    assert cause("The town was attacked by Peru.", "ATTACKED", "Peru", "town") == "passive"
    assert cause("Peru agreed to send troops to the town.", "SENT_TROOPS_TO", "Peru", "town") == "control"
    assert cause("Peru launched an attack on the town.", "ATTACKED", "Peru", "town") == "light verb"
    assert cause("Peru's attack on the town ended.", "ATTACKED", "Peru", "town") == "nominal"
    assert cause("President Ana Ruiz of Peru spoke.", "LEADER_OF", "Ana Ruiz", "Peru") == "title"
    assert spacy  # the real model, no mocks
