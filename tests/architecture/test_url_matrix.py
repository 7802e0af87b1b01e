"""The URL x role matrix: what every URL answers to every role (pretix's permission matrix).

Every URL in the configuration must have a row here, and every view must declare a policy.
A new view without a row, or without a policy, fails this file."""

import importlib

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.region import PEOPLE
from domain.accounts.models import User
from domain.accounts.roles import Role
from tests.architecture.matrix_perspectives import answered, asked, expectation
from tests.architecture.matrix_world import build_world, client_with
from tests.security.caching import not_stored
from tests.urls import all_url_patterns

ANON = "signed out"

# One xdist worker runs this module (--dist loadgroup), building its world once.
pytestmark = [pytest.mark.xdist_group("url-matrix-get"), pytest.mark.matrix]
ROLES = [ANON, *Role.values]


def everyone(status=200):
    return dict.fromkeys(ROLES, status)


def signed_in(status=200):
    return {**dict.fromkeys(Role.values, status), ANON: 302}


def only(*roles, status=200):
    return {**dict.fromkeys(Role.values, 403), **dict.fromkeys(roles, status), ANON: 302}


MANAGERS = {Role.TSA_COORDINATOR: 200, Role.REGIONAL_REPRESENTATIVE: 200}

MATRIX = {
    "public:start": everyone(),
    "public:school-search": everyone(),
    "public:school-detail": everyone(),
    "accounts:sign-in": {**dict.fromkeys(Role.values, 302), ANON: 200},
    "accounts:two-factor": everyone(302),  # signed in and verified: on to the home page
    # Staff already have an app (302); others may choose to set one up.
    "accounts:two-factor-setup": {
        **everyone(302),
        Role.SYSTEM_LEADER: 200,
        Role.SCHOOL_CONTACT: 200,
    },
    "accounts:sign-out": signed_in(),  # asks "Sign out?": only its POST signs out
    "accounts:account": signed_in(),
    "accounts:sign-out-everywhere": everyone(405),  # POST only
    "accounts:password-change": signed_in(),
    "accounts:password-change-done": signed_in(),
    "accounts:password-reset": everyone(),
    "accounts:password-reset-sent": everyone(),
    # A real link (matrix_world): on to its page to choose a password, the token kept in the
    # session (Django's PasswordResetConfirmView); forged links: tests/accounts.
    "accounts:password-reset-confirm": everyone(302),
    "accounts:password-reset-complete": everyone(),
    "portal:home": signed_in(),
    "portal:notifications": signed_in(),
    "portal:notifications-read-all": signed_in(405),  # POST only
    "portal:notification-read": signed_in(405),  # POST only
    "portal:designations": only(Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE),
    # The demo's designation was made by the coordinator's alliance, in the representative's region.
    "portal:designation": only(Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE),
    "portal:designation-change": only(Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE),
    # Non-staff may not read timelines (403); staff outside the object's scope get 404.
    "portal:timeline": {
        ANON: 302,
        Role.REGIONAL_REPRESENTATIVE: 200,
        Role.TSA_COORDINATOR: 200,
        Role.PANEL_MEMBER: 404,
        Role.SYSTEM_LEADER: 403,
        Role.SCHOOL_CONTACT: 403,
        Role.COMMISSIONER: 404,
        Role.DEPARTMENT_OFFICIAL: 404,
    },
    "regional:home": only(Role.REGIONAL_REPRESENTATIVE, status=302),
    "regional:organisations": only(Role.REGIONAL_REPRESENTATIVE),
    "regional:organisation": only(Role.REGIONAL_REPRESENTATIVE),
    "regional:person-add": only(Role.REGIONAL_REPRESENTATIVE),
    "regional:membership-change": only(Role.REGIONAL_REPRESENTATIVE),
    # The applicant's pages: anyone signed in may apply; an application is its applicant's alone
    # (the demo's draft is the system leader's: everyone else gets 404).
    "recruitment:applications": signed_in(),
    "recruitment:open-rounds": everyone(),  # public: a would-be applicant sees them before signing up
    "recruitment:application-start": {**signed_in(), Role.SYSTEM_LEADER: 302},  # already applied: to it
    "recruitment:application": {**signed_in(404), Role.SYSTEM_LEADER: 200},
    "recruitment:application-school": {**signed_in(404), Role.SYSTEM_LEADER: 200},
    "recruitment:application-section": {**signed_in(404), Role.SYSTEM_LEADER: 200},
    "recruitment:application-declarations": {**signed_in(404), Role.SYSTEM_LEADER: 200},
    "recruitment:application-check": {**signed_in(404), Role.SYSTEM_LEADER: 200},
    "recruitment:application-referees": {**signed_in(404), Role.SYSTEM_LEADER: 200},
    "recruitment:application-withdraw": {**signed_in(404), Role.SYSTEM_LEADER: 200},
    # The coordinator's round pages: the demo's round is the coordinator's alliance's, in the
    # representative's region.
    "rounds:rounds": only(Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE),
    "rounds:round-create": only(Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE),
    "rounds:round": only(Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE),
    "rounds:round-change": only(Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE),
    "rounds:application": only(Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE),
    # A referee's request the coordinator checked and sent (matrix_world).
    "rounds:reference-chase": only(Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE, status=405),  # POST only
    "rounds:reference-replace": only(Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE),
    # The referee's real single-use link, no account needed (a forged token is not found, an
    # expired or used one answers 410: tests/recruitment_web).
    "references:answer": everyone(),
    # Selection (web/recruitment/selection*.py): the demo's draft application is in the
    # coordinator's alliance's round, in the representative's region; another person gets 404.
    # A panel member's own list of applications to score: anyone signed in (their own seats only;
    # an empty list for someone on no panel).
    "selection:to-assess": signed_in(),
    "selection:application": {**signed_in(404), **MANAGERS},
    "selection:eligibility": {**signed_in(404), **MANAGERS},
    # A criterion's judgement: the round's managers, or a member seated on the application's panel
    # (the demo's panel member is not seated on this one).
    "selection:judgement": {**signed_in(404), **MANAGERS},
    # An NLE round's application waiting for its paper exercise (seed 004 §13; matrix_world_records).
    "selection:paper-exercise": {**signed_in(404), **MANAGERS},
    "selection:assessment": {**signed_in(404), **MANAGERS, Role.PANEL_MEMBER: 200},  # the alliance's panel member
    "selection:assessment-summary": {**signed_in(404), **MANAGERS},
    "selection:panel": {**signed_in(404), **MANAGERS},
    "selection:decision": {**signed_in(404), **MANAGERS},
    # The system leader's application to the NLE round, declined by its panel (matrix_world_records).
    "selection:appeal": {**signed_in(404), Role.SYSTEM_LEADER: 200},
    "selection:appeal-decision": {**signed_in(404), **MANAGERS},
}


