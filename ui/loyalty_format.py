"""How the Loyalty area writes tiers, points and ledger lines (one place, so every view agrees)."""

from __future__ import annotations

from hotelcrm.i18n import current_language, tr
from hotelcrm.services.loyalty_reason_text import reason_text

from .guest_format import code_label


def tier_name(name_en: str, name_zh: str) -> str:
    return name_zh if current_language() == "zh_CN" else name_en


def points_text(points: int | None, signed: bool = False) -> str:
    if points is None:
        return ""
    return f"{points:+,}" if signed else f"{points:,}"


def badge_style(colour: str) -> str:
    """A tier badge in the tier's own colour."""
    return (f"background: {colour}; color: #ffffff; border-radius: 4px; padding: 2px 8px; "
            "font-weight: 600;")


def ledger_detail(line) -> str:
    """What a ledger line was for: the stay and bonus %, the reason, the reversed entry."""
    parts = []
    if line.kind == "bonus" and line.bonus_pct is not None:
        parts.append(tr("ui.loyalty.ledger.bonus", pct=line.bonus_pct, tier=line.tier_code or ""))
    if line.stay_id is not None and line.kind in ("earn", "bonus"):
        parts.append(tr("ui.loyalty.ledger.stay", stay=line.stay_id))
    if line.reverses_id is not None:
        parts.append(tr("ui.loyalty.ledger.reverses", entry=line.reverses_id))
    if line.reversed_by is not None:
        parts.append(tr("ui.loyalty.ledger.reversed_by", entry=line.reversed_by))
    if line.reason and line.kind not in ("earn", "bonus"):
        parts.append(reason_text(line.reason))
    if line.approved_by:
        parts.append(tr("ui.loyalty.ledger.approved", name=line.approved_by))
    return " · ".join(parts)


def kind_label(kind: str) -> str:
    return code_label("ledger_kind", kind)
