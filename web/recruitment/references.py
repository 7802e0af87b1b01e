"""The page a referee or chair of governors reaches through the emailed single-use link. No
account is needed: the link is the key. The person sees only what they are asked, never the
application itself (DESIGN.md invariants; domain/recruitment/reference_services.py). The applicant,
signed in, is refused their own referees' links (ADR 18)."""

from django.shortcuts import render

from domain.recruitment.application_form import OPTIONAL_QUESTIONS, questions_for
from domain.recruitment.models import ReferenceKind
from domain.recruitment.reference_services import ReferenceLinkRefused, reference_open, reference_submit
from domain.recruitment.services import RecruitmentRefused
from web.common.policy import public

from .forms import ReferenceForm

# What each refusal's page is called, and the status it answers with: a link we never made is
# "not found"; one that worked once and no longer does is "gone".
REFUSALS = {
    "unknown": ("This link is not recognised", 404),
    "expired": ("This link has expired", 410),
    "used": ("This link has already been used", 410),
    "replaced": ("This link no longer works", 410),
    "void": ("No answer is needed", 410),
    "applicant": ("You cannot answer this request", 403),
}
WHAT_NEXT = {
    "unknown": "If you still cannot open the page, reply to the email that sent you the link.",
    "expired": "Reply to the email that sent you the link if you cannot reach them.",
    "used": "Thank you: you do not need to do anything else.",
    "replaced": "Thank you: you do not need to do anything else.",
    "void": "Thank you: you do not need to do anything else.",
    "applicant": "Your referees and the chair of governors answer through the links we email them.",
}


def _refused(request, refusal: ReferenceLinkRefused):
    title, status = REFUSALS.get(refusal.code, REFUSALS["unknown"])
    return render(
        request,
        "recruitment/references/refused.html",
        {"page_title": title, "paragraphs": [f"{refusal}.", WHAT_NEXT.get(refusal.code, "")], "code": refusal.code},
        status=status,
    )


def _asked(reference) -> dict:
    application = reference.application
    is_confirmation = reference.kind == ReferenceKind.GOVERNORS_CONFIRMATION
    return {
        "applicant_name": application.applicant.full_name,
        "organisation_name": application.round.organisation.name,
        "role": application.round.get_role_display().lower(),
        "is_confirmation": is_confirmation,
        "referee_name": reference.name,
        "expires_at": reference.expires_at,
    }


@public
def reference_answer(request, token):
    try:
        reference = reference_open(token, user=request.user)
    except ReferenceLinkRefused as refusal:
        return _refused(request, refusal)
    asked = _asked(reference)
    questions = questions_for(reference.kind)
    form = ReferenceForm(questions, OPTIONAL_QUESTIONS, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reference_submit(token=token, response=form.response(), user=request.user)
        except ReferenceLinkRefused as refusal:  # used or expired between the page and the answer
            return _refused(request, refusal)
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            return render(
                request,
                "recruitment/references/done.html",
                {"page_title": "Your answer has been sent", **asked},
            )
    title = (
        f"Confirm your governing body's support for {asked['applicant_name']}"
        if asked["is_confirmation"]
        else f"Give a reference for {asked['applicant_name']}"
    )
    return render(
        request,
        "recruitment/references/answer.html",
        {"page_title": title, "form": form, "questions": questions, **asked},
    )
