from django.shortcuts import render

from domain.accounts.policies import is_signed_in
from domain.accounts.selectors import active_memberships_for
from web.common.policy import policy


@policy(is_signed_in)
def home(request):
    return render(
        request,
        "portal/home.html",
        {"page_title": "Your home page", "memberships": active_memberships_for(request.user)},
    )
