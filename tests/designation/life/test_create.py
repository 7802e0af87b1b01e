"""Designating a leader: the record, its term, refusals, the TSA hook and expiry reminders."""

import datetime as dt
import zoneinfo

import pytest

from domain.audit.models import AuditEvent
from domain.designation import services
from domain.designation.models import Designation, add_months, term_end, term_years_for
from domain.designation.services import DesignationRefused, designation_create, expiry_reminder_key
from domain.designation.specialisms import BY_CODE, SPECIALISMS, specialism_label
from domain.notifications.models import Reminder
from domain.organisations.models import OrganisationKind
from tests import factories

from .helpers import designate, tsa_with_coordinator

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_an_nle_designation_lasts_three_years_seed_004_s22():
    designation = designate(role="nle", starts_on=dt.date(2026, 9, 1))
    assert designation.status == "active"
    assert designation.term_years == 3
    assert designation.ends_on == dt.date(2029, 8, 31)
    event = AuditEvent.objects.get(action="designation.designation.created", subject_id=str(designation.pk))
    assert event.to_state == "active"
    assert event.organisation_id == designation.organisation_id
    assert event.data["ends_on"] == "2029-08-31"


def test_other_roles_take_the_default_term_which_settings_can_change(settings):
    assert term_years_for("lle") == 3
    settings.DESIGNATION_TERM_YEARS = {"lle": 2}
    designation = designate(role="lle", starts_on=dt.date(2027, 1, 10))
    assert designation.ends_on == dt.date(2029, 1, 9)
    assert term_years_for("nle") == 3
    settings.DESIGNATION_TERM_YEARS = {"default": 4}
    assert term_years_for("sle") == 4


def test_term_arithmetic_handles_leap_days_and_month_ends():
    assert term_end(dt.date(2028, 2, 29), 3) == dt.date(2031, 2, 27)
    assert add_months(dt.date(2029, 5, 31), -3) == dt.date(2029, 2, 28)
    assert add_months(dt.date(2029, 1, 31), 1) == dt.date(2029, 2, 28)
    assert add_months(dt.date(2029, 12, 15), 1) == dt.date(2030, 1, 15)


def test_an_sle_is_designated_in_specialisms_from_the_seed_003_list():
    designation = designate(role="sle", specialisms=["maths", "phonics", "behaviour"], phases=["primary"])
    assert designation.specialisms == ["maths", "phonics", "behaviour"]
    assert designation.specialism_labels == ["Maths", "Phonics", "Behaviour and discipline"]
    assert len(SPECIALISMS) == len(BY_CODE) == 30
    assert specialism_label("leadership_assessment") != specialism_label("teaching_assessment")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"role": "sle", "specialisms": ["underwater_basket_weaving"]}, "not on the list of SLE specialisms"),
        ({"role": "sle", "specialisms": []}, "at least one specialism"),
        ({"role": "lle", "phases": []}, "at least one phase"),
        ({"role": "lle", "phases": ["nursery_rhymes"]}, "These are not phases: nursery_rhymes"),
        ({"role": "lle", "phases": ["primary", "primary"]}, "listed twice"),
        ({"role": "lle", "phases": "primary"}, "must be a list"),
        ({"role": "headteacher"}, "not a system leader role"),
        ({"role": "lle", "source": "ofsted"}, "not a designating body"),
    ],
)
def test_bad_input_is_refused_with_a_reason(changes, message):
    tsa, coordinator = tsa_with_coordinator()
    fields = {
        "actor": coordinator,
        "person": factories.UserFactory(),
        "source": "tsa_or_hub",
        "organisation": tsa,
        "school": None,
        "phases": ["primary"],
        "specialisms": [],
        "starts_on": dt.date(2026, 9, 1),
        **changes,
    }
    with pytest.raises(DesignationRefused, match=message):
        designation_create(**fields)
    assert not Designation.objects.exists()
    assert not AuditEvent.objects.filter(action="designation.designation.created").exists()


def test_a_tsa_designation_needs_its_tsa():
    with pytest.raises(DesignationRefused, match="Choose the teaching school alliance or hub"):
        designation_create(
            actor=None,
            person=factories.UserFactory(),
            role="lle",
            source="tsa_or_hub",
            organisation=None,
            school=None,
            phases=["primary"],
            specialisms=[],
            starts_on=dt.date(2026, 9, 1),
        )


def test_only_an_alliance_hub_or_grouping_designates():
    trust = factories.OrganisationFactory(kind=OrganisationKind.TRUST, name="A Trust")
    with pytest.raises(DesignationRefused, match="A Trust is not a teaching school alliance or hub"):
        designate(organisation=trust)
    hub = factories.OrganisationFactory(kind=OrganisationKind.HUB)
    assert designate(organisation=hub).organisation == hub