# Areas keep their rows in their own files (ROWS, and kwargs(world) for URLs with arguments).
AREA_MATRICES = [
    importlib.import_module(f"tests.architecture.{name}")
    for name in (
        "matrix_directory",
        "matrix_leader",
        "matrix_alliance",
        "matrix_register",
        "matrix_requests",
        "matrix_support",
        "matrix_broker",
        "matrix_offers",
        "matrix_deployments",
        "matrix_deployments_contract",
        "matrix_deployments_visits",
        "matrix_deployments_concerns",
        "matrix_deployments_feedback",
        "matrix_deployments_invoices",
        "matrix_events_delegate",
        "matrix_events_organiser",
        "matrix_cadre_import",
        "matrix_registration",
        "matrix_people",
        "matrix_operations",
        "matrix_organisations",
        "matrix_public_info",
        "matrix_privacy",
        "matrix_security",
        "matrix_references",
        "matrix_application_posts",
        "matrix_department",
        "matrix_reviews",
        "matrix_criteria",
    )
]
for _area in AREA_MATRICES:
    MATRIX.update(_area.ROWS)


def url_kwargs(world):
    """Arguments for URLs that take them, from the demo region."""
    area_kwargs = {}
    for area in AREA_MATRICES:
        area_kwargs.update(area.kwargs(world))
    return area_kwargs | {
        "public:school-detail": {"urn": world["school"].urn},
        "accounts:password-reset-confirm": world["reset_link"],
        "regional:organisation": {"organisation_id": world["alliance"].pk},
        "portal:notification-read": {"notification_id": world["notification"].pk},
        "portal:designation": {"designation_id": world["designation"].pk},
        "portal:designation-change": {"designation_id": world["designation"].pk, "event": "suspend"},
        "portal:timeline": {"subject_type": "organisations.organisation", "subject_id": world["alliance"].pk},
        "regional:person-add": {"organisation_id": world["alliance"].pk},
        "regional:membership-change": {"membership_id": world["membership"].pk, "event": "suspend"},
        "recruitment:application-start": {"round_id": world["application"].round_id},
        "recruitment:application": {"application_id": world["application"].pk},
        "recruitment:application-school": {"application_id": world["application"].pk},
        "recruitment:application-section": {
            "application_id": world["application"].pk,
            "section_key": "specialism_impact",
        },
        "recruitment:application-declarations": {"application_id": world["application"].pk},
        "recruitment:application-check": {"application_id": world["application"].pk},
        "recruitment:application-referees": {"application_id": world["application"].pk},
        "recruitment:application-withdraw": {"application_id": world["application"].pk},
        "rounds:round": {"round_id": world["application"].round_id},
        "rounds:round-change": {"round_id": world["application"].round_id, "event": "close"},
        "rounds:application": {"round_id": world["application"].round_id, "application_id": world["application"].pk},
        "rounds:reference-chase": {"request_id": world["sent_reference"].pk},
        "rounds:reference-replace": {"request_id": world["sent_reference"].pk},
        "references:answer": {"token": world["referee_token"]},
        "selection:application": {"application_id": world["application"].pk},
        "selection:eligibility": {"application_id": world["references_in_application"].pk},
        "selection:judgement": {
            "application_id": world["to_score_application"].pk,
            "criterion_id": "beacon_performance_data",
        },
        "selection:paper-exercise": {"application_id": world["paper_application"].pk},
        "selection:assessment": {"application_id": world["to_score_application"].pk},
        "selection:assessment-summary": {"application_id": world["application"].pk},
        "selection:panel": {"application_id": world["awaiting_decision_application"].pk},
        "selection:decision": {"application_id": world["awaiting_decision_application"].pk},
        "selection:appeal": {"application_id": world["declined_application"].pk},
        "selection:appeal-decision": {"application_id": world["appealed_application"].pk},
    }


