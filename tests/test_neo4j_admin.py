"""The neo4j-admin bulk-import CSVs (kg/exporters/neo4j_admin.py), from a real FalkorDB graph written
by the real writer with awkward text, parsed back the way `neo4j-admin database import full`
reads them, loaded into a second graph and compared with the first, property by property."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from collections import defaultdict
from typing import Any

import pytest
from graphtools import entity, fact, write

from kg.core.errors import KgError
from kg.core.model import Document, Entity
from kg.core.ontology import load_ontology
from kg.exporters.neo4j_admin import POST_IMPORT_FILE, write_neo4j_admin
from kg.named_queries import load_named_queries, run_named_query

ONTO = load_ontology()
DELIMITER = "\x1f"  # what the command line passes as --array-delimiter=U+001F

NORVANIA = entity("country:NRV", "Norvania", "Country", "Republic of Norvania", "Norvanian state", iso3="NRV")
BELMAR = entity("country:BLM", "Belmar", "Country", iso3="BLM")  # no aliases: an empty list
ELODIE = entity("person:élodie-varga-núñez", "Élodie Varga-Núñez", "Person", 'Madame "V"; PM')
OSTBY = Entity("city:østby", "Østby", "City", geonames=3141592, country="NRV")
RESIDENTS = Entity("group:BLM:civilians", "residents", "Group", country="BLM", sector="civilians")

A = [
    'Norvania\'s army, "fully mobilised", crossed into Belmar; residents fled.',
    "Prime Minister Élodie Varga-Núñez met\nwith Belmar envoys in Østby.",
    'Belmar\'s council condemned Norvania — 再次, "again".',
]
DOC_A = Document(
    "a-1",
    'Talks collapse, "again"; envoys leave\n\n' + " ".join(A),
    title='Talks collapse, "again"; envoys leave',
    url="https://wire.example/?a=1&b=2",
    published="2033-01-10",
)
B = ["Norvania sent more troops to Belmar, witnesses said.", "Élodie Varga-Núñez, prime minister, spoke."]
DOC_B = Document("b-2", " ".join(B))  # no title, url or date


def _facts():
    return [
        (
            DOC_A,
            [
                fact(DOC_A, 0, A[0], NORVANIA, "SENT_TROOPS_TO", BELMAR, date="2033-01-09"),
                fact(
                    DOC_A,
                    0,
                    A[0],
                    RESIDENTS,
                    "PROTESTED_AGAINST",
                    NORVANIA,
                    confidence=0.55,
                    modality="alleged",
                ),
                fact(DOC_A, 1, A[1], ELODIE, "MET_WITH", BELMAR, confidence=0.7),
                fact(DOC_A, 1, A[1], ELODIE, "LEADER_OF", NORVANIA, confidence=0.8, role="prime minister"),
                fact(DOC_A, 1, A[1], ELODIE, "LIVES_IN", OSTBY, confidence=0.65),
                fact(DOC_A, 2, A[2], BELMAR, "CONDEMNED", NORVANIA, confidence=0.85),
            ],
        ),
        (
            DOC_B,
            [
                fact(DOC_B, 0, B[0], NORVANIA, "SENT_TROOPS_TO", BELMAR, confidence=0.6, modality="reported"),
                fact(DOC_B, 1, B[1], ELODIE, "LEADER_OF", NORVANIA, confidence=0.75, role="prime minister"),
            ],
        ),
    ]


@pytest.fixture
def graph(store):
    write(store, *_facts())
    return store


# -- reading the files as neo4j-admin does ------------------------------------------------------


def tokenize(text: str) -> list[list[tuple[str, bool]]]:
    """Rows of (value, quoted): RFC 4180, "" inside quotes for a quote, newlines allowed in
    quoted fields (--multiline-fields=true), no backslash escapes (--legacy-style-quoting=false)."""
    rows, row, i = [], [], 0
    while i < len(text):
        if text[i] == '"':
            parts, j = [], i + 1
            while True:
                k = text.index('"', j)
                parts.append(text[j:k])
                if text.startswith('""', k):
                    parts.append('"')
                    j = k + 2
                else:
                    i = k + 1
                    break
            row.append(("".join(parts), True))
        else:
            k = i
            while k < len(text) and text[k] not in ",\n":
                k += 1
            assert '"' not in text[i:k], f"a quote inside an unquoted field: {text[i:k]!r}"
            row.append((text[i:k], False))
            i = k
        if i < len(text) and text[i] == ",":
            i += 1
            continue
        assert i == len(text) or text[i] == "\n", f"junk after a field at {i}: {text[i : i + 20]!r}"
        rows.append(row)
        row, i = [], i + 1
    return rows


ABSENT = object()  # a field the importer leaves out


def decode(value: str, quoted: bool, type_: str):
    """A field as the importer stores it (org.neo4j.csv.reader.Extractors)."""
    if type_.endswith("[]"):
        if value == "":
            return ABSENT  # empty arrays are not imported
        return [decode(item, True, type_[:-2]) for item in value.split(DELIMITER)]
    if value == "" and not (quoted and type_ == "string"):
        return ABSENT
    parse: dict[str, Any] = {"string": str, "long": int, "double": float, "boolean": lambda v: v == "true"}
    return parse[type_](value)


HEADER_KEY = re.compile(
    r"(?P<name>\w*):(?P<kind>ID|START_ID|END_ID)\((?P<space>\w+)\)"
    r"|:(?P<special>LABEL|TYPE)"
    r"|(?P<prop>\w+):(?P<type>string|long|double|boolean)(?P<array>\[\])?"
)


def read_file(path):
    """(header keys, [{key: value}]) with values decoded; checks the header on the way."""
    text = path.read_text(encoding="utf-8")
    rows = tokenize(text)
    # The csv module agrees on every value.
    assert [[v for v, _ in row] for row in rows] == list(csv.reader(io.StringIO(text, newline="")))
    header = [value for value, quoted in rows[0]]
    assert not any(quoted for _, quoted in rows[0])
    keys = []
    for key in header:
        match = HEADER_KEY.fullmatch(key)
        assert match, f"{path.name}: malformed header field {key!r}"
        keys.append(match)
    names = [m["name"] or m["kind"] or m["special"] or m["prop"] for m in keys]
    assert len(set(names)) == len(names), f"{path.name}: repeated column in {header}"
    records = []
    for row in rows[1:]:
        assert len(row) == len(keys), f"{path.name}: {len(row)} fields for {len(keys)} columns"
        record = {}
        for match, (value, quoted) in zip(keys, row):
            if match["prop"]:
                record[match["prop"]] = decode(value, quoted, match["type"] + (match["array"] or ""))
            elif match["special"] == "LABEL":
                record[":LABEL"] = value.split(DELIMITER)
            else:
                record[match["kind"] or match["special"]] = value
                if match["kind"] == "ID" and match["name"]:  # the id kept as a property
                    record[match["name"]] = value
        records.append(record)
    return header, keys, records


def read_export(result):
    files = {path.name: read_file(path) for path in result.files}
    nodes, relationships = {}, {}
    for name, (header, keys, records) in files.items():
        kinds = [m["kind"] for m in keys]
        if "ID" in kinds:
            assert kinds.count("ID") == 1 and ":LABEL" in header, name
            assert not {"START_ID", "END_ID"} & set(kinds) and ":TYPE" not in header, name
            nodes[name] = (keys[kinds.index("ID")]["space"], records)
        else:
            assert kinds.count("START_ID") == kinds.count("END_ID") == 1, name
            assert header.count(":TYPE") == 1 and ":LABEL" not in header, name
            spaces = (keys[kinds.index("START_ID")]["space"], keys[kinds.index("END_ID")]["space"])
            relationships[name] = (spaces, records)
    return nodes, relationships


# -- the tests ----------------------------------------------------------------------------------


def test_headers_ids_labels_and_endpoints(graph, tmp_path):
    result = write_neo4j_admin(graph, tmp_path / "csv", page_size=2)
    nodes, relationships = read_export(result)
    assert set(nodes) == {"entities.csv", "articles.csv", "sentences.csv", "claims.csv", "counts.csv"}
    assert set(relationships) == {
        "has_sentence.csv",
        "has_claim.csv",
        "claim_entity.csv",
        "mentions.csv",
        "co_mentioned.csv",
        "relations.csv",
    }

    ids = defaultdict(set)
    for name, (space, records) in nodes.items():
        for record in records:
            assert record["ID"] == record["id"]
            assert record["ID"] not in ids[space], f"{name}: duplicate id {record['ID']}"
            ids[space].add(record["ID"])
            assert record[":LABEL"][0] == space
            assert set(record[":LABEL"]) <= ONTO.labels, record[":LABEL"]
            if space == "Entity":
                assert len(record[":LABEL"]) == 2 and record[":LABEL"][1] in ONTO.concrete_classes
    for name, ((start, end), records) in relationships.items():
        for record in records:
            assert record["START_ID"] in ids[start], (name, record["START_ID"])
            assert record["END_ID"] in ids[end], (name, record["END_ID"])
            assert record["TYPE"] in ONTO.relationship_types
    assert {r["TYPE"] for r in relationships["has_sentence.csv"][1]} == {"HAS_SENTENCE"}
    assert {r["TYPE"] for r in relationships["mentions.csv"][1]} == {"MENTIONS"}
    assert {r["TYPE"] for r in relationships["claim_entity.csv"][1]} == {"SUBJECT", "OBJECT"}
    assert {r["TYPE"] for r in relationships["co_mentioned.csv"][1]} == {"CO_MENTIONED"}
    assert {r["TYPE"] for r in relationships["relations.csv"][1]} <= set(ONTO.relations)

    store_nodes = graph.query("MATCH (n) RETURN count(n)").value()
    store_rels = graph.query("MATCH ()-[r]->() RETURN count(r)").value()
    claims = graph.query("MATCH (c:Claim) RETURN count(c)").value()
    counters = graph.query("MATCH (k:Count) RETURN count(k)").value()
    assert (
        result.nodes == sum(len(r) for _, r in nodes.values()) == store_nodes == 5 + 2 + 5 + claims + counters
    )
    assert result.relationships == sum(len(r) for _, r in relationships.values()) == store_rels
    assert result.skipped_relationships == 0
    assert result.rows == {p.name: len(read_file(p)[2]) for p in result.files}


def test_typed_columns_and_tricky_text(graph, tmp_path):
    result = write_neo4j_admin(graph, tmp_path)
    header = (tmp_path / "relations.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    for column in (
        "mentions:long",
        "articles:long",
        "confidence:double",
        "first_date:string",
        "first_published:string",
        "modality:string",
        "roles:string[]",
    ):
        assert column in header
    claim_header = (tmp_path / "claims.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    for column in (
        "relation:string",
        "confidence:double",
        "subject_start:long",
        "former:boolean",
        "count:long",
        "attributed_to:string",
    ):
        assert column in claim_header
    entities = (tmp_path / "entities.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert entities[:3] == ["id:ID(Entity)", ":LABEL", "name:string"]
    assert "aliases:string[]" in entities and "geonames:long" in entities

    nodes, relationships = read_export(result)
    by_id = {r["ID"]: r for r in nodes["entities.csv"][1]}
    assert by_id["country:NRV"]["aliases"] == ["Norvanian state", "Republic of Norvania"]
    assert by_id["person:élodie-varga-núñez"]["aliases"] == ['Madame "V"; PM']
    assert by_id["country:BLM"]["aliases"] is ABSENT  # [] cannot be told from null in CSV
    assert by_id["city:østby"]["geonames"] == 3141592
    assert by_id["group:BLM:civilians"]["sector"] == "civilians"
    texts = {r["ID"]: r["text"] for r in nodes["sentences.csv"][1]}
    assert texts["a-1#1"] == A[1] and "\n" in texts["a-1#1"]
    assert texts["a-1#2"] == A[2]
    articles = {r["ID"]: r for r in nodes["articles.csv"][1]}
    assert articles["a-1"]["title"] == DOC_A.title
    assert articles["b-2"]["title"] is ABSENT and articles["b-2"]["url"] is ABSENT

    rels = {(r["START_ID"], r["TYPE"], r["END_ID"]): r for r in relationships["relations.csv"][1]}
    troops = rels[("country:NRV", "SENT_TROOPS_TO", "country:BLM")]
    assert troops["confidence"] == 0.9 and troops["articles"] == 2
    assert troops["mentions"] == 2 and troops["first_date"] == "2033-01-09"
    claims = {r["ID"]: r for r in nodes["claims.csv"][1]}
    ends = {(r["START_ID"], r["TYPE"]): r["END_ID"] for r in relationships["claim_entity.csv"][1]}
    behind = sorted(
        c
        for c in claims
        if claims[c]["relation"] == "SENT_TROOPS_TO"
        and ends[(c, "SUBJECT")] == "country:NRV"
        and ends[(c, "OBJECT")] == "country:BLM"
    )
    assert behind == ["a-1#0:0", "b-2#0:0"]
    assert [claims[c]["date"] for c in behind] == ["2033-01-09", ABSENT]  # a null: an empty field
    assert [claims[c]["confidence"] for c in behind] == [0.9, 0.6]
    assert [claims[c]["article"] for c in behind] == ["a-1", "b-2"]
    met = rels[("person:élodie-varga-núñez", "MET_WITH", "country:BLM")]
    assert met["roles"] is ABSENT and met["first_date"] is ABSENT
    assert rels[("person:élodie-varga-núñez", "LEADER_OF", "country:NRV")]["roles"] == ["prime minister"]
    mentions = {(r["START_ID"], r["END_ID"]): r["sentences"] for r in relationships["mentions.csv"][1]}
    assert (
        mentions[("a-1", "person:élodie-varga-núñez")] == [1, 2]
        or 1 in mentions[("a-1", "person:élodie-varga-núñez")]
    )
    leader = [c for c in claims.values() if c["relation"] == "LEADER_OF"]
    assert leader and leader[0]["subject_text"] == "Élodie Varga-Núñez"


def _load(target, result):
    """Do what neo4j-admin does with the files, in a FalkorDB graph: one node per node row
    with its labels and the properties it keeps, one relationship per relationship row."""
    nodes, relationships = read_export(result)
    for _, records in nodes.values():
        groups = defaultdict(list)
        for record in records:
            props = {k: v for k, v in record.items() if k not in ("ID", ":LABEL") and v is not ABSENT}
            groups[tuple(record[":LABEL"])].append(props)
        for labels, rows in groups.items():
            assert set(labels) <= ONTO.labels
            target.query(
                f"UNWIND $rows AS row CREATE (n:{':'.join(labels)}) SET n = row", {"rows": rows}, write=True
            )
    for (start, end), records in relationships.values():
        groups = defaultdict(list)
        for record in records:
            props = {
                k: v for k, v in record.items() if k not in ("START_ID", "END_ID", "TYPE") and v is not ABSENT
            }
            groups[record["TYPE"]].append({"s": record["START_ID"], "e": record["END_ID"], "props": props})
        for type_, rows in groups.items():
            assert type_ in ONTO.relationship_types and {start, end} <= ONTO.labels
            target.query(
                f"UNWIND $rows AS row MATCH (a:{start} {{id: row.s}}) "
                f"MATCH (b:{end} {{id: row.e}}) CREATE (a)-[r:{type_}]->(b) "
                f"SET r = row.props",
                {"rows": rows},
                write=True,
            )


def _dump(store):
    def canonical(value):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    nodes = sorted(
        canonical([sorted(labels), props])
        for labels, props in store.query("MATCH (n) RETURN labels(n), properties(n)").rows
    )
    rels = sorted(
        canonical(row)
        for row in store.query("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)").rows
    )
    return nodes, rels


def test_imported_graph_equals_the_original_after_post_import(graph, target_store, tmp_path):
    result = write_neo4j_admin(graph, tmp_path, page_size=3)
    _load(target_store, result)
    before = _dump(target_store)
    assert before != _dump(graph)  # the dropped empty lists: what post_import is for
    assert (tmp_path / POST_IMPORT_FILE).read_text(encoding="utf-8") == "".join(
        s + ";\n" for s in result.post_import
    )
    for statement in result.post_import:
        target_store.query(statement, write=True)
    nodes, rels = _dump(target_store)
    original_nodes, original_rels = _dump(graph)
    assert nodes == original_nodes
    assert rels == original_rels
    assert len(rels) == result.relationships and len(nodes) == result.nodes


def test_named_queries_answer_the_same_on_the_imported_graph(graph, target_store, tmp_path):
    result = write_neo4j_admin(graph, tmp_path)
    _load(target_store, result)
    for statement in result.post_import:
        target_store.query(statement, write=True)
    values = {
        "entity": "Norvania",
        "subject": "Norvania",
        "object": "Belmar",
        "target": "Norvania",
        "source": "Élodie Varga-Núñez",
        "actor": "Norvania",
        "a": "Norvania",
        "b": "Belmar",
    }
    answered = 0
    for name, query in load_named_queries().items():
        params = {p.name: values[p.name] for p in query.params if p.required}
        original = run_named_query(graph, name, params)
        imported = run_named_query(target_store, name, params)
        assert imported.columns == original.columns, name

        def rows(res):
            return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in res.rows)

        assert rows(imported) == rows(original), name
        answered += bool(original.rows)
    assert answered >= 12  # nearly every query has something to say about this graph


def test_command_line_lists_every_file(graph, tmp_path):
    result = write_neo4j_admin(graph, tmp_path / "out dir", database="kg")
    args = shlex.split(result.command)
    assert args[:4] == ["neo4j-admin", "database", "import", "full"] and args[-1] == "kg"
    nodes = [a.split("=", 1)[1] for a in args if a.startswith("--nodes=")]
    rels = [a.split("=", 1)[1] for a in args if a.startswith("--relationships=")]
    assert nodes == [str(p.resolve()) for p in result.files[:5]]
    assert rels == [str(p.resolve()) for p in result.files[5:]]
    assert sorted(p.name for p in (tmp_path / "out dir").glob("*.csv")) == sorted(
        p.name for p in result.files
    )
    assert "--array-delimiter=U+001F" in args and "--multiline-fields=true" in args


def test_a_value_holding_the_array_delimiter_is_refused(store, tmp_path):
    odd = entity("country:ODD", "Oddland", "Country", "Odd\x1fland")
    doc = Document("c-3", "Oddland sent troops to Belmar.")
    write(store, (doc, [fact(doc, 0, doc.text, odd, "SENT_TROOPS_TO", BELMAR)]))
    with pytest.raises(KgError, match="U\\+001F"):
        write_neo4j_admin(store, tmp_path)


class IngestDuringExport:
    """The real store; a second article is written just before the first relationship read,
    as if an ingest ran during the export."""

    def __init__(self, store):
        self.store, self.done = store, False

    def query(self, cypher, params=None, *, write=False):
        if not self.done and "-[r]->" in cypher:
            self.done = True
            write_graph(self.store, _facts()[1])
        return self.store.query(cypher, params, write=write)


def write_graph(store, article):
    write(store, article)


def test_relationships_to_nodes_written_after_the_node_files_are_left_out(store, tmp_path):
    write(store, _facts()[0])
    result = write_neo4j_admin(IngestDuringExport(store), tmp_path)
    nodes, relationships = read_export(result)
    ids = {space: {r["ID"] for r in records} for space, records in nodes.values()}
    assert "b-2" not in ids["Article"]
    for (start, end), records in relationships.values():
        for record in records:
            assert record["START_ID"] in ids[start] and record["END_ID"] in ids[end]
    # b-2's HAS_SENTENCE, HAS_CLAIM, its claims' SUBJECT and OBJECT, its MENTIONS touch nodes
    # the files do not hold; its claims grow relationships that already existed, which are kept.
    late = store.query(
        "MATCH (x)-[r]->(y) WHERE x.id STARTS WITH 'b-2' OR y.id STARTS WITH 'b-2' RETURN count(r)"
    ).value()
    assert late >= 6 and result.skipped_relationships == late
    assert result.relationships + late == store.query("MATCH ()-[r]->() RETURN count(r)").value()
