"""ReportService: the one path from a report's name and parameters to a PDF, on both backends —
permissions, bad input, the hotel and the printing user on the page, progress and cancelling."""

from __future__ import annotations

import io

import pytest

from hotelcrm.domain.errors import NotFound, PermissionDenied, ValidationError
from hotelcrm.reports import ReportParam
from hotelcrm.services.report_service import ReportService
from tests.reports.guest_card_sample import HOTEL, make_sample_guest, services_for
from tests.reports.pdf_tools import pdf_page_count, pdf_pages_text


@pytest.fixture
def guest(db):
    return make_sample_guest(db, stays=2)


def service(db, actor) -> ReportService:
    return ReportService(services_for(db), actor)


def test_renders_the_card_with_hotel_and_printing_user(db, make_actor, guest, tmp_path):
    clerk = make_actor("clerk")
    out = tmp_path / "card.pdf"
    result = service(db, clerk).render("guest-card", {ReportParam.GUEST: guest.id}, "zh_CN", out)
    assert result.name == "guest-card" and result.title == "客史档案卡" and result.language == "zh_CN"
    assert result.out == str(out) and result.pages == pdf_page_count(out) >= 1
    first = pdf_pages_text(out)[0]
    assert HOTEL in first and guest.name in first
    assert (clerk.display_name or clerk.username) in first  # "打印人：…" in the footer


def test_into_memory_for_the_preview(db, make_actor, guest):
    buffer = io.BytesIO()
    result = service(db, make_actor("clerk")).render("guest-card", {ReportParam.GUEST: str(guest.id)}, "en",
                                                       buffer)
    assert result.out is None and result.title == "Guest History Card"
    assert buffer.getvalue().startswith(b"%PDF") and result.pages >= 1


def test_staff_may_not_print_reports(db, make_actor, guest, tmp_path):
    with pytest.raises(PermissionDenied):
        service(db, make_actor("staff")).render("guest-card", {ReportParam.GUEST: guest.id}, "en",
                                                tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_bad_input_names_the_field(db, make_actor, guest, tmp_path):
    svc = service(db, make_actor("clerk"))
    out = tmp_path / "x.pdf"
    with pytest.raises(ValidationError) as unknown:
        svc.render("no-such-report", {}, "en", out)
    assert unknown.value.field == "report_name" and "guest-card" in unknown.value.params["choices"]
    with pytest.raises(ValidationError) as missing:
        svc.render("guest-card", {}, "en", out)
    assert (missing.value.field, missing.value.reason) == ("report_guest", "required")
    with pytest.raises(ValidationError) as bad_guest:
        svc.render("guest-card", {ReportParam.GUEST: "abc"}, "en", out)
    assert bad_guest.value.field == "report_guest"
    with pytest.raises(ValidationError) as lang:
        svc.render("guest-card", {ReportParam.GUEST: guest.id}, "fr", out)
    assert lang.value.field == "language"
    with pytest.raises(NotFound):
        svc.render("guest-card", {ReportParam.GUEST: guest.id + 1000}, "en", out)
    assert not out.exists()


def test_progress_reports_pages_and_raising_cancels_without_touching_the_old_file(db, make_actor, guest,
                                                                                  tmp_path):
    svc = service(db, make_actor("clerk"))
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "card.pdf"
    seen: list[int] = []
    result = svc.render("guest-card", {ReportParam.GUEST: guest.id}, "en", out, progress=seen.append)
    assert seen == list(range(1, result.pages + 1))
    before = out.read_bytes()

    def cancel(page: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        svc.render("guest-card", {ReportParam.GUEST: guest.id}, "zh_CN", out, progress=cancel)
    assert out.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["card.pdf"]  # no temporary file left behind
