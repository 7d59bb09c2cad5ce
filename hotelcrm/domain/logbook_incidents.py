"""Incident records (意外事故): item and value, the guest's position, witnesses and what each
said, evidence, conclusion, compensation asked / agreed / waived, outcome. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ValidationError
from .stay_rules import check_amount
from .text_rules import clean_text

MAX_WITNESSES = 20
MAX_LONG = 4000


@dataclass(frozen=True)
class WitnessValues:
    name: str
    role: str | None
    statement: str


def check_witness(name: str | None, role: str | None, statement: str | None, index: int) -> WitnessValues:
    return WitnessValues(
        clean_text(name, "logbook_witness_name", required=True, max_len=100),
        clean_text(role, "logbook_witness_role", max_len=100),
        clean_text(statement, "logbook_witness_statement", required=True, max_len=MAX_LONG, multiline=True),
    )


def check_optional_amount(value: int | None, field: str) -> int | None:
    return None if value is None else check_amount(value, field)


def check_compensation(asked: int | None, agreed: int | None, waived: bool) -> tuple[int | None, int | None]:
    """Amounts in cents, never negative; a waived claim has no agreed amount above zero; the
    agreed amount is not above what was asked (when something was asked). The claim may run
    either way (the hotel's item the guest is asked to pay for, or the guest's loss)."""
    asked = check_optional_amount(asked, "logbook_comp_asked")
    agreed = check_optional_amount(agreed, "logbook_comp_agreed")
    if waived and agreed:
        raise ValidationError("logbook_comp_agreed", "logbook_waived_but_agreed")
    if asked is not None and agreed is not None and agreed > asked:
        raise ValidationError("logbook_comp_agreed", "logbook_agreed_above_asked")
    return asked, agreed


def check_incident_texts(item: str | None, guest_position: str | None, evidence: str | None,
                         conclusion: str | None, outcome: str | None) -> dict[str, str | None]:
    return {
        "item": clean_text(item, "logbook_item", max_len=200),
        "guest_position": clean_text(guest_position, "logbook_guest_position", max_len=MAX_LONG, multiline=True),
        "evidence": clean_text(evidence, "logbook_evidence", max_len=MAX_LONG, multiline=True),
        "conclusion": clean_text(conclusion, "logbook_conclusion", max_len=MAX_LONG, multiline=True),
        "outcome": clean_text(outcome, "logbook_outcome", max_len=MAX_LONG, multiline=True),
    }


def check_witness_count(count: int) -> None:
    if count > MAX_WITNESSES:
        raise ValidationError("logbook_witnesses", "logbook_too_many_witnesses", max=MAX_WITNESSES)
