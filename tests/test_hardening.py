"""Issue 14, part A: inputs of a few lines that hung, blew up or crashed the parsers, and wrong line numbers
and statuses. One test per finding, each built from a few lines (the fuzz corpus in tests/fuzz/crashers
replays the same inputs through every command)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from typer.testing import CliRunner

import planparse
from planparse import extract_text
from planparse.cli import app
from planparse.decode import decode_bytes
from planparse.errors import InputError
from planparse.normalize import editor_lines

runner = CliRunner()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _quick(seconds: float = 5.0):
    """A call that took longer than this hung (the fixed inputs take milliseconds)."""
    started = time.perf_counter()
    return lambda: time.perf_counter() - started < seconds


# --- F01: numbering analysis never enumerates the numbers of a gap -----------------------------------------

def test_a_huge_row_number_names_the_gap_without_listing_it():
    done = _quick()
    plan = extract_text("99999991\t务\t\n")
    assert done()
    assert any("1–99999990 are missing" in warning.message for warning in plan.warnings), plan.warnings


def test_a_row_numbered_ten_to_the_twentieth_ends():
    done = _quick()
    plan = extract_text("| 1 | 推进 |\n| 100000000000000000000 | 加强 |\n")
    assert done() and plan.chapters


def test_many_chapters_with_a_far_article_number_end_quickly():
    done = _quick()
    text = "".join(f"第{i + 1}章 总则\n第99999条 为了规范行政执法。\n" for i in range(400))
    extract_text(text)
    assert done()


def test_scattered_gaps_are_still_listed_one_by_one():
    plan = extract_text("一、总体要求\n1.甲。\n2.乙。\n5.丙。\n")
    assert [warning.message for warning in plan.warnings] == ["measure 5 follows 2; 3, 4 are missing"]


# --- F02: a row number of thousands of digits is a value, not a row number ------------------------------

def test_a_row_number_of_4400_digits_is_kept_as_text(tmp_path):
    path = _write(tmp_path, "digits.md", "| 1 | a |\n| " + "9" * 4400 + " | b |\n")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert "9" * 4400 in result.stdout


# --- F17: JSON output is always JSON -----------------------------------------------------------------------

def test_a_400_digit_target_is_no_target_and_json_stays_json(tmp_path):
    path = _write(tmp_path, "inf.txt", "一、总体要求\n1.提高比例到" + "9" * 400 + "%以上。\n")
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "Infinity" not in result.stdout
    measure = json.loads(result.stdout)["chapters"][0]["measures"][0]
    assert measure["targets"] == [] and "9" * 400 in measure["text"]


# --- F16: a heading-only title restated by its text is not lost ------------------------------------------

def test_a_heading_restated_in_its_text_is_not_reported_lost(tmp_path):
    path = _write(tmp_path, "restated.txt", "某县法治政府建设实施方案\n\n一、加强组织领导\n\n"
                                            "加强组织领导。各乡镇要切实履行主体责任。\n\n1.健全工作机制。\n")
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"][0]["findings"] == []


def test_an_inline_title_is_still_counted_once(tmp_path):
    path = _write(tmp_path, "inline.txt", "某县实施方案\n\n一、总体要求\n\n（一）组织领导机制。坚持党的领导。\n\n"
                                          "1.健全工作机制。\n")
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert json.loads(result.stdout)["files"][0]["findings"] == [], result.stdout


# --- F18: line numbers are an editor's -------------------------------------------------------------------

def test_utf16_decode_errors_count_lines_in_characters_not_0x0a_bytes():
    text = "一、总体要求以上上半年\n1.推进。\n2.加强。\n3.健全。\n"  # 上 is the bytes 0A 4E in UTF-16-LE
    data = text.encode("utf-16-le")
    at = text.index("3") * 2
    try:
        decode_bytes(b"\xff\xfe" + data[:at] + b"\x00\xd8" + data[at:], "u16.txt")
    except InputError as error:
        assert str(error).startswith("u16.txt:4: col 1: "), str(error)
    else:
        raise AssertionError("a lone surrogate decoded")


def test_form_feeds_and_unicode_separators_break_no_line(tmp_path):
    text = "某县实施方案\n\n一、总体要求\n\n1.推进依法行政。\f\n2.加强监督。\n\f\n3.健全机制。\n5.完善制度。\n"
    result = runner.invoke(app, ["check", str(_write(tmp_path, "ff.txt", text)), "--format", "json"])
    finding = json.loads(result.stdout)["files"][0]["findings"][0]
    assert finding["line"] == 9, finding  # `grep -n 5.完善制度` says 9


def test_editor_lines_split_on_cr_lf_and_crlf_only():
    assert editor_lines("a\fb\x1cc\u2028d\r\ne\rf\ng\n") == ["a\fb\x1cc\u2028d", "e", "f", "g"]


def test_separators_inside_a_line_are_spacing():
    plan = extract_text("一、总体要求\n3.健全\x0b机制\u2028建设。\n")
    assert plan.chapters[0].measures[0].text == "健全机制建设。"


# --- F24: identical measures align with themselves ---------------------------------------------------------

def test_identical_measures_are_all_full_when_a_plan_is_diffed_with_itself():
    same = "推进政务公开。坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务和结果公开。"
    others = ["加强行政复议工作，整合行政复议职责，建立案件繁简分流机制。", "完善突发事件应对制度，修订应急预案体系。",
              "深化放管服改革，实行政务服务事项清单式管理。", "加强信访矛盾调处化解，落实诉讼与信访分离制度。",
              "加强和规范政府督查，严格实施政府督查工作条例。"]
    plan = extract_text("一、主要任务\n" + "".join(f"{i + 1}.{t}\n" for i, t in enumerate([same] * 4 + others)))
    report = planparse.diff(plan, plan)
    assert [m.status for m in report.measures] == ["full"] * 9


# --- a crash the property tests found: an unmarked heading at an item rank ---------------------------------

def test_an_unmarked_heading_line_at_an_item_rank_does_not_crash():
    text = ("一、健全政府机构职能体系。\n\n（一）| 1 | 任务 | 区政府 |\n\n一、健全政府机构职能体系。\n\n"
            "（一）| 1 | 任务 | 区政府 |\n\n1.健全政府机构职能体系。")
    assert extract_text(text).chapters


# --- found by the fuzzer: a row spanning the table whose cell holds its marker and more ---------------------

def test_a_spanning_row_cell_that_starts_with_its_marker_keeps_the_rest():
    plan = extract_text("一、一、\t\t\n第一章")
    measure = plan.chapters[0].measures[0]
    assert (measure.marker, measure.text) == ("一、", "一、")


def test_spaces_after_a_title_are_scanned_once():
    from planparse.fields.citations import find_citations

    done = _quick(1.0)
    assert find_citations("《条例》" + " " * 400 + "x") == [planparse.models.DocRef(title="条例")]
    assert done()  # the 文号 pattern after 》 tried every split of the spaces: O(n⁴), 1.3 s for 200
    assert find_citations("依据《条例》（豫发〔2021〕31号）和《办法》 〔2020〕3号")[1].doc_number == "〔2020〕3号"
