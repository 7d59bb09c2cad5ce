"""The conflict dialog in the logbook: two lobby managers correct the same entry of the open shift,
mark a follow-up done over a correction, close the same shift (two GUI sessions on one database,
SQLite and PostgreSQL); the second sees both versions; "apply" keeps both changes (a second close
is refused by the workflow), "discard" keeps theirs."""

from __future__ import annotations

import pytest

from hotelcrm.services.logbook_dto import EntryDraft
from tests.ui.conflict_answer import answer  # noqa: F401 - fixture
from tests.ui.conflict_backends import sqlite_db  # noqa: F401 - both backends under ctx
from ui.logbook_entry_dialog import LogEntryDialog

KEPT = "(not changed by you: theirs stays)"


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_a_log_entry_corrected_at_both_desks(qtbot, session_for, answer, button):  # noqa: F811
    first, second = session_for("lobby_manager", "desk.one"), session_for("lobby_manager", "desk.two")
    first.ctx.services.logbook_shifts(first.actor).open_shift()
    entries = first.ctx.services.logbook_entries
    entry = entries(first.actor).add(EntryDraft("vip_reception", "Fruit basket in 1208", room_no="1208"))
    dialog = LogEntryDialog(second, "CNY", [], [], entry=entries(second.actor).get(entry.id))
    qtbot.addWidget(dialog)
    entries(first.actor).update(entry.id, entry.version, EntryDraft("vip_reception", "Fruit basket in 1210",
                                                                     room_no="1210"))
    dialog.followup.setChecked(True)
    answer.button = button
    dialog.buttons.buttons()[0].click()
    (rows,) = answer.seen
    assert rows["Room"] == ("1210", f"1208 {KEPT}") and rows["Entry text"] == ("Fruit basket in 1210",
                                                                         f"Fruit basket in 1208 {KEPT}")
    assert rows["Follow-up required"] == ("No", "Yes")
    now = entries(second.actor).get(entry.id)
    assert (now.text, now.room_no, now.followup_required) == ("Fruit basket in 1210", "1210", button == "reapply")
    assert dialog.result_value == now


def test_a_follow_up_marked_done_over_a_correction_does_it_on_the_current_version(qtbot, session_for, answer,  # noqa: F811
                                                                                   messages):
    from ui.logbook_page import LogbookPage

    first, second = session_for("lobby_manager", "desk.one"), session_for("lobby_manager", "desk.two")
    first.ctx.services.logbook_shifts(first.actor).open_shift()
    entries = first.ctx.services.logbook_entries
    entry = entries(first.actor).add(EntryDraft("vip_reception", "Call back Mr Li", followup_required=True))
    page = LogbookPage(second)
    qtbot.addWidget(page)
    page.refresh(select_id=entry.id)
    assert page.selected_entry().id == entry.id
    entries(first.actor).update(entry.id, entry.version, EntryDraft("vip_reception", "Call back Mr Li at 18:00",
                                                                     followup_required=True))
    page.mark_done()
    (rows,) = answer.seen
    assert rows["Entry text"] == ("Call back Mr Li at 18:00", f"Call back Mr Li {KEPT}")
    assert "Follow-up done" in answer.notes[0]
    now = entries(second.actor).get(entry.id)
    assert now.text == "Call back Mr Li at 18:00" and now.followup_done_by and messages.errors == []


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_a_shift_closed_at_both_desks(qtbot, session_for, answer, button):  # noqa: F811
    from ui.logbook_handover_dialog import HandoverDialog

    first, second = session_for("lobby_manager", "desk.one"), session_for("lobby_manager", "desk.two")
    shifts = first.ctx.services.logbook_shifts
    shift = shifts(first.actor).open_shift()
    dialog = HandoverDialog(second, "close", shifts(second.actor).get(shift.id), [])
    qtbot.addWidget(dialog)
    shifts(first.actor).close(shift.id, shift.version, "Quiet night")
    dialog.note.setPlainText("VIP in 1208 arrives at 07:00")
    answer.button = button
    dialog.buttons.buttons()[0].click()
    (rows,) = answer.seen
    assert rows["Shift"] == ("Closed", "Closed") and rows["Handover note"] == ("Quiet night",
                                                                              "VIP in 1208 arrives at 07:00")
    assert shifts(second.actor).get(shift.id).handover_note == "Quiet night"  # theirs stays
    if button == "reapply":  # a shift is closed once: refused, the typed note kept
        assert dialog.result_value is None and dialog.errors.text
        assert dialog.note.toPlainText() == "VIP in 1208 arrives at 07:00"
    else:
        assert dialog.result() == dialog.DialogCode.Rejected
