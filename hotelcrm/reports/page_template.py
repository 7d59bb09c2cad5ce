"""The running header and footer on every page, and the document that lays pages out.

Header: the hotel's name (left), the report title and the period (right), a rule.
Footer: a rule, "printed by <user> at <time>" (left), "page x of y" (right).

"of y" needs the page count before the first page is written. Rather than laying the
document out twice, the canvas keeps every finished page's drawing state and writes the pages
only at ``save()``, when the count is known (the usual ReportLab "numbered canvas"); a page's
content is drawn once either way, so this costs no second layout pass.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.flowables import Flowable

from hotelcrm.i18n import tr

from .fonts import register_fonts
from .formatters import format_date, format_datetime
from .report_context import ReportContext
from .report_styles import (
    FOOTER_BASELINE,
    HEADER_BASELINE,
    INK,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    RULE,
    report_styles,
)
from .text_fit import fit_text

HEADER_SIZE = 9.5
PERIOD_SIZE = 8
FOOTER_SIZE = 8

ProgressCallback = Callable[[int], None]


def period_text(ctx: ReportContext) -> str | None:
    """The period line ("Period: 2026-05-01 – 2026-05-31"), or None for a report without one."""
    start, end, lang = ctx.period_from, ctx.period_to, ctx.language
    if start and end:
        if start == end:
            return tr("reports.period.day", lang=lang, date=format_date(start))
        return tr("reports.period.range", lang=lang, start=format_date(start), end=format_date(end))
    if start:
        return tr("reports.period.since", lang=lang, start=format_date(start))
    if end:
        return tr("reports.period.until", lang=lang, end=format_date(end))
    return None


def printed_text(ctx: ReportContext) -> str:
    return tr("reports.printed_by", lang=ctx.language, user=ctx.printed_by,
              when=format_datetime(ctx.printed_at))


def page_text(ctx: ReportContext, page: int, pages: int) -> str:
    return tr("reports.page_of", lang=ctx.language, page=page, pages=pages)


def title_block(ctx: ReportContext) -> list[Flowable]:
    """The large title (and period) for the top of a report's first page."""
    styles = report_styles()
    block: list[Flowable] = [Paragraph(escape(ctx.title), styles.title)]
    period = period_text(ctx)
    block.append(Paragraph(escape(period or ctx.hotel_name), styles.subtitle))
    return block


def _draw_header(canvas: Canvas, ctx: ReportContext) -> None:
    width, height = ctx.page_size
    font = register_fonts()
    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    half = (right - left) / 2 - 6
    baseline = height - HEADER_BASELINE
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.setFont(font, HEADER_SIZE)
    canvas.drawString(left, baseline, fit_text(ctx.hotel_name, half, HEADER_SIZE))
    canvas.drawRightString(right, baseline, fit_text(ctx.title, half, HEADER_SIZE))
    period = period_text(ctx)
    if period:
        canvas.setFillColor(MUTED)
        canvas.setFont(font, PERIOD_SIZE)
        canvas.drawRightString(right, baseline - PERIOD_SIZE - 3, fit_text(period, half, PERIOD_SIZE))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    rule_y = baseline - PERIOD_SIZE - 7
    canvas.line(left, rule_y, right, rule_y)
    # Footer, left part: known while laying out (the right part waits for the page count).
    canvas.line(left, FOOTER_BASELINE + FOOTER_SIZE + 3, right, FOOTER_BASELINE + FOOTER_SIZE + 3)
    canvas.setFillColor(MUTED)
    canvas.setFont(font, FOOTER_SIZE)
    canvas.drawString(left, FOOTER_BASELINE, fit_text(printed_text(ctx), (right - left) * 0.7, FOOTER_SIZE))
    canvas.restoreState()


def _draw_page_number(canvas: Canvas, ctx: ReportContext, pages: int) -> None:
    width, _ = ctx.page_size
    canvas.saveState()
    canvas.setFillColor(MUTED)
    canvas.setFont(register_fonts(), FOOTER_SIZE)
    canvas.drawRightString(width - MARGIN_RIGHT, FOOTER_BASELINE, page_text(ctx, canvas.getPageNumber(), pages))
    canvas.restoreState()


def numbered_canvas_class(ctx: ReportContext) -> type[Canvas]:
    """A canvas class that writes "page x of y" on every page once y is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._finished_pages: list[dict] = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._finished_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            pages = len(self._finished_pages)
            for state in self._finished_pages:
                self.__dict__.update(state)
                _draw_page_number(self, ctx, pages)
                Canvas.showPage(self)
            self._finished_pages = []
            super().save()

    return NumberedCanvas


class ReportDocTemplate(BaseDocTemplate):
    """One frame inside the margins; header and footer drawn on every page."""

    def __init__(self, out, ctx: ReportContext, progress: ProgressCallback | None = None) -> None:
        width, height = ctx.page_size
        super().__init__(
            out,
            pagesize=ctx.page_size,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=ctx.title,
            author=ctx.printed_by,
            subject=ctx.hotel_name,
            creator="hotelcrm",
            lang="zh-CN" if ctx.language == "zh_CN" else "en",
            initialFontName=register_fonts(),
        )
        frame = Frame(
            MARGIN_LEFT, MARGIN_BOTTOM, width - MARGIN_LEFT - MARGIN_RIGHT, height - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
        )
        self.addPageTemplates([PageTemplate("report", [frame], onPage=lambda c, d: _draw_header(c, ctx))])
        self._ctx = ctx
        self._progress = progress

    def afterPage(self) -> None:  # noqa: N802 - ReportLab's name
        if self._progress is not None:
            self._progress(self.page)
