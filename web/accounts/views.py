"""Signing in with a password and a second factor, signing out, and resetting a password."""

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from domain.accounts import services
from domain.accounts.policies import is_signed_in, needs_two_factor
from domain.accounts.rate_limits import rate_limit_hit
from web.common.client_address import client_address
from web.common.policy import policy, public

from .forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm, SignInForm, TokenForm


def _next_url(request, default="portal:home"):
    candidate = request.POST.get("next") or request.GET.get("next") or request.session.get("next_after_sign_in")
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse_lazy(default)


WRONG_CODE = "The code is wrong or has expired. Enter the latest code from your app"
TOO_MANY_CODES = "You entered a wrong code too many times. Wait a minute, then enter the latest code"


def _code_allowed(device, form) -> bool:
    """django-otp slows down guessing: after a wrong code the next try must wait a little longer."""
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        form.add_error("otp_token", TOO_MANY_CODES)
    return allowed


@public
def sign_in(request):
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend="django.contrib.auth.backends.ModelBackend")
        request.session["next_after_sign_in"] = str(_next_url(request))
        if services.two_factor_device_for(form.user, confirmed=True) or needs_two_factor(form.user):
            return redirect("accounts:two-factor")
        return redirect(request.session.pop("next_after_sign_in"))
    return render(
        request, "accounts/sign_in.html", {"form": form, "page_title": "Sign in", "next": request.GET.get("next", "")}
    )


@policy(is_signed_in, second_factor=False)
def two_factor(request):
    """Give the code from an authenticator app; or, the first time, set one up."""
    user = request.user
    if user.is_verified():
        return redirect(request.session.pop("next_after_sign_in", None) or "portal:home")
    device = services.two_factor_device_for(user, confirmed=True)
    if device is None:
        return redirect("accounts:two-factor-setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _code_allowed(device, form):
        if device.verify_token(form.cleaned_data["otp_token"]):
            otp_login(request, device)
            return redirect(request.session.pop("next_after_sign_in", None) or "portal:home")
        form.add_error("otp_token", WRONG_CODE)
    return render(
        request, "accounts/two_factor.html", {"form": form, "page_title": "Enter the code from your authenticator app"}
    )


@policy(is_signed_in, second_factor=False)
def two_factor_setup(request):
    user = request.user
    if user.is_verified() or (services.two_factor_device_for(user, confirmed=True) and not user.is_verified()):
        return redirect("accounts:two-factor")
    device = services.two_factor_device_for(user, confirmed=False) or services.two_factor_setup_start(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _code_allowed(device, form):
        if services.two_factor_setup_confirm(user=user, device=device, token=form.cleaned_data["otp_token"]):
            device.refresh_from_db()
            otp_login(request, device)
            messages.success(
                request, "Your authenticator app is set up. You will need a code from it each time you sign in."
            )
            return redirect(request.session.pop("next_after_sign_in", None) or "portal:home")
        form.add_error("otp_token", WRONG_CODE)
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code for your authenticator app")
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "page_title": "Set up an authenticator app", "qr_svg": qr, "secret": secret},
    )


@public
def sign_out(request):
    """Signing out is a POST from the header's button, so that no link, image or other site can sign
    a person out; asking for the address only offers the button (issue 13)."""
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("public:start")
    if not request.user.is_authenticated:
        return redirect("public:start")
    return render(request, "accounts/sign_out.html", {"page_title": "Sign out?"})


@policy(is_signed_in)
def account(request):
    return render(
        request,
        "accounts/account.html",
        {
            "page_title": "Your account",
            "has_two_factor": bool(services.two_factor_device_for(request.user, confirmed=True)),
        },
    )


@require_POST
@policy(is_signed_in)
def sign_out_everywhere(request):
    user = services.user_sign_out_everywhere(user=request.user)
    update_session_auth_hash(request, user)
    messages.success(request, "You have been signed out on every other device.")
    return redirect("accounts:account")


password_change = policy(is_signed_in)(
    auth_views.PasswordChangeView.as_view(
        form_class=PasswordChangeForm,
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password-change-done"),
        extra_context={"page_title": "Change your password"},
    )
)
password_change_done = policy(is_signed_in)(
    auth_views.PasswordChangeDoneView.as_view(
        template_name="accounts/message.html",
        extra_context={
            "page_title": "Your password has been changed",
            "paragraphs": ["Use your new password next time you sign in."],
        },
    )
)


class LimitedPasswordReset(auth_views.PasswordResetView):
    """Each request e-mails a link: limited per address and per e-mail address (ADR 17). The
    limit is the same whether or not an account uses the address, so it tells nothing."""

    @property
    def extra_email_context(self):
        """The link starts with the service's own address, never the host the request named."""
        return {"service_base_url": settings.SERVICE_BASE_URL.rstrip("/"), "service_name": settings.SERVICE_NAME}

    def form_valid(self, form):
        keys = {"address": client_address(self.request), "email": form.cleaned_data["email"]}
        refused = rate_limit_hit(action="password_reset", keys=keys, path=self.request.path)
        if refused:
            form.add_error(None, refused.message)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


password_reset = public(
    LimitedPasswordReset.as_view(
        form_class=PasswordResetForm,
        template_name="accounts/password_reset.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password-reset-sent"),
        extra_context={"page_title": "Reset your password"},
    )
)
password_reset_sent = public(
    auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/message.html",
        extra_context={
            "page_title": "Check your email",
            "paragraphs": [
                "If an account uses that email address, we have sent it a link to reset the password.",
                "The link works once and expires after 2 hours.",
            ],
        },
    )
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=SetPasswordForm,
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password-reset-complete"),
        extra_context={"page_title": "Choose a new password"},
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/message.html",
        extra_context={
            "page_title": "Your password has been reset",
            "paragraphs": ["You can now sign in with your new password."],
        },
    )
)
