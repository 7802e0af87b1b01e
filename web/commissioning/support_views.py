"""The public route: a school without an account asks for support (issue: commissioning,
"Requests": "through a public form verified by a contact at that school"), one question a page
(ask_views), then check your answers. The request waits for a contact at the school (or the
brokering alliance, having checked with the school) to confirm it."""

from django.shortcuts import redirect, render

from domain.accounts.rate_limits import rate_limit_hit
from domain.commissioning.models import ReferrerKind, Route
from domain.commissioning.request_services import request_submit
from web.common.client_address import client_address
from web.common.policy import public

from . import ask_views
from .ask_steps import PUBLIC

SENT_KEY = "commissioning_public_reference"
FLOW = ask_views.Flow(
    route=PUBLIC,
    draft_key="commissioning_public_draft",
    question_url="support:ask-question",
    check_url="support:ask-check",
    first_back="public:start",
    caption="Ask for support",
)


@public
def ask(request):
    """The way in (from the directory, "Ask for support from this alliance", with ?organisation=)."""
    return ask_views.start(request, FLOW)


@public
def ask_question(request, step):
    return ask_views.question(request, FLOW, step)


@public
def ask_check(request):
    def send(answers):
        school = answers.school
        # It e-mails a stranger's words to the school's contacts: limited (ADR 17).
        keys = {"address": client_address(request), "school": str(school.pk)}
        refused = rate_limit_hit(action="support_request", keys=keys, path=request.path)
        if refused:
            return [{"text": refused.message}], 429
        created = request_submit(
            actor=None,
            school=school,
            values=answers.values(),
            referrer_kind=ReferrerKind.CLIENT_SCHOOL,
            preferred_organisation=answers.preferred(),
            route=Route.PUBLIC_FORM,
            contact=answers.contact(),
        )
        request.session[SENT_KEY] = {"reference": created.reference, "school": school.display_name}
        return redirect("support:sent")

    return ask_views.check_answers(request, FLOW, send=send)


@public
def sent(request):
    sent_request = request.session.get(SENT_KEY)
    if not sent_request:
        return redirect("support:ask")
    return render(request, "commissioning/support/sent.html", {"page_title": "Request sent", "sent": sent_request})
