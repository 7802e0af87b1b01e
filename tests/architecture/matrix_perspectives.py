"""What a URL answers from the other perspectives, and where its redirects go.

The matrix's rows (test_url_matrix.MATRIX) give what each URL answers to the demo's person in each
role: the owner of the demo's records. Every row is also asked by the same role in another
alliance of the same region and in another region (matrix_world). The default rule:

- a URL that names a record (its arguments hold an id, a token or a link) and answers 200 to the
  owner's role answers 404 to the other organisation's person in that role: another
  organisation's record is not found;
- except a public page (200 signed out), which answers everyone alike, and the regional
  representative of the SAME region, who oversees the other alliance's records as well;
- a page without a record (a list, a form to create) answers as it does to the owner's role.

OVERRIDES states where a row's truth differs from the rule, row by row, with the reason.

Every 302 states where it goes: signed out, to the sign-in page with ?next= the page asked for;
otherwise the named target in REDIRECTS (row -> role -> URL name), checked on the Location."""

from urllib.parse import parse_qs, urlsplit

from django.urls import Resolver404, resolve

from domain.accounts.roles import Role
from tests.architecture.matrix_world import ANON, OTHER_ALLIANCE, OTHER_REGION, OWNER

SIGN_IN = "accounts:sign-in?next"
OTHERS = (OTHER_ALLIANCE, OTHER_REGION)
RECORD_ARGUMENTS = ("token", "uidb64", "pk")  # and every "..._id"

SL, SC, CM = Role.SYSTEM_LEADER, Role.SCHOOL_CONTACT, Role.COMMISSIONER
RR, CO, PM = Role.REGIONAL_REPRESENTATIVE, Role.TSA_COORDINATOR, Role.PANEL_MEMBER


def not_a_party(*roles, other_region=()) -> dict:
    """Roles the owner's page refuses as a party to the record (403: may see it, not take this
    step): from another organisation they are no party and the record is not found (404).
    `other_region`: roles refused so only in another region (the same region's representative
    oversees the record and is refused the step, 403, as the owner's is)."""
    return {
        OTHER_ALLIANCE: dict.fromkeys(roles, 404),
        OTHER_REGION: dict.fromkeys((*roles, *other_region), 404),
    }


def seen_by_all_signed_in(status=200) -> dict:
    """A record any signed-in person may see, whatever their organisation."""
    return {OTHER_ALLIANCE: dict.fromkeys(Role.values, status), OTHER_REGION: dict.fromkeys(Role.values, status)}


# A published event is open to every signed-in person (seed 009): its organisers' pages answer 403
# (seen, not organised) to another alliance's coordinator and another region's representative.
EVENT_ORGANISERS_ONLY = {OTHER_ALLIANCE: {CO: 403}, OTHER_REGION: {CO: 403, RR: 403}}

# row -> perspective -> {role: status}: where the other organisation's person is not answered by
# the rule above.
OVERRIDES: dict = {
    # The department is national: every official sees every region's recommendations (seed 004 §14).
    "department:recommendation": {
        OTHER_ALLIANCE: {Role.DEPARTMENT_OFFICIAL: 200},
        OTHER_REGION: {Role.DEPARTMENT_OFFICIAL: 200},
    },
    "broker:meeting-cancel": not_a_party(PM),
    "broker:meeting-hold": not_a_party(PM),
    "deployments:concern-escalate": not_a_party(SL),
    "deployments:concern-raise": not_a_party(CM),
    "deployments:concern-resolve": not_a_party(SL),
    **dict.fromkeys(
        (
            "deployments:contract-change",
            "deployments:contract-measure-add",
            "deployments:contract-measure-change",
            "deployments:contract-measure-remove",
            "deployments:contract-propose",
            "deployments:contract-terms",
            "deployments:contract-withdraw",
            "deployments:end",
            "deployments:invoice-draft",
            "deployments:invoice-draft-check",
            "deployments:quality-lead",
            "deployments:variation-decide",
        ),
        not_a_party(SL, SC, CM),
    ),
    "deployments:feedback-answer": not_a_party(CO, SC, CM, other_region=(RR,)),
    "deployments:visit-record": not_a_party(CO, SC, CM, other_region=(RR,)),
    "deployments:visit-note": not_a_party(CO, other_region=(RR,)),
    "deployments:invoice-cancel": not_a_party(SC),
    "deployments:invoice-issue": not_a_party(SC),
    "deployments:invoice-pay": not_a_party(SC),
    "deployments:review-record": not_a_party(SC, CM),
    "deployments:variation-request": not_a_party(SC, CM),
    "deployments:visit-plan": not_a_party(SC, CM),
    "offers:answer": not_a_party(CO, PM, SC, other_region=(RR,)),
    # Published events: anyone signed in sees them and books a place.
    "events:event": seen_by_all_signed_in(),
    "events:event-calendar": seen_by_all_signed_in(),
    "events:event-confirm": seen_by_all_signed_in(),
    **dict.fromkeys(
        (
            "events:organise-add",
            "events:organise-booking-cancel",
            "events:organise-bookings",
            "events:organise-cancel",
            "events:organise-change",
            "events:organise-event",
            "events:organise-export",
            "events:organise-paid",
            "events:organise-publish",
            "events:organise-register",
        ),
        EVENT_ORGANISERS_ONLY,
    ),
    # The person who holds a real password-reset link may use it, whoever is signed in.
    "accounts:password-reset-confirm": seen_by_all_signed_in(302),
    # An uploaded file is its uploader's alone, even to the same region's representative.
    "register:import-check": {OTHER_ALLIANCE: {RR: 404}},
    # The others' system leaders have no published pen portrait to withdraw.
    "leader:pen-portrait-withdraw": {OTHER_ALLIANCE: {SL: 404}, OTHER_REGION: {SL: 404}},
    # An open round takes applications from anyone signed in (seed 004): the others' system
    # leaders have not applied to it yet, so they may start too.
    "recruitment:application-start": seen_by_all_signed_in(),
}

