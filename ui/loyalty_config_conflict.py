"""A tier or a benefit saved by another manager while this one edited it: both versions field by
field (``row_conflict.resolve_record_edit``); "apply" saves the fields changed here over theirs."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from hotelcrm.i18n import tr
from hotelcrm.services.loyalty_dto import BenefitDraft, BenefitInfo, TierDraft, TierInfo

from .conflict_dialog import shown
from .guest_format import code_label
from .row_conflict import RowKind
from .ui_context import UserSession

BENEFIT_LABELS = {**{key: f"ui.loyalty.benefit.field.{key}" for key in
                     ("code", "name_en", "name_zh", "description_en", "description_zh", "kind", "value")},
                  "if_rooms_allow": "ui.loyalty.benefit.rooms_allow", "active": "ui.loyalty.tier.active"}
TIER_LABELS = {"code": "code", "name_en": "name_en", "name_zh": "name_zh", "rank": "rank", "colour": "colour",
               "nights_threshold": "nights", "points_threshold": "points", "bonus_pct": "bonus"}


@dataclass(frozen=True)
class TierEdit:
    """A tier's fields and its row of the benefit matrix, as the tier dialog saves them."""

    code: str
    name_en: str
    name_zh: str
    rank: int
    colour: str
    nights_threshold: int | None
    points_threshold: int | None
    bonus_pct: int
    active: bool
    benefit_codes: tuple[str, ...]

    @property
    def draft(self) -> TierDraft:
        values = asdict(self)
        del values["benefit_codes"]
        return TierDraft(**values)


def tier_edit(tier: TierInfo | TierDraft, benefit_codes=None) -> TierEdit:
    codes = tier.benefit_codes if benefit_codes is None else benefit_codes
    return TierEdit(tier.code, tier.name_en, tier.name_zh, tier.rank, tier.colour, tier.nights_threshold,
                    tier.points_threshold, tier.bonus_pct, tier.active, tuple(sorted(codes)))


def benefit_draft(b: BenefitInfo) -> BenefitDraft:
    return BenefitDraft(code=b.code, name_en=b.name_en, name_zh=b.name_zh, kind=b.kind,
                        description_en=b.description_en, description_zh=b.description_zh,
                        if_rooms_allow=b.if_rooms_allow, value=b.value, active=b.active)


def _text(names: dict[str, str]):
    def text(name: str, value: Any, _draft: Any) -> str:
        if isinstance(value, bool):
            return tr("ui.conflict.yes" if value else "ui.conflict.no")
        if name == "kind":
            return code_label("benefit_kind", value)
        if name == "benefit_codes":
            return ", ".join(names.get(code, code) for code in value) or shown(None)
        return shown(value)

    return text


def benefit_kind(session: UserSession, benefit_id: int) -> RowKind:
    config = session.ctx.services.loyalty_config(session.actor)
    return RowKind(entity="benefit", what=tr("ui.conflict.what.benefit"),
                   labels={name: tr(key) for name, key in BENEFIT_LABELS.items()},
                   load=lambda: next(b for b in config.benefits() if b.id == benefit_id), draft_of=benefit_draft,
                   update=lambda now, draft: config.save_benefit(now.id, now.version, draft), text=_text({}))


def tier_kind(session: UserSession, tier_id: int, benefit_names: dict[str, str]) -> RowKind:
    config = session.ctx.services.loyalty_config(session.actor)

    def save(now: TierInfo, edit: TierEdit) -> TierInfo:
        saved = config.save_tier(now.id, now.version, edit.draft)
        return config.set_matrix(saved.id, list(edit.benefit_codes))

    labels = {name: tr(f"ui.loyalty.tier.field.{key}") for name, key in TIER_LABELS.items()}
    labels.update(active=tr("ui.loyalty.tier.active"), benefit_codes=tr("ui.loyalty.tier.benefits"))
    return RowKind(entity="tier", what=tr("ui.conflict.what.tier"), labels=labels,
                   load=lambda: next(t for t in config.tiers() if t.id == tier_id), draft_of=tier_edit,
                   update=save, text=_text(benefit_names))
