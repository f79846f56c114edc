"""align and diff on hand-built plans: splits, merges, changes, self and unrelated plans, determinism."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planparse.align import changes, compare, diff, scoring, units
from planparse.models import Chapter, Deadline, Measure, Meta, Plan, Source, Target


def make_plan(measures: list, name: str = "plan") -> Plan:
    """A plan of one chapter; each measure is a text, or a dict of Measure fields (`text` required)."""
    built = []
    for number, spec in enumerate(measures, start=1):
        fields = {"text": spec} if isinstance(spec, str) else dict(spec)
        fields.setdefault("headline", fields["text"].split("。")[0])
        built.append(Measure(number=number, lines=(number, number), **fields))
    return Plan(source=Source(file=f"{name}.txt", sha256="0" * 64, encoding="utf-8"), meta=Meta(title=name),
                chapters=[Chapter(number=1, title="主要举措", lines=(1, len(measures)), measures=built)])


TEMPLATE = make_plan([
    "深化“放管服”改革。推进“证照分离”改革全覆盖，积极推进“一业一证”改革，着力打造“企业开办+N项服务”模式。"
    "梳理“跨省通办”事项清单，推进高频事项实现“跨省通办”。全面落实证明事项告知承诺制，建立健全在线核查、事后核查等"
    "部门间协调机制。",
    "强化事中事后监管。深入推进“双随机、一公开”监管，着力解决涉企检查事项多、频次高、随意检查、重复检查等问题。",
    "发挥行政复议化解行政争议主渠道作用。县级以上各级政府建立行政复议委员会，为重大、疑难、复杂的案件提供咨询意见。",
    {"text": "全面主动落实政务公开。2022年年底前，政府门户网站开通政策文件音视频解读栏目。从事一线执法工作的人员编制"
             "原则上不低于全部人员编制的80%。执法人员每人每年接受不少于60学时的法律知识培训。",
     "deadlines": [Deadline(text="2022年年底前", date="2022-12-31")],
     "targets": [Target(text="不低于全部人员编制的80%", value=80, unit="%"),
                 Target(text="不少于60学时", value=60, unit="学时")]},
    {"text": "加强行政规范性文件管理。全面落实行政规范性文件合法性审核机制，明确审核范围，统一审核标准。",
     "lead_units": ["市司法局"], "participating_units": ["市直各部门"]},
], "template")

LOCAL = make_plan([
    "推进“证照分离”改革全覆盖，积极推进“一业一证”改革，着力打造“企业开办+N项服务”模式。",
    "梳理“跨省通办”事项清单，推进高频事项实现“跨省通办”，不断拓展通办范围。",
    "全面落实证明事项告知承诺制，建立健全在线核查、事后核查等部门间协调机制。",
    "加强监管和复议。深入推进“双随机、一公开”监管，着力解决涉企检查事项多、频次高、随意检查、重复检查等问题。"
    "县级以上各级政府建立行政复议委员会，为重大、疑难、复杂的案件提供咨询意见。",
    {"text": "全面主动落实政务公开。2023年年底前，政府门户网站开通政策文件音视频解读栏目。从事一线执法工作的人员编制"
             "原则上不低于全部人员编制的90%。执法人员每人每年接受不少于40学时的法律知识培训。",
     "deadlines": [Deadline(text="2023年年底前", date="2023-12-31")],
     "targets": [Target(text="不低于全部人员编制的90%", value=90, unit="%"),
                 Target(text="不少于40学时", value=40, unit="学时")]},
    {"text": "加强行政规范性文件管理。全面落实行政规范性文件合法性审核机制，明确审核范围，统一审核标准。\n"
             "牵头单位：县司法局\n参加单位：县直各部门",
     "lead_units": ["县司法局"], "participating_units": ["县直各部门"]},
    "组织开展全民健身运动会，新建社区健身路径二十条，每个乡镇建成一个多功能运动场。",
], "local")


@pytest.fixture(scope="module")
def report():
    return diff(TEMPLATE, LOCAL)


def test_a_split_is_several_full_links(report):
    carried = {measure.template: measure for measure in report.measures}
    assert sorted(carried[1].local) == [1, 2, 3] and carried[1].status == "full"
    assert all(link.kind == "full" for link in report.links if link.template == 1)


def test_a_merge_is_reported_on_both_template_measures(report):
    carried = {measure.template: measure.local for measure in report.measures}
    assert carried[2] == [4] and carried[3] == [4]
    merged = next(measure for measure in report.local_measures if measure.local == 4)
    assert sorted(merged.template) == [2, 3]


def test_local_only_and_coverage(report):
    assert report.local_only == [7]
    assert report.missing == []
    assert report.coverage.full == 1.0 and report.counts.total == 5


def _changes(report, field):
    return {(change.from_, change.to) for change in report.changes if change.field == field}


def test_changed_deadline_and_targets(report):
    assert _changes(report, "deadline") == {("2022年年底前", "2023年年底前")}
    assert _changes(report, "target") == {("不低于全部人员编制的80%", "不低于全部人员编制的90%"),
                                          ("不少于60学时", "不少于40学时")}


def test_units_added_and_removed(report):
    assert _changes(report, "lead_units") == {("市司法局", "县司法局")}  # one lead replaced by one other
    assert _changes(report, "participating_units") == {("市直各部门", None), (None, "县直各部门")}


def test_units_are_not_compared_when_the_template_names_none():
    local = make_plan([{"text": TEMPLATE.chapters[0].measures[1].text, "lead_units": ["县市场监管局"]}])
    assert diff(TEMPLATE, local).changes == []


def test_a_plan_against_itself_is_fully_covered_without_changes():
    report = diff(TEMPLATE, TEMPLATE, detail=True)
    assert report.coverage.full == 1.0 and report.changes == []
    assert [(link.template, link.local) for link in report.links] == [(n, n) for n in range(1, 6)]
    assert all(segment.op == "equal" for detail in report.details for segment in detail.segments)


UNRELATED = make_plan([
    "建设健身设施。新建社区健身路径二十条，推动学校体育场馆在课余时间向社会开放。",
    "举办群众赛事。每年举办全县农民运动会和广场舞大赛，支持篮球、乒乓球、象棋等协会开展联赛。",
    "发展体育产业。培育体育用品制造企业，打造环湖骑行和山地徒步精品线路，带动餐饮住宿消费。",
    "加强青少年体育。保证中小学生每天校园体育活动时间不少于一小时，开展游泳和足球特色学校创建。",
], "unrelated")


def test_unrelated_plans_have_near_zero_coverage():
    assert diff(TEMPLATE, UNRELATED).coverage.missing == 1.0
    assert diff(UNRELATED, TEMPLATE).coverage.missing == 1.0


def test_the_result_is_deterministic(report):
    again = diff(TEMPLATE, LOCAL)
    assert again.model_dump() == report.model_dump()


def test_a_plan_scores_the_same_alone_and_in_any_batch():
    template = units.MeasureUnits.of(list(TEMPLATE.iter_measures()))
    plans = [units.MeasureUnits.of(list(plan.iter_measures())) for plan in (LOCAL, UNRELATED, TEMPLATE, LOCAL)]
    alone = [next(scoring.score_plans(template, [plan])) for plan in plans]
    for entries in (1, 2_000, 10**9):  # one plan per batch … all plans in one batch
        together = list(scoring.score_plans(template, plans, batch_entries=entries))
        for a, b in zip(alone, together):
            assert (a.score == b.score).all()  # exactly: see align.grams._exact


def test_plans_whose_clauses_are_their_sentences_score_the_same_with_one_overlap(monkeypatch):
    """When every clause is its measure's one sentence on both sides (one-line measures without a comma, F21),
    scoring computes the units' overlap once for both thresholds: the scores are those of two overlaps."""
    texts = [f"推进第{n}项依法行政工作" for n in range(40)] + ["完善行政复议制度", "加强行政复议工作"]
    template = units.MeasureUnits.of([Measure(number=n, text=f"{text}。", lines=(n, n)) for n, text in enumerate(texts)])
    local = units.MeasureUnits.of([Measure(number=n, text=f"{text}。", lines=(n, n))
                                   for n, text in enumerate(reversed(texts))])
    assert template.clauses == template.sentences and local.clauses == local.sentences
    index = scoring.TemplateIndex.of(template)
    assert scoring._same_units(index, [scoring.plan_grams(index, local)])
    once = next(scoring.score_plans(template, [local], keep_detail=True))
    monkeypatch.setattr(scoring, "_same_units", lambda index, plans: False)
    twice = next(scoring.score_plans(template, [local], keep_detail=True))
    for field in ("template", "local", "local_share", "template_share", "clause_share", "evidence", "restated",
                  "best_template_sentence", "best_similarity"):
        assert np.array_equal(getattr(once, field), getattr(twice, field)), field
    assert (once.clause_share > 0).any()  # clauses matched too, not only sentences


