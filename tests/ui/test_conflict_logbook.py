"""The conflict dialog in the log entry editor: two lobby managers correct the same entry of the
open shift (two GUI sessions on one database, SQLite and PostgreSQL); the second sees both
versions; "apply" keeps both corrections, "discard" keeps theirs."""

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
