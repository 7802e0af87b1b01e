"""Every view declares the policy that guards it. The URL x role matrix test walks every URL and
fails when a view has none.

    @policy(can_use_regional_admin)
    def organisation_list(request): ...

A view whose policy is not `anyone` needs a signed-in user, and a person who has not yet given
their second factor is sent to give it first: every staff member, and anyone else who has set up
an authenticator app (downloads go through here too)."""

from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from domain.accounts.policies import anyone, is_signed_in, second_factor_outstanding


def _to_sign_in(request):
    return redirect(f"{reverse('accounts:sign-in')}?{urlencode({'next': request.get_full_path()})}")


def policy(check, *, second_factor=True):
    """Guard a view with `check(user) -> bool`. `second_factor=False` only for the pages where a
    signed-in person sets up or gives their second factor."""

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if check is not anyone:
                user = request.user
                if not is_signed_in(user):
                    return _to_sign_in(request)
                if second_factor and second_factor_outstanding(user):
                    return redirect("accounts:two-factor")
                if not check(user):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        guarded.policy = check
        guarded.second_factor = second_factor
        return guarded

    return decorate


def public(view):
    return policy(anyone)(view)
