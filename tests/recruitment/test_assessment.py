"""The assessment day and the NLE paper exercise: the grid, each assessor scoring on their own, the
summary, and the NLE order of seed 004 §13 (eligibility, paper exercise, interview)."""

import pytest

from domain.accounts.roles import Role
from domain.organisations.models import OrganisationKind
from domain.recruitment.assessment import (
    MIN_ASSESSORS,
    NLE_GRID,
    REGIONAL_GRID,
    assessment_score,
    assessment_scores_visible_to,
    assessment_submit,
    assessment_summary,
    grid_for,
    paper_exercise_score,
)
from domain.recruitment.models import AssessmentScore, PaperExercise
from domain.recruitment.services import RecruitmentRefused
from tests import factories
from tests.conftest import person_in_role
from tests.recruitment.selection_builders import (
    assessor_for,
    coordinated_round,
    eligibility_checked,
    nle_round,
    references_complete,
    score_all,
)

pytestmark = pytest.mark.django_db


def test_the_nle_grid_is_the_three_standards_of_seed_004():
    round_, coordinator = nle_round()
    application = references_complete(round_)
    assert grid_for(application) == NLE_GRID
    assert [c.title.split(".")[0] for c in NLE_GRID] == ["Standard 1", "Standard 2", "Standard 3"]
    lle_round, _ = coordinated_round()
    assert grid_for(references_complete(lle_round)) == REGIONAL_GRID


def test_two_assessors_submitting_moves_the_application_to_assessed():
    assert MIN_ASSESSORS == 2
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    first, second = assessor_for(round_), assessor_for(round_)

    score_all(first, application, 2)
    assessment_submit(assessor=first, application=application)
    application.refresh_from_db()
    assert application.status == "eligibility_checked"

    score_all(second, application, 4)
    assessment_submit(assessor=second, application=application)
    application.refresh_from_db()
    assert application.status == "assessed"

    summary = assessment_summary(application)
    assert summary["complete"] is True
    assert summary["submitted"] == [first, second]
    row = summary["competencies"][0]
    assert (row["mean"], row["spread"], row["count"]) == (3, 2, 2)


def test_an_assessor_sees_only_their_own_scores_until_they_submit():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    first, second = assessor_for(round_), assessor_for(round_)
    score_all(first, application, 2)
    score_all(second, application, 3)

    assert {s.assessor for s in assessment_scores_visible_to(application, second)} == {second}
    assessment_submit(assessor=second, application=application)
    assert {s.assessor for s in assessment_scores_visible_to(application, second)} == {first, second}
    # Scores not yet submitted do not count in the summary; the first assessor is still scoring.
    summary = assessment_summary(application)
    assert summary["competencies"][0]["mean"] == 3
    assert summary["in_progress"] == [first]


def test_an_assessor_cannot_change_another_assessors_scores():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    first, second = assessor_for(round_), assessor_for(round_)
    score_all(first, application, 2)
    key = REGIONAL_GRID[0].key

    assessment_score(assessor=second, application=application, scores={key: 4})

    assert AssessmentScore.objects.get(application=application, assessor=first, competency=key).score == 2
    assert AssessmentScore.objects.get(application=application, assessor=second, competency=key).score == 4


def test_submitted_scores_are_fixed():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    assessor = assessor_for(round_)
    score_all(assessor, application, 2)
    assessment_submit(assessor=assessor, application=application)

    with pytest.raises(RecruitmentRefused, match="You have submitted your scores, so they can no longer be changed"):
        assessment_score(assessor=assessor, application=application, scores={REGIONAL_GRID[0].key: 4})
    with pytest.raises(RecruitmentRefused, match="You have already submitted your scores"):
        assessment_submit(assessor=assessor, application=application)


