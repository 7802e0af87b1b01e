"""The Department for Education's decision on NLE and NLG designations (seed 004 §14: "the
department makes the final decision"; seed 003: NLGs are "designated by the DfE").

The panel of the alliance or hub running the round recommends (decisions.panel_decide moves an
approved NLE or NLG application to "recommended" and designates nobody); a department official
then approves, designating the leader with the department as the designating body, or declines
with reasons, which the applicant may appeal as they would the panel's decline."""

from django.db import transaction
from django.utils import timezone

from domain.accounts.roles import Role
from domain.accounts.selectors import people_in_role
from domain.designation.models import DesignatingSource
from domain.designation.services import DEPARTMENT_ROLES, DesignationRefused, designation_create
from domain.notifications.services import notify
from domain.organisations.models import Organisation, OrganisationKind
from domain.workflows.table import transition

from .models import Application, DepartmentDecision, PanelDecision, PanelOutcome
from .policies import can_decide_for_department, is_department_official
from .services import MAX_TEXT, RecruitmentRefused
from .workflows import APPLICATION, ApplicationStatus

# Where the department's officials read a recommendation (web/recruitment/department_urls.py).
LINK_TO_RECOMMENDATION = "/recruitment/department/{pk}/"


def decided_by_department(round_) -> bool:
    """The round's approvals are recommendations to the department: NLE and NLG rounds."""
    return round_.role in DEPARTMENT_ROLES


def department_of(user) -> Organisation | None:
    """The department the official acts for (None when there is none on record)."""
    return (
        Organisation.objects.filter(
            kind=OrganisationKind.DEPARTMENT,
            memberships__user=user,
            memberships__role=Role.DEPARTMENT_OFFICIAL,
            memberships__status="active",
        )
        .order_by("pk")
        .first()
    )


def recommendations_for(user):
    """The applications waiting for the department's decision, from every region, oldest first:
    the department's officials only (anyone else: none)."""
    if not is_department_official(user):
        return Application.objects.none()
    return (
        Application.objects.filter(status=ApplicationStatus.RECOMMENDED)
        .exclude(applicant=user)
        .select_related("round__organisation__region", "applicant", "school")
        .order_by("updated_at", "pk")
    )


def recommendation_for(user, application_id) -> Application | None:
    """One application the department's official may read (recommended, or decided by the
    department), or None."""
    application = (
        Application.objects.select_related("round__organisation__region", "applicant", "school")
        .filter(pk=application_id)
        .first()
    )
    return application if can_decide_for_department(user, application) else None


def recommendation_of(application) -> PanelDecision | None:
    """The panel's latest approval: its recommendation, with the feedback it wrote."""
    return (
        PanelDecision.objects.filter(application=application, outcome=PanelOutcome.APPROVED)
        .order_by("-decided_at", "-id")
        .first()
    )


def notify_department_of_recommendation(*, application: Application) -> None:
    """Tells every active official of the Department for Education that a panel recommends this
    leader, with a link to the recommendation (seed 004 §14: "the department makes the final
    decision"). Called by the panel's decision, inside its transaction; never the applicant."""
    role = application.round.get_role_display().lower()
    officials = {user.pk: user for user in people_in_role(Role.DEPARTMENT_OFFICIAL)}
    officials.pop(application.applicant_id, None)
    for official in officials.values():
        notify(
            user=official,
            title=f"{application.applicant.full_name} is recommended as a {role}",
            body=(
                f"The panel of {application.round.organisation.name} recommends {application.applicant.full_name} "
                f"as a {role}. Read the recommendation, then approve or decline it."
            ),
            link=LINK_TO_RECOMMENDATION.format(pk=application.pk),
        )


def _reasons(value) -> str:
    value = value.strip() if isinstance(value, str) else ""
    if not value:
        raise RecruitmentRefused("Enter the reasons for the department's decision")
    if len(value) > MAX_TEXT:
        raise RecruitmentRefused(f"The reasons must be {MAX_TEXT:,} characters or fewer")
    return value


@transaction.atomic
def department_decide(*, actor, application: Application, outcome: str, reasons: str) -> DepartmentDecision:
    """Records the department's decision on a recommended application and tells the applicant.
    An approval designates the leader, by the department, for the round's role, phases and
    specialisms, from today; a decline needs reasons and may be appealed. Refused to anyone but a
    department official and on an application not waiting for the department."""
    if not can_decide_for_department(actor, application):
        raise RecruitmentRefused("Only the Department for Education can decide a recommendation")
    if outcome not in PanelOutcome.values:
        raise RecruitmentRefused("Choose whether the department approves or declines the recommendation")
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__organisation", "applicant", "school")
        .get(pk=application.pk)
    )
    if locked.status != ApplicationStatus.RECOMMENDED:
        raise RecruitmentRefused(
            "This application is not waiting for the department's decision; it is "
            f"{locked.get_status_display().lower()}"
        )
    reasons = _reasons(reasons)
    department = department_of(actor)
    decision = DepartmentDecision.objects.create(application=locked, outcome=outcome, reasons=reasons, decided_by=actor)
    round_ = locked.round
    role = round_.get_role_display().lower()
    if outcome == PanelOutcome.APPROVED:
        transition(
            workflow=APPLICATION, obj=application, event="department_approve", actor=actor, organisation=department
        )
        try:
            decision.designation = designation_create(
                actor=actor,
                person=locked.applicant,
                role=round_.role,
                source=DesignatingSource.DEPARTMENT,
                organisation=department,
                school=locked.school,
                phases=list(round_.phases),
                specialisms=list(round_.specialisms),
                starts_on=timezone.localdate(),
            )
        except DesignationRefused as error:
            raise RecruitmentRefused(f"The applicant cannot be designated: {error}") from None
        decision.save(update_fields=["designation"])
        title = f"You are designated as a {role}"
        body = (
            f"The Department for Education approved the recommendation of {round_.organisation.name}: "
            f"you are designated as a {role}.\n\n{reasons}"
        )
    else:
        transition(
            workflow=APPLICATION,
            obj=application,
            event="department_decline",
            actor=actor,
            reason=reasons,
            organisation=department,
        )
        from .decisions import APPEAL_DAYS

        title = f"Your application to {round_.title} was not approved by the Department for Education"
        body = (
            f"The Department for Education declined the recommendation of {round_.organisation.name}. "
            f"Its reasons:\n\n{reasons}\n\nYou may appeal within {APPEAL_DAYS} days, giving your grounds."
        )
    notify(user=locked.applicant, title=title, body=body)
    return decision


def department_decision_of(application) -> DepartmentDecision | None:
    """The department's latest decision on the application, if any."""
    return (
        DepartmentDecision.objects.filter(application=application)
        .select_related("decided_by")
        .order_by("-decided_at", "-id")
        .first()
    )
