"""The readers of domain/audit/subject_access.py: one function for each kind of record a person
may have, each ONE query (with what it needs fetched in it), returning the records as rows of plain
labels and JSON values. Which links to the person each covers, and what is withheld and why, is
said in subject_access.py and docs/data-protection.md ("Subject access")."""

from datetime import date, datetime
from decimal import Decimal

from axes.models import AccessLog
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django_otp.plugins.otp_totp.models import TOTPDevice

from domain.accounts.models import Invitation, Membership
from domain.commissioning.models import AgendaItem, Offer, PanelMeeting, SupportRequest
from domain.deployments.models import (
    Concern,
    ContractAgreement,
    ContractVersion,
    ContractView,
    Deployment,
    QaActivity,
    Variation,
    Visit,
)
from domain.designation.models import Designation
from domain.leaders.models import (
    Association,
    Commitment,
    DirectoryEntry,
    MemorandumAcceptance,
    PenPortrait,
    TermAvailability,
    UnavailablePeriod,
)
from domain.notifications.models import Notification, Reminder
from domain.recruitment.models import (
    Appeal,
    Application,
    AssessmentScore,
    CriterionJudgement,
    DepartmentDecision,
    EligibilityCheck,
    PanelDecision,
    PanelMember,
    PaperExercise,
    ReferenceRequest,
)
from domain.training.models import Booking
from domain.training.selectors import cpd_record_of

from .models import AuditEvent


def value_of(value):
    """A value as JSON carries it: dates in ISO 8601, decimals as text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def row(**fields) -> dict:
    return {label.replace("_", " "): value_of(value) for label, value in fields.items()}


def name_of(user) -> str:
    return user.full_name if user is not None else ""


# The sections ------------------------------------------------------------------------------------


def account(person) -> list[dict]:
    # Never the password hash, the session salt or the authenticator app's key.
    return [
        row(
            Name=person.full_name,
            Email_address=person.email,
            Account_created=person.date_joined,
            Last_signed_in=person.last_login,
            Account_open=person.is_active,
        )
    ]


def authenticator(person) -> list[dict]:

    return [
        row(Name=d.name, Set_up=d.confirmed, Created=d.created_at, Last_used=d.last_used_at)
        for d in TOTPDevice.objects.filter(user=person).order_by("id")
    ]


def roles(person) -> list[dict]:

    return [
        row(
            Organisation=m.organisation.name,
            Role=m.get_role_display(),
            Status=m.get_status_display(),
            Since=m.created_at,
        )
        for m in Membership.objects.filter(user=person).select_related("organisation").order_by("created_at", "id")
    ]


def invitations(person) -> list[dict]:

    return [
        row(
            Organisation=i.organisation.name,
            Role=i.get_role_display(),
            Name_invited=i.full_name,
            Email_address_invited=i.email,
            Invited_by=name_of(i.invited_by),
            Sent=i.sent_at,
            Accepted=i.accepted_at,
        )
        for i in Invitation.objects.filter(user=person).select_related("organisation", "invited_by").order_by("id")
    ]


def designations(person) -> list[dict]:

    return [
        row(
            Role=d.get_role_display(),
            Designated_by=d.organisation.name if d.organisation else d.get_source_display(),
            School=d.school.name if d.school else "",
            Phases=d.phases,
            Specialisms=d.specialisms,
            Starts=d.starts_on,
            Ends=d.ends_on,
            Status=d.get_status_display(),
            Ended=d.ended_on,
            Why_it_ended=d.end_reason,
            Review_notes=d.review_notes,
        )
        for d in Designation.objects.filter(person=person).select_related("organisation", "school").order_by("id")
    ]


def applications(person) -> list[dict]:

    return [
        row(
            Application=a.pk,
            Round=a.round.title,
            Run_by=a.round.organisation.name,
            School=a.school.name if a.school else "",
            Status=a.get_status_display(),
            Started=a.created_at,
            Submitted=a.submitted_at,
            Answers=a.answers,
            Declarations=a.declarations,
            Why_withdrawn=a.withdrawn_reason,
        )
        for a in Application.objects.filter(applicant=person)
        .select_related("round__organisation", "school")
        .order_by("id")
    ]


def references(person) -> list[dict]:
    # DPA 2018 Schedule 2 paragraph 24: a reference given in confidence for an appointment may be
    # withheld. The export says that each reference was asked for, from whom (the applicant named
    # the referee) and whether it came, but never what the referee wrote.

    return [
        row(
            Application=r.application_id,
            Kind=r.get_kind_display(),
            Referee=r.name,
            Status=r.get_status_display(),
            Asked=r.sent_at,
            Given=r.used_at,
            What_the_referee_wrote="Withheld: given in confidence (Data Protection Act 2018, Schedule 2, paragraph 24)",
        )
        for r in ReferenceRequest.objects.filter(application__applicant=person).order_by("application_id", "id")
    ]


def eligibility(person) -> list[dict]:

    return [
        row(Application=c.application_id, Criteria=c.criteria_set, Result=c.result, Checked=c.checked_at)
        for c in EligibilityCheck.objects.filter(application__applicant=person).order_by("application_id")
    ]


def _criterion_text(evaluation, criterion_id: str) -> str:
    """The criterion's words in the check the judgement was made on; its id when not there."""
    wanted = criterion_id.partition("@")[0]  # "criterion@URN": a judgement on another school
    for group in (evaluation or {}).get("groups", []):
        for criterion in group.get("criteria", []):
            if criterion.get("id") == wanted and criterion.get("text"):
                return criterion["text"]
    return criterion_id


