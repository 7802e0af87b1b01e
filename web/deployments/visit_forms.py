"""Forms of the visits pages: planning a visit, writing its note, cancelling it, and asking for
and deciding on more days. The services check the rules again; these give GOV.UK messages."""

from decimal import Decimal

from django import forms

from domain.deployments.visit_services import MAX_HOURS_PER_VISIT, TEXT_LIMIT, Note
from web.common.fields import DateInputField, reason_field

DAYS_CHOICES = [("0.5", "Half a day"), ("1", "A whole day")]


def _text(noun: str) -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea,
        error_messages={"max_length": f"The {noun} must be {TEXT_LIMIT:,} characters or fewer"},
    )


class PlanForm(forms.Form):
    visited_on = DateInputField("The date of the visit")


class NoteForm(forms.Form):
    """The note of visit. Everything may be left empty in a draft; sharing needs every part."""

    hours = forms.DecimalField(
        required=False,
        min_value=Decimal("0.1"),
        max_value=MAX_HOURS_PER_VISIT,
        max_digits=3,
        decimal_places=1,
        error_messages={
            "invalid": "Enter the hours of support as a number, like 5 or 5.5",
            "min_value": "The hours of support must be more than 0",
            "max_value": f"The hours of support must be {MAX_HOURS_PER_VISIT} or fewer",
            "max_decimal_places": "Enter the hours of support to one decimal place, like 5 or 5.5",
            "max_digits": f"The hours of support must be {MAX_HOURS_PER_VISIT} or fewer",
        },
    )
    days = forms.ChoiceField(
        required=False,
        choices=DAYS_CHOICES,
        error_messages={"invalid_choice": "Select half a day or a whole day"},
    )
    activities = _text("activities")
    findings = _text("findings")
    next_steps = _text("next steps")

    REQUIRED_TO_SHARE = {
        "hours": "Enter the hours of support",
        "days": "Select how many days to log",
        "activities": "Enter what you did",
        "findings": "Enter what you found",
        "next_steps": "Enter the next steps",
    }

    def __init__(self, *args, sharing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sharing = sharing

    def clean(self):
        data = super().clean()
        if self.sharing:
            for name, message in self.REQUIRED_TO_SHARE.items():
                if name not in self.errors and not data.get(name):
                    self.add_error(name, message)
        return data

    def note(self) -> Note:
        data = self.cleaned_data
        return Note(
            hours=data.get("hours"),
            days=Decimal(data["days"]) if data.get("days") else None,
            activities=data.get("activities", ""),
            findings=data.get("findings", ""),
            next_steps=data.get("next_steps", ""),
        )


class RecordForm(NoteForm):
    """A visit recorded after the event: its date and its note, shared at once."""

    visited_on = DateInputField("The date of the visit")
    field_order = ["visited_on", "hours", "days", "activities", "findings", "next_steps"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, sharing=True, **kwargs)


class CancelForm(forms.Form):
    reason = reason_field("Enter why the visit is cancelled")


class VariationRequestForm(forms.Form):
    days = forms.DecimalField(
        min_value=Decimal("0.5"),
        max_value=Decimal("65"),
        max_digits=3,
        decimal_places=1,
        error_messages={
            "required": "Enter how many more days are needed",
            "invalid": "Enter the extra days as a number, like 1 or 1.5",
            "min_value": "Enter the extra days as 0.5 or more",
            "max_value": "Enter the extra days as 65 or fewer",
            "max_digits": "Enter the extra days as 65 or fewer",
            "max_decimal_places": "Enter the extra days in whole or half days",
        },
    )
    reason = reason_field("Enter why more days are needed")

    def clean_days(self):
        days = self.cleaned_data["days"]
        if days * 2 != (days * 2).to_integral_value():
            raise forms.ValidationError("Enter the extra days in whole or half days")
        return days


class VariationDecideForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve the extra days"), ("refuse", "Refuse the extra days")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether to approve or refuse the extra days",
            "invalid_choice": "Select whether to approve or refuse the extra days",
        },
    )
    reason = reason_field()

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not data.get("reason", "").strip():
            self.add_error("reason", "Enter why the extra days are refused")
        return data