def test_numpy_and_scipy_products_give_identical_scores(monkeypatch):
    from .conftest import plan_of

    template = units.MeasureUnits.of(list(plan_of("nanyang-2022").iter_measures()))
    plans = [units.MeasureUnits.of(list(plan_of(name).iter_measures()))
             for name in ("baofeng-2022-draft", "pingqiao-2023-fengong", "nanyang-2025-web")]
    joined = [next(scoring.score_plans(template, [plan])) for plan in plans]  # one plan: numpy
    monkeypatch.setattr(scoring, "JOIN_MAX_CELLS", 0)
    for a, b in zip(joined, scoring.score_plans(template, plans)):
        for field in ("local_share", "template_share", "clause_share"):
            assert (getattr(a, field) == getattr(b, field)).all()


def test_compare_gives_diff_statuses():
    report = compare(TEMPLATE, [LOCAL, UNRELATED, TEMPLATE])
    assert [row.plan.file for row in report.plans] == ["local.txt", "unrelated.txt", "template.txt"]
    for row, local in zip(report.plans, (LOCAL, UNRELATED, TEMPLATE)):
        assert row.statuses == [measure.status for measure in diff(TEMPLATE, local).measures]


@pytest.mark.parametrize("text, expected", [
    ("推进“互联网+监管”", "推进互联网监管"),
    ("推进互联网十监管", "推进互联网监管"),  # a web copy's OCR: + read as 十
    ("十四五规划、二十条", "十四五规划二十条"),  # a numeral 十 stays
    ("（豫办〔2020〕23号）", "豫办202023号"),
    ("豫办C2020〕23号", "豫办202023号"),  # 〔 read as C
    ("县（市、区）", "县市区"),
    ("２０２２年", "2022年"),  # full-width digits
])
def test_comparable_text(text, expected):
    assert units.comparable(text) == expected


