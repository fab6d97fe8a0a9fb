"""Exports for other tools: CSV (pandas, spreadsheets; edge list for Gephi), JSON Lines, Parquet
(DuckDB, Spark) and GEXF (Gephi: outlets as nodes with their labels, copy edges weighted by count)."""

from newstrace.export.write import EXPORT_FORMATS, copy_edges, write_export

__all__ = ["EXPORT_FORMATS", "copy_edges", "write_export"]
