"""One unit written several ways within a plan → one key: with and without the plan's region in front
(`平桥区司法局`, `区司法局`), in full and short (`区卫生健康委员会`, `区卫生健康委`, `区市场监督管理局`, `区市场监管局`)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..models.tasks import ROLES
from ..patterns import lazy_pattern

if TYPE_CHECKING:
    from ..models import Plan

# Full forms and the short forms plans write for them, longest first; `和` between two fields of work is
# dropped before them (`人力资源和社会保障局` = `人力资源社会保障局`). Each is a spelling found in plans.
_SHORT_FORMS = (
    ("人力资源社会保障", "人社"),  # 区人力资源社会保障局 / 区人社局
    ("住房城乡建设", "住建"),  # 县住房和城乡建设局 / 县住建局
    ("发展改革", "发改"),  # 区发展和改革委员会 / 区发展改革委 / 区发改委
    ("卫生健康", "卫健"),  # 区卫生健康委员会 / 区卫健委
    ("监督管理", "监管"),  # 区市场监督管理局 / 区市场监管局
    ("委员会", "委"),  # 区卫生健康委员会 / 区卫生健康委
    ("人民政府", "政府"),  # 县人民政府办公室 / 县政府办公室
    ("人民法院", "法院"),  # 区人民法院 / 区法院
    ("人民检察院", "检察院"),  # 区人民检察院 / 区检察院
    ("办公室", "办"),  # 区政府办公室 / 区政府办
)
_SHORT = lazy_pattern("|".join(re.escape(full) for full, _ in _SHORT_FORMS))
_SHORT_OF = dict(_SHORT_FORMS)
_BLANKS = lazy_pattern(r"\s+")
# The kind of division a region's name ends with: what stands for it in a unit without the name (平桥区 → 区).
_DIVISION_SUFFIX = lazy_pattern(r"(?:自治县|自治州|自治区|特别行政区|街道|[省市县区旗盟镇乡])\Z")


def region_prefixes(region: str | None, parents: list[str]) -> list[tuple[str, str]]:
    """How a plan of `region` (as printed, `信阳市平桥区`) writes its own region before a unit, longest first,
    each with what a unit without it starts with: (信阳市平桥区, 区), (平桥区, 区), (平桥, 区)."""
    if not region:
        return []
    own = region
    for parent in parents:  # `信阳市平桥区` → `平桥区`
        own = own.removeprefix(parent)
    suffix = _DIVISION_SUFFIX.search(own)
    if not suffix or suffix.start() < 2:
        return []
    stem, kind = own[:suffix.start()], suffix.group()
    forms = {region, own, stem}
    return sorted(((form, kind) for form in forms if form), key=lambda pair: (-len(pair[0]), pair[0]))


def unit_key(unit: str, prefixes: list[tuple[str, str]]) -> str:
    """The key two spellings of one unit share: the region as its kind (平桥区司法局 → 区司法局), `和` between fields
    dropped, full forms shortened (委员会 → 委). `prefixes` from region_prefixes."""
    key = _BLANKS.sub("", unit)
    for prefix, kind in prefixes:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = kind + key[len(prefix):]
            break
    key = key.replace("和", "")
    return _SHORT.sub(lambda match: _SHORT_OF[match.group()], key)


class PlanUnits:
    """The units of one plan: which spellings are one unit, the name it goes by (the spelling written most
    often, then the longest, the full name) and every spelling."""

    def __init__(self, plan: Plan):
        self._prefixes = region_prefixes(plan.meta.region, [parent.name for parent in plan.meta.region_parents])
        self._written: dict[str, Counter[str]] = {}
        for measure in plan.iter_measures():
            for role in ROLES:
                for unit in getattr(measure, f"{role}_units"):
                    self._written.setdefault(self.key(unit), Counter())[unit] += 1
        self._names = {key: min(counts, key=lambda unit: (-counts[unit], -len(unit), unit))
                       for key, counts in self._written.items()}

    def key(self, unit: str) -> str:
        return unit_key(unit, self._prefixes)

    def all_keys(self) -> list[str]:
        return list(self._written)

    def name(self, key: str) -> str:
        return self._names[key]

    def spellings(self, key: str) -> list[str]:
        return sorted(self._written[key])
