"""Tables from column specs and rows, fast for long lists.

A long list is not one ReportLab ``Table``/``LongTable``: splitting a huge table page by page
re-measures the rows that are left every time and is about three times slower. ``DataTable``
instead hands the frame exactly one page's worth of rows at a time: every row has the same
fixed height, so when the frame says how much room is left the flowable cuts a chunk that
fits, builds a small ``Table`` for it with the header on top, and keeps the rest for the next
page. The header therefore repeats on every page and no row is measured twice.

Cells are single lines: text wider than its column is shortened with "…" (a report that needs
wrapped text in a column uses ``Paragraph``s in its own small ``Table``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.tables import CellStyle

from hotelcrm.i18n import tr

from .formatters import format_text
from .page_table import PageTable, column_cell_styles
from .report_context import ReportContext
from .report_styles import (
    ACCENT,
    HEADER_FILL,
    RULE,
    STRIPE_FILL,
    TABLE_FONT_SIZE,
    TABLE_PADDING,
    TABLE_ROW_HEIGHT,
    report_styles,
)
from .text_fit import fit_text


class Align(Enum):
    LEFT = "LEFT"
    RIGHT = "RIGHT"
    CENTER = "CENTRE"  # ReportLab's spelling


_HEADER_ALIGN = {Align.LEFT: TA_LEFT, Align.RIGHT: TA_RIGHT, Align.CENTER: TA_CENTER}


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its (translated) header, relative width, alignment and formatter.

    ``width`` is a weight: the table spreads the frame's width over the columns in proportion,
    so the same specs work on portrait and landscape pages. ``value`` picks the cell's value
    from a row (default: ``row[i]`` for the i-th column), then ``formatter`` turns it into
    text (default: as text, missing values as "—")."""

    header: str
    width: float = 1.0
    align: Align = Align.LEFT
    formatter: Callable[[Any], str] = format_text
    value: Callable[[Any], Any] | None = None


class DataTable(Flowable):
    """A table of any length that splits into one ``Table`` per page (see the module doc)."""

    def __init__(
        self,
        columns: Sequence[ColumnSpec],
        rows: Sequence[Any],
        *,
        empty_text: str = "—",
        row_height: float = TABLE_ROW_HEIGHT,
        min_rows_on_page: int = 3,
    ) -> None:
        super().__init__()
        if not columns:
            raise ValueError("a table needs at least one column")
        self.columns = tuple(columns)
        self.rows = rows
        self._start = 0
        self.empty_text = empty_text
        self.row_height = row_height
        # Fewer rows than this at the bottom of a page move to the next page with the header.
        self.min_rows_on_page = min_rows_on_page
        self._width = 0.0
        self._col_widths: list[float] = []
        self._header_cells: list[Paragraph] = []
        self._header_height = 0.0
        self._table: PageTable | None = None
        self._styles: tuple[list[CellStyle], list[CellStyle]] | None = None

    # -- layout ---------------------------------------------------------------------------------

    def _layout(self, avail_width: float) -> None:
        if avail_width == self._width:
            return
        total = sum(c.width for c in self.columns)
        self._width = avail_width
        self._col_widths = [avail_width * c.width / total for c in self.columns]
        self._header_cells = [
            Paragraph(escape(c.header), _header_style(c.align)) for c in self.columns
        ]
        tallest = max(p.wrap(w - 2 * TABLE_PADDING, 1e6)[1] for p, w in zip(
            self._header_cells, self._col_widths, strict=True))
        self._header_height = max(self.row_height, tallest + 2 * TABLE_PADDING + 2)

    @property
    def row_count(self) -> int:
        """Rows still to be laid out (the rest of a table that was split is a new DataTable)."""
        return len(self.rows) - self._start

    def wrap(self, avail_width, avail_height):
        self._layout(avail_width)
        height = self._header_height + max(self.row_count, 1) * self.row_height
        if height <= avail_height + 1e-6 and self._table is None:
            self._table = self._chunk(self._start, len(self.rows))
            self._table.wrap(avail_width, avail_height)
        return avail_width, height

    def split(self, avail_width, avail_height):
        self._layout(avail_width)
        fits = int((avail_height - self._header_height + 1e-6) // self.row_height)
        if fits >= self.row_count:
            return [self]
        if fits < min(self.min_rows_on_page, self.row_count):
            return []  # start on the next page instead of leaving a header with one row
        end = self._start + fits
        rest = DataTable(self.columns, self.rows, empty_text=self.empty_text,
                         row_height=self.row_height, min_rows_on_page=self.min_rows_on_page)
        # The rest has the same columns: share the measured header and styles, don't redo them;
        # and it keeps the same row list with a new start (slicing 10,000 rows per page is waste).
        rest._start = end
        rest._styles = self._cell_styles()
        rest._width, rest._col_widths = self._width, self._col_widths
        rest._header_cells, rest._header_height = self._header_cells, self._header_height
        return [self._chunk(self._start, end), rest]

    def draw(self):
        if self._table is not None:
            self._table.drawOn(self.canv, 0, 0)

    # -- one page's table ----------------------------------------------------------------------

    def _cells(self, row: Any) -> list[str]:
        cells = []
        for index, (column, width) in enumerate(zip(self.columns, self._col_widths, strict=True)):
            value = column.value(row) if column.value else row[index]
            text = column.formatter(value)
            cells.append(fit_text(text, width - 2 * TABLE_PADDING, TABLE_FONT_SIZE))
        return cells

    def _chunk(self, start: int, end: int) -> PageTable:
        header_styles, body_styles = self._cell_styles()
        data: list[list[Any]] = [list(self._header_cells)]
        data.extend(self._cells(self.rows[i]) for i in range(start, end))
        styles = [header_styles] + [body_styles] * (end - start)
        spans: list[tuple] = []
        if start == end:
            data.append([self.empty_text] + [""] * (len(self.columns) - 1))
            styles.append(column_cell_styles(["CENTRE"] * len(self.columns)))
            spans = [("SPAN", (0, 1), (-1, 1))]
        heights = [self._header_height] + [self.row_height] * (len(data) - 1)
        return PageTable(data, colWidths=self._col_widths, rowHeights=heights, cellStyles=styles,
                         style=_TABLE_LOOK + spans)

    def _cell_styles(self) -> tuple[list[CellStyle], list[CellStyle]]:
        if self._styles is None:
            header = column_cell_styles(["LEFT"] * len(self.columns))
            body = column_cell_styles([c.align.value for c in self.columns])
            self._styles = (header, body)
        return self._styles


# Backgrounds and rules only: per-cell properties come from the shared cell styles.
_TABLE_LOOK: list[tuple] = [
    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, STRIPE_FILL]),
    ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
]


def report_table(ctx: ReportContext, columns: Sequence[ColumnSpec], rows: Sequence[Any], **options) -> DataTable:
    """A ``DataTable`` whose empty state reads "No records" in the report's language."""
    options.setdefault("empty_text", tr("reports.table.no_rows", lang=ctx.language))
    return DataTable(columns, rows, **options)


@cache
def _header_style(align: Align) -> ParagraphStyle:
    base = report_styles().table_header
    return ParagraphStyle(f"{base.name}-{align.value}", parent=base, alignment=_HEADER_ALIGN[align])
