"""Turn a report's flowables into a PDF: ``render(ctx, flowables, out, progress)``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus.flowables import Flowable

from .fonts import register_fonts
from .page_template import ProgressCallback, ReportDocTemplate, numbered_canvas_class
from .report_context import ReportContext


def render(
    ctx: ReportContext,
    flowables: list[Flowable],
    out: Path | str | BinaryIO,
    progress: ProgressCallback | None = None,
) -> int:
    """Write the PDF to ``out`` (a path or a binary file object); return the page count.

    ``progress(pages_done)`` is called after each page is laid out, on the calling thread;
    an exception raised from it (e.g. the user pressed Cancel) stops the rendering and
    propagates. A path is written through a temporary file in the same folder and replaced
    only when the PDF is complete, so a failed or cancelled run never leaves a half-written
    PDF (nor destroys an older one). ``flowables`` is consumed (ReportLab empties the list)."""
    register_fonts()
    if isinstance(out, str | Path):
        return _render_to_path(ctx, flowables, Path(out), progress)
    return _build(ctx, flowables, out, progress)


def _build(ctx: ReportContext, flowables: list[Flowable], out, progress: ProgressCallback | None) -> int:
    doc = ReportDocTemplate(out, ctx, progress)
    doc.build(flowables, canvasmaker=numbered_canvas_class(ctx))
    return doc.page


def _render_to_path(ctx: ReportContext, flowables: list[Flowable], path: Path,
                    progress: ProgressCallback | None) -> int:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            pages = _build(ctx, flowables, tmp, progress)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return pages