def test_responsibility_lines_are_not_compared():
    measure = LOCAL.chapters[0].measures[5]
    sentences, clauses = units.cut(units.measure_body(measure))
    assert "司法局" not in "".join(sentences + clauses)


def test_a_title_alone_never_makes_a_link():
    # Titles name a topic in words every plan repeats; joined to the next sentence they weigh little.
    template = make_plan(["深化行政执法体制改革。推进综合执法制式服装和标志管理。"])
    local = make_plan(["深化行政复议体制机制改革。整合行政复议职责，建立行政复议委员会。"])
    assert diff(template, local).links == []


def test_word_segments_give_back_both_texts():
    before = "畅通违法行为投诉举报渠道，对举报严重违法违规行为和重大安全隐患的有功人员依法给予奖励。"
    after = "畅通违法行为投诉举报渠道对举报严重违法违规行为和重大风险隐患的有功人员依法给予奖励。"
    segments = changes.word_diff(before, after)
    assert "".join(s.template for s in segments) == before and "".join(s.local for s in segments) == after
    assert [(c.from_, c.to) for c in changes.wording_changes((1, 1), segments)] == [("安全隐患", "风险隐患")]



def test_a_long_measure_is_diffed_sentence_by_sentence_first():
    # Past MAX_WORD_CELLS (word count × word count) a word diff could take seconds (the fuzzer's two
    # measures of repeated words): sentences are aligned first, and only the changed one diffed by words.
    before = "".join(f"推进第{i}项依法行政工作，落实行政执法责任制和公示制度。" for i in range(60))
    after = before.replace("推进第30项依法行政工作，落实", "推进第30项依法行政工作，逐步落实")
    words = len(changes._words(units.comparable(before))) * len(changes._words(units.comparable(after)))
    assert words > changes.MAX_WORD_CELLS
    segments = changes.word_diff(before, after)
    assert "".join(s.template for s in segments) == before and "".join(s.local for s in segments) == after
    assert [(s.op, s.template, s.local) for s in segments if s.op != "equal"] == [("insert", "", "逐步")]


