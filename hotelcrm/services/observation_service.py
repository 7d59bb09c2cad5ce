"""Observations: what housekeeping, F&B and the other departments notice during a stay
(DESIGN.md §2.1 step 4), and their review into structured preferences at check-out (step 5).

The ``staff`` role may add observations to guests in the house and do nothing else; the clerk
or the lobby manager reviews them into a ``GuestPreference`` or dismisses them."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from hotelcrm.db.models import Guest, GuestPreference, Observation, PreferenceOption, Stay, User, utcnow
from hotelcrm.domain import stay_rules as rules
from hotelcrm.domain.errors import HotelCrmError, NotFound
from hotelcrm.domain.guest_rules import display_name
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.text_rules import clean_text

from .base import Service, load_row
from .guest_dto import PreferenceDraft
from .guest_personal_service import clean_preference
from .stay_dto import ObservationInfo

MAX_TEXT = 2000
MAX_PREF_NOTE = 1000


class ObservationService(Service):
    """Add (GUEST_OBSERVE), list (GUEST_READ), review or dismiss (GUEST_WRITE)."""

    def add(self, guest_id: int, text: str, department: str | None, stay_id: int | None = None) -> ObservationInfo:
        """An observation on a guest in the house now; ``stay_id`` defaults to the current stay."""
        self._require(Permission.GUEST_OBSERVE)
        body = clean_text(text, "observation_text", required=True, max_len=MAX_TEXT, multiline=True)
        dept = rules.check_label(department, "department")
        with self._write("observation", guest_id) as (s, audit):
            guest = s.get(Guest, guest_id)
            if guest is None or guest.status in ("merged", "anonymized"):
                raise NotFound("guest", guest_id)
            stay = s.scalars(select(Stay).where(Stay.guest_id == guest_id, Stay.status == "in_house")
                             .order_by(Stay.arrival_date.desc()).limit(1)).first()
            if stay is None or (stay_id is not None and stay.id != stay_id):
                raise HotelCrmError("guest_not_in_house", key=guest_id)
            row = Observation(guest_id=guest_id, stay_id=stay.id, department=dept, text=body, status="new",
                              created_by=self.actor.user_id)
            s.add(row)
            s.flush()
            audit.created("observation", row.id, {"guest_id": guest_id, "stay_id": stay.id,
                                                   "department": dept, "text": body})
            return self._info(s, row)

    def pending(self, guest_id: int | None = None) -> list[ObservationInfo]:
        """Observations not reviewed yet (of one guest, or of every guest), oldest first."""
        self._require(Permission.GUEST_READ)
        where = [Observation.status == "new"]
        if guest_id is not None:
            where.append(Observation.guest_id == guest_id)
        return self._list(where)

    def for_guest(self, guest_id: int) -> list[ObservationInfo]:
        """Every observation of the guest, whatever its status, oldest first."""
        self._require(Permission.GUEST_READ)
        return self._list([Observation.guest_id == guest_id])

    def review_into_preference(self, observation_id: int, expected_version: int, pref_group: str,
                               pref_key: str, value: str, note: str | None = None) -> ObservationInfo:
        """Turn the observation into a structured preference on the card (source noted)."""
        self._require(Permission.GUEST_WRITE)
        with self._write("observation", observation_id) as (s, audit):
            row = self._load_new(s, observation_id, expected_version)
            guest = s.get(Guest, row.guest_id)
            if guest.status in ("merged", "anonymized"):
                raise HotelCrmError(f"guest_{guest.status}", key=guest.id, into=guest.merged_into_id)
            if not note:  # the observation's words stay with the preference
                note = row.text if len(row.text) <= MAX_PREF_NOTE else row.text[:MAX_PREF_NOTE - 1] + "…"
            values = clean_preference(s, PreferenceDraft(
                pref_group, pref_key, _option_value(s, pref_group, pref_key, value), note))
            pref = GuestPreference(guest_id=row.guest_id, source_observation_id=row.id,
                                   created_by=self.actor.user_id, **values)
            s.add(pref)
            self._reviewed(row, "reviewed", audit)
            s.flush()
            audit.created("guest_preference", pref.id, {"guest_id": pref.guest_id, **values,
                                                        "source_observation_id": row.id})
            return self._info(s, row)

    def dismiss(self, observation_id: int, expected_version: int) -> ObservationInfo:
        self._require(Permission.GUEST_WRITE)
        with self._write("observation", observation_id) as (s, audit):
            row = self._load_new(s, observation_id, expected_version)
            self._reviewed(row, "dismissed", audit)
            s.flush()
            return self._info(s, row)

    # ------------------------------------------------------------ helpers

    def _reviewed(self, row: Observation, status: str, audit) -> None:
        audit.changed("observation", row.id, row, {"status": status, "reviewed_by": self.actor.user_id,
                                                   "reviewed_at": utcnow()})

    @staticmethod
    def _load_new(s: Session, observation_id: int, expected_version: int) -> Observation:
        row = load_row(s, Observation, observation_id, expected_version, "observation")
        if row.status != "new":
            raise HotelCrmError("observation_reviewed", status=row.status)
        return row

    def _list(self, where: list) -> list[ObservationInfo]:
        author, reviewer = aliased(User), aliased(User)
        query = (select(Observation, Guest, Stay.room_no, author.username, reviewer.username,
                        GuestPreference.id)
                 .join(Guest, Guest.id == Observation.guest_id)
                 .outerjoin(Stay, Stay.id == Observation.stay_id)
                 .outerjoin(author, author.id == Observation.created_by)
                 .outerjoin(reviewer, reviewer.id == Observation.reviewed_by)
                 .outerjoin(GuestPreference, GuestPreference.source_observation_id == Observation.id)
                 .where(*where).order_by(Observation.created_at, Observation.id))
        with self._read() as s:
            return [_info(*row) for row in s.execute(query)]

    def _info(self, s: Session, row: Observation) -> ObservationInfo:
        guest = s.get(Guest, row.guest_id)
        stay = s.get(Stay, row.stay_id) if row.stay_id else None
        names = {u.id: u.username for u in s.scalars(select(User).where(
            User.id.in_([i for i in (row.created_by, row.reviewed_by) if i is not None])))}
        pref_id = s.scalar(select(GuestPreference.id).where(GuestPreference.source_observation_id == row.id))
        return _info(row, guest, stay.room_no if stay else None, names.get(row.created_by),
                     names.get(row.reviewed_by), pref_id)


def _option_value(s: Session, group: str, key: str, value: str) -> str:
    """The dialog may pass an option's label (高枕, "High pillow") instead of its value."""
    text = (value or "").strip()
    found = s.scalar(select(PreferenceOption.value).where(
        PreferenceOption.pref_group == group, PreferenceOption.pref_key == (key or "").strip().lower(),
        or_(PreferenceOption.label_en == text, PreferenceOption.label_zh == text)).limit(1))
    return found or text


def _info(row: Observation, guest: Guest, room_no: str | None, author: str | None, reviewer: str | None,
          preference_id: int | None) -> ObservationInfo:
    return ObservationInfo(
        id=row.id, guest_id=row.guest_id,
        guest_name=display_name(guest.family_name, guest.given_name, guest.latin_name),
        stay_id=row.stay_id, room_no=room_no, department=row.department, text=row.text, status=row.status,
        created_by=author, created_at=row.created_at, reviewed_by=reviewer, reviewed_at=row.reviewed_at,
        preference_id=preference_id, version=row.version,
    )
