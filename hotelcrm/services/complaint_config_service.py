"""Complaint categories (with their bilingual handling guidelines), departments, time targets per
severity and authority limits per escalation level. Everyone who reads complaints may read these;
COMPLAINT_CONFIG (managers, administrators) changes them; every change is audited.

The default categories and departments of DESIGN.md §2.2 are seeded by migration 0004 (English and
Chinese names and guidelines in both columns), so every database has them from the start.
Categories and departments are never deleted, only deactivated (old complaints keep them).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import ComplaintCategory, Department
from hotelcrm.domain import complaint_rules as rules
from hotelcrm.domain.complaint_escalation import clean_authority_limits, clean_time_targets
from hotelcrm.domain.permissions import Permission

from .base import Service, load_row
from .complaint_dto import (
    CategoryInfo,
    CategoryInput,
    ComplaintSettings,
    DepartmentInfo,
    DepartmentInput,
    TimeTarget,
)
from .settings_service import read_setting, write_setting

TIME_TARGETS_KEY = "complaint.time_targets"
AUTHORITY_LIMITS_KEY = "complaint.authority_limits"


def category_info(c: ComplaintCategory) -> CategoryInfo:
    return CategoryInfo(id=c.id, code=c.code, name_en=c.name_en, name_zh=c.name_zh,
                        guideline_en=c.guideline_en or "", guideline_zh=c.guideline_zh or "",
                        sort_order=c.sort_order, active=c.active, version=c.version)


def department_info(d: Department) -> DepartmentInfo:
    return DepartmentInfo(id=d.id, code=d.code, name_en=d.name_en, name_zh=d.name_zh, active=d.active,
                          version=d.version)


def read_complaint_settings(s: Session) -> ComplaintSettings:
    targets = clean_time_targets(read_setting(s, TIME_TARGETS_KEY))
    limits = clean_authority_limits(read_setting(s, AUTHORITY_LIMITS_KEY))
    return ComplaintSettings(
        time_targets={k: TimeTarget(v["acknowledge"], v["remedy"], v["close"]) for k, v in targets.items()},
        authority_limits=limits, currency=read_setting(s, "hotel.currency"))


class ComplaintConfigService(Service):
    # ------------------------------------------------------------ reading

    def categories(self, include_inactive: bool = False) -> tuple[CategoryInfo, ...]:
        """Categories in their sort order (active ones only unless asked)."""
        self._require(Permission.COMPLAINT_READ)
        with self._read() as s:
            query = select(ComplaintCategory).order_by(ComplaintCategory.sort_order, ComplaintCategory.id)
            if not include_inactive:
                query = query.where(ComplaintCategory.active)
            return tuple(category_info(c) for c in s.scalars(query))

    def departments(self, include_inactive: bool = False) -> tuple[DepartmentInfo, ...]:
        self._require(Permission.COMPLAINT_READ)
        with self._read() as s:
            query = select(Department).order_by(Department.code)
            if not include_inactive:
                query = query.where(Department.active)
            return tuple(department_info(d) for d in s.scalars(query))

    def settings(self) -> ComplaintSettings:
        """Time targets per severity and authority limits per escalation level."""
        self._require(Permission.COMPLAINT_READ)
        with self._read() as s:
            return read_complaint_settings(s)

    @staticmethod
    def principle_keys() -> tuple[str, ...]:
        """i18n keys of the handling principles shown to the handler (DESIGN.md §2.2)."""
        return rules.PRINCIPLE_KEYS

    # ------------------------------------------------------------ changing

    def save_category(self, category_id: int | None, version: int | None, data: CategoryInput) -> CategoryInfo:
        """Create (``category_id`` None) or change a category. The code cannot change once created."""
        self._require(Permission.COMPLAINT_CONFIG)
        values = rules.clean_category(data.code, data.name_en, data.name_zh, data.guideline_en,
                                      data.guideline_zh, data.sort_order, data.active)
        with self._write("complaint_category", category_id) as (s, audit):
            if category_id is None:
                row = ComplaintCategory(**values)
                s.add(row)
                s.flush()
                audit.created("complaint_category", row.id, values)
            else:
                row = load_row(s, ComplaintCategory, category_id, version, "complaint_category")
                values.pop("code")
                audit.changed("complaint_category", row.id, row, values)
            s.flush()
            return category_info(row)

    def save_department(self, department_id: int | None, version: int | None,
                        data: DepartmentInput) -> DepartmentInfo:
        """Create (``department_id`` None) or change a department. The code cannot change."""
        self._require(Permission.COMPLAINT_CONFIG)
        values = rules.clean_department(data.code, data.name_en, data.name_zh, data.active)
        with self._write("department", department_id) as (s, audit):
            if department_id is None:
                row = Department(**values)
                s.add(row)
                s.flush()
                audit.created("department", row.id, values)
            else:
                row = load_row(s, Department, department_id, version, "department")
                values.pop("code")
                audit.changed("department", row.id, row, values)
            s.flush()
            return department_info(row)

    def update_settings(self, *, time_targets: dict[str, Any] | None = None,
                        authority_limits: dict[str, Any] | None = None) -> ComplaintSettings:
        """Change the time targets (``{severity: {acknowledge, remedy, close}}`` in minutes, every
        severity, acknowledge ≤ remedy ≤ close) and/or the authority limits (``{level: cents or
        None}``, non-decreasing up the levels, the general manager's may be None = no limit).
        New targets apply to complaints received from then on."""
        self._require(Permission.COMPLAINT_CONFIG)
        with self._write("setting") as (s, audit):
            if time_targets is not None:
                write_setting(s, audit, TIME_TARGETS_KEY, time_targets)
            if authority_limits is not None:
                write_setting(s, audit, AUTHORITY_LIMITS_KEY, authority_limits)
        return self.settings()