def test_sentences_too_many_to_align_are_one_replaced_span():
    before = "第1条一、健全。" * 800
    after = "第1条一、健全" * 900
    segments = changes.word_diff(before, after)
    assert [(s.op, s.template, s.local) for s in segments] == [("replace", before, after)]

def test_comparable_by_character_agrees_with_comparable():
    for plan in (TEMPLATE, LOCAL):
        for measure in plan.iter_measures():
            assert units.comparable_with_origins(measure.text)[0] == units.comparable(measure.text)


def test_repeated_numbers_and_labels_make_distinct_keys():
    chapters = [Chapter(number=c, title=f"第{c}章", lines=(c, c), measures=[
        Measure(number=n, text=f"{text}。", headline=text, lines=(c, c))
        for n, text in ((1, "推进“证照分离”改革全覆盖" * c), (2, "建立行政复议委员会" * c))]) for c in (1, 2)]
    chapters[1].measures.append(Measure(label="加分项 1", text="开展法治政府建设示范创建活动。", lines=(3, 3)))
    plan = Plan(source=TEMPLATE.source, meta=Meta(), chapters=chapters)
    report = diff(plan, plan)
    assert [measure.template for measure in report.measures] == [1, 2, "1#2", "2#2", "加分项 1"]
    assert report.coverage.full == 1.0


def test_the_package_leaves_the_library_functions_in_place():
    # Importing a submodule binds it on its parent package: the align package (named so, not `diff`, for
    # this) must never be bound over the function planparse.diff, however often diff and compare run.
    import planparse
    import planparse.align.workers

    first = planparse.diff(TEMPLATE, LOCAL)
    assert planparse.diff(TEMPLATE, LOCAL) == first
    assert planparse.compare(TEMPLATE, [LOCAL]).plans[0].statuses == [m.status for m in first.measures]


@pytest.mark.parametrize("dense_share", [1_000_000, 32, 1])
def test_title_similarity_is_the_same_summed_in_small_blocks(monkeypatch, dense_share):
    """Thousands of titles sharing their words make billions of pairs (F21): Titles.similarity sums the
    grams most titles share as a matrix product (all of them, some, or none here) and the others' pairs a
    block at a time, and neither must change the figures."""
    import numpy as np

    from planparse.align import grams
    from planparse.align.units import MeasureUnits

    texts = ["推进依法行政工作", "推进政务公开工作", "加强行政复议", "完善突发事件应对制度", "推进依法行政"]
    measures = [Measure(number=n, text=f"{text}。", headline=text, lines=(n, n)) for n, text in enumerate(texts, 1)]
    index = grams.TemplateIndex.of(MeasureUnits.of(measures))
    here, other = grams.Titles.of(index, texts), grams.Titles.of(index, list(reversed(texts)))
    whole = here.similarity(other)
    monkeypatch.setattr(grams, "TITLE_PAIRS_PER_BLOCK", 3)
    monkeypatch.setattr(grams, "DENSE_GRAM_SHARE", dense_share)
    assert np.allclose(here.similarity(other), whole)
    assert np.isclose(whole[2, 2], 1.0) and 0 < whole[0, 0] < 1  # the same title; two that share 推进…工作


