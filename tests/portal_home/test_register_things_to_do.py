"""The home page lists what the register asks of the person now (domain.leaders.todo), each item
linking to the page where it is done; the navigation leads to the register's pages."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.models import User
from domain.commissioning.models import Offer
from domain.deployments.models import Concern, FeedbackRound
from domain.designation.models import DesignationReview
from domain.leaders import association_services, memorandum_services, portrait_services
from domain.leaders.models import Association, MemorandumParty, PenPortrait, Term
from domain.leaders.todo import to_do_for_alliance, to_do_for_leader
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

TERM = Term(2026, 0)  # the frozen clock's term: autumn 2026


@pytest.fixture
def demo(demo_region_once):
    return {
        email.split("@")[0]: User.objects.get(email=email) for email in User.objects.values_list("email", flat=True)
    }


def things_to_do(client, user):
    from tests.conftest import sign_in

    page = BeautifulSoup(sign_in(client, user).get(reverse("portal:home")).content, "html.parser")
    listed = page.find(attrs={"data-testid": "things-to-do"})
    return {a.get_text(strip=True): a["href"] for a in listed.find_all("a")} if listed else {}


def test_a_leader_with_an_invitation_and_nothing_written_is_asked_for_each(client, demo):
    items = things_to_do(client, demo["existing.lle"])
    assert items == {
        "Answer an invitation to associate": reverse("leader:association"),
        "Write your pen portrait for the directory": reverse("leader:pen-portrait"),
        "Say how many days you can give in the autumn term 2026 to 2027": reverse(
            "leader:availability-term", args=[TERM.key]
        ),
        # demo.training: no induction attended yet.
        "Book an induction": reverse("events:list"),
    }


def test_a_leader_with_everything_done_is_asked_only_to_answer_their_offer(client, demo):
    assert to_do_for_leader(demo["system.leader"], term=TERM) == []
    offer = Offer.objects.get(leader=demo["system.leader"], status="with_leader")
    round_ = FeedbackRound.objects.get(deployment__leader=demo["system.leader"])
    # demo.commissioning: the panel chose the system leader for the school contact's request.
    # demo.deployments: the school answered the mid-deployment feedback; the leader has not yet.
    assert things_to_do(client, demo["system.leader"]) == {
        "Answer an offer of a deployment": reverse("offers:detail", args=[offer.pk]),
        "Give your feedback on a deployment": reverse(
            "deployments:feedback-round", args=[round_.deployment_id, round_.pk]
        ),
        "Book an induction": reverse("events:list"),
        # demo.designation_reviews: the review of their LLE designation, the self-assessment not yet sent.
        "Write your self-assessment for the review of your designation": reverse(
            "portal:review",
            args=[DesignationReview.objects.get(designation__person=demo["system.leader"], status="open").pk],
        ),
    }


def test_a_returned_portrait_and_an_unaccepted_memorandum_are_asked_for(demo):
    riley = demo["sle.english"]  # associated with the hub; portrait waiting; memorandum not accepted
    portrait = PenPortrait.objects.get(leader=riley, status="submitted")
    portrait_services.portrait_return(actor=demo["hub.coordinator"], portrait=portrait, reason="Say more about results")
    codes = [item.code for item in to_do_for_leader(riley, term=TERM)]
    assert codes == ["memorandum", "pen_portrait", "availability"]
    association = Association.objects.get(leader=riley, status="active")
    memorandum_services.memorandum_accept(actor=riley, association=association, party=MemorandumParty.LEADER)
    assert "memorandum" not in [item.code for item in to_do_for_leader(riley, term=TERM)]


def test_an_alliance_is_asked_to_answer_requests_approve_portraits_and_accept_memoranda(client, demo):
    hub_coordinator = demo["hub.coordinator"]
    assert [item.code for item in to_do_for_alliance(hub_coordinator)] == ["portraits", "leaders"]
    assert to_do_for_alliance(demo["coordinator"]) == []  # Aire has nothing waiting
    drew = demo["existing.lle"]
    hub_invitation = Association.objects.get(leader=drew, status="invited")
    association_services.association_decline(actor=drew, association=hub_invitation)
    aire = Association.objects.get(leader=demo["system.leader"]).organisation
    association_services.association_request(actor=drew, organisation=aire)
    items = things_to_do(client, demo["coordinator"])
    concern = Concern.objects.get()
    assert items == {
        "Answer a leader's request to associate": reverse(
            "alliance:association", args=[Association.objects.get(leader=drew, status="requested").pk]
        ),
        # demo.commissioning: the local authority's referral and the public form's request.
        "Triage 2 requests for support": reverse("broker:queue"),
        # demo.deployments: the leader's open concern, and a shared day not yet invoiced.
        "Deal with a cause for concern": reverse(
            "deployments:concern-detail", args=[concern.deployment_id, concern.pk]
        ),
        "Invoice the evidenced days of a deployment": reverse(
            "deployments:invoice-draft", args=[concern.deployment_id]
        ),
        # demo.region: the second applicant's referees and chair, waiting for the check (ADR 18).
        "Check 3 referees' addresses before their links are sent": reverse("rounds:references-to-confirm"),
        # demo.designation_reviews: Sasha's review to decide and Avery's appeal to hear.
        "Decide 2 reviews of designations": reverse("portal:reviews"),
    }


def test_publishing_a_new_memorandum_asks_every_alliance_again(demo):
    coordinator = demo["coordinator"]
    region = Association.objects.get(leader=demo["system.leader"]).organisation.region
    memorandum_services.memorandum_publish(actor=demo["regional.lead"], region=region, title="Version two", body="Text")
    texts = [item.text for item in to_do_for_alliance(coordinator)]
    assert texts == ["Accept the memorandum for 4 associated leaders"]  # Alex, Jamie, Sasha and Avery


def test_the_alliance_list_runs_a_fixed_number_of_queries(demo):
    from tests.leaders_web.alliance.conftest import designate_for

    coordinator = demo["coordinator"]
    aire = Association.objects.get(leader=demo["system.leader"]).organisation
    to_do_for_alliance(coordinator)  # the person's memberships are read once, then kept
    assert_constant_queries(lambda: to_do_for_alliance(coordinator), lambda: designate_for(aire, actor=coordinator))


@pytest.mark.parametrize(
    ("email", "expected", "absent"),
    [
        ("system.leader", ["Find a system leader", "Your profile"], ["Leaders"]),
        ("coordinator", ["Find a system leader", "Leaders"], ["Your profile"]),
        ("school.contact", ["Find a system leader"], ["Leaders", "Your profile"]),
    ],
)
def test_the_navigation_leads_to_the_register(client, demo, email, expected, absent):
    from tests.conftest import sign_in

    page = BeautifulSoup(sign_in(client, demo[email]).get(reverse("portal:home")).content, "html.parser")
    # The navigation, and the home page's own "Look something up" links for the public tools.
    navigation = [a.get_text(strip=True) for a in page.select(".govuk-service-navigation__link, main a")]
    assert set(expected) <= set(navigation)
    assert not set(absent) & set(navigation)
