"""Staff of other departments: find an in-house guest, add an observation, nothing more; the
desk then reviews it into a preference or dismisses it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from hotelcrm.services.stay_dto import StayDraft
from tests.ui.test_guest_helpers import guest, make_page, wang_wei
from ui.guest_card_view import GuestCardView
from ui.guest_preference_dialog import PreferenceDialog
from ui.observation_dialog import ObservationDialog


def _in_house(session, card, room="0812"):
    stays = session.ctx.services.stays(session.actor)
    return stays.check_in(card.id, StayDraft(departure_date=date.today() + timedelta(days=2), room_no=room))


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_staff_sees_only_the_search_for_in_house_guests_and_adds_an_observation(
        qtbot, admin_session, session_for, messages, monkeypatch):
    card = wang_wei(admin_session)
    _in_house(admin_session, card)
    guest(admin_session, "王", "芳")  # not in house: staff never find her
    staff = session_for("staff")
    page = make_page(qtbot, staff)
    assert page.card_view is None and page.in_house is None
    assert page.lists.count() == 1 and not page.new_button.isVisibleTo(page)
    assert page.staff_hint.isVisibleTo(page)
    page.search_box.set_query("wang")
    model = page.results.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["王伟"]
    assert model.index(0, 7).data() == "0812"
    assert model.index(0, 2).data() == ""  # no phone, nothing beyond name and room
    table = page.results.table
    assert [c for c in range(model.columnCount()) if not table.isColumnHidden(c)] == [0, 7]

    def observe(dialog) -> int:
        assert "0812" in dialog.findChildren(type(page.title))[0].text()
        dialog.department.setCurrentIndex(dialog.department.findData("housekeeping"))
        dialog.text.setPlainText("Asked for a hard pillow twice")
        _save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(ObservationDialog, "exec", observe)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert messages.infos == ["The observation about 王伟 was saved; the front desk will review it."]
    pending = admin_session.ctx.services.observations(admin_session.actor).pending(card.id)
    assert [(o.text, o.department) for o in pending] == [("Asked for a hard pillow twice", "housekeeping")]


def test_an_empty_observation_is_refused_in_the_dialog(qtbot, admin_session, session_for):
    card = wang_wei(admin_session)
    _in_house(admin_session, card)
    dialog = ObservationDialog(session_for("staff"), card.id, "王伟", "0812")
    qtbot.addWidget(dialog)
    _save(qtbot, dialog)
    assert dialog.result_value is None
    assert dialog.errors.text.startswith("Observation")


def test_clerk_reviews_an_observation_into_a_preference_and_dismisses_another(
        qtbot, admin_session, session_for, monkeypatch):
    card = wang_wei(admin_session)
    _in_house(admin_session, card)
    observations = admin_session.ctx.services.observations(session_for("staff").actor)
    observations.add(card.id, "Asked for a hard pillow twice", "housekeeping")
    observations.add(card.id, "Seemed tired", "fnb")
    clerk = session_for("clerk")
    view = GuestCardView(clerk)
    qtbot.addWidget(view)
    view.load(card.id)
    assert "2 observation(s) to review" in view.brief.values["observations"].text()
    assert view.feedback.observation_box.title() == "Observations to review (2)"

    def review(dialog) -> int:
        assert "Asked for a hard pillow twice" in dialog.findChildren(type(view.name))[0].text()
        dialog.key.setCurrentIndex(dialog.key.findData("pillow_height"))
        dialog.value.setCurrentIndex(dialog.value.findData("high"))
        _save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(PreferenceDialog, "exec", review)
    review_button, dismiss_button = _row_buttons(view, 0)
    qtbot.mouseClick(review_button, Qt.MouseButton.LeftButton)
    assert view.feedback.observation_box.title() == "Observations to review (1)"
    assert "Pillow height: High pillow" in view.brief.values["preferences"].text()
    _, dismiss_button = _row_buttons(view, 0)
    qtbot.mouseClick(dismiss_button, Qt.MouseButton.LeftButton)
    assert view.feedback.observation_box.title() == "Observations to review (0)"
    assert view.brief.values["observations"].text() == "None known"


def _row_buttons(view, row: int) -> tuple[QPushButton, QPushButton]:
    grid = view.feedback.observation_grid
    return grid.itemAtPosition(row, 2).widget(), grid.itemAtPosition(row, 3).widget()
