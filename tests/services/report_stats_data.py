"""Hand-made rows for the manager-report service tests, inserted directly (no service rules)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hotelcrm.db.models import (
    Benefit,
    Complaint,
    ComplaintCategory,
    Department,
    Guest,
    LoyaltyTier,
    Membership,
    Stay,
    TierBenefit,
)

_seq = {"n": 0}


def _next() -> int:
    _seq["n"] += 1
    return _seq["n"]


def local(day: date, hour: int = 10) -> datetime:
    """A moment on the hotel's calendar day (local time), as the services read days."""
    return datetime(day.year, day.month, day.day, hour).astimezone().astimezone(UTC)


def add_guest(s, family="王", given="伟", vip=None, created=None, **kw) -> Guest:
    guest = Guest(family_name=family, given_name=given, vip_code=vip, **kw)
    if created is not None:
        guest.created_at = created
    s.add(guest)
    s.flush()
    return guest


def add_stay(s, guest: Guest, arrival: date, nights: int = 1, status="checked_out", spend=0, currency="CNY",
             **kw) -> Stay:
    stay = Stay(guest_id=guest.id, arrival_date=arrival, departure_date=arrival + timedelta(days=nights),
                status=status, spend_room_cents=spend, currency=currency, **kw)
    s.add(stay)
    s.flush()
    return stay


def add_category(s, code="t_noise", en="Noise", zh="噪音") -> ComplaintCategory:
    row = ComplaintCategory(code=code, name_en=en, name_zh=zh)
    s.add(row)
    s.flush()
    return row


def add_department(s, code="t_hk", en="Housekeeping", zh="客房部") -> Department:
    row = Department(code=code, name_en=en, name_zh=zh)
    s.add(row)
    s.flush()
    return row


def add_complaint(s, category, received: datetime, guest=None, department=None, hours_to_close=None,
                  close_target_hours=None, state=None, severity="medium", channel="phone", cost=0,
                  hours_to_ack=None, ack_target_hours=None) -> Complaint:
    h = lambda n: None if n is None else received + timedelta(hours=n)  # noqa: E731
    row = Complaint(
        number=f"TS-T-{_next():06d}", guest_id=guest.id if guest else None, channel=channel,
        category_id=category.id, severity=severity, department_id=department.id if department else None,
        received_at=received, guest_words="…", state=state or ("closed" if hours_to_close is not None else "listened"),
        acknowledged_at=h(hours_to_ack), due_acknowledge_at=h(ack_target_hours),
        closed_at=h(hours_to_close), due_close_at=h(close_target_hours), recovery_cost_cents=cost)
    s.add(row)
    s.flush()
    return row


def add_member(s, guest: Guest, tier_code="t_gold", rank=901, benefits=("Late check-out",)) -> LoyaltyTier:
    tier = s.query(LoyaltyTier).filter_by(code=tier_code).one_or_none()
    if tier is None:
        tier = LoyaltyTier(code=tier_code, name_en=tier_code.title(), name_zh="金卡" + tier_code, rank=rank)
        s.add(tier)
        s.flush()
        for name in benefits:
            benefit = Benefit(code=f"{tier_code}_{_next()}", name_en=name, name_zh="福利" + name, kind="other")
            s.add(benefit)
            s.flush()
            s.add(TierBenefit(tier_id=tier.id, benefit_id=benefit.id))
    s.add(Membership(guest_id=guest.id, member_no=f"M{_next():07d}", tier_id=tier.id, enrolled_on=date(2025, 1, 1)))
    s.flush()
    return tier
