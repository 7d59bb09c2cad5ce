"""The privacy export as a PDF (DESIGN.md §2.7): everything held on one person, for the data
subject, in Chinese or English. Built from the same data as the JSON export
(``privacy_collect.collect``): the card as a grid of fields, then every section as a table, each
record with all its stored values. Not in the report centre's list: it is made by the privacy
service only (PRIVACY permission, audited)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.platypus.flowables import Flowable

from hotelcrm.i18n import catalogue, current_language, tr

from . import guest_card_blocks as blocks
from .formatters import EMPTY
from .page_template import title_block
from .renderer import render
from .report_context import ReportContext

_K = "privacy.report."
SECTIONS = ("merged_cards", "documents", "contacts", "addresses", "preferences", "special_dates", "consents",
            "stays", "observations", "feedback", "complaints", "incidents", "loyalty", "log_entries", "merges",
            "attachments", "audit")
# Bookkeeping columns that say nothing about the person.
HIDDEN = {"version", "updated_at", "guest_id", "number_hash", "value_key", "company_id", "created_by",
          "reviewed_by", "recorded_by", "approved_by", "changed_by", "done_by", "merged_by", "undone_by"}
_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?(\+00:00)?$")
CARD_FIRST = ("id", "family_name", "given_name", "latin_name", "pinyin", "gender", "birth_date", "nationality",
              "language", "status", "company", "position", "vip_code")


def _label(key: str, lang: str) -> str:
    known = catalogue(lang)
    for candidate in (f"{_K}field.{key}", f"field.{key}"):
        if candidate in known:
            return tr(candidate, lang=lang)
    return key


def _value(value: Any, lang: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return tr(_K + ("yes" if value else "no"), lang=lang)
    if isinstance(value, list):
        return f"[{len(value)}]"
    text = str(value)
    stamp = _STAMP.match(text)
    return f"{stamp[1]} {stamp[2]}" if stamp else text  # time stamps are UTC, shown to the minute


def _record(item: Mapping[str, Any], lang: str) -> str:
    """One stored record as "label: value" lines (nested lists summarised, shown below)."""
    parts = []
    for key, value in item.items():
        shown = _value(value, lang)
        if key in HIDDEN or key == "id" or shown is None or isinstance(value, list | dict):
            continue
        parts.append(f"{_label(key, lang)}: {shown}")
    return "  ·  ".join(parts)


def _section(ctx: ReportContext, name: str, items: Sequence[Mapping[str, Any]]) -> list[Flowable]:
    lang = ctx.language
    title = tr(_K + "section." + name, lang=lang, count=len(items))
    rows: list[list[str | None]] = []
    for item in items:
        rows.append([str(item.get("id", "")), _record(item, lang)])
        for key, nested in item.items():
            if isinstance(nested, list):
                for sub in nested:
                    rows.append([f"{_label(key, lang)}", _record(sub, lang)])
    table = blocks.text_table(ctx, [tr(_K + "col.id", lang=lang), tr(_K + "col.record", lang=lang)], [0.9, 5.0],
                              rows, tr(_K + "none", lang=lang))
    return [blocks.room_for(90), blocks.section(title), table]


def build(data: Mapping[str, Any], ctx: ReportContext) -> list[Flowable]:
    lang = ctx.language
    card = dict(data["card"])
    ordered = [k for k in CARD_FIRST if k in card] + [k for k in card if k not in CARD_FIRST and k not in HIDDEN]
    pairs = [(_label(k, lang), _value(card[k], lang)) for k in ordered if _value(card[k], lang) is not None]
    out: list[Flowable] = [*title_block(ctx), blocks.note(tr(_K + "intro", lang=lang, guest=data["guest_id"],
                                                              at=_value(data.get("exported_at"), lang) or EMPTY))]
    out += [blocks.gap(6), blocks.section(tr(_K + "section.card", lang=lang)), blocks.field_grid(ctx, pairs)]
    for name in SECTIONS:
        out += _section(ctx, name, data.get(name) or [])
    return out


def write_privacy_report(data: Mapping[str, Any], path: str | Path, language: str | None = None,
                         hotel_name: str = "", printed_by: str = "") -> int:
    """Render the export to ``path``; returns the page count."""
    lang = language or current_language()
    ctx = ReportContext(hotel_name=hotel_name, title=tr(_K + "title", lang=lang), language=lang,
                        printed_by=printed_by, printed_at=datetime.now())
    return render(ctx, build(data, ctx), path)
