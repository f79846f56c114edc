"""Wording every report format shares: percentages, plan names, shortened headlines, one line per change."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models.diff import Change

_FIELD_NAMES = {"deadline": "deadline", "target": "target", "lead_units": "lead unit",
                "participating_units": "participating unit", "responsible_units": "responsible unit",
                "wording": "wording"}


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def describe(change: Change) -> str:
    """One line: `deadline: 2022年年底前 → 2023年年底前`, `lead unit added: 区司法局`."""
    name = _FIELD_NAMES[change.field]
    if change.from_ is None:
        return f"{name} added: {change.to}"
    if change.to is None:
        return f"{name} removed: {change.from_}"
    return f"{name}: {change.from_} → {change.to}"


def plan_name(plan) -> str:
    return f"{plan.title} ({plan.file})" if plan.title else plan.file


def short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
