"""Which pages a request asks: the phase only when the register does not give it; a governance
package only for a national leader of governance at a school eligible for one."""

import pytest
from django.urls import reverse

from domain.commissioning.models import SupportRequest
from domain.commissioning.request_services import NLG_NOT_ELIGIBLE
from domain.organisations.models import OrganisationKind
from tests import factories

from .helpers import answers, errors, go_through, main_text, soup, step_of

pytestmark = pytest.mark.django_db

NEW, CHECK = reverse("requests:new"), reverse("requests:check")


def page(step: str, change=False) -> str:
    return reverse("requests:question", kwargs={"step": step}) + ("?change=1" if change else "")


def school_near(demo, **fields):
    return factories.SchoolFactory(region=demo["larchwood"].region, la_name="Leeds", **fields)


def referral(school, **changes):
    return answers(school, referrer_kind="local_authority", **changes)


def test_the_phase_is_asked_only_when_the_register_does_not_give_it(demo, as_person):
    client = as_person("commissioner")
    unknown = school_near(demo, phase="Not applicable", type_name="Other independent school")
    assert step_of(client.post(page("school"), {"school": str(unknown.pk)})["Location"]) == "phase"
    refused = client.post(page("phase"), {})
    assert errors(refused) == ["Choose the phase of the school"]
    assert client.post(page("phase"), {"phase": "secondary"})["Location"] == page("asking")
    go_through(client, NEW, referral(unknown))
    assert "Secondary" in main_text(client.get(CHECK))
    # Another school, whose register record gives the phase: the phase page no longer applies.
    client.post(page("school", change=True), {"school": str(demo["larchwood"].pk)})
    assert client.get(page("phase"))["Location"] == CHECK
    assert "phase" not in client.session["commissioning_request_draft"]


def test_a_governance_leader_at_an_eligible_school_chooses_a_package(demo, as_person):
    client = as_person("commissioner")
    eligible = school_near(demo, ofsted_grade=3)  # maintained, requires improvement
    data = referral(eligible, role_sought="nlg", days="3", nlg_package="maintained")
    response = go_through(client, NEW, data, until="package")
    assert step_of(response["Location"]) == "package", "after funding"
    offered = [i["value"] for i in soup(client.get(page("package"))).select("input[name=nlg_package]")]
    assert offered == ["maintained"], "only the packages the school is eligible for"
    assert errors(client.post(page("package"), {"nlg_package": "trust"})) == [
        "Choose a support package for a national leader of governance"
    ]
    assert client.post(page("package"), {"nlg_package": "maintained"})["Location"] == page("alliance")
    go_through(client, NEW, data)
    assert "Support package" in main_text(client.get(CHECK))
    client.post(CHECK)
    created = SupportRequest.objects.latest("pk")
    assert (created.role_sought, created.nlg_package, created.client_school) == ("nlg", "maintained", eligible)


def test_a_package_too_short_for_the_days_is_refused_on_its_page(demo, as_person):
    client = as_person("commissioner")
    data = referral(school_near(demo, ofsted_grade=3), role_sought="nlg", days="6")
    go_through(client, NEW, data, until="package")
    assert errors(client.post(page("package"), {"nlg_package": "maintained"})) == [
        "This package gives at most 3 days of support"
    ]


def test_a_trust_package_is_for_an_academy_whose_trust_is_known(demo, as_person):
    client = as_person("commissioner")
    academy = school_near(demo, type_name="Academy converter", trust_code="TR09999")
    factories.OrganisationFactory(kind=OrganisationKind.TRUST, code="TR09999", name="Wharfe Trust")
    go_through(client, NEW, referral(academy, role_sought="nlg", days="5"), until="package")
    offered = [i["value"] for i in soup(client.get(page("package"))).select("input[name=nlg_package]")]
    assert offered == ["trust", "trust_extended"]
    client.post(page("package"), {"nlg_package": "trust"})
    go_through(client, NEW, referral(academy, role_sought="nlg", days="5"))
    client.post(CHECK)
    created = SupportRequest.objects.latest("pk")
    assert (created.nlg_package, created.client_trust.code) == ("trust", "TR09999")


def test_no_package_page_for_another_leader_and_none_stored(demo, as_person):
    client = as_person("commissioner")
    eligible = school_near(demo, ofsted_grade=3)
    data = referral(eligible, role_sought="nlg", days="3", nlg_package="maintained")
    go_through(client, NEW, data)
    assert client.session["commissioning_request_draft"]["nlg_package"] == "maintained"
    # Changed to a specialist leader: the package page is skipped and its answer dropped.
    assert client.post(page("leader", change=True), {"role_sought": "sle"})["Location"] == CHECK
    assert "nlg_package" not in client.session["commissioning_request_draft"]
    assert client.get(page("package"))["Location"] == CHECK
    assert "Support package" not in main_text(client.get(CHECK))
    # Back to a governance leader: the package is asked again, then check answers.
    assert client.post(page("leader", change=True), {"role_sought": "nlg"})["Location"] == page("package", change=True)


def test_a_governance_leader_for_a_school_eligible_for_no_package_is_refused_on_its_page(demo, as_person):
    client = as_person("commissioner")
    go_through(client, NEW, referral(demo["larchwood"]), until="leader")  # good, maintained: no package
    assert errors(client.post(page("leader"), {"role_sought": "nlg"})) == [NLG_NOT_ELIGIBLE]
