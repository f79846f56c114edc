"""Layouts of the genre beyond the five real plans, one hand-written document each (tests/layouts/)."""

from __future__ import annotations

from planparse import extract, extract_text
from planparse.models import ExtractionWarning

from .conftest import FIXTURES, LAYOUTS


def _plan(name):
    return extract(LAYOUTS / name)


def _all(plan):
    return list(plan.iter_measures())


def test_deep_numbering_keeps_sub_items_inside_measures():
    plan = _plan("deep-numbering.txt")
    sections = plan.chapters[1].sections
    assert [s.number for s in sections] == [1, 2, 3] and sections[1].marker == "（二）"  # `（ 二 ）`
    # numbering restarts in every section; 1、 1. 1． １． and `2 .` are all measure markers
    assert [[m.number for m in s.measures] for s in sections] == [[1, 2], [1, 2], [1, 2]]
    assert [m.marker for m in _all(plan)] == ["1、", "2 .", "1．", "2．", "1.", "2."]  # `２．` folded
    assert plan.warnings == []
    first, second = sections[0].measures
    assert [(i.marker, i.text) for i in first.items] == [("（1）", "全面梳理县直部门权责事项；"), ("（2）", "每年更新一次权责清单。")]
    assert [i.marker for i in second.items] == ["①", "②"]
    assert len(_all(plan)) == 6  # sub-items are not measures
    wrapped = sections[2].measures[0]
    assert wrapped.text == "严格落实重大行政决策程序。严格执行《重大行政决策程序暂行条例》，确保所有重大行政决策依法作出。"


def test_numbering_that_skips_is_a_warning():
    text = (LAYOUTS / "deep-numbering.txt").read_text(encoding="utf-8").replace("2.加强决策执行", "3.加强决策执行")
    assert extract_text(text).warnings == [
        ExtractionWarning(code="numbering-gap", line=29, message="measure 3 follows 1; 2 is missing")]


def test_regulation_style():
    plan = _plan("regulation.txt")
    assert plan.meta.kind == "regulation"
    assert [(c.marker, c.title) for c in plan.chapters] == [("第一章", "总则"), ("第二章", "考核内容"), ("第三章", "附则")]
    assert [(s.marker, s.title) for s in plan.chapters[1].sections] == [("第一节", "执法依据"), ("第二节", "执法程序")]
    assert [m.number for m in _all(plan)] == [1, 2, 3, 4, 5, 6, 7]
    articles = {m.number: m for m in _all(plan)}
    assert [d.date for d in articles[3].deadlines] == ["2023-06-30"]
    assert articles[7].deadlines == []  # 自2023年1月1日起施行 is an effective date, not a deadline


def test_inline_assignments():
    measures = {m.number: m for m in _all(_plan("inline-assignments.txt"))}
    one = measures[1]
    assert one.lead_units == ["县行政服务中心"] and one.responsible_units == ["各乡镇人民政府", "县直各部门"]
    assert [(d.text, d.date) for d in one.deadlines] == [("2023年年底前", "2023-12-31")]
    assert measures[2].participating_units == ["县行政服务中心", "县司法局"]
    assert [d.date for d in measures[2].deadlines] == ["2023-06-30"]
    assert measures[3].lead_units == ["县司法局"] and measures[3].participating_units == ["县政府办公室"]
    assert [d.date for d in measures[3].deadlines] == ["2024-12-31"]
    assert measures[4].responsible_units == ["县直各行政执法部门"]
    assert (measures[4].deadlines, measures[4].recurring) == ([], ["长期坚持"])
    assert measures[5].responsible_units == ["县司法局"] and measures[5].recurring == ["每年3月底前"]
    assert [d.date for d in measures[6].deadlines] == ["2023-09-30"]
    assert measures[7].deadlines == [] and measures[7].recurring == ["2022年起持续推进"]


def test_task_table_as_markdown_pipes():
    plan = _plan("task-table.md")
    assert plan.meta.kind == "division_of_labor"
    assert [(c.number, c.title) for c in plan.chapters] == [(1, "健全政府机构职能体系"), (2, "健全依法行政制度体系")]
    rows = {m.number: m for m in _all(plan)}
    assert sorted(rows) == [1, 2, 3, 4]
    assert rows[2].headline == "推进“证照分离”改革全覆盖"
    assert rows[2].lead_units == ["县市场监管局"] and rows[2].participating_units == ["县行政服务中心", "县司法局"]
    assert [d.date for d in rows[2].deadlines] == ["2023-06-30"]
    assert rows[3].participating_units == ["各乡镇人民政府", "县直各部门"] and rows[3].recurring == ["长期坚持"]
    assert {d.reason for d in plan.dropped} >= {"table header", "table rule", "table cell borders"}


