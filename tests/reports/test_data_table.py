from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from hotelcrm.reports import Align, ColumnSpec, DataTable, render, report_table
from hotelcrm.reports.fonts import register_fonts
from hotelcrm.reports.text_fit import ELLIPSIS, fit_text

from .pdf_tools import pdf_pages_text
from .sample_document import sample_context


def test_fit_text_keeps_short_text_and_shortens_long_text_to_the_width():
    font = register_fonts()
    assert fit_text("王伟", 100, 8.5) == "王伟"
    long = "Müller, Anna-Katharina von Hohenberg 欧阳娜娜"
    cut = fit_text(long, 80, 8.5)
    assert cut.endswith(ELLIPSIS) and long.startswith(cut[:-1])
    assert stringWidth(cut, font, 8.5) <= 80
    assert stringWidth(long[: len(cut)], font, 8.5) > 80 - stringWidth(ELLIPSIS, font, 8.5)  # no wasted room
    assert fit_text("abc", 1, 8.5) == ""


@dataclass(frozen=True)
class Guest:
    name: str
    spend: int


def test_columns_read_values_from_objects_and_format_them(tmp_path):
    ctx = sample_context("en")
    columns = [
        ColumnSpec("Guest", 2, value=lambda g: g.name),
        ColumnSpec("Spend", 1, Align.RIGHT, formatter=lambda v: f"{v / 100:.2f}", value=lambda g: g.spend),
    ]
    rows = [Guest("曾小贤", 12345), Guest("Very long guest name that cannot fit " * 5, 1)]
    path = tmp_path / "objects.pdf"
    render(ctx, [report_table(ctx, columns, rows)], path)
    text = pdf_pages_text(path)[0]
    assert "曾小贤" in text and "123.45" in text
    assert "Very long guest name" in text and ELLIPSIS in text  # cut, not spilling into "Spend"


def test_an_empty_table_says_no_records_in_the_report_language(tmp_path):
    for lang, words in (("en", "No records"), ("zh_CN", "无记录")):
        ctx = sample_context(lang)
        path = tmp_path / f"empty-{lang}.pdf"
        render(ctx, [report_table(ctx, [ColumnSpec("A"), ColumnSpec("B")], [])], path)
        assert words in pdf_pages_text(path)[0]


def test_a_table_does_not_start_with_a_lonely_row_at_the_bottom_of_a_page():
    table = DataTable([ColumnSpec("A")], [("x",)] * 100, min_rows_on_page=3)
    table.wrap(500, 800)
    room_for_two_rows = table._header_height + 2 * table.row_height + 1
    assert table.split(500, room_for_two_rows) == []
    first, rest = table.split(500, room_for_two_rows + table.row_height)
    assert len(first._cellvalues) == 1 + 3  # header + three rows
    assert rest.row_count == 97
