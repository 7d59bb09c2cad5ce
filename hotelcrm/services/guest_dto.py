"""What the guest card services take and return (frozen data, never ORM objects).

Inputs are ``*Draft`` objects; outputs are ``*Info`` rows and the whole ``GuestCard``. Codes
(gender, doc_type, kind ...) are stored codes; their labels are ``code.<list>.<value>`` in the
i18n catalogues. Money is integer minor units plus a currency code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from hotelcrm.domain.stay_stats import StayStats

__all__ = [
    "AddressDraft", "AddressInfo", "CardWarning", "CompanyDraft", "CompanyInfo", "ConsentDraft",
    "ConsentInfo", "ContactDraft", "ContactInfo", "DocumentDraft", "DocumentInfo", "DuplicateHit",
    "FeedbackDraft", "FeedbackInfo", "GuestCard", "GuestDraft", "MergeInfo", "MergeResult",
    "PersonalDraft", "PreferenceDraft", "PreferenceInfo", "PreferenceOptionDraft",
    "PreferenceOptionInfo", "SpecialDateDraft", "SpecialDateInfo", "StayLine", "StayStats",
]


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class DocumentDraft:
    doc_type: str  # codes.ID_TYPE
    number: str
    issuing_country: str | None = None  # ISO 3166 alpha-3
    expiry_date: date | None = None


@dataclass(frozen=True)
class ContactDraft:
    kind: str  # codes.CONTACT_KIND: phone (stored E.164), email (stored lower-case), wechat, other
    value: str
    label: str | None = None  # "mobile", "office", ... free text


@dataclass(frozen=True)
class AddressDraft:
    line1: str
    kind: str = "home"  # codes.ADDRESS_KIND
    line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO 3166 alpha-3


@dataclass(frozen=True)
class GuestDraft:
    """The general group (常规信息) of a card. ``documents`` and ``contacts`` are used only by
    ``create``; afterwards they are edited one by one (add/update/remove_document ...)."""

    family_name: str = ""
    given_name: str = ""
    latin_name: str | None = None
    gender: str | None = None  # codes.GENDER: M, F, X
    birth_date: date | None = None
    nationality: str | None = None  # ISO 3166 alpha-3 (CHN, USA ...)
    language: str | None = None  # ISO 639 code: zh, en, ja ...
    marital_status: str | None = None  # codes.MARITAL_STATUS
    guest_type: str = "individual"  # codes.GUEST_TYPE
    vip_code: str | None = None
    company_id: int | None = None
    position: str | None = None
    documents: tuple[DocumentDraft, ...] = ()
    contacts: tuple[ContactDraft, ...] = ()


@dataclass(frozen=True)
class PersonalDraft:
    """The free-text part of the personal group (个性信息). ``religion`` is sensitive: a role
    without SENSITIVE_READ cannot change it (its value in the draft is ignored)."""

    character_notes: str | None = None
    hobbies: str | None = None
    habits: str | None = None
    religion: str | None = None
    taboos: str | None = None
    special_requests: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class PreferenceDraft:
    pref_group: str  # codes.PREFERENCE_GROUP: room, dining, other
    pref_key: str  # e.g. pillow_height, allergies
    value: str  # an option value of the pick-list, or free text where the key has no list
    note: str | None = None


@dataclass(frozen=True)
class SpecialDateDraft:
    kind: str  # codes.SPECIAL_DATE_KIND
    month: int
    day: int
    year: int | None = None
    label: str | None = None
    remind_days_before: int = 7
    sensitive: bool = False  # forced True for child_school (children's data)


@dataclass(frozen=True)
class FeedbackDraft:
    kind: str  # codes.FEEDBACK_KIND: praise, criticism, suggestion
    text: str
    stay_id: int | None = None
    received_at: datetime | None = None


@dataclass(frozen=True)
class ConsentDraft:
    channel: str  # codes.CONSENT_CHANNEL
    granted: bool
    given_on: date
    source: str  # where it was given: "registration card", "website" ...


@dataclass(frozen=True)
class PreferenceOptionDraft:
    pref_group: str
    pref_key: str
    value: str
    label_en: str
    label_zh: str
    sensitive: bool = False
    sort_order: int = 0


@dataclass(frozen=True)
class CompanyDraft:
    name: str
    name_latin: str | None = None
    kind: str = "agreement"  # codes.COMPANY_KIND
    contact_person: str | None = None
    phone: str | None = None  # stored E.164
    email: str | None = None
    address: str | None = None
    notes: str | None = None


# ---------------------------------------------------------------- outputs


@dataclass(frozen=True)
class CardWarning:
    """Something the clerk should look at, saved anyway. Text: ``guest.warning.<code>``."""

    code: str  # e.g. "id_birth_date_mismatch"
    field: str


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    doc_type: str
    number: str  # masked unless the actor may reveal (see ``masked``)
    masked: bool
    issuing_country: str | None
    expiry_date: date | None
    expired: bool
    is_primary: bool
    version: int


@dataclass(frozen=True)
class ContactInfo:
    id: int
    kind: str
    value: str  # E.164 for phones, as stored for the others
    display: str  # "+86 138 1234 5678" for phones
    label: str | None
    is_primary: bool
    version: int


@dataclass(frozen=True)
class AddressInfo:
    id: int
    kind: str
    line1: str
    line2: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None
    version: int


@dataclass(frozen=True)
class PreferenceInfo:
    id: int
    pref_group: str
    pref_key: str
    value: str
    note: str | None
    sensitive: bool
    from_observation: bool
    version: int


@dataclass(frozen=True)
class SpecialDateInfo:
    id: int
    kind: str
    month: int
    day: int
    year: int | None
    label: str | None
    sensitive: bool
    remind_days_before: int
    next_date: date  # the next occurrence from today (29 Feb -> 28 Feb in common years)
    version: int


@dataclass(frozen=True)
class FeedbackInfo:
    id: int
    kind: str
    text: str
    stay_id: int | None
    received_at: datetime | None
    created_at: datetime
    version: int


@dataclass(frozen=True)
class ConsentInfo:
    """The latest consent row per channel counts; older rows are the history."""

    id: int
    channel: str
    granted: bool
    given_on: date
    source: str
    created_at: datetime


@dataclass(frozen=True)
class StayLine:
    id: int
    status: str
    arrival_date: date
    departure_date: date
    nights: int
    room_no: str | None
    room_type: str | None
    currency: str
    rate_cents: int
    channel: str | None
    segment: str | None
    spend_room_cents: int
    spend_fnb_cents: int
    spend_other_cents: int
    discount_cents: int
    unpaid_cents: int
    version: int


@dataclass(frozen=True)
class GuestCard:
    """Everything the card shows, four groups. Sensitive content the actor may not see is left
    out (``hidden_sensitive`` counts it) and ``religion`` is None; ID numbers are masked unless
    the actor has ID_REVEAL and calls ``reveal_document``."""

    id: int
    version: int
    status: str  # codes.GUEST_STATUS
    blacklist_reason: str | None
    merged_into_id: int | None
    # general (常规信息)
    display_name: str
    family_name: str
    given_name: str
    latin_name: str | None
    pinyin: str | None
    gender: str | None
    birth_date: date | None
    nationality: str | None
    language: str | None
    marital_status: str | None
    guest_type: str
    vip_code: str | None
    company_id: int | None
    company_name: str | None
    position: str | None
    documents: tuple[DocumentInfo, ...]
    contacts: tuple[ContactInfo, ...]
    addresses: tuple[AddressInfo, ...]
    # stays and spending (消费特征)
    stats: StayStats
    stays: tuple[StayLine, ...]  # newest first
    # personal (个性信息)
    character_notes: str | None
    hobbies: str | None
    habits: str | None
    religion: str | None  # None when hidden
    taboos: str | None
    special_requests: str | None
    notes: str | None
    preferences: tuple[PreferenceInfo, ...]
    special_dates: tuple[SpecialDateInfo, ...]
    consents: tuple[ConsentInfo, ...]  # latest per channel
    # feedback (反馈意见)
    feedback: tuple[FeedbackInfo, ...]  # newest first
    complaints: tuple = ()  # filled by the complaints issue
    membership: object | None = None  # filled by the loyalty issue
    # about the view
    hidden_sensitive: int = 0
    can_reveal: bool = False
    can_edit: bool = False
    warnings: tuple[CardWarning, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class DuplicateHit:
    guest_id: int
    display_name: str
    birth_date: date | None
    reasons: tuple[str, ...]  # "document", "phone", "email", "name_birth_date" (strongest first)


@dataclass(frozen=True)
class PreferenceOptionInfo:
    id: int
    pref_group: str
    pref_key: str
    value: str
    label_en: str
    label_zh: str
    sensitive: bool
    sort_order: int
    active: bool
    version: int


@dataclass(frozen=True)
class CompanyInfo:
    id: int
    name: str
    name_latin: str | None
    kind: str
    contact_person: str | None
    phone: str | None
    email: str | None
    address: str | None
    notes: str | None
    status: str
    version: int
    special_dates: tuple[SpecialDateInfo, ...] = ()
    guests: int = 0  # cards linked to the company


@dataclass(frozen=True)
class MergeResult:
    merge_id: int
    kept_id: int
    merged_id: int
    moved: tuple[tuple[str, int], ...]  # (table, rows moved), e.g. ("stays", 3)


@dataclass(frozen=True)
class MergeInfo:
    id: int
    kept_guest_id: int
    merged_guest_id: int
    merged_at: datetime
    merged_by: int | None
    undone_at: datetime | None
    moved: tuple[tuple[str, int], ...]
