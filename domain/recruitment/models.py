"""Recruitment and selection of system leaders: rounds, applications, references (seeds 000, 004).

Seed 000 ("Application and selection"): "TSAs should use local intelligence and data to forecast
demand and recruit according to need. Application should be made through an application form and
references will be requested." A round belongs to one alliance or hub; its applications and their
references are that organisation's private record (DESIGN.md invariants)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from domain.designation.criteria.facts import ROLE_LABELS
from domain.designation.models import DesignationRole
from domain.designation.specialisms import specialism_label

from .application_form import REGIONAL_FORM
from .workflows import ApplicationStatus, ReferenceStatus, RoundStatus


class RecruitmentRound(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="recruitment_rounds"
    )
    role = models.CharField(max_length=20, choices=DesignationRole.choices, db_index=True)
    title = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()  # the last day applications can be submitted
    # The local need the round answers (seed 000: "TSAs should undertake an audit of local
    # capacity and need to inform their recruitment").
    local_need = models.TextField()
    phases = models.JSONField(default=list, blank=True)  # codes of designation.specialisms.PHASES
    specialisms = models.JSONField(default=list, blank=True)  # codes of designation.specialisms.SPECIALISMS
    # The criteria set the applications are checked against, as "name@version", e.g. "yh-lle@1".
    criteria_set = models.CharField(max_length=80)
    form_version = models.CharField(max_length=40, default=REGIONAL_FORM.version)
    status = models.CharField(max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT, db_index=True)
    cancel_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_it_opens"
            )
        ]

    def __str__(self):
        return self.title

    def accepts_applications(self, today) -> bool:
        return self.status == RoundStatus.OPEN and self.opens_on <= today <= self.closes_on


class Application(models.Model):
    round = models.ForeignKey(RecruitmentRound, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications")
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="leader_applications"
    )
    # {section_key: {"answer": text, "evidence": text}}, keys from the round's form.
    answers = models.JSONField(default=dict, blank=True)
    # {"version": form version, "accepted": {declaration_key: bool}}
    declarations = models.JSONField(default=dict, blank=True)
    # SLE: the specialisms the applicant applies in, codes of designation.specialisms.SPECIALISMS
    # (seed 003: "SLEs are experienced middle or senior leaders with a specialism").
    specialisms = models.JSONField(default=list, blank=True)
    # NLE: the route chosen, a group id of the NLE criteria set (seed 004 §11).
    route = models.CharField(max_length=60, blank=True)
    status = models.CharField(
        max_length=30, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The criteria set and assessment grid ("id@version") in force when the application was
    # submitted: it is judged by them, whatever the region agrees later (issue 14).
    criteria_set = models.CharField(max_length=80, blank=True)
    assessment_grid = models.CharField(max_length=80, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "applicant"],
                condition=~models.Q(status=ApplicationStatus.WITHDRAWN),
                name="one_live_application_per_round",
            )
        ]

    def __str__(self):
        return f"Application by {self.applicant} to {self.round}"

    @property
    def posts_with_schools(self):
        """The employment history, latest started first, each post with its school (one query)."""
        return self.posts.select_related("school").order_by("-start", "-id")

    @property
    def specialism_labels(self) -> list[str]:
        return [specialism_label(code) for code in self.specialisms]


# The posts a person can give, in the words of the criteria engine (criteria.facts.ROLE_LABELS).
POST_ROLE_CHOICES = [(code, label[0].upper() + label[1:]) for code, label in ROLE_LABELS.items()]


class EmploymentPost(models.Model):
    """One post in the applicant's employment history: what they were (headteacher, acting head,
    chair of governors...), at which school of the register, from when until when (no end: still
    in post). The posts give the criteria engine its `Facts.posts`, so "years as head" (seed 000,
    Criteria) is read from them."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="posts")
    role = models.CharField(max_length=40, choices=POST_ROLE_CHOICES)
    school = models.ForeignKey("schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)  # None: still in post
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application_id", "-start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="employment_post_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} from {self.start}"

    @property
    def current(self) -> bool:
        return self.end is None


class ReferenceKind(models.TextChoices):
    REFERENCE = "reference", "Reference"
    GOVERNORS_CONFIRMATION = "governors_confirmation", "Chair of governors' confirmation"


# What each application needs before it moves on: two references (the "two referees";
# seed 000 says only "references will be requested") and the chair of governors' confirmation
# (seed 000: the leader must "have the support of your school's governing body / trust board").
REQUIRED_REQUESTS = {ReferenceKind.REFERENCE: 2, ReferenceKind.GOVERNORS_CONFIRMATION: 1}


class ReferenceRequest(models.Model):
    """One request for a reference or for the chair of governors' confirmation, answered through a
    single-use link. The applicant names the person; the link goes out only once the alliance's
    coordinator has checked and confirmed the address (ADR 18), so until then there is no token,
    no expiry and no sending date. Only a hash of the link's token is stored: the token itself is
    in the e-mail."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reference_requests")
    kind = models.CharField(max_length=30, choices=ReferenceKind.choices)
    name = models.CharField(max_length=150)
    # The person's role and organisation as the applicant gives them, for the coordinator's check.
    job_title = models.CharField(max_length=150, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    nominated_at = models.DateTimeField(default=timezone.now)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who checked the address, when, and how (ADR 18); empty until the coordinator confirms.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_how = models.CharField(max_length=20, blank=True)
    confirmed_note = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)  # the first link
    last_sent_at = models.DateTimeField(null=True, blank=True)  # the latest link (first or chaser)
    expires_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ReferenceStatus.choices, default=ReferenceStatus.TO_CONFIRM, db_index=True
    )
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )
    response = models.JSONField(default=dict, blank=True)
    chasers_sent = models.PositiveSmallIntegerField(default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["application_id", "kind", "id"]
        indexes = [models.Index(fields=["status", "last_sent_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.name} for application {self.application_id}"

    def is_expired(self, now=None) -> bool:
        return self.expires_at is None or (now or timezone.now()) >= self.expires_at


# Selection: eligibility, paper exercise, assessment day, panel, decision, appeal ---------------
# (seed 000 "Application and selection"; seed 004 §13-16). The services are in eligibility.py,
# assessment.py, panel.py and decisions.py.


class EligibilityCheck(models.Model):
    """One run of the criteria engine for one application, stored as it was when checked: the set
    (`criteria_set` is "id@version") and every criterion's result and reason. The check runs again
    when the facts change (an assessor's judgement, a claimed exception); every run is kept and the
    latest, the highest `run`, is the one in force (issue 14)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="eligibility_checks")
    run = models.PositiveIntegerField(default=1)
    criteria_set = models.CharField(max_length=80)
    result = models.CharField(max_length=20)  # met | not_met | needs_evidence
    evaluation = models.JSONField(default=dict)  # Evaluation.to_dict()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application_id", "run"]
        constraints = [models.UniqueConstraint(fields=["application", "run"], name="one_eligibility_run_per_number")]

    def __str__(self):
        return f"Eligibility of application {self.application_id} against {self.criteria_set}: {self.result}"


class JudgementResult(models.TextChoices):
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"


class CriterionJudgement(models.Model):
    """An assessor's judgement on the evidence for one criterion of the round's set, and the
    exception the applicant claims for it, if any (seed 004 §11 footnotes; seed 000 criteria judged
    on evidence). The latest judgement on a criterion replaces the earlier one; each is audited."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="criterion_judgements")
    criterion_id = models.CharField(max_length=80)
    result = models.CharField(max_length=10, choices=JudgementResult.choices)
    evidence = models.TextField()
    claims_exception = models.BooleanField(default=False)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    judged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application_id", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion_id"], name="one_judgement_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.get_result_display()} (application {self.application_id})"


class PaperExercise(models.Model):
    """The NLE paper exercise (seed 004 §13 ii: "Paper exercise testing knowledge that we would
    expect an NLE to have"), scored as a percentage."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="paper_exercise")
    score = models.PositiveSmallIntegerField()
    notes = models.TextField(blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(score__lte=100), name="paper_score_at_most_100")]

    def __str__(self):
        return f"Paper exercise of application {self.application_id}: {self.score}%"


