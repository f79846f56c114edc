"""The `parquet` format: a plan's measures as one table, the plan's metadata on each row, for SQL (DuckDB)
and pandas; several plans (`planparse extract DIR... --format parquet -o measures.parquet`) are one table of
a whole corpus. Lists (units, deadlines) are list columns, dates are dates. Needs pyarrow (the `research`
extra)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..extras import require
from . import Renderer

if TYPE_CHECKING:
    from ..models import Plan

_PURPOSE = "a parquet table (--format parquet)"


def _schema(pyarrow):
    """The table's columns (models.frames.MEASURE_COLUMNS) and their types, the same for every plan."""
    text, number, texts = pyarrow.string(), pyarrow.int64(), pyarrow.list_(pyarrow.string())
    types = {"plan_date": pyarrow.date32(), "due": pyarrow.date32(), "draft": pyarrow.bool_(),
             "period_start": number, "period_end": number, "chapter_number": number, "section_number": number,
             "position": number, "number": number, "first_line": number, "last_line": number,
             "lead_units": texts, "participating_units": texts, "responsible_units": texts, "deadlines": texts,
             "recurring": texts, "targets": texts, "citations": texts}
    from ..models.frames import MEASURE_COLUMNS

    return pyarrow.schema([(column, types.get(column, text)) for column in MEASURE_COLUMNS])


def plan_parquet(plan: Plan) -> bytes:
    from ..models.frames import measure_records

    pyarrow = require("pyarrow", "research", _PURPOSE)
    return _written(pyarrow.Table.from_pylist(measure_records(plan), schema=_schema(pyarrow)))


def _one_table(documents: list[bytes]) -> bytes:
    """The tables of several plans as one: rows in the order of the plans, then of their measures."""
    require("pyarrow", "research", _PURPOSE)
    import pyarrow
    import pyarrow.parquet

    return _written(pyarrow.concat_tables([pyarrow.parquet.read_table(io.BytesIO(document))
                                           for document in documents]))


def _written(table) -> bytes:
    import pyarrow.parquet

    buffer = io.BytesIO()
    pyarrow.parquet.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


RENDERER = Renderer(renders={"plan": plan_parquet}, order=8, notes={"plan": "one table of measures"},
                    join=_one_table, suffixes=(".parquet",))
