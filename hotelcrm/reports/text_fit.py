"""Cut a one-line text to a width, with an ellipsis, so it never runs into its neighbour."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import register_fonts

ELLIPSIS = "…"
MAX_GLYPH_EM = 1.2  # widest advance in WenQuanYi Micro Hei is 1.174 em (a Cyrillic letter)


def fit_text(text: str, width: float, size: float) -> str:
    """``text`` as is if it fits in ``width`` points at ``size``; else shortened with "…".

    Cheap for the common case, because tables call it for every cell: no glyph of the report
    font is wider than 1.2 em (most CJK glyphs are exactly 1 em), so a text of n characters
    with n * 1.2 * size <= width fits without measuring."""
    if len(text) * size * MAX_GLYPH_EM <= width:
        return text
    font = register_fonts()
    if stringWidth(text, font, size) <= width:
        return text
    room = width - stringWidth(ELLIPSIS, font, size)
    if room <= 0:
        return ""
    # Binary search on the prefix length: widths grow monotonically with the prefix.
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid], font, size) <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS
