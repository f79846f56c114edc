"""Metadata a copy of a document prints around it, outside the document itself: a scraper's YAML front matter,
a government info-disclosure block (索引号 / 发文字号 / 成文日期 …) in its several shapes, and 北大法宝 headers.

`normalize` uses `front_matter_end`, `info_key_line`, `is_info_row` and `is_info_line` to move those lines to
`dropped` (reason `FRONT_MATTER` or `INFO_BLOCK`); `meta` reads them back with `printed_fields`.
"""

from __future__ import annotations

import re

from .models import Dropped
from .patterns import lazy_pattern

FRONT_MATTER = "front matter"
INFO_BLOCK = "info block"

# The keys each field goes by, across sites. Spaces inside a key (`索 引 号`) are removed before lookup.
_FIELD_KEYS = {
    "title": ("标题", "名称", "文件名称", "文件标题"),
    "doc_number": ("文号", "发文字号", "文件编号", "发文文号", "文件字号"),
    "issuers": ("发布单位", "发布机构", "发文机关", "发文单位", "发布部门", "制定机关", "发布机关"),
    "signed": ("成文日期", "成文时间", "签发日期", "发文日期"),
    "published": ("发布日期", "公布日期", "印发日期"),
}
_FIELD_BY_KEY = {key: name for name, keys in _FIELD_KEYS.items() for key in keys}
# Keys of the same blocks that carry nothing meta needs, listed so their lines are recognised too.
_OTHER_KEYS = ("索引号", "索取号", "主题分类", "主题词", "载体类型", "记录形式", "公开类别", "公开方式", "关键词",
               "内容描述", "有效性", "时效性", "效力级别", "法宝引证码", "实施日期", "体裁分类", "所属主题", "公文种类",
               "层级", "类型", "分类", "状态", "官方链接", "附件")
INFO_KEYS = tuple(_FIELD_BY_KEY) + _OTHER_KEYS
# Keys that name a document on their own line (a bare `文号` line, then its value on the next one); the generic
# scraper keys (`类型`, `状态`, `附件` …) are too common in plan text to be taken alone.
_BARE_KEYS = tuple(key for key in INFO_KEYS if key not in ("类型", "分类", "状态", "附件", "层级", "名称", "标题"))
_KEY_ALTERNATION = "|".join(sorted((re.escape(k) for k in INFO_KEYS), key=len, reverse=True))
# A `key：value` line is taken only for keys no plan sentence starts with (`附件：…` and `类型：…` do).
_LINE_KEY_ALTERNATION = "|".join(sorted((re.escape(k) for k in _BARE_KEYS + ("标题",)), key=len, reverse=True))
_SPACED = r"\s*".join  # `索 引 号` for 索引号

# `标题: 关于印发…的通知`: one line of a scraper's YAML front matter.
_FRONT_MATTER_LINE = lazy_pattern(r"^[\w\u4e00-\u9fff]{1,12}\s*:\s?.*$")
_FRONT_MATTER_MAX_LINES = 40
# `- 发文字号`, `· 成文日期`, `发文字号：`: a key alone on its line, its value on the next one.
_BULLET = r"(?:[-*·•]\s*)?"
_KEY_ALONE = lazy_pattern(rf"^{_BULLET}(?P<key>{'|'.join(_SPACED(k) for k in _BARE_KEYS)})\s*[：:]?$")
# `索引号：000014349/2018-00123　　主题分类：财政`, `【发文字号】国发〔2018〕41号`: one or two pairs on a line.
_KEY_VALUE_LINE = lazy_pattern(rf"^{_BULLET}(?:【\s*(?:{_LINE_KEY_ALTERNATION})\s*】|(?:{_LINE_KEY_ALTERNATION})\s*[：:])")
# The characters a _KEY_VALUE_LINE starts with: a bullet, 【, or a key's first character.
_KEY_VALUE_FIRST = frozenset("-*·•【" + "".join(key[0] for key in _BARE_KEYS + ("标题",)))
_PAIR = lazy_pattern(rf"(?:【\s*(?P<bracket_key>{_KEY_ALTERNATION})\s*】|(?P<key>{_KEY_ALTERNATION})\s*[：:])\s*"
                   rf"(?P<value>.*?)\s*(?=(?:\s|^)(?:【\s*(?:{_KEY_ALTERNATION})\s*】|(?:{_KEY_ALTERNATION})\s*[：:])|$)")
