import datetime as dt
from decimal import Decimal

import pytest

from domain.audit.models import AuditEvent
from domain.deployments import services
from domain.deployments import visit_services as visits
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import Visit
from domain.deployments.visit_selectors import evidenced_days, time_used
from domain.deployments.workflows import VisitStatus
from domain.notifications.models import Notification, Reminder

from .helpers import LONDON, at, note, shared_visit

pytestmark = pytest.mark.django_db

THURSDAY = dt.date(2026, 12, 3)
FRIDAY = dt.date(2026, 12, 4)


def test_a_visit_outside_the_deployment_dates_is_refused_and_nothing_is_made(active):
    with pytest.raises(
        DeploymentRefused, match="The date of the visit must be between 1 December 2026 and 22 March 2027"
    ) as refused:
        visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=dt.date(2027, 3, 23))
    assert str(refused.value) == (
        "The date of the visit must be between 1 December 2026 and 22 March 2027, the dates of the deployment"
    )
    with pytest.raises(
        DeploymentRefused, match="The date of the visit must be between 1 December 2026 and 22 March 2027"
    ):
        visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=dt.date(2026, 11, 30))
    assert not Visit.objects.exists()
    assert not Reminder.objects.filter(key__startswith="deployment-visit-note:").exists()


def test_the_leader_plans_a_visit_with_its_note_due_after_a_weekend_and_a_chaser(active):
    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=FRIDAY)
    assert visit.status == VisitStatus.PLANNED
    assert visit.note_due_on == dt.date(2026, 12, 11)  # Friday + 5 working days: the Friday after
    reminder = Reminder.objects.pending().get(user=active.leader, key=visits.chaser_key(visit))
    assert reminder.due_at == dt.datetime(2026, 12, 12, 9, 0, tzinfo=LONDON)
    assert reminder.subject_id == str(visit.pk)
    assert AuditEvent.objects.filter(action="deployments.visit.planned").count() == 1


def test_the_alliance_plans_for_the_leader_who_is_told(active):
    visits.visit_plan(actor=active.coordinator, deployment=active.deployment, visited_on=FRIDAY)
    assert Notification.objects.filter(user=active.leader, title__startswith="Visit planned").exists()


def test_the_client_cannot_plan_a_visit(active):
    with pytest.raises(DeploymentRefused, match="Only the system leader or the brokering alliance can plan a visit"):
        visits.visit_plan(actor=active.client, deployment=active.deployment, visited_on=FRIDAY)
    assert not Visit.objects.exists()


def test_a_visit_cannot_be_planned_on_an_ended_deployment(active):
    services.deployment_end_early(actor=active.coordinator, deployment=active.deployment, reason="The school closed")
    with pytest.raises(DeploymentRefused, match="ended early"):
        visits.visit_plan(actor=active.leader, deployment=active.refresh(), visited_on=FRIDAY)


def test_a_note_cannot_be_shared_while_the_contract_is_being_agreed(cast, frozen_clock):
    visit = visits.visit_plan(actor=cast.leader, deployment=cast.deployment, visited_on=THURSDAY)
    at(frozen_clock, THURSDAY)
    with pytest.raises(
        DeploymentRefused, match="You cannot share a note of visit until every party has agreed the contract"
    ) as refused:
        visits.visit_note_share(actor=cast.leader, visit=visit, note=note())
    assert "until every party has agreed the contract" in str(refused.value)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED and visit.days == 0


def test_a_note_cannot_be_shared_before_the_visit(active):
    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=THURSDAY)
    with pytest.raises(DeploymentRefused, match="on or after the day of the visit, 3 December 2026"):
        visits.visit_note_share(actor=active.leader, visit=visit, note=note())


