"""The lobby manager's log on both backends: shifts, entries, incidents, handover and
carry-over, read-only after close, addenda, permissions, audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from hotelcrm.db.models import AuditEntry, Complaint, ComplaintCategory, Incident, utcnow
from hotelcrm.domain.errors import HotelCrmError, PermissionDenied, ValidationError
from hotelcrm.services.logbook_attachment_service import LogbookAttachmentService
from hotelcrm.services.logbook_dto import EntryDraft, EntryFilter, IncidentDraft, WitnessDraft
from hotelcrm.services.logbook_entry_service import LogbookEntryService
from hotelcrm.services.logbook_glance_service import LogbookGlanceService
from hotelcrm.services.logbook_incident_service import LogbookIncidentService
from hotelcrm.services.logbook_shift_service import LogbookShiftService
from hotelcrm.services.stay_service import StayService

from .test_stay_service import add_guest, room

ASHTRAY = IncidentDraft(
    item="Crystal ashtray (水晶烟灰缸)", item_value_cents=38000,
    guest_position="The guest says there was no ashtray in the room when he arrived.",
    evidence="Housekeeping checklist of 11-22 lists the ashtray; no fragments in the room or the bins; "
             "cigarette ends in the bathroom.",
    conclusion="The ashtray was in the room the day before; the guest smokes; no sign of breakage.",
    compensation_asked_cents=38000, compensation_agreed_cents=19000, compensation_waived=False,
    outcome="Guest paid half the value at check-out; recorded on the bill.",
    witnesses=(WitnessDraft("刘芳", "It was on the desk when I cleaned yesterday; I washed it.", "Room attendant"),
               WitnessDraft("陈建国", "I inspected 1208 yesterday afternoon; the ashtray was there.",
                            "Floor supervisor")),
)


@pytest.fixture
def lobby(make_actor):
    return make_actor("lobby_manager")


@pytest.fixture
def lobby2(make_actor):
    return make_actor("lobby_manager")


@pytest.fixture
def clerk(make_actor):
    return make_actor("clerk")


def open_complaint(db, guest_id=None, state="listened") -> int:
    with db.write() as s:
        category = s.scalars(select(ComplaintCategory).limit(1)).first()
        if category is None:
            category = ComplaintCategory(code="test", name_en="Test", name_zh="测试")
            s.add(category)
            s.flush()
        n = s.scalar(select(Complaint.id).order_by(Complaint.id.desc()).limit(1)) or 0
        row = Complaint(number=f"TS-T-{n + 1:04d}", guest_id=guest_id, room_no="0812", channel="in_person",
                        category_id=category.id, severity="medium", received_at=utcnow(),
                        guest_words="Air conditioning noisy all night", state=state)
        s.add(row)
        s.flush()
        return row.id


def test_a_lobby_manager_opens_logs_closes_and_the_next_acknowledges_and_sees_carry_over(db, lobby, lobby2):
    shifts, entries = LogbookShiftService(db, lobby), LogbookEntryService(db, lobby)
    shift = shifts.open_shift()
    assert shift.status == "open" and shift.opened_by == lobby.username
    guest = add_guest(db, "王", "伟", vip_code="V1")
    StayService(db, lobby).check_in(guest, room("1208"))
    vip = entries.add(EntryDraft("vip_reception", "Welcomed Mr Wang with fruit and GM card", guest_id=guest))
    assert (vip.room_no, vip.guest_name, vip.shift_id) == ("1208", "王伟", shift.id)
    follow = entries.add(EntryDraft("guest_opinion", "Asks for a quieter room next time", guest_id=guest,
                                    followup_required=True, followup_due_at=utcnow() + timedelta(hours=4)))
    incident = entries.add(EntryDraft("incident", "Crystal ashtray missing at check-out of 1208", room_no="1208",
                                      followup_required=True), ASHTRAY)
    assert incident.has_incident
    complaint = open_complaint(db, guest)
    open_complaint(db, state="closed")

    preview = shifts.handover_preview()
    assert [(i.kind, i.log_entry_id or i.complaint_id) for i in preview] == \
        [("followup", follow.id), ("followup", incident.id), ("complaint", complaint)]

    closed = shifts.close(shift.id, shift.version, "Watch 1208's bill")
    assert closed.shift.status == "closed" and closed.shift.closed_by == lobby.username
    assert [i.log_entry_id or i.complaint_id for i in closed.items] == [follow.id, incident.id, complaint]
    assert closed.items[2].complaint_number.startswith("TS-T-")

    # the same manager cannot acknowledge his own handover; the incoming one does
    with pytest.raises(HotelCrmError) as caught:
        shifts.acknowledge(shift.id, closed.shift.version)
    assert caught.value.code == "logbook_ack_own_handover"
    incoming = LogbookShiftService(db, lobby2)
    assert [h.shift.id for h in incoming.awaiting_acknowledgement()] == [shift.id]
    acked = incoming.acknowledge(shift.id, closed.shift.version)
    assert (acked.shift.status, acked.shift.acknowledged_by) == ("acknowledged", lobby2.username)
    assert acked.shift.acknowledged_at >= acked.shift.closed_at

    # the follow-ups carry over: the next shift sees them and finishes one
    glance = LogbookGlanceService(db, lobby2).glance()
    assert [i.log_entry_id for i in glance.carried_over if i.kind == "followup"] == [follow.id, incident.id]
    assert {e.id for e in glance.open_followups} == {follow.id, incident.id}
    assert [v.room_no for v in glance.vips_in_house] == ["1208"]
    assert [c.complaint_id for c in glance.open_complaints] == [complaint]
    done = LogbookEntryService(db, lobby2).followup_done(follow.id, follow.version)
    assert done.followup_done_by == lobby2.username and not done.followup_open
    assert [i.log_entry_id for i in LogbookGlanceService(db, lobby2).glance().carried_over
            if i.kind == "followup"] == [incident.id]
    assert [i.still_open for i in incoming.handover(shift.id).items] == [False, True, True]
    with pytest.raises(HotelCrmError) as caught:
        LogbookEntryService(db, lobby2).followup_done(follow.id, done.version)
    assert caught.value.code == "logbook_followup_already_done"


def test_closed_shift_entries_are_read_only_and_corrections_are_addenda(db, lobby, lobby2):
    shifts, entries = LogbookShiftService(db, lobby), LogbookEntryService(db, lobby)
    shift = shifts.open_shift()
    entry = entries.add(EntryDraft("inspection", "Bell desk unattended 10:05-10:20"))
    fixed = entries.update(entry.id, entry.version, EntryDraft("inspection", "Bell desk unattended 10:05-10:25"))
    assert fixed.text.endswith("10:25") and fixed.version == entry.version + 1
    incident = entries.add(EntryDraft("incident", "Glass broken in lobby bar"),
                           IncidentDraft(item="Glass", item_value_cents=3000))
    shifts.close(shift.id, shift.version)

    with pytest.raises(HotelCrmError) as caught:
        entries.update(fixed.id, fixed.version, EntryDraft("inspection", "changed afterwards"))
    assert caught.value.code == "logbook_shift_closed"
    with pytest.raises(HotelCrmError) as caught:
        LogbookIncidentService(db, lobby).save(incident.id, IncidentDraft(item="Two glasses"))
    assert caught.value.code == "logbook_shift_closed"
    with pytest.raises(HotelCrmError) as caught:
        entries.add(EntryDraft("other", "no shift open"))
    assert caught.value.code == "logbook_no_open_shift"

    addendum = LogbookEntryService(db, lobby2).add_addendum(fixed.id, "Correction: the bellman was on an errand")
    again = entries.add_addendum(addendum.id, "Second note")
    assert (addendum.amends_id, addendum.shift_id, addendum.entry_type) == (fixed.id, shift.id, "inspection")
    assert again.amends_id == fixed.id
    original = entries.get(fixed.id)
    assert original.text == "Bell desk unattended 10:05-10:25" and original.addendum_count == 2
    assert [a.text for a in entries.addenda(fixed.id)] == ["Correction: the bellman was on an errand",
                                                           "Second note"]
    assert LogbookIncidentService(db, lobby).get(incident.id).item == "Glass"


def test_a_clerk_reads_but_does_not_write_open_close_or_acknowledge(db, lobby, clerk):
    shifts = LogbookShiftService(db, lobby)
    shift = shifts.open_shift()
    entry = LogbookEntryService(db, lobby).add(EntryDraft("guest_opinion", "Praised the breakfast"))
    as_clerk = LogbookShiftService(db, clerk)
    assert as_clerk.current().id == shift.id
    assert [e.id for e in LogbookEntryService(db, clerk).find()] == [entry.id]
    assert LogbookGlanceService(db, clerk).glance().shift.id == shift.id
    for call in (lambda: as_clerk.close(shift.id, shift.version),
                 lambda: as_clerk.open_shift(),
                 lambda: as_clerk.acknowledge(shift.id, shift.version),
                 lambda: LogbookEntryService(db, clerk).add(EntryDraft("other", "x")),
                 lambda: LogbookEntryService(db, clerk).add_addendum(entry.id, "x"),
                 lambda: LogbookAttachmentService(db, clerk).add(entry.id, "a.txt", b"x")):
        with pytest.raises(PermissionDenied):
            call()
    assert LogbookShiftService(db, lobby).current().status == "open"


def test_incident_validation_leaves_nothing_behind(db, lobby):
    shifts, entries = LogbookShiftService(db, lobby), LogbookEntryService(db, lobby)
    shifts.open_shift()
    bad = [
        (IncidentDraft(item_value_cents=-1), "logbook_item_value", "amount_negative"),
        (IncidentDraft(compensation_asked_cents=100, compensation_agreed_cents=100, compensation_waived=True),
         "logbook_comp_agreed", "logbook_waived_but_agreed"),
        (IncidentDraft(compensation_asked_cents=100, compensation_agreed_cents=200), "logbook_comp_agreed",
         "logbook_agreed_above_asked"),
        (IncidentDraft(witnesses=(WitnessDraft("刘芳", ""),)), "logbook_witness_statement", "required"),
    ]
    for draft, field, reason in bad:
        with pytest.raises(ValidationError) as caught:
            entries.add(EntryDraft("incident", "Something broke"), draft)
        assert (caught.value.field, caught.value.reason) == (field, reason)
    with pytest.raises(ValidationError) as caught:
        entries.add(EntryDraft("other", "not an incident"), IncidentDraft(item="x"))
    assert caught.value.reason == "logbook_incident_needs_type"
    assert entries.find() == []
    with db.read() as s:
        assert s.scalars(select(Incident)).all() == []


def test_the_crystal_ashtray_is_recorded_completely_and_audited(db, lobby):
    LogbookShiftService(db, lobby).open_shift()
    entry = LogbookEntryService(db, lobby).add(EntryDraft("incident", "Ashtray missing, 1208"), ASHTRAY)
    info = LogbookIncidentService(db, lobby).get(entry.id)
    assert (info.item, info.item_value_cents, info.compensation_asked_cents, info.compensation_agreed_cents,
            info.compensation_waived, info.currency) == ("Crystal ashtray (水晶烟灰缸)", 38000, 38000, 19000,
                                                         False, "CNY")
    assert [(w.name, w.role) for w in info.witnesses] == [("刘芳", "Room attendant"), ("陈建国", "Floor supervisor")]
    assert info.guest_position and info.evidence and info.conclusion and info.outcome
    changed = LogbookIncidentService(db, lobby).save(entry.id, IncidentDraft(
        **{**ASHTRAY.__dict__, "compensation_agreed_cents": None, "compensation_waived": True,
           "witnesses": ASHTRAY.witnesses[:1]}), info.version)
    assert changed.compensation_waived and len(changed.witnesses) == 1
    with db.read() as s:
        audited = {(a.entity, a.field) for a in s.scalars(select(AuditEntry).where(
            AuditEntry.entity.in_(("incident", "log_entry", "shift"))))}
    assert {("incident", "witnesses"), ("incident", "compensation_waived"), ("log_entry", "text"),
            ("shift", "kind")} <= audited


def test_entry_rules_links_and_filters(db, lobby):
    shifts, entries = LogbookShiftService(db, lobby), LogbookEntryService(db, lobby)
    shift = shifts.open_shift()
    with pytest.raises(HotelCrmError) as caught:
        shifts.open_shift()
    assert caught.value.code == "logbook_shift_still_open"
    guest = add_guest(db, "李", "娜")
    complaint = open_complaint(db, guest)
    linked = entries.add(EntryDraft("complaint", "Apologised for the noise", complaint_id=complaint))
    assert (linked.guest_id, linked.room_no, linked.complaint_number) == (guest, "0812", "TS-T-0001")
    for draft, field in [(EntryDraft("complaint", "no link"), "logbook_complaint"),
                         (EntryDraft("nonsense", "x"), "logbook_entry_type"),
                         (EntryDraft("other", "   "), "logbook_text"),
                         (EntryDraft("other", "x", guest_id=999999), "logbook_guest"),
                         (EntryDraft("other", "x", occurred_at=utcnow() + timedelta(hours=2)), "logbook_occurred_at"),
                         (EntryDraft("other", "x", followup_due_at=utcnow() + timedelta(hours=2)),
                          "logbook_followup_due")]:
        with pytest.raises(ValidationError) as caught:
            entries.add(draft)
        assert caught.value.field == field
    entries.add(EntryDraft("other", "Lost umbrella handed in", followup_required=True))
    assert [e.entry_type for e in entries.find(EntryFilter(open_only=True))] == ["other"]
    assert [e.id for e in entries.find(EntryFilter(entry_type="complaint"))] == [linked.id]
    assert [e.id for e in entries.find(EntryFilter(author_id=lobby.user_id, shift_kind=shift.kind,
                                                   date_from=shift.shift_date, date_to=shift.shift_date,
                                                   text="umbrella"))] != []
    assert [e.id for e in entries.for_guest(guest)] == [linked.id]
    files = LogbookAttachmentService(db, lobby)
    files.add(linked.id, "letter.txt", "写给经理的信".encode())
    assert [(a.filename, a.mime_type) for a in files.list(linked.id)] == [("letter.txt", "text/plain")]
    assert entries.get(linked.id).attachment_count == 1


def test_the_shift_pattern_is_a_setting(db, lobby, admin):
    assert LogbookShiftService(db, lobby).pattern().as_setting() == {"morning": "07:00", "afternoon": "15:00",
                                                                     "night": "23:00"}
    with pytest.raises(PermissionDenied):
        LogbookShiftService(db, lobby).set_pattern({"morning": "06:00", "afternoon": "14:00", "night": "22:00"})
    LogbookShiftService(db, admin).set_pattern({"morning": "06:00", "afternoon": "14:00", "night": "22:00"})
    assert LogbookShiftService(db, lobby).pattern().start("night").hour == 22
    with pytest.raises(ValidationError):
        LogbookShiftService(db, admin).set_pattern({"morning": "6", "afternoon": "14:00", "night": "22:00"})


def test_the_next_manager_opens_the_following_shift_when_the_current_one_was_closed_early(db, lobby, lobby2):
    first = LogbookShiftService(db, lobby).open_shift()
    LogbookShiftService(db, lobby).close(first.id, first.version)
    second = LogbookShiftService(db, lobby2).open_shift()
    assert (second.shift_date, second.kind) == shifts_next(first)
    LogbookShiftService(db, lobby2).close(second.id, second.version)
    with pytest.raises(HotelCrmError) as caught:
        LogbookShiftService(db, lobby).open_shift()
    assert caught.value.code == "logbook_shift_exists"
    with pytest.raises(HotelCrmError) as caught:
        LogbookShiftService(db, lobby).open_shift(first.shift_date + timedelta(days=1), "night")
    assert caught.value.code == "logbook_shift_in_future"


def shifts_next(shift):
    from hotelcrm.domain.logbook_shifts import next_shift

    return next_shift(shift.shift_date, shift.kind)
