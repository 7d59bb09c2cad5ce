"""The complaint state machine (DESIGN.md §2.2): the six steps are the states, in order.

listened (聆听) → apologized (致歉) → verified (核实) → remedy_agreed (制定措施) → remedy_done (落实措施)
→ closed (回访存档). Any open state may go to withdrawn (with a reason). Closed and withdrawn are
final: the record is read-only except for addenda. A step cannot be skipped nor recorded twice.
"""

from __future__ import annotations

from .codes import COMPLAINT_STATE, COMPLAINT_STEPS
from .errors import HotelCrmError, ValidationError

FINAL_STATES = ("closed", "withdrawn")
OPEN_STATES = tuple(s for s in COMPLAINT_STATE if s not in FINAL_STATES)

# What each step requires (the input fields the services check; the GUI shows them).
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "listened": ("guest_account",),
    "apologized": ("apology_manner",),
    "verified": ("verified_what", "verified_with", "findings"),
    "remedy_agreed": ("remedy_type", "remedy_detail", "discount_pct", "compensation_cents", "guest_accepted"),
    "remedy_done": ("action_done", "action_done_by", "actual_cost_cents"),
    "closed": ("followup_at", "followup_method", "followup_result", "satisfaction", "root_cause",
               "improvement_action"),
}

# Steps a clerk may record (COMPLAINT_RECORD); the others need COMPLAINT_WRITE.
RECORD_STEPS = ("listened", "apologized")
# Steps that show the category's handling guideline.
GUIDELINE_STEPS = ("verified", "remedy_agreed")


def is_open(state: str) -> bool:
    return state in OPEN_STATES


def next_step(state: str) -> str | None:
    """The step to record next, None when the complaint is closed or withdrawn."""
    _known(state)
    if state in FINAL_STATES:
        return None
    return COMPLAINT_STEPS[COMPLAINT_STEPS.index(state) + 1]


def allowed_targets(state: str) -> tuple[str, ...]:
    """Every state reachable from ``state`` in one transition."""
    nxt = next_step(state)
    return () if nxt is None else (nxt, "withdrawn")


def can_transition(state: str, target: str) -> bool:
    _known(target)
    return target in allowed_targets(state)


def require_transition(state: str, target: str) -> None:
    """Raise the reason why ``state`` cannot become ``target``: a final state is read-only
    (``complaint_read_only``); a step out of order is refused (``complaint_step_order``,
    with the step expected next)."""
    if can_transition(state, target):
        return
    if state in FINAL_STATES:
        raise HotelCrmError("complaint_read_only", state=state)
    raise HotelCrmError("complaint_step_order", state=state, step=target, expected=next_step(state))


def require_open(state: str) -> None:
    _known(state)
    if state in FINAL_STATES:
        raise HotelCrmError("complaint_read_only", state=state)


def step_index(step: str) -> int:
    """1 … 6 for the six steps."""
    return COMPLAINT_STEPS.index(step) + 1


def _known(state: str) -> None:
    if state not in COMPLAINT_STATE:
        raise ValidationError("complaint_state", "unknown_code", value=state)
