"""All tables. Importing this package registers every model on ``Base.metadata``."""

from .base import Base, UTCDateTime, utcnow
from .complaints import (
    Complaint,
    ComplaintAddendum,
    ComplaintCategory,
    ComplaintDepartment,
    ComplaintEscalation,
    ComplaintStep,
    Department,
)
from .guests import (
    Company,
    Feedback,
    Guest,
    GuestAddress,
    GuestContact,
    GuestDocument,
    GuestMerge,
    GuestPreference,
    MarketingConsent,
    Observation,
    PreferenceOption,
    SpecialDate,
)
from .logbook import Incident, IncidentWitness, LogEntry, Shift
from .loyalty import Benefit, LoyaltyTier, Membership, PointsEntry, TierBenefit, TierChange
from .search import GuestSearch
from .stays import Stay, StayBenefit
from .system import (
    Attachment,
    AuditEntry,
    ImportMapping,
    ImportProblem,
    ImportRun,
    NumberSequence,
    Setting,
    User,
)

__all__ = [
    "Attachment", "AuditEntry", "Base", "Benefit", "Company", "Complaint", "ComplaintAddendum",
    "ComplaintCategory", "ComplaintDepartment", "ComplaintEscalation", "ComplaintStep", "Department",
    "Feedback", "Guest", "GuestAddress", "GuestContact", "GuestDocument", "GuestMerge", "GuestPreference",
    "GuestSearch", "ImportMapping", "ImportProblem", "ImportRun", "Incident", "IncidentWitness", "LogEntry", "LoyaltyTier",
    "MarketingConsent", "Membership", "NumberSequence", "Observation", "PointsEntry", "PreferenceOption",
    "Setting", "Shift", "SpecialDate", "Stay", "StayBenefit", "TierBenefit", "TierChange", "User",
    "UTCDateTime", "utcnow",
]
