"""The complaint state machine as pure domain code: every allowed and every forbidden transition."""

import itertools

import pytest

from hotelcrm.domain import complaint_workflow as flow
from hotelcrm.domain.codes import COMPLAINT_STATE, COMPLAINT_STEPS
from hotelcrm.domain.errors import HotelCrmError, ValidationError

ALLOWED = {
    ("listened", "apologized"), ("apologized", "verified"), ("verified", "remedy_agreed"),
    ("remedy_agreed", "remedy_done"), ("remedy_done", "closed"),
    ("listened", "withdrawn"), ("apologized", "withdrawn"), ("verified", "withdrawn"),
    ("remedy_agreed", "withdrawn"), ("remedy_done", "withdrawn"),
}


@pytest.mark.parametrize(("state", "target"), sorted(itertools.product(COMPLAINT_STATE, COMPLAINT_STATE)))
def test_every_transition(state, target):
    expected = (state, target) in ALLOWED
    assert flow.can_transition(state, target) is expected
    if expected:
        flow.require_transition(state, target)
    else:
        with pytest.raises(HotelCrmError) as err:
            flow.require_transition(state, target)
        final = state in ("closed", "withdrawn")
        assert err.value.code == ("complaint_read_only" if final else "complaint_step_order")


def test_the_six_steps_in_order():
    state = "listened"
    walked = [state]
    while (nxt := flow.next_step(state)) is not None:
        state = nxt
        walked.append(state)
    assert tuple(walked) == COMPLAINT_STEPS
    assert flow.next_step("withdrawn") is None
    assert [flow.step_index(s) for s in COMPLAINT_STEPS] == [1, 2, 3, 4, 5, 6]


def test_skipping_names_the_step_expected():
    with pytest.raises(HotelCrmError) as err:
        flow.require_transition("apologized", "remedy_agreed")
    assert err.value.params["expected"] == "verified"


def test_final_states_are_read_only():
    for state in ("closed", "withdrawn"):
        assert not flow.is_open(state)
        assert flow.allowed_targets(state) == ()
        with pytest.raises(HotelCrmError, match="complaint_read_only"):
            flow.require_open(state)
    flow.require_open("verified")


def test_unknown_state_refused():
    with pytest.raises(ValidationError):
        flow.next_step("lost")
    with pytest.raises(ValidationError):
        flow.can_transition("listened", "lost")


def test_what_each_step_requires():
    assert set(flow.STEP_FIELDS) == set(COMPLAINT_STEPS)
    assert "satisfaction" in flow.STEP_FIELDS["closed"]
    assert flow.RECORD_STEPS == ("listened", "apologized")
