"""Layout pieces of the guest history card: section headings, label/value grids, short tables
of wrapped text, and the notice box (blacklist). Pure ReportLab; no data access, no texts of
their own (callers pass translated labels)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from .fonts import FONT_NAME
from .formatters import EMPTY
from .report_context import ReportContext
from .report_styles import (
    ACCENT,
    HEADER_FILL,
    INK,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MUTED,
    RULE,
    STRIPE_FILL,
    report_styles,
)
from .text_fit import fit_text

ALERT = colors.HexColor("#9B1C1C")  # blacklist: dark red, still dark on a mono printer
ALERT_FILL = colors.HexColor("#FDECEC")
NOTE_FILL = colors.HexColor("#F5F7FA")
PAD = 3.5
STACK_FONT_SIZE = 8.0


def frame_width(ctx: ReportContext) -> float:
    return ctx.page_size[0] - MARGIN_LEFT - MARGIN_RIGHT


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The card's own styles, derived from the shared report styles."""
    base = report_styles()
    return {
        "label": ParagraphStyle("gc-label", parent=base.small, fontSize=8, leading=11),
        "value": ParagraphStyle("gc-value", parent=base.body, fontSize=9.5, leading=13, spaceAfter=0),
        "name": ParagraphStyle("gc-name", parent=base.title, fontSize=20, leading=26, spaceAfter=0,
                               textColor=base.body.textColor),
        "romanised": ParagraphStyle("gc-roman", parent=base.body, fontSize=10.5, leading=14,
                                    textColor=MUTED, spaceAfter=0),
        "facts": ParagraphStyle("gc-facts", parent=base.body, fontSize=9, leading=13, alignment=2,
                                spaceAfter=0),
        "section": ParagraphStyle("gc-section", parent=base.heading, fontSize=12.5, leading=17,
                                  spaceBefore=12, spaceAfter=5),
        "sub": ParagraphStyle("gc-sub", parent=base.subheading, fontSize=10, leading=14,
                              spaceBefore=7, spaceAfter=3),
        "cell": ParagraphStyle("gc-cell", parent=base.table_cell, fontSize=8.5, leading=11.5),
        "head": ParagraphStyle("gc-head", parent=base.table_header, fontSize=8.5, leading=11.5),
        "alert": ParagraphStyle("gc-alert", parent=base.body, fontSize=11, leading=15, textColor=ALERT,
                                spaceAfter=0),
        "note": ParagraphStyle("gc-note", parent=base.small, fontSize=8.5, leading=12),
    }


def para(text: str | None, style: str = "value") -> Paragraph:
    """User text as a paragraph (escaped; line breaks kept); missing text prints as "—"."""
    shown = text.strip() if text else ""
    return Paragraph(escape(shown).replace("\n", "<br/>") if shown else EMPTY, styles()[style])


def section(title: str) -> Paragraph:
    return Paragraph(escape(title), styles()["section"])


def subheading(title: str) -> Paragraph:
    return Paragraph(escape(title), styles()["sub"])


def note(text: str) -> Paragraph:
    return Paragraph(escape(text), styles()["note"])


def field_grid(ctx: ReportContext, pairs: Sequence[tuple[str, str | None]], columns: int = 2,
               label_share: float = 0.34) -> Table:
    """Label/value pairs, ``columns`` pairs per row (the way a paper form is laid out)."""
    width = frame_width(ctx) / columns
    widths = [width * label_share, width * (1 - label_share)] * columns
    rows: list[list[Flowable | str]] = []
    for start in range(0, len(pairs), columns):
        row: list[Flowable | str] = []
        for label, value in pairs[start:start + columns]:
            row += [para(label, "label"), para(value)]
        row += [""] * (2 * columns - len(row))
        rows.append(row)
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT_NAME, 8),  # empty cells too: no stray Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.3, RULE),
    ] + [cmd for c in range(columns) for cmd in (
        ("BACKGROUND", (2 * c, 0), (2 * c, -1), NOTE_FILL),
        ("TOPPADDING", (2 * c, 0), (2 * c, -1), 3.5),  # the small label on the value's baseline
    )]))
    return table


def text_table(ctx: ReportContext, headers: Sequence[str], weights: Sequence[float],
               rows: Sequence[Sequence[str | None]], empty: str) -> Flowable:
    """A short table whose cells wrap (preferences, special dates, feedback). An empty table
    is one muted line instead of a header over nothing."""
    if not rows:
        return note(empty)
    total = sum(weights)
    widths = [frame_width(ctx) * w / total for w in weights]
    data = [[Paragraph(escape(h), styles()["head"]) for h in headers]]
    data += [[para(cell, "cell") for cell in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT_NAME, 8),  # empty cells too: no stray Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, STRIPE_FILL]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]))
    return table


def stacked_table(ctx: ReportContext, headers: Sequence[str], weights: Sequence[float],
                  aligns: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> Flowable:
    """A long list whose cells hold one or two short lines ("arrival\\ndeparture"): plain
    strings, each line shortened with "…" to its column, so a card with a hundred stays lays
    out in milliseconds (paragraph cells would cost about 5 ms a row)."""
    if not rows:
        return note(empty)
    total = sum(weights)
    widths = [frame_width(ctx) * w / total for w in weights]
    room = [w - 2 * PAD for w in widths]

    def fit(cell: str, width: float) -> str:
        return "\n".join(fit_text(line, width, STACK_FONT_SIZE) for line in cell.split("\n"))

    data = [[fit(h, w) for h, w in zip(headers, room, strict=True)]]
    data += [[fit(c or EMPTY, w) for c, w in zip(row, room, strict=True)] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT_NAME, STACK_FONT_SIZE, STACK_FONT_SIZE + 2),
        ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, STRIPE_FILL]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ] + [("ALIGN", (i, 0), (i, -1), a) for i, a in enumerate(aligns)]))
    return table


def notice(ctx: ReportContext, text: str) -> Table:
    """A boxed warning across the page (a blacklisted guest), impossible to overlook."""
    table = Table([[Paragraph(escape(text), styles()["alert"])]], colWidths=[frame_width(ctx)])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT_NAME, 8),  # empty cells too: no stray Helvetica
        ("BOX", (0, 0), (-1, -1), 1.6, ALERT),
        ("BACKGROUND", (0, 0), (-1, -1), ALERT_FILL),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
    ]))
    return table


def identity_band(ctx: ReportContext, name: str, romanised: str | None, facts: Sequence[str]) -> Table:
    """The guest's name large on the left, card number / status / VIP on the right."""
    width = frame_width(ctx)
    left: list[Flowable] = [Paragraph(escape(name), styles()["name"])]
    if romanised:
        left.append(Paragraph(escape(romanised), styles()["romanised"]))
    right = Paragraph("<br/>".join(escape(f) for f in facts), styles()["facts"])
    table = Table([[left, right]], colWidths=[width * 0.62, width * 0.38], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT_NAME, 8),  # empty cells too: no stray Helvetica
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
    ]))
    return table


def keep(*flowables: Flowable) -> KeepTogether:
    """A heading stays with what follows it (no orphan heading at a page's foot)."""
    return KeepTogether(list(flowables))


def room_for(height: float) -> CondPageBreak:
    """Start a new page unless ``height`` points are left (a heading plus a few rows)."""
    return CondPageBreak(height)


def gap(height: float = 4) -> Spacer:
    return Spacer(1, height)
