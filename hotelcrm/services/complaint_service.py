"""Complaint handling (投诉处理, DESIGN.md §2.2): the six steps, remedies and their approval,
escalation, withdrawal, addenda, attachments, the list and the detail.

Permissions: COMPLAINT_READ reads; COMPLAINT_RECORD (clerks) records steps 1 and 2 and links a
guest; COMPLAINT_WRITE (lobby managers and up) records every step, escalates, withdraws, adds
addenda. Approving a remedy also needs the authority of the escalation level its cost requires
(``complaint.authority_limits``). Every change is audited; nothing is ever deleted.

Every write takes the ``version`` the caller last read and refuses with ``Conflict`` when someone
else saved the complaint in the meantime. Every write returns the complaint's new detail.
Categories, departments and the settings live in ``ComplaintConfigService``.
"""

from __future__ import annotations

from datetime import datetime

from hotelcrm.domain.permissions import Permission

from . import complaint_offers as offers
from . import complaint_reader as reader
from . import complaint_writer as writer
from .base import Service
from .brief_dto import ComplaintSlot
from .complaint_dto import (
    ApologyInput,
    AttachmentInfo,
    ComplaintDetail,
    ComplaintFilter,
    ComplaintPage,
    FollowUpInput,
    NewComplaint,
    RemedyDoneInput,
    RemedyInput,
    VerificationInput,
)


