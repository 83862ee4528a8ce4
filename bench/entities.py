"""Entity resolution measured: one node per real actor across articles, scored with B-cubed.

    python -m bench entities --gold entities.gold.jsonl ARTICLE_DIR... [--json OUT] [-v]

The gold (not shipped: it names the actors of the evaluation articles) is one JSON line per
real-world entity: {"cluster": label, "class": ..., "mentions": [{"doc": stem, "names": [surface
forms as written in that article]}, ...]} (every name that refers to the same actor, across
all the articles). kg ingests the articles (`.txt`, document id = file stem) into a graph of
its own; an item is one (article, surface form) pair; kg's answer for an item is the node its
claims in that article name with that mention text (compared lower-cased, a leading "the" and
a trailing "'s" left out). Scored over the items both name:

  B-cubed precision   for each item, the share of the items on its kg node that are in its
                      gold cluster, averaged; recall: the share of its gold cluster's items on
                      its kg node; F1 of the two
  wrong merges        kg nodes that hold items of two or more gold clusters (two real actors
                      made one): each is listed
  coverage            gold items kg names at all (the rest are extraction misses, not scored)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

CLAIM_MENTIONS = """
MATCH (a:Article)-[:HAS_SENTENCE]->(:Sentence)-[:HAS_CLAIM]->(c:Claim)-[:SUBJECT]->(s:Entity)
RETURN a.id AS doc, c.subject_text AS text, s.id AS entity
UNION ALL
MATCH (a:Article)-[:HAS_SENTENCE]->(:Sentence)-[:HAS_CLAIM]->(c:Claim)-[:OBJECT]->(o:Entity)
RETURN a.id AS doc, c.object_text AS text, o.id AS entity
"""


def key(text: str) -> str:
    text = " ".join(text.replace("\u2019", "'").split()).lower()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"'s$", "", text).strip(" \"'.,;:()")


def load_gold(path: Path) -> dict[tuple[str, str], str]:
    """(article, surface key) -> gold cluster label."""
    items: dict[tuple[str, str], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            for mention in record["mentions"]:
                for name in mention["names"]:
                    items.setdefault((mention["doc"], key(name)), record["cluster"])
    return items


def kg_items(store: Any) -> dict[tuple[str, str], str]:
    """(article, mention key) -> the node kg's claims name with it (the most frequent)."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in store.query(CLAIM_MENTIONS).records():
        if row["text"]:
            votes[(row["doc"], key(row["text"]))][row["entity"]] += 1
    return {item: counter.most_common(1)[0][0] for item, counter in votes.items()}


def score(gold: dict[tuple[str, str], str], found: dict[tuple[str, str], str]) -> dict[str, Any]:
    items = sorted(set(gold) & set(found))
    by_gold: dict[str, set] = defaultdict(set)
    by_kg: dict[str, set] = defaultdict(set)
    for item in items:
        by_gold[gold[item]].add(item)
        by_kg[found[item]].add(item)
    precision = recall = 0.0
    for item in items:
        same = by_gold[gold[item]] & by_kg[found[item]]
        precision += len(same) / len(by_kg[found[item]])
        recall += len(same) / len(by_gold[gold[item]])
    n = len(items) or 1
    p, r = precision / n, recall / n
    merges = {
        node: {
            c: sorted(f"{doc}: {name}" for doc, name in members if gold[(doc, name)] == c) for c in clusters
        }
        for node, members in by_kg.items()
        if len(clusters := sorted({gold[i] for i in members})) > 1
    }
    splits = {
        cluster: sorted({found[i] for i in members})
        for cluster, members in by_gold.items()
        if len({found[i] for i in members}) > 1
    }
    return {
        "items": len(items),
        "gold_items": len(gold),
        "coverage": round(len(items) / (len(gold) or 1), 3),
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "wrong_merges": len(merges),
        "merges": merges,
        "split_clusters": len(splits),
        "splits": splits,
    }


def run(gold_path: Path, folders: Sequence[Path]) -> dict[str, Any]:
    from kg.pipeline import ingest_paths
    from kg.store.engine import Engine
    from kg.store.falkor import open_embedded

    paths = [str(p) for folder in folders for p in sorted(folder.glob("*.txt"))]
    with tempfile.TemporaryDirectory(prefix="kge-") as home:
        try:
            with open_embedded(Path(home)) as store:
                ingest_paths(paths, store)
                found = kg_items(store)
        finally:
            Engine(Path(home)).stop()
    return score(load_gold(gold_path), found)


def markdown(result: dict[str, Any]) -> str:
    return (
        f"B-cubed precision {result['precision']:.3f}, recall {result['recall']:.3f}, "
        f"**F1 {result['f1']:.3f}** over {result['items']} (article, name) items kg names "
        f"({result['coverage']:.0%} of {result['gold_items']} gold items); "
        f"{result['wrong_merges']} wrong merge(s) (a node holding two real actors), "
        f"{result['split_clusters']} actor(s) split over several nodes."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench entities", description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of .txt articles")
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--json", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the merges and splits")
    args = parser.parse_args(argv)
    result = run(args.gold, args.folders)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(markdown(result))
    if args.verbose:
        for node, clusters in result["merges"].items():
            print(f"  merge {node}: {clusters}")
        for cluster, nodes in result["splits"].items():
            print(f"  split {cluster}: {nodes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
