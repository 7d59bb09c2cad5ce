"""The import dialog and the column-mapping editor (pytest-qt, synchronous task runner)."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

from PySide6.QtCore import Qt

from hotelcrm.i18n import tr
from ui.form_widgets import select_data
from ui.import_dialog import ImportDialog
from ui.import_mapping_dialog import C_FORMAT, C_SOURCE, C_TARGET, C_VALUES, MappingEditorDialog
from ui.main_window import MainWindow

BOOKINGS = Path("/work/shared/data/hotel_booking_10k.csv")


def bookings(tmp_path: Path, rows: int = 60) -> Path:
    path = tmp_path / "bookings.csv"
    with BOOKINGS.open(encoding="utf-8") as f:
        path.write_text("".join(itertools.islice(f, rows + 1)), encoding="utf-8")
    return path


def guests_file(tmp_path: Path) -> Path:
    path = tmp_path / "guests.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["family_name", "given_name", "phone", "birth_date"])
        out.writerows([["王", "伟", "13812345678", "1985-03-12"], ["李", "娜", "12345", "1990-02-30"]])
    return path


def test_importing_stays_with_the_shipped_mapping_shows_counts_and_problems(qtbot, admin_session, tmp_path):
    dialog = ImportDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(bookings(tmp_path)))
    select_data(dialog.kind, "stays")
    assert dialog.mapping.itemData(0) is None  # the application's own columns come first
    select_data(dialog.mapping, "booking-demand")
    assert dialog.mapping.currentData() == "booking-demand" and dialog.edit_mapping.isEnabled()
    seen = []
    dialog.progressed.connect(lambda done, total: seen.append((done, total)))
    dialog.start()
    result = dialog.result_value
    assert result is not None and result.rows == 60 and result.imported + result.matched + result.rejected == 60
    assert seen and seen[-1] == (60, 60)
    assert "60 rows: 60 new stays" in dialog.summary.text() and dialog.summary.isVisibleTo(dialog)
    assert dialog.problems_model.rowCount() == len(result.errors) + len(result.warnings) > 0
    assert dialog.start_button.isEnabled() and not dialog.running
    dialog.start()  # the same file again: nothing new
    assert (dialog.result_value.imported, dialog.result_value.matched) == (0, 60)


def test_rejected_rows_are_listed_and_saved_as_csv(qtbot, admin_session, tmp_path, messages):
    dialog = ImportDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(guests_file(tmp_path)))
    dialog.start()
    assert (dialog.result_value.imported, dialog.result_value.rejected) == (1, 1)
    model = dialog.problems_model
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert [r[:3] for r in rows] == [["3", "birth_date", "rejected"], ["3", "phone", "rejected"]]
    assert "Date of birth" in rows[0][3] and "Phone" in rows[1][3]
    out = tmp_path / "problems.csv"
    dialog.choose_save = lambda suggested: str(out)
    dialog.save_problem_list()
    lines = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0] == ["Row", "Column", "Level", "Reason"] and len(lines) == 3
    assert messages.infos and str(out) in messages.infos[-1]


def test_a_file_that_cannot_be_used_shows_the_reason_and_no_file_is_asked_for(qtbot, admin_session, tmp_path):
    dialog = ImportDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.start()
    assert dialog.errors.text == tr("import.ui.no_file")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"family_name,phone\n")
    dialog.path.setText(str(empty))
    dialog.start()
    assert "no data rows" in dialog.errors.text and dialog.result_value is None
    assert dialog.path.property("invalid") is True and dialog.start_button.isEnabled()


def test_cancel_stops_after_the_batch_and_the_next_import_goes_on(qtbot, admin_session, tmp_path, monkeypatch):
    from hotelcrm.services import import_job

    monkeypatch.setattr(import_job, "BATCH", 10)
    dialog = ImportDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(bookings(tmp_path)))
    select_data(dialog.kind, "stays")
    select_data(dialog.mapping, "booking-demand")
    dialog.progressed.connect(lambda done, total: dialog.request_cancel())
    dialog.start()
    assert dialog.result_value.cancelled and dialog.result_value.rows == 10
    assert "Cancelled after 10 rows" in dialog.summary.text()
    dialog.progressed.disconnect()
    dialog.start()
    assert dialog.result_value.resumed_from == 10 and dialog.result_value.rows == 60
    assert "went on after row 10" in dialog.summary.text()


def test_a_mapping_made_in_the_editor_is_saved_and_used(qtbot, admin_session, tmp_path):
    path = tmp_path / "desk.csv"
    path.write_text("姓,名,手机,生日,状态\n王,伟,13812345678,12/03/1985,VIP\n", encoding="utf-8")
    header, rows = ["姓", "名", "手机", "生日", "状态"], [["王", "伟", "13812345678", "12/03/1985", "VIP"]]
    editor = MappingEditorDialog(admin_session, "guests", header, rows)
    qtbot.addWidget(editor)
    assert editor.preview.rowCount() == 1 and editor.preview.columnCount() == 5
    lines = {editor.targets.item(r, C_TARGET).data(Qt.ItemDataRole.UserRole): r for r in range(editor.targets.rowCount())}
    editor.name.setText("Desk list")
    for target, column in (("family_name", "姓"), ("given_name", "名"), ("phone", "手机"), ("birth_date", "生日"),
                           ("vip_code", "状态")):
        editor.targets.cellWidget(lines[target], C_SOURCE).setCurrentText(column)
    editor.targets.cellWidget(lines["birth_date"], C_FORMAT).setText("%d/%m/%Y")
    editor.targets.cellWidget(lines["vip_code"], C_VALUES).setText("VIP=V1; 普通=")
    editor._save()
    assert editor.saved is not None and editor.saved.name == "Desk list"
    dialog = ImportDialog(admin_session)
    qtbot.addWidget(dialog)
    select_data(dialog.mapping, "Desk list")
    assert dialog.mapping.currentData() == "Desk list"
    dialog.path.setText(str(path))
    dialog.start()
    assert (dialog.result_value.imported, dialog.result_value.rejected) == (1, 0)


def test_the_editor_reports_a_bad_mapping_and_keeps_what_was_typed(qtbot, admin_session):
    editor = MappingEditorDialog(admin_session, "stays", ["a", "credit_card"], [])
    qtbot.addWidget(editor)
    editor.name.setText("bad one")
    lines = {editor.targets.item(r, C_TARGET).data(Qt.ItemDataRole.UserRole): r for r in range(editor.targets.rowCount())}
    editor.targets.cellWidget(lines["external_ref"], C_SOURCE).setCurrentText("credit_card")
    editor._save()
    assert editor.saved is None and "payment-card" in editor.errors.text
    assert editor.name.text() == "bad one" and editor.buttons.isEnabled()


def test_editing_a_shipped_mapping_starts_from_it_under_a_new_name(qtbot, admin_session, tmp_path):
    mapping = admin_session.ctx.services.import_mappings(admin_session.actor).get("booking-demand")
    editor = MappingEditorDialog(admin_session, "stays", [], [], mapping, shipped=True)
    qtbot.addWidget(editor)
    assert editor.name.text() == ""
    definition = editor.definition()
    assert definition["fields"]["status"]["values"]["Check-Out"] == "checked_out"
    assert definition["fields"]["departure"]["add_days"] == ["stays_in_weekend_nights", "stays_in_week_nights"]
    assert definition["fields"]["arrival"]["date_parts"]["month"] == "arrival_date_month"


def test_the_file_menu_offers_import_to_managers_only(qtbot, admin_session, session_for):
    def window_for(session):
        return MainWindow(session, session.ctx.services.settings(session.actor).hotel())

    window = window_for(admin_session)
    qtbot.addWidget(window)
    assert window.import_action is not None and window.import_action.text() == tr("import.ui.menu")
    clerk = window_for(session_for("clerk"))
    qtbot.addWidget(clerk)
    assert clerk.import_action is None
