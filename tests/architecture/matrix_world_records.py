"""More real records for the URL x role matrix (issue 20): beside the demo's own, so that the demo's
records keep their meaning for the rows that use them, each row without a 200 gets a record in
the state its page is for. Built through the domain services, as the demo does
(demo.commissioning, demo.deployments, demo.deployments_contract). Synthetic people only."""

import datetime as dt

from django.utils import timezone

from demo.commissioning import request_values
from demo.deployments_contract import MEASURES, complete_draft
from domain.accounts.roles import Role
from domain.commissioning import meeting_services as meetings
from domain.commissioning import offer_services as offers
from domain.commissioning import request_services as requests
from domain.deployments import contract_services as contract
from domain.deployments.variation_services import variation_request
from domain.leaders import availability_services as availability
from domain.leaders.models import Term
from domain.organisations.models import Organisation
from domain.schools.models import School

AIRE = "Aire Valley Teaching School Alliance"


def _triaged(people, description, *, days="1", referred=True):
    """The local authority's referral of the school contact's school (as demo.deployments: so the
    commissioner is a party to its deployment), or the school contact's own request when not
    `referred`; brokered by Aire and triaged by its coordinator."""
    coordinator = people[Role.TSA_COORDINATOR]
    today = timezone.localdate()
    referral = {
        "referrer_kind": "local_authority",
        "referrer_organisation": Organisation.objects.get(code="DEMO-LA"),
        "route": "referral",
    }
    asked = requests.request_submit(
        actor=people[Role.COMMISSIONER] if referred else people[Role.SCHOOL_CONTACT],
        school=School.objects.get(name="Goldthorpe Junior School"),
        values=request_values(
            description=description,
            days=days,
            window_starts=today - dt.timedelta(days=7),
            window_ends=today + dt.timedelta(days=60),
        ),
        preferred_organisation=Organisation.objects.get(name=AIRE),
        **(referral if referred else {"referrer_kind": "client_school"}),
    )
    requests.request_triage(actor=coordinator, request=asked)
    return asked


def _offered(people, meeting, description, *, referred=True):
    """The panel chooses the demo's system leader for a new request, and the leader accepts."""
    coordinator, leader = people[Role.TSA_COORDINATOR], people[Role.SYSTEM_LEADER]
    request = _triaged(people, description, referred=referred)
    item = meetings.agenda_add(actor=coordinator, meeting=meeting, request=request)
    offer = meetings.agenda_decide(actor=coordinator, item=item, leader=leader, rationale="Close by, free days")
    return offers.offer_leader_accept(actor=leader, offer=offer)


def _deployment_with_draft(people, meeting, description):
    """A deployment agreed by everyone, its contract's first draft with its terms and one measure."""
    offer = _offered(people, meeting, description)
    deployment = offers.offer_client_accept(actor=people[Role.SCHOOL_CONTACT], offer=offer)
    draft = complete_draft(deployment=deployment, coordinator=people[Role.TSA_COORDINATOR], measures=MEASURES[:1])
    return deployment, draft


