"""Traditional-character copies (繁體) of plans: read by their simplified form, kept as written.

Every rule of planparse is written for simplified text (第X条, 责任单位, 办法). A traditional copy is
converted character by character with OpenCC (the maintained converter the genre's tools use), the
plan is read from the simplified text, and every string of the result is turned back into the
characters the source has, so the output keeps the text as written (and the lossless check holds).
"""

from __future__ import annotations

from .patterns import lazy_pattern

# Characters that only traditional text has and that every plan uses: a cheap test before converting.
# (A test holds that OpenCC simplifies every one of them.)
TRADITIONAL_HINTS = "這個們來時會為說對發國學與經過關於門開問間動實現點體區縣應當進務規範業辦責單條節強職權監處並確執從統計劃組織領導認審標準構機費協調網絡資訊"
_TRADITIONAL = lazy_pattern(f"[{TRADITIONAL_HINTS}]")
_MIN_TRADITIONAL = 3
_converter = None


def simplify(text: str) -> tuple[str, dict[str, str] | None]:
    """The text in simplified characters and the map back to the source's, or (text, None) when the
    text is not a traditional copy."""
    for hits, _ in enumerate(_TRADITIONAL.finditer(text), 1):
        if hits >= _MIN_TRADITIONAL:
            break
    else:
        return text, None
    simplified = _convert(text)
    if len(simplified) != len(text):  # a phrase rule changed the length: convert one character at a time
        simplified = "".join(_convert(ch) if len(_convert(ch)) == 1 else ch for ch in text)
    # A simplified character must map back to exactly one character of the source: one that the source
    # also writes as such (`单` beside `單`), or that stands for two source characters (`发` for 發 and 髮),
    # is left as the source writes it — its rule may then miss it, but no character is ever lost.
    sources: dict[str, set[str]] = {}
    for s, t in zip(simplified, text):
        if s != t:
            sources.setdefault(s, set()).add(t)
    written = set(text)
    back = {s: next(iter(ts)) for s, ts in sources.items() if len(ts) == 1 and s not in written}
    if len(back) < len(sources):
        keep = {t for s, ts in sources.items() if s not in back for t in ts}
        simplified = "".join(t if t in keep else s for s, t in zip(simplified, text))
    return simplified, back


# Keys whose strings are planparse's own words or the file's name, not text of the source.
_OWN_KEYS = frozenset({"source", "recognized_by", "reason", "warnings", "schema_name", "kind", "level"})


def restore(data, back: dict[str, str]):
    """Every string of the source inside `data` (dicts, lists, strings) written back in its characters."""
    table = str.maketrans(back)
    return _walk(data, table)


def _walk(value, table):
    if isinstance(value, str):
        return value.translate(table)
    if isinstance(value, dict):
        return {key: item if key in _OWN_KEYS else _walk(item, table) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, table) for item in value]
    if isinstance(value, tuple):
        return tuple(_walk(item, table) for item in value)
    return value


def _convert(text: str) -> str:
    global _converter
    if _converter is None:
        import opencc  # only traditional copies need it

        _converter = opencc.OpenCC("t2s")
    return _converter.convert(text)
