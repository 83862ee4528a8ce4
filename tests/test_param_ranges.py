"""Integers the engines cannot take are refused with one line, never changed: a raw Cypher
parameter outside 64 bits, a named query's int outside the range its header declares."""

from __future__ import annotations

import json

import pytest
from clitools import error_line, kg

from kg.core.errors import KgError
from kg.named_queries import INT64_MAX, INT64_MIN, QueryParam, load_named_queries, parse_named_query

HUGE = "123456789012345678901234567890"


# -- raw Cypher ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        HUGE,
        f"-{HUGE}",
        str(INT64_MAX + 1),
        str(INT64_MIN - 1),
        f"[1, {HUGE}]",
        f'{{"deep": {{"n": {HUGE}}}}}',
    ],
)
def test_query_refuses_integers_outside_64_bits(value, tmp_path):
    result = kg("query", "RETURN $n", "-p", f"n={value}", env={"KG_HOME": str(tmp_path / "h")})
    assert result.exit_code == 2
    line = error_line(result)
    assert "parameter 'n'" in line and "outside the 64-bit integer range" in line


def test_query_keeps_the_64_bit_extremes_exactly(kg_home):
    result = kg(
        "query",
        "RETURN $hi AS hi, $lo AS lo",
        "-p",
        f"hi={INT64_MAX}",
        "-p",
        f"lo={INT64_MIN}",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"hi": INT64_MAX, "lo": INT64_MIN}]


# -- named queries ---------------------------------------------------------------------------
@pytest.mark.parametrize("limit", ["0", "-5", "1000001", "4294967296", HUGE])
def test_ask_refuses_a_limit_out_of_range(kg_home, limit):
    result = kg("ask", "troop-deployments", "-p", f"limit={limit}")
    assert result.exit_code == 2
    line = error_line(result)
    assert "parameter 'limit' of query 'troop-deployments'" in line
    assert "from 1 to 1000000" in line or "outside the 64-bit integer range" in line


def test_ask_accepts_the_largest_limit(kg_home):
    result = kg("ask", "troop-deployments", "-p", "limit=1000000", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_every_int_parameter_of_the_shipped_queries_has_a_range():
    for query in load_named_queries().values():
        for p in query.params:
            if p.type == "int":
                assert p.minimum is not None and p.maximum is not None, f"{query.source}: {p.name}"
                # FalkorDB reads LIMIT as an unsigned 32-bit number: 2**32 gave no rows at all
                assert p.maximum < 2**32, f"{query.source}: {p.name}"


def test_queries_json_lists_the_ranges():
    listed = json.loads(kg("queries", "--format", "json").stdout)
    limit = next(
        p for q in listed if q["name"] == "troop-deployments" for p in q["params"] if p["name"] == "limit"
    )
    assert (limit["minimum"], limit["maximum"]) == (1, 1_000_000)


HEADER = """// name: demo
// description: A demo query.
// param: limit int optional=5 min=1 max=100  Most rows.
// param: ratio float optional min=0.5
// example: kg ask demo
MATCH (e:Entity) WHERE $ratio IS NULL OR e.score > $ratio RETURN e.name LIMIT $limit
"""


def test_header_declares_a_range():
    query = parse_named_query(HEADER, "demo.cypher")
    assert query.params == (
        QueryParam("limit", "int", False, 5, "Most rows.", 1, 100),
        QueryParam("ratio", "float", False, None, "", 0.5, None),
    )
    assert [p.usage() for p in query.params] == [
        "limit (int, default 5, 1 to 100)",
        "ratio (float, optional, at least 0.5)",
    ]
    assert query.bind({"limit": "100", "ratio": "0.5"}) == {"limit": 100, "ratio": 0.5}


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"limit": "101"}, "parameter 'limit' of query 'demo' must be from 1 to 100, got '101'"),
        ({"limit": 0}, "parameter 'limit' of query 'demo' must be from 1 to 100, got 0"),
        ({"ratio": "0.25"}, "parameter 'ratio' of query 'demo' must be at least 0.5, got '0.25'"),
        (
            {"limit": HUGE},
            f"parameter 'limit' of query 'demo' must be an int, got '{HUGE}' "
            f"(outside the 64-bit integer range, {INT64_MIN} to {INT64_MAX})",
        ),
    ],
)
def test_bind_refuses_values_out_of_range(raw, message):
    with pytest.raises(KgError) as info:
        parse_named_query(HEADER, "demo.cypher").bind(raw)
    assert str(info.value) == message


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("min=1 max=100", "min=100 max=1", "3: parameter 'limit' has min=100 above max=1"),
        (
            "optional=5 min=1",
            "optional=500 min=1",
            "3: default 500 of parameter 'limit' is not from 1 to 100",
        ),
        ("min=1 max=100", "min=one max=100", "3: min='one' of parameter 'limit' is not an int"),
        ("min=1 max=100", "min=1 min=2", "3: parameter 'limit' has min= twice"),
        ("min=1 max=100", f"max={HUGE}", f"3: max='{HUGE}' of parameter 'limit' is not an int"),
        (
            "ratio float optional min=0.5",
            "ratio string optional min=0.5",
            "4: parameter 'ratio' is a string; only int and float parameters take min=",
        ),
    ],
)
def test_range_errors_name_file_and_line(old, new, message):
    assert old in HEADER
    with pytest.raises(KgError) as info:
        parse_named_query(HEADER.replace(old, new), "demo.cypher")
    assert str(info.value).startswith(f"demo.cypher:{message}"), str(info.value)
