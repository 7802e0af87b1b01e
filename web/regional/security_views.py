"""Security events (issue 13): the regional representative searches sign-in failures, lockouts,
second-factor resets, refused access, refused requests and downloads of personal data of the
people and organisations of their region (domain/audit/security_selectors.py says what is shown)."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render

from domain.accounts.policies import can_use_regional_admin
from domain.audit.security_events import KINDS, SIGN_IN_KINDS
from domain.audit.security_selectors import security_events_for
from web.common.fields import DateInputField
from web.common.policy import policy

PER_PAGE = 25


class OptionalDate(DateInputField):
    def clean(self, value):
        if not any(value or []):
            return None
        return super().clean(value)


class SecurityEventFilterForm(forms.Form):
    kind = forms.ChoiceField(required=False, choices=[("", "All kinds"), *KINDS.items()])
    email = forms.EmailField(
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    since = OptionalDate("The first day", required=False)
    until = OptionalDate("The last day", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["invalid_choice"] = "Choose one of the kinds in the list"

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", "The last day must be the same as or after the first day")
        return data


def _who(event) -> str:
    if event.actor is not None:
        return f"{event.actor.full_name or event.actor.email} ({event.actor.email})"
    if event.action in SIGN_IN_KINDS and event.data.get("email"):
        return event.data["email"]
    return event.subject_label or "Someone not signed in"


def _details(event) -> str:
    data = event.data or {}
    address = f"From address {data['address']}" if data.get("address") else ""
    if event.action in SIGN_IN_KINDS:
        return address
    if event.action == "security.access.refused":
        status = "not found" if data.get("status") == 404 else "not allowed"
        return f"{data.get('path', '')} ({status})"
    if event.action == "security.rate_limit.refused":
        return "; ".join(p for p in (f"Too many requests {data.get('limited', '')}", address) if p)
    if event.action == "security.download":
        rows = data.get("rows")
        counted = f": {rows} {'row' if rows == 1 else 'rows'}" if rows is not None else ""
        return f"{data.get('what', '')}{counted}"
    if event.action == "accounts.two_factor.reset":
        return f"For {event.subject_label}. Reason: {event.reason}"
    return ""


@policy(can_use_regional_admin)
def security_events(request):
    form = SecurityEventFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {"kind": data["kind"], "email": data["email"], "since": data["since"], "until": data["until"]}
    page = Paginator(security_events_for(request.user, **filters), PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {"when": event.occurred_at, "kind": KINDS[event.action], "who": _who(event), "details": _details(event)}
        for event in page
    ]
    return render(
        request,
        "regional/security_events.html",
        {"page_title": "Security events", "form": form, "page": page, "rows": rows},
        status=400 if form.errors else 200,
    )
