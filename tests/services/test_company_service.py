"""Companies (协议单位) with their contact and special dates, on both backends."""

import pytest
from sqlalchemy import select

from hotelcrm.db.models import GuestSearch
from hotelcrm.domain.errors import Conflict, PermissionDenied, ValidationError
from hotelcrm.services.company_service import CompanyService
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import CompanyDraft, GuestDraft, SpecialDateDraft


@pytest.fixture
def companies(db, admin):
    return CompanyService(db, admin)


def test_create_list_and_search_by_name(companies):
    a = companies.create(CompanyDraft("华为技术有限公司", "Huawei Technologies", contact_person="陈经理",
                                      phone="0755 2878 0808", email="Travel@Huawei.com"))
    companies.create(CompanyDraft("中国国际旅行社", kind="travel_agency"))
    assert a.phone == "+8675528780808" and a.email == "travel@huawei.com" and a.kind == "agreement"
    assert [c.name for c in companies.list("华为")] == ["华为技术有限公司"]
    assert [c.name for c in companies.list("huawei")] == ["华为技术有限公司"]
    assert len(companies.list()) == 2
    assert companies.list("100%") == []  # LIKE wildcards are taken literally


def test_validation_and_conflict(companies):
    with pytest.raises(ValidationError) as info:
        companies.create(CompanyDraft("  "))
    assert info.value.field == "company_name"
    with pytest.raises(ValidationError) as info:
        companies.create(CompanyDraft("X", kind="hotel"))
    assert info.value.field == "company_kind"
    c = companies.create(CompanyDraft("阿里巴巴"))
    c2 = companies.update(c.id, c.version, CompanyDraft("阿里巴巴集团"))
    with pytest.raises(Conflict) as err:
        companies.update(c.id, c.version, CompanyDraft("阿里"))
    assert (err.value.mine, err.value.theirs) == (c.version, c2.version)
    inactive = companies.update(c.id, c2.version, CompanyDraft("阿里巴巴集团"), active=False)
    assert inactive.status == "inactive" and companies.list("阿里") == []
    assert [x.id for x in companies.list("阿里", include_inactive=True)] == [c.id]


def test_founding_day_and_guests_found_by_the_new_company_name(db, admin, companies):
    c = companies.create(CompanyDraft("腾讯"))
    info = companies.add_special_date(c.id, SpecialDateDraft("company_founding", 11, 11, 1998, label="店庆"))
    assert [(d.kind, d.month, d.day) for d in info.special_dates] == [("company_founding", 11, 11)]
    guest = GuestCardService(db, admin).create(GuestDraft(family_name="马", given_name="明", company_id=c.id))
    assert GuestCardService(db, admin).card(guest.id).company_name == "腾讯"
    renamed = companies.update(c.id, info.version, CompanyDraft("腾讯控股"))
    assert renamed.guests == 1
    assert [(x.name, x.guests) for x in companies.list("腾讯")] == [("腾讯控股", 1)]  # counted in the list too
    with db.read() as s:
        assert s.scalar(select(GuestSearch.company).where(GuestSearch.guest_id == guest.id)) == "腾讯控股"
    d = renamed.special_dates[0]
    assert companies.remove_special_date(d.id, d.version).special_dates == ()


def test_permissions(db, make_actor, companies):
    c = companies.create(CompanyDraft("京东"))
    staff = CompanyService(db, make_actor("staff"))
    with pytest.raises(PermissionDenied):
        staff.list()
    with pytest.raises(PermissionDenied):
        staff.create(CompanyDraft("X"))
    clerk = CompanyService(db, make_actor("clerk"))
    assert clerk.get(c.id).name == "京东"
    assert clerk.update(c.id, c.version, CompanyDraft("京东集团")).name == "京东集团"
