"""Reading rounds, applications and reference requests, scoped to the person asking.

Another organisation's round or application is simply not in the querysets below, so a page that
fetches through them with `get_object_or_404` answers 404 (DESIGN.md invariants)."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from domain.accounts.policies import is_signed_in
from domain.accounts.roles import Role
from domain.accounts.selectors import active_memberships_for, organisation_ids_of
from domain.audit.policies import timeline_regions_of
from domain.designation.models import Designation, DesignationRole
from domain.organisations.models import OrganisationKind

from .models import REQUIRED_REQUESTS, Application, EmploymentPost, RecruitmentRound, ReferenceRequest
from .workflows import ApplicationStatus, ReferenceStatus

# A request still unanswered this many days after its latest link was sent is overdue: the
# coordinator is reminded, and it is listed for chasing.
CHASE_AFTER_DAYS = 7


def rounds_managed_by(user):
    """The rounds the person manages: their organisations' as coordinator, their regions' as
    regional representative, every round for the technical admin."""
    rounds = RecruitmentRound.objects.select_related("organisation")
    if not is_signed_in(user):
        return rounds.none()
    if user.is_superuser:
        return rounds
    return rounds.filter(
        Q(organisation_id__in=organisation_ids_of(user, Role.TSA_COORDINATOR))
        | Q(organisation__region_id__in=timeline_regions_of(user))
    )


def rounds_open_for_applications(*, today: dt.date | None = None):
    """Rounds anyone can apply to today, closing soonest first."""
    today = today or timezone.localdate()
    return (
        RecruitmentRound.objects.filter(status="open", opens_on__lte=today, closes_on__gte=today)
        .select_related("organisation", "organisation__region")
        .order_by("closes_on", "id")
    )


def applications_for_applicant(user):
    """The person's own applications, newest first, with their round: where each one stands."""
    if not is_signed_in(user):
        return Application.objects.none()
    return Application.objects.filter(applicant=user).select_related("round__organisation", "school")


def applications_of_round(round_, user):
    """The applications to `round_` the person may read: none when they do not manage it."""
    return (
        Application.objects.filter(round=round_, round__in=rounds_managed_by(user))
        .select_related("applicant", "school", "round__organisation")
        .order_by("submitted_at", "id")
    )


def applications_visible_to(user):
    """Every application the person may open: their own and those of the rounds they manage."""
    if not is_signed_in(user):
        return Application.objects.none()
    return Application.objects.filter(Q(applicant=user) | Q(round__in=rounds_managed_by(user))).select_related(
        "applicant", "school", "round__organisation"
    )


def reference_requests_of(application):
    """The requests of one application, current and replaced, in the order sent."""
    return ReferenceRequest.objects.filter(application=application).order_by("kind", "id")


def references_summary(application) -> dict[str, dict[str, int]]:
    """For each kind of request: how many are needed, answered and waiting (replaced and void
    requests do not count). What the applicant and the coordinator see of the references."""
    summary = {kind: {"needed": n, "answered": 0, "waiting": 0} for kind, n in REQUIRED_REQUESTS.items()}
    for request in ReferenceRequest.objects.filter(application=application).only("kind", "status"):
        if request.status == ReferenceStatus.ANSWERED:
            summary[request.kind]["answered"] += 1
        elif request.status in (ReferenceStatus.TO_CONFIRM, ReferenceStatus.AWAITING):
            summary[request.kind]["waiting"] += 1
    return summary


def references_overdue(today: dt.date | None = None, *, user=None):
    """Requests still waiting whose latest link went out CHASE_AFTER_DAYS days or more before
    `today` (or has expired), oldest first: the ones to chase. With `user`, only those of the rounds
    the person manages."""
    today = today or timezone.localdate()
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    cutoff = start_of_today - dt.timedelta(days=CHASE_AFTER_DAYS - 1)
    requests = ReferenceRequest.objects.filter(
        Q(last_sent_at__lt=cutoff) | Q(expires_at__lte=start_of_today),
        status=ReferenceStatus.AWAITING,
    ).select_related("application__applicant", "application__round__organisation")
    if user is not None:
        requests = requests.filter(application__round__in=rounds_managed_by(user))
    return requests.order_by("last_sent_at", "id")


