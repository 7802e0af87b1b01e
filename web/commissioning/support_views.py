"""The public form: a school without an account asks for support (issue: commissioning,
"Requests": "through a public form verified by a contact at that school"). The request waits for
a contact at the school (or the brokering alliance, having checked with the school) to confirm it."""

from django.shortcuts import redirect, render

from domain.accounts.rate_limits import rate_limit_hit
from domain.commissioning.errors import CommissioningRefused, RequestInvalid
from domain.commissioning.models import ReferrerKind, Route
from domain.commissioning.request_services import request_submit
from domain.schools.models import School
from web.common.client_address import client_address
from web.common.fields import id_from
from web.common.policy import public

from .request_forms import PublicRequestForm, schools_found

SENT_KEY = "commissioning_public_reference"


@public
def ask(request):
    q = request.GET.get("q", "")
    found, more = schools_found(q)
    preferred = id_from(request.GET.get("organisation"))
    status = 200
    if request.method == "POST":
        chosen = id_from(request.POST.get("school"))
        posted_school = list(School.objects.filter(pk=chosen)) if chosen is not None else []
        form = PublicRequestForm(request.POST, schools=found + posted_school)
        form.is_valid()
        school = form.cleaned_data.get("school_object")
        form.check_with_service(school)
        if not form.errors:
            # It e-mails a stranger's words to the school's contacts: limited (ADR 17).
            keys = {"address": client_address(request), "school": str(school.pk)}
            refused = rate_limit_hit(action="support_request", keys=keys, path=request.path)
            if refused:
                form.add_error(None, refused.message)
                status = 429
        if not form.errors:
            try:
                created = request_submit(
                    actor=None,
                    school=school,
                    values=form.values(school),
                    referrer_kind=ReferrerKind.CLIENT_SCHOOL,
                    preferred_organisation=form.preferred(),
                    route=Route.PUBLIC_FORM,
                    contact=form.contact(),
                )
            except RequestInvalid as invalid:
                form.add_refusal(invalid.errors)
            except CommissioningRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                request.session[SENT_KEY] = {"reference": created.reference, "school": school.display_name}
                return redirect("support:sent")
    else:
        # From an alliance's or leader's page in the directory: "Ask for support from this alliance".
        form = PublicRequestForm(initial={"preferred_organisation": str(preferred or "")}, schools=found)
    return render(
        request,
        "commissioning/support/ask.html",
        {
            "page_title": "Ask for school-to-school support for your school",
            "form": form,
            "q": q,
            "searched": bool(q.strip()),
            "found": found,
            "more": more,
            "preferred_id": preferred,
        },
        status=status,
    )


@public
def sent(request):
    sent_request = request.session.get(SENT_KEY)
    if not sent_request:
        return redirect("support:ask")
    return render(request, "commissioning/support/sent.html", {"page_title": "Request sent", "sent": sent_request})