@pytest.fixture
def world(db):
    """The matrix's world (matrix_world.build_world), built afresh for one test."""
    return build_world()


def client_for(client, role):
    if role == ANON:
        return client
    person = next(p for p in PEOPLE if p.role == role)
    user = User.objects.get(email=person.email)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def named_urls():
    return sorted({name for name, _ in all_url_patterns() if name})


def test_every_url_is_in_the_matrix():
    missing = [name for name in named_urls() if name not in MATRIX]
    assert missing == [], f"add these URLs to the matrix: {missing}"
    stale = [name for name in MATRIX if name not in named_urls()]
    assert stale == [], f"the matrix names URLs that no longer exist: {stale}"


def test_every_url_is_named():
    unnamed = [str(p.pattern) for name, p in all_url_patterns() if not name]
    assert unnamed == []


def test_every_view_declares_a_policy():
    without = [name for name, p in all_url_patterns() if not hasattr(p.callback, "policy")]
    assert without == [], f"these views declare no policy: {without}"


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_url_answers_each_role_as_the_matrix_says(url_name, shared_world, db):
    """Each URL as the demo's person in each role (the owner), as the same role in another
    alliance of the region and as the same role in another region (matrix_perspectives). Every
    answer to a signed-in person, whatever it is, says that no cache may keep it (issue 13): the
    browser's "back" after signing out, or a shared computer, must not show personal data."""
    kwargs = url_kwargs(shared_world).get(url_name)
    url = reverse(url_name, kwargs=kwargs)
    row = MATRIX[url_name]
    wrong = {}
    for perspective, role in asked(row):
        expected = expectation(url_name, row, kwargs, perspective, role)
        session = shared_world["sessions"].get(perspective, {}).get(role)
        response = client_with(session).get(url)
        answer = answered(response, url)
        if answer != expected:
            wrong[f"{role}, {perspective}"] = f"expected {expected}, got {answer}"
        elif role != ANON and not not_stored(response):
            wrong[f"{role}, {perspective}"] = f"may be kept by a cache: Cache-Control {response.get('Cache-Control')!r}"
    assert wrong == {}, f"{url}: {wrong}"