def references_to_confirm(user):
    """Requests whose address waits for the coordinator's check (ADR 18), of the rounds the person
    manages and of applications still waiting for references, never their own application's;
    oldest first."""
    if not is_signed_in(user):
        return ReferenceRequest.objects.none()
    return (
        ReferenceRequest.objects.filter(
            status=ReferenceStatus.TO_CONFIRM,
            application__status=ApplicationStatus.SUBMITTED,
            application__round__in=rounds_managed_by(user),
        )
        .exclude(application__applicant=user)
        .select_related("application__applicant", "application__round__organisation")
        .order_by("nominated_at", "id")
    )


def rounds_open_to(user):
    """Rounds open for applications today to which the person has no live application."""
    live = Application.objects.filter(applicant=user).exclude(status=ApplicationStatus.WITHDRAWN)
    return rounds_open_for_applications().exclude(pk__in=live.values("round_id"))


def held_role_reasons(user) -> dict[str, str]:
    """For each role the person already holds in force (a current designation), why they cannot
    apply for it again (issue 14: refused at the start), e.g. "You are already a local leader of
    education until 31 August 2028"."""
    if not is_signed_in(user):
        return {}
    reasons = {}
    for designation in Designation.objects.current().filter(person=user).order_by("-ends_on"):
        if designation.role in reasons:
            continue
        label = DesignationRole(designation.role).label.lower() if designation.role in DesignationRole.values else ""
        until = designation.ends_on
        reasons[designation.role] = (
            f"You are already a {label or designation.role}"
            + (f" until {until.day} {until:%B %Y}" if until else "")
            + ", so you cannot apply for this role again"
        )
    return reasons


def own_school_of(user):
    """The school of the person's first school organisation, to start their application with."""
    for membership in active_memberships_for(user):
        organisation = membership.organisation
        if organisation.kind == OrganisationKind.SCHOOL and organisation.school_id:
            return organisation.school
    return None


def has_applications(user) -> bool:
    return Application.objects.filter(applicant=user).exists()


def organisations_running_rounds_for(user):
    """The alliances and hubs the person may run a round for: those they coordinate and, for a
    regional representative, those of their region."""
    from domain.organisations.models import BROKERING_KINDS, Organisation

    organisations = Organisation.objects.filter(kind__in=BROKERING_KINDS).select_related("region").order_by("name")
    if user.is_superuser:
        return organisations
    return organisations.filter(
        Q(pk__in=organisation_ids_of(user, Role.TSA_COORDINATOR)) | Q(region_id__in=timeline_regions_of(user))
    )


# An application is scored once its eligibility is checked (an NLE's after the paper exercise too,
# seed 004 §13) and until the panel decides: assessment._refuse_unless_scoring_open.
SCORING_STATES = (ApplicationStatus.ELIGIBILITY_CHECKED, ApplicationStatus.PAPER_SCORED, ApplicationStatus.ASSESSED)


def applications_to_assess(user):
    """The applications the person sits on the panel of, open for scoring, that they have not yet
    submitted their scores for: oldest first. One query."""
    from domain.designation.models import DesignationRole

    from .models import AssessorSubmission

    if not is_signed_in(user):
        return Application.objects.none()
    submitted = AssessorSubmission.objects.filter(application=OuterRef("pk"), assessor=user)
    return (
        Application.objects.filter(panel_members__user=user, status__in=SCORING_STATES)
        .exclude(round__role=DesignationRole.NLE, status=ApplicationStatus.ELIGIBILITY_CHECKED)
        .exclude(Exists(submitted))
        .select_related("applicant", "round__organisation")
        .order_by("submitted_at", "pk")
    )


def sits_on_a_panel(user) -> bool:
    """Whether the person sits on any application's selection panel (their navigation's
    "Recruitment" leads to the applications they assess)."""
    from .models import PanelMember

    return is_signed_in(user) and PanelMember.objects.filter(user=user).exists()


def references_answered(application) -> list[dict]:
    """The answered references and the chair of governors' confirmation of an application, each
    with its questions and answers in the form's words, for the assessors to read. One query."""
    from .application_form import questions_for

    answered = []
    for request in application.reference_requests.filter(status=ReferenceStatus.ANSWERED).order_by("pk"):
        answers = []
        for question in questions_for(request.kind):
            value = request.response.get(question.key)
            if isinstance(value, bool):
                value = "Yes" if value else "No"
            answers.append((question.text, value or "Not answered"))
        answered.append(
            {
                "who": ", ".join(part for part in (request.name, request.job_title, request.organisation_name) if part),
                "kind": request.get_kind_display(),
                "answers": answers,
            }
        )
    return answered


def posts_of(application):
    """The applicant's posts, latest started first, with their schools."""
    return EmploymentPost.objects.filter(application=application).select_related("school").order_by("-start", "-id")
