"""Demo members with realistic ledgers (DESIGN.md §2.3): the VIP cards and a share of the guests
who stayed are enrolled before their first stay; every checked-out stay earns base points on
room and F&B and the tier bonus of the tier held then; tiers rise as the yearly thresholds are
reached; some points are redeemed, a few adjusted by a manager; Gold and Platinum stays record
what the desk gave. At least one member ends in every tier. Bulk inserts; no service calls."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Benefit,
    Guest,
    Membership,
    NumberSequence,
    PointsEntry,
    Stay,
    StayBenefit,
    TierChange,
)
from hotelcrm.domain import loyalty_points as points
from hotelcrm.domain import loyalty_tiers as tiers

from . import loyalty_store as store
from .audit_trail import AuditTrail

MEMBER_SHARE = 0.18  # of the guests who stayed
REDEEM_SHARE = 0.25  # a redemption after a stay, when the balance allows
REWARDS = ((1_000, "早餐券 breakfast voucher"), (2_500, "升级房型 room upgrade"), (5_000, "免费房晚 free night"))


def add(s: Session, audit: AuditTrail, rng: random.Random) -> int:
    """Enrol and build the ledgers; returns the number of members. Not audited row by row: the
    demo load writes one audit row for everything."""
    store.ensure_defaults(s, None)
    tier_rows = store.active_tiers(s)
    rules = [store.rule(t) for t in tier_rows]
    by_code = {t.code: t for t in tier_rows}
    benefit_ids = {b.code: b for b in s.scalars(select(Benefit))}
    stays = defaultdict(list)
    for row in s.execute(select(Stay.id, Stay.guest_id, Stay.status, Stay.arrival_date, Stay.departure_date,
                                Stay.spend_room_cents, Stay.spend_fnb_cents, Stay.spend_other_cents,
                                Stay.discount_cents, Stay.currency)
                         .where(Stay.status.in_(("checked_out", "in_house"))).order_by(Stay.arrival_date)):
        stays[row.guest_id].append(row)
    vips = set(s.scalars(select(Guest.id).where(Guest.vip_code.is_not(None), Guest.status == "active")))
    chosen = sorted(g for g in stays if g in vips or rng.random() < MEMBER_SHARE)
    if not chosen:
        return 0
    ledger, changes, marks, memberships = [], [], [], []
    final_tier: dict[int, str] = {}
    for index, guest_id in enumerate(chosen):
        first = stays[guest_id][0].arrival_date
        m = {"guest_id": guest_id, "member_no": f"M{index + 1:06d}", "enrolled_on": first - timedelta(days=rng.randint(0, 60)),
             "status": "active", "version": 1}
        memberships.append(m)
        # rows carry the list index as membership_id until the real ids are known
        final_tier[index] = _simulate(rng, index, m, stays[guest_id], rules, by_code, benefit_ids, ledger, changes,
                                      marks)
    _every_tier(list(range(len(chosen))), final_tier, rules, by_code, changes)
    for index, m in enumerate(memberships):
        m["tier_id"] = by_code[final_tier[index]].id
    ids = list(s.scalars(insert(Membership.__table__).returning(Membership.__table__.c.id,
                                                                 sort_by_parameter_order=True), memberships))
    for row in (*ledger, *changes):
        row["membership_id"] = ids[row["membership_id"]]
    for model, rows in ((PointsEntry, ledger), (TierChange, changes), (StayBenefit, marks)):
        if rows:
            s.execute(insert(model.__table__), rows)
    s.add(NumberSequence(name="member", period="", last_value=len(ids)))
    s.flush()
    return len(ids)


def _simulate(rng, membership_id, m, guest_stays, rules, by_code, benefits, ledger, changes, marks) -> str:
    changes.append({"membership_id": membership_id, "from_tier_id": None, "to_tier_id": by_code[rules[0].code].id,
                    "reason": "enrolment", "effective_on": m["enrolled_on"]})
    current = rules[0]
    balance = 0
    year_figures: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for stay in guest_stays:
        if stay.status == "checked_out":
            spend = {"room": stay.spend_room_cents, "fnb": stay.spend_fnb_cents, "other": stay.spend_other_cents}
            eligible = points.eligible_spend(spend, stay.discount_cents, points.DEFAULT_EARN_CATEGORIES)
            base = points.base_points(eligible, stay.currency)
            bonus = points.bonus_points(base, current.bonus_pct)
            on = stay.departure_date
            entry = {"membership_id": membership_id, "stay_id": stay.id, "effective_on": on, "tier_code": current.code,
                     "reason": f"stay {stay.id}", "reverses_id": None, "approved_by": None, "bonus_pct": None,
                     "spend_cents": None}
            if base:
                ledger.append({**entry, "kind": "earn", "points": base, "spend_cents": eligible})
            if bonus:
                ledger.append({**entry, "kind": "bonus", "points": bonus, "bonus_pct": current.bonus_pct,
                               "reason": f"stay {stay.id}: {current.bonus_pct}%"})
            balance += base + bonus
            figures = year_figures[on.year]
            figures[0] += (stay.departure_date - stay.arrival_date).days
            figures[1] += base
            _mark(rng, stay, current.code, benefits, marks)
            target = tiers.upgrade_to(rules, current, figures[0], figures[1])
            if target is not None:
                changes.append({"membership_id": membership_id, "from_tier_id": by_code[current.code].id,
                                "to_tier_id": by_code[target.code].id, "effective_on": on,
                                "reason": f"threshold: {figures[0]} nights, {figures[1]} points in {on.year}"})
                current = target
            cost, reward = rng.choice(REWARDS)
            if balance >= cost and rng.random() < REDEEM_SHARE:
                ledger.append({"membership_id": membership_id, "kind": "redeem", "points": -cost, "stay_id": None,
                               "effective_on": min(on + timedelta(days=rng.randint(30, 200)), date.today()), "reason": reward,
                               "tier_code": None, "reverses_id": None, "approved_by": None, "bonus_pct": None,
                               "spend_cents": None})
                balance -= cost
    if rng.random() < 0.05:
        ledger.append({"membership_id": membership_id, "kind": "adjust", "points": rng.choice((200, 500, 1000)),
                       "stay_id": None, "effective_on": guest_stays[-1].departure_date, "tier_code": None,
                       "reason": "补偿：投诉处理 goodwill after a complaint", "reverses_id": None, "approved_by": None,
                       "bonus_pct": None, "spend_cents": None})
    return current.code


def _mark(rng, stay, tier_code, benefits, marks) -> None:
    """What the desk gave on a past stay of a Gold or Platinum member."""
    if tier_code == "SILVER":
        return
    for code, given in (("UPGRADE_1", 0.7), ("WELCOME_AMENITY", 0.9), ("EARLY_LATE_2H", 0.5)):
        benefit = benefits.get(code)
        if benefit is None:
            continue
        roll = rng.random()
        status = "granted" if roll < given else ("not_available" if roll < given + 0.2 else "pending")
        marks.append({"stay_id": stay.id, "benefit_id": benefit.id, "tier_code": tier_code,
                      "benefit_name_en": benefit.name_en, "benefit_name_zh": benefit.name_zh,
                      "benefit_kind": benefit.kind, "status": status, "version": 1,
                      "note": "满房 house full" if status == "not_available" and code == "UPGRADE_1" else None})


def _every_tier(ids, final_tier, rules, by_code, changes) -> None:
    """Make sure each tier has a member (a manager's decision, recorded as such)."""
    taken = set(final_tier.values())
    candidates = [i for i in ids if final_tier[i] == rules[0].code]
    for rule in rules[1:]:
        if rule.code in taken or not candidates:
            continue
        membership_id = candidates.pop()
        changes.append({"membership_id": membership_id, "from_tier_id": by_code[final_tier[membership_id]].id,
                        "to_tier_id": by_code[rule.code].id, "effective_on": date.today(),
                        "reason": "管理层特批 granted by the general manager"})
        final_tier[membership_id] = rule.code
        taken.add(rule.code)
