"""Small read-only look-ups the manager reports share (names, tiers, consents)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Guest, LoyaltyTier, MarketingConsent, Membership
from hotelcrm.domain.guest_rules import display_name

from .report_stats_dto import Label

CHUNK = 500  # ids per IN (...) list


def chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ordered = sorted(set(ids))
    for i in range(0, len(ordered), CHUNK):
        yield ordered[i:i + CHUNK]


def guest_names(s: Session, ids: Iterable[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for part in chunks(ids):
        rows = s.execute(select(Guest.id, Guest.family_name, Guest.given_name, Guest.latin_name)
                         .where(Guest.id.in_(part)))
        out.update({gid: display_name(f, g, latin) for gid, f, g, latin in rows})
    return out


def active_tiers(s: Session, ids: Iterable[int]) -> dict[int, tuple[Label, str, int, int]]:
    """guest id → (tier label, member number, tier id, tier rank) for active memberships."""
    out: dict[int, tuple[Label, str, int, int]] = {}
    for part in chunks(ids):
        rows = s.execute(select(Membership.guest_id, Membership.member_no, LoyaltyTier)
                         .join(LoyaltyTier, LoyaltyTier.id == Membership.tier_id)
                         .where(Membership.guest_id.in_(part), Membership.status == "active"))
        for guest_id, member_no, tier in rows:
            out[guest_id] = (Label(tier.code, tier.name_en, tier.name_zh), member_no, tier.id, tier.rank)
    return out


def granted_consents(s: Session, ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """guest id → channels whose latest consent row says yes (a change is a new row)."""
    latest: dict[tuple[int, str], bool] = {}
    for part in chunks(ids):
        rows = s.execute(select(MarketingConsent.guest_id, MarketingConsent.channel, MarketingConsent.granted)
                         .where(MarketingConsent.guest_id.in_(part))
                         .order_by(MarketingConsent.given_on, MarketingConsent.id))
        for guest_id, channel, granted in rows:
            latest[(guest_id, channel)] = granted
    out: dict[int, list[str]] = defaultdict(list)
    for (guest_id, channel), granted in sorted(latest.items()):
        if granted:
            out[guest_id].append(channel)
    return {g: tuple(c) for g, c in out.items()}
