"""The `json` format: every report as its JSON contract (the models' fields, as yamlio.dumps writes them)."""

from __future__ import annotations

from . import Renderer


def _json(report) -> str:
    # here: finding the formats (every command's start-up) need not load pydantic
    from pydantic_core import PydanticSerializationError

    from ..collector import paused as collector_paused
    from ..models.diff import CompareReport, DiffReport

    if isinstance(report, (DiffReport, CompareReport)):
        # pydantic's own JSON writer, a quarter of the time of dumping and writing (diff of 4,000 measures: 0.1
        # → 0.03 s), and the same text: these reports' only floats are shares and scores rounded to 3–4 places
        # in [0, 1], which it spells as json does (its spelling differs below 1e-4 and from 1e16), and it escapes
        # the same characters (a test holds the two equal)
        try:
            with collector_paused():
                return report.model_dump_json(indent=2) + "\n"
        except PydanticSerializationError:  # a lone surrogate (a YAML's "\ud800"): as json writes it, below
            pass
    from ..yamlio import dumps

    return dumps(report, "json")


def _array(documents: list[str]) -> str:
    return "[\n" + ",\n".join(document.rstrip("\n") for document in documents) + "\n]\n"


RENDERER = Renderer(renders={kind: _json for kind in ("plan", "diff", "compare", "check", "tasks")}, order=2,
                    join=_array, suffixes=(".json",))
