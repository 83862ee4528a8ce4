"""Parameter text (kg/store/params.py): every value reaches the engine as it was sent, and the
ones FalkorDB would misread are refused with one line naming them."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.core.graph import QueryError
from kg.store.params import params_header

# Text of every kind the engine can hold: control characters, quotes, backslashes, backticks,
# escapes spelled out ("\\u0041"), non-ASCII, astral characters. Not NUL or lone surrogates.
TEXT = st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=12)
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    TEXT,
    st.integers(min_value=-(1 << 63), max_value=(1 << 63) - 1),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
KEY = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEY, inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUE)
def test_every_value_comes_back_from_the_engine_as_it_was_sent(store, value):
    back = store.query("RETURN $value", {"value": value}).value()
    assert _same(back, value)


def _same(back, sent) -> bool:
    """Equal, floats to the precision FalkorDB prints them in its replies."""
    if isinstance(sent, float):
        return isinstance(back, float) and back == pytest.approx(sent, rel=1e-6, abs=1e-6)
    if isinstance(sent, list):
        return isinstance(back, list) and len(back) == len(sent) and all(map(_same, back, sent))
    if isinstance(sent, dict):
        return (
            isinstance(back, dict)
            and back.keys() == sent.keys()
            and all(_same(back[k], sent[k]) for k in sent)
        )
    return type(back) is type(sent) and back == sent


def test_control_characters_and_spelled_out_escapes_are_sent_as_text(store):
    # JSON would write \x01 as \u0001, which FalkorDB does not read back as \x01
    for text in (
        "a\x01b",
        "tab\there",
        "line\nbreak",
        "\\u0041 is not A",
        'say "hi"',
        "C:\\dir\\",
        "`name`",
        "é 中 😀",
    ):
        assert store.query("RETURN $t", {"t": text}).value() == text
        assert store.query("RETURN $m.k", {"m": {"k": [text]}}).value() == [text]


@pytest.mark.parametrize(
    "params, named",
    [
        ({"n": float("nan")}, "'n'"),
        ({"rows": [{"x": 1}, {"x": 2**63}]}, "'rows[1].x'"),
        ({"rows": [{"x": -(2**63) - 1}]}, "'rows[0].x'"),
        ({"m": {"t": "a\x00b"}}, "'m.t'"),
        ({"t": "lone \ud800"}, "'t'"),
        ({"m": {"": 1}}, "'m.'"),
        ({"m": {"a`b": 1}}, "'m.a`b'"),
        ({"s": {1, 2}}, "'s'"),
    ],
)
def test_values_the_engine_would_misread_are_refused_naming_them(params, named):
    with pytest.raises(QueryError) as caught:
        params_header(params)
    assert named in str(caught.value) and "\n" not in str(caught.value)


def test_the_largest_64_bit_integers_pass(store):
    assert store.query("RETURN $a, $b", {"a": 2**63 - 1, "b": -(2**63)}).rows == [[2**63 - 1, -(2**63)]]
