"""The contract pages: reading and agreeing a version, the alliance's drafting pages, the PDF, and
404 or 403 for those who may not see or take a step."""

from decimal import Decimal

import pytest
from django.urls import reverse

from domain.accounts.roles import Role
from domain.deployments.models import ContractAgreement, ContractVersion, ContractView, ImpactMeasure
from domain.deployments.workflows import DeploymentStatus
from tests.conftest import person_in_role, sign_in
from tests.deployments.contract.helpers import MEASURE, agree, agree_all, draft_of, proposed, ready_draft

pytestmark = pytest.mark.django_db


def _url(name, cast, **kwargs):
    return reverse(f"deployments:{name}", kwargs={"deployment_id": cast.deployment.pk, **kwargs})


def _terms_post(**changes) -> dict:
    data = {
        "action_plan": "Coach the headteacher",
        "schedule": "One day a fortnight",
        "days": "4.5",
        "starts_on-day": "1",
        "starts_on-month": "12",
        "starts_on-year": "2026",
        "ends_on-day": "22",
        "ends_on-month": "3",
        "ends_on-year": "2027",
        "payer": "client",
        "payer_name": "The school",
        "day_rate": "450",
        "leader_school_rate": "350",
    }
    return {**data, **changes}


def test_a_party_reads_the_proposed_version_and_is_recorded_as_having_seen_it(client, cast):
    version = proposed(cast)
    page = sign_in(client, cast.client).get(_url("contract", cast))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Contract and action plan, version 1" in html
    assert MEASURE["baseline"] in html
    assert "I have read version 1 and agree to it" in html
    assert "£450.00" in html
    assert ContractView.objects.filter(contract=version, person=cast.client).exists()


def test_a_party_agrees_after_confirming(client, cast):
    version = proposed(cast)
    signed = sign_in(client, cast.client)
    signed.get(_url("contract", cast))
    url = _url("contract-agree", cast, number=1)
    missing = signed.post(url, {"party": "client", "client-digest": version.digest})
    assert missing.status_code == 200
    assert "Confirm that you have read version 1 and agree to it" in missing.content.decode()
    assert not ContractAgreement.objects.exists()
    done = signed.post(url, {"party": "client", "client-digest": version.digest, "client-confirm": "on"})
    assert done.status_code == 302
    assert list(ContractAgreement.objects.values_list("party", "person_id")) == [("client", cast.client.pk)]


def test_agreeing_with_a_stale_digest_shows_why_and_changes_nothing(client, cast):
    proposed(cast)
    signed = sign_in(client, cast.leader)
    signed.get(_url("contract", cast))
    page = signed.post(
        _url("contract-agree", cast, number=1), {"party": "leader", "leader-digest": "f" * 64, "leader-confirm": "on"}
    )
    assert page.status_code == 200
    assert "Read version 1 and agree again" in page.content.decode()
    assert not ContractAgreement.objects.exists()


def test_agreeing_for_another_side_is_forbidden(client, cast):
    version = proposed(cast)
    page = sign_in(client, cast.leader).post(
        _url("contract-agree", cast, number=1),
        {"party": "client", "client-digest": version.digest, "client-confirm": "on"},
    )
    assert page.status_code == 403
    assert not ContractAgreement.objects.exists()


def test_when_the_last_party_agrees_the_deployment_starts(client, cast):
    version = proposed(cast)
    for party in ("client", "leader", "alliance"):
        agree(cast, version, party)
    signed = sign_in(client, cast.commissioner)
    signed.get(_url("contract", cast))
    signed.post(
        _url("contract-agree", cast, number=1),
        {"party": "commissioner", "commissioner-digest": version.digest, "commissioner-confirm": "on"},
    )
    assert cast.refresh().status == DeploymentStatus.ACTIVE
    page = signed.get(_url("contract", cast)).content.decode()
    assert "Every party agreed this version" in page


def test_someone_else_gets_404(client, cast):
    proposed(cast)
    stranger = person_in_role(Role.TSA_COORDINATOR)
    signed = sign_in(client, stranger)
    for name, extra in [("contract", {}), ("contract-version", {"number": 1}), ("contract-pdf", {"number": 1})]:
        assert signed.get(_url(name, cast, **extra)).status_code == 404
    assert signed.get(_url("contract-terms", cast)).status_code == 404


def test_the_parties_cannot_use_the_alliances_pages(client, cast):
    measure = ImpactMeasure.objects.create(contract=draft_of(cast), **MEASURE)
    signed = sign_in(client, cast.client)
    for name, extra in [
        ("contract-terms", {}),
        ("contract-measure-add", {}),
        ("contract-measure-change", {"measure_id": measure.pk}),
        ("contract-measure-remove", {"measure_id": measure.pk}),
        ("contract-propose", {}),
        ("contract-change", {}),
        ("contract-withdraw", {}),
    ]:
        assert signed.get(_url(name, cast, **extra)).status_code == 403, name


def test_a_draft_is_not_shown_to_the_parties(client, cast):
    ready_draft(cast)
    page = sign_in(client, cast.client).get(_url("contract", cast))
    assert "is drawing up the contract" in page.content.decode()
    assert sign_in(client, cast.leader).get(_url("contract-version", cast, number=1)).status_code == 404


