"""The designation pages: the list a coordinator manages, a designation's page, and its changes."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from domain.designation.models import Designation
from tests.conftest import person_in_role
from tests.designation.life.helpers import designate, tsa_with_coordinator
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def names_listed(response) -> list[str]:
    return [a.get_text(strip=True) for a in BeautifulSoup(response.content, "html.parser").select("td a")]


def test_a_coordinator_lists_only_their_alliance_s_designations(client, signed_in):
    tsa, coordinator = tsa_with_coordinator()
    ours = designate(organisation=tsa)
    theirs = designate(organisation=tsa_with_coordinator()[0])
    response = signed_in(coordinator).get(reverse("portal:designations"))
    assert names_listed(response) == [ours.person.full_name]
    url = reverse("portal:designation", kwargs={"designation_id": theirs.pk})
    assert client.get(url).status_code == 404
    change = reverse("portal:designation-change", kwargs={"designation_id": theirs.pk, "event": "suspend"})
    assert client.post(change, {"reason": "Not ours"}).status_code == 404
    assert Designation.objects.get(pk=theirs.pk).status == "active"


def test_the_list_runs_the_same_queries_however_long(client, signed_in):
    tsa, coordinator = tsa_with_coordinator()
    designate(organisation=tsa)
    signed_in(coordinator)
    response = assert_constant_queries(
        lambda: client.get(reverse("portal:designations")), lambda: designate(organisation=tsa), times=3
    )
    assert len(names_listed(response)) == 4


def test_de_designating_needs_a_reason_from_the_list_and_an_explanation(client, signed_in):
    tsa, coordinator = tsa_with_coordinator()
    designation = designate(organisation=tsa)
    signed_in(coordinator)
    url = reverse("portal:designation-change", kwargs={"designation_id": designation.pk, "event": "de_designate"})
    refused = client.post(url, {"reason": "Stopped answering"})
    soup = BeautifulSoup(refused.content, "html.parser")
    summary = [a.get_text(strip=True) for a in soup.select(".govuk-error-summary__list a")]
    assert "Choose why the leader is being de-designated" in summary
    # The summary links to the first radio, which carries the field's own id.
    assert soup.select_one(".govuk-error-summary__list a")["href"] == "#id_reason_code"
    assert soup.find(id="id_reason_code") is not None
    assert Designation.objects.get(pk=designation.pk).status == "active"

    refused = client.post(url, {"reason_code": "inactivity", "reason": ""})
    assert refused.status_code == 200
    assert Designation.objects.get(pk=designation.pk).status == "active"

    done = client.post(url, {"reason_code": "inactivity", "reason": "No deployments or training for two years"})
    assert done.url == reverse("portal:designation", kwargs={"designation_id": designation.pk})
    designation.refresh_from_db()
    assert (designation.status, designation.end_reason_code) == ("de_designated", "inactivity")
    page = client.get(done.url).content.decode()
    assert "Lack of activity or engagement: No deployments or training for two years" in page


def test_suspend_then_reinstate(client, signed_in):
    tsa, coordinator = tsa_with_coordinator()
    designation = designate(organisation=tsa)
    signed_in(coordinator)
    suspend = reverse("portal:designation-change", kwargs={"designation_id": designation.pk, "event": "suspend"})
    assert "Enter a reason to suspend the designation" in client.post(suspend, {"reason": ""}).content.decode()
    page = client.post(suspend, {"reason": "Investigation"}, follow=True).content.decode()
    assert Designation.objects.get(pk=designation.pk).status == "suspended"
    assert f"The designation of {designation.person} is now suspended" in page
    assert "Reinstate the designation" in page and "Suspend the designation" not in page
    reinstate = reverse("portal:designation-change", kwargs={"designation_id": designation.pk, "event": "reinstate"})
    client.post(reinstate, {"reason": ""})
    assert Designation.objects.get(pk=designation.pk).status == "active"


def test_steps_the_page_does_not_offer_answer_404(client, signed_in):
    tsa, coordinator = tsa_with_coordinator()
    designation = designate(organisation=tsa)
    signed_in(coordinator)
    for event in ("lapse", "redesignate", "promote"):
        url = reverse("portal:designation-change", kwargs={"designation_id": designation.pk, "event": event})
        assert client.get(url).status_code == 404


def test_a_system_leader_cannot_use_the_designation_pages(client, signed_in):
    signed_in(person_in_role(Role.SYSTEM_LEADER))
    assert client.get(reverse("portal:designations")).status_code == 403
