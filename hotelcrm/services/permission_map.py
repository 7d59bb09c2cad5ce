"""Which permission each public service method checks (its ``_require`` call). Together with
the role table in hotelcrm/domain/permissions.py — which Administration → "Roles and permissions"
shows — it is the one permission table: tests/services/test_permission_map.py calls every public
method as every role and checks the refusals against both.

Keys are ``"ServiceClass.method"``; ``None`` means any logged-in user. A method whose refusal
depends on its arguments (e.g. enrolling straight into a tier also needs loyalty.config) is listed
with the permission every call needs."""

from __future__ import annotations

from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.permissions import Permission as P

METHOD_PERMISSIONS: dict[str, Permission | None] = {
    # auth_service
    "AccountService.change_password": None,  # one's own password
    "AccountService.verify_password": None,  # one's own password (idle lock)
    # report_arrivals_service
    "ArrivalsBriefService.brief": P.GUEST_READ,
    # audit_service
    "AuditService.entries": P.AUDIT_READ,
    # backup_service
    "BackupService.backup": P.BACKUP,
    "BackupService.check": P.BACKUP,
    "BackupService.daily_backup": None,  # automatic, after any login
    "BackupService.restore": P.BACKUP,
    # checkin_brief_service
    "CheckinBriefService.brief": P.GUEST_READ,
    # company_service
    "CompanyService.add_special_date": P.GUEST_WRITE,
    "CompanyService.create": P.GUEST_WRITE,
    "CompanyService.get": P.GUEST_READ,
    "CompanyService.list": P.GUEST_READ,
    "CompanyService.remove_special_date": P.GUEST_WRITE,
    "CompanyService.update": P.GUEST_WRITE,
    "CompanyService.update_special_date": P.GUEST_WRITE,
    # complaint_config_service
    "ComplaintConfigService.categories": P.COMPLAINT_READ,
    "ComplaintConfigService.departments": P.COMPLAINT_READ,
    "ComplaintConfigService.principle_keys": None,  # fixed list of codes
    "ComplaintConfigService.save_category": P.COMPLAINT_CONFIG,
    "ComplaintConfigService.save_department": P.COMPLAINT_CONFIG,
    "ComplaintConfigService.settings": P.COMPLAINT_READ,
    "ComplaintConfigService.update_settings": P.COMPLAINT_CONFIG,
    # complaint_service
    "ComplaintService.add_addendum": P.COMPLAINT_WRITE,
    "ComplaintService.add_attachment": P.COMPLAINT_RECORD,
    "ComplaintService.apologize": P.COMPLAINT_RECORD,
    "ComplaintService.approve_remedy": P.COMPLAINT_WRITE,
    "ComplaintService.attachment_data": P.COMPLAINT_READ,
    "ComplaintService.close": P.COMPLAINT_WRITE,
    "ComplaintService.detail": P.COMPLAINT_READ,
    "ComplaintService.escalate": P.COMPLAINT_WRITE,
    "ComplaintService.escalate_overdue": P.COMPLAINT_READ,
    "ComplaintService.find": P.COMPLAINT_READ,
    "ComplaintService.for_guest": P.COMPLAINT_READ,
    "ComplaintService.link_guest": P.COMPLAINT_RECORD,
    "ComplaintService.list": P.COMPLAINT_READ,
    "ComplaintService.overdue_count": P.COMPLAINT_READ,
    "ComplaintService.propose_remedy": P.COMPLAINT_WRITE,
    "ComplaintService.receive": P.COMPLAINT_RECORD,
    "ComplaintService.record_guest_response": P.COMPLAINT_WRITE,
    "ComplaintService.record_remedy_done": P.COMPLAINT_WRITE,
    "ComplaintService.set_departments": P.COMPLAINT_WRITE,
    "ComplaintService.verify": P.COMPLAINT_WRITE,
    "ComplaintService.withdraw": P.COMPLAINT_WRITE,
    # report_complaint_stats_service
    "ComplaintStatsService.stats": P.REPORT_MANAGER,
    # report_customer_value_service
    "CustomerValueService.analyse": P.REPORT_MANAGER,
    # demo_service
    "DemoService.load": P.DEMO_LOAD,
    # export_service
    "ExportService.export": P.IMPORT_EXPORT,
    # guest_card_service
    "GuestCardService.add_address": P.GUEST_WRITE,
    "GuestCardService.add_consent": P.GUEST_WRITE,
    "GuestCardService.add_contact": P.GUEST_WRITE,
    "GuestCardService.add_document": P.GUEST_WRITE,
    "GuestCardService.add_feedback": P.GUEST_WRITE,
    "GuestCardService.add_preference": P.GUEST_WRITE,
    "GuestCardService.add_preference_option": P.SETTINGS_ADMIN,
    "GuestCardService.add_special_date": P.GUEST_WRITE,
    "GuestCardService.card": P.GUEST_READ,
    "GuestCardService.create": P.GUEST_WRITE,
    "GuestCardService.likely_duplicates": P.GUEST_READ,
    "GuestCardService.preference_options": P.GUEST_READ,
    "GuestCardService.remove_address": P.GUEST_WRITE,
    "GuestCardService.remove_contact": P.GUEST_WRITE,
    "GuestCardService.remove_document": P.GUEST_WRITE,
    "GuestCardService.remove_feedback": P.GUEST_WRITE,
    "GuestCardService.remove_preference": P.GUEST_WRITE,
    "GuestCardService.remove_special_date": P.GUEST_WRITE,
    "GuestCardService.reveal_document": P.ID_REVEAL,
    "GuestCardService.set_blacklist": P.GUEST_WRITE,
    "GuestCardService.update": P.GUEST_WRITE,
    "GuestCardService.update_address": P.GUEST_WRITE,
    "GuestCardService.update_contact": P.GUEST_WRITE,
    "GuestCardService.update_document": P.GUEST_WRITE,
    "GuestCardService.update_feedback": P.GUEST_WRITE,
    "GuestCardService.update_personal": P.GUEST_WRITE,
    "GuestCardService.update_preference": P.GUEST_WRITE,
    "GuestCardService.update_preference_option": P.SETTINGS_ADMIN,
    "GuestCardService.update_special_date": P.GUEST_WRITE,
    # guest_import_service
    "GuestImportService.import_guests": P.IMPORT_EXPORT,
    # guest_merge_service
    "GuestMergeService.merge": P.GUEST_MERGE,
    "GuestMergeService.merges": P.GUEST_READ,
    "GuestMergeService.proposals": P.GUEST_READ,
    "GuestMergeService.undo": P.GUEST_MERGE,
    # guest_search_service
    "GuestSearchService.search": P.GUEST_OBSERVE,
    # import_mapping_service
    "ImportMappingService.delete": P.IMPORT_EXPORT,
    "ImportMappingService.get": P.IMPORT_EXPORT,
    "ImportMappingService.list": P.IMPORT_EXPORT,
    "ImportMappingService.resolve": P.IMPORT_EXPORT,  # via get()
    "ImportMappingService.save": P.IMPORT_EXPORT,
    # logbook_attachment_service
    "LogbookAttachmentService.add": P.LOG_WRITE,
    "LogbookAttachmentService.data": P.LOG_READ,
    "LogbookAttachmentService.list": P.LOG_READ,
    # logbook_daily_service
    "LogbookDailyService.daily": P.LOG_READ,
    # logbook_entry_service
    "LogbookEntryService.add": P.LOG_WRITE,
    "LogbookEntryService.add_addendum": P.LOG_WRITE,
    "LogbookEntryService.addenda": P.LOG_READ,
    "LogbookEntryService.find": P.LOG_READ,
    "LogbookEntryService.followup_done": P.LOG_WRITE,
    "LogbookEntryService.for_guest": P.LOG_READ,  # via find()
    "LogbookEntryService.get": P.LOG_READ,
    "LogbookEntryService.open_followups": P.LOG_READ,
    "LogbookEntryService.update": P.LOG_WRITE,
    # logbook_glance_service
    "LogbookGlanceService.glance": P.LOG_READ,
    # logbook_incident_service
    "LogbookIncidentService.get": P.LOG_READ,
    "LogbookIncidentService.save": P.LOG_WRITE,
    # logbook_shift_service
    "LogbookShiftService.acknowledge": P.SHIFT_MANAGE,
    "LogbookShiftService.awaiting_acknowledgement": P.LOG_READ,
    "LogbookShiftService.between": P.LOG_READ,
    "LogbookShiftService.close": P.SHIFT_MANAGE,
    "LogbookShiftService.current": P.LOG_READ,
    "LogbookShiftService.expected": None,  # which shift the clock says
    "LogbookShiftService.get": P.LOG_READ,
    "LogbookShiftService.handover": P.LOG_READ,
    "LogbookShiftService.handover_preview": P.LOG_READ,
    "LogbookShiftService.open_shift": P.SHIFT_MANAGE,
    "LogbookShiftService.pattern": P.LOG_READ,
    "LogbookShiftService.set_pattern": P.SETTINGS_ADMIN,
    # loyalty_config_service
    "LoyaltyConfigService.benefits": P.LOYALTY_READ,
    "LoyaltyConfigService.save_benefit": P.LOYALTY_CONFIG,
    "LoyaltyConfigService.save_settings": P.LOYALTY_CONFIG,
    "LoyaltyConfigService.save_tier": P.LOYALTY_CONFIG,
    "LoyaltyConfigService.set_matrix": P.LOYALTY_CONFIG,
    "LoyaltyConfigService.settings": P.LOYALTY_READ,
    "LoyaltyConfigService.tiers": P.LOYALTY_READ,
    # loyalty_entitlement_service
    "LoyaltyEntitlementService.for_stay": P.LOYALTY_READ,
    "LoyaltyEntitlementService.mark": P.LOYALTY_WRITE,
    # loyalty_ledger_service
    "LoyaltyLedgerService.adjust": P.LOYALTY_CONFIG,
    "LoyaltyLedgerService.balance": P.LOYALTY_READ,
    "LoyaltyLedgerService.ledger": P.LOYALTY_READ,
    "LoyaltyLedgerService.redeem": P.LOYALTY_WRITE,
    "LoyaltyLedgerService.reverse": P.LOYALTY_CONFIG,
    # loyalty_member_service
    "LoyaltyMemberService.count": P.LOYALTY_READ,
    "LoyaltyMemberService.detail": P.LOYALTY_READ,
    "LoyaltyMemberService.enrol": P.LOYALTY_WRITE,
    "LoyaltyMemberService.for_guest": P.LOYALTY_READ,
    "LoyaltyMemberService.members": P.LOYALTY_READ,
    "LoyaltyMemberService.membership_id": P.LOYALTY_READ,
    "LoyaltyMemberService.set_status": P.LOYALTY_WRITE,
    "LoyaltyMemberService.set_tier": P.LOYALTY_CONFIG,
    # loyalty_review_service
    "LoyaltyReviewService.expiring": P.LOYALTY_READ,
    "LoyaltyReviewService.review": P.LOYALTY_CONFIG,
    # loyalty_summary_service
    "LoyaltySummaryService.statement": P.LOYALTY_READ,
    "LoyaltySummaryService.summary": P.LOYALTY_READ,
    # observation_service
    "ObservationService.add": P.GUEST_OBSERVE,
    "ObservationService.dismiss": P.GUEST_WRITE,
    "ObservationService.for_guest": P.GUEST_READ,
    "ObservationService.pending": P.GUEST_READ,
    "ObservationService.review_into_preference": P.GUEST_WRITE,
    # privacy_service
    "PrivacyService.anonymize": P.PRIVACY,
    "PrivacyService.checkpoint": None,  # SQLite WAL checkpoint, no data
    "PrivacyService.due_for_retention": P.PRIVACY,
    "PrivacyService.export_data": P.PRIVACY,
    "PrivacyService.export_to": P.PRIVACY,  # via export_data()
    "PrivacyService.retention_years": P.PRIVACY,
    "PrivacyService.run_retention": P.PRIVACY,  # via due_for_retention()
    # report_service
    "ReportService.render": P.REPORT_RUN,
    # settings_service
    "SettingsService.hotel": None,  # hotel name, language, idle lock
    "SettingsService.set": P.SETTINGS_ADMIN,  # via set_many()
    "SettingsService.set_many": P.SETTINGS_ADMIN,
    # report_special_dates_service
    "SpecialDatesService.window": P.GUEST_READ,
    # stay_import_service
    "StayImportService.import_stays": P.IMPORT_EXPORT,
    # stay_service
    "StayService.arriving": P.GUEST_READ,
    "StayService.book": P.STAY_WRITE,
    "StayService.cancel": P.STAY_WRITE,
    "StayService.check_in": P.STAY_WRITE,
    "StayService.check_in_booking": P.STAY_WRITE,
    "StayService.check_out": P.STAY_WRITE,
    "StayService.for_guest": P.GUEST_READ,
    "StayService.get": P.GUEST_READ,
    "StayService.in_house": P.GUEST_READ,
    "StayService.no_show": P.STAY_WRITE,
    "StayService.record_past_stay": P.STAY_WRITE,
    # user_service
    "UserService.create": P.USER_ADMIN,
    "UserService.get": P.USER_ADMIN,
    "UserService.list": P.USER_ADMIN,
    "UserService.reset_password": P.USER_ADMIN,
    "UserService.unlock": P.USER_ADMIN,
    "UserService.update": P.USER_ADMIN,
}


def methods_needing(permission: Permission) -> tuple[str, ...]:
    """The service methods that check ``permission``, sorted."""
    return tuple(sorted(name for name, needed in METHOD_PERMISSIONS.items() if needed is permission))
