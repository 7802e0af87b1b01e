"""Forms of the cause for concern pages: raise, escalate, resolve."""

from django import forms

from domain.deployments.concern_services import SUMMARY_LIMIT
from domain.deployments.models import ConcernSeverity
from web.common.fields import reason_field


def severity_options() -> list[dict]:
    """Each severity as a radio with its hint: "High" with "The deployment or pupils are at risk"."""
    options = []
    for value, label in ConcernSeverity.choices:
        text, _, hint = label.partition(": ")
        options.append({"value": value, "text": text, "hint": hint[:1].upper() + hint[1:]})
    return options


class RaiseForm(forms.Form):
    severity = forms.ChoiceField(
        choices=ConcernSeverity.choices,
        error_messages={
            "required": "Select how serious the concern is",
            "invalid_choice": "Select how serious the concern is",
        },
    )
    summary = forms.CharField(
        max_length=SUMMARY_LIMIT,
        error_messages={
            "required": "Enter a summary of the concern",
            "max_length": f"The summary must be {SUMMARY_LIMIT} characters or fewer",
        },
    )
    details = reason_field("Enter the details of the concern", noun="details", name="The details")


class EscalateForm(forms.Form):
    reason = reason_field("Enter why you are escalating the concern")


class ResolveForm(forms.Form):
    resolution = reason_field("Enter how the concern was resolved", noun="resolution")
