"""Flattened task tables (one cell per line), the shapes real scrapes have beyond tests/layouts."""

from __future__ import annotations

from planparse import extract_text

HEADER = ["序号", "工作任务", "主要工作内容", "牵头单位", "配合单位"]


def _plan(rows: list[str], after: list[str] = ()):
    text = "某区建筑垃圾治理任务分工表\n" + "\n".join(HEADER + rows + list(after)) + "\n"
    return extract_text(text)


def test_a_row_with_two_task_groups_keeps_both_leads_and_the_table_goes_on():
    rows = ["1", "推动源头减量", "在项目设计中明确减量要求。", "区建设管理委", "区规划资源局",
            "开展减量评估。", "区发展改革委", "——",
            "2", "提升处置能力", "梳理评估出土项目。", "区绿化市容局", "区水务局、属地街镇"]
    measures = list(_plan(rows).iter_measures())
    assert [m.number for m in measures] == [1, 2]
    assert measures[0].lead_units == ["区建设管理委", "区发展改革委"]
    assert measures[0].participating_units == ["区规划资源局"]  # —— is an empty cell
    assert measures[1].participating_units == ["区水务局", "属地街镇"]


def test_prose_after_the_last_row_is_not_a_cell_of_it():
    rows = ["1", "推动源头减量", "在项目设计中明确减量要求。", "区建设管理委", "区规划资源局"]
    after = ["各部门要高度重视，按照分工抓好落实，确保各项任务按期完成。",
             "请于每季度末向区建设管理委报送进展情况。",
             "区建设管理委将会同有关部门开展督促检查，对工作不力的予以通报。",
             "本分工表自印发之日起执行。"]
    plan = _plan(rows, after)
    (row,) = plan.iter_measures()
    assert "按期完成" not in row.text



def test_a_column_headed_by_any_unit_label_gives_its_units():
    # 责任主体 is a label of responsible units in a field line; as a column header it names them too
    plan = extract_text("| 序号 | 工作任务 | 责任主体 | 完成时限 |\n|---|---|---|---|\n| 1 | 推进依法行政 | 区司法局 | 2023年底前 |\n")
    (row,) = plan.iter_measures()
    assert row.responsible_units == ["区司法局"] and [d.date for d in row.deadlines] == ["2023-12-31"]
