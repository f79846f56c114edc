"""Lone numbers on their own line: page numbers of a printed copy, row numbers of a flattened table,
or values in a table's cells. Only the first are furniture."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.normalize import normalize


def _prose(n: int) -> list[str]:
    return [f"各部门要按照职责分工抓好第{k}项工作的落实，确保按期完成任务。" for k in range(n)]


def test_page_numbers_that_count_on_a_page_apart_are_dropped():
    lines = _prose(25) + ["1"] + _prose(25) + ["2"] + _prose(25) + ["3"] + _prose(5)
    kept, dropped = normalize("\n".join(lines) + "\n")
    assert [d.text for d in dropped if d.reason == "page break or page number"] == ["1", "2", "3"]
    assert not any(line.text in ("1", "2", "3") for line in kept)
    assert kept[25].break_before  # the text after a page number starts a new page


def test_row_numbers_of_a_flattened_table_stay():
    lines = ["序号", "任务", "牵头单位", "1", "推进垃圾分类", "区绿化市容局", "2", "推进源头减量", "区商务委"]
    kept, dropped = normalize("\n".join(lines) + "\n")
    assert [line.text for line in kept if line.text.isdigit()] == ["1", "2"]
    assert not dropped


def test_values_in_a_column_of_numbers_stay_even_when_they_count_on():
    values = ["40", "51", "3", "4", "60", "75", "5", "6"]
    lines = []
    for value in values:
        lines += ["某街镇"] + _prose(12) + [value]
    kept, dropped = normalize("\n".join(lines) + "\n")
    assert [line.text for line in kept if line.text.isdigit()] == values
    assert not [d for d in dropped if d.reason == "page break or page number"]


def _fold_reference(text: str) -> str:
    """fold written plainly, every step on every line: the fast paths must give the same result."""
    from planparse import normalize as n

    text = text.translate(n._FULLWIDTH_ALNUM)
    text = n._SPACES.sub(lambda run: n._folded_spaces(text, run), text).strip()
    if n._HAS_CJK.search(text):
        text = n._HALF_PUNCT_NEAR_CJK.sub(lambda m: n._HALF_TO_FULL[m.group()], text)
        text = text.replace("(", "（").replace(")", "）")
    return text


@settings(max_examples=2000, derandomize=True)
@given(st.text(alphabet="一二三abc12１２ ,:;?!()（）\t\u3000\u00a0\u2003\x0b\x0c\u2028。、％%+＋", max_size=16))
def test_fold_fast_paths_change_nothing(text):
    from planparse.normalize import fold

    assert fold(text) == _fold_reference(text)


def test_fold_fast_path_looks_for_every_character_a_step_needs():
    """fold returns a line that holds no character of _MAY_FOLD only stripped: every character any of its
    steps looks for must be one of _MAY_FOLD (checked over the whole Basic Multilingual Plane)."""
    from planparse.normalize import _HAS_FULLWIDTH_ALNUM, _HAS_HALF_PUNCT, _HAS_SPACE, _MAY_FOLD

    for code in range(0x10000):
        char = chr(code)
        needed = any(pattern.match(char) for pattern in (_HAS_FULLWIDTH_ALNUM, _HAS_HALF_PUNCT, _HAS_SPACE))
        assert bool(_MAY_FOLD.match(char)) == needed, hex(code)
