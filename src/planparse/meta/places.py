"""The plan's region and level: the place its title names or its issuer's, whichever is more specific."""

from __future__ import annotations

from ..fields.regions import Place, find_places
from ..outline.frame import Frame
from ..printed_meta import FRONT_MATTER, INFO_BLOCK
from .issuers import NATIONAL
from .titles import masked


def find_place(title: str, issuers: list[str], printed: dict[str, dict[str, str]], frame: Frame):
    """(place, level): the region the title names, or the issuer's; national bodies have no region."""
    others = [printed[s].get(k, "") for s in (FRONT_MATTER, INFO_BLOCK) for k in ("issuers", "title")]
    context = "\n".join([title, *issuers, *others] + [line.text for line in frame.notice[:20]])
    issued = next((p for p in (_first_place(text, context) for text in issuers + others) if p), None)
    if issued is None and issuers and all(NATIONAL.match(name) for name in issuers):
        return None, "national"  # the State Council's plan for one province is still a national document
    place = _more_specific(_first_place(masked(title), context), issued)
    return (place, place.level) if place is not None else (None, None)


def _first_place(text: str, context: str) -> Place | None:
    places = find_places(text, context)
    return places[0] if places else None


def _more_specific(titled: Place | None, issued: Place | None) -> Place | None:
    """Of the title's place and the issuer's, the deeper one when one lies within the other; the issuer's when
    they differ (a body rules its own area); printed in the longer of the two ways when they are the same."""
    if titled is None or issued is None:
        return titled or issued
    if _same(titled, issued):
        return titled if len(_printed(titled)) >= len(_printed(issued)) else issued
    issued_codes = {parent.code for parent in issued.parents}
    if titled.division.code in issued_codes or (issued.town and titled.division.code == issued.division.code):
        return issued
    titled_codes = {parent.code for parent in titled.parents}
    if issued.division.code in titled_codes or (titled.town and titled.division.code == issued.division.code):
        return titled
    return issued


def _same(a: Place, b: Place) -> bool:
    return a.division.code == b.division.code and a.town == b.town


def region_name(place: Place | None) -> str | None:
    return _printed(place) if place is not None else None


def _printed(place: Place) -> str:
    return place.printed + (place.town or "")
