"""Tiers, benefits and the tier × benefit matrix as data (DESIGN.md §2.3). Everyone with
LOYALTY_READ reads them; managers (LOYALTY_CONFIG) edit. Editing never rewrites history: ledger
entries and granted benefits carry copies of what applied then."""

from __future__ import annotations

from sqlalchemy import delete, select

from hotelcrm.db.models import Benefit, LoyaltyTier, TierBenefit, utcnow
from hotelcrm.domain import codes
from hotelcrm.domain import loyalty_points as points
from hotelcrm.domain import loyalty_tiers as rules
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.text_rules import clean_text

from . import loyalty_store as store
from .base import Service, load_row
from .loyalty_dto import BenefitDraft, BenefitInfo, LoyaltySettings, TierDraft, TierInfo
from .settings_service import read_setting, write_setting


class LoyaltyConfigService(Service):
    # ------------------------------------------------------------ reads

    def tiers(self, include_inactive: bool = True) -> list[TierInfo]:
        """By rank. The default set is created on the first look."""
        self._require(Permission.LOYALTY_READ)
        self._ensure_defaults()
        with self._read() as s:
            matrix: dict[int, list[str]] = {}
            for tier_id, code in s.execute(select(TierBenefit.tier_id, Benefit.code)
                                           .join(Benefit, Benefit.id == TierBenefit.benefit_id).order_by(Benefit.id)):
                matrix.setdefault(tier_id, []).append(code)
            query = select(LoyaltyTier).order_by(LoyaltyTier.rank)
            if not include_inactive:
                query = query.where(LoyaltyTier.active)
            return [_tier_info(t, matrix.get(t.id, [])) for t in s.scalars(query)]

    def benefits(self) -> list[BenefitInfo]:
        self._require(Permission.LOYALTY_READ)
        self._ensure_defaults()
        with self._read() as s:
            return [_benefit_info(b) for b in s.scalars(select(Benefit).order_by(Benefit.id))]

    def settings(self) -> LoyaltySettings:
        self._require(Permission.LOYALTY_READ)
        with self._read() as s:
            return LoyaltySettings(store.earn_categories(s), store.expiry_months(s))

    # ------------------------------------------------------------ writes

    def save_tier(self, tier_id: int | None, expected_version: int | None, draft: TierDraft) -> TierInfo:
        """Create (``tier_id`` None) or change a tier. A new bonus % applies to points earned
        from now on; entries already on the ledger keep theirs."""
        self._require(Permission.LOYALTY_CONFIG)
        values = {
            "code": rules.check_tier_code(draft.code),
            "name_en": rules.check_name(draft.name_en, "tier_name_en"),
            "name_zh": rules.check_name(draft.name_zh, "tier_name_zh"),
            "rank": rules.check_rank(draft.rank),
            "colour": rules.check_colour(draft.colour),
            "nights_threshold": rules.check_threshold(draft.nights_threshold, "nights_threshold"),
            "points_threshold": rules.check_threshold(draft.points_threshold, "points_threshold"),
            "bonus_pct": rules.check_bonus_pct(draft.bonus_pct),
            "active": bool(draft.active),
        }
        with self._write("tier", tier_id or values["code"]) as (s, audit):
            store.ensure_defaults(s, audit)
            for field in ("code", "rank"):
                other = s.scalar(select(LoyaltyTier.id).where(getattr(LoyaltyTier, field) == values[field]))
                if other is not None and other != tier_id:
                    raise ValidationError("tier_code" if field == "code" else "tier_rank", "tier_taken", value=values[field])
            if tier_id is None:
                tier = LoyaltyTier(**values)
                s.add(tier)
                s.flush()
                audit.created("tier", tier.id, values)
            else:
                tier = load_row(s, LoyaltyTier, tier_id, expected_version, "tier")
                audit.changed("tier", tier.id, tier, values)
            s.flush()
            if not any(t.active for t in s.scalars(select(LoyaltyTier))):
                raise ValidationError("tier_active", "last_active_tier")
            codes_ = list(s.scalars(select(Benefit.code).join(TierBenefit, TierBenefit.benefit_id == Benefit.id)
                                    .where(TierBenefit.tier_id == tier.id)))
            return _tier_info(tier, codes_)

    def save_benefit(self, benefit_id: int | None, expected_version: int | None, draft: BenefitDraft) -> BenefitInfo:
        self._require(Permission.LOYALTY_CONFIG)
        if draft.kind not in codes.BENEFIT_KIND:
            raise ValidationError("benefit_kind", "unknown_code", value=draft.kind)
        value = draft.value
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000):
            raise ValidationError("benefit_value", "out_of_range", min=0, max=1000)
        values = {
            "code": rules.check_tier_code(draft.code),
            "name_en": rules.check_name(draft.name_en, "benefit_name_en", 200),
            "name_zh": rules.check_name(draft.name_zh, "benefit_name_zh", 200),
            "description_en": clean_text(draft.description_en, "benefit_description_en", max_len=1000) or "",
            "description_zh": clean_text(draft.description_zh, "benefit_description_zh", max_len=1000) or "",
            "kind": draft.kind, "if_rooms_allow": bool(draft.if_rooms_allow), "value": value,
            "active": bool(draft.active),
        }
        with self._write("benefit", benefit_id or values["code"]) as (s, audit):
            store.ensure_defaults(s, audit)
            other = s.scalar(select(Benefit.id).where(Benefit.code == values["code"]))
            if other is not None and other != benefit_id:
                raise ValidationError("benefit_code", "tier_taken", value=values["code"])
            if benefit_id is None:
                benefit = Benefit(**values)
                s.add(benefit)
                s.flush()
                audit.created("benefit", benefit.id, values)
            else:
                benefit = load_row(s, Benefit, benefit_id, expected_version, "benefit")
                audit.changed("benefit", benefit.id, benefit, values)
            s.flush()
            return _benefit_info(benefit)

    def set_matrix(self, tier_id: int, benefit_codes: list[str]) -> TierInfo:
        """Which benefits a tier has (replaces the tier's row of the matrix)."""
        self._require(Permission.LOYALTY_CONFIG)
        with self._write("tier", tier_id) as (s, audit):
            tier = load_row(s, LoyaltyTier, tier_id, None, "tier")
            wanted = sorted(set(benefit_codes))
            found = {b.code: b.id for b in s.scalars(select(Benefit).where(Benefit.code.in_(wanted)))}
            missing = [c for c in wanted if c not in found]
            if missing:
                raise ValidationError("benefit_code", "unknown_code", value=missing[0])
            old = sorted(s.scalars(select(Benefit.code).join(TierBenefit, TierBenefit.benefit_id == Benefit.id)
                                   .where(TierBenefit.tier_id == tier_id)))
            if old != wanted:
                s.execute(delete(TierBenefit).where(TierBenefit.tier_id == tier_id))
                s.add_all([TierBenefit(tier_id=tier_id, benefit_id=found[c]) for c in wanted])
                audit.record("update", "tier", tier_id, field="benefits", old=old, new=wanted)
                tier.updated_at = utcnow()  # the matrix row is part of the tier: bumps its version
            s.flush()
            return _tier_info(tier, wanted)

    def save_settings(self, earn_categories: tuple[str, ...], expiry_months: int) -> LoyaltySettings:
        """Which spend earns points and the months without activity before points expire."""
        self._require(Permission.LOYALTY_CONFIG)
        if expiry_months is None:
            expiry_months = points.DEFAULT_EXPIRY_MONTHS
        with self._write("setting", "loyalty") as (s, audit):
            write_setting(s, audit, store.EARN_CATEGORIES_SETTING, list(earn_categories))
            write_setting(s, audit, store.EXPIRY_MONTHS_SETTING, expiry_months)
            return LoyaltySettings(tuple(read_setting(s, store.EARN_CATEGORIES_SETTING)),
                                   read_setting(s, store.EXPIRY_MONTHS_SETTING))

    def _ensure_defaults(self) -> None:
        with self._read() as s:
            if s.scalar(select(LoyaltyTier.id).limit(1)) is not None:
                return
        with self._write("tier", "defaults") as (s, audit):
            store.ensure_defaults(s, audit)


def _tier_info(t: LoyaltyTier, benefit_codes: list[str]) -> TierInfo:
    return TierInfo(t.id, t.code, t.name_en, t.name_zh, t.rank, t.colour, t.nights_threshold, t.points_threshold,
                    t.bonus_pct, t.active, tuple(benefit_codes), t.version)


def _benefit_info(b: Benefit) -> BenefitInfo:
    return BenefitInfo(b.id, b.code, b.name_en, b.name_zh, b.description_en or "", b.description_zh or "", b.kind,
                       b.if_rooms_allow, b.value, b.active, b.version)