def test_the_alliance_edits_the_terms(client, cast):
    signed = sign_in(client, cast.coordinator)
    assert signed.get(_url("contract-terms", cast)).status_code == 200
    response = signed.post(_url("contract-terms", cast), _terms_post())
    assert response.status_code == 302
    assert draft_of(cast).days == Decimal("4.5")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"days": ""}, "Enter the number of days"),
        ({"days": "four"}, "The number of days must be a number, like 4 or 4.5"),
        ({"ends_on-month": "13"}, "The end date must be a real date"),
        ({"payer": ""}, "Select who pays"),
        ({"payer_name": ""}, "Enter the name of the school, trust or body that pays"),
        ({"day_rate": "lots"}, "The day rate must be an amount of money"),
        ({"leader_school_rate": "500"}, "must be the same as or less than the day rate"),
        ({"ends_on-year": "2026", "ends_on-month": "11", "ends_on-day": "30"}, "same as or after the start date"),
    ],
)
def test_bad_terms_show_an_error_and_change_nothing(client, cast, changes, message):
    before = draft_of(cast).days
    page = sign_in(client, cast.coordinator).post(_url("contract-terms", cast), _terms_post(**changes))
    html = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in html
    assert message.replace("'", "&#39;") in html
    assert draft_of(cast).days == before


def test_the_alliance_adds_changes_and_removes_measures(client, cast):
    signed = sign_in(client, cast.coordinator)
    empty = signed.post(_url("contract-measure-add", cast), {**MEASURE, "baseline": ""})
    assert "Enter the baseline" in empty.content.decode()
    assert signed.post(_url("contract-measure-add", cast), MEASURE).status_code == 302
    measure = ImpactMeasure.objects.get()
    signed.post(_url("contract-measure-change", cast, measure_id=measure.pk), {**MEASURE, "target": "70%"})
    assert ImpactMeasure.objects.get().target == "70%"
    assert signed.get(_url("contract-measure-remove", cast, measure_id=measure.pk)).status_code == 200
    signed.post(_url("contract-measure-remove", cast, measure_id=measure.pk))
    assert not ImpactMeasure.objects.exists()


def test_sending_without_a_measure_says_why(client, cast):
    signed = sign_in(client, cast.coordinator)
    signed.post(_url("contract-terms", cast), _terms_post())
    page = signed.post(_url("contract-propose", cast))
    assert "Add at least one objective" in page.content.decode()
    assert draft_of(cast).status == "draft"


def test_the_alliance_checks_and_sends_the_draft(client, cast):
    ready_draft(cast)
    signed = sign_in(client, cast.coordinator)
    check = signed.get(_url("contract-propose", cast))
    assert "Check the contract before you send it" in check.content.decode()
    assert signed.post(_url("contract-propose", cast)).status_code == 302
    assert ContractVersion.objects.get().status == "proposed"
    # Nothing left to edit: the draft-only pages go back to the contract.
    assert signed.get(_url("contract-terms", cast)).url == _url("contract", cast)


def test_a_change_makes_a_new_version_after_a_summary(client, cast):
    agree_all(cast, proposed(cast))
    signed = sign_in(client, cast.coordinator)
    empty = signed.post(_url("contract-change", cast), {"summary": ""})
    assert "Enter what changes in the new version" in empty.content.decode()
    assert signed.post(_url("contract-change", cast), {"summary": "Two more days"}).status_code == 302
    assert list(ContractVersion.objects.order_by("number").values_list("number", "status")) == [
        (1, "agreed"),
        (2, "draft"),
    ]
    # The parties still read the agreed version; the alliance reads the draft from its link.
    assert "version 1" in sign_in(client, cast.leader).get(_url("contract", cast)).content.decode()


def test_the_alliance_withdraws_a_proposed_version_saying_why(client, cast):
    proposed(cast)
    signed = sign_in(client, cast.coordinator)
    empty = signed.post(_url("contract-withdraw", cast), {"reason": ""})
    assert "Enter why you are withdrawing this version" in empty.content.decode()
    signed.post(_url("contract-withdraw", cast), {"reason": "Wrong dates"})
    assert ContractVersion.objects.get().status == "withdrawn"


def test_the_pdf_of_a_sent_version(client, cast):
    agree_all(cast, proposed(cast))
    response = sign_in(client, cast.client).get(_url("contract-pdf", cast, number=1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="contract-{cast.deployment.reference}-v1.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_the_pdf_text_names_the_school(cast):
    from web.deployments.contract_pdf import pdf_html

    version = agree_all(cast, proposed(cast))
    html = pdf_html(cast.refresh(), version)
    assert cast.deployment.client_school.display_name in html
    assert "£450.00" in html and MEASURE["target"] in html


def test_a_draft_has_no_pdf(client, cast):
    ready_draft(cast)
    assert sign_in(client, cast.coordinator).get(_url("contract-pdf", cast, number=1)).status_code == 404


def test_the_deployment_page_shows_the_contract_and_who_must_agree(client, cast):
    version = proposed(cast)
    agree(cast, version, "leader")
    page = sign_in(client, cast.client).get(reverse("deployments:detail", kwargs={"deployment_id": cast.deployment.pk}))
    html = page.content.decode()
    assert "Contract and action plan" in html
    assert "Still to agree: Client school, Brokering alliance, Commissioner" in html
    assert "Read and agree version 1 of the contract" in html


def test_the_version_page_runs_a_constant_number_of_queries(client, cast):
    from domain.deployments import contract_services as services
    from tests.queries import assert_constant_queries

    agree_all(cast, proposed(cast))
    signed = sign_in(client, cast.coordinator)
    url = _url("contract", cast)
    signed.get(url)

    def grow():
        draft = services.contract_change(actor=cast.coordinator, deployment=cast.deployment, summary="A change")
        services.measure_add(actor=cast.coordinator, contract=draft, values=MEASURE)
        agree_all(cast, services.contract_propose(actor=cast.coordinator, contract=draft))
        signed.get(url)  # seen once, as the page does

    response = assert_constant_queries(lambda: signed.get(url), grow)
    assert response.status_code == 200
