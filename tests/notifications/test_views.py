"""The home page's notifications, the notifications page, and marking them as read."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from domain.accounts.roles import Role
from domain.notifications.models import Notification
from tests import factories
from tests.conftest import person_in_role
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def make(user, title, *, read=False, minutes_ago=0, **extra):
    return Notification.objects.create(
        user=user,
        title=title,
        body=extra.pop("body", ""),
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        read_at=timezone.now() if read else None,
        **extra,
    )


@pytest.fixture
def leader():
    return person_in_role(Role.SYSTEM_LEADER)


def test_home_lists_the_persons_unread_notifications(signed_in, leader):
    make(leader, "Reference outstanding", minutes_ago=5, body="Your referee has not answered.", link="/home/x/")
    make(leader, "Review due", minutes_ago=1)
    make(leader, "Already read", read=True)
    make(factories.UserFactory(), "Someone else's")
    response = signed_in(leader).get(reverse("portal:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "You have 2 new notifications." in html
    assert html.index("Review due") < html.index("Reference outstanding")  # newest first
    # By title, each linking to its page: the words are on the notifications page.
    assert '<a class="govuk-link" href="/home/x/">Reference outstanding</a>' in html
    assert "Your referee has not answered." not in html
    assert "Already read" not in html
    assert "Someone else" not in html
    assert "Mark as read" not in html
    assert "Mark all as read" in html
    assert 'class="govuk-tag govuk-tag--blue">2 new</span>' in html
    full = signed_in(leader).get(reverse("portal:notifications")).content.decode()
    assert "Your referee has not answered." in full and full.count("Mark as read") == 2


def test_home_lists_five_of_many_notifications(signed_in, leader):
    for n in range(12):
        make(leader, f"Notice {n:02}", minutes_ago=n)
    html = signed_in(leader).get(reverse("portal:home")).content.decode()
    assert "You have 12 new notifications." in html
    assert [f"Notice {n:02}" in html for n in range(12)] == [True] * 5 + [False] * 7
    assert "These are your 5 newest unread notifications." in html


def test_home_with_no_new_notifications(signed_in, leader):
    make(leader, "Old news", read=True)
    html = signed_in(leader).get(reverse("portal:home")).content.decode()
    assert "You have no new notifications." in html
    assert "Mark all as read" not in html


def test_one_new_notification_is_singular(signed_in, leader):
    make(leader, "Review due")
    assert "You have 1 new notification." in signed_in(leader).get(reverse("portal:home")).content.decode()


def test_mark_as_read(signed_in, leader):
    notification = make(leader, "Review due")
    client = signed_in(leader)
    response = client.post(reverse("portal:notification-read", args=[notification.pk]))
    assert response.status_code == 302 and response.url == reverse("portal:home")
    notification.refresh_from_db()
    assert notification.read_at == timezone.now()
    html = client.get(reverse("portal:home")).content.decode()
    assert "Marked as read: Review due" in html
    assert "You have no new notifications." in html


def test_mark_as_read_is_post_only(signed_in, leader):
    notification = make(leader, "Review due")
    response = signed_in(leader).get(reverse("portal:notification-read", args=[notification.pk]))
    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_someone_elses_notification_is_not_found(signed_in, leader):
    theirs = make(factories.UserFactory(), "Not yours")
    response = signed_in(leader).post(reverse("portal:notification-read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_as_read_marks_only_the_persons_own(signed_in, leader):
    mine = [make(leader, f"Mine {i}") for i in range(3)]
    theirs = make(factories.UserFactory(), "Theirs")
    response = signed_in(leader).post(reverse("portal:notifications-read-all"))
    assert response.status_code == 302
    assert all(Notification.objects.get(pk=n.pk).read_at for n in mine)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_returns_to_a_safe_next_page_only(signed_in, leader):
    client = signed_in(leader)
    notification = make(leader, "One")
    page = reverse("portal:notifications") + "?page=2"
    response = client.post(reverse("portal:notification-read", args=[notification.pk]), {"next": page})
    assert response.url == page
    response = client.post(reverse("portal:notifications-read-all"), {"next": "https://evil.example/"})
    assert response.url == reverse("portal:home")


def test_signed_out_people_are_sent_to_sign_in(client):
    for name in ("portal:home", "portal:notifications"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("accounts:sign-in") in response.url
    response = client.post(reverse("portal:notifications-read-all"))
    assert response.status_code == 302 and reverse("accounts:sign-in") in response.url


def test_notifications_page_lists_all_unread_first_and_paginates(signed_in, leader):
    for i in range(22):
        make(leader, f"Read {i:02d}", read=True, minutes_ago=100 - i)
    make(leader, "Unread old", minutes_ago=500)
    client = signed_in(leader)
    html = client.get(reverse("portal:notifications")).content.decode()
    assert "You have 1 new notification." in html
    assert "Showing 1 to 20 of 23 notifications." in html
    assert html.index("Unread old") < html.index("Read 21")  # unread first, though oldest
    assert 'class="govuk-pagination' in html and "?page=2" in html
    second = client.get(reverse("portal:notifications"), {"page": 2}).content.decode()
    assert "Showing 21 to 23 of 23 notifications." in second
    assert "Read 00" in second and "Unread old" not in second


def test_notifications_page_when_empty(signed_in, leader):
    html = signed_in(leader).get(reverse("portal:notifications")).content.decode()
    assert "You have no notifications yet." in html


def test_home_page_queries_do_not_grow_with_notifications(signed_in, leader):
    make(leader, "The first")
    client = signed_in(leader)
    counter = iter(range(1000))
    assert_constant_queries(
        lambda: client.get(reverse("portal:home")),
        lambda: [make(leader, f"N {next(counter)}") for _ in range(6)],
    )


def test_notifications_page_queries_do_not_grow(signed_in, leader):
    make(leader, "The first")  # an empty page skips the query for the page's rows
    client = signed_in(leader)
    counter = iter(range(1000))
    response = assert_constant_queries(
        lambda: client.get(reverse("portal:notifications")),
        lambda: [make(leader, f"N {next(counter)}", read=next(counter) % 2 == 0) for _ in range(15)],
    )
    assert response.status_code == 200
