"""The report preview: renders through the task runner, shows the PDF, prints page by page and
saves a copy — offscreen, with the synchronous runner."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrinter

from hotelcrm import i18n
from hotelcrm.reports import ReportParam
from tests.reports.guest_card_sample import make_sample_guest
from tests.reports.pdf_tools import pdf_page_count, pdf_pages_text
from ui.report_preview_dialog import ReportPreviewDialog


@pytest.fixture
def guest(ctx, admin_actor):
    return make_sample_guest(ctx.services.db, stays=40)  # long enough for several pages


def open_preview(qtbot, session, params) -> ReportPreviewDialog:
    dialog = ReportPreviewDialog(session, "guest-card", params)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=20_000) as loaded:
        dialog.start()
    assert loaded.args[0] == dialog.document.pageCount()
    return dialog


def test_preview_shows_the_rendered_card(qtbot, session_for, guest):
    dialog = open_preview(qtbot, session_for("clerk"), {ReportParam.GUEST: guest.id})
    pages = dialog.document.pageCount()
    assert pages > 1 and pages == dialog.result.pages
    assert dialog.pdf_bytes.startswith(b"%PDF")
    assert dialog.view.document() is dialog.document
    assert dialog.status.text() == f"{pages} page(s)"
    assert "Guest History Card" in dialog.windowTitle()
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()


def test_preview_in_chinese(qtbot, session_for, guest):
    i18n.set_language("zh_CN")
    dialog = open_preview(qtbot, session_for("lobby_manager"), {ReportParam.GUEST: guest.id})
    assert dialog.print_button.text() == "打印…" and "客史档案卡" in dialog.windowTitle()
    assert dialog.status.text() == f"共 {dialog.document.pageCount()} 页"


def test_save_as_writes_the_pdf_that_is_shown(qtbot, session_for, guest, messages, tmp_path, monkeypatch):
    dialog = open_preview(qtbot, session_for("clerk"), {ReportParam.GUEST: guest.id})
    monkeypatch.setattr(dialog, "choose_save_path", lambda: tmp_path / "wang-card")
    dialog.save_button.click()
    saved = tmp_path / "wang-card.pdf"
    assert saved.read_bytes() == dialog.pdf_bytes
    assert messages.infos == [f"Saved to {saved}."]
    assert guest.id_masked in pdf_pages_text(saved)[0]


def test_save_failure_is_a_message_not_a_crash(qtbot, session_for, guest, messages, tmp_path, monkeypatch):
    dialog = open_preview(qtbot, session_for("clerk"), {ReportParam.GUEST: guest.id})
    monkeypatch.setattr(dialog, "choose_save_path", lambda: tmp_path / "no-folder" / "card.pdf")
    dialog.save_button.click()
    assert len(messages.errors) == 1 and messages.errors[0].startswith("The file could not be written")


def test_print_draws_every_page_or_the_chosen_range(qtbot, session_for, guest, messages, tmp_path, monkeypatch):
    dialog = open_preview(qtbot, session_for("clerk"), {ReportParam.GUEST: guest.id})
    pages = dialog.document.pageCount()

    def pdf_printer(path, first=0, last=0) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        if first:
            printer.setFromTo(first, last)
        return printer

    monkeypatch.setattr(dialog, "choose_printer", lambda: pdf_printer(tmp_path / "all.pdf"))
    dialog.print_button.click()
    assert pdf_page_count(tmp_path / "all.pdf") == pages
    assert messages.infos == [f"{pages} page(s) sent to the printer."]
    assert dialog.print_to(pdf_printer(tmp_path / "two.pdf", 2, 2)) == 1
    assert pdf_page_count(tmp_path / "two.pdf") == 1


def test_cancelled_print_dialog_prints_nothing(qtbot, session_for, guest, messages, monkeypatch):
    dialog = open_preview(qtbot, session_for("clerk"), {ReportParam.GUEST: guest.id})
    monkeypatch.setattr(dialog, "choose_printer", lambda: None)
    dialog.print_button.click()
    assert messages.infos == [] and messages.errors == []


def test_a_failed_report_says_why_and_offers_nothing_to_print(qtbot, session_for, guest, messages):
    dialog = ReportPreviewDialog(session_for("clerk"), "guest-card", {ReportParam.GUEST: guest.id + 999})
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=20_000):
        dialog.start()
    assert len(messages.errors) == 1 and "not found" in messages.errors[0]
    assert dialog.status.text() == "The report could not be prepared."
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert dialog.pdf_bytes is None


def test_the_card_view_offers_print_card_for_the_open_guest(qtbot, session_for, guest, monkeypatch):
    from ui.guest_card_view import GuestCardView

    opened: list[tuple] = []
    monkeypatch.setattr(ReportPreviewDialog, "show_report",
                        classmethod(lambda cls, session, name, params, parent=None, lang=None:
                                    opened.append((name, dict(params), parent))))
    view = GuestCardView(session_for("clerk"))
    qtbot.addWidget(view)
    view.load(guest.id)
    assert view.print_button.isVisibleTo(view) and view.print_button.text() == "Print card…"
    view.print_button.click()
    assert opened == [("guest-card", {ReportParam.GUEST: guest.id}, view)]
