"""Forms of the invoice pages: the list's filters, drafting an invoice, marking it paid, cancelling."""

from decimal import Decimal

from django import forms

from domain.deployments.workflows import InvoiceStatus
from web.common.fields import DateInputField, reason_field


class InvoiceFilterForm(forms.Form):
    """The alliance's invoices list filters (GET). An unknown value is reported and not applied."""

    status = forms.ChoiceField(
        required=False,
        choices=[("", "All statuses"), *InvoiceStatus.choices],
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    year = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a year from the list"},
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "All years"), *((y, str(y)) for y in years)]

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        return {"status": data.get("status") or "", "year": data.get("year")}


class DraftForm(forms.Form):
    days = forms.DecimalField(
        min_value=Decimal("0.5"),
        max_digits=4,
        decimal_places=1,
        error_messages={
            "required": "Enter the number of days to invoice",
            "invalid": "Enter the number of days as a number, like 2 or 1.5",
            "min_value": "The number of days must be 0.5 or more",
            "max_digits": "The number of days must be 999 or fewer",
            "max_decimal_places": "Enter the number of days to one decimal place at most, like 1.5",
            "max_whole_digits": "The number of days must be 999 or fewer",
        },
    )


class PaidForm(forms.Form):
    paid_on = DateInputField("The date the invoice was paid")


class CancelForm(forms.Form):
    reason = reason_field("Enter why you are cancelling the invoice")