def test_a_draft_may_be_incomplete_but_sharing_needs_every_part(active, frozen_clock):
    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=THURSDAY)
    draft = visits.Note(hours=Decimal("3"), activities="Met the head")
    saved = visits.visit_note_save(actor=active.leader, visit=visit, note=draft)
    assert saved.status == VisitStatus.PLANNED and saved.hours == Decimal("3")
    at(frozen_clock, THURSDAY)
    with pytest.raises(
        DeploymentRefused, match="Enter the days logged, what you found and the next steps before you share the note"
    ) as refused:
        visits.visit_note_share(actor=active.leader, visit=visit, note=draft)
    assert str(refused.value) == "Enter the days logged, what you found and the next steps before you share the note"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"days": Decimal("1.5")}, "half a day"),
        ({"days": Decimal("0")}, "half a day"),
        ({"hours": Decimal("0")}, "more than 0"),
        ({"hours": Decimal("13")}, "no more than 12"),
        ({"hours": Decimal("2.25")}, "one decimal place"),
        ({"findings": "x" * 4001}, "4,000 characters"),
    ],
)
def test_the_note_s_bounds(active, changes, message):
    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=THURSDAY)
    with pytest.raises(DeploymentRefused, match=message):
        visits.visit_note_save(actor=active.leader, visit=visit, note=note(**changes))


def test_only_the_leader_writes_the_note(active, frozen_clock):
    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=THURSDAY)
    at(frozen_clock, THURSDAY)
    for someone in (active.client, active.coordinator, active.commissioner):
        with pytest.raises(DeploymentRefused, match="Only the system leader"):
            visits.visit_note_share(actor=someone, visit=visit, note=note())


def test_sharing_logs_the_days_tells_the_client_and_cancels_the_chaser(active, frozen_clock):
    visit = shared_visit(active, frozen_clock, THURSDAY, days="1", hours="5")
    assert visit.status == VisitStatus.SHARED and visit.shared_at is not None
    assert visit.written_by == active.leader
    assert evidenced_days(active.deployment) == Decimal("1")
    assert not Reminder.objects.pending().filter(key=visits.chaser_key(visit)).exists()
    assert Reminder.objects.filter(key=visits.chaser_key(visit), cancelled_at__isnull=False).exists()
    assert Notification.objects.filter(user=active.client, title__startswith="Note of visit").exists()
    assert Notification.objects.filter(user=active.coordinator, title__startswith="Note of visit").exists()
    assert AuditEvent.objects.filter(action="deployments.visit.share").count() == 1
    with pytest.raises(DeploymentRefused, match="cannot change"):
        visits.visit_note_save(actor=active.leader, visit=visit, note=note())


def test_time_beyond_the_agreed_days_is_refused(active, frozen_clock):
    for day, days in ((dt.date(2026, 12, 1), "1"), (dt.date(2026, 12, 2), "1"), (THURSDAY, "1"), (FRIDAY, "0.5")):
        shared_visit(active, frozen_clock, day, days=days)
    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=FRIDAY)
    with pytest.raises(
        DeploymentRefused, match=r"You have 0\.5 days left of the 4 agreed\. Ask for a variation to log more"
    ) as refused:
        visits.visit_note_share(actor=active.leader, visit=visit, note=note(days="1"))
    assert str(refused.value) == "You have 0.5 days left of the 4 agreed. Ask for a variation to log more"
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED and visit.days == 0
    assert evidenced_days(active.deployment) == Decimal("3.5")
    # Half a day still fits.
    visits.visit_note_share(actor=active.leader, visit=visit, note=note(days="0.5"))
    assert time_used(active.refresh()).remaining == 0


def test_the_leader_and_the_alliance_are_warned_once_at_80_percent(active, frozen_clock):
    def warnings(person):
        return Notification.objects.filter(user=person, title__startswith="Warning").count()

    for day in (dt.date(2026, 12, 1), dt.date(2026, 12, 2), THURSDAY):
        shared_visit(active, frozen_clock, day, days="1")
    assert warnings(active.leader) == 0  # 3 of 4 days: 75%
    shared_visit(active, frozen_clock, FRIDAY, days="0.5")  # 3.5 of 4: 87.5%
    assert warnings(active.leader) == 1 and warnings(active.coordinator) == 1
    warning = Notification.objects.get(user=active.leader, title__startswith="Warning")
    assert warning.title.startswith("Warning: 3.5 of 4 days used at ")
    assert "3.5 of the 4 days agreed are logged, 0.5 days left." in warning.body
    shared_visit(active, frozen_clock, dt.date(2026, 12, 7), days="0.5")
    assert warnings(active.leader) == 1


