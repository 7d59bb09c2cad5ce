"""A sample report built only from the base: headings, Chinese and Latin paragraphs, a long table."""

from __future__ import annotations

from datetime import date, datetime

from reportlab.platypus import Paragraph

from hotelcrm.reports import (
    Align,
    ColumnSpec,
    Orientation,
    ReportContext,
    format_date,
    money_formatter,
    report_styles,
    report_table,
    title_block,
)

HOTEL = {"zh_CN": "北京长安大酒店", "en": "Grand Chang'an Hotel Beijing"}
TITLE = {"zh_CN": "投诉案件追踪表", "en": "Complaint tracking list"}
HEADERS = {
    "zh_CN": ("序号", "投诉编号", "客人", "房号", "类别", "登记日期", "补救费用"),
    "en": ("No.", "Complaint no.", "Guest", "Room", "Category", "Received", "Recovery cost"),
}
CATEGORIES = ("设施设备", "服务态度", "Service efficiency", "餐饮", "Cleanliness", "噪音")
GUESTS = ("王伟", "欧阳娜娜", "John Smith", "曾小贤", "Müller, Anna-Katharina von Hohenberg", "李")
CHINESE_TEXT = (
    "客人于凌晨两点致电大堂副理，反映隔壁房间噪音过大，无法入睡。大堂副理当即致歉，"
    "核实后为客人调换至高楼层安静房间，并赠送次日早餐。客人表示满意。"
)
LATIN_TEXT = (
    "The guest called the duty manager at 2 a.m. about noise from the next room. The duty "
    "manager apologized at once, verified the complaint and moved the guest to a quiet room "
    "on a higher floor, with breakfast on the house. The guest was satisfied."
)


def sample_context(lang: str, orientation: Orientation = Orientation.PORTRAIT) -> ReportContext:
    return ReportContext(
        hotel_name=HOTEL[lang],
        title=TITLE[lang],
        language=lang,
        printed_by="张丽 (lobby)" if lang == "zh_CN" else "Alice Chen",
        printed_at=datetime(2026, 5, 9, 14, 30),
        period_from=date(2026, 4, 1),
        period_to=date(2026, 4, 30),
        orientation=orientation,
    )


def sample_rows(count: int) -> list[tuple]:
    return [
        (
            i + 1,
            f"TS-2026-{i + 1:06d}",
            GUESTS[i % len(GUESTS)],
            f"{8 + i % 20:02d}{i % 40 + 1:02d}",
            CATEGORIES[i % len(CATEGORIES)],
            date(2026, 4, 1 + i % 30),
            (i * 7919) % 500_000 if i % 5 else None,
        )
        for i in range(count)
    ]


def sample_columns(lang: str) -> list[ColumnSpec]:
    h = HEADERS[lang]
    return [
        ColumnSpec(h[0], 0.6, Align.RIGHT),
        ColumnSpec(h[1], 1.4),
        ColumnSpec(h[2], 1.6),
        ColumnSpec(h[3], 0.6, Align.CENTER),
        ColumnSpec(h[4], 1.2),
        ColumnSpec(h[5], 1.0, formatter=format_date),
        ColumnSpec(h[6], 1.2, Align.RIGHT, money_formatter("CNY")),
    ]


def sample_flowables(ctx: ReportContext, rows: int = 1000) -> list:
    styles = report_styles()
    lang = ctx.language
    heading = {"zh_CN": "一、处理经过", "en": "1. How it was handled"}[lang]
    list_heading = {"zh_CN": "二、案件清单", "en": "2. Case list"}[lang]
    return [
        *title_block(ctx),
        Paragraph(heading, styles.heading),
        Paragraph(CHINESE_TEXT, styles.body),
        Paragraph(LATIN_TEXT, styles.body),
        Paragraph(list_heading, styles.heading),
        report_table(ctx, sample_columns(lang), sample_rows(rows)),
    ]