def test_task_table_as_tab_separated_text():
    plan = _plan("task-table.tsv")
    assert [c.title for c in plan.chapters] == ["健全行政决策制度体系", "健全行政执法工作体系"]
    rows = {m.number: m for m in _all(plan)}
    assert rows[1].lead_units == ["区政府办公室"] and [d.date for d in rows[1].deadlines] == ["2023-12-31"]
    assert rows[2].recurring == ["持续推进"]
    assert rows[3].participating_units == ["区司法局", "区财政局"] and [d.date for d in rows[3].deadlines] == ["2023-09-30"]


def test_web_copy_with_ocr_slips():
    plan = _plan("web-ocr.txt")
    assert plan.meta.date == "2024-06-18"
    assert [c.number for c in plan.chapters] == [1, 2, 3] and plan.chapters[0].marker == "—、"
    assert [s.number for s in plan.chapters[1].sections] == [1, 2]  # `（—）` read as （一）
    measures = _all(plan)
    assert [m.number for m in measures] == [1, 2, 3, 4] and measures[0].marker == "l."
    # hard-wrapped lines and page numbers inside a measure are joined without a trace
    assert "从事一线执法工作的人员编制原则上不低于全部人员编制的80%。" in measures[0].text
    assert "统一高效的行政复议工作体系。" in measures[2].text
    assert {d.text for d in plan.dropped} >= {"— 3 —", "- 4 -", "---", "分享到：", "关闭窗口", "【大 中 小】 打印本页"}


# --- File formats: Word and PDF documents go through the same pipeline ---------------------------------
def test_word_document_with_automatic_numbering():
    plan = extract(FIXTURES / "auto-numbered.docx")
    assert plan.source.format == "docx"
    assert [(c.marker, c.title) for c in plan.chapters] == [("一、", "总体要求"), ("二、", "主要任务"), ("三、", "保障措施")]
    assert [[m.number for m in s.measures] for s in plan.chapters[1].sections] == [[1, 2], [1, 2]]
    second = plan.chapters[1].sections[0].measures[1]
    assert second.lead_units == ["县委编办"] and [d.date for d in second.deadlines] == ["2023-06-30"]
    assert [i.marker for i in plan.chapters[1].sections[1].measures[0].items][:1] == ["①"]


def test_word_task_table():
    plan = extract(FIXTURES / "task-table.docx")
    rows = {m.number: m for m in _all(plan)}
    assert sorted(rows) == [1, 2, 3, 4, 5] and len(plan.chapters) == 3
    assert rows[2].participating_units == ["县行政服务中心", "县司法局"]
    assert [d.date for d in rows[5].deadlines] == ["2023-09-30"]


def test_pdf_text_layer():
    plan = extract(FIXTURES / "text-layer.pdf")
    assert plan.source.format == "pdf"
    measures = _all(plan)
    assert [m.number for m in measures] == [1, 2, 3]
    assert measures[0].lead_units == ["县委编办"] and measures[0].responsible_units == ["县直各部门"]
    assert "（牵头单位：县委编办；责任单位：县直各部门" in measures[0].text  # a wrap inside the bracket is joined
    assert measures[2].recurring == ["长期坚持"]


def test_a_notice_that_issues_two_documents_keeps_them_apart():
    plan = _plan("two-documents.txt")
    assert [(c.number, c.title) for c in plan.chapters] == [
        (1, "关于改造范围"), (2, "关于资金筹措"), (None, "某市支持物业服务企业发展的规定"),
        (1, "关于税费支持"), (2, "关于人才培养")]
    assert [[m.number for m in c.measures] for c in plan.chapters] == [[1, 2], [3, 4], [], [1], [2, 3]]
    second = plan.chapters[2]
    assert second.recognized_by == "title of a second document" and "特制定以下规定" in second.text
    assert "物业服务企业" not in plan.chapters[1].measures[-1].text  # the first document's last article ends


