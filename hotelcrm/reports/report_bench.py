"""Rendering speed of the report base beside a bare ReportLab table of the same rows.

For ``hotelcrm bench report`` (DESIGN.md §6/§7: ≥ 80 pages/s, measured next to a bare
ReportLab table so that the ratio holds on a noisy machine). Both sides render the same
synthetic complaint-list rows in the same process, interleaved, to memory.
"""

from __future__ import annotations

import io
import statistics
import time
from datetime import date, datetime
from typing import Any

from reportlab.platypus import SimpleDocTemplate, Table

from .data_table import Align, ColumnSpec, DataTable
from .fonts import register_fonts
from .formatters import format_date, money_formatter
from .renderer import render
from .report_context import ReportContext
from .report_styles import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    TABLE_FONT_SIZE,
    TABLE_ROW_HEIGHT,
)

_NAMES = ("王伟", "欧阳娜娜", "John Smith", "曾小贤", "Müller, Anna", "李静")
_CATEGORIES = ("设施设备", "服务态度", "Service efficiency", "餐饮", "Cleanliness", "噪音")


def bench_rows(count: int) -> list[tuple]:
    return [
        (i + 1, f"TS-2026-{i + 1:06d}", _NAMES[i % 6], f"{8 + i % 20:02d}{i % 40 + 1:02d}",
         _CATEGORIES[i % 6], date(2026, 4, 1 + i % 30), (i * 7919) % 500_000 if i % 5 else None)
        for i in range(count)
    ]


def bench_columns() -> list[ColumnSpec]:
    return [
        ColumnSpec("序号", 0.6, Align.RIGHT), ColumnSpec("投诉编号", 1.4), ColumnSpec("客人", 1.6),
        ColumnSpec("房号", 0.6, Align.CENTER), ColumnSpec("类别", 1.2),
        ColumnSpec("登记日期", 1.0, formatter=format_date),
        ColumnSpec("补救费用", 1.2, Align.RIGHT, money_formatter("CNY")),
    ]


def _ours(rows: list[tuple]) -> int:
    ctx = ReportContext(hotel_name="Bench Hotel 测试酒店", title="投诉案件追踪表", language="zh_CN",
                        printed_by="bench", printed_at=datetime(2026, 1, 1))
    return render(ctx, [DataTable(bench_columns(), rows)], io.BytesIO())


def _bare(rows: list[tuple]) -> int:
    """One plain ``Table`` with a repeated header, fixed widths and heights, the same font."""
    columns = bench_columns()
    doc = SimpleDocTemplate(io.BytesIO(), leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
                            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM)
    total = sum(c.width for c in columns)
    widths = [doc.width * c.width / total for c in columns]
    data: list[list[Any]] = [[c.header for c in columns]]
    data += [[c.formatter(value) for c, value in zip(columns, row, strict=True)] for row in rows]
    table = Table(data, colWidths=widths, rowHeights=TABLE_ROW_HEIGHT, repeatRows=1,
                  style=[("FONT", (0, 0), (-1, -1), register_fonts(), TABLE_FONT_SIZE)])
    doc.build([table])
    return doc.page


def _summary(pages: int, seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"pages": pages, "median_s": median, "p95_s": p95, "pages_per_s": pages / median}


def bench_report(rows: int = 10_000, repeat: int = 5) -> dict[str, Any]:
    """Render ``rows`` rows ``repeat`` times with the report base and with a bare table."""
    register_fonts()  # font loading is start-up cost, not rendering
    data = bench_rows(rows)
    times: dict[str, list[float]] = {"report": [], "baseline": []}
    pages: dict[str, int] = {}
    for _ in range(repeat):
        for name, run in (("report", _ours), ("baseline", _bare)):
            start = time.perf_counter()
            pages[name] = run(data)
            times[name].append(time.perf_counter() - start)
    report = _summary(pages["report"], times["report"])
    baseline = _summary(pages["baseline"], times["baseline"])
    return {"rows": rows, "repeat": repeat, "report": report, "baseline": baseline,
            "speedup": report["pages_per_s"] / baseline["pages_per_s"]}
