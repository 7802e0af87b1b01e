"""Issue 6, "Done when": a matrix test that a concern is invisible to everyone who should not see
it. On the demo deployment, for a concern raised by the leader and one raised by the client, each
person either opens the concern's page (200) and finds its summary on the deployment's page, or gets
404 and finds no trace of it: not on the deployment's page, not in a notification. The commissioner
sees a concern only once the alliance has escalated it."""

import pytest
from django.test import Client
from django.urls import reverse
from markupsafe import escape

from demo.deployments_reviews import CONCERN_SUMMARY
from demo.region import build_demo_region
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.deployments.concern_services import concern_escalate, concern_raise
from domain.deployments.models import Concern, ConcernSeverity, Deployment
from domain.notifications.models import Notification
from domain.organisations.models import Organisation
from tests import factories
from tests.conftest import person_in_role, sign_in

CLIENT_SUMMARY = "The leader's notes of visit arrive weeks late"

# Who sees which concern: "leader's" (raised by the leader) and "client's" (raised by the client).
BEFORE = {
    "leader": {"leader's": True, "client's": False},
    "client": {"leader's": False, "client's": True},
    "coordinator": {"leader's": True, "client's": True},
    "representative": {"leader's": True, "client's": True},
    "commissioner": {"leader's": False, "client's": False},
    "panel member": {"leader's": False, "client's": False},
    "another alliance's coordinator": {"leader's": False, "client's": False},
    "another school's contact": {"leader's": False, "client's": False},
}
# Once both are escalated, the commissioner sees them too; nobody else's view changes.
AFTER = {**BEFORE, "commissioner": {"leader's": True, "client's": True}}


@pytest.fixture
def people(db):
    build_demo_region()
    by_email = {u.email: u for u in User.objects.all()}
    other_school = factories.SchoolFactory()
    other_school_org = factories.OrganisationFactory(kind="school", name=other_school.name, school=other_school)
    return {
        "leader": by_email["system.leader@demo.test"],
        "client": by_email["school.contact@demo.test"],
        "coordinator": by_email["coordinator@demo.test"],
        "representative": by_email["regional.lead@demo.test"],
        "commissioner": by_email["commissioner@demo.test"],
        "panel member": by_email["panel.member@demo.test"],
        "another alliance's coordinator": by_email["hub.coordinator@demo.test"],
        "another school's contact": person_in_role(Role.SCHOOL_CONTACT, organisation=other_school_org),
    }


@pytest.fixture
def concerns(people):
    deployment = Deployment.objects.get()
    leaders = Concern.objects.get(deployment=deployment, summary=CONCERN_SUMMARY)
    clients = concern_raise(
        actor=people["client"],
        deployment=deployment,
        severity=ConcernSeverity.LOW,
        summary=CLIENT_SUMMARY,
        details="The last two notes came a month after the visits.",
    )
    return {"leader's": leaders, "client's": clients}


def what_each_person_finds(people, concerns) -> dict:
    found = {}
    for name, person in people.items():
        client = sign_in(Client(), person)
        deployment = next(iter(concerns.values())).deployment
        page = client.get(reverse("deployments:detail", kwargs={"deployment_id": deployment.pk}))
        html = page.content.decode() if page.status_code == 200 else ""
        found[name] = {}
        for which, concern in concerns.items():
            status = client.get(
                reverse("deployments:concern-detail", kwargs={"deployment_id": deployment.pk, "concern_id": concern.pk})
            ).status_code
            on_page = str(escape(concern.summary)) in html
            told = Notification.objects.filter(user=person, body__contains=concern.summary).exists()
            assert status in (200, 404), f"{name} got {status} for the {which} concern"
            found[name][which] = (status == 200, on_page, told)
    return found


def expected(table) -> dict:
    # A person who may see a concern opens it and finds it on the deployment's page; one who may
    # not gets 404, does not find it, and was never told of it. (Whether a viewer was told
    # depends on their part, so it is checked only for those who may not see it.)
    return {
        name: {which: (sees, sees, None if sees else False) for which, sees in row.items()}
        for name, row in table.items()
    }


def compare(found, table):
    want = expected(table)
    wrong = {}
    for name, row in want.items():
        for which, (page, on_page, told) in row.items():
            got = found[name][which]
            if got[0] != page or got[1] != on_page or (told is not None and got[2] != told):
                wrong[f"{name} / {which}"] = f"expected page={page} listed={on_page} told={told}, got {got}"
    return wrong


def test_a_concern_is_invisible_to_everyone_who_should_not_see_it(people, concerns):
    assert compare(what_each_person_finds(people, concerns), BEFORE) == {}


def test_the_commissioner_sees_a_concern_only_once_escalated(people, concerns):
    for concern in concerns.values():
        concern_escalate(actor=people["coordinator"], concern=concern, reason="The authority needs to know")
    assert compare(what_each_person_finds(people, concerns), AFTER) == {}


def test_the_demo_concern_is_the_leaders_open_medium_one(concerns):
    concern = concerns["leader's"]
    assert (concern.raised_by.email, concern.severity, concern.status, concern.escalated_at) == (
        "system.leader@demo.test",
        ConcernSeverity.MEDIUM,
        "open",
        None,
    )
    assert Organisation.objects.filter(pk=concern.deployment.organisation_id, code="DEMO-TSA1").exists()