def judgements(person) -> list[dict]:
    # An assessor's judgement on a criterion of their application, like a score, is about the
    # applicant: the result and the evidence, never who judged (DPA 2018 Sch 2 para 16). The
    # criterion in the words of the latest check, read in the same query.
    latest = EligibilityCheck.objects.filter(application=OuterRef("application")).order_by("-run")
    return [
        row(
            Application=j.application_id,
            Criterion=_criterion_text(j.checked, j.criterion_id),
            Result=j.get_result_display(),
            Evidence=j.evidence,
            Exception_claimed="Yes" if j.claims_exception else "No",
            Judged=j.judged_at,
        )
        for j in CriterionJudgement.objects.filter(application__applicant=person)
        .annotate(checked=Subquery(latest.values("evaluation")[:1]))
        .order_by("application_id", "id")
    ]


def paper_exercises(person) -> list[dict]:

    return [
        row(Application=p.application_id, Score=p.score, Notes=p.notes, Scored=p.scored_at)
        for p in PaperExercise.objects.filter(application__applicant=person).order_by("application_id")
    ]


def assessment_scores(person) -> list[dict]:

    return [
        row(Application=s.application_id, Competency=s.competency, Score=s.score, Evidence=s.evidence)
        for s in AssessmentScore.objects.filter(application__applicant=person).order_by("application_id", "id")
    ]


def panel_decisions(person) -> list[dict]:

    return [
        row(Application=d.application_id, Outcome=d.get_outcome_display(), Feedback=d.feedback, Decided=d.decided_at)
        for d in PanelDecision.objects.filter(application__applicant=person).order_by("application_id", "id")
    ]


def department_decisions(person) -> list[dict]:

    return [
        row(Application=d.application_id, Outcome=d.get_outcome_display(), Reasons=d.reasons, Decided=d.decided_at)
        for d in DepartmentDecision.objects.filter(application__applicant=person).order_by("application_id", "id")
    ]


def appeals(person) -> list[dict]:

    return [
        row(
            Application=a.application_id,
            Grounds=a.grounds,
            Lodged=a.lodged_at,
            Outcome=a.get_outcome_display() if a.outcome else "",
            Reasons=a.reasons,
            Decided=a.decided_at,
        )
        for a in Appeal.objects.filter(application__applicant=person).order_by("application_id")
    ]


def panel_seats(person) -> list[dict]:
    # The seat only: the application belongs to its applicant.

    return [
        row(Round=p.application.round.title, Added=p.added_at)
        for p in PanelMember.objects.filter(user=person).select_related("application__round").order_by("id")
    ]


def associations(person) -> list[dict]:

    return [
        row(
            Organisation=a.organisation.name,
            Status=a.get_status_display(),
            How_it_began=a.get_origin_display(),
            Message=a.message,
            Starts=a.starts_on,
            Ended=a.ended_on,
            Why_it_ended=a.end_reason,
        )
        for a in Association.objects.filter(leader=person).select_related("organisation").order_by("id")
    ]


def memorandum_acceptances(person) -> list[dict]:

    return [
        row(Memorandum=str(m.memorandum), As=m.get_party_display(), Accepted=m.accepted_at)
        for m in MemorandumAcceptance.objects.filter(accepted_by=person).select_related("memorandum").order_by("id")
    ]


