"""Each role applies on its own form; the applicant's posts, an SLE's specialisms and an NLE's
route are kept on the draft and feed the eligibility check (issue 14)."""

import datetime as dt

import pytest

from domain.audit.models import AuditEvent
from domain.designation.models import Designation
from domain.recruitment.application_form import FORM_FOR_ROLE, FORMS, NLE_FORM, REGIONAL_FORM, SLE_FORM, form_for
from domain.recruitment.decisions import panel_decide
from domain.recruitment.eligibility import facts_for_application
from domain.recruitment.employment import employment_post_add, employment_post_change, employment_post_remove
from domain.recruitment.models import EmploymentPost
from domain.recruitment.services import (
    RecruitmentRefused,
    application_save_draft,
    application_submit,
    missing_for_submission,
)
from tests import factories
from tests.recruitment.helpers import TODAY, draft_application, make_round
from tests.recruitment.selection_builders import assessed, coordinated_round, valid_panel

pytestmark = pytest.mark.django_db


def _round(role, criteria_set):
    return make_round(role=role, criteria_set=criteria_set, form_version=None)


def _add(application, role="headteacher", start=dt.date(2020, 9, 1), end=None, school=None):
    return employment_post_add(
        actor=application.applicant,
        application=application,
        role=role,
        school=school or factories.SchoolFactory(),
        start=start,
        end=end,
    )


@pytest.mark.parametrize(
    ("role", "criteria_set"),
    [("lle", "yh-lle@1"), ("sle", "national-sle@1"), ("nle", "national-nle@1"), ("nlg", "national-nlg@1")],
)
def test_a_new_round_takes_its_roles_form(role, criteria_set):
    round_ = _round(role, criteria_set)
    assert form_for(round_) == FORM_FOR_ROLE[role]  # its stored version in force
    assert form_for(round_).role == role


def test_the_lle_form_of_existing_rounds_is_kept_and_new_lle_rounds_require_posts():
    assert FORMS["yh-2017@1"] is REGIONAL_FORM
    assert not REGIONAL_FORM.posts_required
    assert FORM_FOR_ROLE["lle"].posts_required
    assert FORM_FOR_ROLE["lle"].sections == REGIONAL_FORM.sections


def test_a_new_lle_application_needs_a_post_before_it_is_sent():
    application = draft_application(_round("lle", "yh-lle@1"))
    assert "your posts" in missing_for_submission(application)


def test_an_unknown_form_is_refused():
    with pytest.raises(RecruitmentRefused, match="Choose an application form"):
        make_round(form_version="no-such-form@9")


# Employment history --------------------------------------------------------------------------


def test_the_applicant_adds_changes_and_removes_a_post_each_audited():
    application = draft_application(_round("sle", "national-sle@1"))
    post = _add(application, role="deputy_head")
    assert EmploymentPost.objects.get().role == "deputy_head"
    employment_post_change(
        actor=application.applicant, post=post, role="senior_leader", school=post.school, start=post.start, end=None
    )
    assert EmploymentPost.objects.get().role == "senior_leader"
    employment_post_remove(actor=application.applicant, post=post)
    assert not EmploymentPost.objects.exists()
    actions = list(AuditEvent.objects.filter(action__contains=".post_").values_list("action", flat=True))
    assert sorted(actions) == [
        "recruitment.application.post_added",
        "recruitment.application.post_changed",
        "recruitment.application.post_removed",
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start": TODAY + dt.timedelta(days=1)}, "started must be today or in the past"),
        ({"start": dt.date(2020, 9, 1), "end": dt.date(2020, 8, 31)}, "must be on or after the day it started"),
        ({"end": TODAY + dt.timedelta(days=3)}, "if you are still in post, say so"),
        ({"role": "astronaut"}, "Choose the post from the list"),
        ({"school": "140001"}, "Choose the school from the register"),
    ],
)
def test_a_bad_post_is_refused_and_changes_nothing(fields, message):
    application = draft_application(_round("sle", "national-sle@1"))
    values = {"role": "deputy_head", "school": factories.SchoolFactory(), "start": dt.date(2020, 9, 1), "end": None}
    with pytest.raises(RecruitmentRefused, match=message):
        employment_post_add(actor=application.applicant, application=application, **{**values, **fields})
    assert not EmploymentPost.objects.exists()


def test_only_the_applicant_changes_their_posts():
    application = draft_application(_round("sle", "national-sle@1"))
    with pytest.raises(RecruitmentRefused, match="Only the applicant"):
        employment_post_add(
            actor=factories.UserFactory(),
            application=application,
            role="deputy_head",
            school=factories.SchoolFactory(),
            start=dt.date(2020, 9, 1),
            end=None,
        )
    assert not EmploymentPost.objects.exists()


# The posts feed the check --------------------------------------------------------------------


