"""Code lists shared by the schema (CHECK constraints), the rules and the UI.

Codes are stored; their labels come from the i18n catalogues (``code.<list>.<value>``).
"""

GUEST_STATUS = ("active", "blacklisted", "anonymized", "merged")
GENDER = ("M", "F", "X")
GUEST_TYPE = ("individual", "corporate", "group")
MARITAL_STATUS = ("single", "married", "divorced", "widowed", "other")
ID_TYPE = ("resident_id", "passport", "hk_macau_permit", "taiwan_permit", "other")
CONTACT_KIND = ("phone", "email", "wechat", "other")
ADDRESS_KIND = ("home", "work", "other")
PREFERENCE_GROUP = ("room", "dining", "other")
SPECIAL_DATE_KIND = ("birthday", "anniversary", "company_founding", "child_school", "other")
OBSERVATION_STATUS = ("new", "reviewed", "dismissed")
FEEDBACK_KIND = ("praise", "criticism", "suggestion")
CONSENT_CHANNEL = ("sms", "email", "phone", "wechat", "post")
COMPANY_KIND = ("agreement", "travel_agency", "government", "other")
RECORD_STATUS = ("active", "inactive")

STAY_STATUS = ("expected", "in_house", "checked_out", "cancelled", "no_show")
STAY_SOURCE = ("desk", "import", "demo")
BENEFIT_GRANT_STATUS = ("pending", "granted", "not_available", "declined")

COMPLAINT_CHANNEL = ("in_person", "phone", "letter_email", "online_review", "survey")
SEVERITY = ("low", "medium", "high", "critical")
# The six steps, in order; the complaint's state is the last step done.
COMPLAINT_STEPS = ("listened", "apologized", "verified", "remedy_agreed", "remedy_done", "closed")
COMPLAINT_STATE = (*COMPLAINT_STEPS, "withdrawn")
REMEDY_TYPE = (
    "redo",
    "replace",
    "repair",
    "room_move",
    "discount",
    "bill_item_removed",
    "complimentary_service",
    "compensation",
    "apology_only",
)
ESCALATION_LEVEL = ("handler", "lobby_manager", "department_head", "general_manager")
ESCALATION_REASON = ("authority", "rejected", "multi_department", "overdue", "manual")
# A remedy offered in step 4: waiting for approval, waiting for the guest, accepted, rejected.
REMEDY_OFFER_STATUS = ("awaiting_approval", "proposed", "accepted", "rejected")

MEMBERSHIP_STATUS = ("active", "suspended", "closed")
BENEFIT_KIND = ("time_allowance", "bonus_pct", "upgrade", "amenity", "birthday_gift", "other")
LEDGER_KIND = ("earn", "bonus", "redeem", "adjust", "expiry", "reversal")

SHIFT_KIND = ("morning", "afternoon", "night")
SHIFT_STATUS = ("open", "closed", "acknowledged")
LOG_ENTRY_TYPE = (
    "vip_reception",
    "complaint",
    "guest_opinion",
    "incident",
    "inspection",
    "handover",
    "other",
)

USER_STATUS = ("active", "disabled")
ATTACHMENT_OWNER = ("complaint", "log_entry", "guest")
IMPORT_KIND = ("guests", "stays")
IMPORT_STATUS = ("running", "cancelled", "failed", "done")
