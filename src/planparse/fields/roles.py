"""Role phrasing: units named by what they do rather than by a field label — `（市交通委牵头负责，各区政府组织落实）`,
`（商务部负责）`, `区司法局牵头，各街镇按职责分工负责。`."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..patterns import lazy_pattern
from .unit_names import split_units

# The verb that ends a clause and gives its units their role.
_VERB_ROLE = {
    "牵头负责": "lead", "牵头落实": "lead", "牵头": "lead",
    "组织配合": "participating", "配合落实": "participating", "协助落实": "participating",
    "配合": "participating", "参与": "participating", "参加": "participating", "协助": "participating",
    "负责落实": "responsible", "组织落实": "responsible", "组织实施": "responsible", "抓好落实": "responsible",
    "具体落实": "responsible", "落实": "responsible", "负责": "responsible",
}
_VERB_LAST_CHARS = frozenset(verb[-1] for verb in _VERB_ROLE)
_VERB_ALTERNATION = "|".join(sorted(_VERB_ROLE, key=len, reverse=True))  # longest first: 牵头负责 before 牵头
# Verbs that give a role other than responsible: a labelled value without them keeps its label's role.
ROLE_CHANGING = lazy_pattern(r"牵头|配合|参与|参加|协助")
# The end of a clause: what is not a unit (`会同有关部门`, `按职责分工`), the role verb (longest first, so `牵头负责`
# wins over `牵头`), and a separator or the end — `市公安局牵头负责，`, `市国资委负责、`, `各部门按职责分工牵头负责、`,
# `市民政局按职责组织配合`.
_CLAUSE_END = lazy_pattern(
    r"(?:会同(?:有关|相关|其他)?(?:部门|单位))?(?:按照?(?:各自)?职责(?:分工)?(?:分别)?)?"
    rf"(?P<verb>{_VERB_ALTERNATION})"
    r"\s*(?P<separator>[，,、；;]\s*|\Z)"
)
# A unit name holds no function words: `由区司法局牵头` and `对企业依法负责` are prose, not role phrasing.
_NOT_A_UNIT = lazy_pattern(r"[的由对将把从为是要在并使向：:]|工作|\s")
_MAX_UNIT_LEN = 25
# Outside brackets a sentence is role phrasing only when every unit ends like the name of a body (`市司法局`,
# `各街镇`, `各县（市、区）`): `持续抓好行政执法责任制落实。` is a task, not an assignment.
_BODY_NAME = lazy_pattern(
    r"(?:委|局|办|部|厅|院|会|署|府|街道|镇|乡|村|区|县|市|中心|队|所|站|处|科|室|团|社|公司|门|位|组|行|庭|）)\Z"
)
# Role phrasing stands in a bracketed group (`（…牵头负责，…组织落实）`, one level of brackets inside for
# `各街镇（园区）`) or as a sentence of its own; longer stretches are prose.
_GROUP = lazy_pattern(r"[（(〔]([^（()）〔〕\n]*(?:[（(][^（()）\n]{0,20}[）)][^（()）〔〕\n]*){0,5})[）)〕]")
_MAX_GROUP_LEN = 300
_SENTENCE_MARKS = "。！？!?\n"
_SENTENCE_END_VERB = lazy_pattern(rf"(?:{_VERB_ALTERNATION})\s*(?=[。！？!?\n]|\Z)")
_MAX_SENTENCE_LEN = 300
# A role verb before a closing bracket, a sentence mark or the end: where the full patterns above are worth running.
_CLOSE = "）)〕"
_ROLE_END_HINT = lazy_pattern(r"(?:负责|落实|牵头|配合|参与|参加|协助|实施)\s*(?:[）)〕。！？!?\n]|\Z)")


def role_clauses(phrase: str, *, names_bodies: bool = False) -> list[tuple[str, list[str]]]:
    """The (role, units) of each clause when the whole phrase is role phrasing, else nothing; `names_bodies` asks
    that every unit also end like the name of a body."""
    phrase = phrase.strip().rstrip("。.")
    if not phrase or phrase[-1] not in _VERB_LAST_CHARS or "：" in phrase or ":" in phrase:
        return []  # no role verb at the end (most sentences), or labelled fields (read by their labels)
    clauses: list[tuple[str, list[str]]] = []
    position = 0
    for end in _CLAUSE_END.finditer(phrase):
        if end.start() <= position and clauses:
            continue  # a verb inside the previous clause's end
        units = split_units(phrase[position:end.start()])
        if not units or any(len(unit) > _MAX_UNIT_LEN or _NOT_A_UNIT.search(unit) for unit in units):
            return []
        if names_bodies and not all(_BODY_NAME.search(unit) for unit in units):
            return []
        clauses.append((_VERB_ROLE[end.group("verb")], units))
        position = end.end()
    return clauses if position == len(phrase) else []


def find_roles(text: str) -> list[tuple[str, list[str]]]:
    """(role, units) of each clause in a bracketed group or sentence that is wholly role phrasing, in order."""
    found: list[tuple[int, str, list[str]]] = []
    taken: list[tuple[int, int]] = []
    if not _ROLE_END_HINT.search(text):
        return []  # most texts: no role verb before a bracket, a sentence mark or the end
    ends = {end.group()[-1] for end in _ROLE_END_HINT.finditer(text)}
    for group in _GROUP.finditer(text) if ends & set(_CLOSE) else ():
        clauses = role_clauses(group.group(1)) if len(group.group(1)) <= _MAX_GROUP_LEN else []
        if clauses:
            taken.append(group.span())
            found.extend((group.start(), role, units) for role, units in clauses)
    for verb in _SENTENCE_END_VERB.finditer(text) if ends - set(_CLOSE) else ():
        window = max(0, verb.start() - _MAX_SENTENCE_LEN)
        start = max(text.rfind(mark, window, verb.start()) for mark in _SENTENCE_MARKS) + 1
        if not start and window:
            continue  # a longer stretch than a sentence of role phrasing: prose
        # groups do not overlap, so the last one opening before the verb is the only one that may reach the sentence
        last_group = bisect_right(taken, (verb.end(), 0)) - 1
        if last_group < 0 or taken[last_group][1] <= start:
            found.extend((start, role, units) for role, units in role_clauses(text[start:verb.end()], names_bodies=True))
    return [(role, units) for _, role, units in sorted(found, key=lambda item: item[0])]


# `（一）城运中心：负责建筑垃圾处理的监督管理…`, `1.街道消委办。牵头开展…`: a duty list whose items are
# headed by the body that carries them.
_DUTY_HEAD = lazy_pattern(r"^(?P<unit>[^\s，。：:；（）()]{2,32}(?:（[^（）]{1,12}）)?)(?P<end>[：:。]|\n)\s*(?P<duty>.)")
# The end of a body's name (narrower than in role phrasing: `提高政治站位。` is a topic, not a body).
_DUTY_BODY = lazy_pattern(r"(?:委|局|办|部|厅|院|署|政府|街道|镇|乡|村|中心|队|所|站|处|科|室|公司|部门|单位|小组|银行|"
                        r"集团|委员会|居委会|办公室|专班|开发区|经开区|园区)\Z")
# A body named by its part in the plan, not by name (`2.1.2 成员单位` heads a list of them, no duty of its own).
_GENERIC_BODY = lazy_pattern(r"(?:成员|相关|有关|责任|牵头|配合|参加|其他)(?:单位|部门)\Z")
_LEAD_DUTY = lazy_pattern(r"^牵头")
# What a duty item says its body does.
_DUTY_VERB = lazy_pattern(r"^(?:具体|主要|统一|全面)?(?:负责|牵头|配合|协助|协同|参与|协调|督促|指导|组织|承担|会同|落实|做好|开展|依法)")
_PARTICIPATING_DUTY = lazy_pattern(r"^(配合|协助|协同|参与)")


def duty_head(text: str) -> tuple[str, list[str]] | None:
    """(role, units) of an item headed by the bodies that carry it, or None. The head must name bodies
    (`…中心`, `…办`, `…局`, `各村`, `派出所`, `区建管委、区交通委等建设主管部门`), not a topic (`加强组织领导。`)."""
    found = _DUTY_HEAD.match(text)
    if not found:
        return None
    units = split_units(found.group("unit"))
    names = [re.sub(r"（[^（）]*）$", "", unit) for unit in units]
    if not names or not all(_DUTY_BODY.search(name) or name.startswith("各") for name in names) \
            or any(_NOT_A_UNIT.search(name) for name in names):
        return None
    rest = text[found.start("duty"):]
    # a head run into its text must be followed by what the body does (`优化服务设施布局。按照…` is a topic and
    # its text); a head alone on its line that names bodies is theirs whatever the text begins with
    if not _DUTY_VERB.match(rest) and (found.group("end") != "\n" or any(_GENERIC_BODY.match(name) for name in names)):
        return None
    if _LEAD_DUTY.match(rest):
        return "lead", units
    if _PARTICIPATING_DUTY.match(rest):
        return "participating", units
    return "responsible", units
