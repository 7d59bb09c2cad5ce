"""The look shared by every report: paragraph styles, colours, margins.

Calm and legible on a black-and-white office printer: one typeface, dark slate text, a muted
blue for titles and table headers, light grey rules. Every paragraph style wraps the CJK way
(a line may break between any two Chinese characters; Latin words stay whole unless a single
word is wider than the column).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import register_fonts

INK = colors.HexColor("#1F2933")  # body text: softer than pure black, prints black
MUTED = colors.HexColor("#616E7C")  # header/footer lines, captions
ACCENT = colors.HexColor("#1F4E79")  # titles and headings
RULE = colors.HexColor("#B8C2CC")  # thin lines
HEADER_FILL = colors.HexColor("#E4EBF2")  # table header background
STRIPE_FILL = colors.HexColor("#F5F7FA")  # every other table row

# Page margins: room for the running header (hotel, title, period) and footer.
MARGIN_LEFT = MARGIN_RIGHT = 16 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 20 * mm
HEADER_BASELINE = 16 * mm  # from the top edge: hotel name and title
FOOTER_BASELINE = 11 * mm  # from the bottom edge: printed by, page x of y

TABLE_FONT_SIZE = 8.5
TABLE_ROW_HEIGHT = 14.0  # fixed, so a page holds a known number of rows
TABLE_PADDING = 4.0


@dataclass(frozen=True)
class ReportStyles:
    """The paragraph styles a report builder uses (``report_styles()`` returns the shared set)."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    table_header: ParagraphStyle
    table_cell: ParagraphStyle
    table_cell_right: ParagraphStyle
    table_cell_center: ParagraphStyle


def _style(name: str, size: float, leading: float, **extra) -> ParagraphStyle:
    extra.setdefault("textColor", INK)
    return ParagraphStyle(
        name, fontName=register_fonts(), fontSize=size, leading=leading, wordWrap="CJK", **extra
    )


@cache
def report_styles() -> ReportStyles:
    cell = dict(size=TABLE_FONT_SIZE, leading=TABLE_FONT_SIZE * 1.3)
    return ReportStyles(
        title=_style("rpt-title", 18, 24, textColor=ACCENT, spaceAfter=2),
        subtitle=_style("rpt-subtitle", 10, 14, textColor=MUTED, spaceAfter=10),
        heading=_style("rpt-heading", 13, 18, textColor=ACCENT, spaceBefore=10, spaceAfter=4),
        subheading=_style("rpt-subheading", 11, 15, textColor=ACCENT, spaceBefore=6, spaceAfter=3),
        body=_style("rpt-body", 10, 15, spaceAfter=4),
        small=_style("rpt-small", 8, 11, textColor=MUTED),
        table_header=_style("rpt-th", textColor=ACCENT, alignment=TA_LEFT, **cell),
        table_cell=_style("rpt-td", alignment=TA_LEFT, **cell),
        table_cell_right=_style("rpt-td-r", alignment=TA_RIGHT, **cell),
        table_cell_center=_style("rpt-td-c", alignment=TA_CENTER, **cell),
    )
