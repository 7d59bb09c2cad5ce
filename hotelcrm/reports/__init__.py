"""PDF reports (ReportLab): the base every concrete report stands on.

- ``ReportContext``: hotel, title, language, who printed it and when, period, orientation;
- ``render(ctx, flowables, out, progress=None) -> pages``: header/footer on every page,
  "page x of y", the embedded CJK font subset;
- ``report_styles()``, ``title_block(ctx)``: the shared look;
- ``ColumnSpec``, ``DataTable``/``report_table``: fast tables of any length;
- ``format_money``/``format_date``/...: how values print;
- ``ReportSpec``, ``register``, ``get_report``, ``all_reports``: the report registry.

See docs/reports.md.
"""

from .data_table import Align, ColumnSpec, DataTable, report_table
from .fonts import FONT_NAME, register_fonts
from .formatters import (
    EMPTY,
    format_count,
    format_date,
    format_datetime,
    format_money,
    format_percent,
    format_text,
    money_formatter,
)
from .page_template import ProgressCallback, period_text, title_block
from .renderer import render
from .report_context import Orientation, ReportContext
from .report_registry import ReportParam, ReportSpec, all_reports, get_report, register
from .report_styles import ReportStyles, report_styles

__all__ = [
    "EMPTY",
    "FONT_NAME",
    "Align",
    "ColumnSpec",
    "DataTable",
    "Orientation",
    "ProgressCallback",
    "ReportContext",
    "ReportParam",
    "ReportSpec",
    "ReportStyles",
    "all_reports",
    "format_count",
    "format_date",
    "format_datetime",
    "format_money",
    "format_percent",
    "format_text",
    "get_report",
    "money_formatter",
    "period_text",
    "register",
    "register_fonts",
    "render",
    "report_styles",
    "report_table",
    "title_block",
]