def test_one_day_logged_is_written_in_the_singular(active, frozen_clock):
    shared_visit(active, frozen_clock, dt.date(2026, 12, 1), days="1")
    told = Notification.objects.get(user=active.client, title__startswith="Note of visit")
    assert told.body.endswith(": 1 day logged.")


def test_cancelling_a_visit_needs_a_reason_and_cancels_its_chaser(active):
    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=FRIDAY)
    with pytest.raises(DeploymentRefused, match="Enter why"):
        visits.visit_cancel(actor=active.leader, visit=visit, reason=" ")
    assert Reminder.objects.pending().filter(key=visits.chaser_key(visit)).exists()
    cancelled = visits.visit_cancel(actor=active.coordinator, visit=visit, reason="The school is closed for snow")
    assert cancelled.status == VisitStatus.CANCELLED
    assert not Reminder.objects.pending().filter(key=visits.chaser_key(visit)).exists()
    assert Notification.objects.filter(user=active.leader, title__startswith="Visit cancelled").exists()
    with pytest.raises(DeploymentRefused, match="cancelled"):
        visits.visit_cancel(actor=active.leader, visit=visit, reason="Again")


def test_the_client_cannot_cancel_a_visit(active):
    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=FRIDAY)
    with pytest.raises(DeploymentRefused, match="Only the system leader or the brokering alliance can cancel a visit"):
        visits.visit_cancel(actor=active.client, visit=visit, reason="No")


def test_the_leader_records_a_visit_after_the_event_in_one_go(active, frozen_clock):
    at(frozen_clock, dt.date(2026, 12, 10))
    visit = visits.visit_record(actor=active.leader, deployment=active.deployment, visited_on=FRIDAY, note=note())
    assert visit.status == VisitStatus.SHARED and visit.visited_on == FRIDAY
    assert not Reminder.objects.filter(key=visits.chaser_key(visit)).exists()  # shared at once: no chaser


def test_recording_after_the_event_is_refused_for_a_future_date_and_changes_nothing(active):
    with pytest.raises(DeploymentRefused, match="today or in the past"):
        visits.visit_record(actor=active.leader, deployment=active.deployment, visited_on=FRIDAY, note=note())
    assert not Visit.objects.exists()


def test_recording_beyond_the_agreed_days_leaves_no_visit_behind(active, frozen_clock):
    for day in (dt.date(2026, 12, 1), dt.date(2026, 12, 2), THURSDAY, FRIDAY):
        shared_visit(active, frozen_clock, day, days="1")
    at(frozen_clock, dt.date(2026, 12, 8))
    with pytest.raises(DeploymentRefused, match="You have 0 days left"):
        visits.visit_record(
            actor=active.leader, deployment=active.deployment, visited_on=dt.date(2026, 12, 7), note=note()
        )
    assert Visit.objects.count() == 4


def test_the_chaser_reaches_the_leader_the_morning_after_the_note_falls_due(active, frozen_clock):
    from domain.notifications.services import reminders_send_due

    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=FRIDAY)
    frozen_clock.move_to(dt.datetime(2026, 12, 12, 8, 59, tzinfo=LONDON))
    reminders_send_due()
    assert not Notification.objects.filter(user=active.leader, title__contains="overdue").exists()
    frozen_clock.move_to(dt.datetime(2026, 12, 12, 9, 1, tzinfo=LONDON))
    reminders_send_due()
    chaser = Notification.objects.get(user=active.leader, title__contains="overdue")
    assert chaser.link == f"/home/deployments/{active.deployment.pk}/visits/{visit.pk}/"
