"""The selected log entry in full: its words, the incident record with witnesses, addenda and
attachments (HTML for a read-only text browser)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from hotelcrm.i18n import tr
from hotelcrm.services.logbook_dto import AttachmentInfo, EntryInfo, IncidentInfo

from .guest_format import code_label, date_text, money_text
from .logbook_entry_model import followup_text, shift_text


@dataclass(frozen=True)
class EntryDetail:
    entry: EntryInfo
    incident: IncidentInfo | None
    addenda: tuple[EntryInfo, ...]
    attachments: tuple[AttachmentInfo, ...]


def _p(text: str | None) -> str:
    return escape(text or "").replace("\n", "<br>")


def _row(label: str, value: str) -> str:
    return f"<tr><td style='color:#555;padding-right:10px;vertical-align:top'>{escape(label)}</td><td>{value}</td></tr>"


def detail_html(d: EntryDetail) -> str:
    e = d.entry
    head = (f"<b>{escape(code_label('log_entry_type', e.entry_type))}</b> · {escape(date_text(e.occurred_at))} · "
            f"{escape(shift_text(e.shift_date, e.shift_kind))} · {escape(e.author or '')}")
    links = [x for x in (e.room_no and tr("ui.logbook.detail.room", room=e.room_no), e.guest_name,
                         e.complaint_number) if x]
    parts = [f"<p>{head}</p>"]
    if e.amends_id:
        parts.append(f"<p><i>{escape(tr('ui.logbook.detail.addendum_of', id=e.amends_id))}</i></p>")
    if links:
        parts.append(f"<p>{escape(' · '.join(links))}</p>")
    parts.append(f"<p>{_p(e.text)}</p>")
    if e.followup_required:
        parts.append(f"<p><b>{escape(tr('ui.logbook.followup'))}:</b> {escape(followup_text(e))}</p>")
    if not e.editable:
        parts.append(f"<p style='color:#666'>{escape(tr('ui.logbook.detail.read_only'))}</p>")
    i = d.incident
    if i is not None:
        rows = [_row(tr("field.logbook_item"), _p(i.item)),
                _row(tr("field.logbook_item_value"), escape(money_text(i.item_value_cents, i.currency))),
                _row(tr("field.logbook_guest_position"), _p(i.guest_position))]
        for n, w in enumerate(i.witnesses, start=1):
            who = f"{w.name} ({w.role})" if w.role else w.name
            rows.append(_row(tr("ui.logbook.detail.witness", n=n), f"<b>{escape(who)}</b>: {_p(w.statement)}"))
        comp = [money_text(i.compensation_asked_cents, i.currency) and
                tr("ui.logbook.detail.asked", amount=money_text(i.compensation_asked_cents, i.currency)),
                i.compensation_agreed_cents is not None and
                tr("ui.logbook.detail.agreed", amount=money_text(i.compensation_agreed_cents, i.currency)),
                i.compensation_waived and tr("ui.logbook.incident.waived")]
        rows += [_row(tr("field.logbook_evidence"), _p(i.evidence)),
                 _row(tr("field.logbook_conclusion"), _p(i.conclusion)),
                 _row(tr("ui.logbook.incident.compensation"), escape(" · ".join(c for c in comp if c))),
                 _row(tr("field.logbook_outcome"), _p(i.outcome))]
        parts.append(f"<h4>{escape(tr('ui.logbook.incident.title'))}</h4><table>{''.join(rows)}</table>")
    if d.addenda:
        parts.append(f"<h4>{escape(tr('ui.logbook.detail.addenda'))}</h4>")
        for a in d.addenda:
            parts.append(f"<p><i>{escape(date_text(a.occurred_at))} · {escape(a.author or '')}</i><br>{_p(a.text)}</p>")
    if d.attachments:
        names = ", ".join(f"<a href='attachment:{a.id}'>{escape(a.filename)}</a> ({a.size_bytes // 1024 or 1} KB)"
                          for a in d.attachments)
        parts.append(f"<p><b>{escape(tr('ui.logbook.detail.attachments'))}:</b> {names}</p>")
    return "".join(parts)
