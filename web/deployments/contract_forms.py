"""The forms of the contract pages. They only parse input, with GOV.UK messages; the rules (dates
in order, the leader's school's rate within the day rate, who may agree) are the services'
(domain/deployments/contract_services.py)."""

from django import forms

from domain.deployments.models import Payer
from web.common.fields import DateInputField, reason_field


def _money(what: str, *, required_message: str) -> forms.DecimalField:
    return forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        error_messages={
            "required": required_message,
            "invalid": f"{what} must be an amount of money, like 450 or 450.50",
            "min_value": f"{what} must be £0 or more",
            "max_digits": f"{what} must be less than £1,000,000",
            "max_whole_digits": f"{what} must be less than £1,000,000",
            "max_decimal_places": f"{what} must have no more than 2 numbers after the decimal point",
        },
    )


class TermsForm(forms.Form):
    action_plan = forms.CharField(
        max_length=10000,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter the action plan",
            "max_length": "The action plan must be 10,000 characters or fewer",
        },
    )
    schedule = forms.CharField(
        max_length=4000,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter the schedule of the work",
            "max_length": "The schedule must be 4,000 characters or fewer",
        },
    )
    days = forms.DecimalField(
        min_value=0.5,
        max_digits=4,
        decimal_places=1,
        error_messages={
            "required": "Enter the number of days",
            "invalid": "The number of days must be a number, like 4 or 4.5",
            "min_value": "The number of days must be at least half a day",
            "max_digits": "The number of days must be 200 or fewer",
            "max_whole_digits": "The number of days must be 200 or fewer",
            "max_decimal_places": "The number of days must be in whole or half days, like 4 or 4.5",
        },
    )
    starts_on = DateInputField("The start date")
    ends_on = DateInputField("The end date")
    payer = forms.ChoiceField(
        choices=Payer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who pays", "invalid_choice": "Select who pays"},
    )
    payer_name = forms.CharField(
        required=False,
        max_length=200,
        error_messages={"max_length": "The name of who pays must be 200 characters or fewer"},
    )
    day_rate = _money("The day rate", required_message="Enter the day rate")
    leader_school_rate = _money("The rate paid to the leader's school", required_message="Enter the rate")

    def clean(self):
        data = super().clean()
        if data.get("payer") and data["payer"] != Payer.NOBODY:
            if not (data.get("payer_name") or "").strip() and "payer_name" not in self.errors:
                self.add_error("payer_name", "Enter the name of the school, trust or body that pays")
            if data.get("day_rate") is None and "day_rate" not in self.errors:
                self.add_error("day_rate", "Enter the day rate")
            if data.get("leader_school_rate") is None and "leader_school_rate" not in self.errors:
                self.add_error("leader_school_rate", "Enter the rate paid to the leader's school")
        return data


def _text(label: str, limit: int, *, textarea=False) -> forms.CharField:
    return forms.CharField(
        max_length=limit,
        widget=forms.Textarea if textarea else forms.TextInput,
        error_messages={
            "required": f"Enter {label}",
            "max_length": f"{label[0].upper()}{label[1:]} must be {limit:,} characters or fewer",
        },
    )


class MeasureForm(forms.Form):
    objective = _text("the objective", 2000, textarea=True)
    measure = _text("the measure", 300)
    baseline = _text("the baseline", 300)
    target = _text("the target", 300)
    method = _text("how it is measured", 300)
    when_measured = _text("when it is measured", 200)


class ConfirmForm(forms.Form):
    """Removing a measure or sending the contract: the button is the answer."""


class ChangeForm(forms.Form):
    summary = reason_field("Enter what changes in the new version", noun="summary")


class WithdrawForm(forms.Form):
    reason = reason_field("Enter why you are withdrawing this version", noun="reason")


class AgreeForm(forms.Form):
    """One party's agreement (prefixed with the party, which is posted as `party`), naming by its
    digest the version the person read."""

    digest = forms.CharField(max_length=64, widget=forms.HiddenInput, error_messages={"required": "Read the contract"})
    confirm = forms.BooleanField(error_messages={"required": "Confirm that you have read the contract and agree to it"})

    def __init__(self, *args, number=None, **kwargs):
        super().__init__(*args, **kwargs)
        if number is not None:
            self.fields["confirm"].error_messages["required"] = (
                f"Confirm that you have read version {number} and agree to it"
            )
