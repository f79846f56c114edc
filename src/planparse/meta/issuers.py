"""Who issued the plan: the signature, the notice title's full names, printed metadata, the masthead."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..normalize import Line
from ..outline.frame import Frame
from ..patterns import lazy_pattern
from ..printed_meta import FRONT_MATTER, INFO_BLOCK
from .signature import ORG_END, SIGNER_MAX, adoption, is_date_line, signature_blocks

# Issuers on the notice's masthead: `中共南阳市委文件`.
_MASTHEAD = lazy_pattern(r"^(.{2,30}?)文件$")
# The issuers a notice title starts with: `上海市交通委员会 上海市公安局关于印发…`, `…办公室印发《…》的通知`.
_TITLE_ISSUERS = lazy_pattern(r"^(?P<issuers>.+?)(?:关于|印发|转发|下发|发布)")
_ISSUER_SPLIT = lazy_pattern(r"[\s、，,；;]+")
# Bodies of the central government: `国务院`, `国务院办公厅`, `国家发展改革委`, `财政部`, `中共中央办公厅`.
NATIONAL = lazy_pattern(r"^(?:国务院[\u4e00-\u9fff]*|中共中央|全国人民代表大会(?:常务委员会)?|全国人大(?:常委会)?|中央"
                      r"|国家[\u4e00-\u9fff]{1,12}(?:委员会|委|局|署|总局)"
                      r"|[\u4e00-\u9fff]{1,8}部|中国人民银行|海关总署|审计署)"
                      r"(?:办公厅|办公室)?$")
_NOT_A_SIGNER = lazy_pattern(r"^特此(通知|函告|通告|公告)|^此页无正文|^（此件")


def find_issuers(frame: Frame, notice_title: list[Line], printed: dict[str, dict[str, str]],
             source_lines: Sequence[str]) -> list[str]:
    signed = _signature_issuers(frame, source_lines)
    titled = _title_issuers(notice_title, source_lines) or _title_issuers(frame.title, source_lines)
    printed_names = [_split_names(printed[source].get("issuers", "")) for source in (FRONT_MATTER, INFO_BLOCK)]
    found = signed or titled
    # The notice title prints the full names a signature may shorten (`市交通委` for 上海市交通委员会).
    if signed and len(titled) == len(signed) and sum(map(len, titled)) > sum(map(len, signed)):
        return titled
    # So may a page's metadata, which is trusted less: only a name that is plainly the same body.
    for full in printed_names:
        if found and len(full) == len(found) and _shortened(found, full):
            return full
    if found:
        return found
    adopted = adoption(frame)
    if adopted:
        return [adopted[1]]
    for names in printed_names:
        if names:
            return names
    for line in frame.notice:
        masthead = _MASTHEAD.match(line.text)
        if masthead:
            return [masthead.group(1)]
    return []


def _split_names(value: str) -> list[str]:
    return [name for name in _ISSUER_SPLIT.split(value) if name]


def _shortened(names: list[str], full: list[str]) -> bool:
    """`市交通委` for 上海市交通委员会, `区政府办公室` for …区人民政府办公室: each name's characters appear in order
    in the full one, which ends the same way (`国务院` is no shortening of 国务院办公厅)."""
    return full != names and all(_shortening(name, whole) for name, whole in zip(names, full))


def _shortening(name: str, whole: str) -> bool:
    rest = iter(whole)
    in_order = all(ch in rest for ch in name)
    same_end = bool(re.search(re.escape(name[-1]) + r"[\u4e00-\u9fff]{0,2}$", whole))  # 委 → 委员会, 办 → 办公室
    return len(whole) >= len(name) and in_order and same_end


def _signature_issuers(frame: Frame, source_lines: Sequence[str]) -> list[str]:
    for lines in signature_blocks(frame):
        dates = [i for i, line in enumerate(lines) if is_date_line(line.text)]
        if not dates:
            continue
        signers: list[str] = []
        for line in reversed(lines[:dates[-1]]):
            text = line.text
            if (len(text) > SIGNER_MAX or any(ch in text for ch in "。，：；、") or _NOT_A_SIGNER.match(text)
                    or not (ORG_END.search(text) or is_date_line(text))):
                break
            if is_date_line(text):
                continue
            signers[:0] = _split_joint(line, source_lines)
        if signers:
            return signers
    return []


def _split_joint(line: Line, source_lines: Sequence[str]) -> list[str]:
    """Joint issuers printed on one line with spaces between them are separate bodies."""
    raw = source_lines[line.number - 1] if 0 < line.number <= len(source_lines) else line.text
    parts = [part for part in _ISSUER_SPLIT.split(raw.strip()) if part]
    if len(parts) > 1 and all(ORG_END.search(part) for part in parts):
        return parts
    return [line.text]


def _title_issuers(notice_title: list[Line], source_lines: Sequence[str]) -> list[str]:
    if not notice_title:
        return []
    first = notice_title[0]
    raw = source_lines[first.number - 1].strip() if 0 < first.number <= len(source_lines) else first.text
    raw = raw.lstrip("#").strip()
    found = _TITLE_ISSUERS.match(raw)
    if not found:
        return []
    parts = [part for part in _ISSUER_SPLIT.split(found.group("issuers")) if part]
    return parts if parts and all(ORG_END.search(part) for part in parts) else []
