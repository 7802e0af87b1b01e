"""Building rounds and applications for the tests, through the services."""

import datetime as dt

from domain.accounts.roles import Role
from domain.accounts.selectors import coordinators_of
from domain.organisations.models import OrganisationKind
from domain.recruitment.application_form import REGIONAL_FORM, form_for
from domain.recruitment.employment import employment_post_add
from domain.recruitment.reference_services import reference_confirm, reference_nominate
from domain.recruitment.services import (
    application_save_draft,
    application_start,
    application_submit,
    round_create,
    round_open,
)
from tests import factories
from tests.conftest import person_in_role

# The frozen clock's day is 22 November 2026 (tests/conftest.py).
TODAY = dt.date(2026, 11, 22)


def tsa_with_coordinator(**organisation_fields):
    tsa = factories.OrganisationFactory(kind=OrganisationKind.TSA, **organisation_fields)
    return tsa, person_in_role(Role.TSA_COORDINATOR, organisation=tsa)


def make_round(*, organisation=None, actor=None, open_it=True, **fields):
    if organisation is None:
        organisation, actor = tsa_with_coordinator()
    values = {
        "role": "lle",
        "title": "LLE recruitment 2026",
        "opens_on": TODAY - dt.timedelta(days=7),
        "closes_on": TODAY + dt.timedelta(days=21),
        "local_need": "Primary leadership support in the east of the district",
        "criteria_set": "yh-lle@1",
        "phases": ["primary"],
        "specialisms": [],
        # The tests written before each role had its form fill in the first form; give
        # form_version=None for the role's own form (application_form.FORM_FOR_ROLE).
        "form_version": REGIONAL_FORM.version,
        **fields,
    }
    round_ = round_create(actor=actor, organisation=organisation, **values)
    if open_it:
        round_open(actor=actor, round_=round_)
    return round_


def full_answers() -> dict:
    return {s.key: {"answer": f"About {s.title}", "evidence": "Evidence"} for s in REGIONAL_FORM.sections if s.required}


def all_declarations() -> dict:
    return {d.key: True for d in REGIONAL_FORM.declarations}


def draft_application(round_=None, applicant=None):
    round_ = round_ or make_round()
    applicant = applicant or factories.UserFactory()
    application = application_start(actor=applicant, round_=round_, school=factories.SchoolFactory())
    return application


def submitted_application(round_=None, applicant=None):
    """A sent application on the first LLE form's answers; when the round's form requires posts
    (every form made since: application_form.LLE_FORM), with the applicant's headship of 5 years."""
    application = draft_application(round_, applicant)
    application_save_draft(
        actor=application.applicant, application=application, answers=full_answers(), declarations=all_declarations()
    )
    if form_for(application.round).posts_required:
        employment_post_add(
            actor=application.applicant,
            application=application,
            role="headteacher",
            school=application.school,
            start=TODAY.replace(year=TODAY.year - 5),
            end=None,
        )
    application_submit(actor=application.applicant, application=application)
    return application


# The people an applicant names, as the referees page takes them: (kind, name, role, organisation, email).
PEOPLE = (
    ("reference", "Referee One", "Headteacher", "Oak Primary School", "one@example.test"),
    ("reference", "Referee Two", "Executive headteacher", "Elm Trust", "two@example.test"),
    ("governors_confirmation", "Chair Person", "Chair of governors", "Ash Primary School", "chair@example.test"),
)


def nominate(application, kind="reference", name="Referee", email="referee@example.test", *, actor=None, **person):
    """The applicant (or `actor`) names one person; returns (request, token or None)."""
    return reference_nominate(
        actor=actor or application.applicant,
        application=application,
        kind=kind,
        name=name,
        email=email,
        job_title=person.get("job_title", "Headteacher"),
        organisation_name=person.get("organisation_name", "Oak Primary School"),
    )


def coordinator_of(application):
    """A coordinator of the round's alliance, who checks the addresses (ADR 18)."""
    organisation = application.round.organisation
    people = [p for p in coordinators_of(organisation) if p.pk != application.applicant_id]
    return people[0] if people else person_in_role(Role.TSA_COORDINATOR, organisation=organisation)


def confirm(request, coordinator=None, how="domain"):
    """The coordinator confirms the address: returns (request, token)."""
    return reference_confirm(actor=coordinator or coordinator_of(request.application), request=request, how=how)


def nominate_all(application):
    """The applicant names two referees and the chair of governors; returns their requests, each
    waiting for the coordinator's check."""
    return [
        nominate(application, kind, name, email, job_title=role, organisation_name=organisation)[0]
        for kind, name, role, organisation, email in PEOPLE
    ]


def send_all_requests(application):
    """Two references and the governors' confirmation, named by the applicant and confirmed by the
    alliance's coordinator, so their links are sent; returns [(request, token), ...]."""
    coordinator = coordinator_of(application)
    return [confirm(request, coordinator) for request in nominate_all(application)]


REFERENCE_ANSWER = {
    "relationship": "Line manager for four years",
    "capacity_to_support": "Strong",
    "coaching_experience": "Coached two new heads",
    "recommend": True,
}
GOVERNORS_ANSWER = {"supports": True, "comment": ""}
