from django.shortcuts import render

from domain.accounts.policies import can_use_regional_admin
from web.common.policy import policy


@policy(can_use_regional_admin)
def home(request):
    return render(request, "regional/home.html", {"page_title": "Regional admin"})
