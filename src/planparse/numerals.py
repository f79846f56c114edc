"""Chinese numerals (as used in outline markers and dates) to integers.

Plan markers rarely pass 百, so a small table is enough and avoids a dependency (see ../shared/NOTES.md on cn2an).
"""

from __future__ import annotations

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
# OCR and typing slips seen in real markers: a dash for 一 (`—、`), a capital/lowercase L for 1 (`l.`).
_SLIPS = {"—": "一", "－": "一", "-": "一", "─": "一"}

CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)


def cn_to_int(text: str) -> int | None:
    """Convert 一 / 十二 / 二十六 / 一百零三 / 两百 (or ASCII/full-width digits) to int; None if not a numeral."""
    text = text.strip()
    if not text:
        return None
    ascii_digits = text.translate(_FULLWIDTH_DIGITS)
    if ascii_digits.isdigit():
        return int(ascii_digits)
    text = "".join(_SLIPS.get(ch, ch) for ch in text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Enclosed numerals some word processors emit as single characters: ① ⑴ ⒈ and ㈠.
_ENCLOSED_RANGES = [(0x2460, 20), (0x2474, 20), (0x2488, 20), (0x3220, 10)]


def circled_to_int(ch: str) -> int | None:
    """① → 1, ⑴ → 1, ⒈ → 1, ㈠ → 1 … (up to 20, or 10 for ㈠–㈩)."""
    code = ord(ch) if len(ch) == 1 else -1
    for start, count in _ENCLOSED_RANGES:
        if start <= code < start + count:
            return code - start + 1
    return None
