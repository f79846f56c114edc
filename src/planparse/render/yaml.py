"""The `yaml` format: a plan, diff or compare report as YAML (the same fields as `json`)."""

from __future__ import annotations

from . import Renderer


def _yaml(report) -> str:
    from ..yamlio import dumps  # here: finding the formats (every command's start-up) need not load pydantic

    return dumps(report, "yaml")


RENDERER = Renderer(renders={kind: _yaml for kind in ("plan", "diff", "compare", "tasks")}, order=3,
                    join="---\n".join, suffixes=(".yaml", ".yml"))