class ComplaintService(Service):
    # ------------------------------------------------------------ reading

    def list(self, filt: ComplaintFilter | None = None, *, offset: int = 0, limit: int = 100,
             sort: str = "received_at", descending: bool = True, now: datetime | None = None
             ) -> ComplaintPage:
        """One page of rows matching ``filt``, filtered, sorted and paged in SQL (``sort`` is one
        of ``complaint_dto.SORT_KEYS``), with the total count. ``now`` decides overdue."""
        self._require(Permission.COMPLAINT_READ)
        with self._read() as s:
            return reader.page(s, filt or ComplaintFilter(), offset=offset, limit=limit, sort=sort,
                               descending=descending, now=now)

    def detail(self, complaint_id: int, *, now: datetime | None = None) -> ComplaintDetail:
        """Everything about one complaint: the steps as a timeline, offers, escalations, addenda,
        attachments, overdue flags and what this actor may do next."""
        self._require(Permission.COMPLAINT_READ)
        with self._read() as s:
            return reader.detail(s, complaint_id, self.actor, now=now)

    def find(self, number: str) -> ComplaintDetail:
        """The complaint with this number (``TS-2026-000123``; case and spaces ignored)."""
        self._require(Permission.COMPLAINT_READ)
        with self._read() as s:
            return reader.detail(s, reader.id_for_number(s, number), self.actor)

    def overdue_count(self, now: datetime | None = None) -> int:
        """Open complaints past one of their time targets (for the main window's status area)."""
        self._require(Permission.COMPLAINT_READ)
        with self._read() as s:
            return reader.overdue_count(s, now)

    def for_guest(self, guest_id: int, now: datetime | None = None) -> tuple[ComplaintSlot, ...]:
        """The guest's complaints, newest first (what the card and the check-in brief show)."""
        self._require(Permission.COMPLAINT_READ)
        with self._read() as s:
            return reader.guest_slots(s, guest_id, now)

    def attachment_data(self, attachment_id: int) -> tuple[AttachmentInfo, bytes]:
        """One attachment of a complaint with its bytes."""
        self._require(Permission.COMPLAINT_READ)
        with self._read() as s:
            return reader.attachment_data(s, attachment_id)

    # ------------------------------------------------------------ the six steps

    def receive(self, new: NewComplaint) -> ComplaintDetail:
        """Step 1 (聆听): a new complaint, numbered ``TS-YYYY-NNNNNN`` inside this transaction (two
        desks saving at once get different numbers), its time targets set from its severity.
        Several departments involved escalate it at once."""
        self._require(Permission.COMPLAINT_RECORD)
        with self._write("complaint") as (s, audit):
            complaint_id = writer.receive(s, audit, self.actor, new)
        return self.detail(complaint_id)

    def apologize(self, complaint_id: int, version: int, data: ApologyInput) -> ComplaintDetail:
        """Step 2 (致歉); meets the acknowledge target."""
        self._require(Permission.COMPLAINT_RECORD)
        return self._step(complaint_id, version, writer.apologize, data)

    def verify(self, complaint_id: int, version: int, data: VerificationInput) -> ComplaintDetail:
        """Step 3 (核实)."""
        self._require(Permission.COMPLAINT_WRITE)
        return self._step(complaint_id, version, writer.verify, data)

    def propose_remedy(self, complaint_id: int, version: int, data: RemedyInput,
                       guest_accepted: bool | None = None) -> ComplaintDetail:
        """Step 4 (制定措施), first half: one remedy offered. When its cost is beyond this actor's
        authority the offer waits for approval and the complaint escalates to the level that may
        approve it (reason ``authority``). With ``guest_accepted`` given (and the offer within
        authority) the guest's answer is recorded at once, as ``record_guest_response`` does."""
        self._require(Permission.COMPLAINT_WRITE)
        return self._step(complaint_id, version, offers.propose_remedy, data, guest_accepted)

    def approve_remedy(self, complaint_id: int, version: int) -> ComplaintDetail:
        """Approve the offer waiting for approval; refused (``complaint_authority``) when this
        actor's authority does not cover its cost."""
        self._require(Permission.COMPLAINT_WRITE)
        return self._step(complaint_id, version, offers.approve_remedy)

    def record_guest_response(self, complaint_id: int, version: int, accepted: bool,
                              note: str | None = None) -> ComplaintDetail:
        """The guest's answer to the approved offer: accepted → step 4 is recorded with the remedy;
        rejected → the offer is kept as rejected and the complaint escalates one level (reason
        ``rejected``); a new remedy is proposed next."""
        self._require(Permission.COMPLAINT_WRITE)
        return self._step(complaint_id, version, offers.guest_response, accepted, note)

    def record_remedy_done(self, complaint_id: int, version: int, data: RemedyDoneInput) -> ComplaintDetail:
        """Step 5 (落实措施); meets the remedy target; the actual cost becomes the recovery cost."""
        self._require(Permission.COMPLAINT_WRITE)
        return self._step(complaint_id, version, writer.remedy_done, data)

    def close(self, complaint_id: int, version: int, data: FollowUpInput) -> ComplaintDetail:
        """Step 6 (回访存档): follow-up, satisfaction, root cause, improvement; the complaint is
        closed and read-only from then on (addenda and attachments only)."""
        self._require(Permission.COMPLAINT_WRITE)
        return self._step(complaint_id, version, writer.close, data)

    # ------------------------------------------------------------ escalation, withdrawal, additions

    def escalate(self, complaint_id: int, version: int, note: str, to_level: str | None = None
                 ) -> ComplaintDetail:
        """Manual escalation (reason ``manual``) to ``to_level`` or the next level up, with a note."""
        self._require(Permission.COMPLAINT_WRITE)
        return self._step(complaint_id, version, writer.escalate_manually, note, to_level)

    def escalate_overdue(self, now: datetime | None = None) -> int:
        """Escalate every open complaint whose time target ran out and that was not yet escalated
        for it (reason ``overdue``, one level per missed target). Returns how many escalated.
        Run by the GUI's status timer, the demo and ``hotelcrm complaints check-overdue``."""
        self._require(Permission.COMPLAINT_READ)
        with self._write("complaint") as (s, audit):
            return writer.escalate_overdue(s, audit, now)

    def withdraw(self, complaint_id: int, version: int, reason: str) -> ComplaintDetail:
        """The guest withdrew the complaint (reason required). It stays on record, read-only."""
        self._require(Permission.COMPLAINT_WRITE)
        return self._step(complaint_id, version, writer.withdraw, reason)

    def set_departments(self, complaint_id: int, version: int, department_id: int | None,
                        other_department_ids: tuple[int, ...] = ()) -> ComplaintDetail:
        """The department responsible and further departments involved (open complaints only);
        several departments escalate it (reason ``multi_department``, once)."""
        self._require(Permission.COMPLAINT_WRITE)
        return self._step(complaint_id, version, writer.set_departments, department_id, other_department_ids)

    def link_guest(self, complaint_id: int, version: int, guest_id: int, stay_id: int | None = None
                   ) -> ComplaintDetail:
        """Link a complaint logged without a guest to the guest's card (and a stay of that guest).
        Allowed in any state, closed included, while no guest is linked yet."""
        self._require(Permission.COMPLAINT_RECORD)
        return self._step(complaint_id, version, writer.link_guest, guest_id, stay_id)

    def add_addendum(self, complaint_id: int, text: str) -> ComplaintDetail:
        """Text added to a closed or withdrawn complaint (an open one is changed by its steps)."""
        self._require(Permission.COMPLAINT_WRITE)
        return self._step(complaint_id, None, writer.add_addendum, text)

    def add_attachment(self, complaint_id: int, filename: str, data: bytes,
                       mime_type: str | None = None) -> AttachmentInfo:
        """A file (photo, letter, receipt) stored in the database; at most
        ``complaint_rules.MAX_ATTACHMENT_BYTES`` each and ``MAX_ATTACHMENTS`` per complaint."""
        self._require(Permission.COMPLAINT_RECORD)
        with self._write("complaint", complaint_id) as (s, audit):
            attachment_id = writer.add_attachment(s, audit, self.actor, complaint_id, filename, data, mime_type)
        with self._read() as s:
            return reader.attachment_data(s, attachment_id)[0]

    # ------------------------------------------------------------ helpers

    def _step(self, complaint_id: int, version: int | None, action, *args) -> ComplaintDetail:
        with self._write("complaint", complaint_id) as (s, audit):
            action(s, audit, self.actor, complaint_id, version, *args)
        return self.detail(complaint_id)
