"""Everything the service holds about one person, for a subject access request (UK GDPR Article
15; issue 13, 4b). A regional representative of the person's region downloads it as JSON or as a
readable web page; each download writes one audit event ("privacy.subject_access.exported").

`SECTIONS` walks the models: each section reads one kind of record with ONE query, so an export
costs the same number of queries however many records the person has. `LINKS` names, for every
link from a model to the person's account, the section that exports it; `EXCLUDED_LINKS` names
the links that are deliberately left out, with the reason. A test lists every link to the user
model and fails on one that is in neither, so a new kind of personal record cannot be forgotten.

What is withheld and why is in docs/data-protection.md ("Subject access")."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from . import subject_access_rows as rows

EXPORTED = "privacy.subject_access.exported"

# The formats a representative may download.
FORMATS = ("json", "html")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: Callable[[object], list[dict]]
    # The links to the person's account ("app_label.Model.field") this section exports.
    covers: tuple[str, ...] = ()


SECTIONS: tuple[Section, ...] = (
    Section("account", "Account", rows.account),
    Section("authenticator", "Authenticator apps (never their key)", rows.authenticator, ("otp_totp.TOTPDevice.user",)),
    Section("roles", "Roles in organisations", rows.roles, ("accounts.Membership.user",)),
    Section("invitations", "Invitations", rows.invitations, ("accounts.Invitation.user",)),
    Section("designations", "Designations", rows.designations, ("designation.Designation.person",)),
    Section("applications", "Applications", rows.applications, ("recruitment.Application.applicant",)),
    Section("references", "References about them", rows.references),
    Section("eligibility", "Eligibility checks", rows.eligibility),
    Section("judgements", "Assessors' judgements on the criteria of their applications", rows.judgements),
    Section("paper_exercises", "Paper exercises", rows.paper_exercises),
    Section("assessment_scores", "Assessment of their applications", rows.assessment_scores),
    Section("panel_decisions", "Panel decisions on their applications", rows.panel_decisions),
    Section(
        "department_decisions",
        "The Department for Education's decisions on their applications",
        rows.department_decisions,
    ),
    Section("appeals", "Appeals", rows.appeals),
    Section("panel_seats", "Seats on selection panels", rows.panel_seats, ("recruitment.PanelMember.user",)),
    Section("associations", "Associations with alliances and hubs", rows.associations, ("leaders.Association.leader",)),
    Section(
        "memorandum_acceptances",
        "Memoranda of understanding accepted",
        rows.memorandum_acceptances,
        ("leaders.MemorandumAcceptance.accepted_by",),
    ),
    Section("pen_portraits", "Pen portraits", rows.pen_portraits, ("leaders.PenPortrait.leader",)),
    Section(
        "directory_entry", "Listing in the public directory", rows.directory_entry, ("leaders.DirectoryEntry.leader",)
    ),
    Section("availability", "Availability", rows.availability, ("leaders.TermAvailability.leader",)),
    Section("unavailable", "Times unavailable", rows.unavailable, ("leaders.UnavailablePeriod.leader",)),
    Section("commitments", "Days committed", rows.commitments, ("leaders.Commitment.leader",)),
    Section(
        "support_requests",
        "Requests for support they made",
        rows.support_requests,
        ("commissioning.SupportRequest.submitted_by",),
    ),
    Section(
        "panel_meetings",
        "Commissioning panel meetings they sat on",
        rows.panel_meetings,
        ("commissioning.PanelMeeting.members",),
    ),
    Section(
        "chosen_for", "Requests they were chosen for", rows.chosen_for, ("commissioning.AgendaItem.chosen_leader",)
    ),
    Section("recusals", "Decisions they stood aside from", rows.recusals, ("commissioning.AgendaItem.recused",)),
    Section("offers", "Offers of work", rows.offers, ("commissioning.Offer.leader",)),
    Section("deployments", "Deployments they lead", rows.deployments, ("deployments.Deployment.leader",)),
    Section("contract_versions", "Contracts of their deployments", rows.contract_versions),
    Section(
        "contract_agreements",
        "Contracts they agreed",
        rows.contract_agreements,
        ("deployments.ContractAgreement.person",),
    ),
    Section("contract_views", "Contracts they opened", rows.contract_views, ("deployments.ContractView.person",)),
    Section("visits", "Notes of visit", rows.visits, ("deployments.Visit.written_by",)),
    Section("concerns", "Causes for concern", rows.concerns, ("deployments.Concern.raised_by",)),
    Section("variations", "Variations of days", rows.variations, ("deployments.Variation.requested_by",)),
    Section("quality", "Quality assurance of their work", rows.quality, ("deployments.QaActivity.leader",)),
    Section("bookings", "Bookings on events", rows.bookings, ("training.Booking.delegate",)),
    Section("cpd", "CPD record", rows.cpd),
    Section("notifications", "Messages on their home page", rows.notifications, ("notifications.Notification.user",)),
    Section("reminders", "Reminders", rows.reminders, ("notifications.Reminder.user",)),
    Section("sign_ins", "Sign-ins", rows.sign_ins),
    Section(
        "audit_events",
        "The audit trail: what they did, and what was done to their records",
        rows.audit_events,
        ("audit.AuditEvent.actor",),
    ),
)

LINKS: dict[str, str] = {link: section.key for section in SECTIONS for link in section.covers}

# Links to a person's account that the export leaves out, and why. The person did these things in
# their role, about someone else's record; what they did is in the audit trail section.
_AS_STAFF = "What they did in their role, about another person's record: in the audit trail section"
_CRITERIA = (
    "The region's criteria they drafted or recorded the board's agreement of, in their role: in the audit trail section"
)
EXCLUDED_LINKS: dict[str, str] = {
    "accounts.Invitation.invited_by": _AS_STAFF,
    "designation.CriteriaVersion.created_by": _CRITERIA,
    "designation.CriteriaVersion.agreement_recorded_by": _CRITERIA,
    "recruitment.RecruitmentRound.created_by": _AS_STAFF,
    "recruitment.ReferenceRequest.sent_by": _AS_STAFF,
    "recruitment.ReferenceRequest.nominated_by": "Their own applications' references are in the references section",
    "recruitment.ReferenceRequest.confirmed_by": _AS_STAFF,
    "recruitment.EligibilityCheck.checked_by": _AS_STAFF,
    "recruitment.CriterionJudgement.judged_by": _AS_STAFF,
    "recruitment.PaperExercise.scored_by": _AS_STAFF,
    "recruitment.AssessmentScore.assessor": "Scores they gave, about the applicant (DPA 2018 Sch 2 para 16)",
    "recruitment.AssessorSubmission.assessor": _AS_STAFF,
    "recruitment.PanelMember.added_by": _AS_STAFF,
    "recruitment.PanelDecision.decided_by": _AS_STAFF,
    "recruitment.DepartmentDecision.decided_by": _AS_STAFF,
    "recruitment.Appeal.decided_by": _AS_STAFF,
    "leaders.Association.started_by": _AS_STAFF,
    "leaders.Memorandum.published_by": _AS_STAFF,
    "leaders.Commitment.created_by": _AS_STAFF,
    "leaders.CadreUpload.uploaded_by": "A spreadsheet of other people, uploaded in their role",
    "leaders.PenPortrait.decided_by": _AS_STAFF,
    "commissioning.PanelMeeting.created_by": _AS_STAFF,
    "commissioning.AgendaItem.decided_by": _AS_STAFF,
    "deployments.Deployment.quality_lead": _AS_STAFF,
    "deployments.Concern.resolved_by": _AS_STAFF,
    "deployments.ContractVersion.created_by": _AS_STAFF,
    "deployments.FeedbackForm.created_by": _AS_STAFF,
    "deployments.FeedbackResponse.submitted_by": "Feedback given for a party (a school, an alliance): its record",
    "deployments.Invoice.created_by": _AS_STAFF,
    "deployments.QaActivity.reviewer": "Findings about another leader's work (DPA 2018 Schedule 2 paragraph 16)",
    "deployments.QaActivity.recorded_by": _AS_STAFF,
    "deployments.Review.recorded_by": _AS_STAFF,
    "deployments.Variation.decided_by": _AS_STAFF,
    "designation.DesignationReview.decided_by": _AS_STAFF,
    "designation.DesignationReview.appeal_heard_by": _AS_STAFF,
    "designation.ReviewFeedback.respondent": (
        "Feedback given for a school or alliance about a leader's work, in confidence from that leader "
        "(DPA 2018 Schedule 2 paragraph 16)"
    ),
    "training.Event.created_by": _AS_STAFF,
    "training.Booking.booked_by": _AS_STAFF,
    "training.Booking.attendance_taken_by": _AS_STAFF,
}


# Reading and recording ---------------------------------------------------------------------------


def subject_access_export(person) -> dict:
    """Everything the service holds about the person: {"person": ..., "sections": [...]}, each
    section with its title and rows. One query for each section."""
    return {
        "person": person.pk,
        "sections": [{"key": s.key, "title": s.title, "rows": s.rows(person)} for s in SECTIONS],
    }


@transaction.atomic
def subject_access_record(*, actor, person, format: str) -> None:
    """Records that `actor` downloaded everything held about `person`, in `format`."""
    from .services import audit_record

    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}")
    audit_record(actor=actor, action=EXPORTED, subject=person, data={"format": format})
