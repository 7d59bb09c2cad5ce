"""The complaint list (filters, search, sort and paging in SQL) and the configuration: default
categories and departments, editing them, time targets and authority limits; on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from hotelcrm.domain.errors import PermissionDenied, ValidationError
from hotelcrm.services.complaint_config_service import ComplaintConfigService
from hotelcrm.services.complaint_dto import CategoryInput, ComplaintFilter, DepartmentInput, RemedyInput
from hotelcrm.services.complaint_service import ComplaintService

from .complaint_helpers import audit_rows, category_id, department_id, receive, to_verified
from .test_stay_service import add_guest


@pytest.fixture
def lobby(make_actor):
    return make_actor("lobby_manager")


def test_filters_search_sort_and_paging(db, lobby):
    svc = ComplaintService(db, lobby)
    guest = add_guest(db, "欧阳", "修", latin_name="Ouyang Xiu")
    hk = department_id(db, lobby, "housekeeping")
    a = receive(db, lobby, guest_id=guest, severity="high", department_id=hk,
                category_id=category_id(db, lobby, "cleanliness"), received_at=datetime.now(UTC) - timedelta(days=40))
    b = receive(db, lobby, severity="low")
    c = receive(db, lobby, severity="critical", department_id=department_id(db, lobby, "engineering"),
                other_department_ids=(hk,))
    svc.withdraw(b.id, b.version, "resolved on the spot")
    everything = svc.list()
    assert everything.total == 3 and [r.number for r in everything.rows] == [c.number, b.number, a.number]
    assert svc.list(ComplaintFilter(states=("withdrawn",))).total == 1
    assert svc.list(ComplaintFilter(open_only=True)).total == 2
    assert {r.number for r in svc.list(ComplaintFilter(department_id=hk)).rows} == {a.number, c.number}
    assert [r.number for r in svc.list(ComplaintFilter(severity="critical")).rows] == [c.number]
    assert [r.number for r in svc.list(ComplaintFilter(category_id=a.category.id)).rows] == [a.number]
    assert [r.guest_name for r in svc.list(ComplaintFilter(search="欧阳")).rows] == ["欧阳修"]
    assert svc.list(ComplaintFilter(search="ouyang")).total == 1
    assert [r.number for r in svc.list(ComplaintFilter(search=a.number)).rows] == [a.number]
    assert [r.number for r in svc.list(ComplaintFilter(search=str(int(c.number[-6:])))).rows] == [c.number]
    assert svc.list(ComplaintFilter(search="50%_")).total == 0
    today = date.today()
    assert svc.list(ComplaintFilter(received_from=today - timedelta(days=1), received_to=today)).total == 2
    assert svc.list(ComplaintFilter(received_to=today - timedelta(days=30))).total == 1
    assert svc.list(ComplaintFilter(escalated_only=True)).total == 1  # c: two departments
    by_severity = svc.list(sort="severity", descending=True)
    assert [r.severity for r in by_severity.rows] == ["critical", "high", "low"]
    first, second = svc.list(limit=2, sort="number", descending=False), svc.list(offset=2, limit=2, sort="number",
                                                                                 descending=False)
    assert [r.number for r in first.rows + second.rows] == sorted(r.number for r in everything.rows)
    assert first.total == 3 and len(second.rows) == 1
    for key in ("state", "category", "department", "guest", "due", "escalation_level", "received_at"):
        assert svc.list(sort=key).total == 3
    with pytest.raises(ValidationError):
        svc.list(sort="password")
    with pytest.raises(ValidationError):
        svc.list(ComplaintFilter(received_from=today, received_to=today - timedelta(days=1)))


def test_find_by_number_as_typed(db, lobby):
    d = receive(db, lobby)
    svc = ComplaintService(db, lobby)
    assert svc.find(d.number.lower().replace("-", " ")).id == d.id


def test_defaults_seeded_by_the_migration(db, lobby):
    cfg = ComplaintConfigService(db, lobby)
    cats = cfg.categories()
    assert [c.code for c in cats][:3] == ["facilities", "service_attitude", "service_efficiency"]
    assert len(cats) == 9 and all(c.name_zh and c.guideline_en and c.guideline_zh for c in cats)
    assert {d.code for d in cfg.departments()} >= {"front_office", "housekeeping", "engineering", "food_beverage"}
    assert len(cfg.principle_keys()) == 7


def test_managers_edit_categories_and_departments(db, lobby, make_actor):
    manager = ComplaintConfigService(db, make_actor("manager"))
    with pytest.raises(PermissionDenied):
        ComplaintConfigService(db, lobby).save_category(None, None, CategoryInput("wifi", "Wi-Fi", "无线网络"))
    wifi = manager.save_category(None, None, CategoryInput("wifi", "Wi-Fi", "无线网络", "Check the AP", "检查AP", 95))
    assert wifi.code == "wifi" and wifi in manager.categories()
    off = manager.save_category(wifi.id, wifi.version, CategoryInput("ignored", "Wi-Fi", "无线网络", active=False))
    assert off.code == "wifi" and not off.active and off not in manager.categories()
    assert off in manager.categories(include_inactive=True)
    with pytest.raises(ValidationError):  # an inactive category takes no new complaints
        receive(db, lobby, category_id=wifi.id)
    spa = manager.save_department(None, None, DepartmentInput("spa", "Spa", "水疗中心"))
    assert spa.name("zh_CN") == "水疗中心"
    before = audit_rows(db)
    with pytest.raises(ValidationError):
        manager.save_department(None, None, DepartmentInput("bad code!", "X", "X"))
    assert audit_rows(db) == before


def test_time_targets_and_authority_limits_are_settings(db, lobby, make_actor):
    manager = ComplaintConfigService(db, make_actor("manager"))
    settings = manager.settings()
    targets = {k: {"acknowledge": t.acknowledge_minutes, "remedy": t.remedy_minutes, "close": t.close_minutes}
               for k, t in settings.time_targets.items()}
    targets["low"]["acknowledge"] = 10
    limits = dict(settings.authority_limits, lobby_manager=200_000)
    with pytest.raises(PermissionDenied):
        ComplaintConfigService(db, lobby).update_settings(authority_limits=limits)
    changed = manager.update_settings(time_targets=targets, authority_limits=limits)
    assert changed.time_targets["low"].acknowledge_minutes == 10
    d = receive(db, lobby, severity="low")
    assert d.due_acknowledge_at == d.received_at + timedelta(minutes=10)
    d = to_verified(db, lobby, d)
    d = ComplaintService(db, lobby).propose_remedy(d.id, d.version, RemedyInput("compensation", "cash",
                                                                               compensation_cents=150_000))
    assert d.current_offer.status == "proposed" and d.escalation_level == "lobby_manager"
    with pytest.raises(ValidationError) as err:
        manager.update_settings(authority_limits=dict(limits, handler=-5))
    assert err.value.reason == "amount_negative"
    assert manager.settings().authority_limits["lobby_manager"] == 200_000