def test_three_years_as_head_are_read_from_the_posts():
    application = draft_application(make_round())
    _add(application, role="acting_head", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    _add(application, role="headteacher", start=dt.date(2024, 1, 1))
    facts = facts_for_application(application)
    assert facts.post == "headteacher"
    assert [p.role for p in facts.posts] == ["headteacher", "acting_head"]
    from domain.designation.criteria import evaluate, get_set

    result = {c.id: c.result for g in evaluate(get_set("yh-lle@1"), facts).groups for c in g.criteria}
    assert result["years_as_head"] == "met"


def test_two_years_as_head_are_not_enough():
    from domain.designation.criteria import evaluate, get_set

    application = draft_application(make_round())
    _add(application, role="headteacher", start=dt.date(2024, 12, 1))
    evaluation = evaluate(get_set("yh-lle@1"), facts_for_application(application))
    result = {c.id: c.result for g in evaluation.groups for c in g.criteria}
    assert result["years_as_head"] == "not_met"


def test_without_posts_years_as_head_needs_evidence_as_before():
    facts = facts_for_application(draft_application(make_round()))
    assert facts.posts is None and facts.post == ""


def test_the_schools_of_posts_held_now_are_accountable_and_past_ones_are_not():
    application = draft_application(make_round())
    now, before = factories.SchoolFactory(), factories.SchoolFactory()
    _add(application, role="executive_head", school=now, start=dt.date(2022, 9, 1))
    _add(application, role="headteacher", school=before, start=dt.date(2015, 9, 1), end=dt.date(2022, 8, 31))
    schools = {s.urn: s for s in facts_for_application(application).schools}
    assert schools[now.urn].accountable is True
    assert schools[before.urn].accountable is False
    assert schools[application.school.urn].accountable is True


def test_an_nlg_who_is_also_a_deputy_is_checked_as_a_chair():
    application = draft_application(_round("nlg", "national-nlg@1"))
    _add(application, role="deputy_head", start=dt.date(2021, 9, 1))
    _add(application, role="chair_of_governors", start=dt.date(2019, 9, 1))
    assert facts_for_application(application).post == "chair_of_governors"


def test_each_forms_declarations_answer_its_sets_criteria():
    application = draft_application(_round("sle", "national-sle@1"))
    application_save_draft(
        actor=application.applicant,
        application=application,
        declarations={d.key: True for d in SLE_FORM.declarations},
    )
    application.refresh_from_db()
    declarations = facts_for_application(application).declarations
    assert declarations == {"sle_headteacher_support": True, "sle_time_commitment": True}


# SLE specialisms and the NLE route -----------------------------------------------------------


def test_an_sle_chooses_specialisms_from_the_list():
    application = draft_application(_round("sle", "national-sle@1"))
    application_save_draft(actor=application.applicant, application=application, specialisms=["maths", "phonics"])
    application.refresh_from_db()
    assert application.specialisms == ["maths", "phonics"]
    for bad, message in (([], "at least one specialism"), (["basket_weaving"], "not on the list")):
        with pytest.raises(RecruitmentRefused, match=message):
            application_save_draft(actor=application.applicant, application=application, specialisms=bad)
    application.refresh_from_db()
    assert application.specialisms == ["maths", "phonics"]


def test_an_lle_is_not_asked_for_specialisms():
    application = draft_application(make_round())
    with pytest.raises(RecruitmentRefused, match="does not ask for specialisms"):
        application_save_draft(actor=application.applicant, application=application, specialisms=["maths"])


def test_an_nle_chooses_a_route_and_answers_that_routes_sections():
    application = draft_application(_round("nle", "national-nle@1"))
    assert "your route" in missing_for_submission(application)
    with pytest.raises(RecruitmentRefused, match="Choose one of the routes"):
        application_save_draft(actor=application.applicant, application=application, route="fast_track")
    application_save_draft(actor=application.applicant, application=application, route="beacon_of_excellence")
    application.refresh_from_db()
    missing = missing_for_submission(application)
    assert "your route" not in missing
    assert NLE_FORM.section("beacon_performance").title.lower() in missing
    assert NLE_FORM.section("mat_performance").title.lower() not in missing


def test_an_sle_cannot_submit_without_posts_and_specialisms():
    application = draft_application(_round("sle", "national-sle@1"))
    application_save_draft(
        actor=application.applicant,
        application=application,
        answers={s.key: {"answer": "Done", "evidence": ""} for s in SLE_FORM.sections},
        declarations={d.key: True for d in SLE_FORM.declarations},
    )
    with pytest.raises(RecruitmentRefused, match="your posts; your specialisms"):
        application_submit(actor=application.applicant, application=application)
    _add(application, role="deputy_head")
    application_save_draft(actor=application.applicant, application=application, specialisms=["maths"])
    application_submit(actor=application.applicant, application=application)
    application.refresh_from_db()
    assert application.status == "submitted"


def test_the_sles_specialisms_are_carried_to_the_designation():
    round_, coordinator = coordinated_round(role="sle", criteria_set="national-sle@1", specialisms=[])
    application, _ = assessed(round_, coordinator)
    application.specialisms = ["maths", "behaviour"]  # as chosen on the draft (the first form did not ask)
    application.save(update_fields=["specialisms"])
    chair = valid_panel(application, coordinator)[0].user
    panel_decide(actor=chair, application=application, outcome="approved", feedback="Strong maths leadership.")
    assert Designation.objects.get(person=application.applicant).specialisms == ["maths", "behaviour"]
