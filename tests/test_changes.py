"""The changes a legal office reads a local plan for (issue 10 item 4), each with its direction and the words
around it: words of obligation and scope (align/wording.py's table), deadlines, numeric targets and units;
`--fail-on weakened`; and a version 1 diff report still loading. Each kind on a short plan pair written for
it: a template measure and a local measure that restates it with one thing changed."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from planparse import SchemaError, diff, dumps, exit_codes, extract_text, load_diff
from planparse.align import wording
from planparse.align.changes import context
from planparse.align.units import comparable, cut, measure_body, written_sentences
from planparse.cli import app

from .conftest import FIXTURES, RAW_PLANS, plan_of

runner = CliRunner()

# A second measure both plans share word for word, so that each pair is a plan, not a lone measure.
SHARED = ("（二）加强行政执法队伍建设。组织行政执法人员参加法律知识培训，建立行政执法人员资格管理台账，"
          "定期开展执法案卷评查。")


def _plan(region: str, measure: str, units: str = "") -> str:
    return (f"{region}法治政府建设实施方案\n\n一、主要任务\n\n（一）{measure}\n{units}\n{SHARED}\n")


def _changes(template_measure: str, local_measure: str, template_units: str = "", local_units: str = ""):
    template = extract_text(_plan("某市", template_measure, template_units))
    local = extract_text(_plan("某区", local_measure, local_units))
    report = diff(template, local)
    assert report.counts.missing == 0, "the test pair must link"
    return [change for change in report.changes if change.template == 1]


def _one(changes, field):
    found = [change for change in changes if change.field == field]
    assert len(found) == 1, changes
    return found[0]


# --- obligation and scope -------------------------------------------------------------------------------------

def test_obligation_weakened():
    change = _one(_changes("规范行政执法行为。各级行政执法机关必须严格执行行政执法公示制度，及时公开执法信息。",
                           "规范行政执法行为。各级行政执法机关可以参照执行行政执法公示制度，及时公开执法信息。"),
                  "obligation")
    assert (change.from_, change.to, change.direction) == ("必须", "可以", "weakened")
    assert change.template_context == "各级行政执法机关必须严格执行行政执法公示制度"
    assert change.local_context == "各级行政执法机关可以参照执行行政执法公示制度"


def test_obligation_strengthened():
    change = _one(_changes("推进政务公开。逐步推行重大行政决策预公开制度，扩大公众参与范围。",
                           "推进政务公开。全面推行重大行政决策预公开制度，扩大公众参与范围。"), "obligation")
    assert (change.from_, change.to, change.direction) == ("逐步", "全面", "strengthened")
    assert change.local_context == "全面推行重大行政决策预公开制度"


def test_a_firm_word_elsewhere_in_the_measure_is_not_a_change():
    # 必须 stays in its sentence; the local plan's 逐步 is in a sentence of its own the template does not have
    changes = _changes("规范行政执法行为。各级行政执法机关必须严格执行行政执法公示制度，及时公开执法信息。",
                       "规范行政执法行为。各级行政执法机关必须严格执行行政执法公示制度，及时公开执法信息。"
                       "逐步建立执法信息共享平台。")
    assert [change for change in changes if change.field in ("obligation", "scope")] == []


def test_a_firm_word_in_a_sentence_the_local_plan_does_not_restate_is_not_weakened():
    # comparing the two measures' words would read 必须 → 可以; sentence by sentence, the local plan drops the
    # 必须 sentence and restates another one, which has its 可以 in the template too
    changes = _changes("规范行政执法行为。各级行政执法机关必须严格执行行政执法公示制度，及时公开执法信息。"
                       "执法案卷可以委托第三方开展评查，评查结果向社会公开。",
                       "规范行政执法行为。执法案卷可以委托第三方开展评查，评查结果向社会公开。")
    assert [change for change in changes if change.field in ("obligation", "scope")] == []


def test_scope_narrowed():
    change = _one(_changes("推行证明事项告知承诺制。在全市推行证明事项告知承诺制，减少群众办事提交材料。",
                           "推行证明事项告知承诺制。在部分街道推行证明事项告知承诺制，减少群众办事提交材料。"),
                  "scope")
    assert (change.from_, change.to, change.direction) == ("全市", "部分", "weakened")
    assert change.template_context == "在全市推行证明事项告知承诺制"


def test_scope_widened():
    change = _one(_changes("健全法律顾问制度。在有条件的街镇建立法律顾问制度，发挥法律顾问在决策中的作用。",
                           "健全法律顾问制度。在所有街镇建立法律顾问制度，发挥法律顾问在决策中的作用。"), "scope")
    assert (change.from_, change.to, change.direction) == ("有条件的", "所有", "strengthened")


def test_full_coverage_to_a_pilot_is_narrowed():
    change = _one(_changes("健全公共法律服务体系。村居法律顾问实现全覆盖，定期开展法律咨询活动。",
                           "健全公共法律服务体系。村居法律顾问开展试点，定期开展法律咨询活动。"), "scope")
    assert (change.from_, change.to, change.direction) == ("全覆盖", "试点", "weakened")


@pytest.mark.parametrize("entry", wording.WORDS, ids=[f"{entry.dimension}-{entry.word}" for entry in wording.WORDS])
def test_every_word_of_the_table_is_found_in_its_example(entry):
    found = wording.find_words(entry.example)
    assert any(item.entry == entry and entry.example[item.start:item.end] == entry.word for item in found)


@pytest.mark.parametrize("phrase", ["坚持全面依法治国", "发展非公有制经济", "市场秩序规范有序", "大部分事项"])
def test_set_phrases_are_not_words_of_the_table(phrase):
    assert wording.find_words(phrase) == []


@pytest.mark.parametrize(("template", "local", "expected"), [
    ("严禁以罚代管", "原则上不得以罚代管", ("obligation", "严禁", "原则上", "weakened")),  # the hedge weakens the ban
    ("全面推行执法公示", "试点推行执法公示", ("obligation", "全面", "试点", "weakened")),  # one shift, not two
    ("在全市推行", "在全区推行", None),  # the same level
    ("全面推进执法公示", "推进执法公示", None),  # dropped, not replaced
])
def test_shifts(template, local, expected):
    found = [(shift.dimension, shift.before.entry.word, shift.after.entry.word, shift.direction)
             for shift in wording.shifts(template, local)]
    assert found == ([expected] if expected else [])


# --- deadlines --------------------------------------------------------------------------------------------------

DEADLINE_MEASURE = "健全行政执法监督机制。{deadline}建立行政执法监督员制度，每年开展行政执法案卷评查。"


@pytest.mark.parametrize(("before", "after", "direction"), [
    ("2023年6月底前，", "2024年6月底前，", "weakened"),  # later
    ("2024年6月底前，", "2023年6月底前，", "strengthened"),  # earlier
    ("", "2023年6月底前，", "strengthened"),  # added
    ("2023年6月底前，", "", "weakened"),  # dropped
])
def test_deadline(before, after, direction):
    change = _one(_changes(DEADLINE_MEASURE.format(deadline=before), DEADLINE_MEASURE.format(deadline=after)),
                  "deadline")
    assert (change.from_, change.to, change.direction) == (before.rstrip("，") or None, after.rstrip("，") or None,
                                                           direction)
    # each side shows its clause; a deadline alone in its clause is shown with the clause after it
    assert change.template_context.endswith("建立行政执法监督员制度")
    assert change.local_context.endswith("建立行政执法监督员制度")


# --- targets ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("before", "after", "direction"), [
    ("达到90%", "达到80%", "weakened"),  # a floor lowered
    ("不低于80%", "不低于95%", "strengthened"),  # a floor raised
    ("不超过10个工作日", "不超过15个工作日", "weakened"),  # a ceiling raised
    ("不超过10个工作日", "不超过5个工作日", "strengthened"),  # a ceiling lowered
    ("不得超过3个工作日", "不得超过5个工作日", "weakened"),  # a limit said as a prohibition: still a ceiling
    ("不得低于90%", "不得低于80%", "weakened"),  # …and a floor
])
def test_target(before, after, direction):
    measure = "提高行政复议办理质量。行政复议案件办理时限{target}，群众满意率稳步提高。"
    if "%" in before:
        measure = "提高行政复议办理质量。行政复议案件纠错率{target}，群众满意率稳步提高。"
    change = _one(_changes(measure.format(target=before), measure.format(target=after)), "target")
    assert (change.from_, change.to, change.direction) == (before, after, direction)
    assert before in change.template_context and after in change.local_context


def test_a_target_dropped_with_its_clause_restated_is_weakened():
    change = _one(_changes("完善培训制度。每年组织2次全市性的集中培训，建立培训档案。",
                           "完善培训制度。每年组织全区性的集中培训，建立培训档案。"), "target")
    assert (change.from_, change.to, change.direction) == ("2次", None, "weakened")
    assert change.local_context == "每年组织全区性的集中培训"


def test_a_target_in_a_clause_the_local_plan_does_not_restate_is_not_dropped():
    # the local sentence restates the template's, but not the clause that holds the number
    changes = _changes("完善培训制度。建立行政执法人员培训档案，每年组织不少于2次全市性的集中培训，"
                       "培训情况纳入年度考核内容。",
                       "完善培训制度。建立行政执法人员培训档案，培训情况纳入年度考核内容，加强培训结果运用。")
    assert [change for change in changes if change.field == "target"] == []


# --- units ------------------------------------------------------------------------------------------------------

def test_lead_unit_changed():
    text = "规范行政执法行为。各级行政执法机关严格执行行政执法公示制度，及时公开执法信息。"
    change = _one(_changes(text, text, "牵头单位：市司法局", "牵头单位：区司法局"), "lead_units")
    assert (change.from_, change.to, change.direction) == ("市司法局", "区司法局", "changed")
    assert change.template_context is None and change.local_context is None


def test_units_dropped_and_added():
    text = "规范行政执法行为。各级行政执法机关严格执行行政执法公示制度，及时公开执法信息。"
    changes = _changes(text, text, "牵头单位：市司法局\n参加单位：市公安局、市市场监管局",
                       "牵头单位：市司法局\n参加单位：市公安局、区城管执法局")
    found = {(change.field, change.from_, change.to, change.direction) for change in changes}
    assert found == {("participating_units", "市市场监管局", None, "changed"),
                     ("participating_units", None, "区城管执法局", "changed")}


# --- context, sentences ----------------------------------------------------------------------------------------

def test_a_long_clause_is_shown_as_a_window():
    sentence = "各级行政执法机关" * 4 + "必须严格执行行政执法公示制度全过程记录制度和重大执法决定法制审核制度。"
    shown = context(sentence, sentence.index("必须"), sentence.index("必须") + 2)
    assert shown.startswith("…") and shown.endswith("…") and "必须" in shown and len(shown) <= 2 * 16 + 4


@pytest.mark.parametrize("name", [path.stem for path in RAW_PLANS])
def test_written_sentences_are_the_compared_sentences_of_every_plan(name):
    for measure in plan_of(name).iter_measures():
        body = measure_body(measure)
        assert [comparable(sentence) for sentence in written_sentences(body)] == cut(body)[0]


@pytest.mark.parametrize("body", [
    "标题。第一句，带逗号；第二句！“引号”？\n第三句。。 。末尾",
    "深化改革。推进“证照分离”改革全覆盖，积极推进“一业一证”改革。 \n 梳理事项清单，，推进高频事项。",
])
def test_written_sentences_are_the_compared_sentences(body):
    assert [comparable(sentence) for sentence in written_sentences(body)] == cut(body)[0]


# --- --fail-on weakened and the report's schema --------------------------------------------------------------

def test_fail_on_weakened_exit_codes(tmp_path):
    template, weakened, strengthened = (tmp_path / name for name in ("template.txt", "weak.txt", "strong.txt"))
    measure = "规范行政执法行为。各级行政执法机关{word}严格执行行政执法公示制度，及时公开执法信息。"
    template.write_text(_plan("某市", measure.format(word="应当")), encoding="utf-8")
    weakened.write_text(_plan("某区", measure.format(word="可以")), encoding="utf-8")
    strengthened.write_text(_plan("某区", measure.format(word="必须")), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(template), str(weakened), "--fail-on", "weakened", "-f", "json"])
    assert result.exit_code == exit_codes.FINDINGS
    assert "1 change weakens the template" in result.stderr and "应当 → 可以" in result.stderr
    assert runner.invoke(app, ["diff", str(template), str(weakened), "-f", "json"]).exit_code == exit_codes.OK
    result = runner.invoke(app, ["diff", str(template), str(strengthened), "--fail-on", "weakened", "-f", "json"])
    assert result.exit_code == exit_codes.OK, result.stderr
    result = runner.invoke(app, ["diff", str(template), str(weakened), "--fail-on", "nothing"])
    assert result.exit_code == exit_codes.BAD_INPUT


def test_a_version_1_diff_report_still_loads():
    report = load_diff(FIXTURES / "diff-v1.yaml")  # written by planparse 0.2.0 before directions
    assert report.schema_version == 2
    assert report.changes and all(change.direction == "changed" and change.template_context is None
                                  for change in report.changes)
    assert report.changes[0].field == "lead_units" and report.changes[0].from_ == "市政务服务中心"


def test_a_diff_report_round_trips(tmp_path):
    text = "规范行政执法行为。各级行政执法机关必须严格执行行政执法公示制度，及时公开执法信息。"
    report = diff(extract_text(_plan("某市", text)), extract_text(_plan("某区", text.replace("必须", "可以"))))
    for fmt in ("yaml", "json"):
        path = tmp_path / f"report.{fmt}"
        path.write_text(dumps(report, fmt), encoding="utf-8")
        assert load_diff(path) == report


@pytest.mark.parametrize(("text", "message"), [
    ("schema_name: planparse/plan\nschema_version: 3\nchapters: []\n", "is not a planparse diff report"),
    ("schema_name: planparse/diff\nschema_version: 3\n", "has schema_version 3"),
    ("schema_name: planparse/diff\nschema_version: 1\nchanges: []\n", "does not match the diff schema"),
])
def test_what_is_not_a_readable_diff_report_is_refused_in_one_line(tmp_path, text, message):
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError, match=message):
        load_diff(path)


def test_a_word_replaced_in_a_very_long_sentence_is_found_in_bounded_time():
    """Past wording.MAX_DIFF_CELLS the character diff runs between the sentences' common start and end only:
    a 必须 → 可以 in the middle of two 600-character sentences is still one weakened shift."""
    from planparse.align import wording

    before, after = "各部门" + "依法行政" * 75 + "，必须", "严格执行" + "，建立制度" * 60
    template, local = before + after, before.replace("必须", "可以") + after
    assert len(template) * len(local) > wording.MAX_DIFF_CELLS
    found = wording.shifts(template, local)
    assert [(shift.before.entry.word, shift.after.entry.word, shift.direction) for shift in found] == [
        ("必须", "可以", "weakened")]


@pytest.mark.parametrize("name", [path.stem for path in RAW_PLANS])
def test_a_measure_linked_with_itself_changes_nothing_compared_or_not(name, monkeypatch):
    """linked_changes does not compare a measure linked with itself whose sentences each restate themselves
    (changes._itself, a plan diffed with itself): comparing them finds the same, nothing."""
    from planparse.align import changes

    plan = plan_of(name)
    skipped = diff(plan, plan).changes
    monkeypatch.setattr(changes, "_itself", lambda template, local, restated: False)
    assert diff(plan, plan).changes == skipped == []
