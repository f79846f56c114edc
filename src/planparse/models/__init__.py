"""The typed models, grouped by concept: `plan` (what extract writes), `diff` (what diff/compare report),
`check` (corpus findings). Nothing outside this package defines a schema."""

from .plan import (
    READABLE_SCHEMA_VERSIONS,
    SCHEMA_NAME,
    SCHEMA_VERSION,
    Block,
    Chapter,
    Deadline,
    DocRef,
    Dropped,
    ExtractionWarning,
    Item,
    Measure,
    Meta,
    Period,
    Plan,
    Region,
    Section,
    Source,
    Target,
    Task,
    WarningCode,
)

__all__ = [
    "READABLE_SCHEMA_VERSIONS", "SCHEMA_NAME", "SCHEMA_VERSION", "Block", "Chapter", "Deadline", "DocRef", "Dropped",
    "ExtractionWarning", "Item", "Measure", "Meta", "Period", "Plan", "Region", "Section", "Source", "Target", "Task",
    "WarningCode",
]
