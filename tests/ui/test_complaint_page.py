"""The Complaints area: the list with its filters and overdue marks, opening a complaint, the
overdue count in the main window, and what each role is offered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from tests.ui.complaint_ui_helpers import make_page, make_view, receive, table_rows
from tests.ui.test_guest_helpers import wang_wei
from ui.complaint_table_model import DUE_COLUMN, ComplaintTableModel
from ui.main_window import MainWindow


def test_list_shows_open_complaints_and_marks_the_overdue_one_in_text_and_colour(qtbot, admin_session):
    late = receive(admin_session, severity="critical", minutes_ago=60)  # acknowledge target: 15 minutes
    fresh = receive(admin_session, severity="low", words="Towels missing")
    page = make_page(qtbot, admin_session)
    rows = {r[0]: r for r in table_rows(page.list.model)}
    assert set(rows) == {late.number, fresh.number}
    assert rows[late.number][DUE_COLUMN].startswith("OVERDUE: acknowledge")
    assert not rows[fresh.number][DUE_COLUMN].startswith("OVERDUE")
    model = page.list.model
    late_row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == late.number)
    assert isinstance(model.index(late_row, 0).data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert model.index(late_row, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert page.list.status.text() == "1–2 of 2"


def test_filters_by_overdue_severity_state_and_search(qtbot, admin_session):
    late = receive(admin_session, severity="critical", minutes_ago=60)
    fresh = receive(admin_session, severity="low", words="Towels missing")
    page = make_page(qtbot, admin_session)
    page.filters.overdue.setChecked(True)
    assert [r[0] for r in table_rows(page.list.model)] == [late.number]
    page.filters.overdue.setChecked(False)
    page.filters.severity.setCurrentIndex(page.filters.severity.findData("low"))
    assert [r[0] for r in table_rows(page.list.model)] == [fresh.number]
    page.filters.severity.setCurrentIndex(0)
    page.filters.search.setText(late.number[-3:])
    page.filters.search.returnPressed.emit()
    assert [r[0] for r in table_rows(page.list.model)] == [late.number]
    page.filters.search.clear()
    page.filters.state.setCurrentIndex(page.filters.state.findData("withdrawn"))
    assert table_rows(page.list.model) == []
    assert page.list.status.text() == "No complaints match."


def test_search_by_guest_name_and_open_with_enter(qtbot, admin_session):
    guest = wang_wei(admin_session)
    mine = receive(admin_session, guest_id=guest.id, room_no="1208")
    receive(admin_session, words="Another guest")
    page = make_page(qtbot, admin_session)
    page.filters.search.setText("王伟")
    page.filters.search.returnPressed.emit()
    assert [(r[0], r[2], r[3]) for r in table_rows(page.list.model)] == [(mine.number, "王伟", "1208")]
    page.list.focus_list()
    qtbot.keyClick(page.list.table, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.detail
    assert page.detail.number.text() == mine.number


def test_table_model_passes_the_model_tester(qtmodeltester, admin_session, qtbot):
    receive(admin_session, severity="critical", minutes_ago=60)
    page = make_page(qtbot, admin_session)
    qtmodeltester.check(page.list.model)
    qtmodeltester.check(ComplaintTableModel())


def test_sorting_by_a_header_asks_the_service(qtbot, admin_session):
    first = receive(admin_session, minutes_ago=30)
    second = receive(admin_session, minutes_ago=10)
    page = make_page(qtbot, admin_session)
    assert [r[0] for r in table_rows(page.list.model)] == [second.number, first.number]  # newest first
    page.list.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    page.list._sort_clicked(0)
    assert page.list.sort == "number" and not page.list.descending
    assert [r[0] for r in table_rows(page.list.model)] == [first.number, second.number]


def test_main_window_shows_the_overdue_count_and_its_link_opens_the_overdue_list(qtbot, admin_session):
    receive(admin_session, severity="critical", minutes_ago=60)
    receive(admin_session, severity="low")
    window = MainWindow(admin_session, admin_session.ctx.services.settings(admin_session.actor).hotel())
    qtbot.addWidget(window)
    label = window.overdue_label
    assert label.count == 1 and "1 complaint(s) overdue" in label.text() and label.isVisibleTo(window)
    assert "complaints" not in window.pages  # the count needs no complaints page; the link builds it
    label.linkActivated.emit("overdue")
    page = window.page("complaints")
    assert window.current_area() == "complaints" and page.filters.overdue.isChecked()
    assert page.list.model.rowCount() == 1
    # after a save the count follows: a new late complaint through the page's signal
    receive(admin_session, severity="critical", minutes_ago=45)
    page.changed.emit()
    assert label.count == 2


def test_clerk_may_enter_but_not_configure_and_sees_why_step_three_is_not_offered(qtbot, session_for):
    clerk = session_for("clerk")
    page = make_page(qtbot, clerk)
    assert page.new_button.isVisibleTo(page) and not page.config_button.isVisibleTo(page)
    detail = receive(clerk)
    from hotelcrm.services.complaint_dto import ApologyInput

    svc = clerk.ctx.services.complaints(clerk.actor)
    detail = svc.apologize(detail.id, detail.version, ApologyInput("Apologised at the desk"))
    view = make_view(qtbot, clerk, detail.id)
    assert view.next_button.text() == "Record the verification…"
    assert not view.next_button.isEnabled()
    assert "lobby manager" in view.refusal.text()
    assert not view.buttons["escalate"].isVisibleTo(view) and not view.buttons["withdraw"].isVisibleTo(view)


def test_lobby_manager_gets_the_step_button_escalate_and_withdraw(qtbot, session_for):
    lobby = session_for("lobby_manager")
    page = make_page(qtbot, lobby)
    assert page.new_button.isVisibleTo(page) and not page.config_button.isVisibleTo(page)
    detail = receive(lobby)
    view = make_view(qtbot, lobby, detail.id)
    assert view.next_button.text() == "Record the apology…" and view.next_button.isEnabled()
    assert view.refusal.text() == ""
    assert view.buttons["escalate"].isVisibleTo(view) and view.buttons["withdraw"].isVisibleTo(view)
    assert not view.buttons["addendum"].isVisibleTo(view)


def test_manager_opens_the_category_and_target_editor(qtbot, session_for):
    page = make_page(qtbot, session_for("manager"))
    assert page.config_button.isVisibleTo(page)


def test_timeline_frames_keep_their_height_and_the_view_scrolls(qtbot, session_for):
    from tests.ui.complaint_ui_helpers import to_remedy_agreed, to_verified

    lobby = session_for("lobby_manager")
    detail = to_remedy_agreed(lobby, to_verified(lobby, receive(lobby, words="A long account. " * 40)))
    from ui.complaint_detail_view import ComplaintDetailView

    view = ComplaintDetailView(lobby)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    view.show_detail(detail)
    qtbot.waitUntil(lambda: view.timeline.step_frames["listened"].isVisible())
    view.show_detail(detail)  # rebuilt while visible, as after every save
    frames = list(view.timeline.step_frames.values())
    content = view.scroll.widget()

    def laid_out() -> bool:
        return all(f.isVisible() and f.height() >= f.minimumSizeHint().height() for f in frames) \
            and content.height() >= content.layout().heightForWidth(content.width())

    qtbot.waitUntil(laid_out)
    assert content.height() > view.scroll.viewport().height()  # the view scrolls instead


def test_coming_back_to_the_area_shows_complaints_saved_meanwhile(qtbot, admin_session):
    page = make_page(qtbot, admin_session)
    page.show()
    qtbot.waitExposed(page)
    assert page.list.model.rowCount() == 0
    page.hide()
    receive(admin_session)  # another desk
    page.show()
    qtbot.waitUntil(lambda: page.list.model.rowCount() == 1)
