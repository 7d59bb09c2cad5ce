"""Print/Preview of the two complaint forms from the detail view; the manager's editor for
categories, departments, time targets and authority limits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from hotelcrm.reports import ReportParam
from tests.ui.complaint_ui_helpers import make_view, receive
from ui.complaint_category_dialog import ComplaintCategoryDialog
from ui.complaint_config_dialog import ComplaintConfigDialog
from ui.report_preview_dialog import ReportPreviewDialog


def test_detail_view_prints_the_report_and_the_notice_of_its_complaint(qtbot, session_for, monkeypatch):
    clerk = session_for("clerk")
    detail = receive(clerk)
    opened: list[tuple] = []
    monkeypatch.setattr(ReportPreviewDialog, "show_report",
                        classmethod(lambda cls, session, name, params, parent=None, lang=None:
                                    opened.append((name, dict(params)))))
    view = make_view(qtbot, clerk, detail.id)
    view.buttons["print_report"].click()
    view.buttons["print_notice"].click()
    assert opened == [("complaint-report", {ReportParam.COMPLAINT: detail.number}),
                      ("complaint-notice", {ReportParam.COMPLAINT: detail.number})]


def test_preview_renders_the_handling_report(qtbot, session_for):
    lobby = session_for("lobby_manager")
    detail = receive(lobby)
    dialog = ReportPreviewDialog(lobby, "complaint-report", {ReportParam.COMPLAINT: detail.number})
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):
        dialog.start()
    assert dialog.document.pageCount() >= 1 and dialog.pdf_bytes.startswith(b"%PDF")
    assert "Complaint handling report" in dialog.windowTitle()


def _config(qtbot, session) -> ComplaintConfigDialog:
    dialog = ComplaintConfigDialog(session)
    qtbot.addWidget(dialog)
    return dialog


def test_manager_changes_a_guideline_and_adds_a_category(qtbot, session_for, monkeypatch):
    manager = session_for("manager")
    dialog = _config(qtbot, manager)
    model = dialog.categories.model
    noise_row = next(r for r in range(model.rowCount()) if model.row_at(r).code == "noise")

    answers = iter([
        lambda d: d.guide_en.setPlainText("Offer another room at once."),
        lambda d: (d.code.setText("wifi"), d.name_zh.setText("网络"), d.name_en.setText("Wi-Fi")),
    ])

    def run(d) -> int:
        next(answers)(d)
        qtbot.mouseClick(d.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return int(d.result_value is not None)

    monkeypatch.setattr(ComplaintCategoryDialog, "exec", run)
    dialog.edit_category(model.row_at(noise_row))
    dialog.edit_category(None)
    assert dialog.changed
    categories = {c.code: c for c in manager.ctx.services.complaint_config(manager.actor).categories()}
    assert categories["noise"].guideline_en == "Offer another room at once."
    assert categories["wifi"].name_zh == "网络"
    assert any(model.row_at(r).code == "wifi" for r in range(model.rowCount()))


def test_a_category_without_its_chinese_name_is_refused(qtbot, session_for):
    manager = session_for("manager")
    dialog = ComplaintCategoryDialog(manager, None)
    qtbot.addWidget(dialog)
    dialog.code.setText("parking")
    dialog.name_en.setText("Parking")
    dialog.submit()
    assert dialog.result_value is None and "Name (Chinese)" in dialog.errors.text
    assert dialog.name_zh.property("invalid") is True
    codes = {c.code for c in manager.ctx.services.complaint_config(manager.actor).categories()}
    assert "parking" not in codes


def test_time_targets_and_limits_saved_and_a_wrong_order_refused(qtbot, session_for):
    manager = session_for("manager")
    panel = _config(qtbot, manager).targets
    config = manager.ctx.services.complaint_config(manager.actor)
    panel.minutes[("critical", "acknowledge")].setValue(10)
    panel.limits["handler"].setText("300")
    panel.save()
    saved = config.settings()
    assert saved.time_targets["critical"].acknowledge_minutes == 10
    assert saved.authority_limits["handler"] == 30000
    assert manager.ctx.messages.infos[-1] == "Time targets and authority limits saved."
    panel.minutes[("low", "remedy")].setValue(panel.minutes[("low", "close")].value() + 60)  # remedy after close
    panel.save()
    assert panel.errors.text and "remedy" in panel.errors.text.lower()
    assert config.settings().time_targets["low"] == saved.time_targets["low"]
    panel.minutes[("low", "remedy")].setValue(saved.time_targets["low"].remedy_minutes)
    panel.limits["lobby_manager"].setText("-5")
    panel.save()
    assert "Authority limits" in panel.errors.text
