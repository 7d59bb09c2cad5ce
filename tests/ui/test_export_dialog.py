"""The Export dialog: kind, format and file; the suffix follows the format; refusals stay in the
dialog; the file is written off the GUI thread (synchronous runner here)."""

from __future__ import annotations

import csv

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.test_guest_helpers import RID, wang_wei
from ui.export_dialog import ExportDialog


def _dialog(qtbot, session) -> ExportDialog:
    dialog = ExportDialog(session)
    qtbot.addWidget(dialog)
    return dialog


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_manager_exports_guests_to_xlsx_then_stays_to_csv(qtbot, admin_session, session_for, messages, tmp_path):
    wang_wei(admin_session)
    dialog = _dialog(qtbot, session_for("manager"))
    assert dialog.masked_hint.isHidden()  # managers may reveal ID numbers: exported in clear
    dialog.path.setText(str(tmp_path / "guests.xlsx"))
    _ok(qtbot, dialog)
    assert dialog.result_value is not None and dialog.result_value.rows == 1
    sheet = load_workbook(tmp_path / "guests.xlsx", read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[1][rows[0].index("id_number")] == RID
    assert messages.infos[-1] == f"1 guests written to {tmp_path / 'guests.xlsx'}."

    dialog = _dialog(qtbot, session_for("manager", "manager.two"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("stays"))
    dialog.path.setText(str(tmp_path / "mine.xlsx"))
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.path.text() == str(tmp_path / "mine.csv")  # the suffix follows the format
    _ok(qtbot, dialog)
    with (tmp_path / "mine.csv").open(encoding="utf-8-sig") as f:
        assert next(csv.reader(f))[:3] == ["family_name", "given_name", "latin_name"]


def test_refusals_keep_the_dialog_open_with_the_reason(qtbot, admin_session, tmp_path):
    dialog = _dialog(qtbot, admin_session)
    dialog.path.setText("")
    _ok(qtbot, dialog)
    assert dialog.errors.text.startswith("File:") and dialog.result_value is None
    dialog.path.setText(str(tmp_path / "list.txt"))
    _ok(qtbot, dialog)
    assert "must end in .csv or .xlsx" in dialog.errors.text and dialog.result_value is None
    assert dialog.buttons.isEnabled() and not (tmp_path / "list.txt").exists()
