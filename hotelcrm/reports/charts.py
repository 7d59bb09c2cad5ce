"""Charts for the manager reports, drawn with ReportLab's own graphics (vector, no image round
trip) and readable on a black-and-white printer: bars in greys from dark to light with a black
outline, every bar and point labelled with its value, a legend when there are several series,
line points marked with distinct symbols.

``bar_chart`` (vertical or horizontal bars, one or more series) and ``line_chart`` (one trend
line) return a ``Drawing``, which is a flowable: put it straight into a report's story.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import register_fonts
from .report_styles import INK, MUTED, RULE
from .text_fit import fit_text

# Fills that stay apart when printed in grey: dark, light, middle.
GREYS = (colors.HexColor("#3E4C59"), colors.HexColor("#CBD2D9"), colors.HexColor("#7B8794"),
         colors.HexColor("#E4E7EB"))
MARKERS = ("FilledCircle", "FilledSquare", "FilledDiamond", "Cross")
FONT_SIZE = 7.5
TITLE_SIZE = 9

Formatter = Callable[[float], str]


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _title(drawing: Drawing, text: str | None, width: float, height: float) -> None:
    if text:
        drawing.add(String(0, height - TITLE_SIZE, fit_text(text, width, TITLE_SIZE), fontName=register_fonts(),
                           fontSize=TITLE_SIZE, fillColor=INK))


def _axis_max(values: Sequence[Sequence[float]]) -> float:
    top = max((v for series in values for v in series), default=0)
    return top * 1.18 if top > 0 else 1  # room above the tallest bar for its label


def bar_chart(labels: Sequence[str], series: Sequence[Sequence[float]], width: float, height: float, *,
              title: str | None = None, series_names: Sequence[str] = (), horizontal: bool = False,
              value_format: Formatter = _count, label_width: float = 110) -> Drawing:
    """Bars for each label, one bar per series (``series[i][j]`` = series i at label j)."""
    font = register_fonts()
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # the renderer's starting font: no stray Helvetica in the PDF
    _title(drawing, title, width, height)
    legend_h = 14 if len(series) > 1 else 0
    top = height - (TITLE_SIZE + 6 if title else 0) - legend_h
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    if horizontal:
        chart.x, chart.y = label_width, 14
        chart.width, chart.height = width - label_width - 36, top - 20
        shown = [fit_text(str(x), label_width - 8, FONT_SIZE) for x in labels]
        chart.categoryAxis.reverseDirection = 1  # first label at the top, as it is read
    else:
        chart.x, chart.y = 34, 30
        chart.width, chart.height = width - 44, top - 36
        slot = chart.width / max(len(labels), 1)
        shown = [fit_text(str(x), slot * 1.9, FONT_SIZE) if len(labels) > 8 else _two_lines(str(x), slot - 2)
                 for x in labels]
        if len(labels) > 8:
            chart.categoryAxis.labels.angle = 30
            chart.categoryAxis.labels.boxAnchor = "ne"
    chart.data = [list(s) for s in series]
    chart.categoryAxis.categoryNames = shown
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = FONT_SIZE
        axis.strokeColor = MUTED
        axis.labels.fillColor = INK
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _axis_max(series)
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.labelTextFormat = lambda v: value_format(v)
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.4
    for i in range(len(series)):
        chart.bars[i].fillColor = GREYS[i % len(GREYS)]
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = FONT_SIZE - 0.5
    chart.barLabels.fillColor = INK
    chart.barLabelFormat = lambda v: value_format(v)
    if horizontal:
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
    else:
        chart.barLabels.boxAnchor = "s"
        chart.barLabels.dy = 2
    drawing.add(chart)
    if legend_h:
        drawing.add(_legend(series_names, len(series), width, top + 3))
    return drawing


def _two_lines(text: str, width: float) -> str:
    """A label too wide for its bar slot breaks at the space nearest its middle."""
    if stringWidth(text, register_fonts(), FONT_SIZE) <= width or " " not in text:
        return fit_text(text, width, FONT_SIZE)
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return f"{fit_text(text[:cut], width, FONT_SIZE)}\n{fit_text(text[cut + 1:], width, FONT_SIZE)}"


def _legend(names: Sequence[str], count: int, width: float, y: float) -> Legend:
    legend = Legend()
    legend.fontName = register_fonts()
    legend.fontSize = FONT_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.x, legend.y = 0, y + 9
    legend.dx = legend.dy = 7
    legend.deltax = max(width / max(count, 1), 60)
    legend.strokeColor = colors.black
    legend.strokeWidth = 0.4
    legend.colorNamePairs = [(GREYS[i % len(GREYS)], names[i] if i < len(names) else "") for i in range(count)]
    return legend


def line_chart(labels: Sequence[str], values: Sequence[float], width: float, height: float, *,
               title: str | None = None, value_format: Formatter = _count) -> Drawing:
    """One trend line with a marked, labelled point per label (a gap is a zero, not a jump)."""
    font = register_fonts()
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # the renderer's starting font: no stray Helvetica in the PDF
    _title(drawing, title, width, height)
    top = height - (TITLE_SIZE + 6 if title else 0)
    chart = HorizontalLineChart()
    chart.x, chart.y = 34, 30
    chart.width, chart.height = width - 44, top - 40
    chart.data = [list(values)]
    step = max(1, -(-len(labels) // 16))  # at most ~16 labels under the axis
    chart.categoryAxis.categoryNames = [str(x) if i % step == 0 else "" for i, x in enumerate(labels)]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = FONT_SIZE
        axis.strokeColor = MUTED
        axis.labels.fillColor = INK
    if len(labels) > 8:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _axis_max([values])
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.labelTextFormat = lambda v: value_format(v)
    chart.lines[0].strokeColor = colors.black
    chart.lines[0].strokeWidth = 1.2
    chart.lines[0].symbol = makeMarker(MARKERS[0], size=3.5, fillColor=colors.black)
    if len(values) <= 31:
        chart.lineLabelFormat = lambda v: value_format(v) if v else ""
        chart.lineLabels.fontName = font
        chart.lineLabels.fontSize = FONT_SIZE - 1
        chart.lineLabels.dy = 5
    drawing.add(chart)
    return drawing
