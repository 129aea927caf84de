"""Presentation of :class:`~sourcetrace.records.Extraction` records: terminal and HTML.

Pure presentation: no command-line parsing and no I/O beyond the Rich console
handed in.
"""

from __future__ import annotations

from .html import render_html, render_record
from .table import render_table

__all__ = ["render_html", "render_record", "render_table"]