SIGNED_IN_HOME = dict.fromkeys(Role.values, "portal:home")

# row -> role -> the URL name a 302 goes to, from every perspective (signed out: the sign-in page
# with ?next=, unless stated here).
REDIRECTS: dict = {
    # A real link: on to its own page to choose a password (the token kept in the session).
    "accounts:password-reset-confirm": dict.fromkeys([ANON, *Role.values], "accounts:password-reset-confirm"),
    "accounts:register": SIGNED_IN_HOME,
    "accounts:sign-in": SIGNED_IN_HOME,
    "accounts:sign-out": {ANON: "public:start"},
    # Second factor given: home; people without an app are offered one.
    "accounts:two-factor": {**SIGNED_IN_HOME, SL: "accounts:two-factor-setup", SC: "accounts:two-factor-setup"},
    # Staff have an app already: on to give its code.
    "accounts:two-factor-setup": dict.fromkeys((RR, CO, PM, CM, Role.DEPARTMENT_OFFICIAL), "accounts:two-factor"),
    # Agreeing is a POST from the version's page: a GET goes back to that page.
    "deployments:contract-agree": dict.fromkeys((RR, CO, SL, SC, CM), "deployments:contract-version"),
    "recruitment:application-start": {SL: "recruitment:application"},  # already applied: to it
    "regional:home": {RR: "regional:organisations"},
    # The steps of adding an organisation go back to its first question when it is not answered.
    "regional:organisation-add-check": {RR: "regional:organisation-add"},
    "regional:organisation-add-details": {RR: "regional:organisation-add"},
    # The ways in and check your answers, with nothing asked yet: to the first question.
    "requests:new": dict.fromkeys(Role.values, "requests:question"),
    "requests:check": dict.fromkeys(Role.values, "requests:question"),
    "support:ask": dict.fromkeys([ANON, *Role.values], "support:ask-question"),
    "support:ask-check": dict.fromkeys([ANON, *Role.values], "support:ask-question"),
    "support:sent": dict.fromkeys([ANON, *Role.values], "support:ask"),  # nothing sent: to the way in
}


def names_a_record(kwargs) -> bool:
    return any(key.endswith("_id") or key in RECORD_ARGUMENTS for key in (kwargs or {}))


def asked(row) -> list[tuple[str, str]]:
    """(perspective, role) pairs to ask: the owner in every role and signed out; the others in
    every role."""
    return [(OWNER, role) for role in row] + [(perspective, role) for perspective in OTHERS for role in Role.values]


def status_for(url_name, row, kwargs, perspective, role) -> int:
    owner = row[role]
    if perspective == OWNER:
        return owner
    override = OVERRIDES.get(url_name, {}).get(perspective, {})
    if role in override:
        return override[role]
    if row[ANON] == 200:
        return owner
    if perspective == OTHER_ALLIANCE and role == Role.REGIONAL_REPRESENTATIVE:
        return owner
    if owner in (200, 302) and names_a_record(kwargs):
        return 404
    return owner


def expectation(url_name, row, kwargs, perspective, role):
    """200, 403, ... or "302 <target>" for a redirect."""
    status = status_for(url_name, row, kwargs, perspective, role)
    if status != 302:
        return status
    target = REDIRECTS.get(url_name, {}).get(role) or (SIGN_IN if role == ANON else "(say where in REDIRECTS)")
    return f"302 {target}"


def answered(response, path):
    """The response as expectation() states it: the status, or "302 <where it goes>"."""
    if response.status_code != 302:
        return response.status_code
    location = urlsplit(response["Location"])
    try:
        target = resolve(location.path).view_name
    except Resolver404:
        return f"302 {response['Location']}"
    if target == "accounts:sign-in":
        return f"302 {SIGN_IN}" if parse_qs(location.query).get("next") == [path] else f"302 {response['Location']}"
    return f"302 {target}"
