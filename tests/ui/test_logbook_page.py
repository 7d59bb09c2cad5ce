"""The Logbook page in the real window: a lobby manager opens the shift, logs a VIP reception,
an incident with witnesses and a guest opinion, closes the shift; the next manager acknowledges
and sees the carried-over items. Dialogs are driven through their widgets."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from hotelcrm.db.models import Guest
from hotelcrm.services.stay_dto import StayDraft
from ui.logbook_addendum_dialog import AddendumDialog
from ui.logbook_entry_dialog import LogEntryDialog
from ui.logbook_handover_dialog import HandoverDialog
from ui.logbook_page import LogbookPage
from ui.main_window import MainWindow


@pytest.fixture
def vip_in_house(ctx, admin_actor):
    with ctx.services.db.write() as s:
        guest = Guest(family_name="王", given_name="伟", vip_code="VIP1")
        s.add(guest)
        s.flush()
        guest_id = guest.id
    ctx.services.stays(admin_actor).check_in(guest_id, StayDraft(departure_date=date.today() + timedelta(days=2),
                                                                 room_no="1208"))
    return guest_id


def _page(qtbot, session) -> LogbookPage:
    window = MainWindow(session, session.ctx.services.settings(session.actor).hotel())
    qtbot.addWidget(window)
    assert window.show_area("logbook")
    page = window.page("logbook")
    page.refresh()
    return page


def _log(monkeypatch, page: LogbookPage, type_key: int, text: str, fill=None) -> None:
    def run(dialog: LogEntryDialog) -> int:
        dialog.keyPressEvent(_key(type_key))
        assert dialog.focusWidget() is dialog.text
        dialog.text.setPlainText(text)
        if fill:
            fill(dialog)
        dialog._submit()
        assert not dialog.errors.label.text(), dialog.errors.label.text()
        return 1

    monkeypatch.setattr(LogEntryDialog, "exec", run)
    page.new_entry()


def _key(number: int):
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_0 + number, Qt.KeyboardModifier.NoModifier)


def _incident(dialog: LogEntryDialog) -> None:
    form = dialog.incident
    assert form.isVisibleTo(dialog)
    form.item.setText("Crystal ashtray 水晶烟灰缸")
    form.value.setText("380.00")
    form.guest_position.setPlainText("The guest says there was no ashtray in the room.")
    form.add_witness("刘芳", "Room attendant", "It was on the desk yesterday; I washed it.")
    form.add_witness("陈建国", "Floor supervisor", "Checked 1208 yesterday afternoon: the ashtray was there.")
    form.evidence.setPlainText("No fragments; cigarette ends in the bathroom.")
    form.conclusion.setPlainText("The ashtray was taken or broken during the stay.")
    form.asked.setText("380")
    form.agreed.setText("190")
    form.outcome.setPlainText("Guest paid half at check-out.")
    dialog.followup.setChecked(True)


def test_open_log_close_and_acknowledge_in_the_real_window(qtbot, ctx, session_for, vip_in_house, monkeypatch,
                                                           messages):
    first = session_for("lobby_manager", "lm.zhao")
    page = _page(qtbot, first)
    assert "No shift open" in page.glance_panel.status.text()
    assert page.open_button.isEnabled() and not page.new_button.isEnabled()
    page.open_shift()
    assert "opened by" in page.glance_panel.status.text()
    assert page.glance_panel.vips.count() == 1 and "1208" in page.glance_panel.vips.item(0).text()

    def vip(dialog):
        dialog.guest.setCurrentIndex(dialog.guest.findData(vip_in_house))

    _log(monkeypatch, page, 1, "Welcomed Mr Wang, fruit basket and GM's card", vip)
    _log(monkeypatch, page, 4, "Crystal ashtray missing at check-out, 1208", _incident)

    def opinion(dialog):
        dialog.followup.setChecked(True)

    _log(monkeypatch, page, 3, "Guest suggests later breakfast on Sundays", opinion)
    assert [page.model.row_at(i).entry_type for i in range(page.model.rowCount())] == \
        ["guest_opinion", "incident", "vip_reception"]
    assert page.model.row_at(2).room_no == "1208"
    page.table.selectRow(1)
    assert "刘芳" in page.detail.toPlainText() and "CNY 190.00" in page.detail.toPlainText()
    assert page.glance_panel.titles[0].text().startswith("Open follow-ups (2")

    def close(dialog: HandoverDialog) -> int:
        assert dialog.items.count() == 2
        dialog.note.setPlainText("Watch 1208's bill")
        dialog._submit()
        return 1

    monkeypatch.setattr(HandoverDialog, "exec", close)
    page.close_shift()
    assert not page.new_button.isEnabled() and not page.edit_button.isEnabled()
    assert "awaits acknowledgement" in page.glance_panel.awaiting.text()

    # an addendum to the closed shift's VIP entry keeps the original
    page.table.selectRow(2)
    assert not page.edit_button.isEnabled()

    def addendum(dialog: AddendumDialog) -> int:
        dialog.text.setPlainText("Mr Wang asked for a late check-out tomorrow")
        dialog._submit()
        return 1

    monkeypatch.setattr(AddendumDialog, "exec", addendum)
    page.add_addendum()
    assert any(page.model.row_at(i).amends_id for i in range(page.model.rowCount()))

    second = session_for("lobby_manager", "lm.qian")
    page2 = _page(qtbot, second)
    seen = {}

    def acknowledge(dialog: HandoverDialog) -> int:
        seen["items"] = [dialog.items.item(i).text() for i in range(dialog.items.count())]
        dialog._submit()
        return 1

    monkeypatch.setattr(HandoverDialog, "exec", acknowledge)
    page2.open_shift()  # opening offers the waiting handover for acknowledgement
    assert len(seen["items"]) == 2 and "Crystal ashtray" in seen["items"][0]
    assert page2.glance_panel.awaiting.isHidden()
    assert page2.glance_panel.carried.count() == 2
    assert "opened by" in page2.glance_panel.status.text()
    assert messages.errors == []


def test_a_clerk_reads_the_log_but_has_no_shift_buttons(qtbot, session_for):
    page = _page(qtbot, session_for("clerk"))
    for button in (page.open_button, page.close_button, page.ack_button, page.new_button, page.addendum_button):
        assert button.isHidden()
    assert page.refresh_button.isVisibleTo(page)


def test_bad_incident_input_names_the_field_and_saves_nothing(qtbot, ctx, session_for, monkeypatch):
    page = _page(qtbot, session_for("lobby_manager"))
    page.open_shift()
    holder = {}

    def run(dialog: LogEntryDialog) -> int:
        dialog.type.setCurrentIndex(dialog.type.findData("incident"))
        dialog.text.setPlainText("Vase broken")
        dialog.incident.asked.setText("100")
        dialog.incident.agreed.setText("200")
        dialog._submit()
        holder["error"] = dialog.errors.label.text()
        dialog.incident.agreed.setText("abc")
        dialog._submit()
        holder["money"] = dialog.errors.label.text()
        return 0

    monkeypatch.setattr(LogEntryDialog, "exec", run)
    page.new_entry()
    assert holder["error"].startswith("Compensation agreed")
    assert holder["money"].startswith("Compensation agreed")
    assert page.model.rowCount() == 0


def test_entries_appear_on_the_linked_guests_card(qtbot, ctx, session_for, vip_in_house):
    from hotelcrm.services.logbook_dto import EntryDraft
    from ui.guest_card_view import GuestCardView

    lobby = session_for("lobby_manager")
    ctx.services.logbook_shifts(lobby.actor).open_shift()
    ctx.services.logbook_entries(lobby.actor).add(EntryDraft("vip_reception", "Fruit basket in 1208",
                                                             guest_id=vip_in_house))
    view = GuestCardView(lobby)
    qtbot.addWidget(view)
    view.load(vip_in_house)
    tab = view.logbook
    assert view.tabs.indexOf(tab) >= 0
    assert tab.model.rowCount() == 1 and tab.model.row_at(0).text == "Fruit basket in 1208"
    assert tab.empty.isHidden()
    staff_view = GuestCardView(session_for("staff"))
    qtbot.addWidget(staff_view)
    assert staff_view.tabs.indexOf(staff_view.logbook) < 0


def test_attach_a_file_see_it_in_the_detail_and_save_it_back(qtbot, session_for, tmp_path):
    page = _page(qtbot, session_for("lobby_manager"))
    page.open_shift()
    entries = page.session.ctx.services.logbook_entries(page.session.actor)
    from hotelcrm.services.logbook_dto import EntryDraft

    entry = entries.add(EntryDraft("guest_opinion", "Letter from the guest"))
    page.refresh(entry.id)
    source = tmp_path / "letter.txt"
    source.write_bytes("感谢信 thank you".encode())
    page.attach_file(str(source))
    assert "letter.txt" in page.detail.toPlainText()
    attachment = page.session.ctx.services.logbook_attachments(page.session.actor).list(entry.id)[0]
    target = tmp_path / "saved.txt"
    page.save_attachment(attachment.id, str(target))
    assert target.read_bytes() == source.read_bytes()


def test_an_administrator_sets_the_shift_times_and_bad_times_are_refused(qtbot, admin_session, monkeypatch):
    from ui.logbook_shift_pattern_dialog import ShiftPatternDialog

    page = _page(qtbot, admin_session)
    assert page.pattern_button.isVisibleTo(page)
    seen = {}

    def run(dialog: ShiftPatternDialog) -> int:
        dialog.times["afternoon"].setTime(dialog.times["morning"].time().addSecs(-3600))
        dialog._submit()
        seen["error"] = dialog.errors.label.text()
        dialog.times["morning"].setTime(dialog.times["morning"].time().fromString("06:30", "HH:mm"))
        dialog.times["afternoon"].setTime(dialog.times["afternoon"].time().fromString("14:30", "HH:mm"))
        dialog.times["night"].setTime(dialog.times["night"].time().fromString("22:30", "HH:mm"))
        dialog._submit()
        return 1

    monkeypatch.setattr(ShiftPatternDialog, "exec", run)
    page.edit_pattern()
    assert seen["error"].startswith("Shift pattern")
    pattern = admin_session.ctx.services.logbook_shifts(admin_session.actor).pattern()
    assert pattern.as_setting() == {"morning": "06:30", "afternoon": "14:30", "night": "22:30"}


def test_a_complaint_entry_records_step_one_of_a_new_complaint_and_links_it(qtbot, ctx, session_for, vip_in_house,
                                                                            monkeypatch):
    from ui.complaint_quick_entry_dialog import ComplaintQuickEntryDialog

    lobby = session_for("lobby_manager")
    page = _page(qtbot, lobby)
    page.open_shift()
    seen = {}

    def quick_entry(dialog: ComplaintQuickEntryDialog) -> int:
        seen.update(guest=dialog.guest.guest_id, room=dialog.room.text(), words=dialog.words.toPlainText())
        dialog.submit()
        return 1

    monkeypatch.setattr(ComplaintQuickEntryDialog, "exec", quick_entry)

    def fill(dialog: LogEntryDialog) -> None:
        assert dialog.new_complaint_button.isVisibleTo(dialog) and dialog.new_complaint_button.isEnabled()
        dialog.guest.setCurrentIndex(dialog.guest.findData(vip_in_house))
        dialog.room.setText("1208")
        dialog.new_complaint_button.click()

    _log(monkeypatch, page, 2, "Noise from the corridor all night 走廊噪音", fill)
    assert seen == {"guest": vip_in_house, "room": "1208", "words": "Noise from the corridor all night 走廊噪音"}
    complaints = ctx.services.complaints(lobby.actor)
    [row] = complaints.list().rows
    detail = complaints.detail(row.id)
    assert (detail.guest_id, detail.room_no, detail.state) == (vip_in_house, "1208", "listened")
    assert detail.stay_id is not None  # the guest's stay in 1208
    [entry] = ctx.services.logbook_entries(lobby.actor).find()
    assert (entry.entry_type, entry.complaint_id) == ("complaint", row.id)

