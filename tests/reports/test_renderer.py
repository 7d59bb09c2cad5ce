"""A sample report (headings, Chinese and Latin paragraphs, a 1,000-row table) rendered in both
languages, inspected with poppler's pdffonts / pdftotext / pdfinfo as a reader would see it."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from hotelcrm.reports import Orientation, render, report_styles
from hotelcrm.reports.fonts import FONT_NAME

from .pdf_tools import pdf_fonts, pdf_page_count, pdf_pages_text
from .sample_document import HEADERS, HOTEL, sample_context, sample_flowables

ROWS = 1000
FOOTER = {"zh_CN": "第 {page} 页，共 {pages} 页", "en": "Page {page} of {pages}"}
PRINTED = {"zh_CN": "打印人：张丽 (lobby)　打印时间：2026-05-09 14:30", "en": "Printed by Alice Chen at 2026-05-09 14:30"}
PERIOD = {"zh_CN": "统计期间：2026-04-01 至 2026-04-30", "en": "Period: 2026-04-01 – 2026-04-30"}


@dataclass
class Rendered:
    lang: str
    path: Path
    pages: int
    progress: list[int]
    texts: list[str]


@pytest.fixture(scope="module", params=["zh_CN", "en"])
def rendered(request, tmp_path_factory) -> Rendered:
    lang = request.param
    path = tmp_path_factory.mktemp("reports") / f"sample-{lang}.pdf"
    ctx = sample_context(lang)
    progress: list[int] = []
    pages = render(ctx, sample_flowables(ctx, ROWS), path, progress=progress.append)
    return Rendered(lang, path, pages, progress, pdf_pages_text(path))


def test_page_count_is_what_the_pdf_holds(rendered):
    assert rendered.pages == pdf_page_count(rendered.path) == len(rendered.texts)
    # 1,000 rows of 14 pt on A4 portrait: about 48 rows a page, so 20-odd pages
    assert 15 <= rendered.pages <= 30


def test_progress_is_reported_once_per_page(rendered):
    assert rendered.progress == list(range(1, rendered.pages + 1))


def test_only_the_embedded_wenquanyi_subset_is_used(rendered):
    fonts = pdf_fonts(rendered.path)
    assert fonts, "no font in the PDF"
    for font in fonts:
        assert FONT_NAME in font.name, f"unexpected font {font.name}"
        assert font.embedded and font.subset, f"{font.name} is not an embedded subset"
        assert font.type in ("TrueType", "CID TrueType"), font.type


def test_every_page_has_hotel_title_period_printer_and_page_x_of_y(rendered):
    title = sample_context(rendered.lang).title
    for number, text in enumerate(rendered.texts, start=1):
        flat = _squash(text)
        assert _squash(HOTEL[rendered.lang]) in flat, f"hotel name missing on page {number}"
        assert _squash(title) in flat, f"title missing on page {number}"
        assert _squash(PERIOD[rendered.lang]) in flat, f"period missing on page {number}"
        assert _squash(PRINTED[rendered.lang]) in flat, f"printed-by line missing on page {number}"
        footer = FOOTER[rendered.lang].format(page=number, pages=rendered.pages)
        assert _squash(footer) in flat, f"'{footer}' missing on page {number}"


def test_table_header_repeats_on_every_page(rendered):
    headers = HEADERS[rendered.lang]
    for number, text in enumerate(rendered.texts, start=1):
        header_line = next((line for line in text.splitlines() if headers[1] in line), None)
        assert header_line is not None, f"table header missing on page {number}"
        for header in headers:
            assert header in header_line, f"column '{header}' missing from the header on page {number}"


def test_every_row_is_printed_exactly_once_in_order(rendered):
    numbers = []
    for text in rendered.texts:
        numbers += [int(n) for n in re.findall(r"^\s*(\d+)\s+TS-2026-\d{6}", text, re.M)]
    assert numbers == list(range(1, ROWS + 1))


def test_chinese_and_latin_paragraphs_are_on_the_first_page(rendered):
    first = _squash(rendered.texts[0])
    assert "客人于凌晨两点致电大堂副理" in first
    assert "Theguestcalledthedutymanager" in first
    assert "王伟" in first and "欧阳娜娜" in first  # Chinese table cells
    assert "CNY79.19" in first  # a money cell


def test_render_to_a_binary_stream():
    ctx = sample_context("en")
    buffer = io.BytesIO()
    pages = render(ctx, sample_flowables(ctx, 10), buffer)
    assert pages == 1
    assert buffer.getvalue().startswith(b"%PDF-")


def test_landscape_pages_are_wider_than_tall(tmp_path):
    ctx = sample_context("zh_CN", Orientation.LANDSCAPE)
    path = tmp_path / "wide.pdf"
    render(ctx, sample_flowables(ctx, 200), path)
    assert "Page size:       841.89 x 595.276 pts (A4)" in _pdfinfo(path)


def test_a_cancelled_render_leaves_no_file_and_keeps_the_old_one(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"the previous report")
    ctx = sample_context("en")

    class Cancelled(Exception):
        pass

    def cancel_on_page_3(page: int) -> None:
        if page == 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        render(ctx, sample_flowables(ctx, ROWS), path, progress=cancel_on_page_3)
    assert path.read_bytes() == b"the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_markup_characters_and_bold_in_text_do_not_break_a_report(tmp_path):
    ctx = sample_context("en")
    styles = report_styles()
    flowables = [Paragraph("<b>粗体</b> &amp; <i>italic</i>", styles.body)]
    path = tmp_path / "markup.pdf"
    assert render(ctx, flowables, path) == 1
    assert "粗体 & italic" in pdf_pages_text(path)[0]


def _pdfinfo(path: Path) -> str:
    import subprocess

    from .pdf_tools import require

    return subprocess.run([require("pdfinfo"), str(path)], check=True, capture_output=True, text=True).stdout


def _squash(text: str) -> str:
    """pdftotext may add or drop spaces around CJK text; compare without whitespace."""
    return re.sub(r"\s+", "", text)


def test_more_than_256_distinct_chinese_characters_stay_embedded_and_searchable(tmp_path):
    # ReportLab splits a TrueType font into subsets of 256 glyphs: every subset must be embedded.
    chars = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 700))
    ctx = sample_context("zh_CN")
    path = tmp_path / "many-glyphs.pdf"
    render(ctx, [Paragraph(chars, report_styles().body)], path)
    fonts = pdf_fonts(path)
    assert len(fonts) >= 3
    assert all(FONT_NAME in f.name and f.embedded and f.subset for f in fonts)
    assert chars in _squash("".join(pdf_pages_text(path)))
