"""What the complaint service takes and returns (frozen data, never ORM objects). DESIGN.md §2.2.

Codes are the stored codes of ``hotelcrm.domain.codes``; their labels are in the i18n catalogue
``complaint.json`` as ``code.complaint_state.<value>``, ``code.complaint_step.<value>``,
``code.severity.<value>``, ``code.complaint_channel.<value>``, ``code.remedy_type.<value>``,
``code.escalation_level.<value>``, ``code.escalation_reason.<value>`` and
``code.remedy_offer_status.<value>``. Money is integer minor units (cents, 分) plus a currency
code. Datetimes are UTC-aware.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "AddendumInfo", "ApologyInput", "AttachmentInfo", "CategoryInfo", "CategoryInput", "ComplaintDetail",
    "ComplaintFilter", "ComplaintPage", "ComplaintRow", "ComplaintSettings", "DepartmentInfo",
    "DepartmentInput", "EscalationInfo", "FollowUpInput", "NewComplaint", "NextStep", "OverdueFlags",
    "RemedyDoneInput", "RemedyInput", "RemedyOfferInfo", "StepRecord", "TimeTarget", "VerificationInput",
]


# ---------------------------------------------------------------- configuration


@dataclass(frozen=True)
class CategoryInfo:
    """A complaint category with its handling guideline (shown in steps 3 and 4)."""

    id: int
    code: str
    name_en: str
    name_zh: str
    guideline_en: str
    guideline_zh: str
    sort_order: int
    active: bool
    version: int

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh_CN" else self.name_en

    def guideline(self, lang: str) -> str:
        return self.guideline_zh if lang == "zh_CN" else self.guideline_en


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    code: str
    name_en: str
    name_zh: str
    active: bool
    version: int

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh_CN" else self.name_en


@dataclass(frozen=True)
class CategoryInput:
    """A new or changed category. ``code`` is fixed once created (lower-case letters, digits, _)."""

    code: str
    name_en: str
    name_zh: str
    guideline_en: str = ""
    guideline_zh: str = ""
    sort_order: int = 0
    active: bool = True


@dataclass(frozen=True)
class DepartmentInput:
    code: str
    name_en: str
    name_zh: str
    active: bool = True


@dataclass(frozen=True)
class TimeTarget:
    """Minutes from receipt: to acknowledge (step 2 done), to remedy (step 5 done), to close."""

    acknowledge_minutes: int
    remedy_minutes: int
    close_minutes: int


@dataclass(frozen=True)
class ComplaintSettings:
    """``time_targets`` per severity code; ``authority_limits`` per escalation level code: the
    largest compensation (cents) that level may approve, ``None`` = no limit."""

    time_targets: dict[str, TimeTarget]
    authority_limits: dict[str, int | None]
    currency: str


# ---------------------------------------------------------------- inputs (one per step)


@dataclass(frozen=True)
class NewComplaint:
    """Step 1, 聆听 (quick entry). ``guest_words`` is the guest's own words; ``guest_account``
    the handler's summary of the guest's account (defaults to the guest's words).
    ``received_at`` None means now; it may not lie in the future."""

    channel: str  # codes.COMPLAINT_CHANNEL
    category_id: int
    severity: str  # codes.SEVERITY
    guest_words: str
    department_id: int | None = None
    other_department_ids: tuple[int, ...] = ()  # further departments involved (→ escalation)
    guest_id: int | None = None
    stay_id: int | None = None
    room_no: str | None = None
    received_at: datetime | None = None
    guest_account: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ApologyInput:
    """Step 2, 致歉: how the apology and sympathy were expressed."""

    apology_manner: str
    note: str | None = None


@dataclass(frozen=True)
class VerificationInput:
    """Step 3, 核实: what was checked, with whom, and the findings."""

    verified_what: str
    verified_with: str
    findings: str
    note: str | None = None


@dataclass(frozen=True)
class RemedyInput:
    """Step 4, 制定措施: one remedy proposed to the guest. ``discount_pct`` (0–100) is required
    for ``discount``, ``compensation_cents`` (≥ 0) for ``compensation``; any remedy may carry a
    compensation amount (its cost), which decides the authority needed to approve it."""

    remedy_type: str  # codes.REMEDY_TYPE
    remedy_detail: str
    discount_pct: int | None = None
    compensation_cents: int | None = None


@dataclass(frozen=True)
class RemedyDoneInput:
    """Step 5, 落实措施: what was done, by whom, at what actual cost."""

    action_done: str
    action_done_by: str
    actual_cost_cents: int = 0
    note: str | None = None


@dataclass(frozen=True)
class FollowUpInput:
    """Step 6, 回访存档: the follow-up contact, satisfaction (1–5), root cause, improvement.
    ``followup_at`` may not precede the remedy being done nor lie in the future."""

    followup_at: datetime
    followup_method: str
    followup_result: str
    satisfaction: int
    root_cause: str
    improvement_action: str
    note: str | None = None


# ---------------------------------------------------------------- list


@dataclass(frozen=True)
class ComplaintFilter:
    """All set fields must hold. ``search`` matches the number (prefix or whole, e.g. ``TS-2026-0001``
    or ``123``) or the guest's name (family/given/Latin name, substring). ``received_from`` /
    ``received_to`` are local calendar days, both inclusive. ``open_only`` leaves out closed and
    withdrawn complaints; ``overdue_only`` keeps those past one of their time targets."""

    states: tuple[str, ...] = ()
    category_id: int | None = None
    department_id: int | None = None  # responsible or involved
    severity: str | None = None
    overdue_only: bool = False
    open_only: bool = False
    received_from: date | None = None
    received_to: date | None = None
    search: str | None = None
    guest_id: int | None = None
    escalated_only: bool = False  # escalation level above handler


# Sort keys of ``ComplaintService.list``.
SORT_KEYS = ("number", "received_at", "state", "severity", "category", "department", "guest", "due",
             "escalation_level")


@dataclass(frozen=True)
class OverdueFlags:
    """Which time targets ran out (at the moment of reading)."""

    acknowledge: bool = False
    remedy: bool = False
    close: bool = False

    @property
    def any(self) -> bool:
        return self.acknowledge or self.remedy or self.close


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    number: str
    received_at: datetime
    state: str
    severity: str
    channel: str
    category_id: int
    category_en: str
    category_zh: str
    department_id: int | None
    department_en: str | None
    department_zh: str | None
    guest_id: int | None
    guest_name: str | None
    room_no: str | None
    escalation_level: str
    next_due_at: datetime | None  # the earliest time target still to meet; None when closed/withdrawn
    overdue: OverdueFlags
    version: int

    @property
    def open(self) -> bool:
        return self.state not in ("closed", "withdrawn")

    def category(self, lang: str) -> str:
        return self.category_zh if lang == "zh_CN" else self.category_en

    def department(self, lang: str) -> str | None:
        return self.department_zh if lang == "zh_CN" else self.department_en


@dataclass(frozen=True)
class ComplaintPage:
    rows: tuple[ComplaintRow, ...]
    total: int  # rows matching the filter (all pages)
    offset: int
    limit: int


# ---------------------------------------------------------------- detail


@dataclass(frozen=True)
class StepRecord:
    """One recorded step of the timeline; only the fields of its own step are set."""

    step: str  # codes.COMPLAINT_STEPS
    done_by_id: int | None
    done_by_name: str | None
    done_at: datetime
    note: str | None = None
    guest_account: str | None = None
    apology_manner: str | None = None
    verified_what: str | None = None
    verified_with: str | None = None
    findings: str | None = None
    remedy_type: str | None = None
    remedy_detail: str | None = None
    remedy_discount_pct: int | None = None
    compensation_cents: int | None = None
    guest_accepted: bool | None = None
    action_done: str | None = None
    action_done_by: str | None = None
    actual_cost_cents: int | None = None
    followup_at: datetime | None = None
    followup_method: str | None = None
    followup_result: str | None = None
    satisfaction: int | None = None
    root_cause: str | None = None
    improvement_action: str | None = None


@dataclass(frozen=True)
class RemedyOfferInfo:
    """A remedy proposed in step 4. ``status``: awaiting_approval (beyond the proposer's authority),
    proposed (approved, waiting for the guest), accepted (became step 4), rejected (escalated)."""

    id: int
    remedy_type: str
    remedy_detail: str
    discount_pct: int | None
    compensation_cents: int | None
    required_level: str  # the lowest escalation level whose authority covers the cost
    status: str
    offered_by_name: str | None
    offered_at: datetime
    approved_by_name: str | None
    approved_at: datetime | None
    responded_at: datetime | None
    response_note: str | None


@dataclass(frozen=True)
class EscalationInfo:
    id: int
    from_level: str
    to_level: str
    reason: str  # codes.ESCALATION_REASON
    note: str | None
    escalated_by_name: str | None  # None for an automatic escalation by the time targets
    at: datetime


@dataclass(frozen=True)
class AddendumInfo:
    id: int
    text: str
    created_by_name: str | None
    created_at: datetime


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    filename: str
    mime_type: str
    size_bytes: int
    created_by_name: str | None
    created_at: datetime


@dataclass(frozen=True)
class NextStep:
    """What the detail view offers next.

    ``step`` is the step to record next (None once closed or withdrawn). ``action`` names the
    service call: ``apologize``, ``verify``, ``propose_remedy``, ``approve_remedy`` (an offer
    waits for someone with enough authority), ``record_guest_response`` (an approved offer waits
    for the guest's answer), ``record_remedy_done``, ``close``; None when nothing is left.
    ``fields`` are the input fields that step requires. ``allowed`` says whether this actor may do
    it; otherwise ``refusal`` is the reason code (``permission``, ``authority``)."""

    step: str | None
    action: str | None
    fields: tuple[str, ...] = ()
    allowed: bool = False
    refusal: str | None = None
    show_guideline: bool = False  # steps 3 and 4 show the category's handling guideline
    required_level: str | None = None  # for approve_remedy


@dataclass(frozen=True)
class ComplaintDetail:
    id: int
    number: str
    version: int
    state: str
    channel: str
    severity: str
    category: CategoryInfo
    department: DepartmentInfo | None
    other_departments: tuple[DepartmentInfo, ...]
    guest_id: int | None
    guest_name: str | None
    stay_id: int | None
    room_no: str | None
    received_by_name: str | None
    received_at: datetime
    guest_words: str
    escalation_level: str
    due_acknowledge_at: datetime | None
    due_remedy_at: datetime | None
    due_close_at: datetime | None
    acknowledged_at: datetime | None
    remedied_at: datetime | None
    closed_at: datetime | None
    currency: str
    recovery_cost_cents: int
    satisfaction: int | None
    withdrawn_reason: str | None
    withdrawn_at: datetime | None
    overdue: OverdueFlags
    steps: tuple[StepRecord, ...]  # the timeline, in step order
    offers: tuple[RemedyOfferInfo, ...]  # oldest first
    escalations: tuple[EscalationInfo, ...]  # oldest first
    addenda: tuple[AddendumInfo, ...]  # oldest first
    attachments: tuple[AttachmentInfo, ...]
    next_step: NextStep
    read_only: bool  # closed or withdrawn: only addenda (and attachments) may be added
    can_write: bool  # this actor may record steps 3–6, escalate, withdraw, add addenda
    authority_limit_cents: int | None = None  # this actor's approval limit (None = no limit)

    @property
    def open(self) -> bool:
        return self.state not in ("closed", "withdrawn")

    @property
    def current_offer(self) -> RemedyOfferInfo | None:
        """The offer still waiting for approval or the guest's answer, if any."""
        for offer in reversed(self.offers):
            if offer.status in ("awaiting_approval", "proposed"):
                return offer
        return None
