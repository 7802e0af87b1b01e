"""The request's phase comes from the school's register record; asked only when the register
does not say."""

import pytest

from domain.commissioning.phases import request_phase
from domain.schools.models import School


@pytest.mark.parametrize(
    ("phase", "type_name", "expected"),
    [
        ("Nursery", "Local authority nursery school", "early_years"),
        ("Primary", "Community school", "primary"),
        ("Middle deemed primary", "Community school", "primary"),
        ("Secondary", "Academy converter", "secondary"),
        ("Middle deemed secondary", "Foundation school", "secondary"),
        ("16 plus", "Sixth form centres", "post_16"),
        ("All-through", "Academy sponsor led", "all_through"),
        ("  primary ", "", "primary"),
        ("Not applicable", "Community special school", "special"),
        ("Not applicable", "Academy special converter", "special"),
        ("Not applicable", "Pupil referral unit", "alternative_provision"),
        ("Not applicable", "Academy alternative provision converter", "alternative_provision"),
        ("Not applicable", "Other independent school", ""),
        ("", "", ""),
    ],
)
def test_the_register_phase_is_the_requests_phase(phase, type_name, expected):
    assert request_phase(School(phase=phase, type_name=type_name)) == expected


def test_no_school_has_no_phase():
    assert request_phase(None) == ""
