"""jsontext.dumps writes what json.dumps writes with an indent, byte for byte, on every value json accepts."""

from __future__ import annotations

import json
import math
from enum import IntEnum, StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse import jsontext


class Level(IntEnum):
    high = 2


class Word(StrEnum):
    must = "必须"


class Ratio(float):
    pass


TRICKY = [
    None, True, False, 0, -1, 2**100, -(2**70), Level.high,
    0.0, -0.0, 0.1, 1e16, 1.5e-7, 123456789.123, math.nan, math.inf, -math.inf, Ratio(2.5),
    "", "推进依法行政", "tab\there", "line\nbreak", "\x00\x01\x1f\x7f", 'quote " and \\ backslash',
    "\u2028\u2029", "\ud800 lone surrogate", "emoji 🙂", Word.must,
    [], {}, [[]], [{}], {"a": []}, {"a": {}}, (1, "二", None), [1, [2, [3, []]]],
    {"key": "值", "nested": {"list": [1, 2.5, None, True], "empty": [], "map": {}}},
    {1: "int key", 2.5: "float key", None: "null key", "s": Level.high, Level.high: 0},
    {True: "true key", False: "false key", math.inf: "infinite key"},
    {"中文键": ["行政", {"deep": [[], {}, ""]}]},
]


@pytest.mark.parametrize("ensure_ascii", [False, True])
@pytest.mark.parametrize("indent", [0, 2, 4])
@pytest.mark.parametrize("value", TRICKY, ids=repr)
def test_it_writes_what_json_writes(value, indent, ensure_ascii):
    expected = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)
    assert jsontext.dumps(value, indent=indent, ensure_ascii=ensure_ascii) == expected


def test_a_whole_nested_document_is_the_same_text():
    document = {"items": TRICKY, "by_name": {str(n): value for n, value in enumerate(TRICKY)}}
    assert jsontext.dumps(document, ensure_ascii=False) == json.dumps(document, ensure_ascii=False, indent=2)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES, st.booleans())
def test_any_json_value_is_the_same_text(value, ensure_ascii):
    assert jsontext.dumps(value, ensure_ascii=ensure_ascii) == json.dumps(value, indent=2, ensure_ascii=ensure_ascii)


@pytest.mark.parametrize("value", [{"a": object()}, [b"bytes"], {(1, 2): "tuple key"}, {1j}])
def test_what_json_refuses_it_refuses(value):
    with pytest.raises(TypeError):
        json.dumps(value, indent=2)
    with pytest.raises(TypeError):
        jsontext.dumps(value)
