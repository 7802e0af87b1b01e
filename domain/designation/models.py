"""Designation of system leaders: recruitment, selection and the life of a designation
(seeds 000, 001 and 004; DESIGN.md capability 3).

A `Designation` is one term of one person in one role. Re-designation after review opens a new
row linked to the previous one (`previous`), so each term keeps its own dates, review notes and
timeline, and the earlier term stays on the record as `redesignated`."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from .specialisms import specialism_label
from .workflows import ENDED_STATES, DesignationStatus, ReviewStatus


class DesignationRole(models.TextChoices):
    """The roles of seed 003. A role a region adds is a new member here and, if its term is not
    the default, an entry in TERM_YEARS (the criteria sets already take any role name)."""

    LLE = "lle", "Local leader of education"
    SLE = "sle", "Specialist leader of education"
    NLE = "nle", "National leader of education"
    NLG = "nlg", "National leader of governance"


class DesignatingSource(models.TextChoices):
    """Who designated the leader. Since 2017 teaching schools (now hubs) designate LLEs and SLEs
    themselves; designations made earlier by the national programme (NCTL, later DfE) or through
    the 2014 to 2015 LLE pilot stay valid (seed 001: "LLEs designated through the LLE pilot are
    unaffected by these changes")."""

    TSA_OR_HUB = "tsa_or_hub", "A teaching school alliance or hub"
    NATIONAL_PROGRAMME = "national_programme", "The national programme"
    PILOT = "pilot", "The LLE pilot (2014 to 2015)"
    # Seed 004 §14 ("the department makes the final decision") and seed 003 (NLGs "designated by
    # the DfE"): an NLE or NLG recommended by an alliance or hub is designated by the department.
    DEPARTMENT = "department", "The Department for Education"


HISTORICAL_SOURCES = frozenset({DesignatingSource.NATIONAL_PROGRAMME, DesignatingSource.PILOT})


class DeDesignationReason(models.TextChoices):
    """Seed 004 §26: "De-designation during the 3-year period should only be recommended as a
    result of clear failure to comply with NLE standards (e.g. lack of activity/engagement or
    misconduct)". DESIGN.md capability 3: "de-designation only for clear failure"."""

    INACTIVITY = "inactivity", "Lack of activity or engagement"
    MISCONDUCT = "misconduct", "Misconduct"
    STANDARDS = "standards", "Clear failure to meet the standards"


# Length of a term, in years, by role. NLE: seed 004 §22 "NLE designation should last for 3
# years, following which, a light-touch review and re-designation process should be carried out".
# The seeds give no term for LLEs, SLEs or NLGs: they take DEFAULT_TERM_YEARS. A deployment can
# override any of them with settings.DESIGNATION_TERM_YEARS, e.g. {"lle": 2, "default": 3}.
TERM_YEARS: dict[str, int] = {DesignationRole.NLE: 3}
DEFAULT_TERM_YEARS = 3


def term_years_for(role: str) -> int:
    overrides = getattr(settings, "DESIGNATION_TERM_YEARS", {}) or {}
    if role in overrides:
        return int(overrides[role])
    if role in TERM_YEARS:
        return TERM_YEARS[role]
    return int(overrides.get("default", DEFAULT_TERM_YEARS))


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier, when negative), or the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 28 exists in every month


def term_end(starts_on: dt.date, years: int) -> dt.date:
    """The last day of a term of `years` starting on `starts_on`: a term from 1 September 2026
    for 3 years runs to 31 August 2029 inclusive."""
    return add_years(starts_on, years) - dt.timedelta(days=1)


class DesignationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=DesignationStatus.ACTIVE)

    def current(self):
        """Neither ended nor replaced: active or suspended."""
        return self.exclude(status__in=ENDED_STATES)


