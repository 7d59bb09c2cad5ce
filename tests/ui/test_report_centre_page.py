"""The report centre: every registered report listed, a form built from the report's parameters,
preview inside the page, save as PDF, print, bad input named, cancel — offscreen, synchronous runner."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from hotelcrm.reports import ReportParam, all_reports
from tests.reports.guest_card_sample import make_sample_guest
from tests.reports.pdf_tools import pdf_page_count, pdf_pages_text
from tests.services.report_stats_data import add_category, add_complaint, add_guest, add_stay, local
from ui.report_centre_page import ReportCentrePage
from ui.task_runner import TaskRunner


@pytest.fixture
def data(ctx, admin_actor):
    with ctx.services.db.write() as s:
        noise = add_category(s)
        guest = add_guest(s, "周", "杰")
        add_stay(s, guest, date(2026, 4, 3), spend=50_000)
        add_complaint(s, noise, local(date(2026, 4, 2)), guest, hours_to_close=3, close_target_hours=24)
    return ctx


def make_page(qtbot, session) -> ReportCentrePage:
    page = ReportCentrePage(session)
    qtbot.addWidget(page)
    return page


def preview(qtbot, page) -> int:
    with qtbot.waitSignal(page.loaded, timeout=30_000) as loaded:
        page.preview_button.click()
    return loaded.args[0]


def test_lists_every_registered_report_by_title(qtbot, session_for, data):
    page = make_page(qtbot, session_for("manager"))
    names = [page.report_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.report_list.count())]
    assert sorted(names) == sorted(spec.name for spec in all_reports())
    titles = [page.report_list.item(i).text() for i in range(page.report_list.count())]
    assert titles == sorted(titles) and "Complaint Statistics" in titles


def test_the_form_follows_the_report(qtbot, session_for, data):
    page = make_page(qtbot, session_for("manager"))
    page.choose("complaint-stats")
    assert set(page.form.fields) == {"report_from", "report_to", "language"}
    page.choose("customer-value")
    assert set(page.form.fields) == {"report_from", "report_to", "report_days", "language"}
    page.choose("arrivals-brief")
    assert set(page.form.fields) == {"report_date", "language"}
    page.choose("guest-card")
    assert set(page.form.fields) == {"report_guest", "language"}


def test_preview_save_and_print(qtbot, session_for, data, tmp_path, monkeypatch):
    page = make_page(qtbot, session_for("manager"))
    page.choose("complaint-stats")
    page.form.set_value(ReportParam.PERIOD_FROM, date(2026, 4, 1))
    page.form.set_value(ReportParam.PERIOD_TO, date(2026, 4, 30))
    assert not page.save_button.isEnabled()
    pages = preview(qtbot, page)
    assert pages >= 1 and page.document.pageCount() == pages and page.save_button.isEnabled()
    assert page.status.text() == f"{pages} page(s)"
    monkeypatch.setattr(page, "choose_save_path", lambda: tmp_path / "stats")
    page.save_button.click()
    saved = tmp_path / "stats.pdf"
    assert saved.read_bytes() == page.pdf_bytes and "Complaint Statistics" in pdf_pages_text(saved)[0]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(page, "choose_printer", lambda: printer)
    page.print_button.click()
    assert pdf_page_count(tmp_path / "printed.pdf") == pages
    page.form.set_value(ReportParam.PERIOD_TO, date(2026, 5, 31))  # the preview no longer matches
    assert not page.save_button.isEnabled()


def test_report_in_the_other_language(qtbot, session_for, data):
    page = make_page(qtbot, session_for("manager"))
    page.choose("complaint-stats")
    page.form.set_value(ReportParam.PERIOD_FROM, date(2026, 4, 1))
    page.form.set_value(ReportParam.PERIOD_TO, date(2026, 4, 30))
    page.form.language_box.setCurrentIndex(page.form.language_box.findData("zh_CN"))
    preview(qtbot, page)
    assert page.result.title == "投诉案件统计表"


def test_bad_parameters_are_named_and_nothing_is_shown(qtbot, session_for, data, messages):
    page = make_page(qtbot, session_for("manager"))
    page.choose("complaint-stats")
    page.form.set_value(ReportParam.PERIOD_FROM, date(2026, 5, 1))
    page.form.set_value(ReportParam.PERIOD_TO, date(2026, 4, 1))
    with qtbot.waitSignal(page.failed) as failed:
        page.preview_button.click()
    assert failed.args[0] == "Period end: must not be before the period start."
    assert page.error_label.text() == failed.args[0] and not page.error_label.isHidden()
    assert page.form.fields["report_to"].property("invalid") is True
    assert page.pdf_bytes is None and not page.save_button.isEnabled() and messages.errors == []
    page.choose("guest-card")
    page.form.set_value(ReportParam.GUEST, "")
    with qtbot.waitSignal(page.failed) as missing:
        page.preview_button.click()
    assert missing.args[0] == "Guest: required."


def test_a_clerk_is_not_offered_the_manager_statistics(qtbot, session_for, data):
    clerk = make_page(qtbot, session_for("clerk"))
    assert "complaint-stats" not in clerk.reports and "customer-value" not in clerk.reports
    assert {"guest-card", "arrivals-brief", "complaint-report", "loyalty-statement"} <= set(clerk.reports)
    assert "complaint-stats" in make_page(qtbot, session_for("manager")).reports
    staff = make_page(qtbot, session_for("staff"))
    assert staff.reports == {}


def test_guest_card_through_the_guest_search(qtbot, session_for, ctx, admin_actor):
    guest = make_sample_guest(ctx.services.db, stays=1)
    page = make_page(qtbot, session_for("clerk"))
    page.choose("guest-card")
    picker = page.form.fields["report_guest"]
    picker.query.setText(guest.name)
    picker.search()
    assert not picker.hits.isHidden()
    assert picker.hits.currentData() == guest.id
    preview(qtbot, page)
    assert page.result.name == "guest-card"


def test_cancel_stops_between_pages_and_keeps_nothing(qtbot, session_for, ctx, admin_actor):
    guest = make_sample_guest(ctx.services.db, stays=120)  # several pages
    page = make_page(qtbot, session_for("clerk"))
    page.choose("guest-card")
    page.form.set_value(ReportParam.GUEST, guest.id)
    # The synchronous runner renders on this thread: press Cancel when the first page is done.
    page.page_rendered.connect(lambda _page: page.cancel_button.click(), Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(page.cancelled):
        page.preview_button.click()
    assert page.pdf_bytes is None and page.document.pageCount() == 0
    assert page.status.text() == "Cancelled: nothing was written."
    assert page.preview_button.isEnabled() and page.cancel_button.isHidden()


def test_reports_have_their_own_lane(qtbot, messages):
    runner = TaskRunner(messages)
    try:
        lane = runner.lane("reports")
        assert lane is runner.lane("reports") and lane is not runner
        results = []
        with qtbot.waitSignal(lane.task_finished, timeout=10_000):
            lane.run(lambda: 42, on_success=results.append)
        assert results == [42]
    finally:
        runner.shutdown()