def pen_portraits(person) -> list[dict]:

    return [
        row(
            Version=p.version,
            Status=p.get_status_display(),
            Experience=p.experience,
            School_context=p.school_context,
            Areas_served=p.areas_served,
            Public_contact=p.public_contact,
            Specialisms=p.specialisms,
            Phases=p.phases,
            Submitted=p.submitted_at,
            Decided=p.decided_at,
            Decision_note=p.decision_note,
        )
        for p in PenPortrait.objects.filter(leader=person).order_by("version", "id")
    ]


def directory_entry(person) -> list[dict]:

    return [
        row(Name_shown=e.name, Roles=e.roles, Specialisms=e.specialisms, Phases=e.phases, Updated=e.updated_at)
        for e in DirectoryEntry.objects.filter(leader=person)
    ]


def availability(person) -> list[dict]:

    return [
        row(Academic_year=t.academic_year, Term=t.get_term_display(), Days_offered=t.days_offered, Note=t.note)
        for t in TermAvailability.objects.filter(leader=person).order_by("academic_year", "term")
    ]


def unavailable(person) -> list[dict]:

    return [
        row(From=u.starts_on, To=u.ends_on, Reason=u.reason)
        for u in UnavailablePeriod.objects.filter(leader=person).order_by("starts_on")
    ]


def commitments(person) -> list[dict]:

    return [
        row(
            Academic_year=c.academic_year,
            Term=c.get_term_display(),
            Days=c.days,
            Purpose=c.purpose,
            Released=c.released_at,
        )
        for c in Commitment.objects.filter(leader=person).order_by("academic_year", "id")
    ]


def support_requests(person) -> list[dict]:

    return [
        row(
            School=r.client_school.name,
            Contact_name=r.contact_name,
            Contact_email=r.contact_email,
            Contact_role=r.contact_role,
            Description=r.description,
            Status=r.get_status_display(),
            Made=r.created_at,
        )
        for r in SupportRequest.objects.filter(submitted_by=person).select_related("client_school").order_by("id")
    ]


def panel_meetings(person) -> list[dict]:

    return [
        row(Organisation=m.organisation.name, Meets=m.meets_at, Place=m.place)
        for m in PanelMeeting.objects.filter(members=person).select_related("organisation").order_by("meets_at")
    ]


def chosen_for(person) -> list[dict]:

    return [
        row(School=i.request.client_school.name, Meeting=i.meeting.meets_at, Rationale=i.rationale)
        for i in AgendaItem.objects.filter(chosen_leader=person)
        .select_related("request__client_school", "meeting")
        .order_by("id")
    ]


def recusals(person) -> list[dict]:

    return [
        row(Meeting=i.meeting.meets_at, School=i.request.client_school.name)
        for i in AgendaItem.objects.filter(recused=person).select_related("request__client_school", "meeting")
    ]


def offers(person) -> list[dict]:

    return [
        row(
            School=o.request.client_school.name,
            Status=o.get_status_display(),
            Why_declined=o.decline_reason,
            Made=o.created_at,
            Answered=o.leader_answered_at,
        )
        for o in Offer.objects.filter(leader=person).select_related("request__client_school").order_by("id")
    ]


def deployments(person) -> list[dict]:

    return [
        row(
            Deployment=d.pk,
            Supported_school=d.client_school.name,
            Brokered_by=d.organisation.name,
            Days=d.days,
            Starts=d.starts_on,
            Ends=d.ends_on,
            Status=d.get_status_display(),
        )
        for d in Deployment.objects.filter(leader=person).select_related("client_school", "organisation").order_by("id")
    ]


def contract_versions(person) -> list[dict]:

    return [
        row(
            Deployment=c.deployment_id,
            Version=c.number,
            Status=c.get_status_display(),
            Action_plan=c.action_plan,
            Schedule=c.schedule,
            Days=c.days,
            Day_rate=c.day_rate,
            Agreed=c.agreed_at,
        )
        for c in ContractVersion.objects.filter(deployment__leader=person).order_by("deployment_id", "number")
    ]


def contract_agreements(person) -> list[dict]:

    return [
        row(
            Deployment=a.contract.deployment_id, Version=a.contract.number, As=a.get_party_display(), Agreed=a.agreed_at
        )
        for a in ContractAgreement.objects.filter(person=person).select_related("contract").order_by("id")
    ]


def contract_views(person) -> list[dict]:

    return [
        row(Deployment=v.contract.deployment_id, Version=v.contract.number, Seen=v.seen_at)
        for v in ContractView.objects.filter(person=person).select_related("contract").order_by("id")
    ]


