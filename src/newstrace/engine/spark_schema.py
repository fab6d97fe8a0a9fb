"""Spark schemas of the output tables: the DuckDB store's columns, in the same order and types, so
``Store(out_dir)`` opens a Spark run exactly like a local one."""

from __future__ import annotations

from pyspark.sql.types import ArrayType, BooleanType, IntegerType, LongType, StringType, StructField, StructType

from newstrace.store.db import ARTICLE_COLUMNS, PAGE_COLUMNS, QUARANTINE_COLUMNS

_LONG = {"size", "raw_size"}
_INT = {"n_words"}


def _struct(columns: tuple[str, ...]) -> StructType:
    def kind(name: str):
        return LongType() if name in _LONG else IntegerType() if name in _INT else StringType()

    return StructType([StructField(c, kind(c), c not in ("page_id", "qid")) for c in columns])


PAGE_SCHEMA = _struct(PAGE_COLUMNS)
ARTICLE_SCHEMA = _struct(ARTICLE_COLUMNS)
QUARANTINE_SCHEMA = _struct(QUARANTINE_COLUMNS)

# One row per input record (see spark_pages.record_row).
RECORD_SCHEMA = StructType([
    StructField("file_idx", IntegerType(), False),
    StructField("seq", IntegerType(), False),
    StructField("kind", StringType(), False),
    StructField("page_id", StringType(), True),
    StructField("has_body", BooleanType(), False),
    StructField("page", PAGE_SCHEMA, True),
    StructField("article", ARTICLE_SCHEMA, True),
    StructField("quarantine", QUARANTINE_SCHEMA, True),
])

FURNITURE_SCHEMA = StructType([
    StructField("domain", StringType(), False),
    StructField("lines", ArrayType(StringType()), False),
])