def test_a_web_rendered_notice_of_one_line_items_keeps_its_closing_and_signature_apart():
    """No blank lines (text rendered from a web page), items of one line each with a unit tail, then a
    paragraph for every recipient, the signer, a date in Chinese numerals and （此件公开发布）."""
    items = "\n".join(f"{n}、对第{n}类工作成效明显的地方给予奖励。（测试部负责）" for n in "一二三四五六")
    text = ("测试院办公厅关于加大激励支持力度的通知\n各省、自治区、直辖市人民政府：\n为激励担当作为，现将有关事项通知如下：\n"
            f"{items}\n各有关部门要抓紧制定具体实施办法，于2019年3月底前报送。\n测试院办公厅\n二〇一八年十二月六日\n（此件公开发布）\n")
    plan = extract_text(text)
    measures = list(plan.iter_measures())
    assert [m.number for m in measures] == [1, 2, 3, 4, 5, 6]
    assert measures[-1].text == "对第六类工作成效明显的地方给予奖励。（测试部负责）"
    assert measures[-1].responsible_units == ["测试部"]
    roles = {block.role: block.text for block in plan.back_matter}
    assert roles["closing"].startswith("各有关部门要抓紧制定") and "测试院办公厅" in roles["signature"]
    assert roles["distribution"] == "（此件公开发布）"


def test_a_prose_sibling_of_sections_with_measures_is_a_measure():
    text = ("某镇建筑垃圾治理工作方案\n一、主要任务\n（一）强化源头管控\n1.居住区装修垃圾由物业公司统一申报。\n"
            "2.工程渣土由建设单位委托有资质的企业清运。\n（二）规范收运处置\n各收运单位要按照核定路线运输，严禁沿途抛撒。\n"
            "二、工作保障\n（一）加强组织领导\n各部门要高度重视，落实责任。\n")
    plan = extract_text(text)
    tasks, support = plan.chapters
    assert [s.title for s in tasks.sections] == ["强化源头管控"]
    assert [m.number for m in tasks.sections[0].measures] == [1, 2]
    assert [(m.marker, m.headline) for m in tasks.measures] == [("（二）", "规范收运处置")]
    assert [s.title for s in support.sections] == ["加强组织领导"] and support.measures == []


def test_items_numbered_across_framing_sections_and_measures_are_one_sequence():
    text = ("某市推进示范创建实施方案\n一、总体要求\n（一）指导思想。坚持依法行政。\n（二）工作目标。到2025年建成示范市。\n"
            "二、重点任务\n（三）健全制度体系。完善规范性文件管理制度。（责任单位：市司法局）\n"
            "（四）严格执法监督。开展执法案卷评查。（责任单位：市司法局）\n")
    plan = extract_text(text)
    framing, tasks = plan.chapters
    assert [s.title for s in framing.sections] == ["指导思想", "工作目标"] and framing.measures == []
    assert [m.number for m in tasks.measures] == [3, 4]
    assert plan.warnings == []  # （一）（二） sections and （三）（四） measures are one numbering


def test_an_unmarked_heading_over_prose_in_a_decimal_outline_stays_a_section():
    """A decimal outline (`1 总则`, `1.1.1 …`, no `x.y` level) with a heading that lost its marker and has only
    prose below it: the decimal rule makes a heading with nothing below a measure, but an unmarked heading
    has no marker to number one, so it stays a section (this input used to crash with AttributeError)."""
    text = ("某某县应急预案\n\n1 总则\n\n1.1.1 编制目的。为了做好应急工作，制定本预案。\n\n"
            "1.1.2 适用范围。本预案适用于全县。\n\n1.1.3 工作原则。统一领导，分级负责。\n\n2 组织体系\n\n工作机制\n\n"
            "县政府统一领导全县应急工作，各部门按照职责分工负责。\n\n3 保障措施\n\n3.1.1 人员保障。各部门要加强队伍建设。\n")
    plan = extract_text(text)
    assert [c.title for c in plan.chapters] == ["总则", "组织体系", "保障措施"]
    organisation = plan.chapters[1]
    assert organisation.measures == []
    assert [(s.number, s.marker, s.title) for s in organisation.sections] == [(1, None, "工作机制")]
    assert "县政府统一领导全县应急工作" in organisation.sections[0].text
    assert [m.headline for m in plan.iter_measures()] == ["编制目的", "适用范围", "工作原则", "人员保障"]
