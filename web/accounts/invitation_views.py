"""Accepting an invitation through its e-mailed single-use link: the person chooses a password and
is signed in; with a staff role they then set up their authenticator app on the same page as at
any first sign-in (accounts:two-factor-setup), before they can go on (ADR 7, ADR 10)."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from domain.accounts.invitations import InvitationLinkRefused, invitation_accept, invitation_open
from domain.accounts.policies import needs_two_factor
from domain.accounts.roles import STAFF_ROLES
from web.common.policy import public

from .forms import SetPasswordForm

# What each refusal's page is called, and the status it answers with: a link we never made is
# "not found"; one that worked once and no longer does is "gone".
REFUSALS = {
    "unknown": ("This link is not recognised", 404),
    "expired": ("This invitation has expired", 410),
    "used": ("This invitation has already been accepted", 410),
}
WHAT_NEXT = {
    "unknown": "Ask the person who invited you to send you a new invitation.",
    "expired": "They can send you a new invitation from their list of invitations.",
    "used": "If you have forgotten your password, you can reset it from the sign-in page.",
}
PASSWORD_RULES = [
    "at least 12 characters",
    "not only numbers",
    "not a commonly used password",
    "not too like your name or email address",
]


def _refused(request, refusal: InvitationLinkRefused):
    title, status = REFUSALS.get(refusal.code, REFUSALS["unknown"])
    return render(
        request,
        "accounts/invitation_refused.html",
        {"page_title": title, "paragraphs": [f"{refusal}.", WHAT_NEXT.get(refusal.code, "")], "code": refusal.code},
        status=status,
    )


def _to_sign_in(request):
    messages.info(request, "You already have a password. Sign in with your email address and password.")
    return redirect("accounts:sign-in")


@public
def accept(request, token):
    """Accept your invitation: choose a password (Django's password validators)."""
    try:
        invitation = invitation_open(token)
    except InvitationLinkRefused as refusal:
        return _refused(request, refusal)
    if invitation.user.has_usable_password():
        return _to_sign_in(request)
    form = SetPasswordForm(invitation.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_accept(token=token, password=form.cleaned_data["new_password1"])
        except InvitationLinkRefused as refusal:
            if refusal.code == "has_password":
                return _to_sign_in(request)
            return _refused(request, refusal)
        except ValidationError as problems:
            form.add_error("new_password1", problems)
        else:
            user = invitation.user
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session["next_after_sign_in"] = reverse("portal:home")
            if needs_two_factor(user):
                messages.success(request, "Your password is saved. Now set up an authenticator app to finish.")
                return redirect("accounts:two-factor-setup")
            messages.success(
                request, f"Your password is saved and you are signed in. Welcome to {invitation.organisation.name}."
            )
            return redirect("portal:home")
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "page_title": "Accept your invitation",
            "form": form,
            "invitation": invitation,
            "password_rules": PASSWORD_RULES,
            "staff": invitation.role in STAFF_ROLES,
        },
    )
