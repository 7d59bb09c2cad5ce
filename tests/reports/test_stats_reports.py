"""The manager reports as printed (complaint statistics, customer value, arrivals brief, special
dates): every one in zh_CN and en through ReportService, with the CJK font embedded, the figures
on the page, and an empty period saying so instead of printing empty tables."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.db.models import SpecialDate
from hotelcrm.domain.permissions import Role
from hotelcrm.reports import ReportParam
from hotelcrm.services.actor import Actor
from hotelcrm.services.report_service import ReportService
from tests.services.report_stats_data import (
    add_category,
    add_complaint,
    add_department,
    add_guest,
    add_member,
    add_stay,
    local,
)

from .guest_card_sample import services_for
from .pdf_tools import pdf_fonts, pdf_pages_text

LANGS = ["zh_CN", "en"]
DAY = date(2026, 4, 10)
APRIL = {ReportParam.PERIOD_FROM: date(2026, 4, 1), ReportParam.PERIOD_TO: date(2026, 4, 30)}
EMPTY = {ReportParam.PERIOD_FROM: date(2020, 2, 1), ReportParam.PERIOD_TO: date(2020, 2, 29)}


@pytest.fixture
def db(sqlite_db):
    with sqlite_db.write() as s:
        noise, hk = add_category(s), add_department(s)
        vip = add_guest(s, "欧阳", "娜娜", vip="VIP2", birth_date=date(1990, 4, 12), taboos="忌讳数字4")
        repeat = add_guest(s, "Smith", "John")
        add_member(s, vip, benefits=("Welcome amenity",))
        add_stay(s, vip, DAY, nights=3, status="expected", room_no="1808")
        add_stay(s, vip, date(2026, 1, 5), spend=300_000)
        add_stay(s, repeat, date(2026, 4, 2), spend=80_000)
        add_stay(s, repeat, date(2026, 4, 20), spend=50_000)
        add_complaint(s, noise, local(date(2026, 4, 2)), repeat, hk, hours_to_close=20, close_target_hours=24,
                      cost=20_000)
        add_complaint(s, noise, local(date(2026, 4, 3)), repeat, hk, hours_to_close=50, close_target_hours=24)
        s.add(SpecialDate(guest_id=repeat.id, kind="anniversary", month=4, day=15, year=2016))
    return sqlite_db


def render(db, name, params, lang, tmp_path, role="manager"):
    actor = Actor(None, f"{role}.user", Role(role), "王经理")
    out = tmp_path / f"{name}-{lang}.pdf"
    result = ReportService(services_for(db), actor).render(name, params, lang, out)
    fonts = pdf_fonts(out)
    assert fonts and all(f.embedded and f.subset and f.type == "TrueType" for f in fonts)
    assert any("WenQuanYi" in f.name for f in fonts)
    text = pdf_pages_text(out)
    assert len(text) == result.pages
    return "\n".join(text)


@pytest.mark.parametrize("lang", LANGS)
def test_complaint_stats(db, lang, tmp_path):
    text = render(db, "complaint-stats", APRIL, lang, tmp_path)
    zh = lang == "zh_CN"
    assert ("投诉案件统计表" if zh else "Complaint Statistics") in text
    assert "CNY 200.00" in text  # recovery cost
    assert ("按时结案" if zh else "Closed within target") in text
    # closed after 20 h and 50 h: median 35 h, 90th percentile 47 h
    assert ("35.0 小时" if zh else "35.0 h") in text and ("47.0 小时" if zh else "47.0 h") in text
    assert "Smith John" in text  # repeat complainant


@pytest.mark.parametrize("lang", LANGS)
def test_customer_value(db, lang, tmp_path):
    text = render(db, "customer-value", {**APRIL, ReportParam.DAYS: 30}, lang, tmp_path)
    zh = lang == "zh_CN"
    assert ("客户价值分析" if zh else "Customer Value Analysis") in text
    assert "CNY 1,300.00" in text  # April revenue: 800 + 500
    assert ("超过 30 天未入住的贵宾" if zh else "VIP guests without a stay for more than 30 days") in text
    assert "欧阳娜娜" in text


@pytest.mark.parametrize("lang", LANGS)
def test_arrivals_brief(db, lang, tmp_path):
    text = render(db, "arrivals-brief", {ReportParam.DATE: DAY}, lang, tmp_path, role="lobby_manager")
    assert "欧阳娜娜" in text and "1808" in text and "忌讳数字4" in text
    assert ("福利Welcome amenity" if lang == "zh_CN" else "Welcome amenity") in text
    assert ("2026-04-12 生日" if lang == "zh_CN" else "2026-04-12 Birthday") in text


@pytest.mark.parametrize("lang", LANGS)
def test_special_dates(db, lang, tmp_path):
    text = render(db, "special-dates", APRIL, lang, tmp_path, role="clerk")
    assert "欧阳娜娜" in text and "Smith John" in text
    assert ("36 岁" if lang == "zh_CN" else "turns 36") in text
    assert ("10 周年" if lang == "zh_CN" else "10 years") in text


@pytest.mark.parametrize(("name", "params", "zh", "en"), [
    ("complaint-stats", EMPTY, "本期间没有收到投诉。", "No complaints were received in this period."),
    ("customer-value", EMPTY, "本期间没有客人入住", "No guest stayed in this period"),
    ("arrivals-brief", {ReportParam.DATE: date(2020, 2, 3)}, "没有预抵客人", "No arrivals are expected"),
    ("special-dates", {ReportParam.PERIOD_FROM: date(2026, 8, 1), ReportParam.PERIOD_TO: date(2026, 8, 2)},
     "本期间没有生日", "No birthdays, anniversaries"),
])
@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_period_says_so(db, name, params, zh, en, lang, tmp_path):
    text = render(db, name, params, lang, tmp_path)
    assert (zh if lang == "zh_CN" else en) in text.replace("\n", "")
