"""The one vocabulary of field labels: the words a plan writes to name a field of a measure, before a
colon (`牵头单位：区司法局`, `（…；完成时限：2023年年底前）`) or as a task table's column header
(`| 序号 | 重点任务 | 牵头单位 | 完成时限 |`), and the role each gives its value."""

from __future__ import annotations

import re

# Each label and its role: lead / participating / responsible units, the time limit, or another field
# (`（负责部门：商务部；适用范围：所有自贸试验区）`) whose value names no unit and ends the one before it.
FIELD_LABELS: dict[str, str] = {
    **dict.fromkeys(("牵头单位", "牵头部门", "牵头处室", "主办单位", "牵头"), "lead"),
    **dict.fromkeys(("参加单位", "参加部门", "配合单位", "配合部门", "配合处室", "协办单位", "协办部门", "参与单位",
                     "参与部门", "协同单位", "协同部门", "支撑单位", "支撑部门"), "participating"),
    **dict.fromkeys(("责任单位", "责任部门", "责任处室", "责任主体", "实施单位", "实施部门", "落实单位", "负责部门",
                     "负责单位"), "responsible"),
    **dict.fromkeys(("完成时限", "完成时间", "完成期限", "时间节点", "时限要求"), "deadline"),
    **dict.fromkeys(("适用范围", "实施范围", "备注"), "other"),
}


def labels_of(*roles: str) -> str:
    """A regex alternation of the labels with these roles, longest first (so `牵头单位` wins over `牵头`)."""
    return "|".join(sorted((label for label, role in FIELD_LABELS.items() if role in roles), key=len, reverse=True))


# A column header is read by its words, since headers vary more than labels (`牵头单位及职责`, `进度安排`,
# `主要任务`); a header that is a field label has that label's role. Besides the field roles a table has
# its row numbers and the task itself.
_COLUMN_WORDS = [
    (re.compile(r"^(序号|编号|序列)$"), "number"),
    (re.compile(r"牵头"), "lead"),
    (re.compile(r"配合|参加|参与|协办|协同|支撑"), "participating"),
    (re.compile(r"责任(单位|部门)|实施单位|落实单位|(指导|负责|主管)(单位|部门)"), "responsible"),
    (re.compile(r"时限|时间|进度|节点|完成"), "deadline"),
    (re.compile(r"任务|措施|举措|内容|事项|目标|要求|指标|名称|方向"), "task"),
    (re.compile(r"^(备注|分类|类别|范围|推广范围|适用范围|领域|说明)$"), "other"),
]


def column_role(header: str) -> str | None:
    """The role of a task table's column named by `header` (a pipe or tab row's cell, or a flattened
    table's header line), or None when it names no column planparse knows."""
    if header in FIELD_LABELS:
        return FIELD_LABELS[header]
    return next((role for words, role in _COLUMN_WORDS if words.search(header)), None)