def _cadre_file(email) -> bytes:
    """A file of one existing leader to import (the template's columns), a synthetic person."""
    import csv
    import io

    from domain.leaders.cadre_import.columns import HEADINGS

    values = {
        "Full name": "Morgan Existing",
        "Email address": email,
        "Role": "LLE",
        "School URN": str(School.objects.get(name="Goldthorpe Junior School").urn),
        "Designated through": "National programme",
        "Designated on": "1 September 2016",
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    writer.writerow([values.get(heading, "") for heading in HEADINGS])
    return buffer.getvalue().encode()


def registration_link() -> dict:
    """Someone who has just created an account to apply: their real confirmation link's arguments."""
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from domain.accounts.models import User
    from domain.accounts.registration import email_confirmation_token, registration_start

    registration_start(email="new.applicant@matrix.test", full_name="Jordan Newlands", password="matrix-password-2026")
    user = User.objects.get(email="new.applicant@matrix.test")
    return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": email_confirmation_token.make_token(user)}


def uploads(people) -> dict:
    """A file of existing leaders checked and waiting to be confirmed: the coordinator's (from their
    leaders pages) and the representative's (from the regional register). Each is its uploader's alone."""
    from domain.leaders.cadre_import.uploads import cadre_upload_check

    return {
        "alliance_upload": cadre_upload_check(
            actor=people[Role.TSA_COORDINATOR], data=_cadre_file("morgan.existing@matrix.test"), filename="leaders.csv"
        ),
        "register_upload": cadre_upload_check(
            actor=people[Role.REGIONAL_REPRESENTATIVE],
            data=_cadre_file("morgan.registered@matrix.test"),
            filename="register.csv",
        ),
    }


def more_records(people, meeting) -> dict:
    """An agenda item without a decision; a request waiting for a panel; a deployment whose
    contract is a draft; one whose contract is proposed, waiting for the parties to agree; a
    variation asked for on the proposed one; an offer the leader accepted, waiting for the school's
    answer; the uploaded files; a registration's confirmation link."""
    coordinator, leader = people[Role.TSA_COORDINATOR], people[Role.SYSTEM_LEADER]
    # The leader offers 3 more days this term for the three offers they accept here, so that the
    # days the demo's own offer needs stay free (offers:answer).
    term = Term.containing(timezone.localdate() - dt.timedelta(days=7))
    availability.availability_set(
        actor=leader, leader=leader, term=term, days=availability.offered_days(leader, term) + 3
    )
    undecided = meetings.agenda_add(
        actor=coordinator, meeting=meeting, request=_triaged(people, "Reading in Key Stage 1 (matrix)")
    )
    # Triaged, waiting for a panel: the meeting's page offers it for its agenda.
    waiting_request = _triaged(people, "Spelling in Key Stage 2 (matrix)")
    draft_deployment, draft = _deployment_with_draft(people, meeting, "Phonics leadership (matrix)")
    proposed_deployment, proposed = _deployment_with_draft(people, meeting, "Writing across the school (matrix)")
    proposed = contract.contract_propose(actor=coordinator, contract=proposed)
    # Every party has read the proposed version (as its page records): each may now agree it.
    for role in (Role.TSA_COORDINATOR, Role.SYSTEM_LEADER, Role.SCHOOL_CONTACT, Role.COMMISSIONER):
        contract.contract_seen(actor=people[role], contract=proposed)
    variation = variation_request(
        actor=coordinator, deployment=proposed_deployment, days="1", reason="A further day to review writing"
    )
    # The school contact's own request: the school answers the offer.
    waiting_offer = _offered(people, meeting, "Attendance of disadvantaged pupils (matrix)", referred=False)
    return {
        **uploads(people),
        "registration_link": registration_link(),
        "undecided_item": undecided,
        "waiting_request": waiting_request,
        "draft_deployment": draft_deployment,
        "draft_contract": draft,
        "draft_measure": draft.measures.order_by("position").first(),
        "proposed_deployment": proposed_deployment,
        "proposed_contract": proposed,
        "variation": variation,
        "waiting_offer": waiting_offer,
    }


def _references_given(round_, applicant):
    """An application to the round, submitted and its references given (tests.recruitment's
    builders, the addresses checked by the demo's coordinator)."""
    from domain.recruitment.reference_services import reference_submit
    from tests.recruitment.helpers import GOVERNORS_ANSWER, REFERENCE_ANSWER, send_all_requests, submitted_application

    application = submitted_application(round_, applicant)
    for request, token in send_all_requests(application):
        answer = GOVERNORS_ANSWER if request.kind == "governors_confirmation" else REFERENCE_ANSWER
        reference_submit(token=token, response=answer)
    application.refresh_from_db()
    return application


def _eligibility_checked(round_, coordinator, applicant=None):
    """An application whose references are given and eligibility checked by the coordinator."""
    from domain.recruitment.eligibility import application_check_eligibility

    application = _references_given(round_, applicant)
    application_check_eligibility(actor=coordinator, application=application)
    application.refresh_from_db()
    return application


def _applicant(email, full_name):
    from domain.accounts import services as accounts

    return accounts.user_create(actor=None, email=email, full_name=full_name, password="matrix-password-2026")


def _assessed(round_, coordinator, applicant):
    """An NLE application past its paper exercise, scored and submitted by two assessors."""
    from domain.recruitment.assessment import assessment_submit, paper_exercise_score
    from tests.recruitment.selection_builders import assessor_for, score_all, settle_eligibility

    # Every criterion needing evidence judged, so the panel may approve (issue 14).
    application = settle_eligibility(_eligibility_checked(round_, coordinator, applicant=applicant), coordinator)
    paper_exercise_score(actor=coordinator, application=application, score=55, notes="Some gaps")
    for score in (2, 2):
        assessor = assessor_for(round_)
        score_all(assessor, application, score)
        assessment_submit(assessor=assessor, application=application)
    application.refresh_from_db()
    return application


def _panel_chair(application, coordinator):
    """A valid panel for the application (tests.recruitment's builder): its chair."""
    from tests.recruitment.selection_builders import valid_panel

    return valid_panel(application, coordinator)[0].user


def selection_records(people) -> dict:
    """An NLE round of the demo's alliance (seed 004 §13: a paper exercise) with two applications:
    one whose eligibility is checked, waiting for its paper exercise; the demo's system leader's,
    assessed and declined by a valid panel, which they may appeal; one waiting for the panel's
    decision; and one whose appeal waits for its outcome."""
    from domain.recruitment.assessment import paper_exercise_score
    from domain.recruitment.decisions import appeal_lodge, panel_decide
    from tests.recruitment.helpers import make_round

    coordinator = people[Role.TSA_COORDINATOR]
    alliance = Organisation.objects.get(code="DEMO-TSA1")
    round_ = make_round(
        organisation=alliance,
        actor=coordinator,
        role="nle",
        title="NLE selection (matrix)",
        criteria_set="national-nle@1",
    )
    waiting_paper = _eligibility_checked(
        round_, coordinator, applicant=_applicant("casey.papermill@matrix.test", "Casey Papermill")
    )
    declined = _assessed(round_, coordinator, people[Role.SYSTEM_LEADER])
    panel_decide(
        actor=_panel_chair(declined, coordinator),
        application=declined,
        outcome="declined",
        feedback="More evidence of school-to-school work",
    )
    # Another applicant's, assessed with a valid panel, waiting for its decision; and a third's,
    # declined and appealed, waiting for the appeal's outcome.
    awaiting = _assessed(round_, coordinator, _applicant("rory.waitwell@matrix.test", "Rory Waitwell"))
    _panel_chair(awaiting, coordinator)
    appealed = _assessed(round_, coordinator, _applicant("sage.appleby@matrix.test", "Sage Appleby"))
    panel_decide(
        actor=_panel_chair(appealed, coordinator), application=appealed, outcome="declined", feedback="Not yet"
    )
    appeal_lodge(applicant=appealed.applicant, application=appealed, grounds="The panel did not read my evidence")
    declined.refresh_from_db()
    # References given, waiting for the alliance to check eligibility.
    references_in = _references_given(round_, _applicant("robin.refford@matrix.test", "Robin Refford"))
    # Past its paper exercise: the assessors may score it.
    to_score = _eligibility_checked(
        round_, coordinator, applicant=_applicant("indigo.scorer@matrix.test", "Indigo Scorer")
    )
    paper_exercise_score(actor=coordinator, application=to_score, score=61, notes="Sound")
    # Approved by its panel: a recommendation waiting for the Department for Education (seed 004 §14).
    recommended = _assessed(round_, coordinator, _applicant("quinn.nationwide@matrix.test", "Quinn Nationwide"))
    panel_decide(
        actor=_panel_chair(recommended, coordinator),
        application=recommended,
        outcome="approved",
        feedback="A strong record of support",
    )
    return {
        "recommended_application": recommended,
        "to_score_application": to_score,
        "references_in_application": references_in,
        "paper_application": waiting_paper,
        "declined_application": declined,
        "awaiting_decision_application": awaiting,
        "appealed_application": appealed,
    }
