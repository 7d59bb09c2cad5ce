"""Privacy requests (DESIGN.md §2.7): export everything held on a person, anonymize a person,
and the retention rule (anonymize cards with no stay for N years). Managers only (PRIVACY);
every call is audited. On SQLite the WAL is checkpointed after an anonymization, so that the
database files no longer hold the removed values (secure_delete zeroes freed space)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select

from hotelcrm.db.models import Guest, Stay
from hotelcrm.domain.errors import HotelCrmError, ValidationError
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.privacy_rules import RETENTION_SETTING, retention_cutoff

from .base import Service
from .privacy_collect import collect
from .privacy_scrub import scrub
from .settings_service import read_setting

RETENTION_BATCH = 50
FORMATS = ("json", "pdf")


@dataclass(frozen=True)
class AnonymizeResult:
    guest_id: int
    cards: int  # the card plus the cards merged into it
    rows_deleted: int
    texts_redacted: int
    audit_redacted: int
    checkpointed: bool  # SQLite: the WAL was written back and emptied (always True on PostgreSQL)


@dataclass(frozen=True)
class RetentionResult:
    years: int
    cutoff: date | None
    dry_run: bool
    guest_ids: tuple[int, ...]  # due (dry run) or anonymized
    checkpointed: bool


def export_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValidationError("out", "privacy_export_format", suffix=suffix or "-")
    return suffix


class PrivacyService(Service):
    """Needs PRIVACY (managers and administrators)."""
    not_retried = {  # a Busy refusal is not run again (base.Service; docs/hardening.md)
        "run_retention": "anonymizes in several transactions (batches), then audits the run",
    }

    def export_data(self, guest_id: int) -> dict[str, Any]:
        """Everything held on the person as JSON-ready data (documents in clear: it is for the data
        subject); the request is audited."""
        self._require(Permission.PRIVACY)
        with self._write("guest", guest_id) as (s, audit):
            data = collect(s, guest_id)
            audit.record("privacy_export", "guest", guest_id)
        data["exported_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        return data

    def export_to(self, guest_id: int, path: str | Path, language: str | None = None) -> dict[str, Any]:
        """Write the export to ``path``: ``.json``, or ``.pdf`` (the privacy report, in ``language``)."""
        self._require(Permission.PRIVACY)  # refuse before looking at the path (issue 9 item 5)
        kind = export_format(path)
        if Path(path).is_dir() or not Path(path).parent.is_dir():
            raise ValidationError("out", "cannot_write_file", path=str(path))
        data = self.export_data(guest_id)
        if kind == "json":
            Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        else:
            from hotelcrm.reports.privacy_report import write_privacy_report

            with self._read() as s:
                hotel = read_setting(s, "hotel.name") or ""
            write_privacy_report(data, path, language, hotel, self.actor.display_name or self.actor.username)
        return data

    def anonymize(self, guest_id: int) -> AnonymizeResult:
        """Remove the person's identity and free text, keep the statistics (``privacy_rules``)."""
        self._require(Permission.PRIVACY)
        with self._write("guest", guest_id) as (s, audit):
            guest = s.get(Guest, guest_id)
            if guest is None:
                raise HotelCrmError("not_found", entity="guest", key=guest_id)
            if guest.status == "merged":
                raise HotelCrmError("guest_merged", key=guest_id, into=guest.merged_into_id)
            counts = scrub(s, [guest_id])
            audit.record("anonymize", "guest", guest_id, new={"cards": counts.cards, "rows": counts.rows_deleted,
                                                              "texts": counts.texts_redacted,
                                                              "audit": counts.audit_redacted})
        return AnonymizeResult(guest_id, counts.cards, counts.rows_deleted, counts.texts_redacted,
                               counts.audit_redacted, self.checkpoint())

    def retention_years(self) -> int:
        self._require(Permission.PRIVACY)
        with self._read() as s:
            return int(read_setting(s, RETENTION_SETTING) or 0)

    def due_for_retention(self, today: date | None = None) -> tuple[int, date | None, list[int]]:
        """(years, cutoff, guest ids): cards not anonymized whose last stay departed before the
        cutoff, or that have no stay and were created before it. Nothing when the rule is off."""
        self._require(Permission.PRIVACY)
        with self._read() as s:
            years = int(read_setting(s, RETENTION_SETTING) or 0)
            if years <= 0:
                return years, None, []
            cutoff = retention_cutoff(today or date.today(), years)
            last = (select(Stay.guest_id, func.max(Stay.departure_date).label("last"))
                    .group_by(Stay.guest_id).subquery())
            query = (select(Guest.id).outerjoin(last, last.c.guest_id == Guest.id)
                     .where(Guest.status.in_(("active", "blacklisted")), Guest.anonymized_at.is_(None),
                            or_(last.c.last < cutoff,
                                last.c.last.is_(None) & (Guest.created_at < datetime.combine(cutoff, time(), UTC))))
                     .order_by(Guest.id))
            return years, cutoff, list(s.scalars(query))

    def run_retention(self, dry_run: bool = False, today: date | None = None) -> RetentionResult:
        """Anonymize every card due (``due_for_retention``); ``dry_run`` only lists them."""
        years, cutoff, due = self.due_for_retention(today)
        if dry_run or not due:
            return RetentionResult(years, cutoff, dry_run, tuple(due), False)
        for start in range(0, len(due), RETENTION_BATCH):
            batch = due[start:start + RETENTION_BATCH]
            with self._write("guest") as (s, audit):
                scrub(s, batch)
                for gid in batch:
                    audit.record("anonymize", "guest", gid, note=f"retention {years}y")
        with self._write("guest") as (_s, audit):
            audit.record("retention", "guest", None, new={"years": years, "anonymized": len(due)},
                         note=cutoff.isoformat())
        return RetentionResult(years, cutoff, False, tuple(due), self.checkpoint())

    def checkpoint(self) -> bool:
        """SQLite: write the WAL back into the database file and empty it. False when a reader
        kept it from finishing (the next checkpoint completes it)."""
        if not self.db.is_sqlite:
            return True
        with self.db.engine.connect() as conn:
            busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            conn.rollback()
        return busy == 0
