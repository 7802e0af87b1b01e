"""Ending a membership ends at once every access it gave (issue 12, go-live).

For each demo role, the demo person's membership(s) are ended through the service; then every URL
of the URL x role matrix that gave that role a 200 is requested again and must now be refused
(302 to sign-in, 403 or 404), except the pages any signed-in person may use, listed below with
the reason. The actions the role could take on the deployment (POST) are refused too, and change
nothing.

The leader of a deployment (and of an offer, a booking, an application, a pen portrait) is the
person themself, not a membership: their access to their own records follows their person and
outlives the role that got them there. So the system leader keeps their own records (listed
below), while the people who spoke for an organisation lose what they saw through it."""

import pytest
from django.urls import reverse

from domain.accounts.models import Membership, User
from domain.accounts.roles import Role
from domain.accounts.services import membership_change
from domain.accounts.workflows import MembershipStatus
from tests.architecture.test_url_matrix import ANON, MATRIX, client_for, url_kwargs, world  # noqa: F401

# Part of the URL x role matrix: CI runs it on SQLite only (.ci/run).
pytestmark = pytest.mark.matrix

REFUSED = {302, 403, 404, 405}

# Pages any signed-in person may use, whatever their memberships: they show the person's own
# account, or lists that hold only the person's own records (checked below to drop the ended
# organisation's).
ANY_SIGNED_IN = {
    "portal:home": "the home page; its things to do no longer name the organisation's records (checked below)",
    "portal:notifications": "the person's own notifications",
    "accounts:account": "the person's own account",
    "accounts:sign-out": "the person signs themself out (the page asks before a button signs out)",
    "accounts:password-change": "the person's own password",
    "accounts:password-change-done": "the person's own password",
    "accounts:two-factor-setup": "the person's own second factor (a person with no staff role may set one up)",
    "recruitment:applications": "the person's own applications; anyone may apply",
    "recruitment:open-rounds": "the rounds open for applications; anyone may apply",
    "recruitment:application-start": "anyone may apply to an open round",
    "requests:new": "anyone signed in may ask for support for a school or refer one (seed 002)",
    "requests:question": "anyone signed in may ask for support for a school or refer one (seed 002)",
    "requests:list": "the person's own requests (checked below to drop the organisation's)",
    "deployments:list": "the person's own deployments (checked below to drop the organisation's)",
    "offers:list": "the person's own offers (checked below to drop the organisation's)",
    "events:list": "the events open to book; anyone signed in may book for themself",
    "events:event": "an event open to book; anyone signed in may book for themself",
    "events:event-calendar": "an event open to book, as a calendar file",
    "events:event-confirm": "the check page of booking a place at an event open to book, for themself",
    "events:cpd-export": "the person's own CPD record",
    "events:bookings": "the person's own bookings",
    "events:cpd": "the person's own CPD record",
    "selection:to-assess": "the person's own panel seats (the list is empty for someone on no panel)",
}

# What the system leader keeps after their role ends: records of their own person. Each is theirs
# because they are its leader, applicant, delegate or author, not because of a membership.
LEADERS_OWN = {
    "deployments:": "they lead the deployment themself (Deployment.leader): it follows their person",
    "recruitment:application": "their own application",
    "selection:appeal": "their own application",
    "offers:": "the offer was made to them in person",
    "requests:detail": "the request whose offer was made to them in person",
    "leader:": "their own association, pen portrait and availability as a person",
    "events:": "their own bookings",
    "portal:designation": "their own designation",
    "portal:review": "the review of their own designation, and their appeal",
}


def _public(name) -> bool:
    """The public pages: anyone may open them, signed in or not."""
    return MATRIX[name].get(ANON) == 200


def _kept(role, name) -> str | None:
    if _public(name):
        return "public"
    if name in ANY_SIGNED_IN:
        return ANY_SIGNED_IN[name]
    if role == Role.SYSTEM_LEADER:
        for prefix, reason in LEADERS_OWN.items():
            if name.startswith(prefix):
                return reason
    return None


def _end_memberships(email) -> User:
    user = User.objects.get(email=email)
    for membership in Membership.objects.filter(user=user).exclude(status=MembershipStatus.ENDED):
        membership_change(actor=None, membership=membership, event="end", reason="Left the organisation")
    return user


def _email_of(role) -> str:
    from demo.region import PEOPLE

    return next(p.email for p in PEOPLE if p.role == role)


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.SYSTEM_LEADER])
def test_ending_a_membership_refuses_every_page_it_opened(role, world, client):  # noqa: F811
    kwargs = url_kwargs(world)
    opened = sorted(name for name, row in MATRIX.items() if row.get(role) == 200 and not _kept(role, name))
    assert opened, "the role opened no page: the test would check nothing"
    _end_memberships(_email_of(role))
    client = client_for(client, role)
    still_open = {}
    for name in opened:
        status = client.get(reverse(name, kwargs=kwargs.get(name))).status_code
        if status not in REFUSED:
            still_open[name] = status
    assert still_open == {}, f"after the {role}'s membership ended these still answer: {still_open}"


def test_the_list_of_pages_kept_names_real_urls():
    assert set(ANY_SIGNED_IN) <= set(MATRIX), set(ANY_SIGNED_IN) - set(MATRIX)


def _signed_in_refusal(response) -> bool:
    """Refused: 403 or 404, or sent to sign in (never a success's redirect)."""
    if response.status_code == 302:
        return response["Location"].startswith(reverse("accounts:sign-in"))
    return response.status_code in (403, 404)


