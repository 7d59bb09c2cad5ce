"""Saved column mappings (DESIGN.md §2.8): the ones users save (``import_mappings`` rows) and the
ones the application ships (``resources/import_mappings/*.json``, e.g. ``booking-demand``). Both
are the same JSON (``hotelcrm.domain.import_mapping``); a saved mapping may not take a shipped
mapping's name, so a name always means one mapping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path

from sqlalchemy import select

from hotelcrm.db.models import ImportMapping
from hotelcrm.domain import guest_csv, stay_csv
from hotelcrm.domain.errors import NotFound, ValidationError
from hotelcrm.domain.import_mapping import ColumnMapping, check_mapping_name, parse_mapping
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import catalogue, current_language, tr

from .base import Service

TARGETS = {"guests": guest_csv.COLUMNS, "stays": stay_csv.COLUMNS}


@dataclass(frozen=True)
class MappingInfo:
    name: str
    kind: str
    description: str
    shipped: bool
    version: int | None = None


def read_mapping(data: object) -> ColumnMapping:
    return parse_mapping(data, TARGETS)


def shipped_mappings() -> dict[str, ColumnMapping]:
    """The mappings the application ships, their descriptions in the user's language
    (``import.mapping.shipped.<name>``; the file's English text when a catalogue lacks it)."""
    out = {}
    known = catalogue(current_language())
    for entry in sorted(files("resources").joinpath("import_mappings").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            mapping = read_mapping(json.loads(entry.read_text(encoding="utf-8")))
            key = f"import.mapping.shipped.{mapping.name}"
            out[mapping.name] = replace(mapping, description=tr(key)) if key in known else mapping
    return out


def mapping_from_file(path: str | Path) -> ColumnMapping:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationError("mapping", "mapping_file_unreadable", path=str(path)) from None
    return read_mapping(data)


class ImportMappingService(Service):
    """Needs IMPORT_EXPORT."""

    def list(self, kind: str | None = None) -> list[MappingInfo]:
        self._require(Permission.IMPORT_EXPORT)
        out = [MappingInfo(m.name, m.kind, m.description, True) for m in shipped_mappings().values()]
        with self._read() as s:
            for row in s.scalars(select(ImportMapping).order_by(ImportMapping.name)):
                mapping = read_mapping(json.loads(row.definition))
                out.append(MappingInfo(row.name, row.kind, mapping.description, False, row.version))
        return [m for m in out if kind is None or m.kind == kind]

    def get(self, name: str) -> ColumnMapping:
        self._require(Permission.IMPORT_EXPORT)
        shipped = shipped_mappings()
        if name in shipped:
            return shipped[name]
        with self._read() as s:
            row = s.scalar(select(ImportMapping).where(ImportMapping.name == name))
            if row is None:
                raise NotFound("import_mapping", name)
            return read_mapping(json.loads(row.definition))

    def resolve(self, name_or_file: str) -> ColumnMapping:
        """``--mapping NAME|FILE``: a saved or shipped name, else a JSON file."""
        try:
            return self.get(name_or_file)
        except NotFound:
            if Path(name_or_file).is_file():
                return mapping_from_file(name_or_file)
            raise ValidationError("mapping", "mapping_not_found", name=name_or_file) from None

    def save(self, data: dict) -> MappingInfo:
        """Create or replace the saved mapping of that name (checked whole first)."""
        self._require(Permission.IMPORT_EXPORT)
        mapping = read_mapping(data)
        if mapping.name in shipped_mappings():
            raise ValidationError("mapping_name", "mapping_name_shipped", name=mapping.name)
        definition = json.dumps(mapping.to_dict(), ensure_ascii=False, indent=1)
        with self._write("import_mapping", mapping.name) as (s, audit):
            row = s.scalar(select(ImportMapping).where(ImportMapping.name == mapping.name).with_for_update())
            if row is None:
                row = ImportMapping(name=mapping.name, kind=mapping.kind, definition=definition)
                s.add(row)
                s.flush()
                audit.created("import_mapping", row.id, {"name": mapping.name, "kind": mapping.kind})
            else:
                audit.changed("import_mapping", row.id, row, {"kind": mapping.kind, "definition": definition})
            s.flush()
            return MappingInfo(row.name, row.kind, mapping.description, False, row.version)

    def delete(self, name: str) -> None:
        self._require(Permission.IMPORT_EXPORT)
        name = check_mapping_name(name)
        with self._write("import_mapping", name) as (s, audit):
            row = s.scalar(select(ImportMapping).where(ImportMapping.name == name).with_for_update())
            if row is None:
                raise NotFound("import_mapping", name)
            audit.record("delete", "import_mapping", row.id, old={"name": row.name, "kind": row.kind})
            s.delete(row)
