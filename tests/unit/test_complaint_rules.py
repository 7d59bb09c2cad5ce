"""Complaint input rules, escalation rules, time targets and numbers (pure)."""

from datetime import UTC, datetime, timedelta

import pytest

from hotelcrm.domain import complaint_escalation as esc
from hotelcrm.domain import complaint_rules as rules
from hotelcrm.domain.errors import ValidationError

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
LIMITS = esc.DEFAULT_AUTHORITY_LIMITS


def reason(call):
    with pytest.raises(ValidationError) as err:
        call()
    return err.value.field, err.value.reason


# ---------------------------------------------------------------- numbers


def test_number_format_and_typed_forms():
    assert rules.format_number(2026, 123) == "TS-2026-000123"
    assert rules.normalize_number(" ts-2026-123 ") == "TS-2026-000123"
    assert rules.normalize_number("TS 2026 000123") == "TS-2026-000123"
    assert rules.normalize_number("ＴＳ-２０２６-０００１２３") == "TS-2026-000123"
    assert reason(lambda: rules.normalize_number("2026-1")) == ("complaint_number", "complaint_number_format")
    with pytest.raises(ValueError):
        rules.format_number(2026, 1_000_000)


# ---------------------------------------------------------------- steps


def test_receipt_defaults_and_checks():
    v = rules.clean_receipt(channel="phone", severity="high", guest_words=" 空调太吵 ", guest_account=None,
                            room_no="0812", received_at=None, note=None, now=NOW)
    assert v["guest_account"] == v["guest_words"] == "空调太吵" and v["received_at"] == NOW
    assert reason(lambda: rules.clean_receipt(channel="fax", severity="high", guest_words="x", guest_account=None,
                                              room_no=None, received_at=None, note=None, now=NOW)) == (
        "complaint_channel", "unknown_code")
    assert reason(lambda: rules.clean_receipt(channel="phone", severity="high", guest_words="  ",
                                              guest_account=None, room_no=None, received_at=None, note=None,
                                              now=NOW)) == ("complaint_guest_words", "required")
    future = NOW + timedelta(hours=1)
    assert reason(lambda: rules.clean_receipt(channel="phone", severity="low", guest_words="x", guest_account=None,
                                              room_no=None, received_at=future, note=None, now=NOW)) == (
        "complaint_received_at", "date_in_future")
    assert reason(lambda: rules.clean_receipt(channel="phone", severity="low", guest_words="x" * 4001,
                                              guest_account=None, room_no=None, received_at=None, note=None,
                                              now=NOW)) == ("complaint_guest_words", "too_long")


def test_remedy_rules():
    assert rules.clean_remedy("discount", "20% off the room", 20, None)["discount_pct"] == 20
    assert reason(lambda: rules.clean_remedy("discount", "x", None, None)) == ("complaint_discount_pct", "required")
    assert reason(lambda: rules.clean_remedy("discount", "x", 101, None)) == ("complaint_discount_pct", "out_of_range")
    assert reason(lambda: rules.clean_remedy("discount", "x", -1, None)) == ("complaint_discount_pct", "out_of_range")
    assert reason(lambda: rules.clean_remedy("compensation", "x", None, None)) == ("complaint_compensation", "required")
    assert reason(lambda: rules.clean_remedy("compensation", "x", None, -100)) == (
        "complaint_compensation", "amount_negative")
    assert reason(lambda: rules.clean_remedy("bribe", "x", None, None)) == ("complaint_remedy_type", "unknown_code")
    assert rules.clean_remedy("apology_only", "sorry", None, None)["compensation_cents"] is None


def test_negative_actual_cost_refused():
    assert reason(lambda: rules.clean_remedy_done("fixed", "engineering", -1, None)) == (
        "complaint_actual_cost", "amount_negative")
    assert rules.clean_remedy_done("fixed", "engineering", 0, None)["actual_cost_cents"] == 0


def _follow_up(**kw):
    args = dict(followup_at=NOW - timedelta(hours=1), followup_method="phone", followup_result="happy",
                satisfaction=4, root_cause="old unit", improvement_action="maintenance plan", note=None,
                remedy_done_at=NOW - timedelta(hours=2), now=NOW)
    args.update(kw)
    return rules.clean_follow_up(**args)


def test_follow_up_rules():
    assert _follow_up()["satisfaction"] == 4
    assert reason(lambda: _follow_up(satisfaction=7)) == ("complaint_satisfaction", "out_of_range")
    assert reason(lambda: _follow_up(satisfaction=0)) == ("complaint_satisfaction", "out_of_range")
    assert reason(lambda: _follow_up(followup_at=NOW - timedelta(hours=3))) == (
        "complaint_followup_at", "complaint_followup_before_remedy")
    assert reason(lambda: _follow_up(followup_at=NOW + timedelta(days=1))) == (
        "complaint_followup_at", "date_in_future")
    assert reason(lambda: _follow_up(root_cause="")) == ("complaint_root_cause", "required")


