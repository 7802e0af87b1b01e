"""Creating an account to apply: the question page (name, e-mail address, password), "check your
email", the confirmation link (which signs the person in and takes them where they were going),
and asking for a new link. The services are domain/accounts/registration.py."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import login, password_validation
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from domain.accounts import registration as services
from domain.accounts.models import User
from domain.accounts.rate_limits import rate_limit_hit
from web.common.client_address import client_address
from web.common.policy import public

EMAIL_MESSAGES = {
    "required": "Enter your email address",
    "invalid": "Enter an email address in the correct format, like name@example.com",
}


class RegisterForm(forms.Form):
    full_name = forms.CharField(max_length=150, error_messages={"required": "Enter your full name"})
    email = forms.EmailField(max_length=254, error_messages=EMAIL_MESSAGES)
    password = forms.CharField(strip=False, error_messages={"required": "Enter a password"})

    def clean(self):
        """The password's rules are checked whatever else is wrong, so each field says its own."""
        data = super().clean()
        if data.get("password"):
            person = User(email=data.get("email") or "", full_name=data.get("full_name") or "")
            try:
                password_validation.validate_password(data["password"], user=person)
            except ValidationError as invalid:
                self.add_error("password", invalid.messages[0])
        return data


class ResendForm(forms.Form):
    email = forms.EmailField(max_length=254, error_messages=EMAIL_MESSAGES)


def _next(request) -> str:
    """Where to go once the e-mail is confirmed: a path in this service, or nowhere."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return services.safe_next(candidate)
    return ""


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}" if next_url else reverse(name)


def password_rules() -> list[str]:
    return password_validation.password_validators_help_texts()


@public
def register(request):
    if request.user.is_authenticated:
        return redirect(_next(request) or "portal:home")
    next_url = _next(request)
    form = RegisterForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # Each account e-mails a confirmation link: limited per address (ADR 17).
        refused = rate_limit_hit(action="registration", keys={"address": client_address(request)}, path=request.path)
        if refused:
            form.add_error(None, refused.message)
            status = 429
        else:
            try:
                services.registration_start(**form.cleaned_data, next_url=next_url)
            except services.RegistrationInvalid as invalid:
                for field, message in invalid.errors.items():
                    form.add_error(field, message)
            else:
                request.session["registered_email"] = form.cleaned_data["email"].lower()
                return redirect(_with_next("accounts:register-sent", next_url))
    return render(
        request,
        "accounts/register.html",
        {
            "page_title": "Create an account",
            "form": form,
            "next": next_url,
            "password_rules": password_rules(),
        },
        status=status,
    )


@public
def register_sent(request):
    return render(
        request,
        "accounts/register_sent.html",
        {
            "page_title": "Check your email",
            "email": request.session.get("registered_email", ""),
            "resend_url": _with_next("accounts:register-resend", _next(request)),
        },
    )


@public
def register_confirm(request, uidb64, token):
    """GET shows a button (so that a mail scanner opening the link does not use it up); POST
    confirms, signs the person in and goes on to where they were going."""
    next_url = _next(request)
    if request.method == "POST":
        user = services.registration_confirm(uidb64=uidb64, token=token)
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Your email address is confirmed and you are signed in")
            return redirect(next_url or "portal:home")
    elif services.user_from_link(uidb64, token) is not None:
        return render(
            request,
            "accounts/register_confirm.html",
            {"page_title": "Confirm your email address", "next": next_url},
        )
    return render(
        request,
        "accounts/register_link_refused.html",
        {
            "page_title": "This link has expired or has already been used",
            "resend_url": _with_next("accounts:register-resend", next_url),
        },
        status=410,
    )


@public
def register_resend(request):
    next_url = _next(request)
    form = ResendForm(request.POST or None, initial={"email": request.session.get("registered_email", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        # Each request e-mails a link: limited per address, as creating an account is (ADR 17).
        refused = rate_limit_hit(
            action="confirmation_link", keys={"address": client_address(request)}, path=request.path
        )
        if refused:
            form.add_error(None, refused.message)
            status = 429
        else:
            services.registration_resend(email=form.cleaned_data["email"], next_url=next_url)
            request.session["registered_email"] = form.cleaned_data["email"].lower()
            return redirect(_with_next("accounts:register-sent", next_url))
    return render(
        request,
        "accounts/register_resend.html",
        {"page_title": "Get a new confirmation link", "form": form, "next": next_url},
        status=status,
    )