def visits(person) -> list[dict]:

    return [
        row(
            Deployment=v.deployment_id,
            Visited=v.visited_on,
            Status=v.get_status_display(),
            Days=v.days,
            Activities=v.activities,
            Findings=v.findings,
            Next_steps=v.next_steps,
        )
        for v in Visit.objects.filter(Q(deployment__leader=person) | Q(written_by=person)).order_by("visited_on", "id")
    ]


def concerns(person) -> list[dict]:
    # Concerns they raised, and concerns raised in a deployment they lead (about their work). For
    # the second, the party that raised it is given but not the person (DPA 2018 Schedule 2
    # paragraph 16: another individual's information).

    rows = []
    for c in (
        Concern.objects.filter(Q(raised_by=person) | Q(deployment__leader=person))
        .select_related("deployment")
        .order_by("raised_at", "id")
    ):
        by_them = c.raised_by_id == person.pk
        rows.append(
            row(
                Deployment=c.deployment_id,
                Raised_by="This person" if by_them else c.get_raised_as_display(),
                Raised=c.raised_at,
                Severity=c.get_severity_display(),
                Summary=c.summary,
                Details=c.details,
                Status=c.get_status_display(),
                Resolution=c.resolution,
            )
        )
    return rows


def variations(person) -> list[dict]:

    return [
        row(Deployment=v.deployment_id, Days=v.days, Reason=v.reason, Status=v.get_status_display())
        for v in Variation.objects.filter(Q(deployment__leader=person) | Q(requested_by=person)).order_by("id")
    ]


def quality(person) -> list[dict]:
    # The findings about their work; the reviewer's name is another person's.

    return [
        row(Kind=q.get_kind_display(), Held=q.held_on, Findings=q.findings, Outcome=q.get_outcome_display())
        for q in QaActivity.objects.filter(leader=person).order_by("held_on", "id")
    ]


def bookings(person) -> list[dict]:

    return [
        row(
            Event=b.event.title,
            Starts=b.event.starts_at,
            Status=b.get_status_display(),
            Booked=b.booked_at,
            Fee=b.fee,
            Paid=b.paid_on,
        )
        for b in Booking.objects.filter(delegate=person).select_related("event").order_by("event__starts_at", "id")
    ]


def cpd(person) -> list[dict]:

    return [
        row(Event=e.booking.event.title, Attended=e.booking.event.starts_at, Hours=e.hours)
        for e in cpd_record_of(person)
    ]


def notifications(person) -> list[dict]:

    return [
        row(Title=n.title, Message=n.body, Sent=n.created_at, Read=n.read_at)
        for n in Notification.objects.filter(user=person).order_by("created_at", "id")
    ]


def reminders(person) -> list[dict]:

    return [
        row(Title=r.title, Message=r.body, Due=r.due_at, Sent=r.sent_at, Cancelled=r.cancelled_at)
        for r in Reminder.objects.filter(user=person).order_by("due_at", "id")
    ]


def sign_ins(person) -> list[dict]:
    # django-axes keeps sign-ins and failed attempts by the e-mail address typed.

    return [
        row(When=a.attempt_time, From_address=a.ip_address, Browser=a.user_agent, Signed_out=a.logout_time)
        for a in AccessLog.objects.filter(username__iexact=person.email).order_by("attempt_time")
    ]


def own_subjects(person) -> Q:
    """The audit events about the person: their account and the records that are theirs."""

    # Subqueries: still one query.
    owned = {
        "accounts.membership": Membership.objects.filter(user=person),
        "designation.designation": Designation.objects.filter(person=person),
        "recruitment.application": Application.objects.filter(applicant=person),
        "leaders.association": Association.objects.filter(leader=person),
        "leaders.penportrait": PenPortrait.objects.filter(leader=person),
    }

    # Security events about them (domain/audit/security_events.py): about their account, or a
    # sign-in attempt naming their e-mail address.
    query = Q(subject_type__in=("accounts.user", "security.user"), subject_id=str(person.pk)) | Q(
        subject_type__startswith="security.", subject_label__iexact=person.email
    )
    for subject_type, records in owned.items():
        ids = records.annotate(pk_text=Cast("pk", CharField())).values("pk_text")
        query |= Q(subject_type=subject_type, subject_id__in=ids)
    return query


def audit_events(person) -> list[dict]:

    return [
        row(
            When=e.occurred_at,
            What=e.action,
            About=e.subject_label,
            By="This person" if e.actor_id == person.pk else name_of(e.actor) or "The service",
            From=e.from_state,
            To=e.to_state,
            Reason=e.reason,
        )
        for e in AuditEvent.objects.filter(Q(actor=person) | own_subjects(person))
        .select_related("actor")
        .order_by("occurred_at", "id")
    ]