@pytest.mark.parametrize("source", ["national_programme", "pilot"])
def test_historical_designations_stay_valid_without_an_organisation_seed_001(source):
    designation = designate(source=source, role="lle", starts_on=dt.date(2015, 4, 1))
    assert designation.organisation is None
    assert designation.is_historical
    assert designation.ends_on is None and designation.term_years is None
    assert designation.status == "active"
    assert designation.designating_body == designation.get_source_display()
    # It never lapses by itself.
    assert services.designations_lapse_due(today=dt.date(2030, 1, 1)) == 0


def test_the_pilot_may_name_its_alliance_but_the_national_programme_names_none():
    tsa, _ = tsa_with_coordinator()
    assert designate(source="pilot", organisation=tsa).organisation == tsa
    with pytest.raises(DesignationRefused, match="national programme does not name"):
        designate(source="national_programme", organisation=tsa)


def test_a_tsa_designation_calls_the_association_hook_once(monkeypatch):
    calls = []
    monkeypatch.setattr(services, "on_designated_by_tsa", lambda designation, **kwargs: calls.append(designation))
    designation = designate(role="lle")
    assert calls == [designation]
    designate(source="national_programme", role="nle")
    assert calls == [designation], "a national designation does not associate with a TSA"


def test_a_tsa_designation_associates_the_leader_with_the_tsa():
    from domain.leaders.selectors import active_association_of

    designation = designate()
    association = active_association_of(designation.person)
    assert association is not None and association.organisation == designation.organisation
    assert association.origin == "designation"


def test_reminders_go_to_the_leader_and_the_coordinators_three_and_one_month_before_the_end():
    tsa, coordinator = tsa_with_coordinator()
    leader = factories.UserFactory()
    designation = designate(organisation=tsa, actor=coordinator, person=leader, role="nle")
    reminders = Reminder.objects.pending().filter(subject_id=str(designation.pk)).order_by("due_at", "user_id")
    assert {(r.user_id, r.key, r.due_at) for r in reminders} == {
        (user.pk, expiry_reminder_key(designation, months), dt.datetime(*day, 9, tzinfo=LONDON))
        for user in (leader, coordinator)
        for months, day in ((3, (2029, 5, 31)), (1, (2029, 7, 31)))
    }
    assert all(r.subject_type == "designation.designation" for r in reminders)
    assert "ends on 31 August 2029" in reminders.filter(user=leader).first().title
    assert reminders.filter(user=coordinator).first().title.startswith(f"{leader.full_name}'s designation")


def test_scheduling_again_never_doubles_a_reminder():
    designation = designate(role="nle")
    before = Reminder.objects.pending().count()
    assert services._schedule_expiry_reminders(designation) == 4
    assert Reminder.objects.pending().count() == before == 4


def test_a_reminder_whose_date_has_passed_is_not_scheduled():
    # The clock is at 22 November 2026: three months before 15 January 2027 has passed.
    designation = designate(source="pilot", ends_on=dt.date(2027, 1, 15), starts_on=dt.date(2015, 4, 1))
    reminders = Reminder.objects.pending().filter(subject_id=str(designation.pk))
    assert [(r.key, r.due_at.date()) for r in reminders] == [
        (expiry_reminder_key(designation, 1), dt.date(2026, 12, 15))
    ]


def test_a_tsa_designation_cannot_choose_its_own_end():
    with pytest.raises(DesignationRefused, match="runs for the role's term"):
        designate(ends_on=dt.date(2027, 1, 1))


def test_a_historical_designation_takes_the_end_the_old_programme_set():
    by_date = designate(
        source="national_programme", role="nle", starts_on=dt.date(2024, 9, 1), ends_on=dt.date(2027, 8, 31)
    )
    assert (by_date.ends_on, by_date.term_years) == (dt.date(2027, 8, 31), None)
    by_term = designate(source="national_programme", role="nle", starts_on=dt.date(2024, 9, 1), term_years=3)
    assert (by_term.ends_on, by_term.term_years) == (dt.date(2027, 8, 31), 3)
    with pytest.raises(DesignationRefused, match="must end after it starts"):
        designate(source="pilot", starts_on=dt.date(2015, 4, 1), ends_on=dt.date(2015, 3, 1))
    with pytest.raises(DesignationRefused, match="not both"):
        designate(source="pilot", starts_on=dt.date(2015, 4, 1), ends_on=dt.date(2018, 3, 1), term_years=3)


def test_a_leader_holds_one_current_designation_per_role():
    tsa, coordinator = tsa_with_coordinator(name="North Alliance")
    leader = factories.UserFactory(full_name="Pat Example")
    designate(organisation=tsa, actor=coordinator, person=leader, role="lle")
    with pytest.raises(
        DesignationRefused, match="Pat Example is already designated as local leader of education by North"
    ):
        designate(person=leader, role="lle")
    assert designate(person=leader, role="sle").role == "sle", "another role is a separate designation"
