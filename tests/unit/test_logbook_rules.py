"""Pure rules of the lobby manager's log: the shift pattern, follow-ups, incidents."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from hotelcrm.domain import logbook_entries as entries
from hotelcrm.domain import logbook_incidents as incidents
from hotelcrm.domain import logbook_shifts as shifts
from hotelcrm.domain.errors import HotelCrmError, ValidationError

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(("clock", "expected"), [
    ("06:59", (date(2026, 11, 22), "night")),
    ("07:00", (date(2026, 11, 23), "morning")),
    ("14:59", (date(2026, 11, 23), "morning")),
    ("15:00", (date(2026, 11, 23), "afternoon")),
    ("23:00", (date(2026, 11, 23), "night")),
    ("23:59", (date(2026, 11, 23), "night")),
])
def test_default_pattern_places_a_moment_in_its_shift(clock, expected):
    hour, minute = map(int, clock.split(":"))
    assert shifts.shift_for(datetime(2026, 11, 23, hour, minute)) == expected


def test_a_configured_pattern_moves_the_boundaries_and_the_night_ends_next_morning():
    pattern = shifts.parse_pattern({"morning": "06:30", "afternoon": "14:30", "night": "22:30"})
    assert shifts.shift_for(datetime(2026, 11, 23, 22, 45), pattern) == (date(2026, 11, 23), "night")
    start, end = shifts.shift_window(date(2026, 11, 23), "night", pattern)
    assert (start, end) == (datetime(2026, 11, 23, 22, 30), datetime(2026, 11, 24, 6, 30))
    assert pattern.as_setting() == {"morning": "06:30", "afternoon": "14:30", "night": "22:30"}
    assert shifts.next_shift(date(2026, 11, 23), "night") == (date(2026, 11, 24), "morning")
    assert shifts.DEFAULT.start("afternoon") == time(15, 0)


@pytest.mark.parametrize(("value", "field", "reason"), [
    ({"morning": "7:00", "afternoon": "15:00", "night": "23:00"}, "logbook_shift_morning", "logbook_time_format"),
    ({"morning": "07:00", "afternoon": "25:00", "night": "23:00"}, "logbook_shift_afternoon", "logbook_time_format"),
    ({"morning": "07:00", "afternoon": "15:00"}, "logbook_shift_night", "logbook_time_format"),
    ({"morning": "15:00", "afternoon": "07:00", "night": "23:00"}, "logbook_shift_pattern", "logbook_pattern_order"),
    ("07:00", "logbook_shift_pattern", "logbook_pattern_format"),
])
def test_bad_patterns_are_refused_naming_the_field(value, field, reason):
    with pytest.raises(ValidationError) as caught:
        shifts.parse_pattern(value)
    assert (caught.value.field, caught.value.reason) == (field, reason)


def test_followup_rules():
    assert entries.check_followup(False, None, NOW) is None
    assert entries.check_followup(True, None, NOW) is None
    due = NOW + timedelta(hours=3)
    assert entries.check_followup(True, due, NOW) == due
    for required, when, reason in [(False, due, "logbook_due_without_followup"),
                                   (True, NOW - timedelta(hours=1), "logbook_due_past"),
                                   (True, NOW + timedelta(days=91), "logbook_due_too_far"),
                                   (True, datetime(2026, 11, 24, 9), "logbook_due_naive")]:
        with pytest.raises(ValidationError) as caught:
            entries.check_followup(required, when, NOW)
        assert caught.value.reason == reason
    assert entries.followup_overdue(True, NOW - timedelta(minutes=1), None, NOW)
    assert not entries.followup_overdue(True, NOW - timedelta(minutes=1), NOW, NOW)
    assert not entries.followup_overdue(True, None, None, NOW)


def test_complaint_links_only_on_complaint_entries_and_closed_shifts_are_read_only():
    entries.check_complaint_link("complaint", 5)
    entries.check_complaint_link("vip_reception", None)
    with pytest.raises(ValidationError):
        entries.check_complaint_link("complaint", None)
    with pytest.raises(ValidationError):
        entries.check_complaint_link("guest_opinion", 5)
    entries.check_editable("open")
    for status in ("closed", "acknowledged"):
        with pytest.raises(HotelCrmError) as caught:
            entries.check_editable(status)
        assert caught.value.code == "logbook_shift_closed"
    assert entries.DUTIES == ("vip_reception", "complaint", "guest_opinion", "incident", "inspection")
    assert set(entries.ENTRY_TYPES) == {*entries.DUTIES, "handover", "other"}


@pytest.mark.parametrize(("asked", "agreed", "waived", "field", "reason"), [
    (-1, None, False, "logbook_comp_asked", "amount_negative"),
    (None, -5, False, "logbook_comp_agreed", "amount_negative"),
    (38000, 38000, True, "logbook_comp_agreed", "logbook_waived_but_agreed"),
    (10000, 20000, False, "logbook_comp_agreed", "logbook_agreed_above_asked"),
    ("100", None, False, "logbook_comp_asked", "amount_not_integer"),
])
def test_inconsistent_compensation_is_refused(asked, agreed, waived, field, reason):
    with pytest.raises(ValidationError) as caught:
        incidents.check_compensation(asked, agreed, waived)
    assert (caught.value.field, caught.value.reason) == (field, reason)


def test_consistent_compensation_passes():
    assert incidents.check_compensation(38000, 19000, False) == (38000, 19000)
    assert incidents.check_compensation(38000, 0, True) == (38000, 0)
    assert incidents.check_compensation(38000, None, True) == (38000, None)
    assert incidents.check_compensation(None, 5000, False) == (None, 5000)


def test_witnesses_need_a_name_and_a_statement():
    w = incidents.check_witness(" 刘芳 ", "客房服务员", "昨天打扫时烟灰缸在房内，已清洗。", 0)
    assert (w.name, w.role) == ("刘芳", "客房服务员")
    with pytest.raises(ValidationError) as caught:
        incidents.check_witness("刘芳", None, "  ", 0)
    assert caught.value.field == "logbook_witness_statement"
    with pytest.raises(ValidationError) as caught:
        incidents.check_witness_count(21)
    assert caught.value.reason == "logbook_too_many_witnesses"


def test_attachment_names_and_sizes():
    assert entries.check_attachment("ashtray.jpg", 1000) == "ashtray.jpg"
    for name, size, reason in [("../x.jpg", 10, "logbook_attachment_name"), ("a.jpg", 0, "logbook_attachment_empty"),
                               ("a.jpg", entries.MAX_ATTACHMENT_BYTES + 1, "logbook_attachment_too_large")]:
        with pytest.raises(ValidationError) as caught:
            entries.check_attachment(name, size)
        assert caught.value.reason == reason