class AssessmentScore(models.Model):
    """One assessor's score (1 to 4) for one competency of the grid, with their evidence."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assessment_scores")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    competency = models.CharField(max_length=60)
    score = models.PositiveSmallIntegerField()
    evidence = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application_id", "assessor_id", "competency"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor", "competency"], name="one_score_per_assessor_and_competency"
            ),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=4), name="assessment_score_1_to_4"),
        ]

    def __str__(self):
        return f"{self.competency}: {self.score}"


class AssessorSubmission(models.Model):
    """An assessor has finished scoring an application: their scores are then fixed."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assessor_submissions")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "assessor"], name="one_submission_per_assessor")]

    def __str__(self):
        return f"Scores submitted by {self.assessor} for application {self.application_id}"


class PanelMember(models.Model):
    """A person sitting on the selection panel of one application (seed 000: "NLEs and experienced
    system leaders should be involved in the recruitment and selection process")."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="panel_members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_seats")
    is_nle_or_experienced_leader = models.BooleanField(default=False)
    # The organisation they come from (for "a representative from another TSA", seed 000).
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application_id", "added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "user"], name="one_seat_per_panel_member")]

    def __str__(self):
        return f"{self.user} on the panel of application {self.application_id}"


class PanelOutcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class PanelDecision(models.Model):
    """The panel's decision with its written feedback to the applicant. An application has a
    second decision only after an upheld appeal."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="panel_decisions")
    outcome = models.CharField(max_length=20, choices=PanelOutcome.choices)
    feedback = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    designation = models.ForeignKey(
        "designation.Designation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self):
        return f"{self.get_outcome_display()}: application {self.application_id}"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    DISMISSED = "dismissed", "Dismissed"


class Appeal(models.Model):
    """An appeal against a decline (seed 000: "TSAs would manage appeals and review of
    designation"), heard by someone who did not sit on the panel."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="appeal")
    grounds = models.TextField()
    lodged_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True)
    reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Appeal on application {self.application_id}"


class DepartmentDecision(models.Model):
    """The Department for Education's decision on an NLE or NLG application its alliance or hub
    recommended (seed 004 §14: "the department makes the final decision"; seed 003: NLGs are
    "designated by the DfE"), with its reasons. A second one only after an upheld appeal."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="department_decisions")
    outcome = models.CharField(max_length=20, choices=PanelOutcome.choices)
    reasons = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    designation = models.ForeignKey(
        "designation.Designation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self):
        return f"The department's decision ({self.get_outcome_display().lower()}): application {self.application_id}"