def _asked_for_by_the_school_contact(deployment) -> User:
    """The demo deployment's request as if the school contact had asked for their school themself
    (seed 002's first route): the path that kept them its client after their membership ended."""
    from domain.commissioning.models import ReferrerKind, SupportRequest

    contact = User.objects.get(email=_email_of(Role.SCHOOL_CONTACT))
    SupportRequest.objects.filter(pk=deployment.request_id).update(
        referrer_kind=ReferrerKind.CLIENT_SCHOOL, referrer_organisation=None, submitted_by=contact
    )
    deployment.refresh_from_db()
    return contact


def _counts() -> dict:
    from domain.audit.models import AuditEvent
    from domain.deployments.models import Concern, ContractAgreement, FeedbackResponse, Visit

    counts = {m.__name__: m.objects.count() for m in (Concern, ContractAgreement, FeedbackResponse, Visit)}
    # A refused page is itself recorded, as a security event (ADR 17): count the changes only.
    counts["AuditEvent"] = AuditEvent.objects.exclude(subject_type__startswith="security.").count()
    return counts


def _actions(deployment) -> dict:
    """The POSTs a party may make on the deployment, with answers a party could give."""
    on = {"deployment_id": deployment.pk}
    round_ = deployment.feedback_rounds.order_by("pk").first()
    return {
        "deployments:concern-raise": (
            on,
            {"severity": "low", "summary": "Release time keeps being cancelled", "details": "Three times this term."},
        ),
        "deployments:contract-agree": ({**on, "number": 1}, {"party": "client", "client-digest": "x"}),
        "deployments:feedback-answer": ({**on, "round_id": round_.pk, "party": "client"}, {}),
        "deployments:visit-plan": (on, {"visited_on": "2030-01-10", "purpose": "A visit"}),
        "deployments:variation-request": (on, {"extra_days": "2", "reason": "More time"}),
        "deployments:review-record": ({**on, "kind": "final"}, {"summary": "A review"}),
        "deployments:contract-change": (on, {}),
        "deployments:quality-lead": (on, {"person": "1"}),
    }


def test_a_school_contact_who_asked_for_their_school_is_no_longer_its_client(world, client):  # noqa: F811
    """The known defect: deployments.policies.is_client_of trusted request.submitted_by, so the
    person who asked for their school stayed its client after their membership ended."""
    deployment = world["deployment"]
    contact = _asked_for_by_the_school_contact(deployment)
    client = client_for(client, Role.SCHOOL_CONTACT)
    pages = ("deployments:detail", "deployments:contract", "deployments:visit-list", "deployments:concern-raise")
    kwargs = url_kwargs(world)
    assert all(client.get(reverse(n, kwargs=kwargs[n])).status_code == 200 for n in pages)

    _end_memberships(contact.email)
    still_open = {n: s for n in pages if (s := client.get(reverse(n, kwargs=kwargs[n])).status_code) not in REFUSED}
    assert still_open == {}


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.SYSTEM_LEADER])
def test_the_actions_on_the_deployment_are_refused_and_change_nothing(role, world, client):  # noqa: F811
    deployment = world["deployment"]
    _asked_for_by_the_school_contact(deployment)
    _end_memberships(_email_of(role))
    client = client_for(client, role)
    before = _counts()
    accepted = {}
    for name, (kwargs, data) in _actions(deployment).items():
        response = client.post(reverse(name, kwargs=kwargs), data)
        if not _signed_in_refusal(response):
            accepted[name] = response.status_code
    assert accepted == {}, f"after the {role}'s membership ended these actions were not refused: {accepted}"
    assert _counts() == before


def test_the_leaders_own_records_follow_their_person_not_their_membership(world, client):  # noqa: F811
    """The leader of a deployment is the person themself: ending their role at their school leaves
    them what is theirs as a person (LEADERS_OWN), the deployment they lead first of all."""
    kwargs = url_kwargs(world)
    own = sorted(
        name
        for name, row in MATRIX.items()
        if row.get(Role.SYSTEM_LEADER) == 200 and not _public(name) and name not in ANY_SIGNED_IN
    )
    assert "deployments:detail" in own
    _end_memberships(_email_of(Role.SYSTEM_LEADER))
    client = client_for(client, Role.SYSTEM_LEADER)
    unexplained = [name for name in own if not _kept(Role.SYSTEM_LEADER, name)]
    assert unexplained == [], "every page the leader keeps must say why"
    lost = {n: s for n in own if (s := client.get(reverse(n, kwargs=kwargs.get(n))).status_code) != 200}
    assert lost == {}


def _things_to_do(client) -> list[str]:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get(reverse("portal:home")).content, "html.parser")
    found = page.select_one("[data-testid=things-to-do]")
    return [li.get_text(" ", strip=True) for li in found.select("li")] if found else []


@pytest.mark.parametrize(
    "role", [Role.SCHOOL_CONTACT, Role.TSA_COORDINATOR, Role.COMMISSIONER, Role.REGIONAL_REPRESENTATIVE]
)
def test_the_home_page_and_lists_no_longer_show_the_organisations_records(role, world, client):  # noqa: F811
    """The lists hold the person's own records, and the home page's things to do what is asked of
    them now: neither names the ended organisation's records. (Notifications already received stay
    the person's own messages; their links now answer 404.)"""
    deployment = world["deployment"]
    _asked_for_by_the_school_contact(deployment)
    client = client_for(client, role)
    school = deployment.client_school.name
    lists = ("deployments:list", "requests:list", "offers:list", "events:bookings")
    shown_before = [n for n in lists if school in client.get(reverse(n)).content.decode()]
    assert shown_before or _things_to_do(client), "the role saw nothing of the school: the test would check nothing"

    _end_memberships(_email_of(role))
    shown = [n for n in lists if school in client.get(reverse(n)).content.decode()]
    assert shown == []
    # The demo people hold nothing of their own person: with their one role ended, nothing is asked.
    assert _things_to_do(client) == []
