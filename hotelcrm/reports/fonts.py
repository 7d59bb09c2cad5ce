"""The one font every report uses: WenQuanYi Micro Hei, registered with ReportLab once.

Why this font: ReportLab embeds only TrueType outlines (CFF fonts such as Noto CJK do not
work), and a PDF must show Chinese in any viewer without a font pack, so the font travels
inside the PDF as a subset. WenQuanYi Micro Hei has TrueType outlines and covers both Chinese
and Latin, so one face serves both languages and mixed text (a Chinese guest name in an
English report) needs no font switching.

The font ships in ``resources/fonts/`` (licence next to it) and is read through
``importlib.resources`` so it works from the source tree and from an installed package.
"""

from __future__ import annotations

import io
import threading
from importlib.resources import files

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = "wqy-microhei.ttc"
# The .ttc holds two faces: 0 = proportional "WenQuanYi Micro Hei", 1 = the Mono variant.
SUBFONT_INDEX = 0

_lock = threading.Lock()
_registered = False


def font_bytes() -> bytes:
    """The font file's content, from the installed or the source-tree resources."""
    return (files("resources") / "fonts" / FONT_FILE).read_bytes()


def register_fonts() -> str:
    """Register the report font with ReportLab (once per process); return its name.

    The font has no bold or italic face, so the regular face is mapped for ``<b>`` and
    ``<i>`` too: markup in a paragraph must never fail a report. Thread-safe, because the
    GUI renders reports on a worker thread."""
    global _registered
    if _registered:
        return FONT_NAME
    with _lock:
        if not _registered:
            # Reading from bytes (not a path) also works when resources live in a zip.
            font = TTFont(FONT_NAME, io.BytesIO(font_bytes()), subfontIndex=SUBFONT_INDEX)
            pdfmetrics.registerFont(font)
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
            _registered = True
    return FONT_NAME
