"""One page's chunk of a ``DataTable``: a ReportLab ``Table`` tuned for thousands of rows.

Two costs dominate a plain ``Table`` of short one-line cells, and both are avoided here
without changing how the table looks:

- styling: every per-cell style command (font, colour, padding, alignment) walks every cell
  of every chunk; instead the cells share one prepared ``CellStyle`` per column (passed as
  ``cellStyles``), and only the cheap background and rule commands go through ``setStyle``;
- drawing: ``Table`` opens a new PDF text object for every cell; ``PageTable`` writes all the
  plain-text cells of the chunk into one text object. Paragraph cells (the header) are drawn
  by ``Table`` as usual.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table
from reportlab.platypus.tables import CellStyle

from .fonts import register_fonts
from .report_styles import INK, TABLE_FONT_SIZE, TABLE_PADDING

LEADING = TABLE_FONT_SIZE * 1.2
BOTTOM_PADDING = 2.0


def column_cell_styles(aligns: Sequence[str], valign: str = "MIDDLE") -> list[CellStyle]:
    """One ``CellStyle`` per column (``aligns``: LEFT, RIGHT or CENTRE), shared by every row."""
    font = register_fonts()
    styles = []
    for index, align in enumerate(aligns):
        style = CellStyle(f"col{index}")
        style.fontname = font
        style.fontsize = TABLE_FONT_SIZE
        style.leading = LEADING
        style.leftPadding = style.rightPadding = TABLE_PADDING
        style.topPadding = 0
        style.bottomPadding = BOTTOM_PADDING
        style.color = INK
        style.alignment = align
        style.valign = valign
        style.plain_text = True  # marks the styles PageTable may draw the fast way
        styles.append(style)
    return styles


class PageTable(Table):
    """A ``Table`` whose one-line text cells are drawn through a single text object."""

    def draw(self):
        self._text = self.canv.beginText()
        self._text.setFont(register_fonts(), TABLE_FONT_SIZE, LEADING)
        self._text.setFillColor(INK)
        self._text_used = False
        super().draw()
        if self._text_used:
            self.canv.drawText(self._text)
        self._text = None

    def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802 - ReportLab's name
        # Fast path: one-line text in a style made by column_cell_styles (same font, colour,
        # middle alignment); anything else (paragraphs, other styles) goes the usual way.
        fast = isinstance(cellval, str) and "\n" not in cellval and getattr(cellstyle, "plain_text", False)
        if not fast:
            return super()._drawCell(cellval, cellstyle, pos, size)
        if not cellval:
            return None
        colpos, rowpos = pos
        colwidth, rowheight = size
        # The same baseline as Table's MIDDLE alignment for a one-line cell.
        y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + cellstyle.leading) / 2.0
        y -= cellstyle.fontsize
        just = cellstyle.alignment
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        else:
            width = stringWidth(cellval, cellstyle.fontname, cellstyle.fontsize)
            if just == "RIGHT":
                x = colpos + colwidth - cellstyle.rightPadding - width
            else:  # CENTRE
                x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding - width) / 2.0
        self._text.setTextOrigin(x, y)
        self._text.textOut(cellval)
        self._text_used = True
        return None
