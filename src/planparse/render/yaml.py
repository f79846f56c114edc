"""The `yaml` format: a plan, diff or compare report as YAML (the same fields as `json`)."""

from __future__ import annotations

from ..yamlio import dumps
from . import Renderer


def _yaml(report) -> str:
    return dumps(report, "yaml")


RENDERER = Renderer(renders={kind: _yaml for kind in ("plan", "diff", "compare", "tasks")}, order=3,
                    join="---\n".join, suffixes=(".yaml", ".yml"))
