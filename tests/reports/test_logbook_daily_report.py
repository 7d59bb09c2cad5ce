"""The lobby manager's daily log as printed, in zh_CN and en, on both backends: shifts with
handover signatures, entries grouped by type, the crystal-ashtray incident with its witnesses,
addenda, and the open items carried over; the CJK font embedded."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.reports import ReportParam
from hotelcrm.services.logbook_dto import EntryDraft
from hotelcrm.services.logbook_entry_service import LogbookEntryService
from hotelcrm.services.logbook_shift_service import LogbookShiftService
from hotelcrm.services.report_service import ReportService
from tests.services.test_logbook_service import ASHTRAY

from .guest_card_sample import services_for
from .pdf_tools import pdf_fonts, pdf_pages_text


@pytest.fixture
def logged_day(db, make_actor):
    zhao, qian = make_actor("lobby_manager"), make_actor("lobby_manager")
    shift = LogbookShiftService(db, zhao).open_shift()
    entries = LogbookEntryService(db, zhao)
    vip = entries.add(EntryDraft("vip_reception", "Welcomed the GM of Haitong Bank, fruit basket", room_no="1808"))
    entries.add(EntryDraft("incident", "Crystal ashtray missing at check-out", room_no="1208",
                           followup_required=True), ASHTRAY)
    entries.add(EntryDraft("guest_opinion", "Breakfast should open at 6:00 on weekdays"))
    closed = LogbookShiftService(db, zhao).close(shift.id, shift.version, "Bill of 1208 to be settled")
    LogbookShiftService(db, qian).acknowledge(shift.id, closed.shift.version)
    LogbookEntryService(db, qian).add_addendum(vip.id, "The guest asked for a late check-out")
    return shift.shift_date, zhao, qian


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_daily_log_prints_shifts_signatures_incidents_and_carry_over(db, logged_day, make_actor, lang, tmp_path):
    day, zhao, qian = logged_day
    clerk = make_actor("clerk")
    out = tmp_path / f"log-{lang}.pdf"
    result = ReportService(services_for(db), clerk).render("logbook-daily", {ReportParam.DATE: day}, lang, out)
    fonts = pdf_fonts(out)
    assert fonts and all(f.embedded and f.subset and f.type == "TrueType" for f in fonts)
    text = "\n".join(pdf_pages_text(out))
    assert result.pages >= 1
    for expected in (zhao.username, qian.username, "Crystal ashtray", "刘芳", "陈建国", "CNY 380.00", "CNY 190.00",
                     "Bill of 1208 to be settled", "late check-out", "1808"):
        assert expected in text, expected
    if lang == "en":
        for expected in ("Lobby manager's daily log", "Handed over", "Taken over", "VIP reception (1)",
                         "Incident / emergency (1)", "Guest opinion (1)", "Open items carried over (1)", "Witness 2"):
            assert expected in text, expected
    else:
        for expected in ("大堂副理工作日志", "交班", "接班确认", "接待贵宾", "意外事故及紧急事件", "移交下一班的未结事项",
                         "证人"):
            assert expected in text, expected


def test_a_day_without_shifts_says_so(db, make_actor, tmp_path):
    out = tmp_path / "empty.pdf"
    ReportService(services_for(db), make_actor("clerk")).render("logbook-daily", {ReportParam.DATE: date(2020, 1, 1)},
                                                                 "en", out)
    assert "No shift was opened on this date." in "\n".join(pdf_pages_text(out))
