"""Attachments on the detail view (add, save a copy, a file too large refused) and the way from a
complaint to its guest's card in the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from hotelcrm.domain.complaint_rules import MAX_ATTACHMENT_BYTES
from tests.ui.complaint_ui_helpers import make_view, receive
from tests.ui.test_guest_helpers import wang_wei
from ui.main_window import MainWindow


def test_clerk_attaches_a_photo_and_saves_a_copy(qtbot, session_for, tmp_path, monkeypatch):
    clerk = session_for("clerk")
    view = make_view(qtbot, clerk, receive(clerk).id)
    assert view.attachments.add_button.isVisibleTo(view)
    assert view.attachments.list.text() == "No attachments."
    photo = tmp_path / "stain.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"x" * 2000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(photo), "")))
    view.attachments.add_button.click()
    (info,) = view.detail.attachments
    assert info.filename == "stain.jpg" and info.mime_type == "image/jpeg" and info.size_bytes == 2003
    assert "stain.jpg" in view.attachments.list.text()
    copy = tmp_path / "copy.jpg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    view.attachments.list.linkActivated.emit(str(info.id))
    assert copy.read_bytes() == photo.read_bytes()


def test_a_file_over_the_limit_is_refused_and_nothing_is_stored(qtbot, session_for, tmp_path, monkeypatch):
    clerk = session_for("clerk")
    view = make_view(qtbot, clerk, receive(clerk).id)
    big = tmp_path / "video.mp4"
    big.write_bytes(b"0" * (MAX_ATTACHMENT_BYTES + 1))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(big), "")))
    view.attachments.add_button.click()
    assert clerk.ctx.messages.errors and "too large" in clerk.ctx.messages.errors[-1]
    view.reload()
    assert view.detail.attachments == ()


def test_open_guest_card_from_a_complaint_switches_to_the_guests_area(qtbot, admin_session):
    guest = wang_wei(admin_session)
    detail = receive(admin_session, guest_id=guest.id)
    window = MainWindow(admin_session, admin_session.ctx.services.settings(admin_session.actor).hotel())
    qtbot.addWidget(window)
    page = window.page("complaints")
    page.open_complaint(detail.id)
    assert page.detail.buttons["open_guest"].isVisibleTo(page.detail)
    page.detail.buttons["open_guest"].click()
    guests = window.page("guests")
    assert window.current_area() == "guests"
    assert guests.stack.currentWidget() is guests.card_view and guests.card_view.card.id == guest.id
