"""What POSTing a URL of the matrix needs (test_url_matrix_post.py), row by row, where the page's
own form (filled in by matrix_forms.form_data) is not enough or the allowed roles are not those
its page answers 200:

- "allowed": the roles (as the demo's people) who may make the change;
- "data": what they send (a dict, or a function of the world), instead of the page's form;
- "extra": what they send on top of the page's form (a dict, or a function of the world);
- "data_by_role": {role: what that role sends (a dict, or a function of the world)}, where each
  allowed role sends its own (a party agreeing a contract for itself);
- "answer": {role: what the POST answers}, when not any redirect or page without errors;
- "may_change_nothing": the POST is a step of a question flow (it keeps the answer in the
  session and goes on to the next question, changing nothing in the database yet), or some
  allowed roles have nothing to change (no unread notifications).

POLICY_ONLY names the rows (with the reason) where sending data that makes the change is not
done here: the allowed roles are only checked to get past the policy (not 403, 404, 405 or to
sign in); their own view tests (tests/<area>) make the change."""

from demo.region import DEMO_PASSWORD
from domain.accounts.roles import Role

RR, CO, PM = Role.REGIONAL_REPRESENTATIVE, Role.TSA_COORDINATOR, Role.PANEL_MEMBER
SL, SC, CM = Role.SYSTEM_LEADER, Role.SCHOOL_CONTACT, Role.COMMISSIONER
ANON = "signed out"

POST_ROWS: dict = {
    "accounts:sign-in": {
        "data": {"username": "coordinator@demo.test", "password": DEMO_PASSWORD},
        "answer": {ANON: "302 accounts:two-factor"},
    },
    # Only the people who have notifications to read: the system leader's (matrix_world).
    "portal:notification-read": {"allowed": (SL,), "data": {}},
    "portal:notifications-read-all": {"data": {}, "may_change_nothing": True},
    # The panel member sees the meeting; only its managers change its agenda.
    "broker:item-rank": {"allowed": (RR, CO)},
    "broker:item-remove": {"allowed": (RR, CO), "data": {}},
    "broker:item-search": {"allowed": (RR, CO), "data": {"search": "fewer_days"}},
    # The meeting's managers add the request waiting for a panel (matrix_world_records) to its agenda.
    "broker:meeting": {"allowed": (RR, CO)},
    # A panel of the alliance's own coordinator and panel member (the page lists every alliance's).
    "broker:meeting-new": {"extra": lambda world: {"time": "4pm", "members": panel_of_the_alliance(world)}},
    "rounds:round-create": {
        "extra": {
            "opens_on-day": "1",
            "opens_on-month": "2",
            "opens_on-year": "2027",
            "closes_on-day": "1",
            "closes_on-month": "3",
            "closes_on-year": "2027",
            "phases": ["primary"],
            "criteria_set": "yh-lle@1",
        }
    },
    # The panel chooses with no one recused (the page's form would tick every box).
    "broker:decide": {"extra": {"recused": []}},
    # Each party to the proposed contract (matrix_world_records) agrees for itself, the version it
    # read; the representative oversees it but is no party (403).
    "deployments:contract-agree": {
        "allowed": (CO, SL, SC, CM),
        "data_by_role": {
            CO: lambda world: agreeing(world, "alliance"),
            SL: lambda world: agreeing(world, "leader"),
            SC: lambda world: agreeing(world, "client"),
            CM: lambda world: agreeing(world, "commissioner"),
        },
    },
    "deployments:invoice-draft": {"may_change_nothing": True},
    "people:invite": {"may_change_nothing": True},
    "regional:organisation-add": {"may_change_nothing": True},
    "regional:organisation-move-to-hub": {"may_change_nothing": True},
    "regional:organisation-lead-school": {"extra": {"school_query": "990002"}},
    # The demo alliance already publishes its details: the POST changes one of them.
    "regional:organisation-change": {"extra": {"website": "www.aire-valley.example"}},
    "alliance:contact-details": {"extra": {"contact_phone": "0113 496 0999"}},
    "events:organise-new": {"extra": {"venue_query": "990001", "starts": "10am", "ends": "2pm"}},
    "rounds:reference-chase": {"data": {}},
    # An experienced system leader of the region's other alliance (matrix_world) joins the panel of
    # the application waiting for its decision (matrix_world_records).
    "selection:panel": {"extra": {"email": "system.leader@ouse.matrix.test"}},
}


def panel_of_the_alliance(world) -> list[str]:
    return [str(world["people"]["owner"][role].pk) for role in (CO, PM)]


def agreeing(world, party) -> dict:
    digest = world["proposed_contract"].digest
    return {"party": party, f"{party}-digest": digest, f"{party}-confirm": "on"}


POLICY_ONLY: dict = {
    "events:organise-add": "the demo has no one left who may book its induction",
    "leader:association-request": "the demo's leader is associated already (one at a time, seed 000)",
    "accounts:two-factor-setup": "the code comes from the new app's secret, made on the page",
    "events:booking-cancel": "the system leader's booking is at an event already held: not cancellable",
    "events:event": "the open induction is for designated leaders, booked already by the demo's",
    "events:event-confirm": "the open induction is for designated leaders, booked already by the demo's",
    "events:organise-register": "the demo's register is taken already",
    "events:organise-publish": "the demo's events are published already: nothing is left to publish",
    "alliance:memorandum-accept": "the demo's association has its memorandum accepted by both already (demo.leaders)",
    "leader:memorandum": "the demo's association has its memorandum accepted by both already (demo.leaders)",
    "regional:erase": "erasing the demo's coordinator is refused (domain.audit.erasure): the page says why, no form",
    "recruitment:application-check": "the demo's draft application is not complete",
    "recruitment:application-referees": "the demo's application is a draft: referees are named once it is sent",
    "recruitment:application-post-add": "the school is chosen by a search on the page",
    "requests:question": "the school is chosen by a search on the page",
    "support:ask-question": "the school is chosen by a search on the page",
}

# Rows where no role gets a 200 (GET, or a successful POST for a view that only takes POST), each
# with the reason. Pages that are only ever a redirect, or a later step of a question flow
# reached from the earlier one, belong here; a row that needs a record in a given state gets it in
# matrix_world_records (issue 20) instead.
WITHOUT_A_200: dict = {
    "accounts:password-reset-confirm": "a real link goes on to its own page to choose a password",
    "accounts:two-factor": "everyone here has given their second factor: on to the home page",
    "regional:home": "only ever a redirect, to the organisations",
    "regional:organisation-add-details": "the second question of adding an organisation",
    "regional:organisation-add-check": "the last step of adding an organisation",
    "requests:new": "the way in: only ever a redirect, to the first question not answered",
    "requests:check": "the check of a request's answers, after its questions",
    "support:ask": "the way in: only ever a redirect, to the first question not answered",
    "support:ask-check": "the check of a request's answers, after its questions",
    "support:sent": "the page after sending the public form",
    "recruitment:application-route": "the demo's draft is an SLE application: only an NLE is asked a route",
}