class Designation(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="designations")
    role = models.CharField(max_length=20, choices=DesignationRole.choices, db_index=True)
    source = models.CharField(max_length=30, choices=DesignatingSource.choices, default=DesignatingSource.TSA_OR_HUB)
    # The designating body: a TSA, hub or strategic grouping. Empty only for the historical
    # sources (the national programme; the pilot, when the pilot alliance is not known).
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="designations"
    )
    # The leader's school when designated.
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="designations"
    )
    phases = models.JSONField(default=list, blank=True)  # codes of specialisms.PHASES
    specialisms = models.JSONField(default=list, blank=True)  # codes of specialisms.SPECIALISMS
    starts_on = models.DateField()
    # Empty for a historical designation whose end the old programme did not set: it stays valid
    # until reviewed (seed 001) and never lapses by itself.
    term_years = models.PositiveSmallIntegerField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True, db_index=True)  # the last day of the term
    # Changed only through the designation workflow (workflows.py).
    status = models.CharField(
        max_length=20, choices=DesignationStatus.choices, default=DesignationStatus.ACTIVE, db_index=True
    )
    # The term this one follows after review (seed 004 §22-25), and what the review found.
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_designation"
    )
    review_notes = models.TextField(blank=True)
    # Why and when it ended (de-designated, lapsed or re-designated).
    ended_on = models.DateField(null=True, blank=True)
    end_reason_code = models.CharField(max_length=20, choices=DeDesignationReason.choices, blank=True)
    end_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DesignationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source=DesignatingSource.TSA_OR_HUB) | models.Q(organisation__isnull=False),
                name="designation_by_tsa_names_it",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="designation_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["status", "ends_on"])]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person} from {self.starts_on:%-d %B %Y}"

    @property
    def is_historical(self) -> bool:
        return self.source in HISTORICAL_SOURCES

    @property
    def is_ended(self) -> bool:
        return self.status in ENDED_STATES

    @property
    def designating_body(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return self.get_source_display()

    @property
    def specialism_labels(self) -> list[str]:
        return [specialism_label(code) for code in self.specialisms]

    def region_id(self):
        """The region the designation belongs to: the designating body's, else the school's."""
        if self.organisation_id and self.organisation.region_id:
            return self.organisation.region_id
        return self.school.region_id if self.school_id else None


# The review of a designation (seed 004 §22-26) ---------------------------------------------------

# How long before the end of a term the service opens its review and asks the leader for a
# self-assessment (issue 14: "six months before a term ends").
REVIEW_OPENS_MONTHS_BEFORE = 6


class ReviewDecision(models.TextChoices):
    REDESIGNATE = "redesignate", "Re-designate for a new term"
    NOT_RENEW = "not_renew", "Do not renew: the designation ends with its term"
    DE_DESIGNATE = "de_designate", "De-designate the leader"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld: the decision is made again"
    DISMISSED = "dismissed", "Dismissed: the decision stands"


class DesignationReview(models.Model):
    """The review of one term. The pack the reviewer reads is compiled by the service when it is
    read (review_selectors.review_pack); only the leader's self-assessment, the decision and an
    appeal are stored here. Changed only through the review workflow (workflows.REVIEW)."""

    designation = models.OneToOneField(Designation, on_delete=models.PROTECT, related_name="review")
    status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.OPEN, db_index=True)
    opened_at = models.DateTimeField(default=timezone.now)
    # The question keys of review_questions, each with the leader's answer.
    self_assessment = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=ReviewDecision.choices, blank=True)
    reason_code = models.CharField(max_length=20, choices=DeDesignationReason.choices, blank=True)
    reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The leader's appeal against a non-renewal or a de-designation, and its outcome, decided by
    # someone other than the person who made the decision.
    appeal_grounds = models.TextField(blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True)
    appeal_reasons = models.TextField(blank=True)
    appeal_heard_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appeal_decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self):
        return f"Review of {self.designation}"

    @property
    def region_id(self):
        return self.designation.region_id()


class ReviewFeedback(models.Model):
    """One person's feedback on the leader for a review ('360' feedback, seed 004 §24 ii): a
    contact of a school the leader supported in the term, or a coordinator of an alliance that
    brokered the work. Asked through their account; the leader never reads who said what."""

    class Source(models.TextChoices):
        SCHOOL = "school", "A supported school"
        ALLIANCE = "alliance", "An alliance or hub"

    review = models.ForeignKey(DesignationReview, on_delete=models.CASCADE, related_name="feedback")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=20, choices=Source.choices)
    # The school or alliance the person was asked for: the request is theirs only while they
    # hold an active role there (an ended membership ends it, as it ends every access it gave).
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # 1 to 5
    comments = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "respondent"], name="review_feedback_once_a_person"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="review_feedback_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"Feedback for {self.review}"


from .criteria_models import CriteriaVersion  # noqa: E402,F401 (a model of this app)
