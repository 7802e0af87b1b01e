"""Who may manage a recruitment round, and who may edit an application.

A round, its applications and their references are the private record of the alliance or hub
that runs the round: its coordinators manage them, and so does a regional representative of its
region (seed 000: "a regional board should be established to agree the criteria, share the
protocol and guard the standard"). The applicant sees and edits their own application, as a draft
only. Referees and governors see only their own form, through its link (DESIGN.md invariants)."""

from domain.accounts.policies import coordinates_or_represents, is_signed_in
from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.audit.policies import present_ids, register_timeline_subject, timeline_regions_of

from .workflows import ApplicationStatus


def manages_organisation(user, organisation) -> bool:
    if organisation is None or not is_signed_in(user):
        return False
    if user.is_superuser or organisation.pk in organisation_ids_of(user, Role.TSA_COORDINATOR):
        return True
    return organisation.region_id is not None and organisation.region_id in timeline_regions_of(user)


def can_create_round(user, organisation) -> bool:
    """Run a recruitment round for this alliance or hub."""
    return manages_organisation(user, organisation)


def can_manage_round(user, round_) -> bool:
    """Open, close, complete or cancel the round; read its applications and references."""
    return round_ is not None and manages_organisation(user, round_.organisation)


def can_edit_application(user, application) -> bool:
    """Change the answers and declarations: the applicant, while it is a draft."""
    return (
        application is not None
        and is_signed_in(user)
        and application.applicant_id == user.pk
        and application.status == ApplicationStatus.DRAFT
    )


def can_withdraw_application(user, application) -> bool:
    from .workflows import WITHDRAWABLE_STATES

    return (
        application is not None
        and is_signed_in(user)
        and application.applicant_id == user.pk
        and application.status in WITHDRAWABLE_STATES
    )


def can_request_references(user, application) -> bool:
    """Send, chase or replace reference requests: the applicant or the round's managers."""
    if application is None or not is_signed_in(user):
        return False
    return application.applicant_id == user.pk or can_manage_round(user, application.round)


def can_confirm_referees(user, application) -> bool:
    """Check a referee's or the chair of governors' address and send their link (ADR 18): the
    round's managers, never the applicant, even when they also coordinate the alliance."""
    return (
        application is not None
        and is_signed_in(user)
        and application.applicant_id != user.pk
        and can_manage_round(user, application.round)
    )


def can_run_selection(user, application) -> bool:
    """Check eligibility, score the paper exercise, set up the panel: the round's managers."""
    return application is not None and can_manage_round(user, application.round)


def can_judge_criteria(user, application) -> bool:
    """Record an assessor's judgement on a criterion, or a claimed exception (issue 14): the
    round's managers, or someone seated on the application's panel; never the applicant."""
    if application is None or not is_signed_in(user) or application.applicant_id == user.pk:
        return False
    from .models import PanelMember

    return (
        can_manage_round(user, application.round)
        or PanelMember.objects.filter(application=application, user=user).exists()
    )


def can_assess_application(user, application) -> bool:
    """Score the application on the assessment day: someone on its panel, a panel member of the
    round's organisation or one of its managers; never the applicant."""
    if application is None or not is_signed_in(user) or application.applicant_id == user.pk:
        return False
    from .models import PanelMember

    return (
        can_manage_round(user, application.round)
        or application.round.organisation_id in organisation_ids_of(user, Role.PANEL_MEMBER)
        or PanelMember.objects.filter(application=application, user=user).exists()
    )


def can_decide_application(user, application) -> bool:
    """Record the panel's decision: the round's managers, or someone sitting on the panel."""
    if application is None or not is_signed_in(user) or application.applicant_id == user.pk:
        return False
    from .models import PanelMember

    return (
        can_manage_round(user, application.round)
        or PanelMember.objects.filter(application=application, user=user).exists()
    )


def is_department_official(user) -> bool:
    """A Department for Education official: decides the NLE and NLG recommendations of every
    region (seed 004 §14; seed 003)."""
    return is_signed_in(user) and bool(organisation_ids_of(user, Role.DEPARTMENT_OFFICIAL))


def can_decide_for_department(user, application) -> bool:
    """Read and decide a recommendation to the department: its officials, never the applicant.
    Only applications recommended to the department, or decided by it, are theirs to read."""
    from .workflows import DEPARTMENT_STATES

    return (
        application is not None
        and is_department_official(user)
        and application.applicant_id != user.pk
        and application.status in DEPARTMENT_STATES
    )


def register() -> None:
    """Makes the timelines of rounds, applications and reference requests readable by the people
    who manage the round (called from the app's ready())."""
    register_timeline_subject(
        "recruitment.recruitmentround",
        region_ids=lambda r: present_ids(r.organisation.region_id),
        organisation_ids=lambda r: {r.organisation_id},
        select_related=("organisation",),
    )
    register_timeline_subject(
        "recruitment.application",
        region_ids=lambda a: present_ids(a.round.organisation.region_id),
        organisation_ids=lambda a: {a.round.organisation_id},
        select_related=("round__organisation",),
    )
    register_timeline_subject(
        "recruitment.referencerequest",
        region_ids=lambda r: present_ids(r.application.round.organisation.region_id),
        organisation_ids=lambda r: {r.application.round.organisation_id},
        select_related=("application__round__organisation",),
    )


def can_manage_rounds(user) -> bool:
    """The rounds pages: coordinators and regional representatives; each round is then checked
    with can_manage_round, through selectors.rounds_managed_by."""
    return coordinates_or_represents(user)