def test_title_similarity_of_many_pairs_is_bit_for_bit_the_same_added_in_any_blocks(monkeypatch):
    """The pairs of titles that share a rarer gram are added a block at a time (PAIRS_ADDED_AT_ONCE), the rows
    made a block at a time (TITLE_BLOCK_CELLS): each cell gets its additions in the same order however they are
    cut, so the figures are exactly equal."""
    import numpy as np

    from planparse.align import grams
    from planparse.align.units import MeasureUnits

    texts = [f"推进第{n}项依法行政工作" for n in range(1, 40)] + ["加强行政复议", "完善突发事件应对制度"]
    measures = [Measure(number=n, text=f"{text}。", headline=text, lines=(n, n)) for n, text in enumerate(texts, 1)]
    index = grams.TemplateIndex.of(MeasureUnits.of(measures))
    here, other = grams.Titles.of(index, texts), grams.Titles.of(index, list(reversed(texts)))
    monkeypatch.setattr(grams, "TITLE_PAIRS_PER_BLOCK", 3)  # the path of many pairs
    monkeypatch.setattr(grams, "DENSE_GRAM_SHARE", 4)  # with some grams summed by a matrix product
    whole = here.similarity(other)
    for pairs in (1, 2, 50):
        monkeypatch.setattr(grams, "PAIRS_ADDED_AT_ONCE", pairs)
        assert np.array_equal(here.similarity(other), whole)
    for cells in (1, 50, 100):  # blocks of one row, of one and of two rows
        monkeypatch.setattr(grams, "TITLE_BLOCK_CELLS", cells)
        assert np.array_equal(here.similarity(other), whole)
    assert (whole > 0).sum() > len(texts)  # titles that share grams, not only each with itself


@pytest.mark.parametrize("cells", [1, 7, 1_000_000])
def test_title_similarity_is_divided_by_its_norms_the_same_in_any_blocks(monkeypatch, cells):
    """The cosines are divided a block of rows at a time through one reused buffer; a title without weight
    (no gram, here an empty one and a one-character one) is 0 against everything, never NaN, and the other
    cells are bit for bit the sums divided by √(norm × norm)."""
    import numpy as np

    from planparse.align import grams
    from planparse.align.units import MeasureUnits

    texts = ["推进依法行政工作", "", "加强行政复议", "政", "推进依法行政"]
    measures = [Measure(number=n, text=f"{text}。", headline=text, lines=(n, n)) for n, text in enumerate(texts, 1)]
    index = grams.TemplateIndex.of(MeasureUnits.of(measures))
    here, other = grams.Titles.of(index, texts), grams.Titles.of(index, list(reversed(texts)))
    monkeypatch.setattr(grams, "TITLE_BLOCK_CELLS", cells)
    similarity = here.similarity(other)
    # the sums themselves: the same titles with norms of 1 are divided by √1
    sums = replace(here, norm=np.ones_like(here.norm)).similarity(replace(other, norm=np.ones_like(other.norm)))
    denominator = np.sqrt(np.outer(here.norm, other.norm))
    expected = np.where(denominator > 0, sums / np.where(denominator > 0, denominator, 1.0), 0.0)
    assert np.array_equal(similarity, expected)
    assert not np.isnan(similarity).any() and similarity[1].tolist() == [0.0] * 5 and similarity[3].sum() == 0.0
    assert similarity[2, 2] == 1.0


def test_title_similarity_of_titles_sharing_no_gram_is_zero_not_an_error():
    """bincount of no pairs is an integer array, which the cosine cannot be divided into in place (found by
    the fuzz crashers: a diff of two one-line plans with nothing in common)."""
    import numpy as np

    from planparse.align import grams
    from planparse.align.units import MeasureUnits

    measures = [Measure(number=1, text="推进依法行政。", headline="推进依法行政", lines=(1, 1))]
    index = grams.TemplateIndex.of(MeasureUnits.of(measures))
    similarity = grams.Titles.of(index, ["推进依法行政"]).similarity(grams.Titles.of(index, ["完善制度"]))
    assert similarity.dtype == np.float64 and similarity.tolist() == [[0.0]]


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3), st.integers(0, 6)), max_size=40))
def test_best_match_per_local_unit_is_highest_then_lowest_template_unit(entries):
    """scoring._first_per_group finds each group's best in one pass over runs; it must pick what sorting by
    (group, -value, tie) picks, first of repeated equals included."""
    import numpy as np

    from planparse.align.scoring import _first_per_group

    entries.sort(key=lambda entry: entry[0])  # groups ascend, as the rows of a CSR matrix do
    group = np.array([g for g, _, _ in entries], np.int64)
    value = np.array([v / 3 for _, v, _ in entries])
    tie = np.array([t for _, _, t in entries], np.int64)
    order = np.lexsort((tie, -value, group))
    expected = order[np.r_[True, group[order][1:] != group[order][:-1]]] if len(group) else order
    assert _first_per_group(group, value, tie).tolist() == expected.tolist()


