"""The three complaint forms (投诉处理报告表, 投诉处理通知单, 投诉案件追踪表): what a reader of the
printed PDF sees in each language, the embedded CJK font, and the inputs that are refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from hotelcrm.domain.errors import PermissionDenied, ValidationError
from hotelcrm.domain.permissions import Role
from hotelcrm.i18n import tr
from hotelcrm.reports import ReportParam
from hotelcrm.reports.complaint_tracking_report import as_of_moment
from hotelcrm.services.actor import Actor
from hotelcrm.services.complaint_dto import (
    ApologyInput,
    FollowUpInput,
    NewComplaint,
    RemedyDoneInput,
    RemedyInput,
    VerificationInput,
)
from hotelcrm.services.report_service import ReportService
from hotelcrm.services.user_service import UserService
from tests.conftest import PASSWORD

from .guest_card_sample import HOTEL, services_for
from .pdf_tools import pdf_fonts, pdf_pages_text

LANGS = ["zh_CN", "en"]
WORDS = "早餐的鸡蛋是生的，孩子吃了肚子疼。"
FINDINGS = "煎蛋火候不够，属实"
ROOT = "新厨师未按标准操作"


@pytest.fixture
def app(sqlite_db):
    services = services_for(sqlite_db)
    services.settings(Actor.system()).set_many({"hotel.name": HOTEL})
    return services


def user(app, role: str) -> Actor:
    info = UserService(app.db, Actor.system()).create(f"{role.replace('_', '')}.pdf", PASSWORD, role,
                                                      f"{role} 测试")
    return Actor(info.id, info.username, Role(role), info.display_name)


def _ids(app, actor) -> tuple[int, int, int]:
    config = app.complaint_config(actor)
    cat = next(c.id for c in config.categories() if c.code == "food_beverage")
    deps = {d.code: d.id for d in config.departments()}
    return cat, deps["food_beverage"], deps["engineering"]


def closed_complaint(app, actor):
    svc = app.complaints(actor)
    cat, dep, _ = _ids(app, actor)
    d = svc.receive(NewComplaint("in_person", cat, "high", WORDS, department_id=dep, room_no="2101",
                                 received_at=datetime.now(UTC) - timedelta(hours=2)))
    d = svc.apologize(d.id, d.version, ApologyInput("当面致歉并送医务室检查"))
    d = svc.verify(d.id, d.version, VerificationInput("厨房出品记录", "中餐厅厨师长", FINDINGS))
    d = svc.propose_remedy(d.id, d.version, RemedyInput("bill_item_removed", "免除早餐费用"), guest_accepted=False)
    d = svc.propose_remedy(d.id, d.version, RemedyInput("compensation", "补偿 500 元", compensation_cents=50000),
                           guest_accepted=True)
    d = svc.record_remedy_done(d.id, d.version, RemedyDoneInput("已现金补偿", "大堂副理王芳", 50000))
    return svc.close(d.id, d.version, FollowUpInput(datetime.now(UTC), "电话", "宾客表示满意", 4, ROOT,
                                                    "新员工上岗前考核煎蛋标准"))


def open_complaints(app, actor):
    svc = app.complaints(actor)
    cat, dep, other = _ids(app, actor)
    late = svc.receive(NewComplaint("phone", cat, "critical", "Cold soup at dinner", department_id=dep,
                                    other_department_ids=(other,), room_no="0815",
                                    received_at=datetime.now(UTC) - timedelta(days=2, hours=3)))
    fresh = svc.receive(NewComplaint("in_person", cat, "low", "Coffee machine empty", department_id=dep))
    return late, fresh


def render(app, actor, name, params, lang, tmp_path):
    out = tmp_path / f"{name}-{lang}.pdf"
    result = ReportService(app, actor).render(name, params, lang, out)
    return out, result, pdf_pages_text(out)


@pytest.mark.parametrize("lang", LANGS)
def test_handling_report_prints_all_six_steps_with_who_and_the_rejected_remedy(app, tmp_path, lang):
    lobby = user(app, "lobby_manager")
    d = closed_complaint(app, lobby)
    out, result, pages = render(app, lobby, "complaint-report", {ReportParam.COMPLAINT: d.number}, lang, tmp_path)
    text = "\n".join(pages)
    assert result.pages == len(pages) and tr("reports.complaint.report_title", lang=lang) in pages[0]
    assert HOTEL in pages[0] and d.number in pages[0]
    for step in ("listened", "apologized", "verified", "remedy_agreed", "remedy_done", "closed"):
        assert tr(f"code.complaint_state.{step}", lang=lang) in text
    assert tr("reports.complaint.not_yet", lang=lang) not in text
    for said in (WORDS, FINDINGS, ROOT, "lobby_manager 测试", "CNY 500.00"):
        assert said in text
    assert tr("code.remedy_offer_status.rejected", lang=lang) in text  # the first remedy, refused
    assert tr("code.escalation_reason.rejected", lang=lang) in text
    assert tr("reports.complaint.sign.general_manager", lang=lang) in text
    for number, page in enumerate(pages, start=1):
        assert tr("reports.page_of", lang=lang, page=number, pages=len(pages)) in page


def test_report_embeds_a_subset_of_the_chinese_font(app, tmp_path):
    lobby = user(app, "lobby_manager")
    d = closed_complaint(app, lobby)
    out, _, _ = render(app, lobby, "complaint-report", {ReportParam.COMPLAINT: d.number}, "zh_CN", tmp_path)
    fonts = pdf_fonts(out)
    assert fonts and all("WenQuanYi" in f.name and f.embedded and f.subset for f in fonts)


@pytest.mark.parametrize("lang", LANGS)
def test_notice_names_the_departments_the_deadlines_and_leaves_room_for_the_answer(app, tmp_path, lang):
    lobby = user(app, "lobby_manager")
    late, _ = open_complaints(app, lobby)
    _, _, pages = render(app, lobby, "complaint-notice", {ReportParam.COMPLAINT: late.number.lower()}, lang,
                         tmp_path)
    text = "\n".join(pages)
    assert tr("reports.complaint.notice_title", lang=lang) in pages[0] and late.number in text
    assert late.department.name(lang) in text and late.other_departments[0].name(lang) in text
    assert "Cold soup at dinner" in text and "0815" in text
    assert tr("reports.complaint.overdue", lang=lang, targets="").rstrip() in text  # two days old, critical
    for key in ("reply_cause", "reply_action", "reply_prevention"):
        assert tr(f"reports.complaint.notice.{key}", lang=lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_tracking_list_has_the_open_complaints_oldest_first_with_age_and_overdue(app, tmp_path, lang):
    lobby = user(app, "lobby_manager")
    closed = closed_complaint(app, lobby)
    late, fresh = open_complaints(app, lobby)
    _, result, pages = render(app, lobby, "complaint-tracking", {}, lang, tmp_path)
    text = "\n".join(pages)
    assert tr("reports.complaint.tracking_title", lang=lang) in pages[0]
    assert closed.number not in text
    assert text.index(late.number) < text.index(fresh.number)
    late_line = next(line for line in text.splitlines() if late.number in line)
    age = tr("reports.complaint.age_days", lang=lang, days=2, hours=3)
    assert age.replace(" ", "") in late_line.replace(" ", "")  # pdftotext drops narrow spaces
    acknowledge = tr("code.time_target.acknowledge", lang=lang)
    assert late_line.rstrip().endswith(acknowledge) or f"{acknowledge}," in late_line
    fresh_line = next(line for line in text.splitlines() if fresh.number in line)
    assert acknowledge not in fresh_line
    summary = tr("reports.complaint.tracking.summary", lang=lang, open=2, overdue=1, as_of="@")
    assert all(part.strip(" ,.：") in text for part in summary.split("@"))


def test_tracking_list_for_a_past_day_leaves_out_later_complaints(app, tmp_path):
    lobby = user(app, "lobby_manager")
    late, fresh = open_complaints(app, lobby)
    yesterday = date.today() - timedelta(days=1)
    _, _, pages = render(app, lobby, "complaint-tracking", {ReportParam.DATE: yesterday}, "en", tmp_path)
    text = "\n".join(pages)
    assert late.number in text and fresh.number not in text
    moment = as_of_moment(yesterday)
    assert moment.astimezone().date() == yesterday and moment < datetime.now(UTC)


def test_unknown_or_missing_complaint_number_is_refused_with_the_field(app, tmp_path):
    lobby = user(app, "lobby_manager")
    with pytest.raises(ValidationError) as missing:
        ReportService(app, lobby).render("complaint-report", {}, "en", tmp_path / "x.pdf")
    assert missing.value.field == "report_complaint"
    with pytest.raises(ValidationError) as bad:
        ReportService(app, lobby).render("complaint-notice", {ReportParam.COMPLAINT: "nonsense"}, "en",
                                         tmp_path / "x.pdf")
    assert bad.value.field == "complaint_number"
    assert not (tmp_path / "x.pdf").exists()


def test_staff_cannot_print_a_complaint(app, tmp_path):
    lobby = user(app, "lobby_manager")
    d = closed_complaint(app, lobby)
    with pytest.raises(PermissionDenied):
        ReportService(app, user(app, "staff")).render("complaint-report", {ReportParam.COMPLAINT: d.number}, "en",
                                                      tmp_path / "x.pdf")


@pytest.mark.parametrize("lang", LANGS)
def test_guest_card_lists_the_guests_complaints_with_date_category_and_state(app, tmp_path, lang):
    from .guest_card_sample import make_sample_guest

    guest = make_sample_guest(app.db, stays=1)
    lobby = user(app, "lobby_manager")
    cat, dep, _ = _ids(app, lobby)
    d = app.complaints(lobby).receive(NewComplaint("in_person", cat, "critical", WORDS, department_id=dep,
                                                   guest_id=guest.id,
                                                   received_at=datetime.now(UTC) - timedelta(hours=5)))
    _, _, pages = render(app, lobby, "guest-card", {ReportParam.GUEST: guest.id}, lang, tmp_path)
    line = next(line for line in "\n".join(pages).splitlines() if d.number in line)
    assert d.received_at.astimezone().date().isoformat() in line
    assert d.category.name("en") in line or d.category.name("zh_CN") in line
    text = "\n".join(pages)
    after = text[text.index(d.number):][:600]  # the status cell wraps onto the next line
    assert tr("code.complaint_state.listened", lang=lang) in line and tr("complaint.overdue", lang=lang) in after