def test_attachments_limits():
    ok = rules.clean_attachment("C:\\photos\\noise.jpg", b"x" * 10, "image/jpeg", 0)
    assert ok["filename"] == "noise.jpg" and ok["size_bytes"] == 10
    big = b"x" * (rules.MAX_ATTACHMENT_BYTES + 1)
    assert reason(lambda: rules.clean_attachment("a.jpg", big, None, 0)) == (
        "complaint_attachment", "complaint_attachment_too_large")
    assert reason(lambda: rules.clean_attachment("a.jpg", b"", None, 0)) == ("complaint_attachment", "file_empty")
    assert reason(lambda: rules.clean_attachment("a.jpg", b"x", None, rules.MAX_ATTACHMENTS)) == (
        "complaint_attachment", "complaint_attachments_full")


def test_category_rules():
    v = rules.clean_category("Noise", "Noise", "噪音", "", "", 10, True)
    assert v["code"] == "noise"
    assert reason(lambda: rules.clean_category("no ise", "Noise", "噪音", "", "", 10, True)) == (
        "complaint_category_code", "key_chars")
    assert reason(lambda: rules.clean_category("noise", "", "噪音", "", "", 10, True)) == (
        "complaint_category_name_en", "required")


# ---------------------------------------------------------------- escalation


def test_required_level_by_cost():
    assert esc.required_level(0, LIMITS) == "handler"
    assert esc.required_level(20_000, LIMITS) == "handler"
    assert esc.required_level(20_001, LIMITS) == "lobby_manager"
    assert esc.required_level(500_001, LIMITS) == "general_manager"
    assert esc.role_may_approve("lobby_manager", 100_000, LIMITS)
    assert not esc.role_may_approve("lobby_manager", 100_001, LIMITS)
    assert not esc.role_may_approve("clerk", 20_001, LIMITS)
    assert esc.role_may_approve("admin", 10**9, LIMITS)
    assert esc.role_limit("admin", LIMITS) is None


def test_escalation_rules():
    assert esc.on_remedy_cost("handler", 150_000, LIMITS) == "department_head"
    assert esc.on_remedy_cost("department_head", 150_000, LIMITS) is None
    assert esc.on_rejection("handler") == "lobby_manager"
    assert esc.on_rejection("general_manager") is None
    assert esc.on_departments("handler", 2, already=False) == "lobby_manager"
    assert esc.on_departments("handler", 2, already=True) is None
    assert esc.on_departments("handler", 1, already=False) is None
    assert esc.on_overdue("handler", 2, 1) == "lobby_manager"
    assert esc.on_overdue("handler", 1, 1) is None
    assert esc.manual_target("handler", None) == "lobby_manager"
    assert esc.manual_target("handler", "general_manager") == "general_manager"
    assert reason(lambda: esc.manual_target("lobby_manager", "handler")) == (
        "complaint_level", "complaint_level_not_higher")
    assert reason(lambda: esc.manual_target("general_manager", None)) == ("complaint_level", "complaint_already_top")


def test_time_targets_and_overdue():
    due = esc.due_times(NOW, "critical", esc.DEFAULT_TIME_TARGETS)
    assert due == (NOW + timedelta(minutes=15), NOW + timedelta(hours=4), NOW + timedelta(hours=24))
    later = NOW + timedelta(hours=5)
    assert esc.overdue_flags(later, "apologized", due, (NOW, None, None)) == (False, True, False)
    assert esc.overdue_flags(later, "listened", due, (None, None, None)) == (True, True, False)
    assert esc.overdue_flags(later, "withdrawn", due, (None, None, None)) == (False, False, False)


def test_settings_validation():
    assert esc.clean_time_targets(esc.DEFAULT_TIME_TARGETS) == esc.DEFAULT_TIME_TARGETS
    bad = {k: dict(v) for k, v in esc.DEFAULT_TIME_TARGETS.items()}
    bad["low"]["remedy"] = 1
    assert reason(lambda: esc.clean_time_targets(bad)) == ("complaint_time_targets", "complaint_targets_order")
    bad["low"] = {"acknowledge": 0, "remedy": 1, "close": 2}
    assert reason(lambda: esc.clean_time_targets(bad)) == ("complaint_target_acknowledge", "out_of_range")
    assert reason(lambda: esc.clean_time_targets({"low": {}})) == ("complaint_time_targets", "complaint_targets_shape")
    assert esc.clean_authority_limits(LIMITS) == LIMITS
    assert reason(lambda: esc.clean_authority_limits({**LIMITS, "handler": -1})) == (
        "complaint_limit_handler", "amount_negative")
    assert reason(lambda: esc.clean_authority_limits({**LIMITS, "department_head": 50})) == (
        "complaint_limit_department_head", "complaint_limits_order")
    assert reason(lambda: esc.clean_authority_limits({**LIMITS, "handler": None})) == (
        "complaint_limit_handler", "amount_not_integer")
