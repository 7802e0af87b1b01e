"""Subject access (issue 13, 4b): everything the service holds about a person, read by
domain/audit/subject_access.py with one query for each kind of record, and the rule that every
link from a model to the person's account is either exported or deliberately left out."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction

from domain.accounts.models import User
from domain.audit import subject_access
from domain.audit.models import AuditEvent
from domain.audit.subject_access import (
    EXCLUDED_LINKS,
    EXPORTED,
    LINKS,
    SECTIONS,
    subject_access_export,
    subject_access_record,
)
from domain.notifications.models import Notification
from domain.recruitment.models import ReferenceRequest
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

LEADER = "system.leader@demo.test"


def links_to_the_user_model() -> set[str]:
    """Every field of every model that points at a person's account: "app_label.Model.field"."""
    user_model = get_user_model()
    return {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and not field.auto_created and field.related_model is user_model
    }


def undecided(links: set[str], exported: dict, excluded: dict) -> set[str]:
    return links - set(exported) - set(excluded)


def test_every_link_to_a_person_is_exported_or_left_out_with_a_reason():
    missing = undecided(links_to_the_user_model(), LINKS, EXCLUDED_LINKS)
    assert not missing, (
        f"Decide whether these links to a person are exported (a Section's `covers`) or left out "
        f"(EXCLUDED_LINKS, with the reason): {sorted(missing)}"
    )


def test_the_check_notices_a_new_link():
    links = links_to_the_user_model() | {"leaders.NewThing.leader"}
    assert "leaders.NewThing.leader" in undecided(links, LINKS, EXCLUDED_LINKS)


def test_no_link_is_both_exported_and_left_out_and_none_is_stale():
    assert not set(LINKS) & set(EXCLUDED_LINKS)
    existing = links_to_the_user_model()
    assert set(LINKS) <= existing and set(EXCLUDED_LINKS) <= existing
    assert all(reason.strip() for reason in EXCLUDED_LINKS.values())


@pytest.fixture
def leader(demo_region_once):
    return User.objects.get(email=LEADER)


def section(export, key) -> list[dict]:
    return next(s["rows"] for s in export["sections"] if s["key"] == key)


def test_the_export_holds_the_leaders_records(leader):
    export = subject_access_export(leader)
    account = section(export, "account")[0]
    assert account["Name"] == "Alex Fernleigh" and account["Email address"] == LEADER
    assert section(export, "designations")[0]["Role"].startswith("Local leader")
    assert "pupil premium" in section(export, "pen_portraits")[0]["Experience"]
    assert section(export, "roles")[0]["Organisation"] == "Aire Valley Primary School"
    assert section(export, "applications")[0]["Answers"]["specialism_impact"]["answer"].startswith("Led the district")
    assert section(export, "associations")[0]["Organisation"] == "Aire Valley Teaching School Alliance"
    assert len(section(export, "availability")) == 3
    assert section(export, "deployments") and section(export, "contract_versions")
    assert section(export, "audit_events")
    # It is JSON as it stands.
    assert json.loads(json.dumps(export)) == export


def test_the_export_never_holds_the_password_or_the_authenticator_key(leader):
    text = json.dumps(subject_access_export(leader))
    assert leader.password not in text and leader.session_salt not in text
    for key in leader.totpdevice_set.values_list("key", flat=True):
        assert key not in text


def test_what_a_referee_wrote_is_withheld_but_the_reference_is_listed(leader):
    application = leader.applications.get(round__role="sle")  # the demo leader's SLE draft
    ReferenceRequest.objects.create(
        application=application,
        kind="headteacher",
        name="Harper Lindqvist",
        email="harper@referee.test",
        token_hash="x" * 64,
        status="received",
        response={"text": "Confidential: a thoughtful colleague"},
    )
    export = subject_access_export(leader)
    reference = section(export, "references")[0]
    assert reference["Referee"] == "Harper Lindqvist"
    assert "Withheld" in reference["What the referee wrote"]
    assert "thoughtful colleague" not in json.dumps(export)


def test_the_export_runs_the_same_number_of_queries_however_much_is_held(leader):
    before, _ = count_queries(lambda: subject_access_export(leader))
    for n in range(5):
        Notification.objects.create(user=leader, title=f"Message {n}", body="A message")
    after, export = count_queries(lambda: subject_access_export(leader))
    assert len(section(export, "notifications")) >= 5
    assert after == before
    assert before <= len(SECTIONS) + 2


def test_a_download_is_on_the_record_with_who_and_what(leader):
    representative = User.objects.get(email="regional.lead@demo.test")
    with transaction.atomic():
        subject_access_record(actor=representative, person=leader, format="json")
    event = AuditEvent.objects.get(action=EXPORTED)
    assert event.actor == representative
    assert (event.subject_type, event.subject_id) == ("accounts.user", str(leader.pk))
    assert event.data == {"format": "json"}


def test_an_unknown_format_is_refused(leader):
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        subject_access_record(actor=None, person=leader, format="xml")
    assert not AuditEvent.objects.filter(action=EXPORTED).exists()


def test_each_section_has_a_title_and_a_unique_key():
    keys = [s.key for s in SECTIONS]
    assert len(keys) == len(set(keys))
    assert all(s.title for s in subject_access.SECTIONS)


def test_the_judgements_on_their_applications_are_theirs_but_not_who_judged(leader):
    """An assessor's judgement on a criterion (its result and the evidence) is personal data about
    the applicant, as their assessment scores are; the assessor's identity is left out."""
    from domain.recruitment.models import CriterionJudgement, EligibilityCheck

    application = leader.applications.get(round__role="sle")  # the demo leader's SLE draft
    assessor = User.objects.get(email="regional.lead@demo.test")
    EligibilityCheck.objects.create(
        application=application,
        criteria_set="yh-lle@1",
        result="met",
        evaluation={
            "groups": [
                {"criteria": [{"id": "years_as_head", "text": "At least three years as a headteacher"}]},
            ]
        },
    )
    CriterionJudgement.objects.create(
        application=application,
        criterion_id="years_as_head",
        result="met",
        evidence="Four years at Aire Valley, seen in the references",
        claims_exception=True,
        judged_by=assessor,
    )

    export = subject_access_export(leader)
    judged = section(export, "judgements")

    assert judged == [
        {
            "Application": application.pk,
            "Criterion": "At least three years as a headteacher",
            "Result": "Met",
            "Evidence": "Four years at Aire Valley, seen in the references",
            "Exception claimed": "Yes",
            "Judged": judged[0]["Judged"],
        }
    ]
    assert assessor.full_name not in json.dumps(judged)
