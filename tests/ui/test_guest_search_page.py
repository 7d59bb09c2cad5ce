"""The Guests area's search: as-you-type results, Enter opens the card with its brief, the
latest query wins, keyboard paths, blacklisted rows, and the result table model."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from hotelcrm.services.guest_dto import GuestDraft
from hotelcrm.services.stay_dto import StayDraft
from tests.ui.test_guest_helpers import cards, guest, make_page, wang_wei
from ui.guest_result_model import GuestResultModel
from ui.stay_check_in_dialog import CheckInDialog
from ui.task_runner import BaseTaskRunner, TaskRunner


def type_into(qtbot, box, text: str) -> None:
    """Latin letters and digits as key presses; 汉字 as an input method commits them."""
    if text.isascii():
        qtbot.keyClicks(box, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(box, event)


def _names(page) -> list[str]:
    model = page.results.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


@pytest.mark.parametrize("query", ["王伟", "wangw", "1234"])
def test_typing_finds_the_guest_and_enter_opens_the_card_with_its_brief(qtbot, admin_session, query):
    wang_wei(admin_session)
    guest(admin_session, "李", "娜")
    page = make_page(qtbot, admin_session)
    page.show()
    page.focus_search()
    type_into(qtbot, page.search_box, query)
    qtbot.waitUntil(lambda: _names(page) == ["王伟"])  # after the debounce, never before typing stops
    assert f"“{query}”" in page.results.status.text()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.card_view
    view = page.card_view
    assert view.name.text() == "王伟"
    assert view.brief.history.text() == "First stay with us"
    assert view.brief.values["unpaid"].text() == "Nothing unpaid"
    assert not view.brief.banner.isVisibleTo(view)


def test_enter_before_the_debounce_searches_at_once_and_opens_the_first_guest(qtbot, admin_session):
    wang_wei(admin_session)
    page = make_page(qtbot, admin_session)
    page.search_box.setText("王伟")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert page.card_view.name.text() == "王伟"


def test_no_match_says_so_and_an_empty_box_clears_the_list(qtbot, admin_session):
    wang_wei(admin_session)
    page = make_page(qtbot, admin_session)
    page.search_box.set_query("赵钱孙")
    assert _names(page) == []
    assert "No guest found" in page.results.status.text()
    page.search_box.set_query("王伟")
    assert _names(page) == ["王伟"]
    page.search_box.set_query("王")  # one character: wait for the second
    assert _names(page) == []
    assert "2 characters" in page.results.status.text()


class DeferredRunner(BaseTaskRunner):
    """Holds tasks until the test finishes them, like a slow worker thread."""

    def __init__(self, messages) -> None:
        super().__init__(messages)
        self.tasks = []

    def _submit(self, task) -> None:
        self.tasks.append(task)

    def finish_next(self) -> None:
        task = self.tasks.pop(0)
        self._deliver(task, task.fn(), None)


def test_a_late_answer_for_an_older_query_is_dropped_and_only_the_newest_runs(qtbot, admin_session, messages):
    wang_wei(admin_session)
    guest(admin_session, "王", "芳")
    runner = DeferredRunner(messages)
    admin_session.ctx.runner = runner
    page = make_page(qtbot, admin_session)
    runner.tasks.clear()  # the lists' and settings' loads
    page.search_box.set_query("wang")
    page.search_box.set_query("王伟x")
    page.search_box.set_query("王伟")  # typed on while the first search still runs
    assert len(runner.tasks) == 1  # one search at a time; only the newest query waits
    runner.finish_next()  # the answer for "wang" arrives late: not shown
    assert _names(page) == []
    assert len(runner.tasks) == 1
    runner.finish_next()
    assert _names(page) == ["王伟"]
    assert runner.tasks == []


def test_ctrl_f_focuses_the_box_and_the_down_arrow_moves_into_the_list(qtbot, admin_session):
    wang_wei(admin_session)
    guest(admin_session, "王", "芳")
    page = make_page(qtbot, admin_session)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.results.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_box.hasFocus()
    page.search_box.set_query("wang")
    assert len(_names(page)) == 2
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert page.results.table.hasFocus()
    qtbot.keyClick(page.results.table, Qt.Key.Key_Down)
    second = page.results.model.hit_at(1)
    qtbot.keyClick(page.results.table, Qt.Key.Key_Return)
    assert page.card_view.card.id == second.id


def test_blacklisted_guest_is_red_in_the_list_and_the_brief_shows_the_banner(qtbot, admin_session):
    card = wang_wei(admin_session)
    cards(admin_session).set_blacklist(card.id, card.version, True, "Damaged the room, unpaid bill")
    page = make_page(qtbot, admin_session)
    page.show()
    page.search_box.set_query("王伟")
    model = page.results.model
    colour = model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QBrush) and colour.color().name() == "#b3261e"
    assert model.index(0, 8).data() == "Blacklisted"
    page.results.open_current()
    banner = page.card_view.brief.banner
    assert banner.isVisible()
    assert "BLACKLISTED" in banner.text() and "Damaged the room, unpaid bill" in banner.text()


def test_in_house_room_is_shown_and_found(qtbot, admin_session):
    card = wang_wei(admin_session)
    stays = admin_session.ctx.services.stays(admin_session.actor)
    stays.check_in(card.id, StayDraft(departure_date=date.today() + timedelta(days=2), room_no="0812"))
    page = make_page(qtbot, admin_session)
    page.search_box.set_query("0812")
    assert _names(page) == ["王伟"]
    assert page.results.model.index(0, 7).data() == "0812"
    assert page.lists.tabText(1) == "In house now (1)"
    assert page.in_house.model.index(0, 0).data() == "0812"


def test_result_model_passes_the_model_tester(qtmodeltester, admin_session):
    wang_wei(admin_session)
    cards(admin_session).create(GuestDraft(family_name="Smith", given_name="John", latin_name="SMITH JOHN"))
    model = GuestResultModel()
    model.set_hits(admin_session.ctx.services.guest_search(admin_session.actor).search("w"))
    qtmodeltester.check(model)
    qtmodeltester.check(GuestResultModel())


def test_with_the_threaded_runner_results_arrive_and_enter_opens_the_card(qtbot, admin_session, messages):
    wang_wei(admin_session)
    runner = TaskRunner(messages)
    admin_session.ctx.runner = runner
    try:
        page = make_page(qtbot, admin_session)
        page.show()
        qtbot.keyClicks(page.search_box, "wangw")
        qtbot.waitUntil(lambda: _names(page) == ["王伟"])
        qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: page.card_view.brief.history.text() == "First stay with us")
        assert page.card_view.name.text() == "王伟"
    finally:
        runner.shutdown()


def test_arriving_today_checks_in_the_booking_and_it_moves_to_in_house(qtbot, admin_session, monkeypatch):
    card = wang_wei(admin_session)
    stays = admin_session.ctx.services.stays(admin_session.actor)
    stays.book(card.id, StayDraft(departure_date=date.today() + timedelta(days=2), arrival_date=date.today(),
                                  room_type="Deluxe Twin"))
    page = make_page(qtbot, admin_session)
    assert (page.lists.tabText(1), page.lists.tabText(2)) == ("In house now (0)", "Arriving today (1)")
    assert page.arriving.model.index(0, 1).data() == "王伟"

    def check_in(dialog) -> int:
        assert dialog.room_type.text() == "Deluxe Twin"
        dialog.room_no.setText("0707")
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(CheckInDialog, "exec", check_in)
    page.arriving.table.selectRow(0)
    qtbot.mouseClick(page.arriving.stay_button, Qt.MouseButton.LeftButton)
    assert (page.lists.tabText(1), page.lists.tabText(2)) == ("In house now (1)", "Arriving today (0)")
    assert page.in_house.model.index(0, 0).data() == "0707"


def test_a_new_result_set_keeps_no_colour_or_bold_of_the_previous_one(qtbot, admin_session):
    card = wang_wei(admin_session)
    cards(admin_session).set_blacklist(card.id, card.version, True, "Unpaid bill")
    guest(admin_session, "李", "娜")
    page = make_page(qtbot, admin_session)
    page.search_box.set_query("王伟")
    model = page.results.model
    assert isinstance(model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole), QBrush)
    page.search_box.set_query("李娜")
    assert _names(page) == ["李娜"]
    assert model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole) is None  # not red any more
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 1).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == model.hit_at(0).id
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "李娜"
    assert model.hit_at(1) is None and model.hit_at(-1) is None


def test_the_list_fills_the_panel_under_the_status_line_and_columns_fit_their_texts(qtbot, admin_session):
    wang_wei(admin_session)
    page = make_page(qtbot, admin_session)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    results = page.results
    page.search_box.set_query("王伟")
    assert results.status.geometry().bottom() < results.table.geometry().top()
    assert results.table.width() == results.width()
    assert results.table.geometry().bottom() == results.height() - 1
    header = results.table.horizontalHeader()
    romanised = results.model.index(0, 1).data()
    assert header.sectionSize(1) >= results.table.fontMetrics().horizontalAdvance(romanised)
    assert all(80 <= header.sectionSize(c) <= 260 for c in range(results.model.columnCount() - 1))