def test_the_title_matrices_take_small_pages_and_numpy_keeps_its_setting():
    """align._small_pages turns off numpy's request for huge pages while the title matrices are made and read
    (their values are the same either way) and gives numpy back its own setting."""
    import numpy as np

    from planparse.align import _small_pages

    switch = np._core.multiarray._set_madvise_hugepage  # returns the setting it replaces
    original = switch(True)
    try:
        with _small_pages():
            inside = switch(False)
        assert inside is False and switch(True) is True
        switch(False)
        with _small_pages():
            pass
        assert switch(True) is False  # a setting of False is given back as False too
    finally:
        switch(original)


@pytest.mark.parametrize("parts", [[0] * 9, [0, 0, 0, 1, 1, 1, 2, 2, 0]])
@pytest.mark.parametrize("block_rows", [1, 3, 9])
def test_best_titles_are_the_pairs_best_in_their_column_and_in_their_row_within_the_part(parts, block_rows):
    """The title pairs the linker looks at, found a block of rows at a time without a boolean matrix per
    condition, are those the rule names: at least TITLE_MATCH, the best in their column and in their row among
    the local units of their part (ties kept), written out here as the boolean matrices it was first written
    with; the cells asked for and the headings' rows and columns are the matrix's, however it is cut."""
    from planparse.align.links import TITLE_MATCH, TitleBest

    rng = np.random.default_rng(5)
    # 7 template units and 2 headings × 9 local units and 1 heading; ties and values at the bar
    similarity = rng.choice([0.0, 0.2, 0.35, 0.5, 0.9, 1.0], size=(9, 10))
    units_similarity = similarity[:7, :9]
    part = np.array(parts, dtype=np.int64)
    best = units_similarity >= units_similarity.max(axis=0)
    for p in set(parts):
        columns = part == p
        best[:, columns] &= units_similarity[:, columns] >= units_similarity[:, columns].max(axis=1)[:, None]
    expected = np.argwhere(best & (units_similarity >= TITLE_MATCH))
    asked = np.array([[0, 4], [2, 2], [2, 8], [6, 0]], dtype=np.int64)
    blocks = ((first, similarity[first:first + block_rows]) for first in range(0, 9, block_rows))
    found = TitleBest.of(blocks, 7, part, asked)
    assert found.pairs.tolist() == expected.tolist()
    assert found.asked.tolist() == units_similarity[asked[:, 0], asked[:, 1]].tolist()
    assert np.array_equal(found.unit_heading, similarity[:7, 9:])
    assert np.array_equal(found.heading_unit, similarity[7:, :9])


def test_best_titles_of_columns_whose_best_rises_row_after_row_are_the_last_rows():
    """Each block lists the cells at its columns' best so far; those a later row passed are dropped as the
    blocks go (memory stays linear), and the pairs are the same."""
    from planparse.align.links import TitleBest

    rising = np.repeat(np.linspace(0.4, 1.0, 30)[:, None], 2, axis=1)  # each row beats the rows before it
    blocks = ((first, rising[first:first + 1]) for first in range(30))
    found = TitleBest.of(blocks, 30, np.zeros(2, np.int64), np.zeros((0, 2), np.int64))
    assert found.pairs.tolist() == [[29, 0], [29, 1]] and found.column.tolist() == [1.0, 1.0]


@given(st.lists(st.text(alphabet="推进依法行政工作", max_size=5), max_size=12))
def test_units_found_again_are_cut_into_the_same_grams_as_when_cut_each_time(units):
    """grams._grams cuts a repeated unit (a clause that is its whole sentence) once and copies its pairs: the
    same arrays as cutting every unit."""
    from planparse.align import grams

    for copied, cut_each in zip(grams._grams(units), grams._distinct_grams(units)):
        assert copied.dtype == cut_each.dtype and copied.tolist() == cut_each.tolist()
