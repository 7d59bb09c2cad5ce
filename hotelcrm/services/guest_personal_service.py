"""The personal group and feedback of a card (part of ``GuestCardService``): structured
preferences from the pick-lists, special dates with yearly reminders, praise / criticism /
suggestions, and marketing consents.

Sensitive rows (health, allergy and religion-like preferences, children's dates) are hidden from
roles without SENSITIVE_READ; such a role may still record one (a clerk hears of an allergy) but
cannot change or remove what it cannot see."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Feedback,
    Guest,
    GuestPreference,
    MarketingConsent,
    PreferenceOption,
    SpecialDate,
    Stay,
    utcnow,
)
from hotelcrm.domain import codes, guest_rules
from hotelcrm.domain.errors import HotelCrmError, NotFound, PermissionDenied, ValidationError
from hotelcrm.domain.permissions import Permission

from .guest_card_reader import read_card
from .guest_dto import ConsentDraft, FeedbackDraft, GuestCard, PreferenceDraft, SpecialDateDraft
from .guest_parts_service import delete_row
from .guest_write_support import load, writable_guest

SPECIAL_DATE_FIELDS = ("kind", "month", "day", "year", "label", "remind_days_before", "sensitive")


def clean_preference(s: Session, draft: PreferenceDraft) -> dict:
    """Group, key and value must come from the pick-lists (free text goes in ``note``); the row
    is sensitive when its option is (allergies, health, religion-like diets)."""
    group = guest_rules.check_code(draft.pref_group, codes.PREFERENCE_GROUP, "pref_group", required=True)
    key = guest_rules.check_key(draft.pref_key, "pref_key")
    value = guest_rules.check_key(draft.value, "pref_value")
    options = list(s.scalars(select(PreferenceOption).where(PreferenceOption.pref_group == group,
                                                           PreferenceOption.pref_key == key)))
    if not options:
        raise ValidationError("pref_key", "unknown_preference", value=key)
    chosen = next((o for o in options if o.value == value and o.active), None)
    if chosen is None:
        raise ValidationError("pref_value", "unknown_preference_value", value=value)
    return {"pref_group": group, "pref_key": key, "value": value,
            "note": guest_rules.check_note(draft.note, "pref_note", max_len=1000),
            "sensitive": chosen.sensitive}


def _same_preference(guest_id: int, values: dict):
    return select(GuestPreference.id).where(
        GuestPreference.guest_id == guest_id, GuestPreference.pref_group == values["pref_group"],
        GuestPreference.pref_key == values["pref_key"], GuestPreference.value == values["value"])


def clean_special_date(draft: SpecialDateDraft) -> dict:
    return guest_rules.clean_special_date(**{f: getattr(draft, f) for f in SPECIAL_DATE_FIELDS})


class GuestPersonalMixin:
    """Each call returns the whole card as it is now."""

    def _may_touch(self, row) -> None:
        if row.sensitive and not self.actor.can(Permission.SENSITIVE_READ):
            raise PermissionDenied(Permission.SENSITIVE_READ.value, self.actor.role.value)

    def _card(self, s: Session, guest: Guest) -> GuestCard:
        return read_card(s, guest, self.actor)

    # ---------------------------------------------------------------- preferences

    def add_preference(self, guest_id: int, draft: PreferenceDraft) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        with self._write("guest_preference") as (s, audit):
            guest = writable_guest(s, guest_id)
            values = clean_preference(s, draft)
            if s.scalar(_same_preference(guest_id, values)) is not None:
                raise HotelCrmError("duplicate", entity="guest_preference")
            row = GuestPreference(guest_id=guest_id, **values, created_by=self.actor.user_id)
            s.add(row)
            s.flush()
            audit.created("guest_preference", row.id, {"guest_id": guest_id, **values})
            return self._card(s, guest)

    def update_preference(self, preference_id: int, expected_version: int, draft: PreferenceDraft) -> GuestCard:
        """Change a preference in place: the same pick-list rules and duplicate check as
        ``add_preference``; a role without SENSITIVE_READ may not change a sensitive one."""
        self._require(Permission.GUEST_WRITE)
        with self._write("guest_preference", preference_id) as (s, audit):
            row = load(s, GuestPreference, preference_id, expected_version)
            self._may_touch(row)
            guest = writable_guest(s, row.guest_id)
            values = clean_preference(s, draft)
            if s.scalar(_same_preference(guest.id, values).where(GuestPreference.id != row.id)) is not None:
                raise HotelCrmError("duplicate", entity="guest_preference")
            audit.changed("guest_preference", row.id, row, values)
            s.flush()
            return self._card(s, guest)

    def remove_preference(self, preference_id: int, expected_version: int) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        with self._write("guest_preference", preference_id) as (s, audit):
            row = load(s, GuestPreference, preference_id, expected_version)
            self._may_touch(row)
            guest = writable_guest(s, row.guest_id)
            delete_row(s, audit, "guest_preference", row, ("guest_id", "pref_group", "pref_key", "value", "note"))
            return self._card(s, guest)

    # ---------------------------------------------------------------- special dates

    def add_special_date(self, guest_id: int, draft: SpecialDateDraft) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        values = clean_special_date(draft)
        with self._write("special_date") as (s, audit):
            guest = writable_guest(s, guest_id)
            row = SpecialDate(guest_id=guest_id, company_id=None, **values)
            s.add(row)
            s.flush()
            audit.created("special_date", row.id, {"guest_id": guest_id, **values})
            return self._card(s, guest)

    def update_special_date(self, special_date_id: int, expected_version: int,
                            draft: SpecialDateDraft) -> GuestCard:
        """Change a guest's special date in place (same rules as ``add_special_date``)."""
        self._require(Permission.GUEST_WRITE)
        values = clean_special_date(draft)
        with self._write("special_date", special_date_id) as (s, audit):
            row = load(s, SpecialDate, special_date_id, expected_version)
            self._may_touch(row)
            if row.guest_id is None:  # a company's date: CompanyService changes it
                raise NotFound("special_date", special_date_id)
            guest = writable_guest(s, row.guest_id)
            audit.changed("special_date", row.id, row, values)
            s.flush()
            return self._card(s, guest)

    def remove_special_date(self, special_date_id: int, expected_version: int) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        with self._write("special_date", special_date_id) as (s, audit):
            row = load(s, SpecialDate, special_date_id, expected_version)
            self._may_touch(row)
            if row.guest_id is None:
                raise NotFound("special_date", special_date_id)
            guest = writable_guest(s, row.guest_id)
            delete_row(s, audit, "special_date", row, ("guest_id", *SPECIAL_DATE_FIELDS))
            return self._card(s, guest)

    # ---------------------------------------------------------------- feedback and consents

    def add_feedback(self, guest_id: int, draft: FeedbackDraft) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        values = guest_rules.clean_feedback(draft.kind, draft.text)
        received: datetime = draft.received_at or utcnow()
        with self._write("feedback") as (s, audit):
            guest = writable_guest(s, guest_id)
            row = Feedback(guest_id=guest_id, stay_id=self._own_stay(s, guest_id, draft.stay_id), **values,
                           received_at=received, created_by=self.actor.user_id)
            s.add(row)
            s.flush()
            audit.created("feedback", row.id, {"guest_id": guest_id, "stay_id": row.stay_id, **values,
                                               "received_at": received})
            return self._card(s, guest)

    def update_feedback(self, feedback_id: int, expected_version: int, draft: FeedbackDraft) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        values = guest_rules.clean_feedback(draft.kind, draft.text)
        with self._write("feedback", feedback_id) as (s, audit):
            row = load(s, Feedback, feedback_id, expected_version)
            guest = writable_guest(s, row.guest_id)
            values["stay_id"] = self._own_stay(s, guest.id, draft.stay_id)
            if draft.received_at is not None:
                values["received_at"] = draft.received_at
            audit.changed("feedback", row.id, row, values)
            s.flush()
            return self._card(s, guest)

    def remove_feedback(self, feedback_id: int, expected_version: int) -> GuestCard:
        self._require(Permission.GUEST_WRITE)
        with self._write("feedback", feedback_id) as (s, audit):
            row = load(s, Feedback, feedback_id, expected_version)
            guest = writable_guest(s, row.guest_id)
            delete_row(s, audit, "feedback", row, ("guest_id", "stay_id", "kind", "text", "received_at"))
            return self._card(s, guest)

    def add_consent(self, guest_id: int, draft: ConsentDraft) -> GuestCard:
        """A consent given or withdrawn: a new row (the latest per channel counts)."""
        self._require(Permission.GUEST_WRITE)
        values = guest_rules.clean_consent(draft.channel, draft.source, draft.given_on)
        values["granted"] = bool(draft.granted)
        with self._write("marketing_consent") as (s, audit):
            guest = writable_guest(s, guest_id)
            row = MarketingConsent(guest_id=guest_id, **values, created_by=self.actor.user_id)
            s.add(row)
            s.flush()
            audit.created("marketing_consent", row.id, {"guest_id": guest_id, **values})
            return self._card(s, guest)

    @staticmethod
    def _own_stay(s: Session, guest_id: int, stay_id: int | None) -> int | None:
        if stay_id is None:
            return None
        stay = s.get(Stay, stay_id)
        if stay is None or stay.guest_id != guest_id:
            raise ValidationError("feedback_stay", "not_this_guests_stay")
        return stay_id
