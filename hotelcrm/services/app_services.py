"""The one object the GUI and the CLI hold: the open database plus service factories."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hotelcrm.config import Config
from hotelcrm.db.engine import Database

from . import maintenance_service
from .actor import Actor
from .audit_service import AuditService
from .auth_service import AccountService, AuthService
from .settings_service import SettingsService
from .setup_service import SetupService
from .user_service import UserService

if TYPE_CHECKING:
    from .backup_service import BackupService
    from .checkin_brief_service import CheckinBriefService
    from .company_service import CompanyService
    from .complaint_config_service import ComplaintConfigService
    from .complaint_service import ComplaintService
    from .demo_service import DemoService
    from .export_service import ExportService
    from .guest_card_service import GuestCardService
    from .guest_import_service import GuestImportService
    from .guest_merge_service import GuestMergeService
    from .guest_search_service import GuestSearchService
    from .import_mapping_service import ImportMappingService
    from .logbook_attachment_service import LogbookAttachmentService
    from .logbook_entry_service import LogbookEntryService
    from .logbook_glance_service import LogbookGlanceService
    from .logbook_incident_service import LogbookIncidentService
    from .logbook_shift_service import LogbookShiftService
    from .loyalty_config_service import LoyaltyConfigService
    from .loyalty_entitlement_service import LoyaltyEntitlementService
    from .loyalty_ledger_service import LoyaltyLedgerService
    from .loyalty_member_service import LoyaltyMemberService
    from .loyalty_review_service import LoyaltyReviewService
    from .loyalty_summary_service import LoyaltySummaryService
    from .observation_service import ObservationService
    from .privacy_service import PrivacyService
    from .stay_import_service import StayImportService
    from .stay_service import StayService


@dataclass
class AppServices:
    config: Config
    db: Database

    @classmethod
    def open(cls, config: Config, *, migrate: bool = True) -> AppServices:
        db = maintenance_service.open_database(config)
        if migrate and maintenance_service.needs_upgrade(db):
            maintenance_service.upgrade(db, config)
        return cls(config, db)

    def preload(self) -> None:
        """Import the services a main window calls as soon as it shows (the guest search, the
        in-house and arriving lists, the overdue complaints count). The GUI runs this off its
        thread while the user logs in; otherwise their factories below would import them on the
        GUI thread while the window is built (~0.1–0.2 s of the start)."""
        from . import complaint_service, guest_search_service, stay_service  # noqa: F401

    @property
    def backend(self) -> str:
        return self.db.backend

    def setup(self) -> SetupService:
        return SetupService(self.db)

    def auth(self) -> AuthService:
        return AuthService(self.db)

    def users(self, actor: Actor) -> UserService:
        return UserService(self.db, actor)

    def account(self, actor: Actor) -> AccountService:
        return AccountService(self.db, actor)

    def settings(self, actor: Actor) -> SettingsService:
        return SettingsService(self.db, actor)

    def audit(self, actor: Actor) -> AuditService:
        return AuditService(self.db, actor)

    def demo(self, actor: Actor) -> DemoService:
        # Imported on demand: pypinyin's dictionaries take a third of a second to load.
        from .demo_service import DemoService

        return DemoService(self.db, actor)

    # The guest desk (issue 3). Imported on demand so that start-up loads only what it shows.
    def guest_search(self, actor: Actor) -> GuestSearchService:
        from .guest_search_service import GuestSearchService

        return GuestSearchService(self.db, actor)

    def guest_cards(self, actor: Actor) -> GuestCardService:
        from .guest_card_service import GuestCardService

        return GuestCardService(self.db, actor)

    def guest_merges(self, actor: Actor) -> GuestMergeService:
        from .guest_merge_service import GuestMergeService

        return GuestMergeService(self.db, actor)

    def companies(self, actor: Actor) -> CompanyService:
        from .company_service import CompanyService

        return CompanyService(self.db, actor)

    def stays(self, actor: Actor) -> StayService:
        from .stay_service import StayService

        return StayService(self.db, actor)

    def observations(self, actor: Actor) -> ObservationService:
        from .observation_service import ObservationService

        return ObservationService(self.db, actor)

    def checkin_brief(self, actor: Actor) -> CheckinBriefService:
        from .checkin_brief_service import CheckinBriefService

        return CheckinBriefService(self.db, actor)

    # Complaints (issue 4).
    def complaints(self, actor: Actor) -> ComplaintService:
        from .complaint_service import ComplaintService

        return ComplaintService(self.db, actor)

    def complaint_config(self, actor: Actor) -> ComplaintConfigService:
        from .complaint_config_service import ComplaintConfigService

        return ComplaintConfigService(self.db, actor)

    # The lobby manager's log (issue 6).
    def logbook_shifts(self, actor: Actor) -> LogbookShiftService:
        from .logbook_shift_service import LogbookShiftService

        return LogbookShiftService(self.db, actor)

    def logbook_entries(self, actor: Actor) -> LogbookEntryService:
        from .logbook_entry_service import LogbookEntryService

        return LogbookEntryService(self.db, actor)

    def logbook_incidents(self, actor: Actor) -> LogbookIncidentService:
        from .logbook_incident_service import LogbookIncidentService

        return LogbookIncidentService(self.db, actor)

    def logbook_attachments(self, actor: Actor) -> LogbookAttachmentService:
        from .logbook_attachment_service import LogbookAttachmentService

        return LogbookAttachmentService(self.db, actor)

    def logbook_glance(self, actor: Actor) -> LogbookGlanceService:
        from .logbook_glance_service import LogbookGlanceService

        return LogbookGlanceService(self.db, actor)

    # Loyalty (issue 5).
    def loyalty_config(self, actor: Actor) -> LoyaltyConfigService:
        from .loyalty_config_service import LoyaltyConfigService

        return LoyaltyConfigService(self.db, actor)

    def loyalty_members(self, actor: Actor) -> LoyaltyMemberService:
        from .loyalty_member_service import LoyaltyMemberService

        return LoyaltyMemberService(self.db, actor)

    def loyalty_ledger(self, actor: Actor) -> LoyaltyLedgerService:
        from .loyalty_ledger_service import LoyaltyLedgerService

        return LoyaltyLedgerService(self.db, actor)

    def loyalty_review(self, actor: Actor) -> LoyaltyReviewService:
        from .loyalty_review_service import LoyaltyReviewService

        return LoyaltyReviewService(self.db, actor)

    def loyalty_entitlements(self, actor: Actor) -> LoyaltyEntitlementService:
        from .loyalty_entitlement_service import LoyaltyEntitlementService

        return LoyaltyEntitlementService(self.db, actor)

    def loyalty_summary(self, actor: Actor) -> LoyaltySummaryService:
        from .loyalty_summary_service import LoyaltySummaryService

        return LoyaltySummaryService(self.db, actor)

    # Import (issue 8, items 1-3).
    def guest_imports(self, actor: Actor) -> GuestImportService:
        from .guest_import_service import GuestImportService

        return GuestImportService(self.db, actor)

    def stay_imports(self, actor: Actor) -> StayImportService:
        from .stay_import_service import StayImportService

        return StayImportService(self.db, actor)

    def import_mappings(self, actor: Actor) -> ImportMappingService:
        from .import_mapping_service import ImportMappingService

        return ImportMappingService(self.db, actor)

    # Export, privacy requests, backup (issue 8, items 4-6).
    def exports(self, actor: Actor) -> ExportService:
        from .export_service import ExportService

        return ExportService(self.db, actor)

    def privacy(self, actor: Actor) -> PrivacyService:
        from .privacy_service import PrivacyService

        return PrivacyService(self.db, actor)

    def backups(self, actor: Actor) -> BackupService:
        from .backup_service import BackupService

        return BackupService(self.db, actor, self.config)

    def close(self) -> None:
        self.db.dispose()
