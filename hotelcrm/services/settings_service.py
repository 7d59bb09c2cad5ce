"""Hotel-wide settings kept in the database (JSON values with defaults)."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Setting
from hotelcrm.domain import complaint_escalation
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.privacy_rules import check_retention_years
from hotelcrm.domain.text_rules import clean_text

from .audit_trail import AuditTrail
from .base import Service

DEFAULTS: dict[str, Any] = {
    "hotel.name": "",
    "hotel.currency": "CNY",
    "ui.idle_lock_minutes": 10,
    "backup.keep_daily": 14,
    "logbook.shift_pattern": {"morning": "07:00", "afternoon": "15:00", "night": "23:00"},
    "loyalty.earn_categories": ["room", "fnb"],  # which spend earns points (room, fnb, other)
    "loyalty.expiry_months": 24,  # points expire after this many months without activity
    "privacy.retention_years": 0,  # 0: no retention rule (see privacy_rules)
    # Complaints: time targets in minutes per severity; the largest compensation (cents) per level.
    "complaint.time_targets": complaint_escalation.DEFAULT_TIME_TARGETS,
    "complaint.authority_limits": complaint_escalation.DEFAULT_AUTHORITY_LIMITS,
}


def _validate(key: str, value: Any) -> Any:
    if key not in DEFAULTS:
        raise ValidationError("setting", "unknown_setting", key=key)
    if key == "loyalty.earn_categories":
        chosen = list(value) if isinstance(value, list | tuple) else []
        if not chosen or any(c not in ("room", "fnb", "other") for c in chosen):
            raise ValidationError("earn_categories", "earn_categories")
        return [c for c in ("room", "fnb", "other") if c in chosen]
    if key == "loyalty.expiry_months":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 240:
            raise ValidationError("expiry_months", "out_of_range", min=1, max=240)
        return value
    if key == "complaint.time_targets":
        return complaint_escalation.clean_time_targets(value)
    if key == "complaint.authority_limits":
        return complaint_escalation.clean_authority_limits(value)
    if key == "hotel.name":
        return clean_text(value, "hotel_name", required=True, max_len=200)
    if key == "hotel.currency":
        text = (value or "").strip().upper()
        if len(text) != 3 or not text.isalpha():
            raise ValidationError("currency", "currency_code")
        return text
    if key == "logbook.shift_pattern":
        from hotelcrm.domain.logbook_shifts import parse_pattern

        return parse_pattern(value).as_setting()
    if key in ("ui.idle_lock_minutes", "backup.keep_daily"):
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 240:
            raise ValidationError(key.split(".")[-1], "out_of_range", min=1, max=240)
        return value
    if key == "privacy.retention_years":
        return check_retention_years(value)
    return value


def read_setting(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    return json.loads(row.value) if row else DEFAULTS.get(key)


def write_setting(session: Session, audit: AuditTrail, key: str, value: Any) -> None:
    value = _validate(key, value)
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
        audit.record("create", "setting", key, field="value", new=value)
    elif row.value != text:
        audit.record("update", "setting", key, field="value", old=json.loads(row.value), new=value)
        row.value = text


@dataclass(frozen=True)
class HotelSettings:
    hotel_name: str
    currency: str
    idle_lock_minutes: int


class SettingsService(Service):
    """Everyone logged in may read; administrators change."""

    def hotel(self) -> HotelSettings:
        with self._read() as s:
            rows = s.scalars(select(Setting).where(Setting.key.in_(DEFAULTS)))
            values = {r.key: json.loads(r.value) for r in rows}
        get = lambda k: values.get(k, DEFAULTS[k])  # noqa: E731
        return HotelSettings(get("hotel.name"), get("hotel.currency"), get("ui.idle_lock_minutes"))

    def set(self, key: str, value: Any) -> None:
        self.set_many({key: value})

    def set_many(self, values: dict[str, Any]) -> HotelSettings:
        """Several settings in one transaction: all are saved or none."""
        self._require(Permission.SETTINGS_ADMIN)
        with self._write("setting", ",".join(values)) as (s, audit):
            for key, value in values.items():
                write_setting(s, audit, key, value)
        return self.hotel()


ID_HASH_KEY_SETTING = "security.id_hash_key"


def existing_id_hash_key(session: Session) -> bytes | None:
    """The key if one exists. Reads use this: before the first document is stored there is no
    key, and nothing can match."""
    row = session.get(Setting, ID_HASH_KEY_SETTING)
    return json.loads(row.value).encode("utf-8") if row else None


def id_hash_key(session: Session, audit: AuditTrail | None = None) -> bytes:
    """The hotel-wide key for ID document hashes, created at random on first use inside the
    caller's transaction and kept in the database, so every desk hashes alike. It is
    deliberately not in ``DEFAULTS``: ``SettingsService`` neither shows nor changes it, and the
    audit trail records its creation without the value."""
    row = session.get(Setting, ID_HASH_KEY_SETTING)
    if row is None:
        # Two desks may create the key at once: insert-if-absent, then read whichever won.
        # The dialect's own insert, imported here: the PostgreSQL dialect is not loaded at start.
        if session.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        text = json.dumps(secrets.token_hex(32))
        done = session.execute(insert(Setting).values(key=ID_HASH_KEY_SETTING, value=text, version=1)
                               .on_conflict_do_nothing(index_elements=["key"]))
        if done.rowcount and audit is not None:
            audit.record("create", "setting", ID_HASH_KEY_SETTING, field="value", note="value hidden")
        row = session.get(Setting, ID_HASH_KEY_SETTING, populate_existing=True)
    return json.loads(row.value).encode("utf-8")
