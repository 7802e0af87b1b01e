"""The review of a designation on the web: the leader's self-assessment pages, the coordinator's
pack and decision, feedback from a supported school, the appeal, and the home pages' tasks."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.designation.models import Designation, DesignationReview, ReviewFeedback
from domain.designation.review_questions import questions_for
from domain.designation.review_services import review_decide, reviews_open_due
from domain.designation.todo import to_do_for
from domain.notifications.models import Notification
from tests.conftest import person_in_role, sign_in
from tests.designation.life.helpers import designate, tsa_with_coordinator
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

# On the frozen day (22 November 2026) a term from 1 March 2024 has under six months left.
STARTED = dt.date(2024, 3, 1)


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def things_to_do(client) -> dict:
    page = BeautifulSoup(client.get(reverse("portal:home")).content, "html.parser")
    listed = page.find(attrs={"data-testid": "things-to-do"})
    return {a.get_text(strip=True): a["href"] for a in listed.find_all("a")} if listed else {}


@pytest.fixture
def opened():
    organisation, coordinator = tsa_with_coordinator()
    designation = designate(organisation=organisation, actor=coordinator, starts_on=STARTED)
    assert reviews_open_due() == 1
    return DesignationReview.objects.get(designation=designation), coordinator


def send_self_assessment(client, review):
    for question in questions_for(review.designation.role):
        url = reverse("portal:review-question", args=[review.pk, question.key])
        client.post(url, {"answer": f"My answer about {question.key}"})
    return client.post(reverse("portal:review-check", args=[review.pk]))


def test_the_leader_is_asked_on_their_home_page_and_answers_one_question_a_page(client, opened):
    review, coordinator = opened
    told = Notification.objects.get(user=review.designation.person, title__endswith="is being reviewed")
    assert told.link == reverse("portal:review", args=[review.pk])
    leader = sign_in(client, review.designation.person)
    task = "Write your self-assessment for the review of your designation"
    assert things_to_do(leader)[task] == reverse("portal:review", args=[review.pk])
    first = questions_for("lle")[0]
    page = leader.get(reverse("portal:review", args=[review.pk]))
    assert "You have answered 0 of 4 questions" in text_of(page)

    url = reverse("portal:review-question", args=[review.pk, first.key])
    empty = leader.post(url, {"answer": "  "})
    assert empty.status_code == 200 and "Enter your answer" in text_of(empty)
    assert DesignationReview.objects.get(pk=review.pk).self_assessment == {}
    saved = leader.post(url, {"answer": "Two schools, forty days"})
    assert saved.url == reverse("portal:review-question", args=[review.pk, questions_for("lle")[1].key])
    assert leader.get(reverse("portal:review-question", args=[review.pk, "not-a-question"])).status_code == 404

    sent = send_self_assessment(leader, review)
    assert sent.url == reverse("portal:review", args=[review.pk])
    assert DesignationReview.objects.get(pk=review.pk).status == "submitted"
    assert leader.get(url).status_code == 404, "a sent self-assessment cannot be changed"
    assert task not in things_to_do(leader)


def test_another_person_finds_no_review_and_no_pack(client, opened):
    review, _ = opened
    stranger = sign_in(client, person_in_role("system_leader"))
    for name in ("portal:review", "portal:review-check", "portal:review-appeal"):
        assert stranger.get(reverse(name, args=[review.pk])).status_code == 404
    _, other_coordinator = tsa_with_coordinator()
    other = sign_in(client, other_coordinator)
    assert other.get(reverse("portal:review-pack", args=[review.pk])).status_code == 404
    assert other.get(reverse("portal:review-decide", args=[review.pk])).status_code == 404


def test_the_coordinator_reads_the_pack_and_re_designates(client, opened):
    review, coordinator = opened
    send_self_assessment(sign_in(client, review.designation.person), review)
    client.logout()
    manager = sign_in(client, coordinator)
    pack_url = reverse("portal:review-pack", args=[review.pk])
    assert things_to_do(manager)["Decide the review of a designation"] == pack_url
    assert Notification.objects.get(user=coordinator, title__startswith="Review the designation").link == pack_url
    pack = text_of(manager.get(pack_url))
    assert "My answer about results" in pack
    assert "caution must be applied when attempting to attribute" in pack
    assert "Support given" in pack and "Feedback from schools and alliances" in pack

    decide = reverse("portal:review-decide", args=[review.pk])
    refused = manager.post(decide, {"decision": "promote", "reasons": ""})
    assert "Choose your decision" in text_of(refused) and "Explain your decision" in text_of(refused)
    assert DesignationReview.objects.get(pk=review.pk).status == "submitted"
    done = manager.post(decide, {"decision": "redesignate", "reasons": "A strong term"})
    assert done.url == pack_url
    new = Designation.objects.get(previous=review.designation)
    assert (new.starts_on, new.ends_on) == (dt.date(2027, 3, 1), dt.date(2030, 2, 28))

    client.logout()
    leader = sign_in(client, review.designation.person)
    assert "Your new term runs from 1 March 2027 to 28 February 2030" in text_of(
        leader.get(reverse("portal:review", args=[review.pk]))
    )
    assert "until 28 February 2030" in text_of(leader.get(reverse("portal:home")))


def test_a_de_designation_is_appealed_and_heard_by_another_coordinator(client, opened):
    review, coordinator = opened
    send_self_assessment(sign_in(client, review.designation.person), review)
    decide = reverse("portal:review-decide", args=[review.pk])
    client.logout()
    sign_in(client, coordinator).post(decide, {"decision": "de_designate:inactivity", "reasons": "No work"})
    assert Designation.objects.get(pk=review.designation.pk).status == "de_designated"

    client.logout()
    leader = sign_in(client, review.designation.person)
    appeal = reverse("portal:review-appeal", args=[review.pk])
    assert "Enter why you are appealing" in text_of(leader.post(appeal, {"grounds": ""}))
    leader.post(appeal, {"grounds": "I was seconded"})
    assert DesignationReview.objects.get(pk=review.pk).status == "appealed"

    client.logout()
    hear = reverse("portal:review-appeal-decide", args=[review.pk])
    same = sign_in(client, coordinator).post(hear, {"outcome": "upheld", "reasons": "Fair"})
    assert "someone else must hear the appeal" in text_of(same)
    client.logout()
    other = person_in_role("tsa_coordinator", organisation=review.designation.organisation)
    sign_in(client, other).post(hear, {"outcome": "upheld", "reasons": "The secondment counts"})
    assert Designation.objects.get(pk=review.designation.pk).status == "active"


def test_a_supported_school_gives_feedback_from_its_home_page(client):
    from tests.deployments.builders import deployment

    cast = deployment()
    designation = Designation.objects.get(person=cast.leader)
    reviews_open_due(today=dt.date(2029, 3, 1))
    review = DesignationReview.objects.get(designation=designation)
    send_self_assessment(sign_in(client, cast.leader), review)
    client.logout()
    contact = sign_in(client, cast.client)
    feedback = ReviewFeedback.objects.get(respondent=cast.client)
    url = reverse("portal:review-feedback", args=[feedback.pk])
    name = cast.leader.full_name
    assert things_to_do(contact)[f"Give feedback on {name}'s work for their review"] == url
    assert Notification.objects.get(user=cast.client, title__startswith="Give feedback").link == url
    assert "Choose a score from 1 to 5" in text_of(contact.post(url, {"score": "7", "comments": "Fine"}))
    assert contact.post(url, {"score": "4", "comments": "Patient and clear"}).url == reverse("portal:home")
    assert ReviewFeedback.objects.get(pk=feedback.pk).score == 4

    client.logout()
    manager = sign_in(client, cast.coordinator)
    pack = text_of(manager.get(reverse("portal:review-pack", args=[review.pk])))
    assert "1 of 2 people asked has answered" in pack and "Patient and clear" in pack
    assert cast.client.full_name not in pack, "the pack names nobody who gave feedback"


def test_the_tasks_run_a_fixed_number_of_queries(opened):
    review, coordinator = opened
    organisation = review.designation.organisation

    def another_review():
        designation = designate(organisation=organisation, actor=coordinator, starts_on=STARTED)
        from domain.designation.review_services import review_open, review_submit

        opened_review = review_open(designation=designation)
        for q in questions_for("lle"):
            opened_review.self_assessment[q.key] = "Answer"
        opened_review.save()
        review_submit(actor=designation.person, review=opened_review)

    another_review()
    another_review()  # two: a single item's task costs one query more, to link to it
    to_do_for(coordinator)  # the person's organisations are then known
    assert_constant_queries(lambda: to_do_for(coordinator), another_review)


def test_the_decision_needs_the_review_waiting_for_it(opened):
    review, coordinator = opened
    from domain.designation.review_services import ReviewRefused

    with pytest.raises(ReviewRefused, match="You cannot re-designate the leader when it is waiting"):
        review_decide(actor=coordinator, review=review, decision="redesignate", reasons="Early")


def test_the_designation_page_links_to_its_review(client, opened):
    review, coordinator = opened
    page = sign_in(client, coordinator).get(reverse("portal:designation", args=[review.designation.pk]))
    links = BeautifulSoup(page.content, "html.parser").find_all(
        "a", href=reverse("portal:review-pack", args=[review.pk])
    )
    assert [a.get_text(strip=True) for a in links] == ["Waiting for the leader's self-assessment"]
    listed = text_of(client.get(reverse("portal:reviews")))
    assert review.designation.person.full_name in listed


def test_the_pack_counts_days_of_support_in_words(client):
    """Days as people write them, with the right plural: "1 day", "1.5 days", never "1.0"."""
    from decimal import Decimal

    from domain.deployments.models import Visit
    from tests.deployments.builders import deployment

    cast = deployment()
    designation = Designation.objects.get(person=cast.leader)
    for visited_on, days in (
        (designation.starts_on + dt.timedelta(days=1), "1.0"),
        (designation.starts_on - dt.timedelta(days=10), "0.5"),
    ):
        Visit.objects.create(
            deployment=cast.deployment,
            visited_on=visited_on,
            status="shared",
            days=Decimal(days),
            note_due_on=visited_on,
        )
    reviews_open_due(today=dt.date(2029, 3, 1))
    review = DesignationReview.objects.get(designation=designation)

    page = BeautifulSoup(
        sign_in(client, cast.coordinator).get(reverse("portal:review-pack", args=[review.pk])).content, "html.parser"
    )
    row = page.find("th", string="Days of support").find_parent("tr")
    assert [td.get_text(strip=True) for td in row.find_all("td")] == ["1 day", "1.5 days"]