def test_submitting_with_competencies_unscored_is_refused_naming_them():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    assessor = assessor_for(round_)
    assessment_score(assessor=assessor, application=application, scores={REGIONAL_GRID[0].key: 3})

    with pytest.raises(RecruitmentRefused, match=f"Before you submit, score: {REGIONAL_GRID[1].title}"):
        assessment_submit(assessor=assessor, application=application)


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({REGIONAL_GRID[0].key: 5}, "from 1 to 4"),
        ({REGIONAL_GRID[0].key: 0}, "from 1 to 4"),
        ({REGIONAL_GRID[0].key: True}, "from 1 to 4"),
        ({"charisma": 3}, "These are not competencies of the grid: charisma"),
        ({}, "Give a score for at least one competency"),
    ],
)
def test_bad_scores_are_refused(scores, message):
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    with pytest.raises(RecruitmentRefused, match=message):
        assessment_score(assessor=assessor_for(round_), application=application, scores=scores)
    assert not AssessmentScore.objects.exists()


def test_the_applicant_and_outsiders_cannot_assess():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    for person in (application.applicant, factories.UserFactory()):
        with pytest.raises(RecruitmentRefused, match="You are not an assessor for this application"):
            assessment_score(assessor=person, application=application, scores={REGIONAL_GRID[0].key: 3})


def test_assessment_is_refused_before_the_eligibility_check():
    round_, _ = coordinated_round()
    application = references_complete(round_)
    with pytest.raises(RecruitmentRefused, match="after the eligibility check .* references complete"):
        assessment_score(assessor=assessor_for(round_), application=application, scores={REGIONAL_GRID[0].key: 3})


# NLE order (seed 004 §13) -----------------------------------------------------------------------


def test_an_nle_application_is_not_assessed_before_its_paper_exercise():
    round_, coordinator = nle_round()
    application = eligibility_checked(round_, coordinator)
    with pytest.raises(RecruitmentRefused, match="score the paper exercise first"):
        assessment_score(assessor=assessor_for(round_), application=application, scores={NLE_GRID[0].key: 3})

    paper = paper_exercise_score(actor=coordinator, application=application, score=68, notes="Good on ICFP")
    application.refresh_from_db()
    assert (application.status, paper.score) == ("paper_scored", 68)

    assessment_score(assessor=assessor_for(round_), application=application, scores={NLE_GRID[0].key: 3})
    assert AssessmentScore.objects.filter(application=application).count() == 1


def test_only_nle_selection_has_a_paper_exercise():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    with pytest.raises(RecruitmentRefused, match="Only NLE selection has a paper exercise"):
        paper_exercise_score(actor=coordinator, application=application, score=50)


@pytest.mark.parametrize("score", [-1, 101, "70", None, True])
def test_a_paper_score_must_be_0_to_100(score):
    round_, coordinator = nle_round()
    application = eligibility_checked(round_, coordinator)
    with pytest.raises(RecruitmentRefused, match="a whole number from 0 to 100"):
        paper_exercise_score(actor=coordinator, application=application, score=score)
    assert not PaperExercise.objects.exists()


def test_the_paper_exercise_comes_after_the_eligibility_check_and_is_scored_by_the_round():
    round_, coordinator = nle_round()
    application = references_complete(round_)
    with pytest.raises(RecruitmentRefused, match="after the eligibility check and before the interview"):
        paper_exercise_score(actor=coordinator, application=application, score=50)
    with pytest.raises(RecruitmentRefused, match="Only the alliance or hub running the round can score"):
        paper_exercise_score(actor=factories.UserFactory(), application=application, score=50)


def test_someone_from_the_applicants_school_cannot_assess():
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    school_org = factories.OrganisationFactory(kind=OrganisationKind.SCHOOL, school=application.school)
    assessor = person_in_role(Role.PANEL_MEMBER, organisation=round_.organisation, full_name="Pat Sample")
    factories.MembershipFactory(user=assessor, organisation=school_org, role=Role.SCHOOL_CONTACT)

    with pytest.raises(
        RecruitmentRefused, match="Pat Sample cannot assess this application: they work at the applicant's school"
    ):
        assessment_score(assessor=assessor, application=application, scores={REGIONAL_GRID[0].key: 3})
