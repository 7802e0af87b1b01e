"""The selection panel of an application: its members, their declared conflicts, and whether it may
decide.

Seed 000 ("Application and selection"): "NLEs and experienced system leaders should be involved in
the recruitment and selection process. It is strongly advised that a representative from another
TSA sits on the panel." The issue: "a member from the applicant's school or trust cannot sit"; "an
NLE or experienced system leader must sit on it"."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from domain.accounts.models import Membership
from domain.accounts.workflows import MembershipStatus
from domain.audit.services import audit_record
from domain.designation.models import Designation, DesignationRole
from domain.notifications.services import notify
from domain.organisations.models import BROKERING_KINDS, OrganisationKind

from .models import Application, PanelMember
from .policies import can_run_selection
from .services import RecruitmentRefused
from .workflows import APPLICATION_ENDED_STATES, ApplicationStatus

# The scoring page of an application (web: selection:assessment).
LINK_TO_ASSESSMENT = "/recruitment/selection/applications/{pk}/assessment/"


@dataclass
class PanelCheck:
    warnings: list[str] = field(default_factory=list)  # advice: the panel may still decide
    problems: list[str] = field(default_factory=list)  # the panel cannot decide until these are fixed

    @property
    def valid(self) -> bool:
        return not self.problems


def _active_organisations(user) -> list:
    return [
        m.organisation
        for m in Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE).select_related("organisation")
    ]


def conflict_with_applicant(user, application: Application) -> str:
    """Why `user` cannot sit on the panel, or "" when they can."""
    name = user.full_name or user.email
    if user.pk == application.applicant_id:
        return "The applicant cannot sit on their own panel"
    school = application.school
    if school is None:
        return ""
    for organisation in _active_organisations(user):
        if organisation.school_id == school.pk:
            return f"{name} cannot sit on this panel: they work at the applicant's school"
        if organisation.kind == OrganisationKind.TRUST and school.trust_code and organisation.code == school.trust_code:
            return f"{name} cannot sit on this panel: they work at the applicant's trust"
    return ""


def _home_organisation(user):
    """The organisation a member comes from: an alliance or hub they belong to, else any."""
    organisations = _active_organisations(user)
    brokering = [o for o in organisations if o.kind in BROKERING_KINDS]
    return (brokering or organisations or [None])[0]


@transaction.atomic
def panel_member_add(
    *,
    actor,
    application: Application,
    user,
    experienced_system_leader: bool,
    organisation=None,
    declared_conflict: str = "",
) -> PanelMember:
    """Seats `user` on the application's panel. Refused for someone from the applicant's school or
    trust, and for someone who declares a conflict of interest. A serving NLE counts as an NLE or
    experienced system leader whatever `experienced_system_leader` says."""
    if not can_run_selection(actor, application):
        raise RecruitmentRefused("Only the alliance or hub running the round can set up its panels")
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__organisation", "school")
        .get(pk=application.pk)
    )
    if locked.status in APPLICATION_ENDED_STATES or locked.status == ApplicationStatus.DRAFT:
        raise RecruitmentRefused(
            f"The application is {locked.get_status_display().lower()}, so its panel cannot change"
        )
    conflict = conflict_with_applicant(user, locked)
    if conflict:
        raise RecruitmentRefused(conflict)
    if (declared_conflict or "").strip():
        raise RecruitmentRefused(
            f"{user.full_name or user.email} has declared a conflict of interest, so they cannot sit on this panel"
        )
    is_nle = Designation.objects.current().filter(person=user, role=DesignationRole.NLE).exists()
    organisation = organisation or _home_organisation(user)
    try:
        with transaction.atomic():
            member = PanelMember.objects.create(
                application=locked,
                user=user,
                is_nle_or_experienced_leader=bool(experienced_system_leader) or is_nle,
                organisation=organisation,
                added_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError:
        raise RecruitmentRefused(f"{user.full_name or user.email} already sits on this panel") from None
    audit_record(
        actor=actor,
        action="recruitment.panel.member_added",
        subject=locked,
        organisation=locked.round.organisation,
        data={
            "user_id": user.pk,
            "is_nle_or_experienced_leader": member.is_nle_or_experienced_leader,
            "organisation_id": organisation.pk if organisation else None,
        },
    )
    # The member learns of it, with a link to the scoring page; their home page lists it too.
    notify(
        user=user,
        title=f"You are on the selection panel for {locked.applicant.full_name}",
        body=(
            f"{locked.round.organisation.name} has asked you to sit on the selection panel for "
            f"{locked.applicant.full_name}'s application to {locked.round.title}. Read the application "
            "and its references, then score it."
        ),
        link=LINK_TO_ASSESSMENT.format(pk=locked.pk),
    )
    return member


def panel_of(application: Application):
    return PanelMember.objects.filter(application=application).select_related("user", "organisation")


def sits_on_panel(user, application: Application) -> bool:
    return PanelMember.objects.filter(application=application, user_id=getattr(user, "pk", None)).exists()


def panel_warnings(application: Application) -> PanelCheck:
    """What is wrong with the panel: a warning when no member comes from another alliance or hub
    (seed 000: "strongly advised"), a problem when no NLE or experienced system leader sits on it."""
    check = PanelCheck()
    members = list(panel_of(application))
    round_organisation_id = application.round.organisation_id
    if not any(
        m.organisation is not None
        and m.organisation.kind in BROKERING_KINDS
        and m.organisation_id != round_organisation_id
        for m in members
    ):
        check.warnings.append(  # seed 000: a representative from another TSA "strongly advised"
            "No member of the panel comes from another teaching school alliance or hub: one is strongly advised"
        )
    if not any(m.is_nle_or_experienced_leader for m in members):
        check.problems.append("An NLE or an experienced system leader must sit on the panel")
    return check
