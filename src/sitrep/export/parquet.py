"""Parquet (pyarrow): the ACLED-style columns with explicit types."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, BinaryIO

from .acled import COLUMNS, acled_row
from .records import EventRecord

INT_COLUMNS = frozenset({
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
    "fatalities", "timestamp", "sources_count", "independent_sources",
})
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "corroboration"})


if TYPE_CHECKING:
    import pyarrow as pa


def schema() -> pa.Schema:
    import pyarrow as pa  # imported here: only Parquet export pays for it

    def kind(c: str) -> pa.DataType:
        if c in INT_COLUMNS:
            return pa.int64()
        return pa.float64() if c in FLOAT_COLUMNS else pa.string()

    return pa.schema([(c, kind(c)) for c in COLUMNS])


def write_parquet(records: Iterable[EventRecord], out: BinaryIO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [acled_row(r) for r in records]
    table = pa.Table.from_pylist(rows, schema=schema())
    pq.write_table(table, out)
    return len(rows)
