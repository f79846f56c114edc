"""The `json` format: every report as its JSON contract (the models' fields, as yamlio.dumps writes them)."""

from __future__ import annotations

from . import Renderer


def _json(report) -> str:
    from ..yamlio import dumps  # here: finding the formats (every command's start-up) need not load pydantic

    return dumps(report, "json")


def _array(documents: list[str]) -> str:
    return "[\n" + ",\n".join(document.rstrip("\n") for document in documents) + "\n]\n"


RENDERER = Renderer(renders={kind: _json for kind in ("plan", "diff", "compare", "check", "tasks")}, order=2,
                    join=_array, suffixes=(".json",))
