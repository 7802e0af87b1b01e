"""A panel member's list of the applications they are to score (issue 14, "Panel members": "They
have a list of applications to assess and reach each from it"). The navigation's "Recruitment"
leads here for someone who sits on a panel and does not run rounds."""

from django.shortcuts import render

from domain.accounts.policies import is_signed_in
from domain.recruitment.selectors import applications_for_applicant, applications_to_assess
from web.common.policy import policy


@policy(is_signed_in)
def to_assess(request):
    # Only the person's own seats: someone on no panel sees an empty list, not someone else's.
    return render(
        request,
        "recruitment/selection/to_assess.html",
        {
            "page_title": "Applications to score",
            "applications": list(applications_to_assess(request.user)),
            "own_applications": applications_for_applicant(request.user).exists(),
        },
    )
