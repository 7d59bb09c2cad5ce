"""What ComplaintService reads: the SQL-side filtered, sorted, paged list; the detail with its
timeline; the guest card's complaint slots; the overdue count."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from hotelcrm import i18n
from hotelcrm.db.models import (
    Attachment,
    Complaint,
    ComplaintAddendum,
    ComplaintCategory,
    ComplaintDepartment,
    ComplaintEscalation,
    ComplaintStep,
    Department,
    Guest,
    User,
    utcnow,
)
from hotelcrm.db.models.complaints import ComplaintRemedyOffer
from hotelcrm.domain import codes
from hotelcrm.domain import complaint_escalation as esc
from hotelcrm.domain import complaint_rules as rules
from hotelcrm.domain import complaint_workflow as flow
from hotelcrm.domain.errors import NotFound, ValidationError
from hotelcrm.domain.guest_rules import display_name
from hotelcrm.domain.permissions import Permission

from .actor import Actor
from .brief_dto import ComplaintSlot
from .complaint_config_service import category_info, department_info, read_complaint_settings
from .complaint_dto import (
    SORT_KEYS,
    AddendumInfo,
    AttachmentInfo,
    ComplaintDetail,
    ComplaintFilter,
    ComplaintPage,
    ComplaintRow,
    EscalationInfo,
    NextStep,
    OverdueFlags,
    RemedyOfferInfo,
    StepRecord,
)

MAX_PAGE = 1000
STEP_ACTION = {"apologized": "apologize", "verified": "verify", "remedy_agreed": "propose_remedy",
               "remedy_done": "record_remedy_done", "closed": "close"}
_STEP_FIELDS = tuple(f for fields in flow.STEP_FIELDS.values() for f in fields
                     if f not in ("discount_pct",)) + ("remedy_discount_pct", "note")


# ---------------------------------------------------------------- overdue in SQL


def _open():
    return Complaint.state.in_(flow.OPEN_STATES)


def overdue_clause(now: datetime):
    return and_(_open(), or_(
        and_(Complaint.acknowledged_at.is_(None), Complaint.due_acknowledge_at < now),
        and_(Complaint.remedied_at.is_(None), Complaint.due_remedy_at < now),
        and_(Complaint.closed_at.is_(None), Complaint.due_close_at < now)))


def _next_due():
    """The earliest target still to meet (targets come in order: acknowledge ≤ remedy ≤ close)."""
    return case((~_open(), None),
                (Complaint.acknowledged_at.is_(None), Complaint.due_acknowledge_at),
                (Complaint.remedied_at.is_(None), Complaint.due_remedy_at),
                else_=Complaint.due_close_at)


def _flags(now: datetime, state: str, due: tuple, done: tuple) -> OverdueFlags:
    return OverdueFlags(*esc.overdue_flags(now, state, due, done))


def overdue_count(s: Session, now: datetime | None) -> int:
    return s.scalar(select(func.count()).select_from(Complaint).where(overdue_clause(now or utcnow()))) or 0


# ---------------------------------------------------------------- the list


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone()


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_clause(text: str):
    q = text.strip()
    name = func.coalesce(Guest.family_name, "") + func.coalesce(Guest.given_name, "")
    pattern = f"%{_like(q)}%"
    arms = [name.like(pattern, escape="\\"), func.lower(func.coalesce(Guest.latin_name, "")).like(
        pattern.lower(), escape="\\"),
            (func.coalesce(Guest.family_name, "") + literal(" ") + func.coalesce(Guest.given_name, "")).ilike(
                pattern, escape="\\")]
    upper = q.upper().replace(" ", "")
    if upper.startswith("TS"):
        arms.append(Complaint.number.like(f"{_like(upper)}%", escape="\\"))
    elif upper.isdigit():
        arms.append(Complaint.number.like(f"%{_like(upper)}", escape="\\"))
    return or_(*arms)


def _where(filt: ComplaintFilter, now: datetime) -> list:
    clauses = []
    if filt.states:
        for state in filt.states:
            if state not in codes.COMPLAINT_STATE:
                raise ValidationError("complaint_state", "unknown_code", value=state)
        clauses.append(Complaint.state.in_(filt.states))
    if filt.category_id is not None:
        clauses.append(Complaint.category_id == filt.category_id)
    if filt.department_id is not None:
        clauses.append(or_(Complaint.department_id == filt.department_id, exists().where(
            ComplaintDepartment.complaint_id == Complaint.id,
            ComplaintDepartment.department_id == filt.department_id)))
    if filt.severity:
        clauses.append(Complaint.severity == filt.severity)
    if filt.open_only:
        clauses.append(_open())
    if filt.overdue_only:
        clauses.append(overdue_clause(now))
    if filt.escalated_only:
        clauses.append(Complaint.escalation_level != "handler")
    if filt.received_from and filt.received_to and filt.received_from > filt.received_to:
        raise ValidationError("complaint_period", "period_reversed")
    if filt.received_from:
        clauses.append(Complaint.received_at >= _local_start(filt.received_from))
    if filt.received_to:
        clauses.append(Complaint.received_at < _local_start(date.fromordinal(filt.received_to.toordinal() + 1)))
    if filt.guest_id is not None:
        clauses.append(Complaint.guest_id == filt.guest_id)
    if filt.search and filt.search.strip():
        clauses.append(_search_clause(filt.search))
    return clauses


def _sort_column(sort: str):
    zh = i18n.current_language() == "zh_CN"
    severity = case({v: i for i, v in enumerate(codes.SEVERITY)}, value=Complaint.severity, else_=0)
    state = case({v: i for i, v in enumerate(codes.COMPLAINT_STATE)}, value=Complaint.state, else_=0)
    level = case({v: i for i, v in enumerate(codes.ESCALATION_LEVEL)}, value=Complaint.escalation_level, else_=0)
    guest = func.coalesce(Guest.family_name, "") + func.coalesce(Guest.given_name, "")
    return {
        "number": Complaint.number, "received_at": Complaint.received_at, "state": state, "severity": severity,
        "category": ComplaintCategory.name_zh if zh else ComplaintCategory.name_en,
        "department": Department.name_zh if zh else Department.name_en, "guest": guest, "due": _next_due(),
        "escalation_level": level,
    }[sort]


def page(s: Session, filt: ComplaintFilter, *, offset: int, limit: int, sort: str, descending: bool,
         now: datetime | None) -> ComplaintPage:
    if sort not in SORT_KEYS:
        raise ValidationError("complaint_sort", "unknown_code", value=sort)
    now = now or utcnow()
    offset, limit = max(0, int(offset)), max(1, min(int(limit), MAX_PAGE))
    where = _where(filt, now)
    base = (select(Complaint.id).select_from(Complaint)
            .join(ComplaintCategory, ComplaintCategory.id == Complaint.category_id)
            .outerjoin(Department, Department.id == Complaint.department_id)
            .outerjoin(Guest, Guest.id == Complaint.guest_id).where(*where))
    total = s.scalar(select(func.count()).select_from(base.subquery())) or 0
    column = _sort_column(sort)
    order = [column.desc() if descending else column.asc(), Complaint.id.desc() if descending else Complaint.id]
    query = (select(Complaint, ComplaintCategory.name_en, ComplaintCategory.name_zh, Department.name_en,
                    Department.name_zh, Guest.family_name, Guest.given_name, Guest.latin_name)
             .join(ComplaintCategory, ComplaintCategory.id == Complaint.category_id)
             .outerjoin(Department, Department.id == Complaint.department_id)
             .outerjoin(Guest, Guest.id == Complaint.guest_id)
             .where(*where).order_by(*order).offset(offset).limit(limit))
    rows = tuple(_row(now, *r) for r in s.execute(query))
    return ComplaintPage(rows=rows, total=total, offset=offset, limit=limit)


def _row(now, c: Complaint, cat_en, cat_zh, dep_en, dep_zh, family, given, latin) -> ComplaintRow:
    due = (c.due_acknowledge_at, c.due_remedy_at, c.due_close_at)
    done = (c.acknowledged_at, c.remedied_at, c.closed_at)
    next_due = None
    if flow.is_open(c.state):
        next_due = next((d for d, m in zip(due, done, strict=True) if m is None), None)
    return ComplaintRow(
        id=c.id, number=c.number, received_at=c.received_at, state=c.state, severity=c.severity, channel=c.channel,
        category_id=c.category_id, category_en=cat_en, category_zh=cat_zh, department_id=c.department_id,
        department_en=dep_en, department_zh=dep_zh, guest_id=c.guest_id,
        guest_name=display_name(family, given, latin) if c.guest_id is not None else None, room_no=c.room_no,
        escalation_level=c.escalation_level, next_due_at=next_due, overdue=_flags(now, c.state, due, done),
        version=c.version)


# ---------------------------------------------------------------- the detail


def id_for_number(s: Session, number: str) -> int:
    normal = rules.normalize_number(number)
    found = s.scalar(select(Complaint.id).where(Complaint.number == normal))
    if found is None:
        raise NotFound("complaint", normal)
    return found


def _names(s: Session, ids: set) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {u.id: (u.display_name or u.username) for u in s.scalars(select(User).where(User.id.in_(ids)))}


def detail(s: Session, complaint_id: int, actor: Actor, now: datetime | None = None) -> ComplaintDetail:
    c = s.get(Complaint, complaint_id)
    if c is None:
        raise NotFound("complaint", complaint_id)
    now = now or utcnow()
    steps = sorted(s.scalars(select(ComplaintStep).where(ComplaintStep.complaint_id == c.id)),
                   key=lambda r: flow.step_index(r.step))
    offers = list(s.scalars(select(ComplaintRemedyOffer).where(ComplaintRemedyOffer.complaint_id == c.id)
                            .order_by(ComplaintRemedyOffer.id)))
    escalations = list(s.scalars(select(ComplaintEscalation).where(ComplaintEscalation.complaint_id == c.id)
                                 .order_by(ComplaintEscalation.id)))
    addenda = list(s.scalars(select(ComplaintAddendum).where(ComplaintAddendum.complaint_id == c.id)
                             .order_by(ComplaintAddendum.id)))
    files = s.execute(select(Attachment.id, Attachment.filename, Attachment.mime_type, Attachment.size_bytes,
                             Attachment.created_by, Attachment.created_at)
                      .where(Attachment.owner_type == "complaint", Attachment.owner_id == c.id)
                      .order_by(Attachment.id)).all()
    names = _names(s, {c.received_by, *(r.done_by for r in steps), *(o.offered_by for o in offers),
                       *(o.approved_by for o in offers), *(e.escalated_by for e in escalations),
                       *(a.created_by for a in addenda), *(f.created_by for f in files)})
    others = s.scalars(select(Department).join(ComplaintDepartment, ComplaintDepartment.department_id == Department.id)
                       .where(ComplaintDepartment.complaint_id == c.id).order_by(Department.code))
    guest = s.get(Guest, c.guest_id) if c.guest_id is not None else None
    limits = read_complaint_settings(s).authority_limits
    due = (c.due_acknowledge_at, c.due_remedy_at, c.due_close_at)
    done = (c.acknowledged_at, c.remedied_at, c.closed_at)
    return ComplaintDetail(
        id=c.id, number=c.number, version=c.version, state=c.state, channel=c.channel, severity=c.severity,
        category=category_info(s.get(ComplaintCategory, c.category_id)),
        department=department_info(s.get(Department, c.department_id)) if c.department_id else None,
        other_departments=tuple(department_info(d) for d in others), guest_id=c.guest_id,
        guest_name=display_name(guest.family_name, guest.given_name, guest.latin_name) if guest else None,
        stay_id=c.stay_id, room_no=c.room_no, received_by_name=names.get(c.received_by), received_at=c.received_at,
        guest_words=c.guest_words, escalation_level=c.escalation_level, due_acknowledge_at=due[0],
        due_remedy_at=due[1], due_close_at=due[2], acknowledged_at=done[0], remedied_at=done[1], closed_at=done[2],
        currency=c.currency, recovery_cost_cents=c.recovery_cost_cents, satisfaction=c.satisfaction,
        withdrawn_reason=c.withdrawn_reason, withdrawn_at=c.withdrawn_at, overdue=_flags(now, c.state, due, done),
        steps=tuple(_step(r, names) for r in steps), offers=tuple(_offer(o, names) for o in offers),
        escalations=tuple(EscalationInfo(e.id, e.from_level, e.to_level, e.reason, e.note,
                                         names.get(e.escalated_by), e.created_at) for e in escalations),
        addenda=tuple(AddendumInfo(a.id, a.text, names.get(a.created_by), a.created_at) for a in addenda),
        attachments=tuple(AttachmentInfo(f.id, f.filename, f.mime_type, f.size_bytes, names.get(f.created_by),
                                         f.created_at) for f in files),
        next_step=_next(c.state, offers, actor, limits), read_only=not flow.is_open(c.state),
        can_write=actor.can(Permission.COMPLAINT_WRITE), authority_limit_cents=esc.role_limit(actor.role, limits))


def _step(r: ComplaintStep, names: dict) -> StepRecord:
    values = {f: getattr(r, f) for f in _STEP_FIELDS}
    return StepRecord(step=r.step, done_by_id=r.done_by, done_by_name=names.get(r.done_by), done_at=r.done_at,
                      **values)


def _offer(o: ComplaintRemedyOffer, names: dict) -> RemedyOfferInfo:
    return RemedyOfferInfo(id=o.id, remedy_type=o.remedy_type, remedy_detail=o.remedy_detail,
                           discount_pct=o.discount_pct, compensation_cents=o.compensation_cents,
                           required_level=o.required_level, status=o.status, offered_by_name=names.get(o.offered_by),
                           offered_at=o.offered_at, approved_by_name=names.get(o.approved_by),
                           approved_at=o.approved_at, responded_at=o.responded_at, response_note=o.response_note)


def _next(state: str, offers: list, actor: Actor, limits: dict) -> NextStep:
    step = flow.next_step(state)
    if step is None:
        return NextStep(None, None)
    needs = Permission.COMPLAINT_RECORD if step in flow.RECORD_STEPS else Permission.COMPLAINT_WRITE
    allowed = actor.can(needs)
    refusal = None if allowed else "permission"
    action = STEP_ACTION[step]
    required = None
    pending = next((o for o in reversed(offers) if o.status in ("awaiting_approval", "proposed")), None)
    if step == "remedy_agreed" and pending is not None:
        if pending.status == "awaiting_approval":
            action, required = "approve_remedy", pending.required_level
            if allowed and not esc.role_may_approve(actor.role, rules.remedy_cost(pending.compensation_cents),
                                                    limits):
                allowed, refusal = False, "authority"
        else:
            action = "record_guest_response"
    return NextStep(step=step, action=action, fields=flow.STEP_FIELDS[step], allowed=allowed, refusal=refusal,
                    show_guideline=step in flow.GUIDELINE_STEPS, required_level=required)


# ---------------------------------------------------------------- guest card, attachments


# What a slot needs, in this order, then the category's English and Chinese names; the guest card
# reads the same columns inside its one statement (``guest_card_rows``) and calls ``slots_of``.
SLOT_COLUMNS = ("id", "number", "state", "received_at", "due_acknowledge_at", "due_remedy_at", "due_close_at",
                "acknowledged_at", "remedied_at", "closed_at")


def guest_slots(s: Session, guest_id: int, now: datetime | None) -> tuple[ComplaintSlot, ...]:
    rows = s.execute(select(*(getattr(Complaint, c) for c in SLOT_COLUMNS), ComplaintCategory.name_en,
                            ComplaintCategory.name_zh)
                     .join(ComplaintCategory, ComplaintCategory.id == Complaint.category_id)
                     .where(Complaint.guest_id == guest_id)
                     .order_by(Complaint.received_at.desc(), Complaint.id.desc()))
    return slots_of(rows, now)


def slots_of(rows, now: datetime | None) -> tuple[ComplaintSlot, ...]:
    """Slots from rows of ``SLOT_COLUMNS`` + (name_en, name_zh), newest first as given; the
    category in the current language."""
    now = now or utcnow()
    zh = i18n.current_language() == "zh_CN"
    slots = []
    for cid, number, state, received, *due_done, name_en, name_zh in rows:
        slots.append(ComplaintSlot(id=cid, number=number, state=state, category=name_zh if zh else name_en,
                                   received_on=received.astimezone().date(), open=flow.is_open(state),
                                   overdue=any(esc.overdue_flags(now, state, tuple(due_done[:3]),
                                                                 tuple(due_done[3:])))))
    return tuple(slots)


def attachment_data(s: Session, attachment_id: int) -> tuple[AttachmentInfo, bytes]:
    a = s.get(Attachment, attachment_id)
    if a is None or a.owner_type != "complaint":
        raise NotFound("attachment", attachment_id)
    name = _names(s, {a.created_by}).get(a.created_by)
    return AttachmentInfo(a.id, a.filename, a.mime_type, a.size_bytes, name, a.created_at), a.data
