"""Forms of the regional register: its filters, and publishing a memorandum of understanding."""

import datetime as dt

from django import forms

from domain.designation.models import DesignationRole, add_months
from domain.designation.workflows import DesignationStatus

# "Ends within": the value in the address, its label, and how far ahead it reaches from a day.
ENDS_WITHIN = {
    "90-days": ("90 days", lambda today: today + dt.timedelta(days=90)),
    "6-months": ("6 months", lambda today: add_months(today, 6)),
    "12-months": ("12 months", lambda today: add_months(today, 12)),
}


class RegisterFilterForm(forms.Form):
    """The register's filters (GET). An unknown value is reported on its field and not applied."""

    q = forms.CharField(
        required=False, max_length=100, error_messages={"max_length": "Name must be 100 characters or fewer"}
    )
    role = forms.ChoiceField(
        required=False,
        choices=[("", "All roles"), *DesignationRole.choices],
        error_messages={"invalid_choice": "Choose a role from the list"},
    )
    status = forms.ChoiceField(
        required=False,
        choices=[("", "All statuses"), *DesignationStatus.choices],
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    organisation = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose an alliance, hub or grouping from the list"},
    )
    ends_within = forms.ChoiceField(
        required=False,
        choices=[("", "Any time"), *((value, label) for value, (label, _) in ENDS_WITHIN.items())],
        error_messages={"invalid_choice": "Choose when the term ends from the list"},
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "All alliances and hubs"), *organisations]

    def filters(self, today: dt.date) -> dict:
        """The valid filters as `selectors.register_rows` arguments; an invalid one is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        filters = {
            "role": data.get("role") or "",
            "status": data.get("status") or "",
            "organisation_id": data.get("organisation"),
            "q": data.get("q") or "",
        }
        ends_within = data.get("ends_within")
        if ends_within:
            _, reach = ENDS_WITHIN[ends_within]
            filters["expiring_within_days"] = (reach(today) - today).days
        return filters


class MemorandumForm(forms.Form):
    region = forms.TypedChoiceField(
        coerce=int,
        error_messages={
            "required": "Choose the region the memorandum is for",
            "invalid_choice": "Choose a region you represent",
        },
    )
    title = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter a title for the memorandum",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    body = forms.CharField(
        widget=forms.Textarea,
        max_length=20000,
        error_messages={
            "required": "Enter the text of the memorandum",
            "max_length": "The text of the memorandum must be 20,000 characters or fewer",
        },
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "Choose a region"), *((r.pk, r.name) for r in regions)]
        if len(regions) == 1:
            # One region: nothing to choose, so the question is not asked.
            del self.fields["region"]
