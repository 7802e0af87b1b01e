"""The NLG support packages of seed 003 and who may have them."""

from decimal import Decimal

import pytest

from domain.commissioning import request_services as requests
from domain.commissioning.errors import RequestInvalid
from domain.commissioning.packages import PACKAGES, is_academy, package_problem, packages_for

from . import builders as b

pytestmark = pytest.mark.django_db


def nlg(**changes):
    return b.values(role_sought="nlg", needs=["curriculum_leadership"], **changes)


def errors_of(values, school):
    with pytest.raises(RequestInvalid) as caught:  # noqa: PT011 - a helper for many refusals: each caller names its own
        requests.request_check(values, school=school)
    return caught.value.errors


def test_the_packages_of_seed_003():
    assert {code: (p.days, p.extra_days, p.for_trust) for code, p in PACKAGES.items()} == {
        "maintained": (Decimal(3), Decimal(0), False),
        "trust": (Decimal(5), Decimal(0), True),
        "trust_extended": (Decimal(5), Decimal(5), True),
    }


def test_a_maintained_school_requiring_improvement_gets_the_3_day_package():
    organisation, _ = b.alliance_with_coordinator()
    client = b.school(ofsted_grade=3)
    request = requests.request_submit(
        actor=None,
        school=client,
        values=nlg(nlg_package="maintained", days="3"),
        referrer_kind="governing_body",
        preferred_organisation=organisation,
        route="referral",
    )
    request.refresh_from_db()
    assert (request.role_sought, request.nlg_package, request.days, request.client_trust) == (
        "nlg",
        "maintained",
        Decimal(3),
        None,
    )


def test_the_3_day_package_gives_at_most_3_days():
    assert errors_of(nlg(nlg_package="maintained", days="3.5"), b.school()) == {
        "nlg_package": "This package gives at most 3 days of support"
    }


@pytest.mark.parametrize(
    "fields",
    [
        {"trust_code": "TR01234", "type_name": "Community school"},
        {"type_name": "Academy converter"},
        {"type_name": "Academy sponsor led"},
        {"type_name": "Free schools"},
    ],
)
def test_an_academy_is_refused_the_maintained_package(fields):
    academy = b.school(**fields)
    assert is_academy(academy)
    assert errors_of(nlg(nlg_package="maintained", days="3"), academy) == {
        "nlg_package": "The 3-day package is for maintained schools; an academy's trust asks for a trust package"
    }


@pytest.mark.parametrize("grade", [1, 2, 4, None])
def test_the_maintained_package_is_for_schools_requiring_improvement(grade):
    errors = errors_of(nlg(nlg_package="maintained", days="3"), b.school(ofsted_grade=grade))
    assert errors["nlg_package"].startswith("The 3-day package is for maintained schools whose current Ofsted")


def test_the_maintained_package_is_not_for_a_trust():
    errors = errors_of(nlg(nlg_package="maintained", days="3", client_trust=b.trust()), b.school())
    assert errors == {
        "nlg_package": "The 3-day package is for maintained schools; an academy's trust asks for a trust package"
    }


@pytest.mark.parametrize("code", ["trust", "trust_extended"])
def test_a_trust_package_needs_the_trust(code):
    academy = b.school(trust_code="TR01234")
    assert errors_of(nlg(nlg_package=code, days="5"), academy) == {
        "nlg_package": "Choose the trust: this package is for a trust's board"
    }


@pytest.mark.parametrize(("code", "most"), [("trust", "5"), ("trust_extended", "10")])
def test_a_trust_package_up_to_its_days(code, most):
    academy, board = b.school(trust_code="TR01234"), b.trust(name="Pennine Learning Trust")
    cleaned = requests.request_check(nlg(nlg_package=code, days=most, client_trust=board), school=academy)
    assert (cleaned["nlg_package"], cleaned["client_trust"], cleaned["days"]) == (code, board, Decimal(most))
    over = str(Decimal(most) + Decimal("0.5"))
    assert errors_of(nlg(nlg_package=code, days=over, client_trust=board), academy) == {
        "nlg_package": f"This package gives at most {most} days of support"
    }


def test_a_trust_package_request_keeps_the_trust():
    organisation, _ = b.alliance_with_coordinator()
    board = b.trust()
    request = requests.request_submit(
        actor=None,
        school=b.school(trust_code="TR01234"),
        values=nlg(nlg_package="trust_extended", days="8", client_trust=board),
        referrer_kind="trust",
        referrer_organisation=board,
        preferred_organisation=organisation,
        route="referral",
    )
    request.refresh_from_db()
    assert (request.nlg_package, request.client_trust, request.days) == ("trust_extended", board, Decimal(8))


def test_an_nlg_request_needs_a_package():
    assert errors_of(nlg(days="3"), b.school()) == {
        "nlg_package": "Choose a support package for a national leader of governance"
    }


@pytest.mark.parametrize("role", ["lle", "sle", "nle"])
def test_a_package_for_another_role_is_refused(role):
    errors = errors_of(b.values(role_sought=role, nlg_package="maintained", days="3"), b.school())
    assert errors == {"nlg_package": "A support package is for a national leader of governance only"}


def test_an_nlg_request_with_bad_days_is_also_told_to_choose_a_package():
    """Every error at once: a missing package is not held back until the days are right."""
    errors = errors_of(nlg(days="lots"), b.school())
    assert set(errors) == {"days", "nlg_package"}


def test_package_problem_on_its_own():
    maintained = b.school(ofsted_grade=3)
    assert package_problem("maintained", school=maintained, client_trust=None, days=Decimal(3)) is None
    assert package_problem("unknown", school=maintained, client_trust=None, days=Decimal(3)) == (
        "Choose a support package for a national leader of governance"
    )


def test_the_packages_a_school_is_eligible_for():
    assert packages_for(b.school(ofsted_grade=3), trust=None) == ["maintained"]
    assert packages_for(b.school(ofsted_grade=2), trust=None) == []
    academy = b.school(trust_code="TR05678")
    assert packages_for(academy, trust=None) == [], "an academy whose trust the service does not know"
    assert packages_for(academy, trust=b.trust(code="TR05678")) == ["trust", "trust_extended"]
    assert packages_for(None, trust=None) == []


def test_an_nlg_for_a_school_eligible_for_no_package_is_refused_on_the_kind_of_leader():
    errors = errors_of(nlg(days="3"), b.school(ofsted_grade=2))
    assert errors == {"role_sought": requests.NLG_NOT_ELIGIBLE}
    assert "choose another kind of system leader" in requests.NLG_NOT_ELIGIBLE


def test_an_academy_whose_trust_is_known_may_have_an_nlg():
    academy = b.school(trust_code="TR04321")
    b.trust(code="TR04321")
    assert errors_of(nlg(days="3"), academy) == {
        "nlg_package": "Choose a support package for a national leader of governance"
    }