_INFO_LINE_MAX = 200


def front_matter_end(raw_lines: list[str]) -> int:
    """How many leading lines a `---` … `---` front matter block of `key: value` lines takes, or 0."""
    first = next((i for i, line in enumerate(raw_lines) if line.strip()), None)
    if first is None or raw_lines[first].strip() != "---":
        return 0
    for i in range(first + 1, min(len(raw_lines), first + _FRONT_MATTER_MAX_LINES)):
        line = raw_lines[i].strip()
        if line == "---":
            return i + 1 if i > first + 1 else 0
        if line and not _FRONT_MATTER_LINE.match(line):
            return 0
    return 0


def info_key_line(line: str) -> str | None:
    """The key of a line that holds only an info-block key (`文件编号`, `- 发文字号`), else None."""
    found = _KEY_ALONE.match(line.strip())
    return re.sub(r"\s+", "", found.group("key")) if found else None


def is_info_line(line: str) -> bool:
    """`发文字号：国发〔2018〕41号  成文日期：2018年12月13日`, `【时效性】现行有效`."""
    if "：" not in line and ":" not in line and "】" not in line:
        return False  # every info line has a key mark; most lines of a plan have none
    line = line.strip()
    if line[:1] not in _KEY_VALUE_FIRST:
        return False  # (_unspace_keys keeps a line's first character: the one _KEY_VALUE_LINE looks at first)
    return len(line) <= _INFO_LINE_MAX and bool(_KEY_VALUE_LINE.match(_unspace_keys(line)))


def is_info_row(cells: list[str]) -> bool:
    """`| 索 引 号 | 000014349/2018-00123 | 主题分类 | 财政 |`: a pipe row whose first cell is an info key."""
    return bool(cells) and re.sub(r"\s+", "", cells[0]).rstrip("：:") in INFO_KEYS


def printed_fields(dropped: list[Dropped]) -> dict[str, dict[str, str]]:
    """{source: {field: value}} for source `front matter` and `info block`: the first value of each field."""
    fields: dict[str, dict[str, str]] = {FRONT_MATTER: {}, INFO_BLOCK: {}}
    for record in dropped:
        if record.reason not in fields:
            continue
        for key, value in _pairs(record):
            name = _FIELD_BY_KEY.get(re.sub(r"\s+", "", key))
            value = value.strip().strip("'\"")
            if name and value and name not in fields[record.reason]:
                fields[record.reason][name] = value
    return fields


def _pairs(record: Dropped) -> list[tuple[str, str]]:
    text = record.text
    if record.reason == FRONT_MATTER:
        key, sep, value = text.partition(":")
        return [(key.strip(), value)] if sep else []
    cells = [cell.strip() for cell in text.strip().strip("|").split("|")]
    if len(cells) > 1 and is_info_row(cells):  # `| 索 引 号 | … | 发文字号 | … |`
        return [(cells[i].rstrip("：:"), cells[i + 1]) for i in range(0, len(cells) - 1, 2)]
    text = text.replace("|", " ")  # `索引号：… | 主题分类：…`
    if "\n" in text or info_key_line(text):
        key, _, value = text.partition("\n")
        return [(info_key_line(key) or key, value)]
    return [(m.group("key") or m.group("bracket_key"), m.group("value")) for m in _PAIR.finditer(_unspace_keys(text))]


def _unspace_keys(line: str) -> str:
    """`索 引 号：…`, `文　　号：…` → `索引号：…`, `文号：…`: sites space out short keys to align them."""
    def join(found: re.Match) -> str:
        key = re.sub(r"\s+", "", found.group())
        return key if key in INFO_KEYS else found.group()
    return _SPACED_KEY.sub(join, line)


# Two to five characters with spaces between them, right before a key's colon or closing 】.
_SPACED_KEY = lazy_pattern(r"[\u4e00-\u9fff](?:\s+[\u4e00-\u9fff]){1,4}(?=\s*[：:】])")
