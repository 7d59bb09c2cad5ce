"""The conflict dialog in the tier and benefit editors: two managers change the same tier or
benefit (two GUI sessions on one database, SQLite and PostgreSQL); the second sees both
versions; "apply" keeps both changes, "discard" keeps theirs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.ui.conflict_answer import answer  # noqa: F401 - fixture
from tests.ui.conflict_backends import sqlite_db  # noqa: F401 - both backends under ctx
from ui.loyalty_benefit_dialog import LoyaltyBenefitDialog
from ui.loyalty_config_conflict import benefit_draft, tier_edit
from ui.loyalty_tier_dialog import LoyaltyTierDialog

KEPT = "(not changed by you: theirs stays)"


def config(session):
    return session.ctx.services.loyalty_config(session.actor)


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_a_tier_changed_by_two_managers(qtbot, session_for, answer, button):  # noqa: F811
    first, second = session_for("manager", "manager.one"), session_for("manager", "manager.two")
    tier = config(first).tiers()[-1]
    benefits = config(second).benefits()
    dialog = LoyaltyTierDialog(second, tier, benefits)
    qtbot.addWidget(dialog)
    config(first).save_tier(tier.id, tier.version, replace(tier_edit(tier).draft, bonus_pct=tier.bonus_pct + 5))
    dialog.name_en.setText("Diamond Elite")
    missing = next(b for b in benefits if b.code not in tier.benefit_codes)
    dialog.benefits[missing.code].setChecked(True)
    answer.button = button
    dialog.buttons.buttons()[0].click()
    (rows,) = answer.seen
    assert rows["Name (English)"] == (tier.name_en, "Diamond Elite")
    assert rows["Bonus points"] == (str(tier.bonus_pct + 5), f"{tier.bonus_pct} {KEPT}")
    assert missing.name_en in rows["Benefits of this tier:"][1]
    now = next(t for t in config(second).tiers() if t.id == tier.id)
    assert now.bonus_pct == tier.bonus_pct + 5
    if button == "reapply":
        assert now.name_en == "Diamond Elite" and missing.code in now.benefit_codes
    else:
        assert now.name_en == tier.name_en and missing.code not in now.benefit_codes
    shown = dialog.result_value  # what the tier list shows next: the tier as stored
    assert (shown.version, set(shown.benefit_codes)) == (now.version, set(now.benefit_codes))


def test_a_benefit_changed_by_two_managers_keeps_both_on_apply(qtbot, session_for, answer):  # noqa: F811
    first, second = session_for("manager", "manager.one"), session_for("manager", "manager.two")
    benefit = config(first).benefits()[0]
    dialog = LoyaltyBenefitDialog(second, benefit)
    qtbot.addWidget(dialog)
    config(first).save_benefit(benefit.id, benefit.version, replace(benefit_draft(benefit), name_en="Late check-out"))
    dialog.description_en.setText("Until 14:00 when rooms allow")
    dialog.buttons.buttons()[0].click()
    (rows,) = answer.seen
    assert rows["Name (English)"] == ("Late check-out", f"{benefit.name_en} {KEPT}")
    assert rows["Description (English)"][1] == "Until 14:00 when rooms allow"
    now = next(b for b in config(second).benefits() if b.id == benefit.id)
    assert (now.name_en, now.description_en) == ("Late check-out", "Until 14:00 when rooms allow")
